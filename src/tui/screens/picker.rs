//! The Practice picker: choose packs and topics (a checkbox tree) and how many questions. It
//! opens as it was last left (selection, cursor, count); `o` keeps only the highlighted pack or
//! topic, `n` clears everything, `A` selects everything.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::library::Library;
use crate::tui::app::{Effect, Model, Msg, Request, Screen};
use crate::tui::keymap::Action;
use crate::tui::theme::Theme;

/// One row of the tree: a pack or one of its topics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub pack: String,
    /// `None` for the pack row itself.
    pub topic: Option<String>,
    pub title: String,
    pub questions: usize,
    pub on: bool,
}

#[derive(Debug, Clone)]
pub struct PickerState {
    pub rows: Vec<Row>,
    pub cursor: usize,
    pub count: usize,
}

/// Counts offered by `+`/`-`.
pub const COUNTS: [usize; 7] = [5, 10, 20, 30, 50, 65, 100];

impl PickerState {
    pub fn new(lib: &Library) -> Self {
        let mut rows = Vec::new();
        for p in &lib.packs {
            rows.push(Row {
                pack: p.id.clone(),
                topic: None,
                title: p.title.clone(),
                questions: p.questions.len(),
                on: true,
            });
            for t in &p.topics {
                let n = p.questions.iter().filter(|q| q.topic == t.id).count();
                rows.push(Row {
                    pack: p.id.clone(),
                    topic: Some(t.id.clone()),
                    title: t.title.clone(),
                    questions: n,
                    on: true,
                });
            }
        }
        PickerState {
            rows,
            cursor: 0,
            count: 20,
        }
    }

    /// The picker as last left (`last`), fitted to the packs loaded now: topics it did not know
    /// start selected, vanished ones are dropped.
    pub fn restore(lib: &Library, last: &PickerState) -> Self {
        let mut p = PickerState::new(lib);
        for r in &mut p.rows {
            if let Some(old) = last
                .rows
                .iter()
                .find(|o| o.pack == r.pack && o.topic == r.topic)
            {
                r.on = old.on;
            }
        }
        let packs: Vec<String> = p
            .rows
            .iter()
            .filter(|r| r.topic.is_none())
            .map(|r| r.pack.clone())
            .collect();
        for pack in packs {
            p.sync_pack(&pack);
        }
        p.cursor = last.cursor.min(p.rows.len().saturating_sub(1));
        p.count = last.count;
        p
    }

    /// A pack row is on when any of its topics is (a pack without topics keeps its own mark).
    fn sync_pack(&mut self, pack: &str) {
        let topics: Vec<bool> = self
            .rows
            .iter()
            .filter(|r| r.pack == pack && r.topic.is_some())
            .map(|r| r.on)
            .collect();
        if topics.is_empty() {
            return;
        }
        if let Some(p) = self
            .rows
            .iter_mut()
            .find(|r| r.pack == pack && r.topic.is_none())
        {
            p.on = topics.iter().any(|&on| on);
        }
    }

    /// Some but not all topics of pack row `i` are selected: drawn `[-]`.
    pub fn partial(&self, i: usize) -> bool {
        let Some(row) = self.rows.get(i).filter(|r| r.topic.is_none()) else {
            return false;
        };
        let topics: Vec<bool> = self
            .rows
            .iter()
            .filter(|r| r.pack == row.pack && r.topic.is_some())
            .map(|r| r.on)
            .collect();
        topics.iter().any(|&on| on) && !topics.iter().all(|&on| on)
    }

    /// Selects everything (`on`) or nothing.
    fn set_all(&mut self, on: bool) {
        for r in &mut self.rows {
            r.on = on;
        }
    }

    /// Keeps only the highlighted pack (all its topics) or topic selected.
    fn only_this(&mut self) {
        let Some(row) = self.rows.get(self.cursor).cloned() else {
            return;
        };
        for r in &mut self.rows {
            r.on = r.pack == row.pack && (row.topic.is_none() || r.topic == row.topic);
        }
        self.sync_pack(&row.pack);
    }

    /// The selected topics as `pack/topic` keys.
    pub fn topics(&self) -> Vec<String> {
        self.rows
            .iter()
            .filter(|r| r.on)
            .filter_map(|r| r.topic.as_ref().map(|t| format!("{}/{t}", r.pack)))
            .collect()
    }

    pub fn available(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| r.on && r.topic.is_some())
            .map(|r| r.questions)
            .sum()
    }

    fn toggle(&mut self) {
        let Some(row) = self.rows.get(self.cursor).cloned() else {
            return;
        };
        let on = !row.on;
        if row.topic.is_none() {
            for r in self.rows.iter_mut().filter(|r| r.pack == row.pack) {
                r.on = on;
            }
        } else {
            self.rows[self.cursor].on = on;
            self.sync_pack(&row.pack);
        }
    }
}

pub fn update(model: &mut Model, msg: Msg) -> Vec<Effect> {
    let Screen::Picker(p) = &mut model.screen else {
        return Vec::new();
    };
    match msg {
        Msg::Key(Action::Up) => p.cursor = p.cursor.saturating_sub(1),
        Msg::Key(Action::Down) => p.cursor = (p.cursor + 1).min(p.rows.len().saturating_sub(1)),
        Msg::Key(Action::Toggle) => p.toggle(),
        Msg::Key(Action::Only) => p.only_this(),
        Msg::Key(Action::SelectNone) => p.set_all(false),
        Msg::Key(Action::SelectAll) => p.set_all(true),
        Msg::Key(Action::More) => {
            p.count = COUNTS
                .iter()
                .copied()
                .find(|&c| c > p.count)
                .unwrap_or(p.count)
        }
        Msg::Key(Action::Less) => {
            p.count = COUNTS
                .iter()
                .rev()
                .copied()
                .find(|&c| c < p.count)
                .unwrap_or(p.count)
        }
        Msg::Key(Action::Confirm) => {
            let topics = p.topics();
            if topics.is_empty() {
                model.status = Some("Select at least one topic (Space).".into());
                return Vec::new();
            }
            model.last_picker = Some(p.clone());
            return vec![Effect::Start(Request::Practice {
                packs: Vec::new(),
                topics,
                count: Some(p.count),
            })];
        }
        Msg::Key(Action::Back) => {
            model.last_picker = Some(p.clone());
            model.go_home();
        }
        Msg::Key(Action::Quit) => {
            return model.quit();
        }
        _ => {}
    }
    Vec::new()
}

pub fn render(f: &mut Frame, area: Rect, p: &PickerState, theme: &Theme) {
    let inner_h = area.height.saturating_sub(4) as usize;
    let first = p.cursor.saturating_sub(inner_h.saturating_sub(1));
    let mut lines = vec![
        Line::styled(
            format!(
                "Questions per session: {}  (of {} selected)   +/- to change",
                p.count.min(p.available()),
                p.available()
            ),
            theme.accent,
        ),
        Line::default(),
    ];
    for (i, r) in p.rows.iter().enumerate().skip(first).take(inner_h) {
        let mark = if p.partial(i) {
            "[-]"
        } else if r.on {
            "[x]"
        } else {
            "[ ]"
        };
        let cursor = if i == p.cursor { "▶" } else { " " };
        let indent = if r.topic.is_some() { "    " } else { "" };
        let style = if i == p.cursor {
            theme.selected
        } else if r.topic.is_none() {
            theme.title
        } else {
            theme.base
        };
        lines.push(Line::styled(
            format!("{cursor} {indent}{mark} {} ({})", r.title, r.questions),
            style,
        ));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(" Practice: choose packs and topics ")
        .title_style(theme.title);
    f.render_widget(Paragraph::new(lines).block(block), area);
}

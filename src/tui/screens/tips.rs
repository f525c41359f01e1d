//! The Tips screen: every exam tip grouped by topic, searchable with `/`, each leading to the
//! questions that use it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::library::{Library, QRef};
use crate::study::Kind;
use crate::tui::app::{Effect, Model, Msg, Request, Screen};
use crate::tui::keymap::Action;
use crate::tui::theme::Theme;
use crate::tui::widgets::text::wrap;

#[derive(Debug, Clone, Default)]
pub struct TipsState {
    pub query: String,
    pub searching: bool,
    pub selected: usize,
}

/// A tip as listed: where it is and the questions linked to it.
pub struct Entry<'a> {
    pub pack: &'a str,
    pub topic: String,
    pub text: &'a str,
    pub questions: Vec<QRef>,
}

/// Tips matching the query (case-insensitive, over tip text and topic title), grouped by pack and topic.
pub fn entries<'a>(lib: &'a Library, query: &str) -> Vec<Entry<'a>> {
    let q = query.to_lowercase();
    let mut out = Vec::new();
    for (pi, pack) in lib.packs.iter().enumerate() {
        for topic in &pack.topics {
            for tip in pack.tips.iter().filter(|t| t.topic == topic.id) {
                if !q.is_empty()
                    && !tip.text.to_lowercase().contains(&q)
                    && !topic.title.to_lowercase().contains(&q)
                {
                    continue;
                }
                let questions = pack
                    .questions
                    .iter()
                    .enumerate()
                    .filter(|(_, x)| x.tips.contains(&tip.id))
                    .map(|(qi, _)| QRef {
                        pack: pi,
                        question: qi,
                    })
                    .collect();
                out.push(Entry {
                    pack: &pack.title,
                    topic: topic.title.clone(),
                    text: &tip.text,
                    questions,
                });
            }
        }
    }
    out
}

pub fn update(model: &mut Model, msg: Msg) -> Vec<Effect> {
    let count = match &model.screen {
        Screen::Tips(t) => entries(&model.lib, &t.query).len(),
        _ => return Vec::new(),
    };
    let Screen::Tips(t) = &mut model.screen else {
        return Vec::new();
    };
    if t.searching {
        match msg {
            Msg::Char(c) => {
                t.query.push(c);
                t.selected = 0;
            }
            Msg::Backspace => {
                t.query.pop();
                t.selected = 0;
            }
            Msg::Key(Action::Confirm) => t.searching = false,
            Msg::Key(Action::Back) => {
                t.query.clear();
                t.searching = false;
            }
            _ => {}
        }
        return Vec::new();
    }
    match msg {
        Msg::Key(Action::Up) => t.selected = t.selected.saturating_sub(1),
        Msg::Key(Action::Down) => t.selected = (t.selected + 1).min(count.saturating_sub(1)),
        Msg::Key(Action::PageUp) => t.selected = t.selected.saturating_sub(5),
        Msg::Key(Action::PageDown) => t.selected = (t.selected + 5).min(count.saturating_sub(1)),
        Msg::Key(Action::Top) => t.selected = 0,
        Msg::Key(Action::Bottom) => t.selected = count.saturating_sub(1),
        Msg::Key(Action::Search) => t.searching = true,
        Msg::Key(Action::Confirm) => {
            let questions = entries(&model.lib, &t.query)
                .into_iter()
                .nth(t.selected)
                .map(|e| e.questions)
                .unwrap_or_default();
            if questions.is_empty() {
                model.status = Some("No question uses this tip yet.".into());
                return Vec::new();
            }
            return vec![Effect::Start(Request::Questions {
                kind: Kind::Practice,
                questions,
            })];
        }
        Msg::Key(Action::Back) => {
            if t.query.is_empty() {
                model.go_home();
            } else {
                t.query.clear();
                t.selected = 0;
            }
        }
        Msg::Key(Action::Quit) => {
            return model.quit();
        }
        _ => {}
    }
    Vec::new()
}

pub fn render(f: &mut Frame, area: Rect, model: &Model, t: &TipsState, theme: &Theme) {
    let [search, list] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
    ]));
    let list_entries = entries(&model.lib, &t.query);
    let prompt = if t.searching {
        Line::from(vec![
            Span::styled("/", theme.key),
            Span::raw(t.query.clone()),
            Span::styled("█", theme.accent),
        ])
    } else if t.query.is_empty() {
        Line::styled(
            format!("{} tips · / to search", list_entries.len()),
            theme.muted,
        )
    } else {
        Line::styled(
            format!(
                "{} tip{} matching \"{}\" · Esc clears",
                list_entries.len(),
                if list_entries.len() == 1 { "" } else { "s" },
                t.query
            ),
            theme.accent,
        )
    };
    f.render_widget(Paragraph::new(prompt), search);
    let width = list.width.saturating_sub(2) as usize;
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_line = 0;
    let mut last_group = String::new();
    for (i, e) in list_entries.iter().enumerate() {
        let group = format!("{} · {}", e.topic, e.pack);
        if group != last_group {
            if !lines.is_empty() {
                lines.push(Line::default());
            }
            lines.push(Line::styled(group.clone(), theme.title));
            last_group = group;
        }
        if i == t.selected {
            selected_line = lines.len();
        }
        let cursor = if i == t.selected { "▶ " } else { "  " };
        let style = if i == t.selected {
            theme.selected
        } else {
            theme.base
        };
        let suffix = format!(
            " ({} question{})",
            e.questions.len(),
            if e.questions.len() == 1 { "" } else { "s" }
        );
        lines.extend(wrap(
            &format!("{}{suffix}", e.text),
            width,
            Span::raw(cursor),
            "  ",
            style,
        ));
    }
    if list_entries.is_empty() {
        lines.push(Line::styled("No tips match.", theme.muted));
    }
    let h = list.height.saturating_sub(2) as usize;
    let scroll = selected_line.saturating_sub(h / 2);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(" Exam tips ")
        .title_style(theme.title);
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((u16::try_from(scroll).unwrap_or(0), 0)),
        list,
    );
}

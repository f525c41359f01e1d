//! The Home screen: today's plan, the actions, and the packs and topics with coverage and accuracy.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::study::Kind;
use crate::tui::app::{Effect, Model, Msg, Request, Screen};
use crate::tui::keymap::Action;
use crate::tui::screens::picker::PickerState;
use crate::tui::screens::stats::StatsState;
use crate::tui::screens::tips::TipsState;
use crate::tui::theme::Theme;
use crate::tui::widgets::text::{fit, truncate};

#[derive(Debug, Clone, Default)]
pub struct HomeState {
    pub selected: usize,
}

/// The home menu, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Review,
    Practice,
    Drill,
    Retake,
    Exam,
    Tips,
    Stats,
    Quit,
}

pub const ITEMS: [Item; 8] = [
    Item::Review,
    Item::Practice,
    Item::Drill,
    Item::Retake,
    Item::Exam,
    Item::Tips,
    Item::Stats,
    Item::Quit,
];

/// Questions a drill session asks by default.
pub const DRILL_COUNT: usize = 15;

fn label(model: &Model, item: Item) -> String {
    match item {
        Item::Review => format!(
            "Review due ({})",
            model.dash.due.today + model.dash.new_left.min(model.lib.question_count())
        ),
        Item::Practice => "Practice…".into(),
        Item::Drill => "Drill weak topics".into(),
        Item::Retake => format!("Retake last mistakes ({})", model.last_missed.len()),
        Item::Exam => "Mock exam…".into(),
        Item::Tips => "Exam tips".into(),
        Item::Stats => "Stats".into(),
        Item::Quit => "Quit".into(),
    }
}

pub fn update(model: &mut Model, msg: Msg) -> Vec<Effect> {
    let Screen::Home(h) = &mut model.screen else {
        return Vec::new();
    };
    match msg {
        Msg::Key(Action::Up) => h.selected = h.selected.saturating_sub(1),
        Msg::Key(Action::Down) => h.selected = (h.selected + 1).min(ITEMS.len() - 1),
        Msg::Key(Action::Confirm) => {
            let item = ITEMS[h.selected];
            return activate(model, item);
        }
        Msg::Key(Action::Drill) => return activate(model, Item::Drill),
        Msg::Key(Action::Filter) => return activate(model, Item::Tips),
        Msg::Key(Action::Browse) => return vec![Effect::Start(Request::Browse)],
        Msg::Key(Action::Quit | Action::Back) => {
            return model.quit();
        }
        Msg::Click { row, .. } => {
            // Rows of the menu start two lines below the top of the plan box (see `render`).
            if let Some(i) = usize::from(row).checked_sub(MENU_TOP)
                && i < ITEMS.len()
            {
                h.selected = i;
                return activate(model, ITEMS[i]);
            }
        }
        _ => {}
    }
    Vec::new()
}

fn activate(model: &mut Model, item: Item) -> Vec<Effect> {
    // Coming back (Esc, the end of a session) puts the cursor where it is now.
    if let Screen::Home(h) = &model.screen {
        model.home_cursor = h.selected;
    }
    match item {
        Item::Review => vec![Effect::Start(Request::Review)],
        Item::Practice => {
            model.screen = Screen::Picker(match &model.last_picker {
                Some(last) => PickerState::restore(&model.lib, last),
                None => PickerState::new(&model.lib),
            });
            Vec::new()
        }
        Item::Drill => vec![Effect::Start(Request::Drill {
            topic: None,
            count: DRILL_COUNT,
        })],
        Item::Retake if model.last_missed.is_empty() => {
            model.status = Some("No mistakes to retake yet.".into());
            Vec::new()
        }
        Item::Retake => vec![Effect::Start(Request::Questions {
            kind: Kind::Retake,
            questions: model.last_missed.clone(),
        })],
        Item::Exam => crate::tui::screens::exam::picker::open(model, None),
        Item::Tips => {
            model.screen = Screen::Tips(TipsState::default());
            Vec::new()
        }
        Item::Stats => {
            model.screen = Screen::Stats(StatsState::default());
            Vec::new()
        }
        Item::Quit => model.quit(),
    }
}

/// Screen row of the first menu item (box border, four plan lines, a blank line).
pub const MENU_TOP: usize = 6;

pub fn render(f: &mut Frame, area: Rect, model: &Model, h: &HomeState, theme: &Theme) {
    let [left, right] = area.layout(&Layout::horizontal([
        Constraint::Length(38),
        Constraint::Fill(1),
    ]));
    let d = &model.dash;
    let mut lines = vec![
        Line::styled("Today", theme.title),
        if d.backlog.1 > 1 {
            // More reviews due than one day's cap: how long the backlog takes.
            Line::from(vec![
                Span::styled(format!("{:>4}", d.backlog.0), theme.accent),
                Span::raw(format!(
                    " due: {} days at {}/day",
                    d.backlog.1, d.review_cap
                )),
            ])
        } else {
            Line::from(vec![
                Span::styled(format!("{:>4}", d.due.today), theme.accent),
                Span::raw(" due today"),
            ])
        },
        Line::from(vec![
            Span::styled(format!("{:>4}", d.new_left), theme.accent),
            Span::raw(" new questions left today"),
        ]),
        if d.streak == 0 {
            Line::styled("   - no streak yet: answer one today", theme.muted)
        } else {
            Line::from(vec![
                Span::styled(format!("{:>4}", d.streak), theme.accent),
                Span::raw("-day streak"),
            ])
        },
        Line::default(),
    ];
    for (i, item) in ITEMS.iter().enumerate() {
        let sel = i == h.selected;
        let text = format!("{} {}", if sel { "▶" } else { " " }, label(model, *item));
        lines.push(Line::styled(
            text,
            if sel { theme.selected } else { theme.base },
        ));
    }
    lines.push(Line::default());
    if d.weakest.is_empty() {
        lines.push(Line::styled("Weakest topics: none yet", theme.muted));
    } else {
        lines.push(Line::styled("Weakest topics", theme.title));
        for t in d.weakest.iter().take(3) {
            lines.push(Line::from(vec![
                Span::styled(format!("{:>4.0}% ", t.recall * 100.0), theme.incorrect),
                Span::raw(truncate(&t.title, 30)),
            ]));
        }
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(" decouple-quiz ")
        .title_style(theme.title);
    f.render_widget(Paragraph::new(lines).block(block), left);
    let right = render_notices(f, right, model, theme);
    let right = match &d.readiness {
        Some(r) => {
            let tall = right.height >= 36;
            let lines = crate::tui::screens::stats::exams::readiness_lines(
                r,
                right.width.saturating_sub(2) as usize,
                tall,
                theme,
            );
            let [top, rest] = right.layout(&Layout::vertical([
                Constraint::Length(lines.len() as u16 + 2),
                Constraint::Fill(1),
            ]));
            let block = Block::default()
                .borders(Borders::ALL)
                .border_style(theme.border)
                .title(format!(" Ready for {}? (Stats, Tab) ", r.now.exam))
                .title_style(theme.title);
            f.render_widget(Paragraph::new(lines).block(block), top);
            rest
        }
        None => right,
    };
    render_packs(f, right, model, theme);
}

/// The notices in full, line breaks kept (a config diagnostic shows its source line and caret),
/// in a box under the packs; at most half the pane, the status line counts them too. Returns
/// the room left for the packs.
fn render_notices(f: &mut Frame, area: Rect, model: &Model, theme: &Theme) -> Rect {
    if model.notices.is_empty() {
        return area;
    }
    let w = usize::from(area.width.saturating_sub(2));
    let mut lines = Vec::new();
    for n in &model.notices {
        for (i, part) in n.lines().enumerate() {
            let lead = if i == 0 { "⚠ " } else { "  " };
            lines.extend(crate::tui::widgets::text::wrap(
                part,
                w,
                Span::styled(lead, theme.warning),
                "  ",
                theme.base,
            ));
        }
    }
    let want = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let h = want.min(area.height / 2);
    let [packs, box_area] = area.layout(&Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(h),
    ]));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(format!(" Notices ({}) ", model.notices.len()))
        .title_style(theme.warning);
    f.render_widget(Paragraph::new(lines).block(block), box_area);
    packs
}

fn render_packs(f: &mut Frame, area: Rect, model: &Model, theme: &Theme) {
    let w = area.width.saturating_sub(2) as usize;
    // Narrow figure columns (15 cells in all) leave the names as much room as possible.
    let name_w = w.saturating_sub(15).max(10);
    let mut lines = vec![Line::styled(
        format!(
            "{:<name_w$} {:>3} {:>4} {:>5}",
            "Pack / topic", "qs", "seen", "right"
        ),
        theme.muted,
    )];
    if model.lib.packs.is_empty() {
        // Wrapped: at 80 columns this pane is only 38 wide.
        lines.extend(crate::tui::widgets::text::plain(
            "No packs loaded. Add packs with --pack-dir, or drop .toml files in the packs \
             folder shown by `decouple-quiz paths`.",
            w,
            theme.warning,
        ));
    }
    // With many packs the topics are folded away so every pack stays listed.
    // Every pack always gets its row; topics are shown pack by pack while they fit (keeping a
    // row for each pack still to come and one for the note), the rest are folded.
    let mut budget =
        usize::from(area.height.saturating_sub(4)).saturating_sub(model.lib.packs.len());
    let unfolded: Vec<bool> = model
        .lib
        .packs
        .iter()
        .map(|p| {
            let fits = p.topics.len() <= budget;
            if fits {
                budget -= p.topics.len();
            }
            fits
        })
        .collect();
    let folded = unfolded.iter().filter(|u| !**u).count();
    let stats_of = |pack: &str, topic: &str| {
        model
            .dash
            .topics
            .iter()
            .find(|s| s.key.split_once('/') == Some((pack, topic)))
    };
    let figures = |stats: &[&crate::engine::TopicStats]| {
        let started: Vec<_> = stats.iter().filter(|s| !s.not_started).collect();
        if started.is_empty() {
            return ("   -".to_string(), "    -".to_string());
        }
        let total: usize = stats.iter().map(|s| s.total).sum();
        let seen: usize = stats.iter().map(|s| s.seen).sum();
        let attempts: usize = started.iter().map(|s| s.attempts).sum::<usize>().max(1);
        let acc: f64 = started
            .iter()
            .map(|s| s.accuracy * s.attempts as f64)
            .sum::<f64>()
            / attempts as f64;
        let cov = if total == 0 {
            0.0
        } else {
            seen as f64 / total as f64
        };
        (
            format!("{:>3.0}%", cov * 100.0),
            format!("{:>4.0}%", acc * 100.0),
        )
    };
    for (pack, &show_topics) in model.lib.packs.iter().zip(&unfolded) {
        let stats: Vec<_> = pack
            .topics
            .iter()
            .filter_map(|t| stats_of(&pack.id, &t.id))
            .collect();
        let mut row = format!("{} {:>3}", fit(&pack.title, name_w), pack.questions.len());
        if !show_topics {
            let (seen, acc) = figures(&stats);
            row = format!("{row} {seen} {acc}");
        }
        lines.push(Line::styled(row, theme.title));
        if !show_topics {
            continue;
        }
        for t in &pack.topics {
            let stats = stats_of(&pack.id, &t.id);
            let total = match stats {
                Some(s) => s.total,
                None => pack.questions.iter().filter(|q| q.topic == t.id).count(),
            };
            let (seen, acc) = figures(&stats.into_iter().collect::<Vec<_>>());
            lines.push(Line::raw(format!(
                "  {} {:>3} {seen} {acc}",
                fit(&t.title, name_w - 2),
                total,
            )));
        }
    }
    if folded > 0 {
        let note = format!("topics of {folded} pack(s) folded to fit; see Stats");
        lines.push(Line::styled(truncate(&note, w), theme.muted));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(" Packs ")
        .title_style(theme.title);
    f.render_widget(Paragraph::new(lines).block(block), area);
}

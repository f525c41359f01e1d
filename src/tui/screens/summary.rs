//! The Summary screen at the end of a session: score, per-topic results, time, missed questions.

use std::collections::BTreeMap;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use time::OffsetDateTime;

use crate::study::{Kind, Session};
use crate::tui::app::{Effect, Model, Msg, Request, Screen};
use crate::tui::keymap::Action;
use crate::tui::theme::Theme;
use crate::tui::widgets::text::{fit, truncate};

#[derive(Debug, Clone)]
pub struct SummaryState {
    pub session: Session,
    pub ended: OffsetDateTime,
    pub scroll: u16,
}

impl SummaryState {
    pub fn new(session: Session, ended: OffsetDateTime) -> Self {
        SummaryState {
            session,
            ended,
            scroll: 0,
        }
    }
}

pub fn update(model: &mut Model, msg: Msg) -> Vec<Effect> {
    let Screen::Summary(s) = &mut model.screen else {
        return Vec::new();
    };
    match msg {
        Msg::Key(Action::Up) => s.scroll = s.scroll.saturating_sub(1),
        Msg::Key(Action::Down) => s.scroll = s.scroll.saturating_add(1),
        Msg::Key(Action::Retake) => {
            let missed = s.session.missed();
            if missed.is_empty() {
                model.status = Some("Nothing missed: nothing to retake.".into());
                return Vec::new();
            }
            return vec![Effect::Start(Request::Questions {
                kind: Kind::Retake,
                questions: missed,
            })];
        }
        Msg::Key(Action::Back | Action::Confirm) => model.go_home(),
        Msg::Key(Action::Quit) => {
            return model.quit();
        }
        _ => {}
    }
    Vec::new()
}

/// "12m 05s".
pub fn duration(secs: i64) -> String {
    let secs = secs.max(0);
    if secs >= 3600 {
        format!("{}h {:02}m", secs / 3600, secs / 60 % 60)
    } else {
        format!("{}m {:02}s", secs / 60, secs % 60)
    }
}

pub fn render(f: &mut Frame, area: Rect, model: &Model, s: &SummaryState, theme: &Theme) {
    let (right, answered) = s.session.score();
    let pct = if answered == 0 {
        0.0
    } else {
        right as f64 * 100.0 / answered as f64
    };
    let spent = (s.ended - s.session.started).whole_seconds();
    let [top, rest] = area.layout(&Layout::vertical([
        Constraint::Length(5),
        Constraint::Fill(1),
    ]));
    let head = vec![
        Line::from(vec![
            Span::styled(
                format!("{} finished  ", s.session.kind.title()),
                theme.title,
            ),
            Span::styled(
                format!("{right}/{answered} correct ({pct:.0}%)"),
                if pct >= 72.0 {
                    theme.correct
                } else {
                    theme.incorrect
                },
            ),
        ]),
        Line::raw(format!(
            "Time {}  ·  {} per question",
            duration(spent),
            duration(if answered == 0 {
                0
            } else {
                spent / answered as i64
            })
        )),
        Line::styled(
            if answered < s.session.items.len() {
                format!(
                    "{} question(s) left unanswered; they stay in your queue.",
                    s.session.items.len() - answered
                )
            } else {
                match s.session.still_learning() {
                    (n, Some(next)) => format!(
                        "{n} still in learning: come back {} to see {}.",
                        crate::study::until(s.ended, next),
                        if n == 1 { "it" } else { "them" }
                    ),
                    _ => String::new(),
                }
            },
            theme.muted,
        ),
    ];
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(" Summary ")
        .title_style(theme.title);
    f.render_widget(Paragraph::new(head).block(block), top);

    let [topics, missed] = rest.layout(&Layout::horizontal([
        Constraint::Percentage(45),
        Constraint::Fill(1),
    ]));
    let mut per: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for o in &s.session.outcomes {
        let name = model
            .lib
            .topic_of(o.q)
            .map_or_else(|| model.lib.topic_key(o.q), |t| t.title.clone());
        let e = per.entry(name).or_default();
        e.1 += 1;
        e.0 += usize::from(o.correct);
    }
    let tw = topics.width.saturating_sub(12) as usize;
    let lines: Vec<Line> = per
        .iter()
        .map(|(name, (r, n))| {
            let mark = if r == n { "✓" } else { "✗" };
            Line::raw(format!("{mark} {} {r}/{n}", fit(name, tw)))
        })
        .collect();
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(" By topic ")
        .title_style(theme.title);
    f.render_widget(Paragraph::new(lines).block(block), topics);

    let mw = missed.width.saturating_sub(4) as usize;
    let mut lines: Vec<Line> = s
        .session
        .outcomes
        .iter()
        .filter(|o| !o.correct)
        .map(|o| {
            let q = model.lib.question(o.q);
            Line::raw(format!("✗ {}", truncate(&q.stem.replace('\n', " "), mw)))
        })
        .collect();
    if lines.is_empty() {
        lines.push(Line::styled("No mistakes. Well done!", theme.correct));
    } else {
        lines.push(Line::default());
        lines.push(Line::styled("Press r to retake just these.", theme.accent));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(" Missed ")
        .title_style(theme.title);
    f.render_widget(
        Paragraph::new(lines).block(block).scroll((s.scroll, 0)),
        missed,
    );
}

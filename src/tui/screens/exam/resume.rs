//! The resume prompt shown at start-up when an unfinished exam was found: resume it exactly where
//! it was, with the time that was left, or abandon it (recorded in the history as abandoned).

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::exam::{Attempt, history, timer};
use crate::tui::app::{Effect, Model, Msg, Screen};
use crate::tui::keymap::Action;
use crate::tui::screens::exam::take::ExamState;
use crate::tui::theme::Theme;

#[derive(Debug, Clone)]
pub struct ResumeState {
    pub attempt: Box<Attempt>,
    /// Questions dropped or reset because the packs changed since the attempt was saved.
    pub changed: usize,
    /// `a` was pressed once; a second `a` abandons.
    pub confirm_abandon: bool,
}

/// Shows the prompt for an attempt found at start-up (fitted to the packs loaded now).
pub fn open(model: &mut Model, mut attempt: Attempt) -> Vec<Effect> {
    let changed = attempt.fit(&model.lib);
    if attempt.items.is_empty() {
        model.status = Some(format!(
            "The unfinished exam \"{}\" cannot be resumed: none of its questions is loaded now. It is kept in the history as abandoned.",
            attempt.exam.title
        ));
        let event = Box::new(history::abandoned(&attempt, model.now));
        return vec![Effect::ExamEnd {
            event,
            answers: Vec::new(),
        }];
    }
    model.screen = Screen::Resume(ResumeState {
        attempt: Box::new(attempt),
        changed,
        confirm_abandon: false,
    });
    Vec::new()
}

pub fn update(model: &mut Model, msg: Msg) -> Vec<Effect> {
    let Screen::Resume(r) = &mut model.screen else {
        return Vec::new();
    };
    match msg {
        Msg::Key(Action::Confirm) => {
            let attempt = (*r.attempt).clone();
            let changed = r.changed > 0;
            let e = ExamState::new(attempt.clone(), model.now);
            model.screen = Screen::Exam(Box::new(e));
            // A fitted attempt is written back at once, so the file matches the screen.
            if changed {
                return vec![Effect::ExamSave(Box::new(attempt))];
            }
        }
        Msg::Key(Action::Back) if r.confirm_abandon => {
            let event = Box::new(history::abandoned(&r.attempt, model.now));
            model.status = Some(format!(
                "Exam \"{}\" abandoned; it is kept in the history as abandoned.",
                r.attempt.exam.title
            ));
            model.go_home();
            return vec![Effect::ExamEnd {
                event,
                answers: Vec::new(),
            }];
        }
        Msg::Key(Action::Back) => r.confirm_abandon = true,
        Msg::Key(Action::Quit) => {
            return model.quit();
        }
        Msg::Key(_) => r.confirm_abandon = false,
        _ => {}
    }
    Vec::new()
}

pub fn render(f: &mut Frame, area: Rect, r: &ResumeState, theme: &Theme) {
    let a = &r.attempt;
    // "2026-11-26T10:00:00.123Z" → "2026-11-26 10:00 UTC".
    let started = format!(
        "{} UTC",
        a.started.get(..16).unwrap_or(&a.started).replace('T', " ")
    );
    let mut lines = vec![
        Line::styled(a.exam.title.clone(), theme.title),
        Line::styled(format!("{} · started {started}", a.exam.id), theme.muted),
        Line::default(),
        Line::raw(format!(
            "Answered {} of {} · flagged {} · at question {}",
            a.answered(),
            a.items.len(),
            a.flagged(),
            a.pos + 1
        )),
        Line::from(vec![
            Span::raw("Time left "),
            Span::styled(timer::countdown(a.remaining_ms()), theme.accent),
            Span::raw(format!(" of {} minutes", a.exam.minutes)),
        ]),
        Line::styled(
            "The clock stopped while decouple-quiz was not running.",
            theme.muted,
        ),
    ];
    if r.changed > 0 {
        lines.push(Line::styled(
            format!(
                "⚠ {} question(s) changed in the packs: removed, or their answer reset.",
                r.changed
            ),
            theme.warning,
        ));
    }
    lines.push(Line::default());
    if r.confirm_abandon {
        lines.push(Line::styled(
            "Press a again to abandon (kept in history as abandoned); r resumes.",
            theme.warning,
        ));
    } else {
        lines.push(Line::from(vec![
            Span::styled("r", theme.key),
            Span::raw(" resume   "),
            Span::styled("a", theme.key),
            Span::raw(" abandon   "),
            Span::styled("q", theme.key),
            Span::raw(" decide later"),
        ]));
    }
    let h = u16::try_from(lines.len()).unwrap_or(12) + 2;
    let [v] =
        area.layout(&Layout::vertical([Constraint::Length(h.min(area.height))]).flex(Flex::Center));
    let [r] =
        v.layout(&Layout::horizontal([Constraint::Length(76.min(area.width))]).flex(Flex::Center));
    f.render_widget(Clear, r);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focus)
        .title(" Unfinished mock exam ")
        .title_style(theme.title);
    f.render_widget(Paragraph::new(lines).block(block), r);
}

//! The exam picker: every `[[exam]]` of the loaded packs with its shape, and whether the bank can
//! supply it. Enter draws the attempt and opens the exam screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::exam::{self, Attempt};
use crate::library::Library;
use crate::tui::app::{Effect, Model, Msg, Screen};
use crate::tui::keymap::Action;
use crate::tui::screens::exam::take as exam_take;
use crate::tui::theme::Theme;
use crate::tui::widgets::text::truncate;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub id: String,
    pub title: String,
    pub questions: usize,
    pub minutes: u32,
    pub pass: u32,
    pub packs: Vec<String>,
    /// Why the bank cannot supply this exam, if it cannot.
    pub problem: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct ExamPickerState {
    pub rows: Vec<Row>,
    pub cursor: usize,
}

impl ExamPickerState {
    pub fn new(lib: &Library) -> ExamPickerState {
        let rows = exam::all(lib)
            .map(|e| Row {
                id: e.id.clone(),
                title: e.title.clone(),
                questions: e.questions,
                minutes: e.minutes,
                pass: e.pass,
                packs: e.packs.clone(),
                problem: crate::library::exam_draw::allocate(lib, e).err(),
            })
            .collect();
        ExamPickerState { rows, cursor: 0 }
    }
}

/// `exam [ID]`: starts the exam with that id, or opens the picker.
pub fn open(model: &mut Model, id: Option<String>) -> Vec<Effect> {
    if let Some(id) = id {
        if exam::find(&model.lib, &id).is_some() {
            return start(model, &id);
        }
        model.status = Some(format!("There is no exam `{id}`; pick one."));
    }
    model.screen = Screen::ExamPicker(ExamPickerState::new(&model.lib));
    Vec::new()
}

/// Draws a new attempt of exam `id` and opens it.
fn start(model: &mut Model, id: &str) -> Vec<Effect> {
    if model.exam_elsewhere {
        model.status = Some(crate::exam::lock::ELSEWHERE.into());
        return Vec::new();
    }
    let seed = model.next_seed();
    let drawn = match exam::find(&model.lib, id) {
        Some(e) => Attempt::start(&model.lib, e, seed, model.now),
        None => return Vec::new(),
    };
    match drawn {
        Ok(attempt) => exam_take::begin(model, attempt),
        Err(e) => {
            model.status = Some(format!("Exam `{id}` cannot be drawn: {e}."));
            Vec::new()
        }
    }
}

pub fn update(model: &mut Model, msg: Msg) -> Vec<Effect> {
    let Screen::ExamPicker(p) = &mut model.screen else {
        return Vec::new();
    };
    match msg {
        Msg::Key(Action::Up) => p.cursor = p.cursor.saturating_sub(1),
        Msg::Key(Action::Down) => p.cursor = (p.cursor + 1).min(p.rows.len().saturating_sub(1)),
        Msg::Key(Action::Confirm) => {
            if let Some(id) = p.rows.get(p.cursor).map(|r| r.id.clone()) {
                return start(model, &id);
            }
        }
        Msg::Key(Action::Back) => model.go_home(),
        Msg::Key(Action::Quit) => {
            return model.quit();
        }
        _ => {}
    }
    Vec::new()
}

pub fn render(f: &mut Frame, area: Rect, p: &ExamPickerState, theme: &Theme) {
    let w = area.width.saturating_sub(4) as usize;
    let mut lines = vec![
        Line::styled(
            "Timed like the real exam; no feedback until you submit; saved as you go.",
            theme.muted,
        ),
        Line::default(),
    ];
    if p.rows.is_empty() {
        lines.push(Line::styled(
            "No mock exams in the loaded packs. A pack defines one with an [[exam]] table",
            theme.warning,
        ));
        lines.push(Line::styled("(see docs/exams.md).", theme.warning));
    }
    let mut selected_line = 0;
    for (i, r) in p.rows.iter().enumerate() {
        let sel = i == p.cursor;
        if sel {
            selected_line = lines.len();
        }
        let style = if sel { theme.selected } else { theme.title };
        lines.push(Line::styled(
            truncate(
                &format!("{} {}  ({})", if sel { "▶" } else { " " }, r.title, r.id),
                w,
            ),
            style,
        ));
        lines.push(Line::from(vec![
            Span::raw("    "),
            Span::styled(
                format!(
                    "{} questions · {} minutes · pass {} of 1000",
                    r.questions, r.minutes, r.pass
                ),
                theme.accent,
            ),
        ]));
        lines.push(Line::styled(
            truncate(&format!("    from {}", r.packs.join(", ")), w),
            theme.muted,
        ));
        if let Some(problem) = &r.problem {
            lines.push(Line::styled(
                truncate(&format!("    ⚠ cannot be drawn: {problem}"), w),
                theme.warning,
            ));
        }
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(" Mock exam: choose one ")
        .title_style(theme.title);
    // Keep the selected exam (its four lines) in view.
    let inner_h = usize::from(area.height.saturating_sub(2));
    let scroll = (selected_line + 4).saturating_sub(inner_h);
    let scroll = u16::try_from(scroll).unwrap_or(0);
    f.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), area);
}

//! Taking a mock exam: the state of the exam screen and its pure update. Choosing, flagging and
//! moving (next/previous, the navigator grid, the review list), the countdown (time arrives with
//! every message) and the automatic submission at zero. Every change of answer, flag or position
//! returns `Effect::ExamSave` so the runtime writes it before the next frame. No feedback on
//! correctness here. Rendering: `exam_view` and `exam_review`.

pub mod view;

use time::OffsetDateTime;

use crate::exam::attempt::Chose;
use crate::exam::{Attempt, history, score, timer};
use crate::pack::model::choose_label;
use crate::tui::app::{Effect, Model, Msg, Overlay, Screen};
use crate::tui::keymap::{Action, Context};
use crate::tui::screens::exam::report::ReportState;

/// Columns of the navigator grid (question numbers run 1–10 on the first row, 11–20 below…).
pub const GRID_COLS: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phase {
    Answering,
    /// The "go to question" grid: a highlighted cell and a typed number.
    Navigator {
        cursor: usize,
        typed: String,
    },
    /// Review before submitting: the unanswered and flagged questions.
    Review {
        cursor: usize,
    },
}

#[derive(Debug, Clone)]
pub struct ExamState {
    pub attempt: Attempt,
    pub phase: Phase,
    /// Highlighted choice (displayed position).
    pub cursor: usize,
    pub scroll: u16,
    pub diagram_scroll: (u16, u16),
    pub zoom: bool,
    /// The last clock reading: the next message adds the active time since.
    pub clock: OffsetDateTime,
    /// Elapsed whole seconds as last written to disk.
    saved_s: u64,
    /// An answer, flag or position changed in this update.
    dirty: bool,
}

impl ExamState {
    pub fn new(attempt: Attempt, now: OffsetDateTime) -> ExamState {
        let saved_s = attempt.elapsed_ms / 1000;
        ExamState {
            attempt,
            phase: Phase::Answering,
            cursor: 0,
            scroll: 0,
            diagram_scroll: (0, 0),
            zoom: false,
            clock: now,
            saved_s,
            dirty: false,
        }
    }

    pub fn context(&self) -> Context {
        match self.phase {
            Phase::Answering => Context::Exam,
            Phase::Navigator { .. } => Context::ExamNavigator,
            Phase::Review { .. } => Context::ExamReview,
        }
    }

    /// Adds the active time since the last clock reading.
    fn advance(&mut self, now: OffsetDateTime) {
        self.attempt.spend(timer::step_ms(self.clock, now));
        self.clock = now;
    }

    fn goto(&mut self, i: usize) {
        if self.attempt.goto(i) {
            self.dirty = true;
            self.cursor = 0;
            self.scroll = 0;
            self.diagram_scroll = (0, 0);
            self.zoom = false;
        }
    }

    fn save(&mut self) -> Effect {
        self.saved_s = self.attempt.elapsed_ms / 1000;
        self.dirty = false;
        Effect::ExamSave(Box::new(self.attempt.clone()))
    }
}

/// Opens the exam screen on a fresh attempt and writes it at once.
pub fn begin(model: &mut Model, attempt: Attempt) -> Vec<Effect> {
    let mut e = ExamState::new(attempt, model.now);
    let save = e.save();
    model.screen = Screen::Exam(Box::new(e));
    vec![save]
}

/// Quitting in the middle of an exam: write the time used up to now.
pub fn on_quit(model: &mut Model) -> Vec<Effect> {
    let now = model.now;
    match &mut model.screen {
        Screen::Exam(e) => {
            e.advance(now);
            vec![e.save()]
        }
        _ => Vec::new(),
    }
}

pub fn update(model: &mut Model, msg: Msg) -> Vec<Effect> {
    let now = model.now;
    let Screen::Exam(e) = &mut model.screen else {
        return Vec::new();
    };
    e.advance(now);
    if e.attempt.expired() {
        return submit(model, true);
    }
    let mut fx = match (&e.phase, msg) {
        (Phase::Answering, Msg::Key(a)) => answering(model, a),
        (Phase::Navigator { .. }, msg) => navigator(model, msg),
        (Phase::Review { .. }, Msg::Key(a)) => review(model, a),
        _ => Vec::new(),
    };
    if let Screen::Exam(e) = &mut model.screen
        && (e.dirty || e.attempt.elapsed_ms / 1000 != e.saved_s)
    {
        fx.insert(0, e.save());
    }
    fx
}

fn state(model: &mut Model) -> &mut ExamState {
    match &mut model.screen {
        Screen::Exam(e) => e,
        _ => unreachable!("exam update on another screen"),
    }
}

fn answering(model: &mut Model, a: Action) -> Vec<Effect> {
    let (n, required) = {
        let e = state(model);
        let key = e
            .attempt
            .current()
            .map(|i| i.key.clone())
            .unwrap_or_default();
        match model.lib.find(&key) {
            Some(r) => {
                let q = model.lib.question(r);
                (q.choices.len(), q.answer_count())
            }
            None => (0, 1),
        }
    };
    let e = state(model);
    let pick = match a {
        Action::Pick(i) => Some(i),
        Action::Toggle => Some(e.cursor),
        _ => None,
    };
    match a {
        Action::Pick(_) | Action::Toggle => {
            let i = pick.unwrap_or(usize::MAX);
            if i < n {
                e.cursor = i;
                match e.attempt.choose(i, required) {
                    Chose::Changed => e.dirty = true,
                    Chose::Full => {
                        model.status = Some(format!(
                            "{}: unselect one of your {required} choices first",
                            choose_label(required)
                        ));
                    }
                    Chose::Ignored => {}
                }
            }
        }
        Action::Up if e.zoom => e.diagram_scroll.0 = e.diagram_scroll.0.saturating_sub(1),
        Action::Down if e.zoom => e.diagram_scroll.0 = e.diagram_scroll.0.saturating_add(1),
        Action::Up => e.cursor = e.cursor.saturating_sub(1),
        Action::Down => e.cursor = (e.cursor + 1).min(n.saturating_sub(1)),
        Action::PageUp => e.scroll = e.scroll.saturating_sub(10),
        Action::PageDown => e.scroll = e.scroll.saturating_add(10),
        Action::Next => {
            let next = e.attempt.pos + 1;
            if next < e.attempt.items.len() {
                e.goto(next);
            } else {
                e.phase = Phase::Review { cursor: 0 };
            }
        }
        Action::Left => match e.attempt.pos.checked_sub(1) {
            Some(prev) => e.goto(prev),
            None => model.status = Some("This is the first question.".into()),
        },
        Action::Flag => {
            let pos = e.attempt.pos;
            e.attempt.toggle_flag(pos);
            e.dirty = true;
        }
        Action::Navigator => {
            e.phase = Phase::Navigator {
                cursor: e.attempt.pos,
                typed: String::new(),
            }
        }
        Action::Submit => e.phase = Phase::Review { cursor: 0 },
        Action::Zoom => e.zoom = !e.zoom,
        Action::Quit => model.overlay = Overlay::ConfirmQuit,
        _ => {}
    }
    Vec::new()
}

fn navigator(model: &mut Model, msg: Msg) -> Vec<Effect> {
    let e = state(model);
    let total = e.attempt.items.len();
    let Phase::Navigator { cursor, typed } = &mut e.phase else {
        return Vec::new();
    };
    let last = total.saturating_sub(1);
    match msg {
        Msg::Char(c) if c.is_ascii_digit() && typed.len() < 4 => {
            typed.push(c);
            if let Ok(n) = typed.parse::<usize>()
                && (1..=total).contains(&n)
            {
                *cursor = n - 1;
            }
        }
        Msg::Backspace => {
            typed.pop();
        }
        Msg::Key(Action::Left) => *cursor = cursor.saturating_sub(1),
        Msg::Key(Action::Right) => *cursor = (*cursor + 1).min(last),
        Msg::Key(Action::Up) => *cursor = cursor.saturating_sub(GRID_COLS),
        Msg::Key(Action::Down) => *cursor = (*cursor + GRID_COLS).min(last),
        Msg::Key(Action::Flag) => {
            let i = *cursor;
            e.attempt.toggle_flag(i);
            e.dirty = true;
        }
        Msg::Key(Action::Confirm) => {
            let target = match typed.parse::<usize>() {
                Ok(n) if (1..=total).contains(&n) => n - 1,
                Ok(n) => {
                    typed.clear();
                    model.status = Some(format!("There is no question {n}: 1 to {total}."));
                    return Vec::new();
                }
                Err(_) => *cursor,
            };
            e.phase = Phase::Answering;
            e.goto(target);
        }
        Msg::Key(Action::Back) => e.phase = Phase::Answering,
        _ => {}
    }
    Vec::new()
}

fn review(model: &mut Model, a: Action) -> Vec<Effect> {
    let list = match &model.screen {
        Screen::Exam(e) => e.attempt.to_review(&model.lib),
        _ => return Vec::new(),
    };
    let e = state(model);
    let Phase::Review { cursor } = &mut e.phase else {
        return Vec::new();
    };
    match a {
        Action::Up => *cursor = cursor.saturating_sub(1),
        Action::Down => *cursor = (*cursor + 1).min(list.len().saturating_sub(1)),
        Action::Confirm => {
            if let Some(&i) = list.get(*cursor) {
                e.phase = Phase::Answering;
                e.goto(i);
            }
        }
        Action::Submit => return submit(model, false),
        Action::Back => e.phase = Phase::Answering,
        _ => {}
    }
    Vec::new()
}

/// Ends the exam: scores it, opens the report, and returns the effect that records it.
pub fn submit(model: &mut Model, expired: bool) -> Vec<Effect> {
    let screen = std::mem::replace(&mut model.screen, Screen::Home(Default::default()));
    let Screen::Exam(e) = screen else {
        model.screen = screen;
        return Vec::new();
    };
    let report = score(&model.lib, &e.attempt);
    let event = Box::new(history::scored(&e.attempt, &report, expired, model.now));
    let answers = report.results.clone();
    let missed: Vec<_> = report
        .wrong()
        .into_iter()
        .filter_map(|i| model.lib.find(&report.results[i].key))
        .collect();
    if !missed.is_empty() {
        model.last_missed = missed;
    }
    model.overlay = Overlay::None;
    model.status = Some(if expired {
        "Time is up: the exam was submitted automatically.".into()
    } else {
        "Exam submitted.".into()
    });
    model.screen = Screen::Report(Box::new(ReportState::new(report, e.attempt)));
    vec![Effect::ExamEnd { event, answers }]
}

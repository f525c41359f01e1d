//! The Question screen and its Feedback phase: state and pure update. Rendering is in `view`,
//! scrolling the text and the diagram in `scroll`.

mod marks;
mod scroll;
pub mod view;

pub use scroll::highlight_scroll;
use scroll::{clamp_scroll, scroll};

use time::OffsetDateTime;

use crate::library::{Library, QRef};
use crate::pack::PackSource;
use crate::study::{Kind, Outcome, Session};
use crate::tui::app::{Effect, Model, Msg, Overlay, Screen};
use crate::tui::keymap::Action;
use crate::tui::screens::summary::SummaryState;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Text,
    Diagram,
}

#[derive(Debug, Clone)]
pub struct Feedback {
    pub outcome: Outcome,
    /// `None` while saving; then when the question comes back, or why it could not be saved.
    pub saved: Option<Result<Option<OffsetDateTime>, String>>,
}

#[derive(Debug, Clone)]
pub struct QuestionState {
    pub session: Session,
    /// Highlighted choice (displayed position).
    pub cursor: usize,
    /// Picked choices (displayed positions).
    pub picked: Vec<usize>,
    pub unsure: bool,
    pub feedback: Option<Feedback>,
    pub focus: Pane,
    pub scroll: u16,
    pub diagram_scroll: (u16, u16),
    pub zoom: bool,
}

impl QuestionState {
    pub fn new(session: Session) -> Self {
        QuestionState {
            session,
            cursor: 0,
            picked: Vec::new(),
            unsure: false,
            feedback: None,
            focus: Pane::Text,
            scroll: 0,
            diagram_scroll: (0, 0),
            zoom: false,
        }
    }

    /// Tab: between the text pane and the diagram pane.
    fn toggle_focus(&mut self) {
        self.focus = match self.focus {
            Pane::Text => Pane::Diagram,
            Pane::Diagram => Pane::Text,
        };
    }

    fn reset_for_next(&mut self) {
        self.cursor = 0;
        self.picked.clear();
        self.unsure = false;
        self.feedback = None;
        self.focus = Pane::Text;
        self.scroll = 0;
        self.diagram_scroll = (0, 0);
        self.zoom = false;
    }

    /// After a pack reload: point every item at its question's new place; drop vanished ones.
    pub fn remap(&mut self, remap: &dyn Fn(QRef) -> Option<QRef>, lib: &Library) {
        let current = self.session.pos;
        let mut kept = Vec::new();
        let mut new_pos = 0;
        for (i, mut item) in std::mem::take(&mut self.session.items)
            .into_iter()
            .enumerate()
        {
            let Some(r) = remap(item.q) else { continue };
            if i < current {
                new_pos += 1;
            }
            let n = lib.question(r).choices.len();
            if item.order.len() != n || item.order.iter().any(|&c| c >= n) {
                item.order = (0..n).collect();
            }
            item.q = r;
            kept.push(item);
        }
        self.session.items = kept;
        self.session.pos = new_pos;
        self.session.waiting = std::mem::take(&mut self.session.waiting)
            .into_iter()
            .filter_map(|(due, q)| remap(q).map(|r| (due, r)))
            .collect();
        for o in &mut self.session.outcomes {
            if let Some(r) = remap(o.q) {
                o.q = r;
            }
        }
        if let Some(f) = &mut self.feedback {
            match remap(f.outcome.q) {
                Some(r) => f.outcome.q = r,
                None => self.feedback = None,
            }
        }
        let n = self.choice_count(lib);
        self.cursor = self.cursor.min(n.saturating_sub(1));
        self.picked.retain(|&p| p < n);
    }

    pub fn choice_count(&self, lib: &Library) -> usize {
        self.session
            .current()
            .map_or(0, |i| lib.question(i.q).choices.len())
    }

    pub fn required(&self, lib: &Library) -> usize {
        self.session
            .current()
            .map_or(1, |i| lib.question(i.q).answer_count())
    }
}

/// Starts a session with the questions the runtime found.
pub fn start(model: &mut Model, kind: Kind, questions: Vec<QRef>) -> Vec<Effect> {
    if questions.is_empty() {
        model.status = Some(match kind {
            Kind::Review => match model.dash.learning {
                (n, Some(next)) => format!(
                    "Nothing is due now: {n} question(s) in learning come back {}.",
                    crate::study::until(model.now, next)
                ),
                _ => "Nothing is due for review now. Practise, or come back later.".into(),
            },
            Kind::Drill => "No weak topics yet: answer some questions first.".into(),
            _ => "No questions match that choice.".into(),
        });
        return Vec::new();
    }
    let seed = model.next_seed();
    let session = Session::new(kind, &model.lib, questions, seed, model.now)
        .with_learn_ahead(model.learn_ahead_minutes);
    model.screen = Screen::Question(Box::new(QuestionState::new(session)));
    Vec::new()
}

pub fn update(model: &mut Model, msg: Msg) -> Vec<Effect> {
    let Screen::Question(q) = &mut model.screen else {
        return Vec::new();
    };
    match msg {
        Msg::Recorded(r) => {
            if let Err(e) = &r {
                model.save_problem = Some(e.clone());
            }
            if let (Some(f), Ok(due)) = (&mut q.feedback, &r) {
                f.outcome.next_due = *due;
                if let Some(o) = q.session.outcomes.last_mut() {
                    o.next_due = *due;
                }
                if let Some(due) = due {
                    q.session.comes_back(f.outcome.q, *due, model.now);
                }
            }
            if let Some(f) = &mut q.feedback {
                f.saved = Some(r);
            }
            Vec::new()
        }
        Msg::Click { col, row } if q.feedback.is_none() => {
            let Screen::Question(q) = &model.screen else {
                return Vec::new();
            };
            let body = crate::tui::screens::question::view::body_of(model.size);
            let placed = crate::tui::screens::question::view::place(
                model,
                q,
                body,
                &crate::tui::theme::Theme::mono(),
            );
            match crate::tui::screens::question::view::choice_at(&placed, col, row) {
                Some(i) => answering_key(model, Action::Pick(i)),
                None => Vec::new(),
            }
        }
        Msg::Key(a) if q.feedback.is_some() => feedback_key(model, a),
        Msg::Key(a) => answering_key(model, a),
        _ => Vec::new(),
    }
}

fn state(model: &mut Model) -> &mut QuestionState {
    match &mut model.screen {
        Screen::Question(q) => q,
        _ => unreachable!("question update on another screen"),
    }
}

fn answering_key(model: &mut Model, a: Action) -> Vec<Effect> {
    let (n, required) = match &model.screen {
        Screen::Question(q) => (q.choice_count(&model.lib), q.required(&model.lib)),
        _ => return Vec::new(),
    };
    let q = state(model);
    match a {
        Action::Pick(i) if i < n => {
            q.cursor = i;
            if required == 1 {
                q.picked = vec![i];
                return submit(model);
            }
            toggle_capped(model, i, required);
        }
        Action::Pick(_) => {}
        Action::Up | Action::Down if q.focus == Pane::Text => {
            q.cursor = if a == Action::Up {
                q.cursor.saturating_sub(1)
            } else {
                (q.cursor + 1).min(n.saturating_sub(1))
            };
        }
        Action::Toggle => {
            if required == 1 {
                q.picked = vec![q.cursor];
            } else {
                let i = q.cursor;
                toggle_capped(model, i, required);
            }
        }
        Action::Confirm => {
            if required == 1 {
                if q.picked.is_empty() {
                    q.picked = vec![q.cursor];
                }
                return submit(model);
            }
            if q.picked.len() == required {
                return submit(model);
            }
            let msg = format!(
                "{}: {} of {required} selected; toggle with Space or the letter",
                crate::pack::model::choose_label(required),
                q.picked.len()
            );
            model.status = Some(msg);
        }
        Action::Unsure => q.unsure = !q.unsure,
        Action::Flag => return marks::flag(model),
        Action::Note => return marks::note(model),
        Action::FocusNext => q.toggle_focus(),
        Action::Zoom => q.zoom = !q.zoom,
        Action::Edit => return edit(model),
        Action::Back => return finish(model),
        Action::Quit => model.overlay = Overlay::ConfirmQuit,
        other => {
            scroll(q, other);
            clamp_scroll(model);
        }
    }
    Vec::new()
}

/// Toggles choice `i` of a "Choose N": never more than N are selected (the status line says why
/// a further pick does nothing).
fn toggle_capped(model: &mut Model, i: usize, required: usize) {
    let q = state(model);
    if let Some(p) = q.picked.iter().position(|&x| x == i) {
        q.picked.remove(p);
    } else if q.picked.len() >= required {
        model.status = Some(format!(
            "{}: unselect one of your {required} choices first",
            crate::pack::model::choose_label(required)
        ));
    } else {
        q.picked.push(i);
        q.picked.sort_unstable();
    }
}

fn submit(model: &mut Model) -> Vec<Effect> {
    let now = model.now;
    let lib = &model.lib;
    let Screen::Question(q) = &mut model.screen else {
        return Vec::new();
    };
    let Some(outcome) = q.session.answer(lib, &q.picked, q.unsure, false, now) else {
        return Vec::new();
    };
    let key = lib.key(outcome.q);
    let effect = Effect::Record {
        key,
        kind: q.session.kind,
        chosen: outcome.chosen.clone(),
        correct: outcome.correct,
        unsure: outcome.unsure,
        ms: outcome.ms,
    };
    // Bring the highlighted regions into view: a stacked diagram may show only its top rows. After
    // the verdict the reveal diagram (if any) replaces the problem diagram.
    if let Some(at) = highlight_scroll(lib, outcome.q, true) {
        q.diagram_scroll = at;
    }
    q.session.record(outcome.clone());
    q.feedback = Some(Feedback {
        outcome,
        saved: None,
    });
    q.scroll = 0;
    q.focus = Pane::Text;
    vec![effect]
}

fn feedback_key(model: &mut Model, a: Action) -> Vec<Effect> {
    let now = model.now;
    if a == Action::Undo {
        let Screen::Question(q) = &mut model.screen else {
            return Vec::new();
        };
        let Some(o) = q.session.undo(now) else {
            return Vec::new();
        };
        q.reset_for_next();
        model.status = Some("Answer taken back: answer it again.".into());
        return vec![Effect::Undo {
            key: model.lib.key(o.q),
            answer_at: o.at,
        }];
    }
    if a == Action::Next {
        let Screen::Question(q) = &mut model.screen else {
            return Vec::new();
        };
        q.session.advance(&model.lib, now);
        q.reset_for_next();
        if q.session.is_done() {
            return finish(model);
        }
        return Vec::new();
    }
    let q = state(model);
    match a {
        Action::FocusNext => q.toggle_focus(),
        Action::Zoom => q.zoom = !q.zoom,
        Action::Flag => return marks::flag(model),
        Action::Note => return marks::note(model),
        Action::Report => return marks::report(model),
        Action::Edit => return edit(model),
        Action::Back => {
            q.session.stop();
            return finish(model);
        }
        Action::Quit => model.overlay = Overlay::ConfirmQuit,
        other => {
            scroll(q, other);
            clamp_scroll(model);
        }
    }
    Vec::new()
}

fn edit(model: &mut Model) -> Vec<Effect> {
    let Screen::Question(q) = &model.screen else {
        return Vec::new();
    };
    let Some(item) = q.session.current() else {
        return Vec::new();
    };
    let pack = model.lib.pack_of(item.q);
    match &pack.source {
        PackSource::File(path) => vec![Effect::Edit {
            path: path.clone(),
            line: model.lib.question(item.q).line,
        }],
        PackSource::Builtin(name) => {
            model.status = Some(format!(
                "`{}` is built in ({name}); copy it into your packs folder (see `decouple-quiz paths`) to edit it",
                pack.id
            ));
            Vec::new()
        }
    }
}

/// The session-ended effect for the current question session, if any answers were given.
pub fn end_effects(model: &Model) -> Vec<Effect> {
    let Screen::Question(q) = &model.screen else {
        return Vec::new();
    };
    let (correct, answered) = q.session.score();
    if answered == 0 {
        return Vec::new();
    }
    let missed = q
        .session
        .missed()
        .into_iter()
        .map(|r| model.lib.key(r))
        .collect();
    vec![Effect::SessionEnded {
        kind: q.session.kind,
        answered,
        correct,
        missed,
    }]
}

/// Ends the session: summary when something was answered, else home.
pub fn finish(model: &mut Model) -> Vec<Effect> {
    let effects = end_effects(model);
    let home = Screen::Home(crate::tui::screens::home::HomeState {
        selected: model.home_cursor,
    });
    let screen = std::mem::replace(&mut model.screen, home);
    if let Screen::Question(q) = screen
        && !q.session.outcomes.is_empty()
    {
        let missed = q.session.missed();
        if !missed.is_empty() {
            model.last_missed = missed;
        }
        model.screen = Screen::Summary(SummaryState::new(q.session, model.now));
    }
    effects
}

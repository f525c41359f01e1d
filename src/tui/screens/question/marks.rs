//! `f`, `n` and `!` on the question and feedback screens of any study session: flag the question
//! on screen, edit a personal note on it (both recorded in the history by the runtime), or
//! report a problem with it (an errata report written by the runtime).

use crate::tui::app::{Effect, Model, Screen};

/// The key of the question on screen.
fn current_key(model: &Model) -> Option<String> {
    let Screen::Question(q) = &model.screen else {
        return None;
    };
    let item = q.session.current()?;
    Some(model.lib.key(item.q))
}

/// Toggles the flag of the question on screen; shown at once, saved by the runtime.
pub fn flag(model: &mut Model) -> Vec<Effect> {
    let Some(key) = current_key(model) else {
        return Vec::new();
    };
    let on = !model.dash.marks.is_flagged(&key);
    model.dash.marks.set_flag(&key, on);
    model.status = Some(if on {
        "⚑ flagged: find it under “flagged” in the question browser (b on home)".into()
    } else {
        "flag taken off".into()
    });
    vec![Effect::Flag { key, on }]
}

/// Opens $EDITOR on the note of the question on screen.
pub fn note(model: &mut Model) -> Vec<Effect> {
    let Some(key) = current_key(model) else {
        return Vec::new();
    };
    let text = model.dash.marks.note(&key).unwrap_or_default().to_string();
    vec![Effect::Note { key, text }]
}

/// `!` on the feedback screen: an errata report on the question just answered.
pub fn report(model: &mut Model) -> Vec<Effect> {
    let Screen::Question(q) = &model.screen else {
        return Vec::new();
    };
    let Some(f) = &q.feedback else {
        return Vec::new();
    };
    vec![Effect::Report {
        key: model.lib.key(f.outcome.q),
        chosen: f.outcome.chosen.clone(),
    }]
}

//! What a session writes to the history, the same from the TUI and plain mode: each answer, and a
//! `session` event at the end (so "Retake last mistakes" survives a restart); and reading the
//! last session's misses back.

use time::OffsetDateTime;

use super::session::Kind;
use crate::engine::events::{self, SessionEvent};
use crate::engine::{AnswerInput, Engine};
use crate::library::{Library, QRef};

/// One answer as a session gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// `pack/question`.
    pub key: String,
    pub kind: Kind,
    /// Choice indexes in file order.
    pub chosen: Vec<usize>,
    pub correct: bool,
    pub unsure: bool,
    pub ms: u64,
    pub at: OffsetDateTime,
}

/// Records one answer durably; returns when the question comes back, or why it was not saved
/// (the session goes on either way).
pub fn answer(engine: &mut Engine, a: Answer) -> Result<OffsetDateTime, String> {
    let input = AnswerInput {
        key: a.key,
        mode: a.kind.engine_mode(),
        chosen: a.chosen,
        correct: a.correct,
        unsure: a.unsure,
        ms: a.ms,
        at: a.at,
    };
    engine
        .record_answer(&input)
        .map(|r| r.due)
        .map_err(|e| e.to_string())
}

/// Takes back the answer to `key` given at `answer_at` in the history (an `undo` event that
/// replay honours). `Ok(false)`: there was no such answer.
pub fn undo(
    engine: &mut Engine,
    key: &str,
    answer_at: OffsetDateTime,
    now: OffsetDateTime,
) -> Result<bool, String> {
    engine
        .undo_answer(key, answer_at, now)
        .map_err(|e| e.to_string())
}

/// Logs the end of a session.
pub fn session_ended(
    engine: &mut Engine,
    kind: Kind,
    answered: usize,
    correct: usize,
    missed: &[String],
    at: OffsetDateTime,
) -> Result<(), String> {
    let at = at
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    let event = events::Kind::Session(SessionEvent {
        at,
        mode: kind.mode().into(),
        session: Some(kind.title().to_lowercase()),
        answered,
        correct,
        missed: missed.to_vec(),
    });
    engine.append_event(event).map_err(|e| e.to_string())
}

/// The misses of the last session that had any, from its `session` event, so "Retake last
/// mistakes" survives a restart. Questions no longer loaded are left out.
pub fn last_missed(engine: &Engine, lib: &Library) -> Vec<QRef> {
    engine
        .sessions()
        .map(|s| &s.missed)
        .filter(|m| !m.is_empty())
        .last()
        .map(|m| m.iter().filter_map(|k| lib.find(k)).collect())
        .unwrap_or_default()
}

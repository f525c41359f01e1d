//! The typed history events other than answers: one `#[serde(tag = "kind")]` enum for every kind
//! this build knows (`session`, `params`, `exam`, `flag`, `note`), and unknown kinds of the same version kept as
//! they were read, so a newer minor addition is never dropped. The line format is the one
//! docs/json.md describes; answers have their own fast path (`event`, `fastline`).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::event::VERSION;

/// The end of a study session (`study::record` writes it; "Retake last mistakes" reads it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionEvent {
    /// RFC 3339.
    pub at: String,
    /// The answers' mode (`review`, `practice`, `drill`).
    pub mode: String,
    /// The session's name (`review`, `practice`, `drill`, `retake`), when recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
    #[serde(default)]
    pub answered: usize,
    #[serde(default)]
    pub correct: usize,
    /// `pack/question` keys answered wrong.
    #[serde(default)]
    pub missed: Vec<String>,
}

/// Takes back one answer (`u` on the feedback, `undo` in plain mode): replay skips the answer to
/// `question` given at `answer_at`. The answer's line stays in the file (append-only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UndoEvent {
    /// When the answer was taken back, RFC 3339.
    pub at: String,
    /// `pack/question` of the answer taken back.
    pub question: String,
    /// The `at` of the answer taken back, RFC 3339.
    pub answer_at: String,
}

/// Personal FSRS parameters fitted by `optimize` (written by the engine only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParamsEvent {
    pub at: String,
    pub model: String,
    pub params: Vec<f64>,
    #[serde(default)]
    pub previous: Vec<f64>,
    #[serde(default)]
    pub items: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_loss: Option<BeforeAfter>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rmse_bins: Option<BeforeAfter>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BeforeAfter {
    pub before: f64,
    pub after: f64,
}

/// A mock exam attempt that ended (submitted, expired or abandoned).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExamEvent {
    pub at: String,
    /// Unique per attempt: an attempt counts once however often its event was written.
    pub attempt: String,
    pub exam: String,
    pub title: String,
    /// `submitted`, `expired` or `abandoned`.
    pub status: String,
    pub started: String,
    pub questions: usize,
    pub answered: usize,
    pub flagged: usize,
    pub elapsed_ms: u64,
    pub limit_ms: u64,
    /// The score (not for abandoned attempts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correct: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scaled: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pass: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passed: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domains: Option<Vec<Tally>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topics: Option<Vec<Tally>>,
    #[serde(default)]
    pub answers: Vec<ExamAnswer>,
    /// The readiness forecast of this exam made just before the attempt (scored attempts
    /// written since readiness forecasts exist).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forecast: Option<ExamForecast>,
}

/// A forecast of an exam's scaled score (see docs/readiness.md).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExamForecast {
    /// RFC 3339: the moment the chances were taken.
    pub at: String,
    pub expected: u32,
    /// The central 80% range.
    pub low: u32,
    pub high: u32,
    pub pass_probability: f64,
}

impl ExamEvent {
    /// Whether the attempt was scored (submitted by the user or when time ran out).
    pub fn is_scored(&self) -> bool {
        matches!(self.status.as_str(), "submitted" | "expired")
    }
}

/// Right answers out of a total, for one domain or topic of an exam.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub id: String,
    pub correct: usize,
    pub total: usize,
}

/// One question of an exam attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExamAnswer {
    /// `pack/question`.
    pub q: String,
    /// Choice indexes in file order.
    pub chosen: Vec<usize>,
    /// Not recorded for abandoned attempts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correct: Option<bool>,
    #[serde(default)]
    pub flagged: bool,
    #[serde(default)]
    pub ms: u64,
}

/// A question flagged or unflagged outside an exam (`f` in any session); the latest one counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlagEvent {
    pub at: String,
    /// `pack/question`.
    pub question: String,
    /// `true` to flag, `false` to take the flag off.
    pub flagged: bool,
}

/// A personal note on a question (`n` in any session); the latest one counts, an empty text
/// removes the note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteEvent {
    pub at: String,
    /// `pack/question`.
    pub question: String,
    pub text: String,
}

/// The kinds this build reads and writes, tagged by `kind`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Kind {
    Session(SessionEvent),
    Params(ParamsEvent),
    Exam(Box<ExamEvent>),
    Flag(FlagEvent),
    Note(NoteEvent),
    Undo(UndoEvent),
}

/// One history event other than an answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Known(Kind),
    /// A kind this build does not know, or a known kind whose fields it cannot read: kept as
    /// read (it stays in the file in any case; the history is append-only).
    Unknown(Value),
}

/// A known event with its version, as one history line.
#[derive(Serialize)]
struct Versioned<'a> {
    v: u64,
    #[serde(flatten)]
    kind: &'a Kind,
}

impl Event {
    /// Reads an event line already parsed as JSON (with `v` and a `kind` other than `answer`).
    pub fn from_value(value: Value) -> Event {
        match serde_json::from_value::<Kind>(value.clone()) {
            Ok(kind) => Event::Known(kind),
            Err(_) => Event::Unknown(value),
        }
    }

    /// The JSON line (without its newline).
    pub fn to_line(&self) -> String {
        match self {
            Event::Known(kind) => serde_json::to_string(&Versioned { v: VERSION, kind }),
            Event::Unknown(v) => serde_json::to_string(v),
        }
        .unwrap_or_default()
    }

    /// The `kind` field.
    pub fn kind(&self) -> &str {
        match self {
            Event::Known(Kind::Session(_)) => "session",
            Event::Known(Kind::Params(_)) => "params",
            Event::Known(Kind::Exam(_)) => "exam",
            Event::Known(Kind::Flag(_)) => "flag",
            Event::Known(Kind::Note(_)) => "note",
            Event::Known(Kind::Undo(_)) => "undo",
            Event::Unknown(v) => v.get("kind").and_then(Value::as_str).unwrap_or(""),
        }
    }

    pub fn session(&self) -> Option<&SessionEvent> {
        match self {
            Event::Known(Kind::Session(s)) => Some(s),
            _ => None,
        }
    }

    pub fn params(&self) -> Option<&ParamsEvent> {
        match self {
            Event::Known(Kind::Params(p)) => Some(p),
            _ => None,
        }
    }

    pub fn flag(&self) -> Option<&FlagEvent> {
        match self {
            Event::Known(Kind::Flag(f)) => Some(f),
            _ => None,
        }
    }

    pub fn note(&self) -> Option<&NoteEvent> {
        match self {
            Event::Known(Kind::Note(n)) => Some(n),
            _ => None,
        }
    }

    pub fn undo(&self) -> Option<&UndoEvent> {
        match self {
            Event::Known(Kind::Undo(u)) => Some(u),
            _ => None,
        }
    }

    pub fn exam(&self) -> Option<&ExamEvent> {
        match self {
            Event::Known(Kind::Exam(e)) => Some(e),
            _ => None,
        }
    }
}

/// A raw event (scripts, tests, kinds added later): read as a known kind when it is one.
impl From<Value> for Event {
    fn from(value: Value) -> Event {
        Event::from_value(value)
    }
}

impl From<Kind> for Event {
    fn from(kind: Kind) -> Event {
        Event::Known(kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_kinds_round_trip_and_unknown_ones_are_kept() {
        let line = r#"{"v":1,"kind":"session","at":"2026-11-26T10:00:00Z","mode":"practice","session":"retake","answered":2,"correct":1,"missed":["a/b"]}"#;
        let e = Event::from_value(serde_json::from_str(line).unwrap());
        assert_eq!(e.session().unwrap().missed, ["a/b"]);
        assert_eq!(e.to_line(), line);
        // An old session line without counts still reads.
        let old = r#"{"v":1,"kind":"session","at":"2026-11-26T10:05:00Z","mode":"review"}"#;
        let e = Event::from_value(serde_json::from_str(old).unwrap());
        assert_eq!(e.session().unwrap().answered, 0);
        // Unknown kinds and unreadable known ones are kept whole.
        for raw in [
            r#"{"v":1,"kind":"bookmark","question":"a/b"}"#,
            r#"{"v":1,"kind":"flag","question":"a/b"}"#,
            r#"{"v":1,"kind":"exam","x":[1]}"#,
        ] {
            let value: Value = serde_json::from_str(raw).unwrap();
            let e = Event::from_value(value.clone());
            assert!(matches!(e, Event::Unknown(_)), "{raw}");
            assert_eq!(serde_json::from_str::<Value>(&e.to_line()).unwrap(), value);
        }
    }
}

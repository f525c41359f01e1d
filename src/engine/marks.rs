//! Flags and personal notes on questions outside exams: the `flag` and `note` events of the
//! history, folded into the current state (the latest event of each question counts), and how
//! they are recorded.

use rustc_hash::{FxHashMap, FxHashSet};
use time::OffsetDateTime;

use super::events::{Event, FlagEvent, Kind, NoteEvent};
use super::{Engine, SaveError, utc};

/// The longest note kept, in characters (a note is a short reminder, not a document).
pub const NOTE_MAX_CHARS: usize = 2000;

/// The flags and notes in force.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marks {
    pub flagged: FxHashSet<String>,
    pub notes: FxHashMap<String, String>,
}

impl Marks {
    pub fn is_flagged(&self, key: &str) -> bool {
        self.flagged.contains(key)
    }

    pub fn note(&self, key: &str) -> Option<&str> {
        self.notes.get(key).map(String::as_str)
    }

    /// Applies one event (in history order).
    pub fn apply(&mut self, event: &Event) {
        if let Some(f) = event.flag() {
            self.set_flag(&f.question, f.flagged);
        } else if let Some(n) = event.note() {
            self.set_note(&n.question, &n.text);
        }
    }

    pub fn set_flag(&mut self, key: &str, on: bool) {
        if on {
            self.flagged.insert(key.to_string());
        } else {
            self.flagged.remove(key);
        }
    }

    pub fn set_note(&mut self, key: &str, text: &str) {
        match clean_note(text) {
            t if t.is_empty() => self.notes.remove(key),
            t => self.notes.insert(key.to_string(), t),
        };
    }
}

/// A note as kept: surrounding blank space trimmed, control characters (escape sequences could
/// rewrite the terminal) turned into spaces, at most [`NOTE_MAX_CHARS`] characters.
pub fn clean_note(text: &str) -> String {
    text.trim()
        .chars()
        .take(NOTE_MAX_CHARS)
        .map(|c| match c {
            '\n' => c,
            c if c.is_control() => ' ',
            c => c,
        })
        .collect()
}

impl Engine {
    /// The flags and notes in force (folded from the history, oldest first).
    pub fn marks(&self) -> Marks {
        let mut m = Marks::default();
        for e in self.events() {
            m.apply(e);
        }
        m
    }

    /// Flags (`on`) or unflags `key`.
    pub fn set_flag(&mut self, key: &str, on: bool, at: OffsetDateTime) -> Result<(), SaveError> {
        self.append_event(Kind::Flag(FlagEvent {
            at: utc::format(utc::from_datetime(at)),
            question: key.to_string(),
            flagged: on,
        }))
    }

    /// Sets the note of `key` (an empty text removes it).
    pub fn set_note(&mut self, key: &str, text: &str, at: OffsetDateTime) -> Result<(), SaveError> {
        self.append_event(Kind::Note(NoteEvent {
            at: utc::format(utc::from_datetime(at)),
            question: key.to_string(),
            text: clean_note(text),
        }))
    }
}

//! The rows of `decouple-quiz cards`: the scheduling state of every question with history, one row
//! each, sorted by key (JSON shape in docs/json.md).

use serde::Serialize;

use super::utc::{self, Ms};
use super::{Card, Engine};
use crate::library::Library;

#[derive(Serialize)]
pub struct Row<'a> {
    pub question: &'a str,
    /// Whether a loaded pack still has the question.
    pub exists: bool,
    pub state: &'static str,
    pub step: Option<u32>,
    pub stability: Option<f32>,
    pub difficulty: Option<f32>,
    pub due: Option<String>,
    pub reps: u32,
    pub lapses: u32,
    pub last_review: Option<String>,
    pub retrievability: Option<f32>,
}

#[derive(Serialize)]
pub struct Cards<'a> {
    pub now: String,
    pub cards: Vec<Row<'a>>,
}

fn row<'a>(engine: &Engine, lib: &Library, key: &'a str, c: &Card, now: Ms) -> Row<'a> {
    Row {
        question: key,
        exists: lib.find(key).is_some(),
        state: c.state().as_str(),
        step: c.step(),
        stability: c.stability(),
        difficulty: c.difficulty(),
        due: c.due_ms().map(utc::format),
        reps: c.reps(),
        lapses: c.lapses(),
        last_review: c.last_review_ms().map(utc::format),
        retrievability: engine.sched.retrievability(c, now),
    }
}

fn rows<'a>(engine: &'a Engine, lib: &Library, now: Ms) -> Vec<Row<'a>> {
    let mut rows: Vec<Row<'a>> = engine
        .cards()
        .map(|(k, c)| row(engine, lib, k, c, now))
        .collect();
    rows.sort_by(|a, b| a.question.cmp(b.question));
    rows
}

/// The cards of `engine` at `now`, sorted by key.
pub fn list<'a>(engine: &'a Engine, lib: &Library, now: time::OffsetDateTime) -> Cards<'a> {
    let now = utc::from_datetime(now);
    Cards {
        now: utc::format(now),
        cards: rows(engine, lib, now),
    }
}

//! Progress engine: answer history, FSRS-6 scheduling, weak topics and the stats/cards/optimize
//! commands. (Interim in-memory stand-in; the real engine is being written on its own branch.)

use std::io::Write;

use anyhow::{Result, bail};
use time::OffsetDateTime;

use crate::env::Env;
use crate::library::{Library, QRef};

pub fn stats(_env: &Env, _json: bool, _out: &mut dyn Write) -> Result<()> {
    bail!("stats: not available yet")
}

pub fn cards(_env: &Env, _json: bool, _out: &mut dyn Write) -> Result<()> {
    bail!("cards: not available yet")
}

pub fn optimize(_env: &Env, _out: &mut dyn Write) -> Result<()> {
    bail!("optimize: not available yet")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Practice,
    Review,
    Drill,
    Exam,
}

pub struct AnswerInput {
    pub key: String,
    pub mode: Mode,
    pub chosen: Vec<usize>,
    pub correct: bool,
    pub unsure: bool,
    pub ms: u64,
    pub at: OffsetDateTime,
}

pub struct Recorded {
    pub rating: u8,
    pub due: OffsetDateTime,
}

#[derive(Debug)]
pub struct SaveError(pub String);

#[derive(Debug, Clone, Default)]
pub struct DueCounts {
    pub now: usize,
    pub today: usize,
    pub week: usize,
}

#[derive(Debug, Clone)]
pub struct TopicStats {
    pub key: String,
    pub title: String,
    pub total: usize,
    pub seen: usize,
    pub attempts: usize,
    pub accuracy: f64,
    pub coverage: f64,
    pub retrievability: f64,
    pub weakness: f64,
    pub not_started: bool,
}

#[derive(Default)]
pub struct Engine {
    answers: Vec<(String, bool, OffsetDateTime)>,
}

impl Engine {
    pub fn open(_env: &Env) -> Result<(Engine, Vec<String>)> {
        Ok((Engine::default(), Vec::new()))
    }

    pub fn record_answer(&mut self, a: &AnswerInput) -> Result<Recorded, SaveError> {
        self.answers.push((a.key.clone(), a.correct, a.at));
        Ok(Recorded {
            rating: if a.correct { 3 } else { 1 },
            due: a.at + time::Duration::days(1),
        })
    }

    pub fn append_event(&mut self, _v: serde_json::Value) -> Result<(), SaveError> {
        Ok(())
    }

    pub fn save_problem(&self) -> Option<String> {
        None
    }

    pub fn review_queue(&self, lib: &Library, _now: OffsetDateTime) -> Vec<QRef> {
        lib.all().take(20).collect()
    }

    pub fn due_counts(&self, _lib: &Library, _now: OffsetDateTime) -> DueCounts {
        DueCounts::default()
    }

    pub fn new_left_today(&self, _now: OffsetDateTime) -> usize {
        20
    }

    pub fn forecast(&self, _now: OffsetDateTime, days: usize) -> Vec<usize> {
        vec![0; days]
    }

    pub fn answers_per_day(&self, _now: OffsetDateTime, days: usize) -> Vec<usize> {
        vec![0; days]
    }

    pub fn streak(&self, _now: OffsetDateTime) -> u32 {
        0
    }

    pub fn topic_stats(&self, lib: &Library, _now: OffsetDateTime) -> Vec<TopicStats> {
        lib.packs
            .iter()
            .flat_map(|p| {
                p.topics.iter().map(|t| TopicStats {
                    key: format!("{}/{}", p.id, t.id),
                    title: t.title.clone(),
                    total: p.questions.iter().filter(|q| q.topic == t.id).count(),
                    seen: 0,
                    attempts: 0,
                    accuracy: 0.0,
                    coverage: 0.0,
                    retrievability: 0.0,
                    weakness: 0.0,
                    not_started: true,
                })
            })
            .collect()
    }

    pub fn weakest_topics(&self, lib: &Library, now: OffsetDateTime, n: usize) -> Vec<TopicStats> {
        let mut t: Vec<TopicStats> = self
            .topic_stats(lib, now)
            .into_iter()
            .filter(|t| !t.not_started)
            .collect();
        t.sort_by(|a, b| b.weakness.total_cmp(&a.weakness));
        t.truncate(n);
        t
    }

    pub fn drill_queue(&self, lib: &Library, _now: OffsetDateTime, n: usize) -> Vec<QRef> {
        lib.all().take(n).collect()
    }

    pub fn leeches(&self, _lib: &Library) -> Vec<String> {
        Vec::new()
    }
}

impl Engine {
    pub fn retrievability(&self, _key: &str, _now: OffsetDateTime) -> Option<f64> {
        None
    }
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

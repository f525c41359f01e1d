//! Past mock exams: every scored attempt read back from its history event, oldest first, with
//! the forecast made before it. Pure: typed events in, rows out (the Stats screen, `stats --json`,
//! and reopening a report).

use serde::Serialize;

use super::attempt::{Attempt, ExamInfo, Item, SCHEMA};
use crate::engine::events::{ExamAnswer, ExamEvent, ExamForecast, Tally};
use crate::library::Library;

/// One scored attempt.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PastExam {
    pub attempt: String,
    pub exam: String,
    pub title: String,
    /// RFC 3339: when it ended.
    pub at: String,
    pub started: String,
    /// `submitted` or `expired`.
    pub status: String,
    pub questions: usize,
    pub correct: usize,
    pub scaled: u32,
    pub pass: u32,
    pub passed: bool,
    pub domains: Vec<Tally>,
    /// The forecast made before the attempt (`null` for attempts older than forecasts).
    pub forecast: Option<ExamForecast>,
    /// Every question with the answer given (for reopening the report; not in the JSON).
    #[serde(skip)]
    pub answers: Vec<ExamAnswer>,
    #[serde(skip)]
    pub elapsed_ms: u64,
    #[serde(skip)]
    pub limit_ms: u64,
}

impl PastExam {
    /// The attempt as it was submitted, to score and browse again: choices in file order (the
    /// event does not keep the shuffled order).
    pub fn attempt(&self, lib: &Library) -> Attempt {
        let items = self
            .answers
            .iter()
            .map(|a| Item {
                key: a.q.clone(),
                order: lib
                    .find(&a.q)
                    .map_or_else(Vec::new, |r| (0..lib.question(r).choices.len()).collect()),
                chosen: a.chosen.clone(),
                flagged: a.flagged,
                ms: a.ms,
            })
            .collect();
        Attempt {
            v: SCHEMA,
            id: self.attempt.clone(),
            exam: ExamInfo {
                id: self.exam.clone(),
                title: self.title.clone(),
                minutes: (self.limit_ms / 60_000) as u32,
                pass: self.pass,
            },
            started: self.started.clone(),
            seed: 0,
            items,
            pos: 0,
            elapsed_ms: self.elapsed_ms,
        }
    }

    /// The questions answered wrong or left unanswered, as recorded.
    pub fn wrong(&self) -> Vec<String> {
        self.answers
            .iter()
            .filter(|a| a.correct != Some(true))
            .map(|a| a.q.clone())
            .collect()
    }

    /// Actual minus forecast scaled score.
    pub fn forecast_error(&self) -> Option<i64> {
        self.forecast
            .as_ref()
            .map(|f| i64::from(self.scaled) - i64::from(f.expected))
    }

    /// Whether the actual score fell in the forecast's range.
    pub fn in_range(&self) -> Option<bool> {
        self.forecast
            .as_ref()
            .map(|f| (f.low..=f.high).contains(&self.scaled))
    }
}

/// The scored attempts, oldest first; an attempt written twice counts once (its first event).
pub fn past_exams<'a>(events: impl IntoIterator<Item = &'a ExamEvent>) -> Vec<PastExam> {
    let mut seen = std::collections::HashSet::new();
    events
        .into_iter()
        .filter(|e| e.is_scored() && e.scaled.is_some())
        .filter(|e| seen.insert(e.attempt.clone()))
        .map(|e| PastExam {
            attempt: e.attempt.clone(),
            exam: e.exam.clone(),
            title: e.title.clone(),
            at: e.at.clone(),
            started: e.started.clone(),
            status: e.status.clone(),
            questions: e.questions,
            correct: e.correct.unwrap_or(0),
            scaled: e.scaled.unwrap_or(0),
            pass: e.pass.unwrap_or(0),
            passed: e.passed.unwrap_or(false),
            domains: e.domains.clone().unwrap_or_default(),
            forecast: e.forecast.clone(),
            answers: e.answers.clone(),
            elapsed_ms: e.elapsed_ms,
            limit_ms: e.limit_ms,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::events::Event;

    fn event(line: &str) -> ExamEvent {
        Event::from_value(serde_json::from_str(line).unwrap())
            .exam()
            .cloned()
            .expect("an exam event")
    }

    #[test]
    fn scored_attempts_once_each_with_their_forecast() {
        let old = event(
            r#"{"v":1,"kind":"exam","at":"2026-11-20T10:00:00Z","attempt":"a","exam":"x","title":"X","status":"submitted","started":"2026-11-20T09:00:00Z","questions":5,"answered":5,"flagged":0,"elapsed_ms":1,"limit_ms":2,"correct":4,"scaled":820,"pass":720,"passed":true,"scale":"estimate","domains":[{"id":"secure","correct":4,"total":5}],"answers":[]}"#,
        );
        let abandoned = event(
            r#"{"v":1,"kind":"exam","at":"2026-11-21T10:00:00Z","attempt":"b","exam":"x","title":"X","status":"abandoned","started":"2026-11-21T09:00:00Z","questions":5,"answered":1,"flagged":0,"elapsed_ms":1,"limit_ms":2,"answers":[]}"#,
        );
        let new = event(
            r#"{"v":1,"kind":"exam","at":"2026-11-22T10:00:00Z","attempt":"c","exam":"x","title":"X","status":"expired","started":"2026-11-22T09:00:00Z","questions":5,"answered":3,"flagged":0,"elapsed_ms":1,"limit_ms":2,"correct":2,"scaled":450,"pass":720,"passed":false,"scale":"estimate","answers":[],"forecast":{"at":"2026-11-22T09:00:00Z","expected":500,"low":300,"high":700,"pass_probability":0.1}}"#,
        );
        let past = past_exams([&old, &abandoned, &new, &new]);
        assert_eq!(past.len(), 2);
        assert_eq!((past[0].scaled, past[0].passed), (820, true));
        assert_eq!(past[0].forecast_error(), None);
        assert_eq!(past[1].forecast_error(), Some(-50));
        assert_eq!(past[1].in_range(), Some(true));
        assert_eq!(past[1].status, "expired");
        assert!(
            past[1].wrong().is_empty()
                && past[1]
                    .attempt(&crate::exam::fixture_library())
                    .items
                    .is_empty()
        );
    }
}

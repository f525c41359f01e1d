//! The figures of `decouple-quiz stats`: totals, streak, answers per day, topics, weakest topics,
//! due counts, forecast and leeches, as data (the command prints them; JSON shape in
//! docs/json.md).

use serde::Serialize;

use super::Engine;
use super::utc::{self, DAY_MS};
use crate::library::Library;

/// Days of history in "answers per day".
pub const ACTIVITY_DAYS: usize = 30;
/// Days in the due forecast.
pub const FORECAST_DAYS: usize = 14;
/// Topics listed as weakest.
pub const WEAKEST: usize = 5;

#[derive(Serialize)]
pub struct Totals {
    pub answers: usize,
    pub correct: usize,
    pub accuracy: Option<f64>,
    pub questions: usize,
    pub seen: usize,
    pub days_studied: usize,
    pub time_ms: u64,
    /// Questions with history that are in no loaded pack (their history is kept).
    pub orphaned: usize,
}

#[derive(Serialize)]
pub struct DayCount {
    pub date: String,
    pub answers: usize,
}

/// `DueCounts` plus the new questions available today.
#[derive(Serialize)]
pub struct Due {
    pub now: usize,
    pub today: usize,
    pub week: usize,
    pub new: usize,
}

#[derive(Serialize)]
pub struct DayDue {
    pub date: String,
    pub due: usize,
}

#[derive(Serialize)]
pub struct LeechRow {
    pub question: String,
    pub lapses: u32,
    pub reps: u32,
    pub exists: bool,
}

/// A topic in the JSON output: the ratios are `null` for a topic not started.
#[derive(Serialize)]
pub struct TopicRow {
    pub key: String,
    pub title: String,
    pub domain: crate::pack::Domain,
    pub questions: usize,
    pub seen: usize,
    pub attempts: usize,
    pub correct: usize,
    pub accuracy: Option<f64>,
    pub coverage: f64,
    pub retrievability: Option<f64>,
    pub weakness: Option<f64>,
    pub not_started: bool,
}

impl From<super::topics::Topic> for TopicRow {
    fn from(t: super::topics::Topic) -> TopicRow {
        let s = t.stats;
        let started = |x: f64| (!s.not_started).then_some(x);
        TopicRow {
            accuracy: started(s.accuracy),
            retrievability: started(s.retrievability),
            weakness: started(s.weakness),
            key: s.key,
            title: s.title,
            domain: t.domain,
            questions: s.total,
            seen: s.seen,
            attempts: s.attempts,
            correct: t.correct,
            coverage: s.coverage,
            not_started: s.not_started,
        }
    }
}

#[derive(Serialize)]
pub struct Stats {
    pub now: String,
    pub history: String,
    pub save_problem: Option<String>,
    pub totals: Totals,
    pub streak: u32,
    pub answers_per_day: Vec<DayCount>,
    pub due: Due,
    pub forecast: Vec<DayDue>,
    pub topics: Vec<TopicRow>,
    pub weakest: Vec<String>,
    pub leeches: Vec<LeechRow>,
}

fn date(day: i64) -> String {
    utc::format(day * DAY_MS)[..10].to_string()
}

/// Every figure of the stats report at `now`.
pub fn collect(engine: &Engine, lib: &Library, now: time::OffsetDateTime) -> Stats {
    let now_ms = utc::from_datetime(now);
    let today = engine.days.day(now_ms);
    let mut cursor = engine.days.cursor();
    let mut days: Vec<i64> = engine.answers.iter().map(|a| cursor.day(a.at)).collect();
    days.sort_unstable();
    days.dedup();
    let correct = engine.answers.iter().filter(|a| a.correct).count();
    let n = engine.answers.len();
    let cards = engine.cards_in(lib);
    let seen = lib.all().filter(|r| cards.card(*r).is_some()).count();
    let totals = Totals {
        answers: n,
        correct,
        accuracy: (n > 0).then(|| correct as f64 / n as f64),
        questions: lib.question_count(),
        seen,
        days_studied: days.len(),
        time_ms: engine.answers.iter().map(|a| u64::from(a.ms)).sum(),
        orphaned: engine
            .cards()
            .filter(|(k, _)| lib.find(k).is_none())
            .count(),
    };
    let per_day = engine.answers_per_day(now, ACTIVITY_DAYS);
    let first = today - ACTIVITY_DAYS as i64 + 1;
    let forecast = engine.forecast(now, FORECAST_DAYS);
    Stats {
        now: utc::format(now_ms),
        history: engine.history_path().display().to_string(),
        save_problem: engine.save_problem(),
        totals,
        streak: engine.streak(now),
        answers_per_day: per_day
            .iter()
            .enumerate()
            .map(|(i, &answers)| DayCount {
                date: date(first + i as i64),
                answers,
            })
            .collect(),
        due: {
            let d = engine.due_counts(lib, now);
            Due {
                now: d.now,
                today: d.today,
                week: d.week,
                new: engine.new_available(lib, now),
            }
        },
        forecast: forecast
            .iter()
            .enumerate()
            .map(|(i, &due)| DayDue {
                date: date(today + i as i64),
                due,
            })
            .collect(),
        topics: engine
            .topics(lib, now)
            .into_iter()
            .map(TopicRow::from)
            .collect(),
        weakest: engine
            .weakest_topics(lib, now, WEAKEST)
            .into_iter()
            .map(|t| t.key)
            .collect(),
        leeches: engine
            .leech_details(lib)
            .into_iter()
            .map(|l| LeechRow {
                exists: l.qref.is_some(),
                question: l.key,
                lapses: l.lapses,
                reps: l.reps,
            })
            .collect(),
    }
}

//! `decouple-quiz stats [--json]`: totals, streak, answers per day, topics, weakest topics, due
//! counts, forecast and leeches, as text for people or JSON for scripts (docs/json.md).

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use super::queue::Leech;
use super::utc::{self, DAY_MS};
use super::{Engine, load_for_command};
use crate::env::Env;
use crate::library::Library;

/// Days of history in "answers per day".
pub const ACTIVITY_DAYS: usize = 30;
/// Days in the due forecast.
pub const FORECAST_DAYS: usize = 14;
/// Topics listed as weakest.
pub const WEAKEST: usize = 5;

#[derive(Serialize)]
struct Totals {
    answers: usize,
    correct: usize,
    accuracy: Option<f64>,
    questions: usize,
    seen: usize,
    days_studied: usize,
    time_ms: u64,
    /// Questions with history that are in no loaded pack (their history is kept).
    orphaned: usize,
}

#[derive(Serialize)]
struct DayCount {
    date: String,
    answers: usize,
}

/// `DueCounts` plus the new questions available today.
#[derive(Serialize)]
struct Due {
    now: usize,
    today: usize,
    week: usize,
    new: usize,
}

#[derive(Serialize)]
struct DayDue {
    date: String,
    due: usize,
}

#[derive(Serialize)]
struct LeechRow {
    question: String,
    lapses: u32,
    reps: u32,
    exists: bool,
}

/// A topic in the JSON output: the ratios are `null` for a topic not started.
#[derive(Serialize)]
struct TopicRow {
    key: String,
    title: String,
    domain: crate::pack::Domain,
    questions: usize,
    seen: usize,
    attempts: usize,
    correct: usize,
    accuracy: Option<f64>,
    coverage: f64,
    retrievability: Option<f64>,
    weakness: Option<f64>,
    not_started: bool,
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
struct Stats {
    now: String,
    history: String,
    save_problem: Option<String>,
    totals: Totals,
    streak: u32,
    answers_per_day: Vec<DayCount>,
    due: Due,
    forecast: Vec<DayDue>,
    topics: Vec<TopicRow>,
    weakest: Vec<String>,
    leeches: Vec<LeechRow>,
}

pub fn stats(env: &Env, json: bool, out: &mut dyn Write) -> Result<()> {
    let (lib, engine) = load_for_command(env)?;
    let s = collect(&engine, &lib, env.now());
    let mut buf = Vec::new();
    if json {
        serde_json::to_writer(&mut buf, &s)?;
        buf.push(b'\n');
    } else {
        render(&s, &engine.leech_details(&lib), &mut buf)?;
    }
    super::emit(out, &buf)
}

fn date(day: i64) -> String {
    utc::format(day * DAY_MS)[..10].to_string()
}

fn collect(engine: &Engine, lib: &Library, now: time::OffsetDateTime) -> Stats {
    let now_ms = utc::from_datetime(now);
    let today = utc::day(now_ms);
    let mut days: Vec<i64> = engine.answers.iter().map(|a| utc::day(a.at)).collect();
    days.sort_unstable();
    days.dedup();
    let correct = engine.answers.iter().filter(|a| a.correct).count();
    let n = engine.answers.len();
    let seen = lib
        .all()
        .filter(|r| engine.card(&lib.key(*r)).is_some())
        .count();
    let totals = Totals {
        answers: n,
        correct,
        accuracy: (n > 0).then(|| correct as f64 / n as f64),
        questions: lib.question_count(),
        seen,
        days_studied: days.len(),
        time_ms: engine.answers.iter().map(|a| a.ms).sum(),
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

fn pct(x: Option<f64>) -> String {
    x.map_or_else(|| "-".into(), |x| format!("{:.0}%", x * 100.0))
}

fn spark(values: &[usize]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let max = values.iter().copied().max().unwrap_or(0);
    values
        .iter()
        .map(|&v| match v {
            0 => '·',
            _ => BARS[((v * 7).div_ceil(max.max(1))).min(7)],
        })
        .collect()
}

fn render(s: &Stats, leeches: &[Leech], out: &mut dyn Write) -> Result<()> {
    let t = &s.totals;
    writeln!(out, "Study statistics at {}", s.now)?;
    if let Some(p) = &s.save_problem {
        writeln!(out, "  note: progress cannot be saved: {p}")?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "Answers    {} ({} right, {}) on {} day{}",
        t.answers,
        t.correct,
        pct(t.accuracy),
        t.days_studied,
        if t.days_studied == 1 { "" } else { "s" }
    )?;
    writeln!(
        out,
        "Streak     {} day{}",
        s.streak,
        if s.streak == 1 { "" } else { "s" }
    )?;
    writeln!(out, "Questions  {} of {} seen", t.seen, t.questions)?;
    if t.orphaned > 0 {
        writeln!(
            out,
            "           {} more with history are in no loaded pack (history kept)",
            t.orphaned
        )?;
    }
    let d = &s.due;
    writeln!(
        out,
        "Due        {} now, {} by end of today, {} within 7 days; {} new today",
        d.now, d.today, d.week, d.new
    )?;
    let counts: Vec<usize> = s.answers_per_day.iter().map(|d| d.answers).collect();
    let fc: Vec<usize> = s.forecast.iter().map(|d| d.due).collect();
    writeln!(out)?;
    writeln!(
        out,
        "Answers per day, last {ACTIVITY_DAYS} days (max {})",
        counts.iter().max().unwrap_or(&0)
    )?;
    writeln!(out, "  {}", spark(&counts))?;
    writeln!(
        out,
        "Due per day, next {FORECAST_DAYS} days: {}",
        fc.iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join(" ")
    )?;
    writeln!(out)?;
    let w = s
        .topics
        .iter()
        .map(|t| t.key.chars().count())
        .max()
        .unwrap_or(5)
        .max(5);
    writeln!(
        out,
        "{:<w$}  {:>8}  {:>8}  {:>8}  {:>6}  {:>8}",
        "Topic", "attempts", "accuracy", "coverage", "recall", "weakness"
    )?;
    for tp in &s.topics {
        if tp.not_started {
            writeln!(
                out,
                "{:<w$}  not started ({} questions)",
                tp.key, tp.questions
            )?;
            continue;
        }
        writeln!(
            out,
            "{:<w$}  {:>8}  {:>8}  {:>8}  {:>6}  {:>8}",
            tp.key,
            tp.attempts,
            pct(tp.accuracy),
            format!("{}/{}", tp.seen, tp.questions),
            pct(tp.retrievability),
            tp.weakness.map_or("-".into(), |w| format!("{w:.2}"))
        )?;
    }
    writeln!(out)?;
    if s.weakest.is_empty() {
        writeln!(
            out,
            "Weakest topics: none yet (answer some questions first)"
        )?;
    } else {
        writeln!(out, "Weakest topics: {}", s.weakest.join(", "))?;
    }
    if leeches.is_empty() {
        writeln!(out, "Leeches: none")?;
    } else {
        writeln!(out, "Leeches ({}+ lapses):", super::queue::LEECH_LAPSES)?;
        for l in leeches {
            let gone = if l.qref.is_none() {
                " (no longer in any pack)"
            } else {
                ""
            };
            writeln!(
                out,
                "  {}  {} lapses in {} answers{gone}",
                l.key, l.lapses, l.reps
            )?;
        }
    }
    Ok(())
}

//! `decouple-quiz stats [--json]`: the engine's figures as text for people or JSON for scripts
//! (docs/json.md).

use std::io::Write;

use anyhow::Result;

use super::{emit, load};
use crate::engine::queue::Leech;
use crate::engine::report::{ACTIVITY_DAYS, FORECAST_DAYS, Stats, collect};
use crate::env::Env;
use crate::exam::past::{PastExam, past_exams};
use crate::exam::readiness::{self, Readiness};

/// The engine's figures with the readiness forecast and the past mock exams.
#[derive(serde::Serialize)]
struct Full<'a> {
    #[serde(flatten)]
    stats: &'a Stats,
    readiness: Option<Readiness>,
    exams: Vec<PastExam>,
}

pub fn stats(env: &Env, json: bool, out: &mut dyn Write) -> Result<()> {
    let (lib, engine) = load(env)?;
    let now = env.now();
    let s = collect(&engine, &lib, now);
    let full = Full {
        stats: &s,
        readiness: readiness::readiness(&engine, &lib, now),
        exams: past_exams(engine.exams()),
    };
    let mut buf = Vec::new();
    if json {
        serde_json::to_writer(&mut buf, &full)?;
        buf.push(b'\n');
    } else {
        render(
            &s,
            &engine.leech_details(&lib),
            engine.study().leech_lapses,
            &mut buf,
        )?;
        render_readiness(full.readiness.as_ref(), &full.exams, &mut buf)?;
    }
    emit(out, &buf)
}

fn render_readiness(r: Option<&Readiness>, exams: &[PastExam], out: &mut dyn Write) -> Result<()> {
    writeln!(out)?;
    match r {
        None => writeln!(
            out,
            "Readiness: no exam of the loaded packs can be forecast"
        )?,
        Some(r) => {
            let f = &r.now;
            writeln!(
                out,
                "Readiness  {} today: {} (80% range {}–{}), pass mark {}, chance of passing {:.0}%",
                r.title,
                f.expected,
                f.low,
                f.high,
                f.pass,
                f.pass_probability * 100.0
            )?;
            for d in &f.domains {
                writeln!(
                    out,
                    "  {:<40} {:>3}/{:<3} seen  {:>3.0}% expected  ({} in the exam)",
                    d.title,
                    d.seen,
                    d.bank,
                    d.chance * 100.0,
                    d.questions
                )?;
            }
            if let Some(day) = &r.exam_day {
                match &day.forecast {
                    Some(x) if day.days_left >= 0 => writeln!(
                        out,
                        "Exam day   {} in {} day{}: {} (80% range {}–{}) at the current pace, chance of passing {:.0}%",
                        day.date,
                        day.days_left,
                        if day.days_left == 1 { "" } else { "s" },
                        x.expected,
                        x.low,
                        x.high,
                        x.pass_probability * 100.0
                    )?,
                    _ => writeln!(out, "Exam day   {} has passed", day.date)?,
                }
            }
        }
    }
    if exams.is_empty() {
        writeln!(out, "Mock exams: none yet")?;
    } else {
        writeln!(out, "Mock exams:")?;
        for e in exams {
            let forecast = e.forecast.as_ref().map_or(String::new(), |f| {
                format!("  (forecast {} in {}–{})", f.expected, f.low, f.high)
            });
            writeln!(
                out,
                "  {}  {:<24} {:>4}  {}{forecast}",
                &e.at[..e.at.len().min(10)],
                e.exam,
                e.scaled,
                if e.passed { "pass" } else { "fail" }
            )?;
        }
    }
    Ok(())
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

fn render(s: &Stats, leeches: &[Leech], threshold: u32, out: &mut dyn Write) -> Result<()> {
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
        writeln!(out, "Leeches ({threshold}+ lapses in review and drill):")?;
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

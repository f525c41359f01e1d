//! The readiness forecast: the scaled score the full-length mock would most likely give if it
//! were taken now (or on exam day at the current pace), its 80% range and the chance of passing,
//! with coverage per domain. Pure over the engine and the library; the arithmetic is in `model`.
//! docs/readiness.md explains the model, its assumptions and its calibration.

pub mod model;

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use crate::engine::Engine;
use crate::engine::utc::{self, DAY_MS};
use crate::library::{Library, exam_draw};
use crate::pack::model::{Domain, Exam};
use model::{Group, Outlook};

/// The exam the readiness forecast is for, when it is loaded.
pub const FULL_MOCK: &str = "saa-full";
/// First-attempt accuracy with no evidence, and how many answers that guess is worth.
pub const DEFAULT_PRIOR: f64 = 0.5;
pub const PRIOR_STRENGTH: f64 = 10.0;
/// Days over which the pace of new questions is measured.
pub const PACE_DAYS: i64 = 14;
/// A learner who answered within this many days counts as still reviewing.
pub const ACTIVE_DAYS: i64 = 7;

/// One domain of the exam.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DomainOutlook {
    pub id: String,
    pub title: String,
    /// Questions of this domain in the exam.
    pub questions: usize,
    /// Questions of this domain in the exam's packs, and how many of them have history.
    pub bank: usize,
    pub seen: usize,
    /// The average chance of a right answer on a question of this domain.
    pub chance: f64,
    /// The chance assumed for unseen questions (first-attempt accuracy, shrunk).
    pub prior: f64,
    /// First answers behind the prior.
    pub first_answers: usize,
}

/// A forecast of one exam at one moment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Forecast {
    pub exam: String,
    /// RFC 3339: when the chances are taken.
    pub at: String,
    pub questions: usize,
    pub pass: u32,
    /// The expected scaled score (100–1000).
    pub expected: u32,
    /// The central 80% range of the scaled score.
    pub low: u32,
    pub high: u32,
    pub pass_probability: f64,
    pub expected_correct: f64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub domains: Vec<DomainOutlook>,
}

/// The forecast on exam day (`[review] exam_date`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExamDay {
    pub date: String,
    /// Negative once the date has passed.
    pub days_left: i64,
    /// New questions a day over the last 14 days.
    pub new_per_day: f64,
    /// Whether the learner answered within the last 7 days (then reviews are assumed to go on).
    pub reviewing: bool,
    /// Questions of the exam's packs seen by exam day at this pace.
    pub seen: usize,
    pub bank: usize,
    /// `None` once the date has passed.
    pub forecast: Option<Forecast>,
}

/// `stats --json` field `readiness`, the home panel and the Stats section.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Readiness {
    pub title: String,
    pub now: Forecast,
    pub exam_day: Option<ExamDay>,
}

/// The exam to forecast: the full-length mock, else the loaded exam with most questions.
pub fn target(lib: &Library) -> Option<&Exam> {
    super::find(lib, FULL_MOCK).or_else(|| super::all(lib).max_by_key(|e| e.questions))
}

/// How a future day is to be forecast.
#[derive(Debug, Clone, Copy)]
struct Projection {
    /// The fraction of unseen questions seen by then.
    learned: f64,
    /// Reviews go on: a seen question is at least at the desired retention.
    floor: Option<f64>,
}

/// The readiness of `lib`'s target exam at `now` (and on exam day); `None` without an exam
/// its packs can supply.
pub fn readiness(engine: &Engine, lib: &Library, now: OffsetDateTime) -> Option<Readiness> {
    let exam = target(lib)?;
    let today = forecast(engine, lib, exam, now).ok()?;
    let exam_day = engine
        .config()
        .exam_date
        .map(|d| exam_day(engine, lib, exam, now, d));
    Some(Readiness {
        title: exam.title.clone(),
        now: today,
        exam_day,
    })
}

/// The forecast of `exam` taken at `at`, from the history before `at`.
pub fn forecast(
    engine: &Engine,
    lib: &Library,
    exam: &Exam,
    at: OffsetDateTime,
) -> Result<Forecast, String> {
    forecast_with(engine, lib, exam, at, at, None)
}

fn exam_day(
    engine: &Engine,
    lib: &Library,
    exam: &Exam,
    now: OffsetDateTime,
    date: Date,
) -> ExamDay {
    let now_ms = utc::from_datetime(now);
    let days_left = utc::date_day(date) - utc::day(now_ms);
    let since = now_ms - PACE_DAYS * DAY_MS;
    let pool = pool(lib, exam);
    let bank = pool.len();
    let cards = engine.cards_in(lib);
    let seen_now = pool.iter().filter(|r| cards.card(**r).is_some()).count();
    let new_recent = engine
        .cards()
        .filter(|(_, c)| c.introduced_ms().is_some_and(|t| t > since && t <= now_ms))
        .count();
    let pace = new_recent as f64 / PACE_DAYS as f64;
    let reviewing = engine
        .answers()
        .any(|(_, a)| a.at > now_ms - ACTIVE_DAYS * DAY_MS && a.at <= now_ms);
    let unseen = bank - seen_now;
    let more = ((pace * days_left.max(0) as f64).floor() as usize).min(unseen);
    let forecast = (days_left >= 0).then(|| {
        let at = date
            .with_time(time::macros::time!(12:00))
            .assume_utc()
            .max(now);
        let p = Projection {
            learned: if unseen == 0 {
                0.0
            } else {
                more as f64 / unseen as f64
            },
            floor: reviewing.then_some(engine.config().desired_retention),
        };
        forecast_with(engine, lib, exam, now, at, Some(p)).ok()
    });
    ExamDay {
        date: date.to_string(),
        days_left,
        new_per_day: pace,
        reviewing,
        seen: seen_now + more,
        bank,
        forecast: forecast.flatten(),
    }
}

fn pool(lib: &Library, exam: &Exam) -> Vec<crate::library::QRef> {
    lib.all()
        .filter(|r| exam.packs.contains(&lib.pack_of(*r).id))
        .collect()
}

fn domain_of(lib: &Library, key: &str) -> Option<Domain> {
    lib.find(key)
        .and_then(|r| lib.topic_of(r))
        .map(|t| t.domain)
}

/// First answers before `before`, right and in all, per domain (in `Domain::ALL` order).
fn first_answers(engine: &Engine, lib: &Library, before: i64) -> [(usize, usize); 4] {
    let mut seen = std::collections::HashSet::new();
    let mut out = [(0, 0); 4];
    for (key, a) in engine.answers() {
        if a.at > before || !seen.insert(key) {
            continue;
        }
        if let Some(d) = domain_of(lib, key) {
            let i = d as usize;
            out[i].0 += usize::from(a.correct);
            out[i].1 += 1;
        }
    }
    out
}

/// The forecast of `exam` for the moment `at`, from the history known at `known`.
fn forecast_with(
    engine: &Engine,
    lib: &Library,
    exam: &Exam,
    known: OffsetDateTime,
    at: OffsetDateTime,
    projection: Option<Projection>,
) -> Result<Forecast, String> {
    let buckets = exam_draw::allocate(lib, exam)?;
    let known_ms = utc::from_datetime(known);
    let firsts = first_answers(engine, lib, known_ms);
    let (all_right, all_n) = firsts
        .iter()
        .fold((0, 0), |(c, n), &(c2, n2)| (c + c2, n + n2));
    let (overall, _) = model::beta(all_right, all_n, DEFAULT_PRIOR, PRIOR_STRENGTH);
    let priors: Vec<(f64, f64)> = firsts
        .iter()
        .map(|&(c, n)| model::beta(c, n, overall, PRIOR_STRENGTH))
        .collect();
    // What a question learned between now and then is assumed to be worth: the average chance
    // of the questions seen so far (their recall now), per domain.
    let mut learned = [(0.0, 0usize); 4];
    let chance_of = |r: crate::library::QRef, when: OffsetDateTime| -> Option<f64> {
        let key = lib.key(r);
        let card = engine.card(&key)?;
        if card.introduced_ms().is_none_or(|t| t > known_ms) {
            return None;
        }
        engine.retrievability(&key, when)
    };
    if projection.is_some() {
        for r in pool(lib, exam) {
            if let (Some(p), Some(d)) = (chance_of(r, known), lib.topic_of(r).map(|t| t.domain)) {
                learned[d as usize].0 += p;
                learned[d as usize].1 += 1;
            }
        }
    }
    let mut domains: Vec<DomainOutlook> = Vec::new();
    let mut groups = Vec::new();
    for b in &buckets {
        let mut g = Group {
            take: b.take,
            p: Vec::with_capacity(b.questions.len()),
            prior: Vec::with_capacity(b.questions.len()),
        };
        for &r in &b.questions {
            let d = lib.topic_of(r).map_or(Domain::Resilient, |t| t.domain);
            let i = d as usize;
            let (p, prior) = match (chance_of(r, at), projection) {
                (Some(p), Some(Projection { floor: Some(f), .. })) => (p.max(f), None),
                (Some(p), _) => (p, None),
                (None, Some(pr)) if pr.learned > 0.0 => {
                    let (sum, n) = learned[i];
                    let worth = if n > 0 { sum / n as f64 } else { priors[i].0 };
                    let p = pr.learned * worth + (1.0 - pr.learned) * priors[i].0;
                    (p, Some(i))
                }
                (None, _) => (priors[i].0, Some(i)),
            };
            g.p.push(p);
            g.prior.push(prior);
            let row = match domains.iter().position(|x| x.id == d.id()) {
                Some(k) => &mut domains[k],
                None => {
                    domains.push(DomainOutlook {
                        id: d.id().into(),
                        title: d.title().into(),
                        questions: 0,
                        bank: 0,
                        seen: 0,
                        chance: 0.0,
                        prior: priors[i].0,
                        first_answers: firsts[i].1,
                    });
                    domains.last_mut().expect("just pushed")
                }
            };
            row.bank += 1;
            row.seen += usize::from(prior.is_none());
            row.chance += p;
        }
        groups.push(g);
    }
    for row in &mut domains {
        row.chance /= row.bank.max(1) as f64;
    }
    let shares = shares(&buckets, lib);
    for row in &mut domains {
        row.questions = shares
            .iter()
            .find(|(d, _)| d.id() == row.id)
            .map_or(0, |(_, n)| *n);
    }
    domains.sort_by_key(|x| Domain::parse(&x.id));
    let outlook = Outlook {
        groups,
        pass: exam.pass,
        prior_var: priors.iter().map(|&(_, v)| v).collect(),
    };
    let dist = outlook.distribution();
    let (low, high) = dist.range();
    Ok(Forecast {
        exam: exam.id.clone(),
        at: utc::format(utc::from_datetime(at)),
        questions: dist.questions,
        pass: exam.pass,
        expected: dist.expected().round() as u32,
        low,
        high,
        pass_probability: dist.pass_probability(),
        expected_correct: dist.mean_correct,
        domains,
    })
}

/// How many questions of each domain the exam asks (rounded shares of each bucket's take).
fn shares(buckets: &[exam_draw::Bucket], lib: &Library) -> Vec<(Domain, usize)> {
    let mut exact = [0.0f64; 4];
    for b in buckets {
        let n = b.questions.len().max(1) as f64;
        for &r in &b.questions {
            if let Some(t) = lib.topic_of(r) {
                exact[t.domain as usize] += b.take as f64 / n;
            }
        }
    }
    let total = buckets.iter().map(|b| b.take).sum();
    let counts = exam_draw::apportion(total, &exact);
    Domain::ALL.into_iter().zip(counts).collect()
}

/// The forecast of exam `exam_id` at the moment an attempt `started` (RFC 3339), for the
/// attempt's history event (`None` when the exam is no longer loaded or its packs cannot supply
/// it). Give it the engine before the attempt's answers are recorded.
pub fn before_attempt(
    engine: &Engine,
    lib: &Library,
    exam_id: &str,
    started: &str,
) -> Option<crate::engine::events::ExamForecast> {
    let exam = super::find(lib, exam_id)?;
    let started = utc::parse(started).map(utc::to_datetime)?;
    let f = forecast(engine, lib, exam, started).ok()?;
    Some(crate::engine::events::ExamForecast {
        at: f.at,
        expected: f.expected,
        low: f.low,
        high: f.high,
        pass_probability: (f.pass_probability * 1000.0).round() / 1000.0,
    })
}

#[cfg(test)]
mod tests;

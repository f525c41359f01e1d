//! Personal FSRS-6 parameters: fits them to the history with the crate's optimizer, and records
//! them as a `params` event (which replay then uses) when they predict the same history better
//! (log loss and RMSE). `decouple-quiz optimize` prints the result.

use anyhow::{Context, Result};
use fsrs::{
    ComputeParametersInput, FSRS, FSRSItem, FSRSReview, ModelEvaluation, compute_parameters,
};

use super::events::{BeforeAfter, Event, Kind, ParamsEvent};
use super::utc::{self, DAY_MS, Ms};
use super::{Engine, Scheduler};

/// Reviews a day or more after the previous one needed before fitting: below 64 the crate only
/// fits the four initial stabilities.
pub const MIN_ITEMS: usize = 64;

const NAMES: [&str; 21] = [
    "initial stability, Again",
    "initial stability, Hard",
    "initial stability, Good",
    "initial stability, Easy",
    "initial difficulty",
    "initial difficulty slope",
    "difficulty change",
    "difficulty mean reversion",
    "recall stability factor",
    "recall stability decay",
    "recall retrievability factor",
    "forget stability factor",
    "forget difficulty exponent",
    "forget stability exponent",
    "forget retrievability factor",
    "Hard penalty",
    "Easy bonus",
    "same-day factor",
    "same-day offset",
    "same-day stability exponent",
    "forgetting curve decay",
];

/// The training set, as Anki builds it: per question, every review a day or more after the
/// previous one, with the whole history before it. Elapsed days use the scheduling rule.
pub fn training_items(engine: &Engine) -> (Vec<FSRSItem>, Vec<i64>) {
    let mut per_card: Vec<Vec<(Ms, u32)>> = vec![Vec::new(); engine.cards.len()];
    for a in &engine.answers {
        per_card[a.card as usize].push((a.at, u32::from(a.rating.as_u8())));
    }
    let (mut items, mut ids) = (Vec::new(), Vec::new());
    for (id, reviews) in per_card.iter().enumerate() {
        let mut seq: Vec<FSRSReview> = Vec::with_capacity(reviews.len());
        let mut prev: Option<Ms> = None;
        for &(at, rating) in reviews {
            let delta_t = prev.map_or(0, |p| (at - p).div_euclid(DAY_MS).max(0) as u32);
            seq.push(FSRSReview { rating, delta_t });
            prev = Some(at);
            if seq.len() > 1 && delta_t > 0 {
                items.push(FSRSItem {
                    reviews: seq.clone(),
                });
                ids.push(id as i64);
            }
        }
    }
    (items, ids)
}

fn evaluate(params: &[f32], items: &[FSRSItem], ids: &[i64]) -> Result<ModelEvaluation> {
    let fsrs = FSRS::new(params).context("invalid FSRS parameters")?;
    fsrs.evaluate_with_card_ids(items.to_vec(), ids.to_vec(), |_| true)
        .context("evaluating FSRS parameters")
}

/// An f32 as the f64 of its shortest decimal form (0.2119, not 0.21189999580383301).
fn short(x: f32) -> f64 {
    x.to_string().parse::<f64>().unwrap_or(f64::NAN)
}

/// What fitting found.
pub struct Fit {
    /// Training items (reviews a day or more after the previous one).
    pub items: usize,
    /// Questions they come from.
    pub questions: usize,
    pub current: Vec<f32>,
    pub fitted: Vec<f32>,
    pub before: ModelEvaluation,
    pub after: ModelEvaluation,
}

impl Fit {
    /// Whether the fitted parameters predict the history better on both measures.
    pub fn better(&self) -> bool {
        self.after.log_loss < self.before.log_loss && self.after.rmse_bins < self.before.rmse_bins
    }

    /// (index, name, old, new) of every parameter that changed noticeably.
    pub fn changed(&self) -> Vec<(usize, &'static str, f32, f32)> {
        self.current
            .iter()
            .zip(&self.fitted)
            .enumerate()
            .filter(|(_, (old, new))| (*old - *new).abs() > 1e-4 * old.abs().max(1e-3))
            .map(|(i, (&old, &new))| (i, NAMES[i], old, new))
            .collect()
    }
}

/// Fits personal parameters to `engine`'s history; `Ok(None)` when there are fewer than
/// [`MIN_ITEMS`] training items (their count is the error-free second value).
pub fn fit(engine: &Engine) -> Result<Result<Fit, usize>> {
    let (items, ids) = training_items(engine);
    if items.len() < MIN_ITEMS {
        return Ok(Err(items.len()));
    }
    let current = engine.sched.params().to_vec();
    let input = ComputeParametersInput {
        train_set: items.clone(),
        card_ids: Some(ids.clone()),
        enable_short_term: true,
        num_relearning_steps: Some(engine.config.relearning_steps.len()),
        ..ComputeParametersInput::default()
    };
    let fitted = compute_parameters(input).context("fitting FSRS parameters")?;
    let before = evaluate(&current, &items, &ids)?;
    let after = evaluate(&fitted, &items, &ids)?;
    Ok(Ok(Fit {
        items: items.len(),
        questions: count_cards(&ids),
        current,
        fitted,
        before,
        after,
    }))
}

/// How many upcoming due dates moved when parameters were applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moved {
    pub earlier: usize,
    pub later: usize,
}

/// What applying fitted parameters would do, before anything is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    pub moved: Moved,
    /// Reviews due on each of the next 7 study days (day 0 holds the overdue ones), with the
    /// current and with the fitted parameters.
    pub before: Vec<usize>,
    pub after: Vec<usize>,
}

/// Days [`preview`] shows the load of.
pub const PREVIEW_DAYS: usize = 7;

/// Replays the history with the fitted parameters into fresh cards (the engine is unchanged)
/// and compares due dates and the next week's load with the current ones.
pub fn preview(engine: &Engine, fit: &Fit, now: time::OffsetDateTime) -> Result<Preview> {
    let mut sched = Scheduler::new(&fit.fitted, &engine.config).map_err(anyhow::Error::msg)?;
    sched.set_exam_window(engine.study.exam_window_days);
    let mut cards = vec![super::Card::default(); engine.cards.len()];
    for a in &engine.answers {
        let i = a.card as usize;
        sched.review(&mut cards[i], a.rating, a.at, engine.seeds[i]);
    }
    let now_ms = utc::from_datetime(now);
    let old_due: Vec<Option<Ms>> = engine.cards.iter().map(|c| c.due_ms()).collect();
    let new_due: Vec<Option<Ms>> = cards.iter().map(|c| c.due_ms()).collect();
    let today = engine.days.day(now_ms);
    let load = |dues: &[Option<Ms>]| {
        let mut out = vec![0; PREVIEW_DAYS];
        for d in dues.iter().flatten() {
            let i = (engine.days.day(*d) - today).max(0) as usize;
            if let Some(slot) = out.get_mut(i) {
                *slot += 1;
            }
        }
        out
    };
    Ok(Preview {
        moved: moved(&old_due, &new_due, now_ms),
        before: load(&old_due),
        after: load(&new_due),
    })
}

/// Upcoming due dates that moved from `old` to `new`.
fn moved(old: &[Option<Ms>], new: &[Option<Ms>], now: Ms) -> Moved {
    let mut moved = Moved {
        earlier: 0,
        later: 0,
    };
    for (o, n) in old.iter().zip(new) {
        match (*o, *n) {
            (Some(o), Some(n)) if n > o && n > now => moved.later += 1,
            (Some(o), Some(n)) if n < o && o > now => moved.earlier += 1,
            _ => {}
        }
    }
    moved
}

/// Records the fitted parameters as a `params` event at `now` and reschedules every question
/// with them; says how many upcoming due dates moved.
pub fn apply(engine: &mut Engine, fit: &Fit, now: time::OffsetDateTime) -> Result<Moved> {
    let pair = |before: f32, after: f32| BeforeAfter {
        before: short(before),
        after: short(after),
    };
    let event = Event::from(Kind::Params(ParamsEvent {
        at: utc::format(utc::from_datetime(now)),
        model: "fsrs-6".into(),
        params: fit.fitted.iter().map(|&x| short(x)).collect(),
        previous: fit.current.iter().map(|&x| short(x)).collect(),
        items: fit.items,
        log_loss: Some(pair(fit.before.log_loss, fit.after.log_loss)),
        rmse_bins: Some(pair(fit.before.rmse_bins, fit.after.rmse_bins)),
    }));
    let saved_params = super::replay::params_of(&event).unwrap_or_default();
    let old_due: Vec<Option<Ms>> = engine.cards.iter().map(|c| c.due_ms()).collect();
    record(engine, event)?;
    engine.sched = Scheduler::new(&saved_params, &engine.config).map_err(anyhow::Error::msg)?;
    engine.sched.set_exam_window(engine.study.exam_window_days);
    engine.replay();
    let new_due: Vec<Option<Ms>> = engine.cards.iter().map(|c| c.due_ms()).collect();
    Ok(moved(&old_due, &new_due, utc::from_datetime(now)))
}

fn count_cards(ids: &[i64]) -> usize {
    let mut v = ids.to_vec();
    v.dedup();
    v.len()
}

/// Appends the `params` event (reserved for the engine, so not through `append_event`).
fn record(engine: &mut Engine, event: Event) -> Result<()> {
    engine.store.append(&event.to_line())?;
    engine.others.push(event);
    Ok(())
}

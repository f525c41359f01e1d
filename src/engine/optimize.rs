//! `decouple-quiz optimize`: fits personal FSRS-6 parameters to the history with the crate's
//! optimizer, keeps them only if they predict the same history better (log loss and RMSE), and
//! records them as a `params` event, which replay then uses.

use std::io::Write;

use anyhow::{Context, Result};
use fsrs::{
    ComputeParametersInput, FSRS, FSRSItem, FSRSReview, ModelEvaluation, compute_parameters,
};
use serde_json::{Value, json};

use super::utc::{self, DAY_MS, Ms};
use super::{Engine, Scheduler};
use crate::env::Env;

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

/// An f32 as the JSON number of its shortest decimal form (0.2119, not 0.21189999580383301).
fn short(x: f32) -> Value {
    x.to_string()
        .parse::<f64>()
        .map(Value::from)
        .unwrap_or(Value::Null)
}

pub fn optimize(env: &Env, out: &mut dyn Write) -> Result<()> {
    let (_lib, mut engine) = super::load_for_command(env)?;
    let (items, ids) = training_items(&engine);
    if items.len() < MIN_ITEMS {
        writeln!(
            out,
            "Not enough history to fit personal parameters yet: {} of {MIN_ITEMS} answers given a day or more after the previous answer to the same question.",
            items.len()
        )?;
        return Ok(());
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
    writeln!(
        out,
        "Fitted FSRS-6 parameters to {} reviews of {} questions.",
        items.len(),
        count_cards(&ids)
    )?;
    writeln!(out, "                 current    fitted")?;
    writeln!(
        out,
        "log loss        {:>8.4}  {:>8.4}",
        before.log_loss, after.log_loss
    )?;
    writeln!(
        out,
        "RMSE (bins)     {:>8.4}  {:>8.4}",
        before.rmse_bins, after.rmse_bins
    )?;
    if !(after.log_loss < before.log_loss && after.rmse_bins < before.rmse_bins) {
        writeln!(
            out,
            "The fitted parameters do not predict your history better on both measures; keeping the current ones."
        )?;
        return Ok(());
    }
    let event = json!({
        "v": super::event::VERSION,
        "kind": "params",
        "at": utc::format(utc::from_datetime(env.now())),
        "model": "fsrs-6",
        "params": fitted.iter().map(|&x| short(x)).collect::<Vec<_>>(),
        "previous": current.iter().map(|&x| short(x)).collect::<Vec<_>>(),
        "items": items.len(),
        "log_loss": {"before": short(before.log_loss), "after": short(after.log_loss)},
        "rmse_bins": {"before": short(before.rmse_bins), "after": short(after.rmse_bins)},
    });
    let saved_params = super::replay::params_of(&event).unwrap_or_default();
    let old_due: Vec<Option<Ms>> = engine.cards.iter().map(|c| c.due_ms()).collect();
    record(&mut engine, event)?;
    engine.sched = Scheduler::new(&saved_params, &engine.config).map_err(anyhow::Error::msg)?;
    engine.replay();
    writeln!(
        out,
        "Saved: from now on your schedule uses these parameters."
    )?;
    writeln!(out)?;
    writeln!(out, "Changed parameters:")?;
    for (i, (old, new)) in current.iter().zip(&saved_params).enumerate() {
        if (old - new).abs() > 1e-4 * old.abs().max(1e-3) {
            writeln!(out, "  w{i:<2} {:<30} {old:>9.4} -> {new:>9.4}", NAMES[i])?;
        }
    }
    let now = utc::from_datetime(env.now());
    let (mut earlier, mut later) = (0, 0);
    for (c, old) in engine.cards.iter().zip(old_due) {
        match (old, c.due_ms()) {
            (Some(o), Some(n)) if n > o && n > now => later += 1,
            (Some(o), Some(n)) if n < o && o > now => earlier += 1,
            _ => {}
        }
    }
    writeln!(
        out,
        "Upcoming reviews: {earlier} question(s) now due earlier, {later} later."
    )?;
    Ok(())
}

fn count_cards(ids: &[i64]) -> usize {
    let mut v = ids.to_vec();
    v.dedup();
    v.len()
}

/// Appends the `params` event (reserved for the engine, so not through `append_event`).
fn record(engine: &mut Engine, event: Value) -> Result<()> {
    let line = serde_json::to_string(&event)?;
    engine.store.append(&line)?;
    engine.others.push(event);
    Ok(())
}

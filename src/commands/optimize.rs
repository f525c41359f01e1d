//! `decouple-quiz optimize`: fits personal FSRS-6 parameters and keeps them only when they
//! predict the history better; prints the comparison and what changed.

use std::io::Write;

use anyhow::Result;

use super::load;
use crate::engine::optimize::{self, MIN_ITEMS};
use crate::env::Env;

pub fn optimize(env: &Env, out: &mut dyn Write) -> Result<()> {
    let (_lib, mut engine) = load(env)?;
    let fit = match optimize::fit(&engine)? {
        Ok(fit) => fit,
        Err(items) => {
            writeln!(
                out,
                "Not enough history to fit personal parameters yet: {items} of {MIN_ITEMS} answers given a day or more after the previous answer to the same question."
            )?;
            return Ok(());
        }
    };
    writeln!(
        out,
        "Fitted FSRS-6 parameters to {} reviews of {} questions.",
        fit.items, fit.questions
    )?;
    writeln!(out, "                 current    fitted")?;
    writeln!(
        out,
        "log loss        {:>8.4}  {:>8.4}",
        fit.before.log_loss, fit.after.log_loss
    )?;
    writeln!(
        out,
        "RMSE (bins)     {:>8.4}  {:>8.4}",
        fit.before.rmse_bins, fit.after.rmse_bins
    )?;
    if !fit.better() {
        writeln!(
            out,
            "The fitted parameters do not predict your history better on both measures; keeping the current ones."
        )?;
        return Ok(());
    }
    let changed = fit.changed();
    let moved = optimize::apply(&mut engine, &fit, env.now())?;
    writeln!(
        out,
        "Saved: from now on your schedule uses these parameters."
    )?;
    writeln!(out)?;
    writeln!(out, "Changed parameters:")?;
    for (i, name, old, new) in changed {
        writeln!(out, "  w{i:<2} {name:<30} {old:>9.4} -> {new:>9.4}")?;
    }
    writeln!(
        out,
        "Upcoming reviews: {} question(s) now due earlier, {} later.",
        moved.earlier, moved.later
    )?;
    Ok(())
}

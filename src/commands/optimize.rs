//! `decouple-quiz optimize`: fits personal FSRS-6 parameters and, when they predict the history
//! better, previews what they would change (due dates moved, the next 7 days' load) and applies
//! them only when confirmed (`--yes` for scripts).

use std::io::{BufRead, IsTerminal, Write};

use anyhow::Result;

use super::load;
use crate::engine::optimize::{self, MIN_ITEMS};
use crate::env::Env;

pub fn optimize(env: &Env, yes: bool, out: &mut dyn Write) -> Result<()> {
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
    let preview = optimize::preview(&engine, &fit, env.now())?;
    writeln!(out)?;
    writeln!(out, "Changed parameters:")?;
    for (i, name, old, new) in changed {
        writeln!(out, "  w{i:<2} {name:<30} {old:>9.4} -> {new:>9.4}")?;
    }
    writeln!(
        out,
        "Due dates that move: {} question(s) earlier, {} later.",
        preview.moved.earlier, preview.moved.later
    )?;
    writeln!(out, "Reviews due, next 7 days (today first, with overdue):")?;
    let row = |v: &[usize]| {
        v.iter()
            .map(|n| format!("{n:>4}"))
            .collect::<Vec<_>>()
            .join("")
    };
    writeln!(out, "  current {}", row(&preview.before))?;
    writeln!(out, "  fitted  {}", row(&preview.after))?;
    if !yes && !confirmed(out)? {
        writeln!(
            out,
            "Not applied: nothing was written. Run `decouple-quiz optimize --yes` to apply without asking."
        )?;
        return Ok(());
    }
    optimize::apply(&mut engine, &fit, env.now())?;
    writeln!(
        out,
        "Saved: from now on your schedule uses these parameters."
    )?;
    Ok(())
}

/// Asks on the terminal; without one (a script), the answer is no.
fn confirmed(out: &mut dyn Write) -> Result<bool> {
    if !std::io::stdin().is_terminal() {
        return Ok(false);
    }
    write!(out, "Apply these parameters? [y/N] ")?;
    out.flush()?;
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(matches!(line.trim(), "y" | "Y" | "yes"))
}

//! Progress engine: answer history, FSRS-6 scheduling, weak topics and the stats/cards/optimize
//! commands. (Placeholder: being written.)

use std::io::Write;

use anyhow::{Result, bail};

use crate::env::Env;

pub fn stats(_env: &Env, _json: bool, _out: &mut dyn Write) -> Result<()> {
    bail!("stats: not available yet")
}

pub fn cards(_env: &Env, _json: bool, _out: &mut dyn Write) -> Result<()> {
    bail!("cards: not available yet")
}

pub fn optimize(_env: &Env, _out: &mut dyn Write) -> Result<()> {
    bail!("optimize: not available yet")
}

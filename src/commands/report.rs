//! `decouple-quiz report PACK/QUESTION [--comment TEXT]`: writes an errata report on a question
//! (see `study::errata`) with your comment from `--comment` or `$EDITOR`, and prints its path.

use std::io::Write;

use anyhow::{Context, Result, bail};

use super::load;
use crate::env::Env;
use crate::study::errata;

pub fn report(env: &Env, key: &str, comment: Option<&str>, out: &mut dyn Write) -> Result<()> {
    let (lib, engine) = load(env)?;
    let Some(r) = lib.find(key) else {
        bail!(
            "no question `{key}` (give it as PACK/QUESTION; `decouple-quiz questions` lists them)"
        );
    };
    let comment = match comment {
        Some(c) => errata::clean_comment(c),
        None => errata::clean_comment(&from_editor(key)?),
    };
    if comment.is_empty() {
        bail!("the comment is empty: no report was written");
    }
    let chosen = errata::last_choice(engine.history_path(), key);
    let text = errata::report(&lib, r, chosen.as_deref(), &comment, env.now());
    let path = errata::write(&env.paths.data_dir, key, &text, env.now()).with_context(|| {
        format!(
            "cannot write the report under {}",
            env.paths.data_dir.display()
        )
    })?;
    writeln!(out, "{}", path.display())?;
    Ok(())
}

/// Runs `$VISUAL`/`$EDITOR` (else `vi`; no shell) on a temporary comment file, by its absolute
/// path, and returns what was written.
fn from_editor(key: &str) -> Result<String> {
    let mut file = tempfile::Builder::new()
        .prefix(&format!("report-{}-", key.replace('/', "-")))
        .suffix(".md")
        .tempfile()?;
    file.write_all(errata::COMMENT_TEMPLATE.as_bytes())?;
    file.flush()?;
    let path = std::path::absolute(file.path())?;
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .unwrap_or_else(|_| "vi".into());
    let mut parts = editor.split_whitespace();
    let program = parts.next().unwrap_or("vi");
    let status = std::process::Command::new(program)
        .args(parts)
        .arg("+1")
        .arg(&path)
        .status()
        .with_context(|| format!("could not start the editor `{program}`"))?;
    if !status.success() {
        bail!("the editor exited with {status}: no report was written");
    }
    Ok(std::fs::read_to_string(&path)?)
}

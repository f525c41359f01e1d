//! `decouple-quiz history merge FILE` and `history export [FILE|-]`: bringing another machine's
//! history into this one, and writing a clean copy of this one (see `engine::merge`).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use super::{count, emit};
use crate::engine::merge::{self, Counts};
use crate::engine::utc;
use crate::env::Env;

/// Merges `file` (`-` for standard input) into this machine's history and prints what it added.
pub fn merge(env: &Env, file: &Path, out: &mut dyn Write) -> Result<()> {
    let shown = shown(file);
    let bytes = if file == Path::new("-") {
        let mut b = Vec::new();
        std::io::stdin()
            .read_to_end(&mut b)
            .context("cannot read standard input")?;
        b
    } else {
        if file.is_dir() {
            bail!("{shown} is a directory; give the history.jsonl file inside it");
        }
        std::fs::read(file).with_context(|| format!("cannot read {shown}"))?
    };
    let now = utc::from_datetime(env.now());
    let r = merge::merge(&env.paths.data_dir, &bytes, now)?;
    let mut text = String::new();
    let history = r.history.display();
    if r.added.total() == 0 {
        text += &format!(
            "Nothing new: {} of {shown} already in {history}.\n",
            count(r.already, "event")
        );
    } else {
        text += &format!("Merged {shown} into {history}.\n");
        text += &format!(
            "Added {} ({}); {} already here.\n",
            count(r.added.total(), "event"),
            kinds(&r.added),
            r.already
        );
    }
    if r.torn {
        text += &format!("Skipped the last line of {shown}: it is cut off.\n");
    }
    if !r.skipped.is_empty() {
        text += &format!(
            "Skipped {} of {shown}: {}.\n",
            count(r.skipped.len(), "unreadable line"),
            numbers(&r.skipped)
        );
    }
    if r.kept_unreadable > 0 {
        text += &format!(
            "Kept {} of {history} as they were.\n",
            count(r.kept_unreadable, "unreadable line")
        );
    }
    if let Some(p) = &r.torn_aside {
        text += &format!(
            "Moved the cut-off last line of {history} to {}.\n",
            p.display()
        );
    }
    if let Some(p) = &r.backup {
        text += &format!("The history before the merge is kept as {}.\n", p.display());
    }
    emit(out, text.as_bytes())
}

/// Writes a clean copy of this machine's history to `file` (standard output when `None` or `-`);
/// says on stderr what was left out.
pub fn export(env: &Env, file: Option<&Path>, out: &mut dyn Write) -> Result<()> {
    let dir = &env.paths.data_dir;
    let e = merge::export(dir)?;
    let mut note = String::new();
    let dest = file.filter(|f| *f != Path::new("-"));
    match dest {
        None => emit(out, &e.bytes)?,
        Some(f) => {
            let history = dir.join("history.jsonl");
            if same_file(f, &history) {
                bail!(
                    "{} is the history itself; export to another file",
                    f.display()
                );
            }
            write_atomic(f, &e.bytes)?;
            note += &format!(
                "Exported {} ({}) to {}.\n",
                count(e.events.total(), "event"),
                kinds(&e.events),
                f.display()
            );
        }
    }
    if e.torn {
        note += "Left out the last line of the history: it is cut off.\n";
    }
    if !e.unreadable.is_empty() {
        note += &format!(
            "Left out {}: {}.\n",
            count(e.unreadable.len(), "unreadable line"),
            numbers(&e.unreadable)
        );
    }
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(note.as_bytes());
    Ok(())
}

fn shown(file: &Path) -> String {
    match file == Path::new("-") {
        true => "standard input".into(),
        false => file.display().to_string(),
    }
}

fn kinds(c: &Counts) -> String {
    format!(
        "{}, {}, {}, {}",
        count(c.answers, "answer"),
        count(c.sessions, "session"),
        count(c.exams, "exam"),
        count(c.other, "other event")
    )
}

/// "line 3, line 7" or the first five and how many more.
fn numbers(lines: &[usize]) -> String {
    let mut s: Vec<String> = lines.iter().take(5).map(|n| format!("line {n}")).collect();
    if lines.len() > 5 {
        s.push(format!("{} more", lines.len() - 5));
    }
    s.join(", ")
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Writes `bytes` to `path` through a temporary file in the same directory.
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(&dir)
        .with_context(|| format!("cannot write in {}", dir.display()))?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .with_context(|| format!("cannot write {}", path.display()))?;
    tmp.persist(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

//! `decouple-quiz new-pack ID`: writes a starter pack into the user packs folder.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::library::Library;
use crate::pack::{Pack, PackSource};

/// "the built-in pack `decoupling` (37 questions, exams decoupling-mock, saa-full)".
fn describe(pack: &Pack) -> String {
    let from = match &pack.source {
        PackSource::Builtin(_) => "the built-in pack".to_string(),
        PackSource::File(p) => format!("the pack in {}", p.display()),
    };
    let n = pack.questions.len();
    let mut what = format!("{n} question{}", if n == 1 { "" } else { "s" });
    if !pack.exams.is_empty() {
        let ids: Vec<&str> = pack.exams.iter().map(|e| e.id.as_str()).collect();
        what.push_str(&format!(
            ", exam{} {}",
            if ids.len() == 1 { "" } else { "s" },
            ids.join(", ")
        ));
    }
    format!("{from} `{}` ({what})", pack.id)
}

/// `new-pack <id>`: writes a starter pack that passes `check` and returns its path. An id a
/// loaded pack already uses is refused unless `force` (the new pack would replace that one).
pub fn new_pack(id: &str, dir: &Path, lib: &Library, force: bool) -> Result<PathBuf> {
    if id.is_empty()
        || !id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        bail!("pack id `{id}` is not valid: use lowercase letters a-z, digits 0-9 and `-`");
    }
    if let Some(pack) = lib.packs.iter().find(|p| p.id == id)
        && !force
    {
        bail!(
            "pack id `{id}` is already used: a new pack would replace {}; choose another id, or pass --force to replace it",
            describe(pack)
        );
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let path = dir.join(format!("{id}.toml"));
    let text = include_str!("../pack/starter.toml")
        .replace("{id}", id)
        .replace("{path}", &path.display().to_string());
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .with_context(|| format!("cannot create {} (does it already exist?)", path.display()))?;
    f.write_all(text.as_bytes())?;
    f.sync_all()?;
    Ok(path)
}

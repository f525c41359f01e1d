//! `decouple-quiz new-pack ID`: writes a starter pack into the user packs folder.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

/// `new-pack <id>`: writes a starter pack that passes `check` and returns its path.
pub fn new_pack(id: &str, dir: &Path) -> Result<PathBuf> {
    if id.is_empty()
        || !id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        bail!("pack id `{id}` is not valid: use lowercase letters a-z, digits 0-9 and `-`");
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

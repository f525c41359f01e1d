//! `decouple-quiz paths`: where the history, packs, config and cache live.

use std::io::Write;

use anyhow::Result;

use crate::paths::Paths;

/// `paths`: where everything lives.
pub fn paths(p: &Paths, out: &mut dyn Write) -> Result<()> {
    writeln!(out, "data dir:    {}", p.data_dir.display())?;
    writeln!(out, "history:     {}", p.history().display())?;
    writeln!(out, "user packs:  {}", p.user_packs().display())?;
    writeln!(out, "config dir:  {}", p.config_dir.display())?;
    writeln!(out, "config file: {}", p.config_file().display())?;
    writeln!(out, "cache dir:   {}", p.cache_dir.display())?;
    Ok(())
}

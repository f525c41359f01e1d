//! The non-interactive commands: check, list, paths, new-pack, completions.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::library::{self, Sources};
use crate::paths::Paths;

/// Exit codes of `check`.
pub const EXIT_CLEAN: i32 = 0;
pub const EXIT_ERRORS: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

/// `check [PATH...]`: validates files or directories and prints every finding, then a summary
/// line. Without paths it checks the default sources (built-in and user packs); with paths it
/// checks only those, using the built-in packs (unless `--no-builtin`) as context for exams that
/// draw from them. Returns the exit code: clean, errors, or usage (a path that does not exist).
pub fn check(paths: &[PathBuf], default: &Sources, out: &mut dyn Write) -> Result<i32> {
    let report = if paths.is_empty() {
        library::load(default)
    } else {
        let mut s = Sources {
            builtin: default.builtin,
            ..Sources::default()
        };
        for p in paths {
            if p.is_dir() {
                s.dirs.push(p.clone());
            } else if p.exists() {
                s.files.push(p.clone());
            } else {
                writeln!(out, "{}: error: no such file or directory", p.display())?;
                return Ok(EXIT_USAGE);
            }
        }
        library::load_for_check(&s)
    };
    let mut diags = report.diagnostics;
    diags.sort_by(|a, b| (&a.path, a.line, a.col).cmp(&(&b.path, b.line, b.col)));
    for d in &diags {
        writeln!(out, "{d}")?;
    }
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    let shown: Vec<&crate::pack::Pack> = report
        .library
        .packs
        .iter()
        .filter(|p| paths.is_empty() || matches!(p.source, crate::pack::PackSource::File(_)))
        .collect();
    let questions: usize = shown.iter().map(|p| p.questions.len()).sum();
    let diagrams: usize = shown.iter().map(|p| p.diagrams.len()).sum();
    writeln!(
        out,
        "checked {}: {}, {}, {}, {}",
        count(report.checked, "pack"),
        count(questions, "question"),
        count(diagrams, "diagram"),
        count(errors, "error"),
        count(warnings, "warning"),
    )?;
    Ok(if errors > 0 { EXIT_ERRORS } else { EXIT_CLEAN })
}

/// `3 packs`, `1 pack`.
fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// `list`: packs, topics and exams with question counts, one per line (tab-separated).
pub fn list(sources: &Sources, out: &mut dyn Write) -> Result<()> {
    let report = library::load(sources);
    for notice in &report.library.notices {
        eprintln!("note: {}", notice.message());
    }
    for pack in &report.library.packs {
        writeln!(
            out,
            "pack\t{}\t{}\t{}",
            pack.id,
            pack.title,
            count(pack.questions.len(), "question")
        )?;
        for t in &pack.topics {
            let n = pack.questions.iter().filter(|q| q.topic == t.id).count();
            writeln!(
                out,
                "topic\t{}/{}\t{}\t{}\t{}",
                pack.id,
                t.id,
                t.title,
                count(n, "question"),
                t.domain.id()
            )?;
        }
        for e in &pack.exams {
            writeln!(
                out,
                "exam\t{}\t{}\t{}\t{}",
                e.id,
                e.title,
                count(e.questions, "question"),
                count(e.minutes as usize, "minute")
            )?;
        }
    }
    Ok(())
}

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
    let text = include_str!("pack/starter.toml")
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

/// `completions <shell>`.
pub fn completions(shell: clap_complete::Shell, out: &mut dyn Write) {
    use clap::CommandFactory;
    clap_complete::generate(shell, &mut crate::cli::Cli::command(), "decouple-quiz", out);
}

//! `decouple-quiz check [PATH...]`: validates packs and prints every finding with its
//! `file:line:col`, then a summary line.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;

use super::count;
use crate::library::{self, Sources};

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

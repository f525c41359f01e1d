//! `decouple-quiz check [PATH...]`: validates packs and prints every finding with its
//! `file:line:col`, then (with `--stats`) each pack's key position and length rank figures, then
//! a summary line.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;

use super::count;
use crate::library::{self, Sources};
use crate::pack::form::{self, Form, LONGEST_LIMIT, TOP_TWO_LIMIT};
use crate::pack::{Diagnostic, Lint, Pack, PackSource};

/// Exit codes of `check`.
pub const EXIT_CLEAN: i32 = 0;
pub const EXIT_ERRORS: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

/// `check [PATH...]`: validates files or directories and prints every finding, then a summary
/// line. Without paths it checks the default sources (built-in and user packs); with paths it
/// checks only those, using the built-in packs (unless `--no-builtin`) as context for exams that
/// draw from them. With `stats`, each checked pack's form figures follow the findings. Returns the
/// exit code: clean, errors, or usage (a path that does not exist).
pub fn check(
    paths: &[PathBuf],
    default: &Sources,
    stats: bool,
    out: &mut dyn Write,
) -> Result<i32> {
    let report = if paths.is_empty() {
        library::load_linted(default)
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
    if stats {
        for p in &shown {
            write_stats(out, p, &diags)?;
        }
    }
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

/// The path a pack's findings are reported under.
fn reported_path(p: &Pack) -> String {
    match &p.source {
        PackSource::Builtin(name) => format!("content/{name}"),
        PackSource::File(f) => f.display().to_string(),
    }
}

/// `n (p%)` of `of`.
fn with_share(n: usize, of: usize) -> String {
    format!("{n} ({}%)", form::percent(n, of))
}

/// One pack's block of `check --stats`.
fn write_stats(out: &mut dyn Write, p: &Pack, diags: &[Diagnostic]) -> Result<()> {
    let f = Form::of(p);
    let path = reported_path(p);
    writeln!(
        out,
        "{} ({path}): {}, {} single-answer, {} Choose N",
        p.id,
        count(p.questions.len(), "question"),
        f.single,
        f.multi
    )?;
    // Columns up to the most choices a single-answer question of the pack has.
    let width = p
        .questions
        .iter()
        .filter(|q| q.answer_count() == 1)
        .map(|q| q.choices.len())
        .max()
        .unwrap_or(0)
        .min(6);
    let positions: Vec<String> = (0..width)
        .map(|i| {
            format!(
                "{} {}",
                char::from(b'A' + i as u8),
                with_share(f.positions[i], f.single)
            )
        })
        .collect();
    writeln!(out, "  key position     {}", positions.join(" · "))?;
    const RANKS: [&str; 6] = ["longest", "2nd", "3rd", "4th", "5th", "6th"];
    let ranks: Vec<String> = (0..width)
        .map(|i| format!("{} {}", RANKS[i], with_share(f.ranks[i], f.single)))
        .collect();
    writeln!(out, "  key length rank  {}", ranks.join(" · "))?;
    let limits = if f.rated() {
        format!(
            "limits: longest {}%, two longest {}%",
            (LONGEST_LIMIT * 100.0).round(),
            (TOP_TWO_LIMIT * 100.0).round()
        )
    } else {
        format!(
            "not rated: fewer than {} single-answer questions",
            form::MIN_SINGLE
        )
    };
    writeln!(
        out,
        "  key longest      {} · in the two longest {} ({limits})",
        with_share(f.key_longest(), f.single),
        with_share(f.key_top_two(), f.single)
    )?;
    writeln!(
        out,
        "  Choose N keys    the longest choices in {} of {}",
        f.multi_longest.len(),
        f.multi
    )?;
    let lints = |lint: Lint| {
        diags
            .iter()
            .filter(|d| d.path == path && d.lint == Some(lint))
            .count()
    };
    writeln!(
        out,
        "  warnings         give-away {} · length {} · near-duplicate {}",
        lints(Lint::GiveAway),
        lints(Lint::Length),
        lints(Lint::NearDuplicate)
    )?;
    writeln!(out)?;
    Ok(())
}

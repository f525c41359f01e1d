//! Every subcommand, in one place: the command line is turned into an [`Env`] here, each
//! command gets its library and engine through [`load`], and output is written with [`emit`].
//! The layers below return data; only this layer, the TUI and plain mode print.

mod cards;
mod check;
mod completions;
mod history;
mod list;
mod new_pack;
mod optimize;
mod paths;
mod questions;
mod report;
mod stats;
pub mod study;

use std::io::Write;

use anyhow::Result;

pub use check::{EXIT_CLEAN, EXIT_ERRORS, EXIT_USAGE, check};
pub use new_pack::new_pack;

use crate::cli::{Cli, Command, HistoryAction};
use crate::engine::Engine;
use crate::env::Env;
use crate::library::{self, Library, Sources};
use crate::paths::Paths;

/// Runs the command line; returns the exit code.
pub fn run(cli: Cli) -> Result<i32> {
    let env = env(&cli);
    let json = matches!(
        cli.command,
        Some(Command::Stats { json: true } | Command::Cards { json: true })
    );
    let mode = if json {
        crate::text::Mode::Json
    } else {
        crate::text::Mode::Text
    };
    // Every line a command prints is made safe for the terminal here (crate::text).
    let mut out = crate::text::SafeWriter::new(std::io::stdout().lock(), mode);
    match cli.command {
        Some(Command::Check { paths, stats }) => {
            return check(&paths, &env.sources, stats, &mut out);
        }
        Some(Command::List) => list::list(&env.sources, &mut out)?,
        Some(Command::Paths) => paths::paths(&env.paths, &mut out)?,
        Some(Command::NewPack { id, force }) => {
            let lib = library::open(&env.sources, &env.cache());
            let path = new_pack(&id, &env.paths.user_packs(), &lib, force)?;
            writeln!(out, "{}", path.display())?;
        }
        Some(Command::Completions { shell }) => {
            let lib = library::open(&env.sources, &env.cache());
            completions::completions(shell, &lib, &mut out);
        }
        Some(Command::Stats { json }) => stats::stats(&env, json, &mut out)?,
        Some(Command::Cards { json }) => cards::cards(&env, json, &mut out)?,
        Some(Command::Optimize { yes }) => {
            if let Some(why) = study::fixed_clock_refusal(&cli) {
                eprintln!("decouple-quiz: {why}");
                return Ok(study::EXIT_FIXED_CLOCK);
            }
            optimize::optimize(&env, yes, &mut out)?
        }
        Some(Command::Questions(args)) => questions::questions(&env, &args, &mut out)?,
        Some(Command::Report { question, comment }) => {
            report::report(&env, &question, comment.as_deref(), &mut out)?
        }
        Some(Command::History { action }) => match action {
            HistoryAction::Merge { file } => history::merge(&env, &file, &mut out)?,
            HistoryAction::Export { file } => history::export(&env, file.as_deref(), &mut out)?,
        },
        Some(
            Command::Review
            | Command::Practice { .. }
            | Command::Drill { .. }
            | Command::Exam { .. }
            | Command::Browse,
        )
        | None => {
            drop(out);
            return study::run(&env, &cli);
        }
    }
    Ok(0)
}

/// The environment the command line asks for: paths, pack sources, clock, seed. The cache's racy
/// window can be shortened with `DECOUPLE_QUIZ_CACHE_WINDOW_MS` (tests set 0 instead of waiting).
pub fn env(cli: &Cli) -> Env {
    let paths = Paths::resolve(cli.data_dir.clone(), cli.config_dir.clone());
    let mut dirs = vec![paths.user_packs()];
    dirs.extend(cli.pack_dirs.iter().cloned());
    let sources = Sources {
        builtin: !cli.no_builtin,
        dirs,
        files: cli.pack_files.clone(),
    };
    let cache_window_ns = std::env::var("DECOUPLE_QUIZ_CACHE_WINDOW_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .map_or(crate::cache::RACY_NS, |ms| ms.saturating_mul(1_000_000));
    Env {
        paths,
        sources,
        fixed_now: cli.now,
        seed: cli.seed,
        cache_window_ns,
    }
}

/// Loads the library and engine for a command (both through their caches, as the trainer's do),
/// printing notices to stderr.
pub fn load(env: &Env) -> Result<(Library, Engine)> {
    let (lib, engine, notices) = open(env)?;
    for n in notices {
        crate::text::eprint_line(&format!("decouple-quiz: {n}"));
    }
    Ok((lib, engine))
}

/// The library and engine of `env`, read on two threads, with the notices of both (skipped or
/// replaced packs, a repaired history, config problems).
///
/// The library is read on the calling thread (the main one): its many small allocations are
/// cheaper from the main heap than from a spawned thread's, which grows a page at a time. The
/// engine's few large ones are not affected.
pub fn open(env: &Env) -> Result<(Library, Engine, Vec<String>)> {
    let (lib, opened) = std::thread::scope(|s| {
        let engine = s.spawn(|| Engine::open(env));
        let lib = library::open(&env.sources, &env.cache());
        (lib, engine.join())
    });
    let (engine, more) = opened.unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
    let mut notices: Vec<String> = lib.notices.iter().map(library::Notice::message).collect();
    notices.extend(more);
    Ok((lib, engine, notices))
}

/// Writes a command's whole output; a reader that went away (`| head`) is not an error.
pub fn emit(out: &mut dyn Write, bytes: &[u8]) -> Result<()> {
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => Ok(r?),
    }
}

/// `3 packs`, `1 pack`.
fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

//! Starting a study front end: loads packs and progress, then runs the TUI or plain mode for the
//! requested session (or the home screen).

use std::io::IsTerminal;

use anyhow::Result;

use crate::cache::{self, Deferred};
use crate::cli::{Cli, ColorChoice, Command};
use crate::engine::Engine;
use crate::env::Env;
use crate::library::{self, Library};
use crate::session::Kind;
use crate::tui::app::{Model, Msg, Request};
use crate::tui::theme::Theme;
use crate::tui::{data, home, runtime};

/// The session a command asks for, if any.
pub fn request(cmd: Option<&Command>) -> Option<Request> {
    match cmd? {
        Command::Review => Some(Request::Review),
        Command::Practice {
            packs,
            topics,
            count,
        } => Some(Request::Practice {
            packs: packs.clone(),
            topics: topics.clone(),
            count: *count,
        }),
        Command::Drill { count } => Some(Request::Drill {
            topic: None,
            count: count.unwrap_or(home::DRILL_COUNT),
        }),
        Command::Exam { id } => Some(Request::Exam(id.clone())),
        _ => None,
    }
}

/// Plain mode is used on request, for a dumb terminal, or when stdin/stdout is not a terminal.
pub fn wants_plain(cli: &Cli) -> bool {
    cli.plain
        || std::env::var("TERM").is_ok_and(|t| t == "dumb")
        || !std::io::stdin().is_terminal()
        || !std::io::stdout().is_terminal()
}

pub fn theme(choice: ColorChoice) -> Theme {
    match choice {
        ColorChoice::Never => Theme::mono(),
        ColorChoice::Always => {
            ratatui::crossterm::style::force_color_output(true);
            Theme::color()
        }
        ColorChoice::Auto => {
            if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
                Theme::mono()
            } else {
                Theme::color()
            }
        }
    }
}

/// Loads the library; notices for skipped and replaced packs.
pub fn load(env: &Env) -> (Library, Vec<String>) {
    let report = library::load(&env.sources);
    let notices = report.library.notice_messages();
    (report.library, notices)
}

/// Exit code when `exam` cannot start (plain mode, unknown exam id).
pub const EXIT_EXAM: i32 = 2;

/// `exam` needs the full-screen trainer (it is timed, with free navigation); an unknown id is
/// refused before the terminal switches screens. The message, if it cannot start.
pub fn exam_refusal(cli: &Cli, lib: &Library) -> Option<String> {
    let Some(Command::Exam { id }) = &cli.command else {
        return None;
    };
    if wants_plain(cli) {
        return Some(
            "exam mode needs the interactive terminal: it is timed and full-screen (plain mode was requested, or this is not a terminal)".into(),
        );
    }
    let id = id.as_ref()?;
    if crate::exam::find(lib, id).is_some() {
        return None;
    }
    let ids: Vec<&str> = crate::exam::all(lib).map(|e| e.id.as_str()).collect();
    let hint = match crate::pack::strings::closest(id, &ids) {
        Some(c) => format!("; did you mean `{c}`?"),
        None if ids.is_empty() => "; the loaded packs define no exams".into(),
        None => format!("; exams: {}", ids.join(", ")),
    };
    Some(format!(
        "unknown exam `{id}`{hint} (`decouple-quiz list` shows them)"
    ))
}

/// Loads the library through the start-up cache on another thread while the engine opens here
/// (from its own cache, or by replaying the history); the engine is the longer job, and a new
/// thread may wait a moment for its core. Packs that must be parsed are parsed once the engine
/// is open, so a cold start never holds the parsed packs and the whole history file at once.
/// The library may be a skeleton until the returned work is finished (see `crate::cache`).
pub fn load_cached(env: &Env) -> Result<(Library, Deferred, Engine, Vec<String>)> {
    let (opened, cached) = std::thread::scope(|s| {
        let lib = s.spawn(|| cache::open_library(&env.sources, &env.paths.cache_dir));
        let opened = match Engine::open_from_cache(env) {
            Some((engine, notices, _, pending)) => (engine, notices, pending),
            None => Engine::open_and_cache(env),
        };
        (opened, lib.join())
    });
    let (engine, engine_notices, pending) = opened;
    let (lib, mut deferred) = match cached {
        Ok(Ok(hit)) => hit,
        Ok(Err(miss)) => miss.load(),
        Err(panic) => std::panic::resume_unwind(panic),
    };
    deferred.write_later(pending);
    let mut notices: Vec<String> = lib.notices.iter().map(library::Notice::message).collect();
    notices.extend(engine_notices);
    Ok((lib, deferred, engine, notices))
}

pub fn run(env: &Env, cli: &Cli) -> Result<i32> {
    let (mut lib, mut deferred, mut engine, notices) = load_cached(env)?;
    // Only the home screen is drawn from the skeleton; a session needs the questions now.
    if cli.command.is_some() {
        deferred = deferred.full_library(&mut lib);
    }
    if let Some(why) = exam_refusal(cli, &lib) {
        eprintln!("decouple-quiz: {why}");
        return Ok(EXIT_EXAM);
    }
    let req = request(cli.command.as_ref()).unwrap_or(Request::Review);
    if wants_plain(cli) {
        deferred.complete(&mut lib, Some(&engine));
        for n in &notices {
            eprintln!("note: {n}");
        }
        let mut model = Model::new(lib, Vec::new(), env.seed(), env.now());
        let Msg::SessionReady { kind, questions } = data::start(&engine, &mut model, &req) else {
            unreachable!("start always answers SessionReady")
        };
        let kind = if kind == Kind::Retake {
            Kind::Practice
        } else {
            kind
        };
        let stdin = std::io::stdin();
        let stdout = std::io::stdout();
        return crate::plain::run(
            env,
            &model.lib,
            &mut engine,
            kind,
            questions,
            &mut stdin.lock(),
            &mut stdout.lock(),
        );
    }
    let mut model = Model::new(lib, notices, env.seed(), env.now());
    model.mouse = !cli.no_mouse;
    model.last_missed = last_missed(&engine, &model.lib);
    let start = request(cli.command.as_ref());
    runtime::run(env, model, engine, theme(cli.color), start, deferred)
}

/// The misses of the last session that had any, from its `session` event, so "Retake last
/// mistakes" survives a restart. Questions no longer loaded are left out.
pub fn last_missed(engine: &Engine, lib: &Library) -> Vec<crate::library::QRef> {
    engine
        .events_of_kind("session")
        .filter_map(|e| e["missed"].as_array())
        .filter(|m| !m.is_empty())
        .last()
        .map(|m| {
            m.iter()
                .filter_map(|k| k.as_str().and_then(|k| lib.find(k)))
                .collect()
        })
        .unwrap_or_default()
}

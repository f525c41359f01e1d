//! The study launcher (`review`, `practice`, `drill`, `exam`, or no command): loads packs and
//! progress, then runs the TUI or plain mode for the requested session (or the home screen).

use std::io::IsTerminal;

use anyhow::Result;

use crate::cli::{Cli, ColorChoice, Command};
use crate::env::Env;
use crate::library::Library;
use crate::study::{Kind, Plan, record, select};
use crate::tui::app::{Model, Request};
use crate::tui::runtime;
use crate::tui::screens::home;
use crate::tui::theme::Theme;

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
        Command::Browse => Some(Request::Browse),
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

/// Exit code when a session cannot start (an unknown pack, topic or exam id; `exam` in plain
/// mode).
pub const EXIT_EXAM: i32 = 2;

/// `exam` needs the full-screen trainer (it is timed, with free navigation); an unknown id (of
/// an exam, or of a pack or topic given to `practice`) is refused first, in either mode, before
/// the terminal switches screens. The message, if the session cannot start.
pub fn exam_refusal(cli: &Cli, lib: &Library) -> Option<String> {
    if let Some(why) = unknown_id(cli.command.as_ref()?, lib) {
        return Some(why);
    }
    if matches!(cli.command, Some(Command::Browse)) && wants_plain(cli) {
        return Some(
            "the question browser needs the interactive terminal; `decouple-quiz questions [--json]` lists the questions for scripts".into(),
        );
    }
    if matches!(cli.command, Some(Command::Exam { .. })) && wants_plain(cli) {
        return Some(
            "exam mode needs the interactive terminal: it is timed and full-screen (plain mode was requested, or this is not a terminal)".into(),
        );
    }
    None
}

/// The first id on the command line that no loaded pack defines, as a message with a
/// did-you-mean (or the list of known ids).
fn unknown_id(cmd: &Command, lib: &Library) -> Option<String> {
    match cmd {
        Command::Exam { id: Some(id) } => {
            let ids: Vec<&str> = crate::exam::all(lib).map(|e| e.id.as_str()).collect();
            unknown("exam", id, &ids, "the loaded packs define no exams")
        }
        Command::Practice { packs, topics, .. } => {
            let pack_ids: Vec<&str> = lib.packs.iter().map(|p| p.id.as_str()).collect();
            let topic_keys: Vec<String> = lib
                .packs
                .iter()
                .flat_map(|p| p.topics.iter().map(move |t| format!("{}/{}", p.id, t.id)))
                .collect();
            let mut topic_ids: Vec<&str> = topic_keys.iter().map(String::as_str).collect();
            topic_ids.extend(
                lib.packs
                    .iter()
                    .flat_map(|p| p.topics.iter().map(|t| t.id.as_str())),
            );
            packs
                .iter()
                .find_map(|p| unknown("pack", p, &pack_ids, "no packs are loaded"))
                .or_else(|| {
                    topics.iter().find_map(|t| {
                        unknown("topic", t, &topic_ids, "the loaded packs have no topics")
                    })
                })
        }
        _ => None,
    }
}

fn unknown(what: &str, id: &str, known: &[&str], none: &str) -> Option<String> {
    if known.contains(&id) {
        return None;
    }
    let mut shown: Vec<&str> = known
        .iter()
        .copied()
        .filter(|k| !k.contains('/') || what != "topic")
        .collect();
    shown.sort_unstable();
    shown.dedup();
    let hint = match crate::pack::strings::closest(id, known) {
        Some(c) => format!("; did you mean `{c}`?"),
        None if known.is_empty() => format!("; {none}"),
        None => format!("; {what}s: {}", shown.join(", ")),
    };
    Some(format!(
        "unknown {what} `{}`{hint} (`decouple-quiz list` shows them)",
        crate::text::one_line(id)
    ))
}

/// Exit code when `--now` would write into the real history.
pub const EXIT_FIXED_CLOCK: i32 = 2;

/// `--now` with the default data directory would write answers dated at that fixed time into
/// the learner's real history, for good: refused. An explicit `--data-dir` (or
/// `DECOUPLE_QUIZ_DATA_DIR`) records as usual.
pub fn fixed_clock_refusal(cli: &Cli) -> Option<String> {
    (cli.now.is_some() && cli.data_dir.is_none()).then(|| {
        "--now would record answers at a fixed time into your real history; give --data-dir DIR (or DECOUPLE_QUIZ_DATA_DIR) to study with a fixed clock".to_string()
    })
}

pub fn run(env: &Env, cli: &Cli) -> Result<i32> {
    if let Some(why) = fixed_clock_refusal(cli) {
        eprintln!("decouple-quiz: {why}");
        return Ok(EXIT_FIXED_CLOCK);
    }
    let (lib, mut engine, notices) = super::open(env)?;
    if let Some(why) = exam_refusal(cli, &lib) {
        crate::text::eprint_line(&format!("decouple-quiz: {why}"));
        return Ok(EXIT_EXAM);
    }
    if wants_plain(cli) {
        for n in &notices {
            crate::text::eprint_line(&format!("note: {n}"));
        }
        let plan = plan(cli.command.as_ref());
        let (kind, questions) = select(&engine, &lib, &plan, env.seed(), 0, env.now());
        let kind = if kind == Kind::Retake {
            Kind::Practice
        } else {
            kind
        };
        let stdin = std::io::stdin();
        // Every line of plain mode is made safe for the terminal (crate::text).
        let mut out =
            crate::text::SafeWriter::new(std::io::stdout().lock(), crate::text::Mode::Text);
        return crate::plain::run(
            env,
            &lib,
            &mut engine,
            kind,
            questions,
            &mut stdin.lock(),
            &mut out,
        );
    }
    let mut model = Model::new(lib, notices, env.seed(), env.now());
    model.mouse = !cli.no_mouse;
    model.learn_ahead_minutes = engine.study().learn_ahead_minutes;
    model.fixed_clock = env.fixed_now.is_some();
    model.last_missed = record::last_missed(&engine, &model.lib);
    let start = request(cli.command.as_ref());
    runtime::run(env, model, engine, theme(cli.color), start)
}

/// What plain mode studies for a command: the same plans as the TUI's requests.
fn plan(cmd: Option<&Command>) -> Plan {
    match cmd {
        Some(Command::Practice {
            packs,
            topics,
            count,
        }) => Plan::Practice {
            packs: packs.clone(),
            topics: topics.clone(),
            count: *count,
        },
        Some(Command::Drill { count }) => Plan::Drill {
            topic: None,
            count: count.unwrap_or(home::DRILL_COUNT),
        },
        _ => Plan::Review,
    }
}

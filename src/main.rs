//! Entry point: parse the command line, resolve the environment, run one command.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use decouple_quiz::cli::{Cli, Command};
use decouple_quiz::env::Env;
use decouple_quiz::{commands, engine};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
        // `decouple-quiz list | head` closes the pipe early: that is not an error.
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("decouple-quiz: error: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<i32> {
    let env = Env::from_cli(&cli);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match cli.command {
        Some(Command::Check { paths }) => return commands::check(&paths, &env.sources, &mut out),
        Some(Command::List) => commands::list(&env.sources, &mut out)?,
        Some(Command::Paths) => commands::paths(&env.paths, &mut out)?,
        Some(Command::NewPack { id }) => {
            let path = commands::new_pack(&id, &env.paths.user_packs())?;
            writeln!(out, "{}", path.display())?;
        }
        Some(Command::Completions { shell }) => commands::completions(shell, &mut out),
        Some(Command::Stats { json }) => engine::stats(&env, json, &mut out)?,
        Some(Command::Cards { json }) => engine::cards(&env, json, &mut out)?,
        Some(Command::Optimize) => engine::optimize(&env, &mut out)?,
        Some(
            Command::Review
            | Command::Practice { .. }
            | Command::Drill { .. }
            | Command::Exam { .. },
        )
        | None => {
            drop(out);
            return decouple_quiz::start::run(&env, &cli);
        }
    }
    Ok(0)
}

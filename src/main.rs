//! Entry point: parse the command line and run it (`commands::run`); report errors.

use std::process::ExitCode;

use clap::Parser;
use decouple_quiz::cli::Cli;
use decouple_quiz::{commands, text};
use std::io::Write;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => e.exit(),
        // clap quotes what was typed: shown safe for the terminal, like every other error.
        Err(e) => {
            let _ = write!(std::io::stderr(), "{}", text::safe(&e.to_string()));
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    match commands::run(cli) {
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
            text::eprint_line(&format!("decouple-quiz: error: {e:#}"));
            ExitCode::from(1)
        }
    }
}

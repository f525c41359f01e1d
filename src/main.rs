//! Entry point: parse the command line and run it (`commands::run`); report errors.

use std::process::ExitCode;

use clap::Parser;
use decouple_quiz::cli::Cli;
use decouple_quiz::commands;

/// mimalloc: start-up decodes ~10^5 small strings and vectors from the library cache, where it
/// allocates markedly faster than the system allocator (docs/performance.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match commands::run(Cli::parse()) {
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

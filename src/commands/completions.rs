//! `decouple-quiz completions SHELL`: shell completion scripts.

use std::io::Write;

/// `completions <shell>`.
pub fn completions(shell: clap_complete::Shell, out: &mut dyn Write) {
    use clap::CommandFactory;
    clap_complete::generate(shell, &mut crate::cli::Cli::command(), "decouple-quiz", out);
}

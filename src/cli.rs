//! The command line: global options and subcommands (clap derive). Parsing only, no behaviour.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "decouple-quiz",
    version,
    about = "A fast, keyboard-driven terminal trainer for AWS architecture exams",
    long_about = "A fast, keyboard-driven terminal trainer for AWS architecture exams.\n\nWithout a command it opens the interactive trainer on the built-in packs plus your own packs."
)]
pub struct Cli {
    /// Where history and user packs live [default: $XDG_DATA_HOME/decouple-quiz]
    #[arg(
        long,
        global = true,
        env = "DECOUPLE_QUIZ_DATA_DIR",
        value_name = "DIR"
    )]
    pub data_dir: Option<PathBuf>,

    /// Where config.toml lives [default: $XDG_CONFIG_HOME/decouple-quiz]
    #[arg(
        long,
        global = true,
        env = "DECOUPLE_QUIZ_CONFIG_DIR",
        value_name = "DIR"
    )]
    pub config_dir: Option<PathBuf>,

    /// Also load every *.toml pack in DIR (repeatable)
    #[arg(long = "pack-dir", global = true, value_name = "DIR")]
    pub pack_dirs: Vec<PathBuf>,

    /// Also load the pack FILE (repeatable)
    #[arg(long = "pack", value_name = "FILE")]
    pub pack_files: Vec<PathBuf>,

    /// Hide the built-in packs
    #[arg(long, global = true)]
    pub no_builtin: bool,

    /// Use this time instead of the clock (RFC 3339, e.g. 2026-11-26T10:00:00Z), for reproducible output
    #[arg(long, global = true, value_name = "TIME", value_parser = parse_now)]
    pub now: Option<time::OffsetDateTime>,

    /// Seed for question and choice order (reproducible sessions)
    #[arg(long, global = true, value_name = "N")]
    pub seed: Option<u64>,

    /// When to use colour in the trainer
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Line-by-line mode for screen readers and scripts (automatic when not a terminal or TERM=dumb)
    #[arg(long, global = true)]
    pub plain: bool,

    /// Do not capture the mouse (keeps the terminal's own select and copy)
    #[arg(long, global = true)]
    pub no_mouse: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate pack files or directories (default: built-in and user packs)
    Check {
        /// Pack files or directories of packs
        paths: Vec<PathBuf>,
        /// Also print, per pack, where the keys sit (A-F), how their length ranks among the
        /// choices, and how many give-away, length and near-duplicate warnings it has
        #[arg(long)]
        stats: bool,
    },
    /// List packs, topics and question counts
    List,
    /// Print where decouple-quiz keeps its files
    Paths,
    /// Write a commented starter pack into the user packs directory
    NewPack {
        /// Pack id: lowercase letters, digits and dashes
        id: String,
        /// Write it even when a loaded pack (a built-in one, say) already uses the id: the new
        /// pack then replaces that one
        #[arg(long)]
        force: bool,
    },
    /// Print a shell completion script
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Show study statistics
    Stats {
        /// Machine-readable JSON (see docs/json.md)
        #[arg(long)]
        json: bool,
    },
    /// Show the scheduling state of every question with history
    Cards {
        /// Machine-readable JSON (see docs/json.md)
        #[arg(long)]
        json: bool,
    },
    /// Fit personal FSRS parameters to your history
    Optimize {
        /// Apply the fitted parameters without asking (for scripts)
        #[arg(long, short = 'y')]
        yes: bool,
    },
    /// Review the questions that are due
    Review,
    /// Practise chosen packs or topics
    Practice {
        /// Only questions of this pack (repeatable)
        #[arg(long = "pack", value_name = "ID")]
        packs: Vec<String>,
        /// Only questions of this topic, as `topic` or `pack/topic` (repeatable)
        #[arg(long = "topic", value_name = "ID")]
        topics: Vec<String>,
        /// How many questions
        #[arg(long, value_name = "N")]
        count: Option<usize>,
    },
    /// Drill your weakest topics
    Drill {
        /// How many questions
        #[arg(long, value_name = "N")]
        count: Option<usize>,
    },
    /// Take a timed mock exam
    Exam {
        /// Exam id (see `decouple-quiz list`)
        id: Option<String>,
    },
    /// List every question with your state, flag, note and last result (filters as in the browser)
    Questions(QuestionsArgs),
    /// Open the trainer on the question browser
    Browse,
    /// Write an errata report on a question (with your comment) and print its path
    Report {
        /// The question, as PACK/QUESTION
        question: String,
        /// Your comment (default: written in $EDITOR)
        #[arg(long, value_name = "TEXT")]
        comment: Option<String>,
    },
    /// Merge another machine's history into this one, or export a clean copy
    History {
        #[command(subcommand)]
        action: HistoryAction,
    },
}

#[derive(Debug, Subcommand)]
pub enum HistoryAction {
    /// Merge another machine's history.jsonl into this one (deduplicated, in time order; the old file is kept as a backup)
    Merge {
        /// The other history file (`-` for standard input)
        file: PathBuf,
    },
    /// Write a clean copy of the history (unreadable and cut-off lines left out)
    Export {
        /// Where to write it (`-` or nothing: standard output)
        file: Option<PathBuf>,
    },
}

fn parse_now(s: &str) -> Result<time::OffsetDateTime, String> {
    time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339)
        .map(|t| t.to_offset(time::UtcOffset::UTC))
        .map_err(|e| format!("expected RFC 3339 like 2026-11-26T10:00:00Z ({e})"))
}

/// The filters of `questions` (the same as the browser's).
#[derive(Debug, Clone, Args)]
pub struct QuestionsArgs {
    /// Machine-readable JSON (see docs/json.md)
    #[arg(long)]
    pub json: bool,
    /// Only this pack (repeatable)
    #[arg(long = "pack", value_name = "ID")]
    pub packs: Vec<String>,
    /// Only this topic, as `topic` or `pack/topic` (repeatable)
    #[arg(long = "topic", value_name = "ID")]
    pub topics: Vec<String>,
    /// Only this exam domain: secure, resilient, performant, cost (repeatable)
    #[arg(long = "domain", value_name = "ID")]
    pub domains: Vec<String>,
    /// Only this state: new, learning, review, leech (repeatable)
    #[arg(long = "state", value_name = "STATE")]
    pub states: Vec<String>,
    /// Only flagged questions
    #[arg(long)]
    pub flagged: bool,
    /// Only this last result: right, wrong, none (repeatable)
    #[arg(long = "last", value_name = "RESULT")]
    pub last: Vec<String>,
    /// Only questions whose stem, choices, explanation or tips contain every word
    #[arg(long, value_name = "WORDS")]
    pub search: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn practice_pack_is_an_id_while_top_level_pack_is_a_file() {
        let cli =
            Cli::try_parse_from(["dq", "--pack", "x.toml", "practice", "--pack", "decoupling"])
                .unwrap();
        assert_eq!(cli.pack_files, vec![PathBuf::from("x.toml")]);
        assert!(
            matches!(cli.command, Some(Command::Practice { ref packs, .. }) if packs == &["decoupling"])
        );
    }
}

//! The resolved run-time environment every command starts from: paths, pack sources, clock, seed.

use time::OffsetDateTime;

use crate::cli::Cli;
use crate::library::Sources;
use crate::paths::Paths;

#[derive(Debug, Clone)]
pub struct Env {
    pub paths: Paths,
    pub sources: Sources,
    /// `--now`: a fixed clock; `None` means the system clock.
    pub fixed_now: Option<OffsetDateTime>,
    pub seed: Option<u64>,
}

impl Env {
    pub fn from_cli(cli: &Cli) -> Env {
        let paths = Paths::resolve(cli.data_dir.clone(), cli.config_dir.clone());
        let mut dirs = vec![paths.user_packs()];
        dirs.extend(cli.pack_dirs.iter().cloned());
        let sources = Sources {
            builtin: !cli.no_builtin,
            dirs,
            files: cli.pack_files.clone(),
        };
        Env {
            paths,
            sources,
            fixed_now: cli.now,
            seed: cli.seed,
        }
    }

    /// The current time: `--now` when given, else the system clock (UTC, whole milliseconds).
    pub fn now(&self) -> OffsetDateTime {
        self.fixed_now.unwrap_or_else(|| {
            let t = OffsetDateTime::now_utc();
            t.replace_nanosecond(t.nanosecond() / 1_000_000 * 1_000_000)
                .unwrap_or(t)
        })
    }

    /// The session seed: `--seed` when given, else derived from the clock.
    pub fn seed(&self) -> u64 {
        self.seed.unwrap_or_else(|| {
            let t = OffsetDateTime::now_utc();
            (t.unix_timestamp() as u64).wrapping_mul(1_000_000_007) ^ u64::from(t.nanosecond())
        })
    }
}

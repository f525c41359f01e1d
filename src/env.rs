//! The resolved run-time environment every command starts from: paths, pack sources, clock, seed
//! and the cache window. Built from the command line by `commands::env`.

use time::OffsetDateTime;

use crate::cache::CacheDir;
use crate::library::Sources;
use crate::paths::Paths;

#[derive(Debug, Clone)]
pub struct Env {
    pub paths: Paths,
    pub sources: Sources,
    /// `--now`: a fixed clock; `None` means the system clock.
    pub fixed_now: Option<OffsetDateTime>,
    pub seed: Option<u64>,
    /// How old a file change must be before its stat is trusted by the caches
    /// ([`crate::cache::RACY_NS`] unless a test shortens it).
    pub cache_window_ns: u64,
}

impl Env {
    /// Where the start-up caches live, and the racy window in force.
    pub fn cache(&self) -> CacheDir {
        CacheDir {
            path: self.paths.cache_dir.clone(),
            window_ns: self.cache_window_ns,
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

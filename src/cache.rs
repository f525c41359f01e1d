//! The container format of the derived start-up caches (`library.bin`, `progress.bin`): checked
//! sections in one file, written atomically, plus the clock and the "racy" window that decide
//! whether a file's stat can be trusted. What goes into each file belongs to its owner
//! (`library::cache`, `engine::snapshot`); deleting every cache file loses nothing.

pub mod file;
pub mod hash;

use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

/// A file whose change time is this close to (or after) the moment its stat was taken may
/// change again within the file system's timestamp granularity without its stat changing: such a
/// stat is never trusted (the "racy clean" problem git also guards against). The window in force
/// is `Env::cache_window_ns`, which tests set to 0 instead of waiting it out.
pub const RACY_NS: u64 = 2_000_000_000;

/// Nanoseconds since the Unix epoch, now.
pub fn now_ns() -> u64 {
    ns(SystemTime::now())
}

/// Nanoseconds since the Unix epoch of `t` (0 before it).
pub fn ns(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
}

/// Where the caches live, and the racy window in force (normally [`RACY_NS`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CacheDir {
    pub path: PathBuf,
    pub window_ns: u64,
}

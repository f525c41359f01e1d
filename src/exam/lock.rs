//! One window per attempt: an exclusive lock on `<data dir>/exam.lock`, held by the process that
//! has an attempt open (from its start or resume until it is submitted or abandoned, or the
//! process exits, when the system releases it). Another process finds it taken and leaves the
//! attempt alone instead of offering to resume it, so two windows never rewrite one
//! `exam-in-progress.json` nor submit one attempt twice.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};

pub const FILE: &str = "exam.lock";

pub fn path(data_dir: &Path) -> PathBuf {
    data_dir.join(FILE)
}

/// The held lock; dropping it releases it.
#[derive(Debug)]
pub struct ExamLock {
    _file: Option<File>,
}

/// What [`try_lock`] found.
#[derive(Debug)]
pub enum Taken {
    /// This process holds the lock now.
    Held(ExamLock),
    /// Another process holds it: an attempt is open in another window.
    Elsewhere,
}

/// Takes the lock without waiting. On a file system without locks the attempt goes on unlocked
/// (as the history does).
pub fn try_lock(data_dir: &Path) -> io::Result<Taken> {
    fs::create_dir_all(data_dir)?;
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path(data_dir))?;
    match file.try_lock() {
        Ok(()) => Ok(Taken::Held(ExamLock { _file: Some(file) })),
        Err(TryLockError::WouldBlock) => Ok(Taken::Elsewhere),
        Err(TryLockError::Error(e)) if e.kind() == io::ErrorKind::Unsupported => {
            Ok(Taken::Held(ExamLock { _file: None }))
        }
        Err(TryLockError::Error(e)) => Err(e),
    }
}

/// What a second window says.
pub const ELSEWHERE: &str = "A mock exam is open in another decouple-quiz window: finish it there (everything else works here).";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_taker_finds_it_held_until_the_first_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let first = try_lock(dir.path()).unwrap();
        assert!(matches!(first, Taken::Held(_)));
        assert!(matches!(try_lock(dir.path()).unwrap(), Taken::Elsewhere));
        drop(first);
        assert!(matches!(try_lock(dir.path()).unwrap(), Taken::Held(_)));
    }
}

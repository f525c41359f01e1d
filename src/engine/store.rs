//! The history file on disk: locked reads, repair of a torn last line, copies of corrupt files,
//! and durable appends (exclusive lock on `history.lock`, one write, fsync) that never rewrite
//! what is already there.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::utc::Ms;

mod files;
pub(super) use files::dangling;
pub use files::{copy_mode, describe, lock, set_mode, sync_dir, write_aside};
use files::{last_byte, uncreatable};

/// Why progress could not be saved. The in-memory session goes on either way.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SaveError {
    /// Writing is off for this whole session (history from a newer version, unreadable file).
    #[error("progress cannot be saved: {0}")]
    ReadOnly(String),
    /// This write failed (read-only or missing directory, full disk, lock held too long).
    #[error("progress cannot be saved: {0}")]
    Failed(String),
    /// The event itself was rejected; nothing was written.
    #[error("event not recorded: {0}")]
    Invalid(String),
}

/// Access to `<data dir>/history.jsonl`.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    path: PathBuf,
    /// Set once for the session: never write (newer version, unreadable history).
    read_only: Option<String>,
    /// The last failure to write, cleared by the next successful append.
    problem: Option<String>,
}

/// What [`Store::open`] read.
pub struct Opened {
    pub store: Store,
    /// The file's bytes (empty when it does not exist).
    pub bytes: Vec<u8>,
    pub notices: Vec<String>,
    /// Held while the caller parses, so a repair cannot race with another instance's append.
    pub lock: Option<File>,
}

impl Store {
    pub fn history_path(&self) -> &Path {
        &self.path
    }

    /// Reads the history under the lock. Never fails: problems become notices and a read-only
    /// or problem state that [`Store::save_problem`] reports.
    pub fn open(dir: &Path) -> Opened {
        let (mut store, lock) = Store::prepare(dir);
        let mut notices = Vec::new();
        if let Some(why) = dangling(&store.path) {
            notices.push(format!(
                "{why}; your progress is not shown and will not be saved (restore the link's target, or remove the link to start a new history)"
            ));
            store.read_only = Some(why);
            return Opened {
                store,
                bytes: Vec::new(),
                notices,
                lock,
            };
        }
        if let Some(p) = store
            .problem
            .as_ref()
            .filter(|p| p.contains("symbolic link"))
        {
            notices.push(format!("{p}; progress will not be saved"));
        }
        let bytes = match fs::metadata(&store.path) {
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
                ) =>
            {
                Vec::new()
            }
            Ok(m) if !m.is_file() => {
                store.read_only = Some(format!("{} is not a regular file", store.path.display()));
                Vec::new()
            }
            _ => match fs::read(&store.path) {
                Ok(b) => b,
                Err(e) => {
                    let why = format!("cannot read {}: {}", store.path.display(), e);
                    notices.push(format!(
                        "{why}; your progress is not shown and will not be saved"
                    ));
                    store.read_only = Some(why);
                    Vec::new()
                }
            },
        };
        Opened {
            store,
            bytes,
            notices,
            lock,
        }
    }

    /// Like [`Store::open`] without reading the file: only the lock and save-problem checks
    /// (used when the start-up cache already holds what the file says).
    pub fn open_unread(dir: &Path) -> Store {
        Store::prepare(dir).0
    }

    /// The store for `dir` and the history lock, if it could be taken.
    fn prepare(dir: &Path) -> (Store, Option<File>) {
        let path = dir.join("history.jsonl");
        let mut store = Store {
            dir: dir.to_path_buf(),
            path,
            read_only: None,
            problem: None,
        };
        let lock = match dir.is_dir() {
            true => match lock(dir) {
                Ok(l) => l,
                Err(e) => {
                    store.problem = Some(describe(&e, dir));
                    None
                }
            },
            false => {
                if let Some(why) = uncreatable(dir) {
                    store.problem = Some(why);
                }
                None
            }
        };
        (store, lock)
    }

    /// Why progress cannot be saved right now, if it cannot.
    pub fn save_problem(&self) -> Option<&str> {
        self.read_only.as_deref().or(self.problem.as_deref())
    }

    pub fn set_read_only(&mut self, why: String) {
        self.read_only.get_or_insert(why);
    }

    pub fn writable(&self) -> bool {
        self.read_only.is_none() && self.problem.is_none()
    }

    /// Moves a torn last line (`tail`, starting at byte `at`) to `history.jsonl.torn-<stamp>` and
    /// cuts it from the history, so the next append starts on a fresh line. Caller holds the lock.
    pub fn move_torn_tail(&mut self, at: u64, tail: &[u8], now: Ms) -> Result<PathBuf, String> {
        let aside = self.write_aside("torn", tail, now)?;
        let f = OpenOptions::new()
            .write(true)
            .open(&self.path)
            .map_err(|e| describe(&e, &self.path))?;
        f.set_len(at)
            .and_then(|()| f.sync_all())
            .map_err(|e| describe(&e, &self.path))?;
        Ok(aside)
    }

    /// Ends a complete last line that lacks its newline. Caller holds the lock.
    pub fn terminate_last_line(&mut self) -> Result<(), String> {
        let mut f = OpenOptions::new()
            .append(true)
            .open(&self.path)
            .map_err(|e| describe(&e, &self.path))?;
        f.write_all(b"\n")
            .and_then(|()| f.sync_data())
            .map_err(|e| describe(&e, &self.path))
    }

    /// Copies the whole history to `history.jsonl.corrupt-<stamp>` unless an earlier copy already
    /// holds the first `upto` bytes (the same damage seen again on a later start).
    pub fn preserve_corrupt(
        &mut self,
        bytes: &[u8],
        upto: usize,
        now: Ms,
    ) -> Result<(PathBuf, bool), String> {
        let prefix = &bytes[..upto.min(bytes.len())];
        let name = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut earlier: Vec<PathBuf> = fs::read_dir(&self.dir)
            .map(|rd| {
                rd.filter_map(Result::ok)
                    .filter(|e| {
                        e.file_name()
                            .to_string_lossy()
                            .starts_with(&format!("{name}.corrupt-"))
                    })
                    .map(|e| e.path())
                    .collect()
            })
            .unwrap_or_default();
        earlier.sort();
        for p in earlier {
            if fs::metadata(&p).is_ok_and(|m| m.len() >= prefix.len() as u64)
                && fs::read(&p).is_ok_and(|b| b.starts_with(prefix))
            {
                return Ok((p, false));
            }
        }
        self.write_aside("corrupt", bytes, now).map(|p| (p, true))
    }

    /// Writes `bytes` to a new `history.jsonl.<what>-<stamp>[-n]` file with the history's
    /// permission bits, and syncs it.
    fn write_aside(&self, what: &str, bytes: &[u8], now: Ms) -> Result<PathBuf, String> {
        write_aside(&self.path, what, bytes, now, copy_mode(&self.path))
    }

    /// Appends one line (no newline inside) durably: lock, one write, fsync, unlock.
    pub fn append(&mut self, line: &str) -> Result<(), SaveError> {
        if let Some(why) = &self.read_only {
            return Err(SaveError::ReadOnly(why.clone()));
        }
        match self.try_append(line) {
            Ok(()) => {
                self.problem = None;
                Ok(())
            }
            Err(why) => {
                self.problem = Some(why.clone());
                Err(SaveError::Failed(why))
            }
        }
    }

    fn try_append(&self, line: &str) -> Result<(), String> {
        fs::create_dir_all(&self.dir).map_err(|e| describe(&e, &self.dir))?;
        let _lock = lock(&self.dir).map_err(|e| describe(&e, &self.dir))?;
        // Following a link is fine (a history kept in a synced folder); creating its missing
        // target is not: the link may point anywhere.
        if let Some(why) = dangling(&self.path) {
            return Err(why);
        }
        let created = !self.path.exists();
        let mut f = OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .open(&self.path)
            .map_err(|e| describe(&e, &self.path))?;
        let meta = f.metadata().map_err(|e| describe(&e, &self.path))?;
        let len = meta.len();
        let mut buf = Vec::with_capacity(line.len() + 2);
        // Another instance may have died mid-line since we read the file: never glue onto it.
        if len > 0 && meta.is_file() && last_byte(&mut f, len) != Some(b'\n') {
            buf.push(b'\n');
        }
        buf.extend_from_slice(line.as_bytes());
        buf.push(b'\n');
        if let Err(e) = f.write_all(&buf).and_then(|()| f.sync_data()) {
            // Leave no half line behind (best effort; a torn tail is repaired on the next start).
            let _ = f.set_len(len);
            return Err(describe(&e, &self.path));
        }
        if created {
            sync_dir(&self.dir);
        }
        Ok(())
    }
}

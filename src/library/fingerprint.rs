//! What a cached library was built from: a content hash of the built-in packs, and the path,
//! size, modification and change times and inode of every user pack file, taken *before* the
//! files are read. A cache is used only when the current fingerprint is equal.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{Sources, pack_files};
use crate::cache::hash::hash_parts;
use crate::cache::ns;
use crate::pack::builtin;

/// The stat of one pack file; `None` fields when it could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilePrint {
    pub path: PathBuf,
    pub stat: Option<Stat>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stat {
    pub len: u64,
    pub mtime_ns: u64,
    pub ctime_ns: u64,
    pub inode: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    /// Content hash of the built-in packs, when they are loaded.
    pub builtin: Option<u64>,
    /// The pack directories and single files asked for.
    pub dirs: Vec<PathBuf>,
    pub named: Vec<PathBuf>,
    /// The directories that could not be read (their error is a notice in the library).
    pub unreadable: Vec<String>,
    /// Every user pack file, in load order.
    pub files: Vec<FilePrint>,
}

impl Fingerprint {
    /// Lists and stats the pack files of `sources` (no file is read).
    pub fn take(sources: &Sources) -> Fingerprint {
        let (files, errors) = pack_files(sources);
        Fingerprint {
            builtin: sources.builtin.then(builtin_hash),
            dirs: sources.dirs.clone(),
            named: sources.files.clone(),
            unreadable: errors.into_iter().map(|d| d.path).collect(),
            files: files
                .into_iter()
                .map(|path| FilePrint {
                    stat: stat(&path),
                    path,
                })
                .collect(),
        }
    }

    /// Whether some file changed less than `window_ns` before `taken_ns`, so that a later
    /// change might not show in its stat (see [`crate::cache::RACY_NS`]).
    pub fn racy(&self, taken_ns: u64, window_ns: u64) -> bool {
        self.files.iter().any(|f| {
            f.stat
                .is_some_and(|s| s.mtime_ns.max(s.ctime_ns).saturating_add(window_ns) > taken_ns)
        })
    }
}

/// The content hash of every built-in pack's name and text.
pub fn builtin_hash() -> u64 {
    hash_parts(
        builtin::PACKS
            .iter()
            .flat_map(|(name, text)| [name.as_bytes(), text.as_bytes()]),
    )
}

fn stat(path: &Path) -> Option<Stat> {
    let m = std::fs::metadata(path).ok()?;
    let mtime_ns = m.modified().map_or(0, ns);
    #[cfg(unix)]
    let (ctime_ns, inode) = {
        use std::os::unix::fs::MetadataExt;
        let c = u64::try_from(m.ctime()).unwrap_or(0);
        let cn = u64::try_from(m.ctime_nsec()).unwrap_or(0);
        (c.saturating_mul(1_000_000_000).saturating_add(cn), m.ino())
    };
    #[cfg(not(unix))]
    let (ctime_ns, inode) = (mtime_ns, 0);
    Some(Stat {
        len: m.len(),
        mtime_ns,
        ctime_ns,
        inode,
    })
}

//! The file-system side of the history store: the history lock, copies written aside (torn
//! tails, corrupt files, merge backups) with the history's permission bits, directory syncs and
//! user-facing reasons for I/O errors.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::super::utc::{self, Ms};

/// How long to wait for another instance to finish its append before giving up.
const LOCK_WAIT: Duration = Duration::from_secs(5);

/// The permission bits a copy of the history at `path` gets: those of the file it copies (the
/// link's target when the history is a link), or 0600 when they cannot be read. `None` where
/// files have no such bits.
pub fn copy_mode(path: &Path) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        Some(fs::metadata(path).map_or(0o600, |m| m.permissions().mode() & 0o777))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// Writes `bytes` to a new `<path>.<what>-<stamp>[-n]` file (never over an existing one) and
/// syncs it: torn tails, corrupt copies and the backups of `history merge`. With `mode` (Unix),
/// the file gets exactly those permission bits (the umask may have narrowed them at creation).
pub fn write_aside(
    path: &Path,
    what: &str,
    bytes: &[u8],
    now: Ms,
    mode: Option<u32>,
) -> Result<PathBuf, String> {
    let base = format!("{}.{what}-{}", path.display(), utc::file_stamp(now));
    for n in 0..1000 {
        let p = PathBuf::from(if n == 0 {
            base.clone()
        } else {
            format!("{base}-{n}")
        });
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        if let Some(mode) = mode {
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, mode);
        }
        match options.open(&p) {
            Ok(mut f) => {
                return set_mode(&f, mode)
                    .and_then(|()| f.write_all(bytes))
                    .and_then(|()| f.sync_all())
                    .map(|()| p.clone())
                    .map_err(|e| describe(&e, &p));
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(describe(&e, &p)),
        }
    }
    Err(format!("too many files named {base}-*"))
}

/// Gives `f` exactly the permission bits `mode` (nothing to do for `None` or off Unix).
#[cfg(unix)]
pub fn set_mode(f: &File, mode: Option<u32>) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    mode.map_or(Ok(()), |m| f.set_permissions(fs::Permissions::from_mode(m)))
}

#[cfg(not(unix))]
pub fn set_mode(_f: &File, _mode: Option<u32>) -> io::Result<()> {
    Ok(())
}

pub(super) fn last_byte(f: &mut File, len: u64) -> Option<u8> {
    let mut b = [0u8];
    f.seek(SeekFrom::Start(len - 1)).ok()?;
    f.read_exact(&mut b).ok()?;
    Some(b[0])
}

/// Takes the exclusive lock on `<dir>/history.lock`, waiting up to `LOCK_WAIT` (5 s). `Ok(None)` on
/// file systems without locks (proceed unlocked, as cargo does).
pub fn lock(dir: &Path) -> io::Result<Option<File>> {
    if let Some(why) = dangling(&dir.join("history.lock")) {
        return Err(io::Error::new(io::ErrorKind::NotFound, why));
    }
    let f = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(dir.join("history.lock"))?;
    let start = Instant::now();
    loop {
        match f.try_lock() {
            Ok(()) => return Ok(Some(f)),
            Err(fs::TryLockError::WouldBlock) if start.elapsed() < LOCK_WAIT => {
                std::thread::sleep(Duration::from_millis(2));
            }
            Err(fs::TryLockError::WouldBlock) => {
                return Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    "another decouple-quiz holds the history lock",
                ));
            }
            Err(fs::TryLockError::Error(e)) if e.kind() == io::ErrorKind::Unsupported => {
                return Ok(None);
            }
            Err(fs::TryLockError::Error(e)) => return Err(e),
        }
    }
}

/// Why `path` cannot be used when it is a symbolic link whose target does not exist.
pub(in crate::engine) fn dangling(path: &Path) -> Option<String> {
    let link = fs::symlink_metadata(path).ok()?;
    if !link.file_type().is_symlink() || fs::metadata(path).is_ok() {
        return None;
    }
    let target = fs::read_link(path).map_or_else(|_| "?".into(), |t| t.display().to_string());
    Some(format!(
        "{} is a symbolic link to {target}, which does not exist",
        path.display()
    ))
}

#[cfg(unix)]
pub fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(not(unix))]
pub fn sync_dir(_dir: &Path) {}

/// Why `dir` could not be created, judged from its nearest existing ancestor.
pub(super) fn uncreatable(dir: &Path) -> Option<String> {
    let mut p = dir.parent();
    while let Some(a) = p {
        if let Ok(m) = fs::metadata(a) {
            return (!m.is_dir()).then(|| {
                format!(
                    "{} cannot be created: {} is not a directory",
                    dir.display(),
                    a.display()
                )
            });
        }
        p = a.parent();
    }
    None
}

/// A user-facing reason for an I/O error at `path`.
pub fn describe(e: &io::Error, path: &Path) -> String {
    let p = path.display();
    match e.kind() {
        io::ErrorKind::StorageFull => format!("the disk is full (writing {p})"),
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
            format!("{p} is not writable ({e})")
        }
        io::ErrorKind::NotADirectory => {
            format!("{p} cannot be used: part of the path is not a directory")
        }
        _ => format!("{p}: {e}"),
    }
}

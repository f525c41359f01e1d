//! The in-progress attempt on disk: `<data dir>/exam-in-progress.json`, replaced atomically on
//! every change (temp file in the same directory, fsync, rename, directory fsync). A file that
//! cannot be parsed is moved aside to `exam-in-progress.json.corrupt-<UTC timestamp>`, never
//! overwritten and never a crash.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use time::OffsetDateTime;

use super::attempt::{Attempt, SCHEMA};

pub const FILE: &str = "exam-in-progress.json";

pub fn path(data_dir: &Path) -> PathBuf {
    data_dir.join(FILE)
}

/// What start-up found.
#[derive(Debug)]
pub enum Found {
    Nothing,
    Attempt(Box<Attempt>),
    /// The file was unreadable as an attempt; `message` tells the user what happened to it.
    Problem {
        message: String,
    },
}

/// Writes the attempt so that a crash at any moment leaves either the old or the new file.
pub fn save(data_dir: &Path, attempt: &Attempt) -> io::Result<()> {
    let json = serde_json::to_vec_pretty(attempt).map_err(io::Error::other)?;
    write_atomic(&path(data_dir), &json)
}

/// Replaces `target` with `bytes`: a temporary file in the same directory (`tempfile`),
/// `sync_all`, renamed into place, then an fsync of the directory so the rename itself survives
/// a power loss. A failed write removes its temporary file.
pub fn write_atomic(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = target.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".exam.tmp-")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(target).map_err(|e| e.error)?;
    sync_dir(dir)
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

/// Reads the in-progress attempt, if any. A corrupt file (or one written by a newer version) is
/// moved aside; an unreadable one (permissions, I/O) is left in place.
pub fn load(data_dir: &Path, now: OffsetDateTime) -> Found {
    let p = path(data_dir);
    let bytes = match fs::read(&p) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Found::Nothing,
        Err(e) => {
            return Found::Problem {
                message: format!("cannot read the unfinished exam {}: {e}", p.display()),
            };
        }
    };
    let why = match serde_json::from_slice::<Attempt>(&bytes) {
        Ok(a) if a.v <= SCHEMA && !a.items.is_empty() => return Found::Attempt(Box::new(a)),
        Ok(a) if a.v > SCHEMA => format!("it was written by a newer decouple-quiz (v{})", a.v),
        Ok(_) => "it holds no questions".to_string(),
        Err(e) => e.to_string(),
    };
    let message = match move_aside(&p, now) {
        Ok(to) => format!(
            "the unfinished exam could not be resumed ({why}); the file was moved to {}",
            to.display()
        ),
        Err(e) => format!(
            "the unfinished exam {} could not be resumed ({why}) nor moved aside: {e}",
            p.display()
        ),
    };
    Found::Problem { message }
}

/// Renames a bad file to `<name>.corrupt-<timestamp>[-n]`, never replacing an earlier one.
fn move_aside(p: &Path, now: OffsetDateTime) -> io::Result<PathBuf> {
    let stamp = format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second()
    );
    let base = format!("{}.corrupt-{stamp}", p.display());
    let mut to = PathBuf::from(&base);
    let mut n = 1;
    while to.exists() {
        to = PathBuf::from(format!("{base}-{n}"));
        n += 1;
    }
    fs::rename(p, &to)?;
    Ok(to)
}

/// Deletes the in-progress file (the attempt is over and in the history).
pub fn remove(data_dir: &Path) -> io::Result<()> {
    match fs::remove_file(path(data_dir)) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => sync_dir(data_dir).or(Ok(())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exam::{find, fixture_library};
    use time::macros::datetime;

    fn attempt() -> Attempt {
        let lib = fixture_library();
        let exam = find(&lib, "fixture-mock").unwrap().clone();
        Attempt::start(&lib, &exam, 5, datetime!(2026-11-26 10:00 UTC)).unwrap()
    }

    #[test]
    fn round_trip_and_remove() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let now = datetime!(2026-11-26 10:05 UTC);
        assert!(matches!(load(&data, now), Found::Nothing));
        let mut a = attempt();
        a.items[1].chosen = vec![2];
        a.items[3].flagged = true;
        a.pos = 3;
        a.elapsed_ms = 754_000;
        save(&data, &a).unwrap();
        a.elapsed_ms = 755_000;
        save(&data, &a).unwrap();
        match load(&data, now) {
            Found::Attempt(b) => assert_eq!(*b, a),
            other => panic!("{other:?}"),
        }
        let names: Vec<_> = fs::read_dir(&data)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, [FILE], "no temp files left behind");
        remove(&data).unwrap();
        remove(&data).unwrap();
        assert!(matches!(load(&data, now), Found::Nothing));
    }

    #[test]
    fn corrupt_file_is_moved_aside_not_lost() {
        let dir = tempfile::tempdir().unwrap();
        let now = datetime!(2026-11-26 10:05:09 UTC);
        for round in 0..2 {
            fs::write(path(dir.path()), b"{\"v\":1,\"id\":").unwrap();
            let Found::Problem { message } = load(dir.path(), now) else {
                panic!("corrupt file accepted")
            };
            let suffix = if round == 0 { "" } else { "-1" };
            let aside = dir
                .path()
                .join(format!("{FILE}.corrupt-20261126T100509Z{suffix}"));
            assert!(message.contains(&aside.display().to_string()), "{message}");
            assert_eq!(fs::read(&aside).unwrap(), b"{\"v\":1,\"id\":");
            assert!(!path(dir.path()).exists());
        }
    }

    #[test]
    fn newer_schema_is_not_resumed() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = attempt();
        a.v = SCHEMA + 1;
        save(dir.path(), &a).unwrap();
        let Found::Problem { message } = load(dir.path(), datetime!(2026-11-26 10:05 UTC)) else {
            panic!("newer file accepted")
        };
        assert!(message.contains("newer decouple-quiz"), "{message}");
    }
}

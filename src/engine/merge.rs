//! Two machines, one history: merging another machine's `history.jsonl` into this one
//! (deduplicated, in time order, written through a temporary file renamed into place under the
//! history lock, the old file kept as `history.jsonl.bak-<stamp>`), and clean exports.
//!
//! An event's identity is its whole line in a canonical form (keys sorted, no spaces); an
//! answer's is its time, question, choices and mode, so the same answer written with other
//! optional fields is still one answer. Identical events are a multiset: the merge keeps as many
//! of each as the side that has more. Lines of this history are never changed or dropped
//! (unreadable ones are kept as they are); lines of the other file are added only when readable.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use serde_json::Value;

use super::event::{self, Line, VERSION};
use super::store;
use super::utc::{self, Ms};

/// One line of a history file, as merging sees it.
#[derive(Debug, Clone)]
struct Entry {
    /// When it happened; lines without a readable time take the time of the line before them,
    /// so they stay next to it.
    at: Ms,
    /// The identity (see the module doc).
    id: String,
    /// The line as it was read, without its newline.
    line: String,
    kind: String,
}

/// A history file split into lines.
#[derive(Debug, Default)]
struct Parsed {
    entries: Vec<Entry>,
    /// 1-based numbers of complete lines that could not be read.
    unreadable: Vec<usize>,
    /// An unterminated last line that could not be read (cut off while writing).
    torn: Option<Vec<u8>>,
    /// The newest format version seen, when newer than this build's.
    newer: Option<u64>,
}

fn parse(bytes: &[u8]) -> Parsed {
    let mut out = Parsed::default();
    let body_end = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let mut at = 0;
    let mut number = 0;
    let mut body = bytes[..body_end].split(|&b| b == b'\n').collect::<Vec<_>>();
    body.pop(); // the empty piece after the last newline
    let tail = &bytes[body_end..];
    let pieces = body.into_iter().map(|l| (l, false));
    let pieces = pieces.chain((!tail.is_empty()).then_some((tail, true)));
    for (raw, is_tail) in pieces {
        number += 1;
        match entry(raw, at) {
            Ok(None) => {}
            Ok(Some((e, newer))) => {
                at = e.at;
                if let Some(v) = newer {
                    out.newer = Some(out.newer.map_or(v, |n: u64| n.max(v)));
                }
                out.entries.push(e);
            }
            Err(()) if is_tail => out.torn = Some(raw.to_vec()),
            Err(()) => {
                out.unreadable.push(number);
                out.entries.push(Entry {
                    at,
                    id: format!("\0unreadable {number}"),
                    line: String::from_utf8_lossy(raw).into_owned(),
                    kind: String::new(),
                });
            }
        }
    }
    out
}

/// Reads one line: `Ok(None)` for a blank line, `Err` for an unreadable one.
fn entry(raw: &[u8], before: Ms) -> Result<Option<(Entry, Option<u64>)>, ()> {
    let parsed = event::parse_line(raw).map_err(|_| ())?;
    let text = std::str::from_utf8(raw).map_err(|_| ())?;
    let value: Value = match parsed {
        Line::Blank => return Ok(None),
        _ => serde_json::from_str(text).map_err(|_| ())?,
    };
    let kind = value
        .get("kind")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let at = value
        .get("at")
        .and_then(Value::as_str)
        .and_then(utc::parse)
        .unwrap_or(before);
    let (id, newer) = match parsed {
        Line::Answer(a) => (
            format!(
                "answer {} {} {} {}",
                a.at,
                a.question,
                value
                    .get("chosen")
                    .map(Value::to_string)
                    .unwrap_or_default(),
                a.mode.as_str()
            ),
            None,
        ),
        Line::Newer(v) => (canonical(&value), Some(v)),
        _ => (canonical(&value), None),
    };
    let line = text.to_string();
    Ok(Some((Entry { at, id, line, kind }, newer)))
}

/// The value as JSON text with every object's keys sorted.
fn canonical(v: &Value) -> String {
    fn sorted(v: &Value) -> Value {
        match v {
            Value::Object(o) => {
                let mut keys: Vec<&String> = o.keys().collect();
                keys.sort();
                let mut out = serde_json::Map::new();
                for k in keys {
                    out.insert(k.clone(), sorted(&o[k]));
                }
                Value::Object(out)
            }
            Value::Array(a) => Value::Array(a.iter().map(sorted).collect()),
            other => other.clone(),
        }
    }
    // With serde_json's `preserve_order` the map keeps insertion order, which is now sorted.
    sorted(v).to_string()
}

/// How many events of each kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub answers: usize,
    pub sessions: usize,
    pub exams: usize,
    /// Every other kind (flags, notes, parameters, kinds of later versions).
    pub other: usize,
}

impl Counts {
    fn add(&mut self, kind: &str) {
        match kind {
            "answer" => self.answers += 1,
            "session" => self.sessions += 1,
            "exam" => self.exams += 1,
            _ => self.other += 1,
        }
    }

    pub fn total(&self) -> usize {
        self.answers + self.sessions + self.exams + self.other
    }
}

/// What [`merge`] did.
#[derive(Debug, Clone, Default)]
pub struct MergeReport {
    /// Events of the other file that were new here.
    pub added: Counts,
    /// Events of the other file already here (or repeated in it).
    pub already: usize,
    /// Unreadable lines of the other file, skipped (1-based).
    pub skipped: Vec<usize>,
    /// The other file's last line was cut off, and skipped.
    pub torn: bool,
    /// Unreadable lines of this history, kept as they were.
    pub kept_unreadable: usize,
    /// The copy of this history before the merge (only when something was added).
    pub backup: Option<PathBuf>,
    /// Where this history's own cut-off last line was moved.
    pub torn_aside: Option<PathBuf>,
    pub history: PathBuf,
}

/// Merges the history `other` (the bytes of another machine's `history.jsonl`) into
/// `<dir>/history.jsonl`. Nothing is written when nothing is new.
pub fn merge(dir: &Path, other: &[u8], now: Ms) -> Result<MergeReport> {
    let path = dir.join("history.jsonl");
    fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!(store::describe(&e, dir)))?;
    let _lock = store::lock(dir).map_err(|e| anyhow::anyhow!(store::describe(&e, dir)))?;
    if let Some(broken) = store::dangling(&path) {
        bail!("{broken}; nothing was changed");
    }
    let bytes = read(&path)?;
    let here = parse(&bytes);
    let theirs = parse(other);
    for (p, whose) in [(&here, "this history"), (&theirs, "the other history")] {
        if let Some(v) = p.newer {
            bail!(
                "{whose} was written by a newer decouple-quiz (history format v{v}; this one \
                 reads v{VERSION}): update decouple-quiz on this machine first; nothing was changed"
            );
        }
    }
    let mut report = MergeReport {
        skipped: theirs.unreadable.clone(),
        torn: theirs.torn.is_some(),
        kept_unreadable: here.unreadable.len(),
        history: path.clone(),
        ..MergeReport::default()
    };
    // Identical events are counted, not just seen: a history may hold the same answer twice (a
    // question asked again within the same second, or under a fixed clock). The merge keeps, for
    // each identity, as many as the side that has more, so neither side loses an event and
    // merging the same file again adds nothing.
    let mut have: HashMap<&str, usize> = HashMap::new();
    for e in &here.entries {
        *have.entry(e.id.as_str()).or_default() += 1;
    }
    let mut new = Vec::new();
    for e in theirs.entries.iter().filter(|e| !e.kind.is_empty()) {
        match have.get_mut(e.id.as_str()) {
            Some(n) if *n > 0 => {
                *n -= 1;
                report.already += 1;
            }
            _ => {
                report.added.add(&e.kind);
                new.push(e.clone());
            }
        }
    }
    if new.is_empty() {
        return Ok(report);
    }
    let why = |e: String| anyhow::anyhow!("{e}; nothing was changed");
    // Every file written here gets the history's permission bits, as the store's copies do.
    let mode = store::copy_mode(&path);
    if !bytes.is_empty() {
        report.backup = Some(store::write_aside(&path, "bak", &bytes, now, mode).map_err(why)?);
    }
    if let Some(tail) = &here.torn {
        report.torn_aside = Some(store::write_aside(&path, "torn", tail, now, mode).map_err(why)?);
    }
    let mut all = here.entries;
    all.extend(new);
    all.sort_by_key(|e| e.at); // stable: this history first among equal times, file order kept
    let mut text = String::with_capacity(bytes.len() + other.len());
    for e in &all {
        text.push_str(&e.line);
        text.push('\n');
    }
    // A linked history (into a synced folder) stays a link: its target is replaced.
    let target = match fs::symlink_metadata(&path) {
        Ok(m) if m.file_type().is_symlink() => {
            fs::canonicalize(&path).map_err(|e| why(store::describe(&e, &path)))?
        }
        _ => path.clone(),
    };
    let target_dir = target.parent().unwrap_or(dir);
    replace(target_dir, &target, text.as_bytes(), mode).map_err(why)?;
    Ok(report)
}

fn read(path: &Path) -> Result<Vec<u8>> {
    match fs::read(path) {
        Ok(b) => Ok(b),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => bail!("{}", store::describe(&e, path)),
    }
}

/// Writes `bytes` to a temporary file in `dir` with permission bits `mode`, syncs it and
/// renames it over `path`.
fn replace(dir: &Path, path: &Path, bytes: &[u8], mode: Option<u32>) -> Result<(), String> {
    let mut tmp = tempfile::Builder::new()
        .prefix(".history.jsonl.")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| store::describe(&e, dir))?;
    store::set_mode(tmp.as_file(), mode)
        .and_then(|()| tmp.write_all(bytes))
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| store::describe(&e, tmp.path()))?;
    tmp.persist(path)
        .map_err(|e| store::describe(&e.error, path))?;
    store::sync_dir(dir);
    Ok(())
}

/// A clean copy of a history: every readable line in file order.
#[derive(Debug, Clone, Default)]
pub struct Export {
    pub bytes: Vec<u8>,
    pub events: Counts,
    /// Unreadable lines left out (1-based).
    pub unreadable: Vec<usize>,
    /// The cut-off last line was left out.
    pub torn: bool,
}

/// Reads `<dir>/history.jsonl` under the history lock (changing nothing) and keeps its readable
/// lines.
pub fn export(dir: &Path) -> Result<Export> {
    let path = dir.join("history.jsonl");
    let _lock = match dir.is_dir() {
        true => store::lock(dir).map_err(|e| anyhow::anyhow!(store::describe(&e, dir)))?,
        false => None,
    };
    let parsed = parse(&read(&path)?);
    let mut out = Export {
        unreadable: parsed.unreadable,
        torn: parsed.torn.is_some(),
        ..Export::default()
    };
    for e in parsed.entries.iter().filter(|e| !e.kind.is_empty()) {
        out.events.add(&e.kind);
        out.bytes.extend_from_slice(e.line.as_bytes());
        out.bytes.push(b'\n');
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identities() {
        let a = br#"{"v":1,"kind":"answer","at":"2026-11-26T10:00:00Z","question":"a/b","mode":"review","chosen":[1],"correct":true,"rating":3,"ms":5}"#;
        // The same answer with another time zone, answer time and an extra field.
        let b = br#"{"v":1,"kind":"answer","at":"2026-11-26T11:00:00+01:00","question":"a/b","mode":"review","chosen":[1],"correct":true,"rating":3,"ms":9,"x":1}"#;
        let e = |raw: &[u8]| entry(raw, 0).unwrap().unwrap().0;
        assert_eq!(e(a).id, e(b).id);
        let s1 = br#"{"v":1,"kind":"session","at":"2026-11-26T10:00:00Z","mode":"review"}"#;
        let s2 = br#"{"mode":"review","at":"2026-11-26T10:00:00Z","kind":"session","v":1}"#;
        assert_eq!(e(s1).id, e(s2).id);
        assert!(entry(b"{\"v\":1,", 0).is_err());
        let p = parse(b"{\"v\":1,\"kind\":\"x\"}\nnot json\n{\"v\":1,\"ki");
        assert_eq!((p.entries.len(), p.unreadable.clone()), (2, vec![2]));
        assert!(p.torn.is_some());
    }
}

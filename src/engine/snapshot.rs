//! The engine's start-up cache (`<cache dir>/progress.bin`): the replayed card states, answers
//! and other events of a clean history, so a warm start skips reading and replaying it.
//!
//! It is keyed by the history's length, inode, modification time and a hash of its last 4 KiB,
//! and by the review settings. When the history only grew (the usual case: answers appended
//! since), the cached state is resumed and only the new lines are parsed and applied, as long as
//! they are clean, in time order and carry no new FSRS parameters. Anything else (shrunk,
//! rewritten, replaced, torn or unreadable lines, a damaged cache) takes the full path of
//! [`Engine::open`], and only a
//! history that opened without any notice is cached.

use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::event::{self, Line};
use super::events::Event;
use super::schedule::{Scheduler, fuzz_seed};
use super::store::Store;
use super::{Engine, ReviewConfig, StudyConfig, replay, utc};
use crate::cache::file::{self, Reader};
use crate::cache::hash::hash;
use crate::cache::now_ns;
use crate::env::Env;
use std::path::PathBuf;

mod codec;

const KIND: &[u8; 4] = b"ENG1";
/// The file name in the cache directory.
pub const FILE: &str = "progress.bin";
/// How much of the history's end the fingerprint hashes.
const TAIL: u64 = 4096;

/// How the engine was opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opened {
    /// The whole history was read and replayed.
    Replayed,
    /// The cached state matched the history exactly.
    Cached,
    /// The cached state was resumed and `lines` appended lines were applied.
    Resumed { lines: usize },
}

/// What the cached state was built from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Print {
    len: u64,
    tail: u64,
    inode: u64,
    /// Must match for an exact hit (a same-length rewrite in place); appends change it.
    mtime_ns: u64,
    /// When the file was looked at: an mtime this close to it may hide a later rewrite.
    taken_ns: u64,
    config: u64,
}

impl Print {
    /// Whether an unchanged stat proves an unchanged file: its last change lies more than
    /// `window_ns` before the stat was taken (see [`crate::cache::RACY_NS`]).
    fn settled(&self, window_ns: u64) -> bool {
        self.mtime_ns.saturating_add(window_ns) < self.taken_ns
    }
}

#[derive(Serialize, Deserialize)]
struct Meta {
    print: Print,
    params: Vec<f32>,
    /// Other events, as JSON text.
    others: Vec<String>,
}

impl Engine {
    /// [`Engine::open`], saying how it opened: from the start-up cache in `env.paths.cache_dir`
    /// (same engine, same notices, without reading and replaying a history that did not change),
    /// or by replaying, after which the cache is written.
    pub fn open_cached(env: &Env) -> anyhow::Result<(Engine, Vec<String>, Opened)> {
        // The session settings first: the exam window changes the cards' due dates, so the
        // cached cards are those of the window in force.
        let study = StudyConfig::load(&env.paths.config_file());
        let (engine, notices, opened, pending) = match Engine::open_from_cache(env, &study) {
            Some(hit) => hit,
            None => {
                let (e, n, p) = Engine::open_and_cache(env, study);
                (e, n, Opened::Replayed, p)
            }
        };
        if let Some(p) = pending {
            let _ = p.write(&engine);
        }
        Ok((engine, notices, opened))
    }

    /// The engine from the cache, brought up to date with lines appended since, if that is
    /// safe; with the updated cache to write when enough lines were applied
    /// ([`worth_rewriting`]). `None`: replay instead.
    fn open_from_cache(
        env: &Env,
        study: &StudyConfig,
    ) -> Option<(Engine, Vec<String>, Opened, Option<PendingProgress>)> {
        let (config, notices) = load_config(env);
        let cache = env.paths.cache_dir.join(FILE);
        let (engine, opened, print) = resume(
            &env.paths.data_dir,
            &cache,
            &config,
            study,
            env.cache_window_ns,
        )?;
        let pending = matches!(opened, Opened::Resumed { lines } if worth_rewriting(lines, engine.answers.len()))
            .then(|| PendingProgress::of(&engine, cache, print));
        Some((engine, notices, opened, pending))
    }

    /// [`Engine::open`] (read, repair, replay under `study`), with the cache of the result to
    /// write when the history opened cleanly.
    fn open_and_cache(
        env: &Env,
        study: StudyConfig,
    ) -> (Engine, Vec<String>, Option<PendingProgress>) {
        let (config, mut notices) = load_config(env);
        let dir = &env.paths.data_dir;
        let taken_ns = now_ns();
        let (inode, mtime_ns) = stat_of(&dir.join("history.jsonl")).unzip();
        let config_hash = config_hash(&config, &study);
        let (mut engine, more, bytes) =
            replay::open_read(dir, config, utc::from_datetime(env.now()));
        engine.set_study(study);
        let clean = more.is_empty() && engine.store.writable() && !bytes.is_empty();
        let same_file =
            inode.is_some() && inode == stat_of(&dir.join("history.jsonl")).map(|s| s.0);
        let print = Print {
            len: bytes.len() as u64,
            tail: tail_hash(&bytes),
            inode: inode.unwrap_or(0),
            mtime_ns: mtime_ns.unwrap_or(0),
            taken_ns,
            config: config_hash,
        };
        drop(bytes);
        let cache = env.paths.cache_dir.join(FILE);
        let pending = (clean && same_file).then(|| PendingProgress::of(&engine, cache, print));
        notices.extend(more);
        (engine, notices, pending)
    }
}

/// Whether a cache resumed with `lines` appended lines (of a history of `answers` answers) is
/// worth writing again. The old one stays valid while the history only grows, and applying a
/// few hundred lines at each start costs less than rewriting every answer: a day's study is
/// applied again at the next start, and the cache is rewritten once a thousand lines, or a
/// sixteenth of the history, have piled up.
fn worth_rewriting(lines: usize, answers: usize) -> bool {
    lines >= 1_000 || lines * 16 >= answers
}

/// The review settings and their notices, as [`Engine::open`] loads them.
fn load_config(env: &Env) -> (ReviewConfig, Vec<String>) {
    let (config, diags) = ReviewConfig::load(&env.paths.config_file());
    let notices = diags
        .iter()
        .map(|d| d.to_string().trim_end().to_string())
        .collect();
    (config, notices)
}

/// The settings the cached cards depend on: the review settings and the exam window.
fn config_hash(config: &ReviewConfig, study: &StudyConfig) -> u64 {
    hash(format!("{config:?} exam window {}", study.exam_window_days).as_bytes())
}

fn tail_hash(bytes: &[u8]) -> u64 {
    hash(&bytes[bytes.len().saturating_sub(TAIL as usize)..])
}

/// Inode and modification time (ns) of a regular file.
fn stat_of(path: &Path) -> Option<(u64, u64)> {
    let m = std::fs::metadata(path)
        .ok()
        .filter(std::fs::Metadata::is_file)?;
    let mtime = m
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&m);
    #[cfg(not(unix))]
    let inode = 0;
    Some((inode, mtime))
}

/// The cached engine, brought up to date with lines appended since, if that is safe.
fn resume(
    dir: &Path,
    cache: &Path,
    config: &ReviewConfig,
    study: &StudyConfig,
    window_ns: u64,
) -> Option<(Engine, Opened, Print)> {
    let mut reader = Reader::open(cache, KIND)?;
    let meta: Meta = postcard::from_bytes(&reader.section(0)?).ok()?;
    let path = dir.join("history.jsonl");
    let taken_ns = now_ns();
    let (inode, mtime_ns) = stat_of(&path)?;
    let mut f = crate::cache::file::open_regular(&path)?;
    let len = f.metadata().ok()?.len();
    let old = &meta.print;
    if len < old.len
        || (len == old.len && (mtime_ns != old.mtime_ns || !old.settled(window_ns)))
        || inode != old.inode
        || old.config != config_hash(config, study)
    {
        return None;
    }
    // The cached part is unchanged (its end, at least), and what follows is read once.
    let from = old.len.saturating_sub(TAIL);
    f.seek(SeekFrom::Start(from)).ok()?;
    let mut bytes = Vec::new();
    f.read_to_end(&mut bytes).ok()?;
    let cut = usize::try_from(old.len - from).ok()?;
    if bytes.len() < cut || hash(&bytes[..cut]) != old.tail {
        return None;
    }
    let added = &bytes[cut..];
    let mut engine = decode(&meta, &mut reader, dir, config)?;
    // The cached cards were computed under these settings (they are part of the print).
    engine.adopt_study(study.clone());
    let lines = apply_appended(&mut engine, added)?;
    let opened = if added.is_empty() {
        Opened::Cached
    } else {
        Opened::Resumed { lines }
    };
    // `bytes` runs from at most TAIL before the old end to the current end.
    let print = Print {
        len: from + bytes.len() as u64,
        tail: tail_hash(&bytes),
        mtime_ns,
        taken_ns,
        ..meta.print
    };
    Some((engine, opened, print))
}

/// Applies appended complete lines; `None` when any needs the full path.
fn apply_appended(engine: &mut Engine, added: &[u8]) -> Option<usize> {
    if added.is_empty() {
        return Some(0);
    }
    if added.last() != Some(&b'\n') {
        return None;
    }
    let first_new = engine.answers.len();
    let mut last_at = engine.answers.last().map_or(i64::MIN, |a| a.at);
    let (mut newer, mut params) = (None, None);
    let mut lines = 0;
    for raw in added[..added.len() - 1].split(|&b| b == b'\n') {
        lines += 1;
        let line = event::parse_line(raw).ok()?;
        if let Line::Answer(a) = &line {
            if a.at < last_at {
                return None;
            }
            last_at = a.at;
        }
        let undo = matches!(&line, Line::Other(v) if v.get("kind").and_then(|k| k.as_str()) == Some("undo"));
        engine.take(line, &mut newer, &mut params);
        // An undo changes an earlier answer's card: replay instead.
        if newer.is_some() || params.is_some() || undo {
            return None;
        }
    }
    for i in first_new..engine.answers.len() {
        let a = engine.answers[i];
        let c = a.card as usize;
        engine
            .sched
            .review(&mut engine.cards[c], a.rating, a.at, engine.seeds[c]);
    }
    Some(lines)
}

/// The engine from the snapshot's sections: 1 answers, 2 cards, 3 question keys.
fn decode(meta: &Meta, reader: &mut Reader, dir: &Path, config: &ReviewConfig) -> Option<Engine> {
    // The bulk sections are decoded as they are read, through one small buffer.
    let mut cards = Vec::with_capacity(reader.section_len(2)? / codec::CARD);
    let mut cards_ok = true;
    let read = reader.section_records(2, codec::CARD, |b| {
        cards_ok &= codec::decode_cards(b, &mut cards);
    });
    if !(read && cards_ok) {
        return None;
    }
    let mut answers = Vec::with_capacity(reader.section_len(1)? / codec::ANSWER);
    let mut answers_ok = true;
    let read = reader.section_records(1, codec::ANSWER, |b| {
        answers_ok &= codec::decode_answers(b, cards.len(), &mut answers);
    });
    if !(read && answers_ok) {
        return None;
    }
    let keys_section = reader.section(3)?;
    let key_list = codec::decode_names(&keys_section)?;
    if key_list.len() != cards.len() {
        return None;
    }
    let sched = Scheduler::new(&meta.params, config).ok()?;
    let mut keys = crate::library::keys::Keys::with_capacity(key_list.len(), keys_section.len());
    let mut seeds = Vec::with_capacity(key_list.len());
    for n in key_list {
        keys.push(&[n]);
        seeds.push(fuzz_seed(n));
    }
    // Each key once (the hash table the look-ups need is built here anyway).
    if (0..keys.len() as u32).any(|i| keys.find(keys.get(i)) != Some(i)) {
        return None;
    }
    let others = meta
        .others
        .iter()
        .map(|t| serde_json::from_str::<Value>(t).ok().map(Event::from_value))
        .collect::<Option<Vec<Event>>>()?;
    Some(Engine {
        store: Store::open_unread(dir),
        config: config.clone(),
        sched,
        keys,
        bound: Default::default(),
        seeds,
        cards,
        answers,
        others,
        study: Default::default(),
        days: super::days::StudyDays::local(0),
    })
}

/// The progress cache of an engine just opened, to write once it is open.
#[must_use = "the progress cache is only written by `write`"]
struct PendingProgress {
    path: PathBuf,
    print: Print,
    /// The engine's answers and other events when it was opened: the cache describes that state.
    answers: usize,
    others: usize,
}

impl PendingProgress {
    fn of(engine: &Engine, path: PathBuf, print: Print) -> PendingProgress {
        PendingProgress {
            path,
            print,
            answers: engine.answers.len(),
            others: engine.others.len(),
        }
    }

    /// Writes the cache of `engine`, unless events were recorded since it was opened (then the
    /// next start resumes or replays instead).
    fn write(self, engine: &Engine) -> std::io::Result<()> {
        if engine.answers.len() != self.answers || engine.others.len() != self.others {
            return Ok(());
        }
        write(engine, &self.path, &self.print)
    }
}

/// Writes the cache file of `engine`'s state, which was built from the history with `print`:
/// each section is encoded straight into the file, a few thousand records at a time.
fn write(engine: &Engine, cache: &Path, print: &Print) -> std::io::Result<()> {
    use std::io::Write;
    let meta = Meta {
        print: print.clone(),
        params: engine.sched.params().to_vec(),
        others: engine.others.iter().map(Event::to_line).collect(),
    };
    file::write_with(cache, KIND, 4, |i, out| match i {
        0 => out.write_all(&postcard::to_stdvec(&meta).map_err(std::io::Error::other)?),
        1 => codec::write_answers(&engine.answers, out),
        2 => codec::write_cards(&engine.cards, out),
        _ => codec::write_names(engine.keys.iter(), out),
    })
}

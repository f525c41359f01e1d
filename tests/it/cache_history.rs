//! The progress start-up cache: a cached or resumed engine equals a fully replayed one; a grown
//! history resumes from the cached offset; a rewritten, shrunk, replaced or torn history, other
//! settings, or a damaged, foreign or deleted cache take the full path. No timing assertions.

use crate::support::genlib;

use std::io::Write;
use std::path::{Path, PathBuf};

use decouple_quiz::cache::RACY_NS;
use decouple_quiz::engine::Engine;
use decouple_quiz::engine::snapshot::{FILE, Opened};
use decouple_quiz::env::Env;
use decouple_quiz::library::Sources;
use decouple_quiz::paths::Paths;

const END: i64 = 1_795_600_800;

struct Fixture {
    _dir: tempfile::TempDir,
    env: Env,
}

impl Fixture {
    fn history(&self) -> PathBuf {
        self.env.paths.history()
    }

    fn cache(&self) -> PathBuf {
        self.env.paths.cache_dir.join(FILE)
    }

    fn append(&self, text: &str) {
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(self.history())
            .unwrap();
        f.write_all(text.as_bytes()).unwrap();
    }
}

fn fixture(events: usize) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let opts = genlib::Options {
        questions: 300,
        packs: 3,
        history: events,
        end: END,
        ..genlib::Options::default()
    };
    genlib::write(&opts, &data).unwrap();
    let env = Env {
        paths: Paths {
            cache_dir: data.join("cache"),
            config_dir: dir.path().join("config"),
            data_dir: data.clone(),
        },
        sources: Sources {
            builtin: false,
            dirs: vec![data.join("packs")],
            files: Vec::new(),
        },
        fixed_now: time::OffsetDateTime::from_unix_timestamp(END + 3600).ok(),
        seed: Some(1),
        // No racy window: the tests do not wait for the history to age (one test sets it).
        cache_window_ns: 0,
    };
    Fixture { _dir: dir, env }
}

/// Everything the engine derived from the history, as text.
fn dump(e: &Engine) -> String {
    let cards: Vec<_> = e.cards().collect();
    let answers: Vec<_> = e.answers().collect();
    let sessions: Vec<_> = e.events_of_kind("session").collect();
    format!(
        "{cards:?}\n{answers:?}\n{sessions:?}\n{:?}\n{:?}",
        e.scheduler().params(),
        e.save_problem()
    )
}

/// The reference: a plain replay of the whole history, no cache involved.
fn replayed(f: &Fixture) -> String {
    dump(&Engine::open_uncached(&f.env).unwrap().0)
}

fn open(f: &Fixture) -> (String, Opened, Vec<String>) {
    let (e, notices, how) = Engine::open_cached(&f.env).unwrap();
    (dump(&e), how, notices)
}

fn line(at: i64, key: &str, correct: bool) -> String {
    genlib::answer_line(at, key, 0, correct, 4_000)
}

#[test]
fn cached_engine_equals_replayed_one() {
    let f = fixture(3_000);
    let (first, how, _) = open(&f);
    assert_eq!(how, Opened::Replayed);
    assert!(f.cache().is_file());
    let (second, how, notices) = open(&f);
    assert_eq!(how, Opened::Cached);
    assert!(notices.is_empty());
    assert_eq!(second, first);
    assert_eq!(second, replayed(&f));
}

#[test]
fn a_grown_history_resumes_from_the_cached_offset() {
    let f = fixture(2_000);
    open(&f);
    f.append(&line(END + 60, "pack-01/q-00001", false));
    f.append(&line(END + 120, "pack-03/q-00299", true));
    f.append(
        "{\"v\":1,\"kind\":\"session\",\"at\":\"2026-11-26T10:05:00Z\",\"mode\":\"review\"}\n",
    );
    let (resumed, how, _) = open(&f);
    assert_eq!(how, Opened::Resumed { lines: 3 });
    assert_eq!(resumed, replayed(&f));
    // Three lines are not worth rewriting a 2,000-answer cache: the next start applies them
    // again, whatever the racy window (it does not apply to a history that grew).
    let racy = Env {
        cache_window_ns: RACY_NS,
        ..f.env.clone()
    };
    assert_eq!(
        Engine::open_cached(&racy).unwrap().2,
        Opened::Resumed { lines: 3 }
    );
    let (again, how, _) = open(&f);
    assert_eq!(how, Opened::Resumed { lines: 3 });
    assert_eq!(again, resumed);
    // Answers recorded through the engine grow the history the same way.
    let (mut e, _, _) = Engine::open_cached(&f.env).unwrap();
    let input = decouple_quiz::engine::AnswerInput {
        key: "pack-02/q-00150".into(),
        mode: decouple_quiz::engine::Mode::Review,
        chosen: vec![1],
        correct: true,
        unsure: false,
        ms: 3_000,
        at: time::OffsetDateTime::from_unix_timestamp(END + 600).unwrap(),
    };
    e.record_answer(&input).unwrap();
    let (after, how, _) = open(&f);
    assert_eq!(how, Opened::Resumed { lines: 4 });
    assert_eq!(after, dump(&e));
    assert_eq!(after, replayed(&f));
}

#[test]
fn a_resumed_cache_is_written_again_once_a_sixteenth_of_the_history_was_appended() {
    let f = fixture(1_600);
    open(&f);
    let before = std::fs::read(f.cache()).unwrap();
    let append = |from: i64, to: i64| {
        for i in from..to {
            f.append(&line(END + 60 * (i + 1), "pack-01/q-00001", i % 3 == 0));
        }
    };
    // 99 lines of 1,699 answers: less than a sixteenth.
    append(0, 99);
    assert_eq!(open(&f).1, Opened::Resumed { lines: 99 });
    assert!(
        std::fs::read(f.cache()).unwrap() == before,
        "99 lines: the cache is kept"
    );
    // 120 lines of 1,720: more.
    append(99, 120);
    let (resumed, how, _) = open(&f);
    assert_eq!(how, Opened::Resumed { lines: 120 });
    assert!(std::fs::read(f.cache()).unwrap() != before, "written again");
    let (cached, how, _) = open(&f);
    assert_eq!(how, Opened::Cached);
    assert_eq!(cached, resumed);
    assert_eq!(cached, replayed(&f));
}

#[test]
fn appended_lines_that_need_a_full_replay() {
    let cases: [(&str, String); 4] = [
        (
            "out of time order",
            line(END - 365 * 86_400, "pack-01/q-00002", true),
        ),
        (
            "new FSRS parameters",
            "{\"v\":1,\"kind\":\"params\",\"at\":\"2026-11-26T10:05:00Z\",\"params\":[1,2]}\n"
                .into(),
        ),
        ("unreadable line", "{not json\n".into()),
        (
            "torn line",
            "{\"v\":1,\"kind\":\"answer\",\"at\":\"2026".into(),
        ),
    ];
    for (what, text) in cases {
        let f = fixture(500);
        open(&f);
        f.append(&text);
        // A torn line is repaired (moved aside) by the full path, so compare afterwards.
        let (got, how, _) = open(&f);
        let expected = replayed(&f);
        assert_eq!(how, Opened::Replayed, "{what}");
        assert_eq!(got, expected, "{what}");
    }
}

#[test]
fn a_changed_history_or_settings_take_the_full_path() {
    let f = fixture(800);
    let original = std::fs::read(f.history()).unwrap();
    open(&f);

    // Same length, different last line.
    let mut edited = original.clone();
    let n = edited.len();
    let pos = n
        - 1
        - edited[..n - 1]
            .iter()
            .rev()
            .position(|&b| b == b'}')
            .unwrap()
        - 4;
    edited[pos] = if edited[pos] == b'1' { b'2' } else { b'1' };
    std::fs::write(f.history(), &edited).unwrap();
    assert_eq!(open(&f).1, Opened::Replayed, "rewritten in place");
    assert_eq!(open(&f).0, replayed(&f));

    // Same length, an early line changed (outside the hashed tail): the mtime tells.
    std::fs::write(f.history(), &original).unwrap();
    open(&f);
    let mut early = original.clone();
    let i = early.iter().position(|&b| b == b'q').unwrap();
    early[i + 3] = if early[i + 3] == b'0' { b'1' } else { b'0' };
    std::fs::write(f.history(), &early).unwrap();
    assert_eq!(
        open(&f).1,
        Opened::Replayed,
        "early line rewritten in place"
    );
    std::fs::write(f.history(), &original).unwrap();
    open(&f);

    // Shrunk.
    let cut = original[..original.len() - 1]
        .iter()
        .rposition(|&b| b == b'\n')
        .unwrap();
    std::fs::write(f.history(), &original[..=cut]).unwrap();
    assert_eq!(open(&f).1, Opened::Replayed, "shrunk");
    assert_eq!(open(&f).0, replayed(&f));

    // Replaced by a copy with the same content (another inode).
    let copy = f.env.paths.data_dir.join("copy");
    std::fs::copy(f.history(), &copy).unwrap();
    std::fs::rename(&copy, f.history()).unwrap();
    assert_eq!(open(&f).1, Opened::Replayed, "replaced");
    let racy = Env {
        cache_window_ns: RACY_NS,
        ..f.env.clone()
    };
    assert_eq!(
        Engine::open_cached(&racy).unwrap().2,
        Opened::Replayed,
        "just changed: not trusted yet within the racy window"
    );
    open(&f);
    assert_eq!(open(&f).1, Opened::Cached);

    // Other review settings reschedule everything.
    std::fs::create_dir_all(&f.env.paths.config_dir).unwrap();
    std::fs::write(
        f.env.paths.config_file(),
        "[review]\ndesired_retention = 0.85\n",
    )
    .unwrap();
    let (got, how, _) = open(&f);
    assert_eq!(how, Opened::Replayed, "settings changed");
    assert_eq!(got, replayed(&f));
}

fn corrupt(path: &Path, edit: impl FnOnce(&mut Vec<u8>)) {
    let mut bytes = std::fs::read(path).unwrap();
    edit(&mut bytes);
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn damaged_foreign_or_deleted_caches_lose_nothing() {
    let f = fixture(1_000);
    let expected = replayed(&f);
    open(&f);
    type Edit = Box<dyn Fn(&mut Vec<u8>)>;
    let cases: Vec<(&str, Edit)> = vec![
        ("truncated", Box::new(|b| b.truncate(b.len() - 7))),
        (
            "flipped answer byte",
            Box::new(|b| *b.last_mut().unwrap() ^= 4),
        ),
        ("flipped meta byte", Box::new(|b| b[90] ^= 0x10)),
        ("other build", Box::new(|b| b[17] ^= 1)),
        ("foreign", Box::new(|b| *b = vec![7; 4096])),
    ];
    for (what, edit) in cases {
        corrupt(&f.cache(), edit);
        let (got, how, _) = open(&f);
        assert_eq!(how, Opened::Replayed, "{what}");
        assert_eq!(got, expected, "{what}");
        assert_eq!(open(&f).1, Opened::Cached, "{what}: rebuilt");
    }
    std::fs::remove_dir_all(&f.env.paths.cache_dir).unwrap();
    let (got, how, _) = open(&f);
    assert_eq!((how, got), (Opened::Replayed, expected));
}

#[test]
fn histories_with_notices_are_not_cached() {
    let f = fixture(300);
    f.append("garbage line\n");
    let (_, how, notices) = open(&f);
    assert_eq!(how, Opened::Replayed);
    assert!(!notices.is_empty());
    assert!(!f.cache().exists(), "a history with problems is not cached");
    assert_eq!(open(&f).1, Opened::Replayed);
}

/// With an exam date, the final reviews are spread over `exam_window_days`: the cached card
/// states are those of the window in force, so a start with the same settings uses them as they
/// are (it replayed the whole history every time when the window was not the default), and a
/// changed window takes the full path.
#[test]
fn the_exam_window_in_force_is_part_of_the_cached_state() {
    let f = fixture(1_500);
    let config = |window: u32| {
        std::fs::create_dir_all(&f.env.paths.config_dir).unwrap();
        std::fs::write(
            f.env.paths.config_file(),
            format!("[review]\nexam_date = 2026-12-20\nexam_window_days = {window}\n"),
        )
        .unwrap();
    };
    config(5);
    let (first, how, notices) = open(&f);
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(how, Opened::Replayed);
    assert_eq!(first, replayed(&f));
    let (second, how, _) = open(&f);
    assert_eq!(how, Opened::Cached);
    assert_eq!(second, first);
    config(9);
    let (third, how, _) = open(&f);
    assert_eq!(how, Opened::Replayed, "another window");
    assert_eq!(third, replayed(&f));
    assert_ne!(third, first, "the window changes the due dates");
    assert_eq!(open(&f).1, Opened::Cached);
}

//! The progress side (`cargo bench --bench history`) on a generated 100,000-event history over a
//! 10,000-question library: opening the history (read, parse, replay into FSRS card states) with
//! and without the start-up cache, the dashboard figures of the home screen, and recording one
//! answer durably (append + fsync).

#[path = "../tools/genlib.rs"]
mod genlib;

use std::path::PathBuf;
use std::sync::LazyLock;

use decouple_quiz::engine::snapshot::Opened;
use decouple_quiz::engine::{AnswerInput, Engine, Mode};
use decouple_quiz::env::Env;
use decouple_quiz::library::{Library, Sources};
use decouple_quiz::paths::Paths;
use decouple_quiz::tui::effects as data;

struct Data {
    _dir: tempfile::TempDir,
    env: Env,
    lib: Library,
}

const END: i64 = 1_795_600_800;

fn env_for(data: PathBuf, config: PathBuf) -> Env {
    let cache_dir = data.join("cache");
    let packs = data.join("packs");
    Env {
        paths: Paths {
            data_dir: data,
            config_dir: config,
            cache_dir,
        },
        sources: Sources {
            builtin: false,
            dirs: vec![packs],
            files: Vec::new(),
        },
        fixed_now: time::OffsetDateTime::from_unix_timestamp(END).ok(),
        seed: Some(1),
        // The generated history is fresh: without this the first warm open would replay.
        cache_window_ns: 0,
    }
}

static DATA: LazyLock<Data> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("temp dir");
    let opts = genlib::Options {
        end: END,
        ..genlib::Options::default()
    };
    genlib::write(&opts, &dir.path().join("data")).expect("generate");
    let env = env_for(dir.path().join("data"), dir.path().join("config"));
    let lib = decouple_quiz::library::load(&env.sources).library;
    // The cache window is 0 in `env_for`: the fresh history is trusted at once.
    Data {
        _dir: dir,
        env,
        lib,
    }
});

fn main() {
    // Generate the data before timing anything (not just to list the benchmarks).
    if !std::env::args().any(|a| a == "--list") {
        LazyLock::force(&DATA);
    }
    divan::main();
}

/// Read, parse and replay the whole history (what a cold start does).
#[divan::bench(sample_count = 10, sample_size = 1)]
fn replay_100k() -> usize {
    let (engine, _) = Engine::open_uncached(&DATA.env).expect("open");
    engine.answer_count()
}

/// Warm start, progress part: the cached card states and answers, nothing replayed.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn open_cached_warm(bencher: divan::Bencher) {
    Engine::open_cached(&DATA.env).expect("open");
    bencher.bench(|| {
        let (engine, _, opened) = Engine::open_cached(&DATA.env).expect("open");
        assert_eq!(opened, Opened::Cached);
        engine
    });
}

/// The home screen's figures (due counts, forecast, topics, streak, leeches).
#[divan::bench(sample_count = 20, sample_size = 1)]
fn dashboard(bencher: divan::Bencher) {
    let (engine, _) = Engine::open_uncached(&DATA.env).expect("open");
    let now = DATA.env.now();
    bencher.bench(|| data::dashboard(&engine, &DATA.lib, now));
}

/// Recording one answer: grade, append one line, fsync, update the card.
#[divan::bench(sample_count = 50, sample_size = 1)]
fn record_answer_fsync(bencher: divan::Bencher) {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("temp dir");
    let env = env_for(dir.path().join("data"), dir.path().join("config"));
    std::fs::create_dir_all(&env.paths.data_dir).expect("data dir");
    let (mut engine, _) = Engine::open_uncached(&env).expect("open");
    let at = env.now();
    let mut n = 0u64;
    bencher.bench_local(|| {
        n += 1;
        let input = AnswerInput {
            key: format!("pack-01/q-{:05}", n % 500),
            mode: Mode::Review,
            chosen: vec![0],
            correct: !n.is_multiple_of(5),
            unsure: false,
            ms: 5_000,
            at,
        };
        engine.record_answer(&input).expect("recorded")
    });
}

/// The lines of the generated history (100,000 answers), read once.
static LINES: LazyLock<Vec<String>> = LazyLock::new(|| {
    let text =
        std::fs::read_to_string(DATA.env.paths.data_dir.join("history.jsonl")).expect("history");
    text.lines().map(str::to_string).collect()
});

/// The engine's line parser (the hand-written fast path for canonical answer lines, serde_json
/// for anything else) over 100,000 answer lines.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn parse_lines_engine() -> usize {
    // The timestamps for `parse_timestamps` are taken out here, so none of its samples pays it.
    LazyLock::force(&STAMPS);
    LINES
        .iter()
        .filter(|l| decouple_quiz::engine::event::parse_line(l.as_bytes()).is_ok())
        .count()
}

/// The crate alternative: serde_json into a struct of borrowed strings, and `time`'s RFC 3339
/// parser for the timestamp, over the same lines.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn parse_lines_serde_borrowed() -> usize {
    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Answer<'a> {
        v: u64,
        kind: &'a str,
        at: &'a str,
        question: &'a str,
        mode: &'a str,
        chosen: Vec<usize>,
        correct: bool,
        rating: u8,
        ms: u64,
        #[serde(default)]
        unsure: bool,
    }
    let rfc = time::format_description::well_known::Rfc3339;
    LINES
        .iter()
        .filter(|l| {
            serde_json::from_str::<Answer<'_>>(l)
                .ok()
                .and_then(|a| time::OffsetDateTime::parse(a.at, &rfc).ok())
                .is_some()
        })
        .count()
}

/// The `at` timestamps of the history's lines, taken out before the timing.
static STAMPS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    LINES
        .iter()
        .filter_map(|l| l.split("\"at\":\"").nth(1)?.split('"').next())
        .collect()
});

/// History timestamps to milliseconds since the epoch: the engine's RFC 3339 parser against
/// `time`'s, 100,000 of them (the extraction of the stamps is not timed).
#[divan::bench(args = ["engine", "time"], sample_count = 10, sample_size = 1)]
fn parse_timestamps(which: &str) -> usize {
    let stamps = &*STAMPS;
    let rfc = time::format_description::well_known::Rfc3339;
    match which {
        "engine" => stamps
            .iter()
            .filter(|s| decouple_quiz::engine::utc::parse(s).is_some())
            .count(),
        _ => stamps
            .iter()
            .filter(|s| {
                time::OffsetDateTime::parse(s, &rfc)
                    .ok()
                    .map(|t| {
                        decouple_quiz::engine::utc::from_datetime(t.to_offset(time::UtcOffset::UTC))
                    })
                    .is_some()
            })
            .count(),
    }
}

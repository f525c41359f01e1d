//! Pack loading (`cargo bench --bench load`) on a generated 10,000-question library in 20 packs
//! and a 100,000-event history: the bare deserialization baselines (toml into plain structs,
//! serde_json per history line) against load + validate and the start-up cache.

#[path = "../tools/genlib.rs"]
mod genlib;

use std::path::PathBuf;
use std::sync::LazyLock;

use decouple_quiz::cache::CacheDir;
use decouple_quiz::library::fingerprint::Fingerprint;
use decouple_quiz::library::{self, Sources};
use decouple_quiz::pack::load;
use decouple_quiz::pack::model::PackSource;
use serde::Deserialize;

struct Data {
    _dir: tempfile::TempDir,
    sources: Sources,
    cache: PathBuf,
    texts: Vec<(PathBuf, String)>,
    history: String,
}

static DATA: LazyLock<Data> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("temp dir");
    genlib::write(&genlib::Options::default(), dir.path()).expect("generate");
    let packs = dir.path().join("packs");
    let sources = Sources {
        builtin: false,
        dirs: vec![packs.clone()],
        files: Vec::new(),
    };
    let (files, _) = library::pack_files(&sources);
    let texts = files
        .into_iter()
        .map(|f| {
            let t = std::fs::read_to_string(&f).expect("read pack");
            (f, t)
        })
        .collect();
    let history = std::fs::read_to_string(dir.path().join("history.jsonl")).expect("history");
    // Files changed within 2 s of a cache write are not trusted: let them age first.
    std::thread::sleep(std::time::Duration::from_millis(2_100));
    let cache = dir.path().join("cache");
    Data {
        _dir: dir,
        sources,
        cache,
        texts,
        history,
    }
});

fn main() {
    // Generate the data before timing anything (not just to list the benchmarks).
    if !std::env::args().any(|a| a == "--list") {
        LazyLock::force(&DATA);
    }
    divan::main();
}

// The bare baseline: the same TOML into plain structs (no spans, no validation).
#[allow(dead_code)]
#[derive(Deserialize)]
struct BarePack {
    pack: BareHeader,
    #[serde(default)]
    topic: Vec<BareTopic>,
    #[serde(default)]
    tip: Vec<BareTip>,
    #[serde(default)]
    diagram: Vec<BareDiagram>,
    #[serde(default)]
    question: Vec<BareQuestion>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct BareHeader {
    id: String,
    title: String,
    version: String,
    description: Option<String>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct BareTopic {
    id: String,
    title: String,
    domain: String,
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct BareTip {
    id: String,
    topic: String,
    text: String,
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct BareDiagram {
    id: String,
    title: String,
    alt: String,
    art: String,
    #[serde(default)]
    region: Vec<BareRegion>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct BareRegion {
    id: String,
    text: String,
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct BareQuestion {
    id: String,
    topic: String,
    diagram: Option<String>,
    #[serde(default)]
    highlight: Vec<String>,
    #[serde(default)]
    tips: Vec<String>,
    stem: String,
    explanation: String,
    #[serde(default)]
    sources: Vec<String>,
    #[serde(default)]
    choice: Vec<BareChoice>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct BareChoice {
    text: String,
    #[serde(default)]
    correct: bool,
    why: Option<String>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct BareAnswer<'a> {
    v: u64,
    kind: &'a str,
    at: &'a str,
    question: &'a str,
    mode: &'a str,
    chosen: Vec<u64>,
    correct: bool,
    rating: u8,
    ms: u64,
}

/// Bare `toml` deserialization of every pack text, one core.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn bare_toml_one_core() -> usize {
    DATA.texts
        .iter()
        .map(|(_, t)| {
            toml::from_str::<BarePack>(t)
                .expect("bare parse")
                .question
                .len()
        })
        .sum()
}

/// Bare `serde_json` deserialization of every history line, one core.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn bare_json_history() -> usize {
    DATA.history
        .lines()
        .map(|l| {
            usize::from(
                serde_json::from_str::<BareAnswer>(l)
                    .expect("bare json")
                    .correct,
            )
        })
        .sum()
}

/// Parse + validate every pack text, one core (no file reads).
#[divan::bench(sample_count = 10, sample_size = 1)]
fn load_validate_one_core() -> usize {
    DATA.texts
        .iter()
        .map(|(p, t)| {
            let l = load::from_str(&p.display().to_string(), t, PackSource::File(p.clone()));
            l.checked.map_or(0, |c| c.pack.questions.len())
        })
        .sum()
}

/// `library::load`: read, parse and validate every pack on all cores, assemble the library.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn library_load_all_cores() -> usize {
    library::load(&DATA.sources).library.question_count()
}

fn cache_dir() -> CacheDir {
    CacheDir {
        path: DATA.cache.clone(),
        window_ns: decouple_quiz::cache::RACY_NS,
    }
}

fn warm_cache() {
    library::cache::load(&DATA.sources, &cache_dir());
}

/// Warm start, library part: fingerprint the pack files, check the cache and decode every pack
/// on all cores into the complete library.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn cache_hit(bencher: divan::Bencher) {
    warm_cache();
    bencher.bench(|| {
        let (lib, hit) = library::cache::load(&DATA.sources, &cache_dir());
        assert!(hit, "cache hit");
        lib
    });
}

/// Writing the cache after a miss.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn cache_write(bencher: divan::Bencher) {
    let lib = library::load(&DATA.sources).library;
    let fp = Fingerprint::take(&DATA.sources);
    let path = DATA.cache.join("bench-write.bin");
    bencher.bench(|| library::cache::save(&path, &fp, 0, &lib).expect("write"));
}

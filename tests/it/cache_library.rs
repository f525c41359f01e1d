//! The library start-up cache: a cached library equals a freshly parsed one, every change to the
//! packs invalidates it, and a corrupt, truncated, foreign or deleted cache is ignored and rebuilt.
//! No timing assertions: only which path was taken and what came out.

use crate::support::genlib;

use std::path::{Path, PathBuf};
use std::time::Duration;

use decouple_quiz::cache::{CacheDir, RACY_NS};
use decouple_quiz::library::fingerprint::Fingerprint;
use decouple_quiz::library::{self, Library, Sources};

struct Fixture {
    _dir: tempfile::TempDir,
    packs: PathBuf,
    cache: PathBuf,
    sources: Sources,
}

/// Three generated packs plus the built-in ones. The tests load with a racy window of 0 (see
/// `load`) instead of waiting for the files to age.
fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let opts = genlib::Options {
        questions: 45,
        packs: 3,
        history: 0,
        ..genlib::Options::default()
    };
    genlib::write(&opts, dir.path()).unwrap();
    let packs = dir.path().join("packs");
    let cache = dir.path().join("cache");
    let sources = Sources {
        builtin: true,
        dirs: vec![packs.clone()],
        files: Vec::new(),
    };
    Fixture {
        _dir: dir,
        packs,
        cache,
        sources,
    }
}

/// Everything a library holds, as text (packs carry no `PartialEq`).
fn dump(lib: &Library) -> String {
    format!("{:#?}\n{:#?}", lib.packs, lib.notices)
}

fn fresh(f: &Fixture) -> Library {
    library::load(&f.sources).library
}

/// Loads through the cache with no racy window, and says whether the cache was used.
fn load(f: &Fixture) -> (Library, bool) {
    load_with(f, 0)
}

fn load_with(f: &Fixture, window_ns: u64) -> (Library, bool) {
    let dir = CacheDir {
        path: f.cache.clone(),
        window_ns,
    };
    library::cache::load(&f.sources, &dir)
}

fn cache_file(f: &Fixture) -> PathBuf {
    f.cache.join(library::cache::FILE)
}

fn pack(f: &Fixture, n: usize) -> PathBuf {
    f.packs.join(format!("pack-{n:02}.toml"))
}

/// Makes a change and asserts that the fingerprint sees it (on its own, without the racy
/// check) and that the next load rebuilds the library.
fn change(f: &Fixture, why: &str, act: impl FnOnce()) {
    let before = Fingerprint::take(&f.sources);
    act();
    assert_ne!(Fingerprint::take(&f.sources), before, "{why}: fingerprint");
    assert_rebuilt(f, why);
}

/// Asserts the next load misses and equals a fresh parse.
fn assert_rebuilt(f: &Fixture, why: &str) {
    let (lib, hit) = load(f);
    assert!(!hit, "{why}: the cache must not be used");
    assert_eq!(dump(&lib), dump(&fresh(f)), "{why}: rebuilt library");
}

#[test]
fn cached_library_equals_fresh_one() {
    let f = fixture();
    let (first, hit) = load(&f);
    assert!(!hit, "no cache yet");
    assert!(cache_file(&f).is_file(), "the cache is written");
    let (cached, hit) = load(&f);
    assert!(hit, "the cache is used");
    assert_eq!(dump(&cached), dump(&fresh(&f)));
    assert_eq!(dump(&cached), dump(&first));
    // Complete: question text, diagrams and exams are all there, no later swap.
    let key = "pack-02/q-00020";
    let q = cached.question(cached.find(key).expect("indexed"));
    assert!(!q.stem.is_empty() && !q.choices.is_empty());
    // The public entry point gives the same library.
    let dir = CacheDir {
        path: f.cache.clone(),
        window_ns: 0,
    };
    assert_eq!(dump(&library::open(&f.sources, &dir)), dump(&first));
}

#[test]
fn any_change_to_the_packs_invalidates() {
    let f = fixture();
    load(&f);
    assert!(load(&f).1, "warm");

    // Same size, same mtime, different content: the change time and inode still tell.
    let p = pack(&f, 1);
    let text = std::fs::read_to_string(&p).unwrap();
    let changed = text.replacen("Synthetic pack 1 of 3", "Synthetic pack X of 3", 1);
    assert_eq!(changed.len(), text.len());
    change(&f, "same-size edit with the old mtime", || {
        let mtime = std::fs::metadata(&p).unwrap().modified().unwrap();
        std::fs::write(&p, &changed).unwrap();
        set_mtime(&p, mtime);
    });
    assert!(
        load(&f)
            .0
            .packs
            .iter()
            .any(|p| p.title == "Synthetic pack X of 3")
    );

    change(&f, "size change", || {
        std::fs::write(&p, format!("{changed}\n# appended\n")).unwrap();
    });
    let p2 = pack(&f, 2);
    change(&f, "mtime change", || {
        set_mtime(
            &p2,
            std::time::SystemTime::now() - Duration::from_secs(3600),
        );
    });
    change(&f, "pack added", || {
        std::fs::write(f.packs.join("pack-04.toml"), "[pack]\nid = \"bad\"\n").unwrap();
    });
    assert_eq!(load(&f).0.notices.len(), 1, "the broken pack is noted");
    change(&f, "pack removed", || {
        std::fs::remove_file(f.packs.join("pack-04.toml")).unwrap();
    });
    let p3 = pack(&f, 3);
    change(&f, "pack replaced by a copy (new inode)", || {
        let copy = f.packs.join("copy.tmp");
        std::fs::copy(&p3, &copy).unwrap();
        set_mtime(&copy, std::fs::metadata(&p3).unwrap().modified().unwrap());
        std::fs::rename(&copy, &p3).unwrap();
    });

    // Other sources.
    let mut no_builtin = Fixture {
        _dir: tempfile::tempdir().unwrap(),
        packs: f.packs.clone(),
        cache: f.cache.clone(),
        sources: f.sources.clone(),
    };
    no_builtin.sources.builtin = false;
    assert_rebuilt(&no_builtin, "built-in packs turned off");
}

#[test]
fn recently_changed_packs_are_not_trusted() {
    let f = fixture();
    load(&f);
    // Rewriting a file now puts its change time inside the racy window of the next cache.
    let p = pack(&f, 3);
    let text = std::fs::read(&p).unwrap();
    std::fs::write(&p, &text).unwrap();
    assert!(!load_with(&f, RACY_NS).1, "changed: rebuilt");
    assert!(
        !load_with(&f, RACY_NS).1,
        "still racy: rebuilt again rather than trusted"
    );
    assert!(load(&f).1, "once the window has passed, the cache is used");
}

/// A way to damage a cache file.
type Edit = Box<dyn Fn(&mut Vec<u8>)>;

fn set_mtime(p: &Path, t: std::time::SystemTime) {
    let file = std::fs::File::options().write(true).open(p).unwrap();
    file.set_modified(t).unwrap();
}

fn corrupt(path: &Path, edit: impl FnOnce(&mut Vec<u8>)) {
    let mut bytes = std::fs::read(path).unwrap();
    edit(&mut bytes);
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn damaged_or_foreign_caches_are_ignored_and_rebuilt() {
    let f = fixture();
    let (reference, _) = load(&f);
    let expected = dump(&reference);
    let cases: Vec<(&str, Edit)> = vec![
        ("truncated", Box::new(|b| b.truncate(b.len() / 2))),
        ("empty", Box::new(Vec::clear)),
        ("flipped byte in the header", Box::new(|b| b[20] ^= 1)),
        ("flipped byte in the index", Box::new(|b| b[200] ^= 1)),
        (
            "other format version",
            Box::new(|b| b[8] = b[8].wrapping_add(1)),
        ),
        (
            "foreign file",
            Box::new(|b| *b = b"not a cache at all".repeat(100)),
        ),
        (
            "appended garbage",
            Box::new(|b| b.extend_from_slice(b"xyz")),
        ),
    ];
    for (what, edit) in cases {
        corrupt(&cache_file(&f), edit);
        let (lib, _) = load(&f);
        assert_eq!(dump(&lib), expected, "{what}: library");
        let (lib, hit) = load(&f);
        assert!(hit, "{what}: the rebuilt cache is used");
        assert_eq!(
            dump(&lib),
            expected,
            "{what}: library from the rebuilt cache"
        );
    }
}

/// The bodies (stems, choices, art) are read only when first needed, so damage there is found
/// then: the pack's source is read again for them, and the cache is rebuilt at the next start.
#[test]
fn a_damaged_body_is_read_from_the_pack_and_the_cache_rebuilt() {
    let f = fixture();
    let (reference, _) = load(&f);
    let expected = dump(&reference);
    // The last bytes of the file are the last pack's bodies.
    corrupt(&cache_file(&f), |b| *b.last_mut().unwrap() ^= 0x20);
    let (lib, hit) = load(&f);
    assert!(hit, "the heads are intact: the cache is used");
    assert_eq!(dump(&lib), expected, "every body as in the pack");
    assert!(!cache_file(&f).exists(), "the damaged cache is removed");
    let (lib, hit) = load(&f);
    assert!(!hit, "and rebuilt");
    assert_eq!(dump(&lib), expected);
    assert!(load(&f).1, "the rebuilt cache is used");
}

#[test]
fn deleting_the_cache_loses_nothing() {
    let f = fixture();
    let (before, _) = load(&f);
    assert!(load(&f).1);
    std::fs::remove_dir_all(&f.cache).unwrap();
    let (after, hit) = load(&f);
    assert!(!hit);
    assert_eq!(dump(&after), dump(&before));
    assert!(load(&f).1, "written again");
}

#[test]
fn unwritable_cache_dir_still_loads() {
    let f = fixture();
    std::fs::write(f.cache.parent().unwrap().join("blocker"), "").unwrap();
    let blocked = Fixture {
        _dir: tempfile::tempdir().unwrap(),
        packs: f.packs.clone(),
        cache: f.cache.parent().unwrap().join("blocker/cache"),
        sources: f.sources.clone(),
    };
    let (lib, hit) = load(&blocked);
    assert!(!hit);
    assert_eq!(dump(&lib), dump(&fresh(&f)));
}

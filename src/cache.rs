//! The derived start-up cache in `Paths.cache_dir`: parsed packs (and replayed progress), so a
//! warm start skips TOML parsing and validation. It is only ever an optimisation: every file is
//! checked (format, build, checksums, fingerprint of its sources) before use, anything that fails
//! is ignored and rebuilt, and deleting the cache directory loses nothing.
//!
//! Start-up reads only the library index (a skeleton library: titles, topics, question ids),
//! draws the first frame, and then [`Deferred::finish`] decodes the full packs on all cores and
//! swaps them in. On a miss the packs are parsed on all cores and the cache
//! is written after the first frame.

pub mod file;
pub mod fingerprint;
pub mod hash;
pub mod library;
mod par;

use std::path::{Path, PathBuf};

pub use fingerprint::Fingerprint;
pub use library::same_shape;
pub use par::par_map;

use crate::library::{Library, Sources};

/// Work left after the first frame.
#[must_use = "the library may be a skeleton until `finish` is called"]
pub enum Deferred {
    /// Nothing.
    None,
    /// The library is a skeleton; the full packs are still to be decoded (on all cores, once
    /// the first frame is out: before it, both cores are busy with the index and the history).
    Full {
        rest: library::Rest,
        sources: Sources,
        path: PathBuf,
    },
    /// The library was parsed afresh: write the cache.
    Save {
        path: PathBuf,
        fingerprint: Fingerprint,
        taken_ns: u64,
    },
}

/// Loads the library of `sources`, from the cache in `cache_dir` when it is intact and current.
/// The library returned may be a skeleton: call [`Deferred::finish`] before anything needs
/// question text, tips, diagrams or exams.
pub fn load_library(sources: &Sources, cache_dir: &Path) -> (Library, Deferred) {
    let path = cache_dir.join(library::FILE);
    let taken_ns = fingerprint::now_ns();
    let fp = Fingerprint::take(sources);
    if let Some(hit) = library::open(&path, &fp) {
        let sources = sources.clone();
        return (
            hit.skeleton,
            Deferred::Full {
                rest: hit.rest,
                sources,
                path,
            },
        );
    }
    let lib = crate::library::load(sources).library;
    (
        lib,
        Deferred::Save {
            path,
            fingerprint: fp,
            taken_ns,
        },
    )
}

impl Deferred {
    /// Finishes the deferred work. Returns the full library when `lib` was a skeleton; the
    /// caller replaces its library with it (same shape unless the cache turned out damaged, see
    /// [`same_shape`]).
    pub fn finish(self, lib: &Library) -> Option<Library> {
        match self {
            Deferred::None => None,
            Deferred::Save {
                path,
                fingerprint,
                taken_ns,
            } => {
                // A cache that cannot be written only costs the next start its speed.
                let _ = library::save(&path, &fingerprint, taken_ns, lib);
                None
            }
            Deferred::Full {
                rest,
                sources,
                path,
            } => {
                if let Some(full) = rest.load(lib.notices.clone()) {
                    return Some(full);
                }
                // A damaged pack section: parse afresh and rewrite the cache.
                let taken_ns = fingerprint::now_ns();
                let fp = Fingerprint::take(&sources);
                let full = crate::library::load(&sources).library;
                let _ = library::save(&path, &fp, taken_ns, &full);
                Some(full)
            }
        }
    }

    /// Puts the full library in place now (decoding the packs);
    /// returns the work still left (the cache write).
    pub fn full_library(self, lib: &mut Library) -> Deferred {
        match self {
            Deferred::Full { .. } => {
                self.complete(lib);
                Deferred::None
            }
            other => other,
        }
    }

    /// Finishes the work and puts the full library in place.
    pub fn complete(self, lib: &mut Library) {
        if let Some(full) = self.finish(lib) {
            *lib = full;
        }
    }
}

//! The derived start-up cache in `Paths.cache_dir`: parsed packs (`library.bin`) and replayed
//! progress (`progress.bin`, see `engine::snapshot`), so a warm start skips TOML parsing,
//! validation and history replay. It is only ever an optimisation: every file is checked
//! (format, build, checksums, fingerprint of its sources) before use, anything that fails is
//! ignored and rebuilt, and deleting the cache directory loses nothing.
//!
//! Start-up reads only the library index (a skeleton library: titles, topics, question ids),
//! draws the first frame, and then [`Deferred::finish`] decodes the full packs on all cores and
//! swaps them in. On a miss the packs are parsed on all cores, and cache files are written after
//! the first frame.

pub mod file;
pub mod fingerprint;
pub mod hash;
pub mod library;
mod par;

use std::path::{Path, PathBuf};

pub use fingerprint::Fingerprint;
pub use library::same_shape;
pub use par::par_map;

use crate::engine::Engine;
use crate::engine::snapshot::PendingProgress;
use crate::library::{Library, Sources};

/// Work left after the first frame: the full library, and cache files to write.
#[must_use = "the library may be a skeleton until `finish` is called"]
pub struct Deferred {
    library: Work,
    progress: Option<PendingProgress>,
}

enum Work {
    None,
    /// The library is a skeleton; the full packs are still to be decoded (on all cores, once
    /// the first frame is out: before it, both cores are busy with the index and the history).
    Full {
        rest: library::Rest,
        sources: Sources,
        path: PathBuf,
    },
    /// The library was parsed afresh: write its cache.
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
    open_library(sources, cache_dir).unwrap_or_else(|miss| miss.load())
}

/// The library from the cache (a skeleton), or what it takes to parse it.
pub fn open_library(sources: &Sources, cache_dir: &Path) -> Result<(Library, Deferred), Box<Miss>> {
    let path = cache_dir.join(library::FILE);
    let taken_ns = fingerprint::now_ns();
    let fingerprint = Fingerprint::take(sources);
    match library::open(&path, &fingerprint) {
        Some(hit) => Ok((
            hit.skeleton,
            Deferred {
                library: Work::Full {
                    rest: hit.rest,
                    sources: sources.clone(),
                    path,
                },
                progress: None,
            },
        )),
        None => Err(Box::new(Miss {
            sources: sources.clone(),
            path,
            fingerprint,
            taken_ns,
        })),
    }
}

/// A library the cache could not give: [`Miss::load`] parses it.
pub struct Miss {
    sources: Sources,
    path: PathBuf,
    fingerprint: Fingerprint,
    taken_ns: u64,
}

impl Miss {
    /// Parses and validates every pack (on all cores); the cache is written when finishing.
    pub fn load(self) -> (Library, Deferred) {
        let lib = crate::library::load(&self.sources).library;
        let work = Work::Save {
            path: self.path,
            fingerprint: self.fingerprint,
            taken_ns: self.taken_ns,
        };
        (
            lib,
            Deferred {
                library: work,
                progress: None,
            },
        )
    }
}

impl Deferred {
    /// No work.
    pub fn none() -> Deferred {
        Deferred {
            library: Work::None,
            progress: None,
        }
    }

    /// Whether the library came from the cache (and is a skeleton until finished).
    pub fn from_cache(&self) -> bool {
        matches!(self.library, Work::Full { .. })
    }

    /// Also writes the progress cache when finishing (see `engine::snapshot`).
    pub fn write_later(&mut self, progress: Option<PendingProgress>) {
        self.progress = progress;
    }

    /// Finishes the deferred work (the progress cache is written from `engine`). Returns the
    /// full library when `lib` was a skeleton; the caller replaces its library with it (same
    /// shape unless the cache turned out damaged, see [`same_shape`]).
    pub fn finish(self, lib: &Library, engine: Option<&Engine>) -> Option<Library> {
        // A cache that cannot be written only costs the next start its speed.
        if let (Some(p), Some(e)) = (self.progress, engine) {
            let _ = p.write(e);
        }
        match self.library {
            Work::None => None,
            Work::Save {
                path,
                fingerprint,
                taken_ns,
            } => {
                let _ = library::save(&path, &fingerprint, taken_ns, lib);
                None
            }
            Work::Full {
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

    /// Puts the full library in place now (decoding the packs); returns the work still left
    /// (cache writes).
    pub fn full_library(self, lib: &mut Library) -> Deferred {
        match self.library {
            Work::Full { .. } => {
                let rest = Deferred {
                    library: Work::None,
                    progress: self.progress,
                };
                Deferred {
                    library: self.library,
                    progress: None,
                }
                .complete(lib, None);
                rest
            }
            _ => self,
        }
    }

    /// Finishes the work and puts the full library in place.
    pub fn complete(self, lib: &mut Library, engine: Option<&Engine>) {
        if let Some(full) = self.finish(lib, engine) {
            *lib = full;
        }
    }
}

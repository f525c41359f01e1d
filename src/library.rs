//! The set of loaded packs: built-in plus user packs, with replacement, skipping of broken packs,
//! library-wide checks (pack ids, exams) and a question index keyed by `pack/question`.
//!
//! Two ways in: [`load`] parses and validates every pack and returns all diagnostics (`check`,
//! reload); [`open`] gives the same library through the start-up cache (`cache`), which is an
//! implementation detail behind it. Both are in `assemble`; this file holds the library itself.

mod assemble;
pub mod cache;
pub mod exam_draw;
pub mod fingerprint;
pub mod keys;
pub mod near_dup;

pub use assemble::{load, load_for_check, load_linted, open, pack_files, pack_files_in};

use std::path::PathBuf;

use crate::pack::diag::Diagnostic;
use crate::pack::model::{Pack, Question, Topic};

/// What to load.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    pub builtin: bool,
    /// Directories whose `*.toml` files are packs (the user packs dir first, then `--pack-dir`s).
    pub dirs: Vec<PathBuf>,
    /// Single pack files (`--pack`).
    pub files: Vec<PathBuf>,
}

/// Something the home screen should tell the user about loading.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Notice {
    /// A user pack failed validation and was skipped.
    Skipped { path: String, errors: usize },
    /// A user pack replaced the built-in pack with the same id.
    Replaced { id: String, path: String },
}

impl Notice {
    pub fn message(&self) -> String {
        match self {
            Notice::Skipped { path, errors } => format!(
                "skipped {path}: {errors} error{} (run `decouple-quiz check` for details)",
                if *errors == 1 { "" } else { "s" }
            ),
            Notice::Replaced { id, path } => {
                format!("pack `{id}` from {path} replaces the built-in one")
            }
        }
    }
}

/// A question's place in the library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct QRef {
    pub pack: usize,
    pub question: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Library {
    /// The packs, in library order. Not changed after [`Library::new`]: the index and
    /// [`Library::generation`] describe them as they were then.
    pub packs: Vec<Pack>,
    pub notices: Vec<Notice>,
    /// `pack/question` of every question, numbered in library order.
    keys: keys::Keys,
    /// Where each pack's questions start in that numbering.
    starts: Vec<usize>,
    generation: u64,
}

/// Everything `check` needs: the library plus all diagnostics of all files.
pub struct LoadReport {
    pub library: Library,
    pub diagnostics: Vec<Diagnostic>,
    /// How many packs (files and built-ins) were read and reported on, loaded or not.
    pub checked: usize,
}

impl Library {
    pub fn new(packs: Vec<Pack>) -> Library {
        static GENERATION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let count = packs.iter().map(|p| p.questions.len()).sum();
        let bytes = packs
            .iter()
            .map(|p| {
                p.questions
                    .iter()
                    .map(|q| p.id.len() + 1 + q.id.len())
                    .sum::<usize>()
            })
            .sum();
        let mut keys = keys::Keys::with_capacity(count, bytes);
        let mut starts = Vec::with_capacity(packs.len());
        for pack in &packs {
            starts.push(keys.len());
            for question in &pack.questions {
                // Question ids are unique within a pack and pack ids within a library.
                keys.push(&[&pack.id, "/", &question.id]);
            }
        }
        Library {
            packs,
            notices: Vec::new(),
            keys,
            starts,
            generation: GENERATION.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }

    /// Tells libraries apart: no two built by [`Library::new`] in one process share it (a clone
    /// has its original's), so a figure derived from one library can be kept for it.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// A question's number in library order (pack by pack, in file order), from 0 to
    /// [`Library::question_count`].
    pub fn position(&self, r: QRef) -> usize {
        self.starts[r.pack] + r.question
    }

    /// Looks a question up by its history key `pack/question`.
    pub fn find(&self, key: &str) -> Option<QRef> {
        let at = self.keys.find(key)? as usize;
        let pack = self.starts.partition_point(|&s| s <= at) - 1;
        Some(QRef {
            pack,
            question: at - self.starts[pack],
        })
    }

    pub fn question(&self, r: QRef) -> &Question {
        &self.packs[r.pack].questions[r.question]
    }

    pub fn pack_of(&self, r: QRef) -> &Pack {
        &self.packs[r.pack]
    }

    /// `pack/question`, the key progress is stored under.
    pub fn key(&self, r: QRef) -> String {
        self.key_str(r).to_owned()
    }

    /// [`Library::key`] without a copy.
    pub fn key_str(&self, r: QRef) -> &str {
        self.keys.get(self.position(r) as u32)
    }

    pub fn topic_of(&self, r: QRef) -> Option<&Topic> {
        let pack = &self.packs[r.pack];
        let q = &pack.questions[r.question];
        pack.topics.iter().find(|t| t.id == q.topic)
    }

    /// `pack/topic` of a question.
    pub fn topic_key(&self, r: QRef) -> String {
        format!("{}/{}", self.packs[r.pack].id, self.question(r).topic)
    }

    /// Every question of every pack, in pack and file order.
    pub fn all(&self) -> impl Iterator<Item = QRef> + '_ {
        self.packs.iter().enumerate().flat_map(|(p, pack)| {
            (0..pack.questions.len()).map(move |q| QRef {
                pack: p,
                question: q,
            })
        })
    }

    pub fn question_count(&self) -> usize {
        self.keys.len()
    }

    /// The notices as the user reads them.
    pub fn notice_messages(&self) -> Vec<String> {
        self.notices.iter().map(Notice::message).collect()
    }

    pub fn pack(&self, id: &str) -> Option<&Pack> {
        self.packs.iter().find(|p| p.id == id)
    }
}

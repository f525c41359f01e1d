//! The library cache file (`library.bin`): section 0 is a small index (the fingerprint, the
//! notices, and per pack its header, topics and question ids: all the home screen and the
//! dashboard need), then one section per pack holding the whole validated `Pack` (postcard).
//!
//! The index alone gives a *skeleton* library: every pack and question in its place (so `QRef`s
//! and keys are final) but without question text, tips, diagrams or exams. The full packs are
//! decoded afterwards, off the start-up path.

use std::io;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::file::{self, Reader};
use super::fingerprint::Fingerprint;
use crate::library::{Library, Notice};
use crate::pack::model::{Pack, PackSource, Question, Topic};

const KIND: &[u8; 4] = b"LIB1";
/// The file name in the cache directory.
pub const FILE: &str = "library.bin";

#[derive(Serialize, Deserialize)]
struct Index {
    fingerprint: Fingerprint,
    /// When the fingerprint was taken (ns since the epoch), for the racy check.
    taken_ns: u64,
    notices: Vec<Notice>,
    packs: Vec<Head>,
}

/// What the index keeps of a pack.
#[derive(Serialize, Deserialize)]
struct Head {
    id: String,
    title: String,
    version: String,
    description: String,
    source: PackSource,
    topics: Vec<Topic>,
    /// Question ids, each with the index of its topic in `topics`.
    questions: Vec<(String, u32)>,
}

impl Head {
    fn of(p: &Pack) -> Head {
        Head {
            id: p.id.clone(),
            title: p.title.clone(),
            version: p.version.clone(),
            description: p.description.clone(),
            source: p.source.clone(),
            topics: p.topics.clone(),
            questions: p
                .questions
                .iter()
                .map(|q| {
                    let t = p.topics.iter().position(|t| t.id == q.topic);
                    (q.id.clone(), t.map_or(u32::MAX, |t| t as u32))
                })
                .collect(),
        }
    }

    /// The pack with only its header, topics and question ids and topics.
    fn skeleton(self) -> Pack {
        let questions = self
            .questions
            .into_iter()
            .map(|(id, t)| Question {
                id,
                topic: self
                    .topics
                    .get(t as usize)
                    .map(|t| t.id.clone())
                    .unwrap_or_default(),
                diagram: None,
                reveal_diagram: None,
                highlight: Vec::new(),
                tips: Vec::new(),
                stem: String::new(),
                explanation: String::new(),
                sources: Vec::new(),
                choices: Vec::new(),
                line: 0,
            })
            .collect();
        Pack {
            id: self.id,
            title: self.title,
            version: self.version,
            description: self.description,
            source: self.source,
            topics: self.topics,
            tips: Vec::new(),
            diagrams: Vec::new(),
            questions,
            exams: Vec::new(),
        }
    }
}

/// Writes the cache for `lib`, built from sources with fingerprint `fp` taken at `taken_ns`:
/// the index, then one section per pack, encoded one at a time.
pub fn save(path: &Path, fp: &Fingerprint, taken_ns: u64, lib: &Library) -> io::Result<()> {
    let index = Index {
        fingerprint: fp.clone(),
        taken_ns,
        notices: lib.notices.clone(),
        packs: lib.packs.iter().map(Head::of).collect(),
    };
    file::write_with(path, KIND, lib.packs.len() + 1, |i| match i {
        0 => postcard::to_stdvec(&index).ok(),
        i => postcard::to_stdvec(&lib.packs[i - 1]).ok(),
    })
}

/// A cache that matched: the skeleton library and the open file to read the full packs from.
pub struct Hit {
    pub skeleton: Library,
    pub rest: Rest,
}

/// The pack sections still to decode.
pub struct Rest {
    reader: Reader,
    /// (id, question count) of every pack, to check each section against the index.
    shape: Vec<(String, usize)>,
}

/// Opens the cache at `path` if it is intact and was built from sources with fingerprint `fp`.
pub fn open(path: &Path, fp: &Fingerprint) -> Option<Hit> {
    let mut reader = Reader::open(path, KIND)?;
    let index: Index = postcard::from_bytes(&reader.section(0)?).ok()?;
    if index.fingerprint != *fp
        || fp.racy(index.taken_ns)
        || index.packs.len() + 1 != reader.sections()
    {
        return None;
    }
    let shape = index
        .packs
        .iter()
        .map(|h| (h.id.clone(), h.questions.len()))
        .collect();
    let mut skeleton = Library::new(index.packs.into_iter().map(Head::skeleton).collect());
    skeleton.notices = index.notices;
    Some(Hit {
        skeleton,
        rest: Rest { reader, shape },
    })
}

impl Rest {
    /// Decodes every pack section on all cores; `None` if any is damaged or disagrees with the
    /// index.
    pub fn load(self, notices: Vec<Notice>) -> Option<Library> {
        let reader = std::sync::Mutex::new(self.reader);
        let indexed: Vec<(usize, &(String, usize))> = self.shape.iter().enumerate().collect();
        let packs = super::par_map(&indexed, |&(i, (id, questions))| {
            let bytes = reader.lock().ok()?.section(i + 1)?;
            let pack: Pack = postcard::from_bytes(&bytes).ok()?;
            (pack.id == *id && pack.questions.len() == *questions).then_some(pack)
        });
        let mut lib = Library::new(packs.into_iter().collect::<Option<Vec<Pack>>>()?);
        lib.notices = notices;
        Some(lib)
    }
}

/// Whether two libraries hold the same packs and questions in the same places, so every `QRef`
/// into one means the same question in the other.
pub fn same_shape(a: &Library, b: &Library) -> bool {
    a.packs.len() == b.packs.len()
        && a.packs.iter().zip(&b.packs).all(|(p, q)| {
            p.id == q.id
                && p.questions.len() == q.questions.len()
                && p.questions
                    .iter()
                    .zip(&q.questions)
                    .all(|(x, y)| x.id == y.id)
        })
}

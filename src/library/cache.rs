//! The library cache file (`<cache dir>/library.bin`): section 0 holds the fingerprint of the
//! sources it was built from and the load notices, then one section per pack holds the whole
//! validated `Pack`: its string table, then the pack (postcard) whose texts are places in the
//! table, so decoding slices one buffer instead of allocating every string. A hit decodes every pack on all cores into a complete library;
//! anything else (missing, damaged, stale, "racy" or foreign file) parses the packs and rewrites
//! the cache. Only [`load`] is used outside: the rest of the program never sees the cache.

use std::io;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::fingerprint::Fingerprint;
use super::{Library, Notice, Sources};
use crate::cache::file::{self, Reader};
use rayon::prelude::*;

use crate::cache::{CacheDir, now_ns};
use crate::pack::model::Pack;
use crate::pack::shared;
use bytes::Bytes;
use bytestring::ByteString;

const KIND: &[u8; 4] = b"LIB3";
/// The file name in the cache directory.
pub const FILE: &str = "library.bin";

#[derive(Serialize, Deserialize)]
struct Index {
    fingerprint: Fingerprint,
    /// When the fingerprint was taken (ns since the epoch), for the racy check.
    taken_ns: u64,
    notices: Vec<Notice>,
    /// (id, question count) of every pack, to check each section against.
    packs: Vec<(String, usize)>,
}

/// The library of `sources`: from the cache in `cache` when it is intact and was built from the
/// same files (none of them changed within the racy window before it was written), else parsed
/// and validated, and the cache rewritten. Always complete; a cache that cannot be read or
/// written only costs speed. Whether it was a hit is the second value (for tests and benches).
pub fn load(sources: &Sources, cache: &CacheDir) -> (Library, bool) {
    let path = cache.path.join(FILE);
    let taken_ns = now_ns();
    let fingerprint = Fingerprint::take(sources);
    if let Some(lib) = open(&path, &fingerprint, cache.window_ns) {
        return (lib, true);
    }
    let lib = super::load(sources).library;
    let _ = save(&path, &fingerprint, taken_ns, &lib);
    (lib, false)
}

/// Writes the cache for `lib`, built from sources with fingerprint `fp` taken at `taken_ns`:
/// the index, then one section per pack, encoded one at a time.
pub fn save(path: &Path, fp: &Fingerprint, taken_ns: u64, lib: &Library) -> io::Result<()> {
    let index = Index {
        fingerprint: fp.clone(),
        taken_ns,
        notices: lib.notices.clone(),
        packs: lib
            .packs
            .iter()
            .map(|p| (p.id.clone(), p.questions.len()))
            .collect(),
    };
    file::write_with(path, KIND, lib.packs.len() + 1, |i| match i {
        0 => postcard::to_stdvec(&index).ok(),
        i => encode_pack(&lib.packs[i - 1]),
    })
}

/// A pack section: the length of the pack's string table, the table (every text of the pack,
/// one after another), then the pack in postcard with each text as its place in the table.
fn encode_pack(pack: &Pack) -> Option<Vec<u8>> {
    let (body, table) = shared::encode(|| postcard::to_stdvec(pack));
    let body = body.ok()?;
    let mut out = Vec::with_capacity(8 + table.len() + body.len());
    out.extend_from_slice(&(table.len() as u64).to_le_bytes());
    out.extend_from_slice(table.as_bytes());
    out.extend_from_slice(&body);
    Some(out)
}

/// The pack of a section written by [`encode_pack`]: the section's buffer is shared, not
/// copied: every text is a slice of its table, and every question keeps the slice of its
/// lazily decoded body (stem, choices, explanation, sources).
fn decode_pack(section: Vec<u8>) -> Option<Pack> {
    let section = Bytes::from(section);
    let len = u64::from_le_bytes(*section.first_chunk::<8>()?);
    let end = usize::try_from(len).ok()?.checked_add(8)?;
    let table = ByteString::try_from(section.get(8..end).map(|_| section.slice(8..end))?).ok()?;
    shared::decode(table, 0, section.slice(end..))
}

/// The library in the cache at `path`, if the file is intact and was built from sources with
/// fingerprint `fp`; every pack section is decoded on all cores.
pub fn open(path: &Path, fp: &Fingerprint, window_ns: u64) -> Option<Library> {
    let mut reader = Reader::open(path, KIND)?;
    let index: Index = postcard::from_bytes(&reader.section(0)?).ok()?;
    if index.fingerprint != *fp
        || fp.racy(index.taken_ns, window_ns)
        || index.packs.len() + 1 != reader.sections()
    {
        return None;
    }
    let reader = std::sync::Mutex::new(reader);
    let indexed: Vec<(usize, &(String, usize))> = index.packs.iter().enumerate().collect();
    let packs: Vec<Option<Pack>> = indexed
        .par_iter()
        .map(|&(i, (id, questions))| {
            let raw = reader.lock().ok()?.read(i + 1)?;
            let pack = decode_pack(raw.verify()?)?;
            (pack.id == *id && pack.questions.len() == *questions).then_some(pack)
        })
        .collect();
    let mut lib = Library::new(packs.into_iter().collect::<Option<Vec<Pack>>>()?);
    lib.notices = index.notices;
    Some(lib)
}

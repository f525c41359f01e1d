//! The library cache file (`<cache dir>/library.bin`): section 0 holds the fingerprint of the
//! sources it was built from and the load notices, then two sections per pack. The head holds
//! the validated `Pack` with its texts in one string table (each text a slice of it, no
//! allocation per string); the bodies section holds every question's stem, choices,
//! explanation and sources and every diagram's art, each encoded on its own with a checksum,
//! and read from the open file only when first needed (`pack::shared::Lazy`). A hit reads and
//! checks every head on all cores into a complete library; anything else (missing, damaged,
//! stale, "racy" or foreign file) parses the packs and rewrites the cache. Only [`load`] is
//! used outside: the rest of the program never sees the cache.

use std::io::{self, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::fingerprint::Fingerprint;
use super::{Library, Notice, Sources};
use crate::cache::file::{self, Reader};

use crate::cache::{CacheDir, now_ns};
use crate::pack::builtin;
use crate::pack::load;
use crate::pack::model::{Body, Drawing, Pack, PackSource};
use crate::pack::shared::{self, Bodies, Fallback};
use crate::pack::validate::Lints;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use bytes::Bytes;

/// The format: bumped whenever what a pack encodes to changes (LIB5: highlights in the body).
const KIND: &[u8; 4] = b"LIB5";
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
/// the index, then two sections per pack, encoded one pack at a time.
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
    let mut bodies = None;
    let unencodable = || io::Error::other("a section cannot be encoded");
    file::write_with(path, KIND, 2 * lib.packs.len() + 1, |i, out| match i {
        0 => out.write_all(&postcard::to_stdvec(&index).map_err(|_| unencodable())?),
        i if i % 2 == 1 => {
            let e = shared::encode(&lib.packs[i / 2]).ok_or_else(unencodable)?;
            bodies = Some(e.bodies);
            out.write_all(&shared::blob(&e.table, &e.bytes))
        }
        _ => out.write_all(&bodies.take().ok_or_else(unencodable)?),
    })
}

/// The pack of a head section (its string table, then the pack whose texts are places in the
/// table) whose bodies section is `bodies`: the head's buffer is shared, not copied (every
/// text is a slice of it), and the bodies (questions' stems, choices, explanations and
/// sources, diagrams' art) are read from the file only when first needed.
fn decode_pack(head: Vec<u8>, bodies: Arc<Bodies>) -> Option<Pack> {
    let (table, bytes) = shared::split_blob(&Bytes::from(head))?;
    shared::decode(table, &bytes, Some(bodies))
}

/// Gives every question and diagram of `pack` (read from the cache at `cache`, its bodies in
/// `to`) a way to its body should the cache's copy turn out damaged when it is read: the
/// pack's source is parsed again (once, for all of them) and the cache file removed, so the
/// next start rebuilds it.
fn attach_fallbacks(pack: &Pack, to: &Bodies, cache: &Path) {
    let again = Arc::new(Again {
        source: pack.source.clone(),
        cache: cache.to_path_buf(),
        pack: OnceLock::new(),
    });
    let a = Arc::clone(&again);
    let bodies: Fallback<Body> = Arc::new(move |id| {
        let q = a.pack()?.questions.iter().find(|q| q.id == *id)?;
        Some(q.body.get().clone())
    });
    let drawings: Fallback<Drawing> = Arc::new(move |id| {
        let d = again.pack()?.diagrams.iter().find(|d| d.id == *id)?;
        Some(d.body.get().clone())
    });
    to.set_fallbacks(vec![Arc::new(bodies), Arc::new(drawings)]);
}

/// A pack parsed again from its source, the first time a fallback needs it.
struct Again {
    source: PackSource,
    cache: PathBuf,
    pack: OnceLock<Option<Pack>>,
}

impl Again {
    fn pack(&self) -> Option<&Pack> {
        self.pack
            .get_or_init(|| {
                let _ = std::fs::remove_file(&self.cache);
                reparse(&self.source)
            })
            .as_ref()
    }
}

/// The pack at `source`, parsed and checked again (without the form lints).
fn reparse(source: &PackSource) -> Option<Pack> {
    let loaded = match source {
        PackSource::Builtin(name) => {
            let (_, text) = builtin::PACKS.iter().find(|(n, _)| n == name)?;
            load::from_str_with(&format!("content/{name}"), text, source.clone(), Lints::Off)
        }
        PackSource::File(path) => load::from_file_with(path, Lints::Off),
    };
    loaded.checked.map(|c| c.pack)
}

/// The library in the cache at `path`, if the file is intact and was built from sources with
/// fingerprint `fp`; every pack section is decoded on all cores.
pub fn open(path: &Path, fp: &Fingerprint, window_ns: u64) -> Option<Library> {
    let mut reader = Reader::open(path, KIND)?;
    let index: Index = postcard::from_bytes(&reader.section(0)?).ok()?;
    if index.fingerprint != *fp
        || fp.racy(index.taken_ns, window_ns)
        || 2 * index.packs.len() + 1 != reader.sections()
    {
        return None;
    }
    let file = Arc::new(reader.try_clone_file()?);
    // One pack after another, on the calling thread: decoding makes many small allocations,
    // which the main thread's heap serves in bulk while a worker thread's heap grows a page
    // per system call (in parallel on rayon's threads it was slower; docs/performance.md).
    let mut packs = Vec::with_capacity(index.packs.len());
    for (i, (id, questions)) in index.packs.iter().enumerate() {
        let head = reader.read(2 * i + 1)?;
        let (offset, len) = reader.span(2 * i + 2)?;
        let bodies = Arc::new(Bodies::file(Arc::clone(&file), offset, len));
        let pack = decode_pack(head.verify()?, Arc::clone(&bodies))?;
        (pack.id == *id && pack.questions.len() == *questions).then_some(())?;
        attach_fallbacks(&pack, &bodies, path);
        packs.push(pack);
    }
    let mut lib = Library::new(packs);
    lib.notices = index.notices;
    Some(lib)
}

//! The cache file container: a header naming the format, the kind and the build that wrote it,
//! then a table of checksummed sections. Nothing in a cache file is trusted before its header,
//! table and section checksums match; a file that fails any check is treated as absent.
//!
//! Layout (little endian): magic `DQCACHE\0` · format u32 · kind [u8; 4] · build u64 ·
//! section count u32 · table checksum u64 · table: count × (length u64, checksum u64) · sections.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::sync::OnceLock;

use super::hash::{Hasher, hash, hash_parts};

const MAGIC: &[u8; 8] = b"DQCACHE\0";
/// Bumped whenever the layout of any cache file or section changes.
pub const FORMAT: u32 = 2;
const HEAD: usize = 36;
/// More sections than this means a corrupt or foreign file.
const MAX_SECTIONS: usize = 1 << 16;

/// Identifies the binary that writes and reads caches: the crate version plus the executable's
/// size and modification time, so a rebuilt binary (whose types may have changed) never reads
/// a cache written by another build.
pub fn build_id() -> u64 {
    static ID: OnceLock<u64> = OnceLock::new();
    *ID.get_or_init(|| {
        let exe = std::env::current_exe()
            .and_then(std::fs::metadata)
            .map(|m| {
                let t = m
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
                format!("{}:{}", m.len(), t.map_or(0, |d| d.as_nanos()))
            })
            .unwrap_or_default();
        hash_parts([env!("CARGO_PKG_VERSION").as_bytes(), exe.as_bytes()])
    })
}

/// An open cache file whose header and table checked out. Sections are read on demand.
#[derive(Debug)]
pub struct Reader {
    file: File,
    /// (offset, length, checksum) of every section.
    sections: Vec<(u64, u64, u64)>,
}

impl Reader {
    /// Opens `path` if it is a complete cache file of `kind` written by this build.
    pub fn open(path: &Path, kind: &[u8; 4]) -> Option<Reader> {
        let mut file = open_regular(path)?;
        let mut head = [0u8; HEAD];
        file.read_exact(&mut head).ok()?;
        let u32_at = |i: usize| u32::from_le_bytes(head[i..i + 4].try_into().unwrap_or_default());
        let u64_at = |i: usize| u64::from_le_bytes(head[i..i + 8].try_into().unwrap_or_default());
        if &head[..8] != MAGIC
            || u32_at(8) != FORMAT
            || &head[12..16] != kind
            || u64_at(16) != build_id()
        {
            return None;
        }
        let count = u32_at(24) as usize;
        if count > MAX_SECTIONS {
            return None;
        }
        let mut table = vec![0u8; count * 16];
        file.read_exact(&mut table).ok()?;
        if hash(&table) != u64_at(28) {
            return None;
        }
        let mut offset = (HEAD + table.len()) as u64;
        let mut sections = Vec::with_capacity(count);
        for entry in table.chunks_exact(16) {
            let len = u64::from_le_bytes(entry[..8].try_into().ok()?);
            let sum = u64::from_le_bytes(entry[8..].try_into().ok()?);
            sections.push((offset, len, sum));
            offset = offset.checked_add(len)?;
        }
        // A truncated (or extended) file is not the one that was written.
        (file.metadata().ok()?.len() == offset).then_some(Reader { file, sections })
    }

    pub fn sections(&self) -> usize {
        self.sections.len()
    }

    /// The length of section `i` (not yet checked against its checksum).
    pub fn section_len(&self, i: usize) -> Option<usize> {
        self.sections.get(i).and_then(|s| usize::try_from(s.1).ok())
    }

    /// Feeds section `i` to `f` in pieces of whole `record`-byte records (at most ~64 KiB at a
    /// time, through one reused buffer, so a large section costs no large allocation). Returns
    /// whether the section was complete and its checksum matched: only then may what `f` built
    /// be used.
    pub fn section_records(&mut self, i: usize, record: usize, mut f: impl FnMut(&[u8])) -> bool {
        let Some(&(offset, len, sum)) = self.sections.get(i) else {
            return false;
        };
        if record == 0
            || len % record as u64 != 0
            || self.file.seek(SeekFrom::Start(offset)).is_err()
        {
            return false;
        }
        // A multiple of the record size, about 64 KiB.
        let piece = record * (65_536 / record).max(1);
        let mut buf = vec![0u8; piece];
        let mut hasher = Hasher::new();
        let mut left = len;
        while left > 0 {
            let n = piece.min(usize::try_from(left).unwrap_or(piece));
            if self.file.read_exact(&mut buf[..n]).is_err() {
                return false;
            }
            hasher.update(&buf[..n]);
            f(&buf[..n]);
            left -= n as u64;
        }
        hasher.digest() == sum
    }

    /// Where section `i` is in the file: (offset, length). For a section read piecemeal later
    /// (through [`Reader::try_clone_file`]), which checks its own pieces.
    pub fn span(&self, i: usize) -> Option<(u64, u64)> {
        self.sections.get(i).map(|&(offset, len, _)| (offset, len))
    }

    /// Another handle on the open file (the same file even if a new cache is renamed over its
    /// path meanwhile).
    pub fn try_clone_file(&self) -> Option<File> {
        self.file.try_clone().ok()
    }

    /// The bytes of section `i`, if its checksum matches.
    pub fn section(&mut self, i: usize) -> Option<Vec<u8>> {
        self.read(i)?.verify()
    }

    /// The bytes of section `i`, still to be checked against its checksum: readers that share
    /// the file check on their own threads.
    pub fn read(&mut self, i: usize) -> Option<Unverified> {
        let (offset, len, sum) = *self.sections.get(i)?;
        let len = usize::try_from(len).ok()?;
        let mut bytes = Vec::with_capacity(len);
        self.file.seek(SeekFrom::Start(offset)).ok()?;
        (&mut self.file)
            .take(len as u64)
            .read_to_end(&mut bytes)
            .ok()?;
        (bytes.len() == len).then_some(Unverified { bytes, sum })
    }
}

/// A section read but not yet checked.
pub struct Unverified {
    bytes: Vec<u8>,
    sum: u64,
}

impl Unverified {
    /// The bytes, if they match the section's checksum.
    pub fn verify(self) -> Option<Vec<u8>> {
        (hash(&self.bytes) == self.sum).then_some(self.bytes)
    }
}

/// Opens `path` for reading if it is a regular file, without ever blocking: a FIFO, socket or
/// device named like a cache file (or a link to one) is opened non-blocking, seen for what it
/// is and treated as absent, so it cannot hang start-up.
pub fn open_regular(path: &Path) -> Option<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options.open(path).ok()?;
    file.metadata().ok()?.is_file().then_some(file)
}

/// Writes a cache file atomically: a temporary file in the same directory, renamed over `path`,
/// so a reader sees the old file or the new one, never a mix. No fsync: a cache lost or torn
/// by a crash fails its checksums and is rebuilt.
pub fn write(path: &Path, kind: &[u8; 4], sections: &[Vec<u8>]) -> io::Result<()> {
    write_with(path, kind, sections.len(), |i, out| {
        out.write_all(&sections[i])
    })
}

/// Like [`write`], with each section written by `section(i, out)` as it is made: its bytes go
/// to the file as they come (counted and checksummed on the way), so no section needs to be
/// in memory whole. An error from `section` abandons the write.
pub fn write_with(
    path: &Path,
    kind: &[u8; 4],
    count: usize,
    mut section: impl FnMut(usize, &mut Section<'_>) -> io::Result<()>,
) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    // A temporary file beside `path` (removed if anything below fails), renamed over it.
    let tmp = tempfile::Builder::new()
        .prefix(".cache.tmp-")
        .tempfile_in(dir)?;
    let mut f = io::BufWriter::with_capacity(1 << 16, tmp);
    // The table is written last, once every section's length and checksum is known.
    f.write_all(&vec![0u8; HEAD + count * 16])?;
    let mut table = Vec::with_capacity(count * 16);
    for i in 0..count {
        let mut out = Section {
            file: &mut f,
            hasher: Hasher::new(),
            len: 0,
        };
        section(i, &mut out)?;
        table.extend_from_slice(&out.len.to_le_bytes());
        table.extend_from_slice(&out.hasher.digest().to_le_bytes());
    }
    let mut head = Vec::with_capacity(HEAD + table.len());
    head.extend_from_slice(MAGIC);
    head.extend_from_slice(&FORMAT.to_le_bytes());
    head.extend_from_slice(kind);
    head.extend_from_slice(&build_id().to_le_bytes());
    head.extend_from_slice(&(count as u32).to_le_bytes());
    head.extend_from_slice(&hash(&table).to_le_bytes());
    head.extend_from_slice(&table);
    f.seek(SeekFrom::Start(0))?;
    f.write_all(&head)?;
    let tmp = f.into_inner().map_err(io::IntoInnerError::into_error)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// One section of a cache file being written ([`write_with`]): what is written to it goes to
/// the file, and its length and checksum are kept for the table.
pub struct Section<'a> {
    file: &'a mut io::BufWriter<tempfile::NamedTempFile>,
    hasher: Hasher,
    len: u64,
}

impl Write for Section<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.file.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_rejections() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sub/x.bin");
        write(
            &p,
            b"TEST",
            &[b"one".to_vec(), Vec::new(), b"three".to_vec()],
        )
        .unwrap();
        let mut r = Reader::open(&p, b"TEST").unwrap();
        assert_eq!(r.sections(), 3);
        assert_eq!(r.section(2).unwrap(), b"three");
        assert_eq!(r.section(1).unwrap(), b"");
        let mut got = Vec::new();
        assert!(r.section_records(2, 5, |b| got.extend_from_slice(b)));
        assert_eq!(got, b"three");
        assert!(!r.section_records(2, 2, |_| {}), "not whole records");
        assert!(r.section(3).is_none());
        assert!(Reader::open(&p, b"OTHR").is_none());
        let bytes = std::fs::read(&p).unwrap();
        // Truncated, extended, flipped body byte, flipped table byte.
        std::fs::write(&p, &bytes[..bytes.len() - 1]).unwrap();
        assert!(Reader::open(&p, b"TEST").is_none());
        std::fs::write(&p, [&bytes[..], b"x"].concat()).unwrap();
        assert!(Reader::open(&p, b"TEST").is_none());
        let mut b = bytes.clone();
        *b.last_mut().unwrap() ^= 1;
        std::fs::write(&p, &b).unwrap();
        assert!(Reader::open(&p, b"TEST").unwrap().section(2).is_none());
        let mut b = bytes.clone();
        b[HEAD + 1] ^= 1;
        std::fs::write(&p, &b).unwrap();
        assert!(Reader::open(&p, b"TEST").is_none());
        std::fs::write(&p, b"").unwrap();
        assert!(Reader::open(&p, b"TEST").is_none());
    }
}

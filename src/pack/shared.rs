//! `Text`, the string type of pack content: a cheap-to-clone slice of a shared buffer
//! (`bytestring::ByteString`, a UTF-8 view of `bytes::Bytes`). A pack read from the library
//! cache keeps all its text in one buffer and every field points into it, so a warm start makes
//! no allocation per string.
//!
//! Serialized, a `Text` is a plain string, except inside [`encode`] and [`decode`]: there it is
//! its length in the pack's string table (texts are written and read in the same order),
//! and the table is written and read once. A [`Lazy`] value is likewise itself, except there:
//! its body goes apart, to be read from the cache file only when the value is first needed.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use bytes::Bytes;
use bytestring::ByteString;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

mod lazy;

pub use lazy::{Bodies, Fallback, Lazy, Unreadable};

/// A piece of pack text (an id, a stem, a choice, a diagram's art): reads as a `&str`.
///
/// 16 bytes: a shared buffer and a place in it. A question holds a dozen of these, and a warm
/// start decodes ten thousand questions, so the size shows in its memory and page faults.
#[derive(Clone)]
pub struct Text {
    /// The whole buffer this text is part of (its pack's string table, or only this text).
    buf: Arc<ByteString>,
    start: u32,
    len: u32,
}

impl Text {
    pub fn as_str(&self) -> &str {
        let start = self.start as usize;
        self.buf.get(start..start + self.len as usize).unwrap_or("")
    }

    /// `range` of `buf`, if it lies on character boundaries within `u32` offsets.
    fn part(buf: &Arc<ByteString>, range: std::ops::Range<usize>) -> Option<Text> {
        buf.get(range.clone())?;
        Some(Text {
            buf: Arc::clone(buf),
            start: u32::try_from(range.start).ok()?,
            len: u32::try_from(range.len()).ok()?,
        })
    }

    /// The whole of `buf` (a text longer than 4 GiB is cut to its first 4 GiB).
    fn whole(buf: ByteString) -> Text {
        let mut end = buf.len().min(u32::MAX as usize);
        while !buf.is_char_boundary(end) {
            end -= 1;
        }
        Text {
            buf: Arc::new(buf),
            start: 0,
            len: end as u32,
        }
    }
}

impl Default for Text {
    fn default() -> Text {
        static EMPTY: std::sync::LazyLock<Arc<ByteString>> =
            std::sync::LazyLock::new(|| Arc::new(ByteString::new()));
        Text {
            buf: Arc::clone(&EMPTY),
            start: 0,
            len: 0,
        }
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl std::hash::Hash for Text {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialOrd for Text {
    fn partial_cmp(&self, other: &Text) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Text {
    fn cmp(&self, other: &Text) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::borrow::Borrow<str> for Text {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text::whole(ByteString::from(s))
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::whole(ByteString::from(s))
    }
}

impl From<&String> for Text {
    fn from(s: &String) -> Text {
        Text::from(s.as_str())
    }
}

impl From<Text> for String {
    fn from(t: Text) -> String {
        t.as_str().to_owned()
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<Text> for str {
    fn eq(&self, other: &Text) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Text> for String {
    fn eq(&self, other: &Text) -> bool {
        self == other.as_str()
    }
}

/// The string tables of the pack being encoded or decoded on this thread, if any. Texts are
/// written to the table and read back in the same order, so each is serialized as its length
/// only: it starts where the previous one ended. [`Lazy`] values are written apart, to `bodies`.
enum Table {
    Writing { table: String, bodies: Vec<u8> },
    Reading(Reading),
}

/// Where decoding is: the table, the next text's start in it, and where the [`Lazy`] values'
/// bodies are.
struct Reading {
    table: Arc<ByteString>,
    at: usize,
    bodies: Option<Arc<Bodies>>,
}

thread_local! {
    static TABLE: RefCell<Option<Table>> = const { RefCell::new(None) };
    /// Whether a table is being read on this thread (checked first: a cheap flag).
    static READING: Cell<bool> = const { Cell::new(false) };
}

/// An encoded pack (or any content): its string table, the postcard bytes whose texts are
/// lengths in that table, and the bodies of its [`Lazy`] values.
pub struct Encoded {
    pub table: String,
    pub bytes: Vec<u8>,
    pub bodies: Vec<u8>,
}

/// Encodes `value` with a fresh string table: each `Text` is appended to the table and
/// serialized as its length; each [`Lazy`] value is encoded on its own into `bodies`.
pub fn encode<T: Serialize>(value: &T) -> Option<Encoded> {
    let fresh = Table::Writing {
        table: String::new(),
        bodies: Vec::new(),
    };
    let previous = TABLE.with(|t| t.replace(Some(fresh)));
    let was = READING.with(|r| r.replace(false));
    let bytes = postcard::to_stdvec(value).ok();
    READING.with(|r| r.set(was));
    match TABLE.with(|t| t.replace(previous)) {
        Some(Table::Writing { table, bodies }) => Some(Encoded {
            table,
            bytes: bytes?,
            bodies,
        }),
        _ => None,
    }
}

/// Deserializes a `T` encoded by [`encode`]: each `Text` becomes the next slice of `table`,
/// without copying, and each [`Lazy`] remembers where its body is in `bodies`.
pub fn decode<T: serde::de::DeserializeOwned>(
    table: ByteString,
    bytes: &[u8],
    bodies: Option<Arc<Bodies>>,
) -> Option<T> {
    let reading = Reading {
        table: Arc::new(table),
        at: 0,
        bodies,
    };
    let previous = TABLE.with(|t| t.replace(Some(Table::Reading(reading))));
    let was = READING.with(|r| r.replace(true));
    let out = postcard::from_bytes(bytes).ok();
    READING.with(|r| r.set(was));
    TABLE.with(|t| t.replace(previous));
    out
}

/// One self-contained blob: the table's length (8 bytes, little-endian), the table, the bytes.
pub fn blob(table: &str, bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(8 + table.len() + bytes.len());
    out.extend_from_slice(&(table.len() as u64).to_le_bytes());
    out.extend_from_slice(table.as_bytes());
    out.extend_from_slice(bytes);
    out
}

/// The table and bytes of a [`blob`], without copying.
pub fn split_blob(blob: &Bytes) -> Option<(ByteString, Bytes)> {
    let len = u64::from_le_bytes(*blob.first_chunk::<8>()?);
    let end = usize::try_from(len).ok()?.checked_add(8)?;
    blob.get(8..end)?;
    let table = ByteString::try_from(blob.slice(8..end)).ok()?;
    Some((table, blob.slice(end..)))
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let written = TABLE.with(|t| match &mut *t.borrow_mut() {
            Some(Table::Writing { table, .. }) => {
                table.push_str(self);
                true
            }
            _ => false,
        });
        if written {
            s.serialize_u64(self.len() as u64)
        } else {
            s.serialize_str(self)
        }
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        if !READING.with(Cell::get) {
            return String::deserialize(d).map(Text::from);
        }
        let len = usize::try_from(u64::deserialize(d)?)
            .map_err(|_| serde::de::Error::custom("text length"))?;
        TABLE
            .with(|t| match &mut *t.borrow_mut() {
                Some(Table::Reading(r)) => {
                    let start = r.at;
                    let text = Text::part(&r.table, start..start.checked_add(len)?)?;
                    r.at = start + len;
                    Some(text)
                }
                _ => None,
            })
            .ok_or_else(|| serde::de::Error::custom("text outside the string table"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs::File;

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    struct Body {
        words: Vec<Text>,
    }

    impl Unreadable for Body {
        fn unreadable() -> Body {
            Body {
                words: vec!["unreadable".into()],
            }
        }
    }

    #[derive(Debug, Serialize, Deserialize)]
    struct Item {
        id: Text,
        body: Lazy<Body>,
        maybe: Option<Text>,
    }

    fn item() -> Item {
        Item {
            id: "q-1".into(),
            body: Lazy::ready(Body {
                words: vec!["stem é".into(), String::new().into(), "why".into()],
            }),
            maybe: Some("diagram".into()),
        }
    }

    fn same(a: &Item, b: &Item) -> bool {
        a.id == b.id && a.body.get() == b.body.get() && a.maybe == b.maybe
    }

    /// Encodes `value` and decodes it back with its bodies in memory.
    fn round_trip(
        value: &Item,
        damage: impl FnOnce(&mut Vec<u8>),
    ) -> Option<(Item, ByteString, Arc<Bodies>)> {
        let mut e = encode(value).unwrap();
        damage(&mut e.bodies);
        let table = ByteString::from(e.table);
        let bodies = Arc::new(Bodies::memory(Bytes::from(e.bodies)));
        let back = decode(table.clone(), &e.bytes, Some(Arc::clone(&bodies)))?;
        Some((back, table, bodies))
    }

    #[test]
    fn a_table_round_trip_slices_one_buffer_and_reads_bodies_later() {
        let e = encode(&item()).unwrap();
        assert_eq!(e.table, "q-1diagram", "a lazy body keeps its texts apart");
        let (back, table, _) = round_trip(&item(), |_| {}).unwrap();
        assert!(back.body.is_pending(), "the body waits until it is read");
        assert!(same(&back, &item()));
        assert_eq!(back.id.as_ptr(), table.as_ptr());
        // A clone made before the first read reads on its own.
        let (again, _, _) = round_trip(&item(), |_| {}).unwrap();
        let twin = again.body.clone();
        assert_eq!(twin.get(), item().body.get());
    }

    #[test]
    fn bodies_are_read_from_an_open_file_that_a_rewrite_cannot_change() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bodies");
        let e = encode(&item()).unwrap();
        let mut file_bytes = b"head".to_vec();
        file_bytes.extend_from_slice(&e.bodies);
        std::fs::write(&path, &file_bytes).unwrap();
        let file = Arc::new(File::open(&path).unwrap());
        let bodies = Arc::new(Bodies::file(file, 4, e.bodies.len() as u64));
        let back: Item = decode(ByteString::from(e.table), &e.bytes, Some(bodies)).unwrap();
        // Replaced the way caches are written (a new file renamed over the old one).
        let tmp = dir.path().join("tmp");
        std::fs::write(&tmp, b"something else entirely").unwrap();
        std::fs::rename(&tmp, &path).unwrap();
        assert!(same(&back, &item()));
    }

    #[test]
    fn a_packed_value_waits_until_read_and_encodes_like_a_ready_one() {
        let packed = Item {
            body: Lazy::packed(item().body.get().clone()),
            ..item()
        };
        assert!(packed.body.is_pending());
        let (a, b) = (encode(&packed).unwrap(), encode(&item()).unwrap());
        assert_eq!((a.table, a.bytes, a.bodies), (b.table, b.bytes, b.bodies));
        assert!(packed.body.is_pending(), "written without being decoded");
        assert_eq!(packed.body.get(), item().body.get());
    }

    #[test]
    fn without_a_table_text_is_a_plain_string_and_lazy_is_transparent() {
        let json = serde_json::to_string(&item()).unwrap();
        assert_eq!(
            json,
            r#"{"id":"q-1","body":{"words":["stem é","","why"]},"maybe":"diagram"}"#
        );
        let back: Item = serde_json::from_str(&json).unwrap();
        assert!(same(&back, &item()));
    }

    #[test]
    fn a_text_is_two_words_and_a_question_head_stays_small() {
        use crate::pack::model::{Diagram, Question};
        assert_eq!(std::mem::size_of::<Text>(), 16);
        assert_eq!(std::mem::size_of::<Option<Text>>(), 16);
        assert_eq!(std::mem::size_of::<Lazy<Body>>(), 40);
        // Decoded for every question and diagram of a warm start (see docs/performance.md).
        assert!(
            std::mem::size_of::<Question>() <= 160,
            "{}",
            std::mem::size_of::<Question>()
        );
        assert!(
            std::mem::size_of::<Diagram>() <= 56,
            "{}",
            std::mem::size_of::<Diagram>()
        );
    }

    #[test]
    fn a_length_past_the_table_or_inside_a_character_is_an_error() {
        let table = ByteString::from("é.");
        for lens in [vec![99u64], vec![u64::MAX], vec![1], vec![2, 2]] {
            let bytes = postcard::to_stdvec(&lens).unwrap();
            let r: Option<Vec<Text>> = decode(table.clone(), &bytes, None);
            assert!(r.is_none(), "{lens:?}");
        }
        let bytes = postcard::to_stdvec(&vec![2u64, 1]).unwrap();
        let r: Vec<Text> = decode(table, &bytes, None).unwrap();
        assert_eq!(r, ["é", "."].map(Text::from));
    }

    #[test]
    fn a_damaged_body_reads_from_its_fallback_or_as_unreadable_and_missing_bodies_fail_the_decode()
    {
        let (back, _, _) = round_trip(&item(), |b| b[12] ^= 1).unwrap();
        assert_eq!(back.body.get_for(&back.id), &Body::unreadable());
        assert_eq!(back.maybe.as_deref(), Some("diagram"));
        // With a fallback for the pack's bodies, the value of its id is taken from there.
        let (back, _, bodies) = round_trip(&item(), |b| b[12] ^= 1).unwrap();
        let fallback: Fallback<Body> =
            Arc::new(|id| (*id == "q-1").then(|| item().body.get().clone()));
        bodies.set_fallbacks(vec![Arc::new(fallback)]);
        assert_eq!(back.body.get_for(&back.id), item().body.get());
        let (back, _, bodies) = round_trip(&item(), |b| b[12] ^= 1).unwrap();
        let other: Fallback<Body> =
            Arc::new(|id| (*id == "q-2").then(|| item().body.get().clone()));
        bodies.set_fallbacks(vec![Arc::new(other)]);
        assert_eq!(
            back.body.get_for(&back.id),
            &Body::unreadable(),
            "q-1 is not there"
        );
        // Bodies shorter than the values say: the whole decode fails (the cache is not used).
        assert!(round_trip(&item(), |b| b.truncate(b.len() - 1)).is_none());
    }
}

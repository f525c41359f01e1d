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
#[derive(Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Text(ByteString);

impl Text {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Text {
    fn borrow(&self) -> &str {
        &self.0
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
        Text(ByteString::from(s))
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text(ByteString::from(s))
    }
}

impl From<&String> for Text {
    fn from(s: &String) -> Text {
        Text(ByteString::from(s.as_str()))
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
    table: ByteString,
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
    bodies: Option<Bodies>,
) -> Option<T> {
    let reading = Reading {
        table,
        at: 0,
        bodies: bodies.map(Arc::new),
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
                    let text = r.table.get(start..start.checked_add(len)?)?;
                    r.at = start + len;
                    Some(Text(r.table.slice_ref(text)))
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
    fn round_trip(value: &Item, damage: impl FnOnce(&mut Vec<u8>)) -> Option<(Item, ByteString)> {
        let mut e = encode(value).unwrap();
        damage(&mut e.bodies);
        let table = ByteString::from(e.table);
        let bodies = Bodies::Memory(Bytes::from(e.bodies));
        Some((decode(table.clone(), &e.bytes, Some(bodies))?, table))
    }

    #[test]
    fn a_table_round_trip_slices_one_buffer_and_reads_bodies_later() {
        let e = encode(&item()).unwrap();
        assert_eq!(e.table, "q-1diagram", "a lazy body keeps its texts apart");
        let (back, table) = round_trip(&item(), |_| {}).unwrap();
        assert!(back.body.is_pending(), "the body waits until it is read");
        assert!(same(&back, &item()));
        assert_eq!(back.id.as_ptr(), table.as_ptr());
        // A clone made before the first read reads on its own.
        let (again, _) = round_trip(&item(), |_| {}).unwrap();
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
        let bodies = Bodies::File {
            file,
            offset: 4,
            len: e.bodies.len() as u64,
        };
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
        let (back, _) = round_trip(&item(), |b| b[12] ^= 1).unwrap();
        assert_eq!(back.body.get(), &Body::unreadable());
        assert_eq!(back.maybe.as_deref(), Some("diagram"));
        // With a fallback, that is used instead.
        let (mut back, _) = round_trip(&item(), |b| b[12] ^= 1).unwrap();
        let fallback: Fallback<Body> = Arc::new(|_| item().body.get().clone().into());
        back.body.set_fallback(&fallback, &"q-1".into());
        assert_eq!(back.body.get(), item().body.get());
        // Bodies shorter than the values say: the whole decode fails (the cache is not used).
        assert!(round_trip(&item(), |b| b.truncate(b.len() - 1)).is_none());
    }
}

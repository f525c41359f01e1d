//! `Text`, the string type of pack content: a cheap-to-clone slice of a shared buffer
//! (`bytestring::ByteString`, a UTF-8 view of `bytes::Bytes`). A pack read from the library cache keeps all its text in one buffer and
//! every field points into it, so a warm start makes no allocation per string.
//!
//! Serialized, a `Text` is a plain string, except inside [`encode`] and [`decode`]: there it is
//! its length in the pack's string table (texts are written and read in the same order),
//! and the table is written and read once.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::ops::Deref;
use std::sync::OnceLock;

use bytes::Bytes;
use bytestring::ByteString;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

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

/// The string table of the pack being encoded or decoded on this thread, if any. Texts are
/// written to the table and read back in the same order, so each is serialized as its length
/// only: it starts where the previous one ended.
enum Table {
    Writing(String),
    Reading(Reading),
}

/// Where decoding is: the table, the next text's start in it, and the encoded bytes being read
/// (so a [`Lazy`] value can keep its part of them).
struct Reading {
    table: ByteString,
    at: usize,
    bytes: Bytes,
}

thread_local! {
    static TABLE: RefCell<Option<Table>> = const { RefCell::new(None) };
    /// Whether a table is being read on this thread (checked first: a cheap flag).
    static READING: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` (which serializes pack content) with a fresh string table on this thread: each
/// `Text` is appended to the table and serialized as its length. Returns `f`'s result and the
/// table.
pub fn encode<R>(f: impl FnOnce() -> R) -> (R, String) {
    let previous = TABLE.with(|t| t.replace(Some(Table::Writing(String::new()))));
    let out = f();
    let table = TABLE.with(|t| t.replace(previous));
    match table {
        Some(Table::Writing(s)) => (out, s),
        _ => (out, String::new()),
    }
}

/// Deserializes a `T` encoded by [`encode`] from `bytes`, its texts starting at `at` in
/// `table`: each `Text` becomes the next slice of the table, without copying, and each [`Lazy`]
/// keeps its bytes to decode when first read.
pub fn decode<T: serde::de::DeserializeOwned>(
    table: ByteString,
    at: usize,
    bytes: Bytes,
) -> Option<T> {
    let reading = Reading {
        table,
        at,
        bytes: bytes.clone(),
    };
    let previous = TABLE.with(|t| t.replace(Some(Table::Reading(reading))));
    let was = READING.with(|r| r.replace(true));
    let out = postcard::from_bytes(&bytes).ok();
    READING.with(|r| r.set(was));
    TABLE.with(|t| t.replace(previous));
    out
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let written = TABLE.with(|t| match &mut *t.borrow_mut() {
            Some(Table::Writing(table)) => {
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
        TABLE.with(|t| match &mut *t.borrow_mut() {
            Some(Table::Reading(r)) => {
                let start = r.at;
                let text = start
                    .checked_add(len)
                    .and_then(|end| r.table.get(start..end))
                    .ok_or_else(|| serde::de::Error::custom("text outside the string table"))?;
                r.at = start + len;
                Ok(Text(r.table.slice_ref(text)))
            }
            _ => Err(serde::de::Error::custom("no string table")),
        })
    }
}

/// A value decoded from the library cache only when it is first read: a question's stem,
/// choices and explanation are not needed to draw the home screen, so a warm start keeps their
/// bytes and decodes one question when it is shown. Built any other way, it holds its value.
///
/// A value that cannot be decoded (a damaged cache that still passed its checksums) reads as
/// `T::unreadable()`.
pub struct Lazy<T> {
    value: OnceLock<T>,
    packed: Option<Packed>,
}

/// What a [`Lazy`] needs to decode itself: its bytes and where its texts start in the table.
#[derive(Clone)]
struct Packed {
    table: ByteString,
    at: usize,
    bytes: Bytes,
}

/// The value a [`Lazy`] reads as when its bytes cannot be decoded.
pub trait Unreadable {
    fn unreadable() -> Self;
}

impl<T: serde::de::DeserializeOwned + Unreadable> Lazy<T> {
    pub fn ready(value: T) -> Lazy<T> {
        Lazy {
            value: OnceLock::from(value),
            packed: None,
        }
    }

    /// The value, decoded now if it has not been yet.
    pub fn get(&self) -> &T {
        self.value.get_or_init(|| {
            self.packed
                .as_ref()
                .and_then(|p| decode(p.table.clone(), p.at, p.bytes.clone()))
                .unwrap_or_else(T::unreadable)
        })
    }
}

impl<T: Clone> Clone for Lazy<T> {
    fn clone(&self) -> Lazy<T> {
        Lazy {
            value: self.value.clone(),
            packed: self.packed.clone(),
        }
    }
}

impl<T: fmt::Debug + serde::de::DeserializeOwned + Unreadable> fmt::Debug for Lazy<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.get(), f)
    }
}

/// Bytes serialized as one byte string (postcard: a length, then the bytes).
struct Raw<'a>(&'a [u8]);

impl Serialize for Raw<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(self.0)
    }
}

impl<T> Serialize for Lazy<T>
where
    T: Serialize + serde::de::DeserializeOwned + Unreadable,
{
    /// With a string table: the length of the value's texts in the table, then the value
    /// encoded on its own (postcard), as bytes. Without: the value itself.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let start = TABLE.with(|t| match &*t.borrow() {
            Some(Table::Writing(table)) => Some(table.len()),
            _ => None,
        });
        let Some(start) = start else {
            return self.get().serialize(s);
        };
        let bytes = postcard::to_stdvec(self.get()).map_err(serde::ser::Error::custom)?;
        let end = TABLE.with(|t| match &*t.borrow() {
            Some(Table::Writing(table)) => table.len(),
            _ => start,
        });
        ((end - start) as u64, Raw(&bytes)).serialize(s)
    }
}

impl<'de, T> Deserialize<'de> for Lazy<T>
where
    T: serde::de::DeserializeOwned + Unreadable,
{
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Lazy<T>, D::Error> {
        if !READING.with(Cell::get) {
            return <T as Deserialize<'_>>::deserialize(d).map(Lazy::ready);
        }
        let (len, bytes) = <(u64, &'de [u8])>::deserialize(d)?;
        let bad = || serde::de::Error::custom("lazy value outside its section");
        let len = usize::try_from(len).map_err(|_| bad())?;
        TABLE.with(|t| match &mut *t.borrow_mut() {
            Some(Table::Reading(r)) => {
                // Where `bytes` lies in the section being read (they are borrowed from it).
                let base = r.bytes.as_ptr() as usize;
                let start = (bytes.as_ptr() as usize)
                    .checked_sub(base)
                    .filter(|&s| s + bytes.len() <= r.bytes.len())
                    .ok_or_else(bad)?;
                let at = r.at;
                r.at = at
                    .checked_add(len)
                    .filter(|&e| e <= r.table.len())
                    .ok_or_else(bad)?;
                Ok(Lazy {
                    value: OnceLock::new(),
                    packed: Some(Packed {
                        table: r.table.clone(),
                        at,
                        bytes: r.bytes.slice(start..start + bytes.len()),
                    }),
                })
            }
            _ => Err(bad()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    /// Encodes `value` as a cache section would: (table, bytes).
    fn packed<T: Serialize>(value: &T) -> (ByteString, Bytes) {
        let (bytes, table) = encode(|| postcard::to_stdvec(value).unwrap());
        (ByteString::from(table), Bytes::from(bytes))
    }

    #[test]
    fn a_table_round_trip_slices_one_buffer_and_decodes_lazily() {
        let (table, bytes) = packed(&item());
        assert_eq!(&*table, "q-1stem éwhydiagram");
        let back: Item = decode(table.clone(), 0, bytes.clone()).unwrap();
        assert!(
            back.body.value.get().is_none(),
            "the body waits until it is read"
        );
        assert!(same(&back, &item()));
        assert_eq!(back.id.as_ptr(), table.as_ptr());
        assert_eq!(back.body.get().words[0].as_ptr(), table[3..].as_ptr());
        assert_eq!(back.maybe.as_deref(), Some("diagram"));
        // A clone before the first read decodes on its own.
        let again: Item = decode(table, 0, bytes.clone()).unwrap();
        let twin = again.body.clone();
        assert_eq!(twin.get(), item().body.get());
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
            let bytes = Bytes::from(postcard::to_stdvec(&lens).unwrap());
            let r: Option<Vec<Text>> = decode(table.clone(), 0, bytes.clone());
            assert!(r.is_none(), "{lens:?}");
        }
        let bytes = Bytes::from(postcard::to_stdvec(&vec![2u64, 1]).unwrap());
        let r: Vec<Text> = decode(table, 0, bytes.clone()).unwrap();
        assert_eq!(r, ["é", "."].map(Text::from));
    }

    #[test]
    fn a_damaged_lazy_value_reads_as_unreadable() {
        let (table, bytes) = packed(&item());
        let mut damaged = bytes.to_vec();
        // The body's bytes follow the id's length (1 byte), the body's text length (1 byte) and
        // its byte count (1 byte): make its vector claim 100 words.
        damaged[3] = 100;
        let damaged = Bytes::from(damaged);
        let back: Item = decode(table, 0, damaged.clone()).unwrap();
        assert_eq!(back.body.get(), &Body::unreadable());
        assert_eq!(back.maybe.as_deref(), Some("diagram"));
    }
}

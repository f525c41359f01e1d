//! `Text`, the string type of pack content: a cheap-to-clone slice of a shared buffer
//! (`arcstr::Substr`). A pack read from the library cache keeps all its text in one buffer and
//! every field points into it, so a warm start makes no allocation per string.
//!
//! Serialized, a `Text` is a plain string, except inside [`encode`] and [`decode`]: there it is
//! the position of the string in the pack's string table, which is written and read once.

use std::cell::RefCell;
use std::fmt;
use std::ops::Deref;

use arcstr::{ArcStr, Substr};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A piece of pack text (an id, a stem, a choice, a diagram's art): reads as a `&str`.
#[derive(Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Text(Substr);

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
        Text(Substr::from(s))
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text(Substr::from(s))
    }
}

impl From<&String> for Text {
    fn from(s: &String) -> Text {
        Text(Substr::from(s.as_str()))
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

/// The string table of the pack being encoded or decoded on this thread, if any.
enum Table {
    Writing(String),
    Reading(ArcStr),
}

thread_local! {
    static TABLE: RefCell<Option<Table>> = const { RefCell::new(None) };
}

/// Runs `f` (which serializes pack content) with a fresh string table on this thread: each
/// `Text` is appended to the table and serialized as its `(start, len)` there. Returns `f`'s
/// result and the table.
pub fn encode<R>(f: impl FnOnce() -> R) -> (R, String) {
    let previous = TABLE.with(|t| t.replace(Some(Table::Writing(String::new()))));
    let out = f();
    let table = TABLE.with(|t| t.replace(previous));
    match table {
        Some(Table::Writing(s)) => (out, s),
        _ => (out, String::new()),
    }
}

/// Runs `f` (which deserializes content encoded by [`encode`]) with `table` as this thread's
/// string table: each `Text` becomes a slice of it, without copying.
pub fn decode<R>(table: ArcStr, f: impl FnOnce() -> R) -> R {
    let previous = TABLE.with(|t| t.replace(Some(Table::Reading(table))));
    let out = f();
    TABLE.with(|t| t.replace(previous));
    out
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let at = TABLE.with(|t| match &mut *t.borrow_mut() {
            Some(Table::Writing(table)) => {
                let start = table.len();
                table.push_str(self);
                Some((start, self.len()))
            }
            _ => None,
        });
        match at {
            Some(pair) => pair.serialize(s),
            None => s.serialize_str(self),
        }
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        let reading = TABLE.with(|t| matches!(&*t.borrow(), Some(Table::Reading(_))));
        if !reading {
            return String::deserialize(d).map(Text::from);
        }
        let (start, len) = <(usize, usize)>::deserialize(d)?;
        TABLE.with(|t| match &*t.borrow() {
            Some(Table::Reading(table)) => start
                .checked_add(len)
                .filter(|&end| table.get(start..end).is_some())
                .map(|end| Text(table.substr(start..end)))
                .ok_or_else(|| serde::de::Error::custom("text outside the string table")),
            _ => Err(serde::de::Error::custom("no string table")),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Item {
        id: Text,
        words: Vec<Text>,
        maybe: Option<Text>,
    }

    fn item() -> Item {
        Item {
            id: "q-1".into(),
            words: vec!["stem é".into(), String::new().into(), "why".into()],
            maybe: Some("diagram".into()),
        }
    }

    #[test]
    fn a_table_round_trip_slices_one_buffer() {
        let (bytes, table) = encode(|| postcard::to_stdvec(&item()).unwrap());
        assert_eq!(table, "q-1stem éwhydiagram");
        let table = ArcStr::from(table);
        let back: Item = decode(table.clone(), || postcard::from_bytes(&bytes).unwrap());
        assert_eq!(back, item());
        assert_eq!(back.words[0].0.parent().as_ptr(), table.as_ptr());
    }

    #[test]
    fn without_a_table_text_is_a_plain_string() {
        let json = serde_json::to_string(&item()).unwrap();
        assert_eq!(
            json,
            r#"{"id":"q-1","words":["stem é","","why"],"maybe":"diagram"}"#
        );
        let back: Item = serde_json::from_str(&json).unwrap();
        assert_eq!(back, item());
    }

    #[test]
    fn a_position_outside_the_table_or_inside_a_character_is_an_error() {
        for (start, len) in [(0usize, 99usize), (usize::MAX, 2), (1, 1)] {
            let bytes = postcard::to_stdvec(&(start, len)).unwrap();
            let r: Result<Text, _> = decode(ArcStr::from("é."), || postcard::from_bytes(&bytes));
            assert!(r.is_err(), "{start} {len}");
        }
    }
}

//! `Lazy`: a question's or diagram's body, kept encoded (in memory or in the cache file) until
//! it is first read, and where those bodies are (`Bodies`).

use std::any::Any;
use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;
use std::fs::File;
use std::sync::{Arc, OnceLock};

use bytes::Bytes;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{READING, TABLE, Table, Text, blob, decode, encode, split_blob};

/// A value read from the library cache only when it is first needed: a question's stem,
/// choices and explanation and a diagram's art are not needed to draw the home screen, so a
/// warm start reads neither their bytes nor their text. Built any other way, it holds its value.
///
/// A value whose body cannot be read or decoded (a cache damaged after the start's checks) is
/// taken from its fallback (the library re-reads the pack's source), else reads as
/// `T::unreadable()`.
pub struct Lazy<T> {
    /// Boxed: most values of a warm start are never read, and each question is smaller.
    value: OnceLock<Box<T>>,
    packed: Option<Packed>,
}

/// Where [`Lazy`] values come from when their bodies cannot be read: the value of the given id
/// (one per pack, shared by its values).
pub type Fallback<T> = Arc<dyn Fn(&Text) -> Option<T> + Send + Sync>;

/// Where a [`Lazy`] value's body is: its place in the pack's bodies and its checksum.
#[derive(Clone)]
struct Packed {
    bodies: Arc<Bodies>,
    at: u32,
    len: u32,
    sum: u64,
}

impl Packed {
    fn load<T: serde::de::DeserializeOwned>(&self) -> Option<T> {
        let blob = self.bodies.read(u64::from(self.at), u64::from(self.len))?;
        if crate::cache::hash::hash(&blob) != self.sum {
            return None;
        }
        let (table, bytes) = split_blob(&blob)?;
        decode(table, &bytes, None)
    }
}

/// The value a [`Lazy`] reads as when its body cannot be read.
pub trait Unreadable {
    fn unreadable() -> Self;
}

impl<T: serde::de::DeserializeOwned + Unreadable + 'static> Lazy<T> {
    pub fn ready(value: T) -> Lazy<T> {
        Lazy {
            value: OnceLock::from(Box::new(value)),
            packed: None,
        }
    }

    /// `value` encoded into one compact buffer, decoded again when first read: a freshly
    /// parsed pack keeps its bodies this way (one allocation each instead of one per text),
    /// and the cache writes the buffer as it is.
    pub fn packed(value: T) -> Lazy<T>
    where
        T: Serialize,
    {
        let Some(e) = encode(&value) else {
            return Lazy::ready(value);
        };
        let body = blob(&e.table, &e.bytes);
        let Ok(len) = u32::try_from(body.len()) else {
            return Lazy::ready(value);
        };
        let sum = crate::cache::hash::hash(&body);
        Lazy {
            value: OnceLock::new(),
            packed: Some(Packed {
                bodies: Arc::new(Bodies::memory(Bytes::from(body))),
                at: 0,
                len,
                sum,
            }),
        }
    }

    /// The value, read and decoded now if it has not been yet (`T::unreadable()` if its body is
    /// damaged).
    pub fn get(&self) -> &T {
        self.value
            .get_or_init(|| Box::new(self.load().unwrap_or_else(T::unreadable)))
    }

    /// [`Lazy::get`] for the value of `id`: a damaged body is taken from its pack's fallback
    /// ([`Bodies::set_fallbacks`]) instead.
    pub fn get_for(&self, id: &Text) -> &T {
        self.value.get_or_init(|| {
            let fallback = || {
                let f = self.packed.as_ref()?.bodies.fallback::<T>()?;
                f(id)
            };
            Box::new(self.load().or_else(fallback).unwrap_or_else(T::unreadable))
        })
    }

    fn load(&self) -> Option<T> {
        self.packed.as_ref().and_then(Packed::load)
    }

    /// Whether the value is still to be read from a cache.
    pub fn is_pending(&self) -> bool {
        self.value.get().is_none()
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

impl<T: fmt::Debug + serde::de::DeserializeOwned + Unreadable + 'static> fmt::Debug for Lazy<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.get(), f)
    }
}

impl<T> Serialize for Lazy<T>
where
    T: Serialize + serde::de::DeserializeOwned + Unreadable + 'static,
{
    /// With a string table: the value is encoded on its own (a blob with its own table),
    /// appended to the bodies, and written as (place, length, checksum). Without: the value.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let writing = TABLE.with(|t| matches!(&*t.borrow(), Some(Table::Writing { .. })));
        if !writing {
            return self.get().serialize(s);
        }
        // A value still packed in memory is written as it is; anything else is encoded.
        let packed = match &self.packed {
            Some(p) if self.value.get().is_none() => match &p.bodies.place {
                Place::Memory(b) => b
                    .get(p.at as usize..p.at as usize + p.len as usize)
                    .map(|blob| (Cow::Borrowed(blob), p.sum)),
                Place::File { .. } => None,
            },
            _ => None,
        };
        let (body, sum) = match packed {
            Some(packed) => packed,
            None => {
                let inner = encode(self.get())
                    .ok_or_else(|| serde::ser::Error::custom("a lazy value cannot be encoded"))?;
                let body = blob(&inner.table, &inner.bytes);
                let sum = crate::cache::hash::hash(&body);
                (Cow::Owned(body), sum)
            }
        };
        let at = TABLE.with(|t| match &mut *t.borrow_mut() {
            Some(Table::Writing { bodies, .. }) => {
                let at = bodies.len();
                bodies.extend_from_slice(&body);
                Some(at)
            }
            _ => None,
        });
        let at = at.ok_or_else(|| serde::ser::Error::custom("no string table"))?;
        (at as u64, body.len() as u64, sum).serialize(s)
    }
}

impl<'de, T> Deserialize<'de> for Lazy<T>
where
    T: serde::de::DeserializeOwned + Unreadable + 'static,
{
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Lazy<T>, D::Error> {
        if !READING.with(Cell::get) {
            return <T as Deserialize<'_>>::deserialize(d).map(Lazy::ready);
        }
        let (at, len, sum) = <(u64, u64, u64)>::deserialize(d)?;
        let bodies = TABLE.with(|t| match &*t.borrow() {
            Some(Table::Reading(r)) => r.bodies.clone(),
            _ => None,
        });
        let outside = || serde::de::Error::custom("lazy value outside its pack's bodies");
        let bodies = bodies
            .filter(|b| at.checked_add(len).is_some_and(|end| end <= b.len()))
            .ok_or_else(outside)?;
        Ok(Lazy {
            value: OnceLock::new(),
            packed: Some(Packed {
                bodies,
                at: u32::try_from(at).map_err(|_| outside())?,
                len: u32::try_from(len).map_err(|_| outside())?,
                sum,
            }),
        })
    }
}

/// The bodies of a pack's [`Lazy`] values, and where they come from if one is damaged.
pub struct Bodies {
    place: Place,
    /// One [`Fallback`] per value type, set once the pack is decoded.
    fallbacks: OnceLock<Vec<Arc<dyn Any + Send + Sync>>>,
}

/// Where the bodies are: in memory, or a region of an open file (read when a value is first
/// needed; the file stays open, so a cache rewritten since cannot change it).
enum Place {
    Memory(Bytes),
    File {
        file: Arc<File>,
        offset: u64,
        len: u64,
    },
}

impl Bodies {
    pub fn memory(bytes: Bytes) -> Bodies {
        Bodies {
            place: Place::Memory(bytes),
            fallbacks: OnceLock::new(),
        }
    }

    pub fn file(file: Arc<File>, offset: u64, len: u64) -> Bodies {
        Bodies {
            place: Place::File { file, offset, len },
            fallbacks: OnceLock::new(),
        }
    }

    /// Where the values of these bodies come from when a body cannot be read: each a
    /// [`Fallback`] of one value type (the first set wins).
    pub fn set_fallbacks(&self, fallbacks: Vec<Arc<dyn Any + Send + Sync>>) {
        let _ = self.fallbacks.set(fallbacks);
    }

    fn fallback<T: 'static>(&self) -> Option<&Fallback<T>> {
        self.fallbacks
            .get()?
            .iter()
            .find_map(|f| f.downcast_ref::<Fallback<T>>())
    }

    fn len(&self) -> u64 {
        match &self.place {
            Place::Memory(b) => b.len() as u64,
            Place::File { len, .. } => *len,
        }
    }

    /// `len` bytes at `at`, if they are there.
    fn read(&self, at: u64, len: u64) -> Option<Bytes> {
        let end = at.checked_add(len).filter(|&e| e <= self.len())?;
        match &self.place {
            Place::Memory(b) => {
                Some(b.slice(usize::try_from(at).ok()?..usize::try_from(end).ok()?))
            }
            Place::File { file, offset, .. } => {
                let mut buf = vec![0u8; usize::try_from(len).ok()?];
                read_exact_at(file, &mut buf, offset.checked_add(at)?).ok()?;
                Some(Bytes::from(buf))
            }
        }
    }
}

#[cfg(unix)]
fn read_exact_at(file: &File, buf: &mut [u8], at: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, at)
}

#[cfg(windows)]
fn read_exact_at(file: &File, mut buf: &mut [u8], mut at: u64) -> std::io::Result<()> {
    while !buf.is_empty() {
        match std::os::windows::fs::FileExt::seek_read(file, buf, at)? {
            0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            n => {
                buf = &mut buf[n..];
                at += n as u64;
            }
        }
    }
    Ok(())
}

#[cfg(not(any(unix, windows)))]
fn read_exact_at(_: &File, _: &mut [u8], _: u64) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

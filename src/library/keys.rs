//! `Keys`: question keys (`pack/question`) numbered in the order they were added, kept in one
//! string with one hash table of numbers, so ten thousand keys cost three allocations, not
//! twenty thousand.

use std::hash::BuildHasher;

use hashbrown::HashTable;

#[derive(Clone, Default)]
pub struct Keys {
    /// Every key, one after the other.
    text: String,
    /// Where each key ends in `text`.
    ends: Vec<u32>,
    /// The numbers of the keys, by hash of the key.
    table: HashTable<u32>,
}

fn hash(key: &str) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(key)
}

/// Key `i` of `text` and `ends`.
fn at<'a>(text: &'a str, ends: &[u32], i: u32) -> &'a str {
    let i = i as usize;
    let start = if i == 0 { 0 } else { ends[i - 1] as usize };
    &text[start..ends[i] as usize]
}

impl Keys {
    /// Room for `keys` keys of `bytes` bytes in all.
    pub fn with_capacity(keys: usize, bytes: usize) -> Keys {
        Keys {
            text: String::with_capacity(bytes),
            ends: Vec::with_capacity(keys),
            table: HashTable::with_capacity(keys),
        }
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Key number `i`.
    pub fn get(&self, i: u32) -> &str {
        at(&self.text, &self.ends, i)
    }

    /// The number of `key`, if it was added.
    pub fn find(&self, key: &str) -> Option<u32> {
        let (text, ends) = (&self.text, &self.ends);
        self.table
            .find(hash(key), |&i| at(text, ends, i) == key)
            .copied()
    }

    /// The number of the key made of `parts` (joined without separator): the one it already
    /// has, or the next one.
    pub fn add(&mut self, parts: &[&str]) -> u32 {
        let start = self.text.len();
        for p in parts {
            self.text.push_str(p);
        }
        let (text, ends) = (&self.text, &self.ends);
        let key = &text[start..];
        let next = ends.len() as u32;
        let entry = self.table.entry(
            hash(key),
            |&i| at(text, ends, i) == key,
            |&i| hash(at(text, ends, i)),
        );
        match entry {
            hashbrown::hash_table::Entry::Occupied(o) => {
                let i = *o.get();
                self.text.truncate(start);
                i
            }
            hashbrown::hash_table::Entry::Vacant(v) => {
                v.insert(next);
                self.ends.push(self.text.len() as u32);
                next
            }
        }
    }

    /// Every key, by number.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        (0..self.ends.len() as u32).map(|i| self.get(i))
    }
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_numbered_once_in_the_order_they_came() {
        let mut k = Keys::default();
        assert_eq!(k.add(&["aws", "/", "q-1"]), 0);
        assert_eq!(k.add(&["aws/q-2"]), 1);
        assert_eq!(k.add(&["aws/", "q-1"]), 0, "the same key keeps its number");
        assert_eq!(k.len(), 2);
        assert_eq!(k.find("aws/q-2"), Some(1));
        assert_eq!(k.find("aws/q-3"), None);
        assert_eq!(k.find("aws/q"), None, "a prefix is not a key");
        assert_eq!(k.iter().collect::<Vec<_>>(), ["aws/q-1", "aws/q-2"]);
        let many: Vec<String> = (0..5000).map(|i| format!("p/{i}")).collect();
        for key in &many {
            k.add(&[key]);
        }
        assert!(
            many.iter()
                .enumerate()
                .all(|(i, key)| k.find(key) == Some(i as u32 + 2))
        );
    }
}

//! `Keys`: question keys (`pack/question`) numbered in the order they were added, kept in one
//! string with one hash table of numbers, so ten thousand keys cost three allocations, not
//! twenty thousand. The table is built on the first look-up: a library's keys are listed at
//! every start but looked up only now and then.

use std::hash::BuildHasher;
use std::sync::OnceLock;

use hashbrown::HashTable;

#[derive(Clone, Default)]
pub struct Keys {
    /// Every key, one after the other.
    text: String,
    /// Where each key ends in `text`.
    ends: Vec<u32>,
    /// The numbers of the keys, by hash of the key; built when first needed.
    table: OnceLock<HashTable<u32>>,
}

fn hash(key: &str) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(key)
}

/// Files key number `i` in `table` unless the same key is there already (the first number of a
/// key listed twice wins).
fn insert(table: &mut HashTable<u32>, text: &str, ends: &[u32], i: u32) {
    let key = at(text, ends, i);
    if let hashbrown::hash_table::Entry::Vacant(v) = table.entry(
        hash(key),
        |&j| at(text, ends, j) == key,
        |&j| hash(at(text, ends, j)),
    ) {
        v.insert(i);
    }
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
            table: OnceLock::new(),
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
        self.table()
            .find(hash(key), |&i| at(text, ends, i) == key)
            .copied()
    }

    /// The table, built from the keys if this is the first look-up. With keys listed twice
    /// (only [`Keys::push`] can do that), the first one's number is found.
    fn table(&self) -> &HashTable<u32> {
        self.table.get_or_init(|| {
            let mut table = HashTable::with_capacity(self.ends.len());
            for i in 0..self.ends.len() as u32 {
                insert(&mut table, &self.text, &self.ends, i);
            }
            table
        })
    }

    /// Adds the key made of `parts` (joined without separator) as the next number, without
    /// looking whether it is there already: for keys known to be distinct.
    pub fn push(&mut self, parts: &[&str]) -> u32 {
        for p in parts {
            self.text.push_str(p);
        }
        let i = self.ends.len() as u32;
        self.ends.push(self.text.len() as u32);
        if let Some(table) = self.table.get_mut() {
            insert(table, &self.text, &self.ends, i);
        }
        i
    }

    /// The number of the key made of `parts`: the one it already has, or the next one.
    pub fn add(&mut self, parts: &[&str]) -> u32 {
        let joined;
        let key = match parts {
            [one] => *one,
            _ => {
                joined = parts.concat();
                &joined
            }
        };
        match self.find(key) {
            Some(i) => i,
            None => self.push(&[key]),
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

    #[test]
    fn pushed_keys_are_found_whether_the_table_was_built_before_or_after() {
        let mut k = Keys::with_capacity(3, 16);
        assert_eq!(k.push(&["p", "/", "a"]), 0);
        assert_eq!(k.push(&["p/b"]), 1);
        assert_eq!(k.find("p/b"), Some(1), "built on this first look-up");
        assert_eq!(k.push(&["p/c"]), 2);
        assert_eq!(k.find("p/c"), Some(2), "added to the built table");
        assert_eq!(k.push(&["p/a"]), 3, "push does not look");
        assert_eq!(k.find("p/a"), Some(0), "the first of a twice-listed key");
        let clone = k.clone();
        assert_eq!(clone.find("p/c"), Some(2));
    }
}

//! The checksum of cache sections and fingerprints: XXH3 (64-bit) from `xxhash-rust`. Not
//! cryptographic: it guards against torn, truncated and bit-flipped files, not against an
//! attacker (who could as well edit the packs themselves).

pub use xxhash_rust::xxh3::{Xxh3 as Hasher, xxh3_64 as hash};

/// Hashes several parts as one, with their boundaries (each part's length goes in first).
pub fn hash_parts<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> u64 {
    let mut h = Hasher::new();
    for p in parts {
        h.update(&(p.len() as u64).to_le_bytes());
        h.update(p);
    }
    h.digest()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_counts_and_streaming_agrees() {
        let base: Vec<u8> = (0..200u8).collect();
        let h = hash(&base);
        for i in 0..base.len() {
            let mut b = base.clone();
            b[i] ^= 1;
            assert_ne!(hash(&b), h, "flip at {i}");
        }
        assert_ne!(hash(&base[..199]), h);
        let mut streamed = Hasher::new();
        streamed.update(&base[..70]);
        streamed.update(&base[70..]);
        assert_eq!(streamed.digest(), h);
        assert_ne!(
            hash_parts([&b"ab"[..], b"c"]),
            hash_parts([&b"a"[..], b"bc"])
        );
    }
}

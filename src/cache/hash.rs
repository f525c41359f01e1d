//! A fast, stable 64-bit checksum for cache sections and fingerprints. Not cryptographic: it
//! guards against torn, truncated and bit-flipped files, not against an attacker (who could as
//! well edit the packs themselves).

const P1: u64 = 0x9e37_79b1_85eb_ca87;
const P2: u64 = 0xc2b2_ae3d_27d4_eb4f;

/// Hashes `bytes`, four 64-bit lanes at a time (several GB/s), then mixes the lanes.
pub fn hash(bytes: &[u8]) -> u64 {
    let mut h = Hasher::new();
    h.update(bytes);
    h.finish()
}

/// [`hash`] over bytes that arrive in pieces: pieces whose length is a multiple of 32 bytes,
/// then any last piece.
pub struct Hasher {
    lanes: [u64; 4],
    len: u64,
    tail: Vec<u8>,
}

impl Hasher {
    pub fn new() -> Hasher {
        Hasher {
            lanes: [P1, P2, P1 ^ P2, P1.rotate_left(17)],
            len: 0,
            tail: Vec::new(),
        }
    }

    /// Adds `bytes`. Every piece but the last must be a multiple of 32 bytes long.
    pub fn update(&mut self, bytes: &[u8]) {
        debug_assert!(self.tail.is_empty(), "only the last piece may be unaligned");
        self.len += bytes.len() as u64;
        let mut chunks = bytes.chunks_exact(32);
        for c in &mut chunks {
            for (i, lane) in self.lanes.iter_mut().enumerate() {
                let w = u64::from_le_bytes(c[i * 8..i * 8 + 8].try_into().unwrap_or_default());
                *lane = (*lane ^ w).wrapping_mul(P1).rotate_left(31);
            }
        }
        self.tail.extend_from_slice(chunks.remainder());
    }

    pub fn finish(self) -> u64 {
        let mut h = self.len.wrapping_mul(P2);
        for lane in self.lanes {
            h = (h ^ mix(lane)).wrapping_mul(P1);
        }
        for &b in &self.tail {
            h = (h ^ u64::from(b)).wrapping_mul(P2).rotate_left(23);
        }
        mix(h)
    }
}

impl Default for Hasher {
    fn default() -> Self {
        Hasher::new()
    }
}

/// Hashes several parts as one, with their boundaries.
pub fn hash_parts<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> u64 {
    parts
        .into_iter()
        .fold(P2, |h, p| mix(h ^ hash(p)).wrapping_add(P1))
}

/// The splitmix64 finaliser: every input bit affects every output bit.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_counts() {
        let base: Vec<u8> = (0..200u8).collect();
        let h = hash(&base);
        for i in 0..base.len() {
            let mut b = base.clone();
            b[i] ^= 1;
            assert_ne!(hash(&b), h, "flip at {i}");
        }
        assert_ne!(hash(&base[..199]), h);
        let mut streamed = Hasher::new();
        streamed.update(&base[..64]);
        streamed.update(&base[64..160]);
        streamed.update(&base[160..]);
        assert_eq!(streamed.finish(), h);
        assert_ne!(
            hash_parts([&b"ab"[..], b"c"]),
            hash_parts([&b"a"[..], b"bc"])
        );
    }
}

//! A fast hash for the lookup tables of the extraction hot path.
//!
//! The lexicons (month and number words, feature priors, generic place
//! words) and the geocoder's per-thread memos are probed with short strings
//! for nearly every word of every document; std's SipHash costs more than
//! the probe itself there. This is the multiply-rotate hash of `rustc-hash`
//! (FxHash): not resistant to chosen collisions, which is fine for tables
//! keyed by our own data files or bounded memos. Use it only for maps whose
//! iteration order nothing depends on.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` with [`FxHasher`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
/// A `HashSet` with [`FxHasher`].
pub type FastSet<T> = HashSet<T, BuildHasherDefault<FxHasher>>;

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// FxHash: eight bytes at a time, one rotate, xor and multiply each.
#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            // The length keeps "a" and "a\0" apart.
            self.add(u64::from_le_bytes(w) ^ ((rest.len() as u64) << 56));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

/// A [`FastMap`] from words to values, probed with every token of a text
/// (month and weekday names, number words), most of which it does not
/// hold: a table of the (first byte, length) pairs of its keys turns most
/// of them away with one load, before any hashing.
#[derive(Debug, Clone)]
pub struct WordMap<V> {
    map: FastMap<String, V>,
    /// Bit `min(len, 63)` of `shapes[first byte]`: some key has that shape.
    shapes: Box<[u64; 256]>,
}

impl<V> Default for WordMap<V> {
    fn default() -> Self {
        WordMap {
            map: FastMap::default(),
            shapes: Box::new([0; 256]),
        }
    }
}

impl<V> WordMap<V> {
    fn shape(word: &str) -> Option<(usize, u32)> {
        let first = *word.as_bytes().first()?;
        Some((usize::from(first), word.len().min(63) as u32))
    }

    /// Whether some key may be `word` (no false "no").
    #[inline]
    fn may_hold(&self, word: &str) -> bool {
        match Self::shape(word) {
            Some((first, len)) => self.shapes[first] >> len & 1 == 1,
            // The empty word: only the map knows.
            None => true,
        }
    }

    pub fn insert(&mut self, word: String, value: V) -> Option<V> {
        if let Some((first, len)) = Self::shape(&word) {
            self.shapes[first] |= 1 << len;
        }
        self.map.insert(word, value)
    }

    #[inline]
    pub fn get(&self, word: &str) -> Option<&V> {
        if self.may_hold(word) {
            self.map.get(word)
        } else {
            None
        }
    }

    #[inline]
    pub fn contains_key(&self, word: &str) -> bool {
        self.get(word).is_some()
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.map.keys()
    }
}

/// FNV-1a 64 over the bytes of `parts`, in order: a content hash of data
/// files that is stable across Rust versions and platforms (std's hasher
/// is not), recorded with extraction runs so a data change shows up as a
/// new version.
pub fn fnv1a64<'a>(parts: impl IntoIterator<Item = &'a str>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_find_what_they_hold() {
        let words = [
            "",
            "a",
            "a\0",
            "janvier",
            "quatre-vingt-dix",
            "dimanche",
            "ébréché",
        ];
        let m: FastMap<String, usize> = words.iter().map(|w| (w.to_string(), w.len())).collect();
        assert_eq!(m.len(), words.len());
        for w in words {
            assert_eq!(m.get(w), Some(&w.len()));
        }
        assert!(!m.contains_key("janvie"));
        let mut wm = WordMap::default();
        for w in words {
            assert_eq!(wm.insert(w.to_string(), w.len()), None);
        }
        assert_eq!(wm.len(), words.len());
        for w in words {
            assert_eq!(wm.get(w), Some(&w.len()), "{w:?}");
        }
        let long = "x".repeat(70);
        wm.insert(long.clone(), 70);
        assert_eq!(wm.get(&long), Some(&70));
        for w in ["janvie", "b", "a\0\0", "dimanches", &"x".repeat(64)] {
            assert!(!wm.contains_key(w), "{w:?}");
        }
        let s: FastSet<u32> = (0..1000).collect();
        assert!((0..1000).all(|i| s.contains(&i)) && !s.contains(&1000));
    }
}

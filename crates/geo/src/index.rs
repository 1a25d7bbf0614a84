//! The name index: two `fst` maps (folded key → postings, skeleton key →
//! postings) over one postings array of place numbers. The maps are used in
//! place from the bytes compiled into the binary: loading costs nothing and a
//! lookup is a walk down a small automaton.

use crate::GeoError;
use fst::{Automaton, IntoStreamer, Map, MapBuilder, Streamer};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

/// How a key reached a place: its main name, another GeoNames name, a
/// curated variant, or ACLED's admin name. Exact main names score highest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NameKind {
    Main = 0,
    Alternate = 1,
    Variant = 2,
    AdminName = 3,
}

impl NameKind {
    fn from_bits(b: u32) -> NameKind {
        match b {
            0 => NameKind::Main,
            2 => NameKind::Variant,
            3 => NameKind::AdminName,
            _ => NameKind::Alternate,
        }
    }
}

/// One posting: a place number and how its name matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Posting {
    pub place: u32,
    pub kind: NameKind,
}

const PLACE_BITS: u32 = 24;
const PLACE_MASK: u32 = (1 << PLACE_BITS) - 1;

impl Posting {
    fn encode(self) -> u32 {
        (self.place & PLACE_MASK) | ((self.kind as u32) << PLACE_BITS)
    }
    fn decode(v: u32) -> Posting {
        Posting {
            place: v & PLACE_MASK,
            kind: NameKind::from_bits(v >> PLACE_BITS),
        }
    }
}

/// The maximum number of places the 24-bit posting can address.
pub const MAX_PLACES: usize = PLACE_MASK as usize;

/// Builds the index files from key → postings maps (sorted by construction).
pub struct IndexBuilder {
    pub names: BTreeMap<String, Vec<Posting>>,
    pub skeletons: BTreeMap<String, Vec<Posting>>,
}

/// The three index files as bytes.
pub struct IndexBytes {
    pub names_fst: Vec<u8>,
    pub skeletons_fst: Vec<u8>,
    pub postings: Vec<u8>,
}

impl IndexBuilder {
    pub fn new() -> Self {
        IndexBuilder {
            names: BTreeMap::new(),
            skeletons: BTreeMap::new(),
        }
    }

    pub fn add(&mut self, folded: &str, skeleton: &str, posting: Posting) {
        if !folded.is_empty() {
            self.names
                .entry(folded.to_string())
                .or_default()
                .push(posting);
        }
        if !skeleton.is_empty() {
            self.skeletons
                .entry(skeleton.to_string())
                .or_default()
                .push(posting);
        }
    }

    /// Sorts and de-duplicates postings (best kind per place) and writes the
    /// fst maps and the postings array.
    pub fn finish(self) -> Result<IndexBytes, GeoError> {
        let mut postings: Vec<u8> = Vec::new();
        let mut write_map = |map: BTreeMap<String, Vec<Posting>>| -> Result<Vec<u8>, GeoError> {
            let mut b = MapBuilder::memory();
            for (key, mut list) in map {
                list.sort();
                list.dedup_by_key(|p| p.place);
                let start = (postings.len() / 4) as u64;
                for p in &list {
                    postings.extend_from_slice(&p.encode().to_le_bytes());
                }
                b.insert(key.as_bytes(), (start << 32) | list.len() as u64)?;
            }
            Ok(b.into_inner()?)
        };
        let names_fst = write_map(self.names)?;
        let skeletons_fst = write_map(self.skeletons)?;
        Ok(IndexBytes {
            names_fst,
            skeletons_fst,
            postings,
        })
    }
}

impl Default for IndexBuilder {
    fn default() -> Self {
        Self::new()
    }
}

/// The loaded index.
pub struct NameIndex {
    names: Map<Cow<'static, [u8]>>,
    skeletons: Map<Cow<'static, [u8]>>,
    postings: Vec<u32>,
    /// Edit-distance searches walk much of the automaton: their answers are
    /// kept (reports repeat their misspellings), up to `FUZZY_CACHE_MAX`.
    fuzzy_cache: Mutex<HashMap<(String, u32), FuzzyHits>>,
}

/// Keys within an edit distance, with their postings.
pub type FuzzyHits = Arc<Vec<(String, Vec<Posting>)>>;

const FUZZY_CACHE_MAX: usize = 50_000;

impl NameIndex {
    /// Opens the index over its bytes: borrowed `'static` bytes (compiled
    /// into the binary) are used in place, owned ones (a fresh build) moved in.
    pub fn from_bytes(
        names: Cow<'static, [u8]>,
        skeletons: Cow<'static, [u8]>,
        postings: &[u8],
    ) -> Result<Self, GeoError> {
        if !postings.len().is_multiple_of(4) {
            return Err(GeoError::Data(
                "postings file is not a whole number of entries".into(),
            ));
        }
        let postings = postings
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        Ok(NameIndex {
            names: Map::new(names)?,
            skeletons: Map::new(skeletons)?,
            postings,
            fuzzy_cache: Mutex::new(HashMap::new()),
        })
    }

    fn list(&self, value: u64) -> impl Iterator<Item = Posting> + '_ {
        let start = (value >> 32) as usize;
        let len = (value & 0xFFFF_FFFF) as usize;
        let end = start.saturating_add(len).min(self.postings.len());
        self.postings[start.min(end)..end]
            .iter()
            .map(|v| Posting::decode(*v))
    }

    /// Places whose folded name is exactly `key`.
    pub fn exact(&self, key: &str) -> Vec<Posting> {
        self.names
            .get(key)
            .map(|v| self.list(v).collect())
            .unwrap_or_default()
    }

    /// Places whose skeleton is exactly `skeleton`.
    pub fn skeleton(&self, skeleton: &str) -> Vec<Posting> {
        self.skeletons
            .get(skeleton)
            .map(|v| self.list(v).collect())
            .unwrap_or_default()
    }

    pub fn has_exact(&self, key: &str) -> bool {
        !key.is_empty() && self.names.contains_key(key)
    }

    pub fn has_skeleton(&self, skeleton: &str) -> bool {
        !skeleton.is_empty() && self.skeletons.contains_key(skeleton)
    }

    /// Skeletons within `distance` edits of `skeleton`, with their postings
    /// and the distance-free key (the caller scores by length). Bounded:
    /// at most `limit` keys.
    pub fn fuzzy(&self, skeleton: &str, distance: u32, limit: usize) -> FuzzyHits {
        let key = (skeleton.to_string(), distance);
        if let Some(hit) = self
            .fuzzy_cache
            .lock()
            .ok()
            .and_then(|c| c.get(&key).cloned())
        {
            return hit;
        }
        let hits = Arc::new(self.fuzzy_search(skeleton, distance, limit));
        if let Ok(mut c) = self.fuzzy_cache.lock() {
            if c.len() >= FUZZY_CACHE_MAX {
                c.clear();
            }
            c.insert(key, hits.clone());
        }
        hits
    }

    fn fuzzy_search(
        &self,
        skeleton: &str,
        distance: u32,
        limit: usize,
    ) -> Vec<(String, Vec<Posting>)> {
        if distance == 1 {
            return one_edit(self.skeletons.as_fst(), skeleton.as_bytes())
                .into_iter()
                .take(limit)
                .map(|(k, v)| {
                    (
                        String::from_utf8_lossy(&k).into_owned(),
                        self.list(v).collect(),
                    )
                })
                .collect();
        }
        self.automaton_search(skeleton, distance, limit)
    }

    /// [`Self::fuzzy_search`] by walking the map with the edit-distance
    /// automaton: any distance, but it visits every key prefix within the
    /// bound (about a thousand transitions for a ten-letter name).
    fn automaton_search(
        &self,
        skeleton: &str,
        distance: u32,
        limit: usize,
    ) -> Vec<(String, Vec<Posting>)> {
        let aut = EditDistance::new(skeleton, distance);
        let mut stream = self.skeletons.search(aut).into_stream();
        let mut out = Vec::new();
        while let Some((k, v)) = stream.next() {
            if out.len() >= limit {
                break;
            }
            out.push((
                String::from_utf8_lossy(k).into_owned(),
                self.list(v).collect(),
            ));
        }
        out
    }

    /// Number of keys in the folded and skeleton maps.
    pub fn key_counts(&self) -> (usize, usize) {
        (self.names.len(), self.skeletons.len())
    }
}

/// The keys of `fst` at most one edit from `query`, in key order, with their
/// values: the query itself, then every deletion, substitution and insertion
/// tried by following the query's own path and branching once. Same answer
/// as the [`EditDistance`] walk at distance 1, at a fraction of the cost: the
/// branches are exact walks, and there are at most (fan-out × length) of them.
fn one_edit<D: AsRef<[u8]>>(fst: &fst::raw::Fst<D>, query: &[u8]) -> BTreeMap<Vec<u8>, u64> {
    use fst::raw::{Node, Output};
    /// Follows `rest` exactly from `node`; the key's output if it ends on a final node.
    fn exact<'f, D: AsRef<[u8]>>(
        fst: &'f fst::raw::Fst<D>,
        mut node: Node<'f>,
        mut out: Output,
        rest: &[u8],
    ) -> Option<u64> {
        for &b in rest {
            let t = node.transition(node.find_input(b)?);
            out = out.cat(t.out);
            node = fst.node(t.addr);
        }
        node.is_final()
            .then(|| out.cat(node.final_output()).value())
    }
    let mut found = BTreeMap::new();
    let mut node = fst.root();
    let mut out = Output::zero();
    for p in 0..=query.len() {
        let (head, rest) = query.split_at(p);
        let key = |mid: Option<u8>, tail: &[u8]| -> Vec<u8> {
            let mut k = Vec::with_capacity(head.len() + 1 + tail.len());
            k.extend_from_slice(head);
            k.extend(mid);
            k.extend_from_slice(tail);
            k
        };
        for t in node.transitions() {
            let next = fst.node(t.addr);
            let out_t = out.cat(t.out);
            // Insertion of `t.inp` before `query[p]`.
            if let Some(v) = exact(fst, next, out_t, rest) {
                found.insert(key(Some(t.inp), rest), v);
            }
            // Substitution of `query[p]` by `t.inp`.
            if let Some((&q, after)) = rest.split_first() {
                if t.inp != q {
                    if let Some(v) = exact(fst, next, out_t, after) {
                        found.insert(key(Some(t.inp), after), v);
                    }
                }
            }
        }
        let Some((&q, after)) = rest.split_first() else {
            // The whole query followed: itself, if it is a key.
            if node.is_final() {
                found.insert(query.to_vec(), out.cat(node.final_output()).value());
            }
            break;
        };
        // Deletion of `query[p]`.
        if let Some(v) = exact(fst, node, out, after) {
            found.insert(key(None, after), v);
        }
        let Some(i) = node.find_input(q) else {
            break;
        };
        let t = node.transition(i);
        out = out.cat(t.out);
        node = fst.node(t.addr);
    }
    found
}

/// Levenshtein matching as an fst automaton whose state is one row of the
/// edit-distance table, pruned as soon as every cell exceeds the bound.
/// Building it costs nothing (fst's own `Levenshtein` compiles a DFA per
/// query, which dominated the geocoder's time), and the walk visits only
/// key prefixes within the bound.
struct EditDistance {
    query: Vec<u8>,
    max: u8,
}

impl EditDistance {
    fn new(query: &str, max: u32) -> Self {
        EditDistance {
            query: query.bytes().collect(),
            max: max.min(8) as u8,
        }
    }
}

/// Cells kept inline in a [`Row`]: skeleton keys are short, and the walk
/// makes one row per fst transition, so rows of usual names are not
/// allocated.
const INLINE_CELLS: usize = 48;

/// One row of the edit-distance table (query length + 1 cells).
#[derive(Clone)]
enum Row {
    Inline { len: u8, cells: [u8; INLINE_CELLS] },
    Heap(Vec<u8>),
}

impl Row {
    /// A row of `len` cells, all zero.
    fn zeroed(len: usize) -> Row {
        if len <= INLINE_CELLS {
            Row::Inline {
                len: len as u8,
                cells: [0; INLINE_CELLS],
            }
        } else {
            Row::Heap(vec![0; len])
        }
    }

    fn cells(&self) -> &[u8] {
        match self {
            Row::Inline { len, cells } => &cells[..*len as usize],
            Row::Heap(v) => v,
        }
    }

    fn cells_mut(&mut self) -> &mut [u8] {
        match self {
            Row::Inline { len, cells } => &mut cells[..*len as usize],
            Row::Heap(v) => v,
        }
    }
}

impl Automaton for EditDistance {
    type State = Option<Row>;

    fn start(&self) -> Self::State {
        let mut row = Row::zeroed(self.query.len() + 1);
        for (i, c) in row.cells_mut().iter_mut().enumerate() {
            *c = i.min(255) as u8;
        }
        Some(row)
    }

    fn is_match(&self, state: &Self::State) -> bool {
        state
            .as_ref()
            .and_then(|row| row.cells().last())
            .is_some_and(|d| *d <= self.max)
    }

    fn can_match(&self, state: &Self::State) -> bool {
        state.is_some()
    }

    fn accept(&self, state: &Self::State, byte: u8) -> Self::State {
        let prev = state.as_ref()?.cells();
        let mut next = Row::zeroed(prev.len());
        let row = next.cells_mut();
        row[0] = prev[0].saturating_add(1);
        let mut any = row[0] <= self.max;
        for (i, q) in self.query.iter().enumerate() {
            let cost = u8::from(*q != byte);
            let v = (prev[i].saturating_add(cost))
                .min(prev[i + 1].saturating_add(1))
                .min(row[i].saturating_add(1));
            row[i + 1] = v;
            any |= v <= self.max;
        }
        any.then_some(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_and_reads_postings() {
        let mut b = IndexBuilder::new();
        b.add(
            "goundam",
            "gundam",
            Posting {
                place: 7,
                kind: NameKind::Main,
            },
        );
        b.add(
            "gondam",
            "gundam",
            Posting {
                place: 7,
                kind: NameKind::Variant,
            },
        );
        b.add(
            "kidal",
            "kidal",
            Posting {
                place: 3,
                kind: NameKind::Main,
            },
        );
        let bytes = b.finish().unwrap();
        let ix = NameIndex::from_bytes(
            Cow::Owned(bytes.names_fst),
            Cow::Owned(bytes.skeletons_fst),
            &bytes.postings,
        )
        .unwrap();
        assert_eq!(
            ix.exact("gondam"),
            vec![Posting {
                place: 7,
                kind: NameKind::Variant
            }]
        );
        assert_eq!(ix.skeleton("gundam").len(), 1);
        assert!(ix.exact("gao").is_empty());
        assert_eq!(ix.fuzzy("kidl", 1, 10).len(), 1);
        assert_eq!(ix.fuzzy("gondam", 1, 10).len(), 1);
        assert_eq!(ix.fuzzy("kidaal", 1, 10).len(), 1);
        assert!(ix.fuzzy("kxdxl", 1, 10).is_empty());
        assert_eq!(ix.fuzzy("kxdxl", 2, 10).len(), 1);
    }

    /// The one-edit walk answers exactly what the automaton does, on the
    /// embedded gazetteer's skeletons, for names and their misspellings.
    #[test]
    fn one_edit_walk_equals_the_automaton() {
        let g = crate::Gazetteer::load_default().unwrap();
        let ix = &g.index;
        let mut queries: Vec<String> = Vec::new();
        let mut keys = ix.skeletons.stream();
        let mut n = 0usize;
        while let Some((k, _)) = keys.next() {
            n += 1;
            if n.is_multiple_of(397) {
                let k = String::from_utf8_lossy(k).into_owned();
                let b = k.as_bytes();
                queries.push(k.clone());
                if b.len() > 2 {
                    // A deletion, a substitution, an insertion, a swap.
                    let m = b.len() / 2;
                    let s = |v: Vec<u8>| String::from_utf8_lossy(&v).into_owned();
                    queries.push(s([&b[..m], &b[m + 1..]].concat()));
                    queries.push(s([&b[..m], b"q", &b[m + 1..]].concat()));
                    queries.push(s([&b[..m], b"a", &b[m..]].concat()));
                    queries.push(s([&b[..m - 1], &[b[m], b[m - 1]], &b[m + 1..]].concat()));
                }
            }
        }
        queries.extend(["", "a", "zz", "kidl", "tinzawaten", "gundamm"].map(String::from));
        assert!(queries.len() > 100);
        for q in &queries {
            for limit in [60, 3] {
                assert_eq!(
                    ix.fuzzy_search(q, 1, limit),
                    ix.automaton_search(q, 1, limit),
                    "{q:?}"
                );
            }
        }
    }
}

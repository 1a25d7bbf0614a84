//! Word-bounded, longest-first search of folded aliases.
//!
//! The automaton runs in overlapping mode; the choice among overlapping
//! candidates is made afterwards, among the word-bounded ones only, longest
//! first (leftmost on ties). Two reasons not to let a plain
//! `MatchKind::LeftmostLongest` scan decide:
//! - it commits to the longest alias at a position before the word-boundary
//!   check, so "armee malienne" glued to a following letter would hide a
//!   valid shorter "armee";
//! - leftmost-first lets a short alias that starts earlier hide a longer,
//!   more specific one that starts inside it: "des civils maliens" must be
//!   "civils maliens" (civilians of Mali), not "des civils" + nothing.
//!
//! The text is scanned once either way.

use std::collections::BTreeMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// What an alias points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AliasTarget {
    /// An actor (index into the lexicon's targets).
    Actor(u32),
    /// A phrase that contains an alias but names no actor ("camp militaire").
    Blocked,
}

/// One raw hit before the lexicon turns it into an `ActorHit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawHit {
    pub start: usize,
    pub end: usize,
    pub target: AliasTarget,
}

pub struct AliasMatcher {
    automaton: AhoCorasick,
    targets: Vec<AliasTarget>,
}

impl std::fmt::Debug for AliasMatcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AliasMatcher")
            .field("patterns", &self.targets.len())
            .finish()
    }
}

impl AliasMatcher {
    /// `aliases` are already folded and unique.
    pub fn new(aliases: Vec<(String, AliasTarget)>) -> Result<AliasMatcher, String> {
        let (patterns, targets): (Vec<String>, Vec<AliasTarget>) = aliases.into_iter().unzip();
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .map_err(|e| format!("cannot build the alias automaton: {e}"))?;
        Ok(AliasMatcher { automaton, targets })
    }

    /// Non-overlapping word-bounded hits, sorted by start. Overlaps are
    /// settled longest first, then leftmost. Blocked phrases take part in
    /// the choice (so they swallow the shorter alias inside them) and are
    /// then dropped.
    pub fn find(&self, folded: &str) -> Vec<RawHit> {
        let mut cands: Vec<RawHit> = self
            .automaton
            .find_overlapping_iter(folded)
            .filter(|m| is_word_bounded(folded, m.start(), m.end()))
            .filter_map(|m| {
                let target = *self.targets.get(m.pattern().as_usize())?;
                Some(RawHit {
                    start: m.start(),
                    end: m.end(),
                    target,
                })
            })
            .collect();
        cands.sort_by(|a, b| {
            (b.end - b.start)
                .cmp(&(a.end - a.start))
                .then(a.start.cmp(&b.start))
        });
        // Chosen spans by start; a candidate is kept when it overlaps
        // neither its predecessor nor its successor there.
        let mut chosen: BTreeMap<usize, RawHit> = BTreeMap::new();
        for c in cands {
            let prev_overlaps = chosen
                .range(..c.end)
                .next_back()
                .is_some_and(|(_, p)| p.end > c.start);
            if !prev_overlaps {
                chosen.insert(c.start, c);
            }
        }
        chosen
            .into_values()
            .filter(|c| matches!(c.target, AliasTarget::Actor(_)))
            .collect()
    }
}

/// True when the match neither starts nor ends inside a word: "fama" is not
/// found in "famagusta", "ei" not in "reine".
fn is_word_bounded(text: &str, start: usize, end: usize) -> bool {
    let before = text.get(..start).and_then(|s| s.chars().next_back());
    let after = text.get(end..).and_then(|s| s.chars().next());
    let inner_first = text.get(start..end).and_then(|s| s.chars().next());
    let inner_last = text.get(start..end).and_then(|s| s.chars().next_back());
    // A boundary is only needed where the alias itself begins/ends with a
    // word character ("l'" at the end of an alias may touch the next word).
    let ok_before = !(inner_first.is_some_and(is_word_char) && before.is_some_and(is_word_char));
    let ok_after = !(inner_last.is_some_and(is_word_char) && after.is_some_and(is_word_char));
    ok_before && ok_after
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(aliases: &[(&str, AliasTarget)]) -> AliasMatcher {
        AliasMatcher::new(aliases.iter().map(|(a, t)| (a.to_string(), *t)).collect()).unwrap()
    }

    #[test]
    fn word_bounded_and_longest() {
        let mm = m(&[
            ("fama", AliasTarget::Actor(0)),
            ("armee", AliasTarget::Actor(1)),
            ("armee malienne", AliasTarget::Actor(0)),
            ("camp militaire", AliasTarget::Blocked),
            ("militaire", AliasTarget::Actor(1)),
        ]);
        assert!(mm.find("famagusta").is_empty());
        assert!(mm.find("les fama.").len() == 1);
        let h = mm.find("l'armee malienne et l'armee");
        assert_eq!(h.len(), 2);
        assert_eq!(
            (h[0].start, h[0].end, h[0].target),
            (2, 16, AliasTarget::Actor(0))
        );
        assert_eq!(h[1].target, AliasTarget::Actor(1));
        // A longer alias starting inside a shorter, earlier one wins.
        let mm2 = m(&[
            ("des civils", AliasTarget::Actor(1)),
            ("civils maliens", AliasTarget::Actor(0)),
        ]);
        let h = mm2.find("des civils maliens");
        assert_eq!(
            (h.len(), h[0].start, h[0].target),
            (1, 4, AliasTarget::Actor(0))
        );
        assert!(mm.find("un camp militaire").is_empty());
        assert_eq!(mm.find("un militaire").len(), 1);
    }

    #[test]
    fn a_longer_alias_glued_to_a_word_leaves_the_shorter_one() {
        let mm = m(&[
            ("armee", AliasTarget::Actor(1)),
            ("armee malienne", AliasTarget::Actor(0)),
        ]);
        let h = mm.find("armee maliennex");
        assert_eq!(h.len(), 1);
        assert_eq!((h[0].start, h[0].end), (0, 5));
    }

    proptest::proptest! {
        #[test]
        fn hits_are_sorted_disjoint_and_on_char_boundaries(s in "\\PC{0,80}") {
            let mm = m(&[("fama", AliasTarget::Actor(0)), ("e", AliasTarget::Actor(1)), ("ée", AliasTarget::Actor(2))]);
            let h = mm.find(&s);
            for w in h.windows(2) { proptest::prop_assert!(w[0].end <= w[1].start); }
            for x in &h { proptest::prop_assert!(s.is_char_boundary(x.start) && s.is_char_boundary(x.end)); }
        }
    }
}

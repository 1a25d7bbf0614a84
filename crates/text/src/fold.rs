//! Folding: a lower-case, accent-free copy of a text for lexicon matching,
//! with a map from every folded byte back to the clean text.
//!
//! Lexicons are folded with the same function when they are compiled, so
//! "Ségou", "SEGOU" and "segou" meet, and "l’armée" meets "l'armee".
//! Folding is per character, so the map is exact: folded byte `i` comes from
//! the clean character starting at `map[i]`.

use unicode_normalization::char::decompose_canonical;

/// A folded text and its map back to the source text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folded {
    pub text: String,
    /// `map[i]` = byte offset in the source of the character that produced folded byte `i`.
    /// One extra entry at the end maps `text.len()` to the source length.
    pub map: Vec<u32>,
}

impl Folded {
    /// Source byte offset of folded byte offset `i` (clamped).
    pub fn source_offset(&self, i: usize) -> usize {
        let i = i.min(self.map.len().saturating_sub(1));
        self.map.get(i).copied().unwrap_or(0) as usize
    }

    /// Source range `[start, end)` for a folded range.
    ///
    /// The end maps to the start of the next source character, so a match
    /// ending mid-way through an expansion (œ → oe) still covers the whole
    /// source character.
    pub fn source_range(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.source_offset(start);
        let mut e = self.source_offset(end);
        if e < s {
            e = s;
        }
        // An expanded char: if `end` falls inside one, move to its end.
        if end > start && end < self.map.len() && end > 0 && self.map[end] == self.map[end - 1] {
            let mut j = end;
            while j < self.map.len() && self.map[j] == self.map[end - 1] {
                j += 1;
            }
            e = self.source_offset(j);
        }
        (s, e)
    }
}

/// Folds one character into `out`.
pub fn fold_char(c: char, out: &mut String) {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{00B4}' | '`' | '\u{2032}' => out.push('\''),
        '\u{00AB}' | '\u{00BB}' | '\u{201C}' | '\u{201D}' | '\u{201E}' => out.push('"'),
        '\u{2010}'..='\u{2015}' | '\u{2212}' => out.push('-'),
        '\u{00A0}' | '\u{202F}' | '\u{2009}' | '\u{2007}' => out.push(' '),
        'œ' | 'Œ' => out.push_str("oe"),
        'æ' | 'Æ' => out.push_str("ae"),
        'ß' => out.push_str("ss"),
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        c => {
            let mut pushed = false;
            decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    for l in d.to_lowercase() {
                        out.push(l);
                    }
                    pushed = true;
                }
            });
            if !pushed {
                // A lone combining mark: keep the text length stable with nothing.
            }
        }
    }
}

fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// Folds a whole text, keeping the byte map.
pub fn fold(text: &str) -> Folded {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Most of a report is ASCII: a run of it is copied and lower-cased
        // in one go, one byte out per byte in, without going through
        // fold_char's table of special characters (nor decoding chars).
        let run = bytes[i..]
            .iter()
            .position(|&b| !b.is_ascii() || b == b'`')
            .map_or(bytes.len(), |n| i + n);
        if run > i {
            let at = out.len();
            out.push_str(&text[i..run]);
            out[at..].make_ascii_lowercase();
            map.extend((i..run).map(|k| k as u32));
            i = run;
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let before = out.len();
        fold_char(c, &mut out);
        for _ in before..out.len() {
            map.push(i as u32);
        }
        i += c.len_utf8();
    }
    map.push(text.len() as u32);
    Folded { text: out, map }
}

/// Folds a short string without a map (lexicon entries, names).
pub fn fold_str(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ASCII shortcut of `fold` gives what `fold_char` gives.
    #[test]
    fn ascii_fast_path_is_fold_char() {
        for b in 0u8..0x80 {
            let c = char::from(b);
            let mut one = String::new();
            fold_char(c, &mut one);
            let f = fold(&c.to_string());
            assert_eq!(f.text, one, "{b:#x}");
            assert_eq!(
                f.map,
                vec![0u32; one.len()]
                    .into_iter()
                    .chain([1])
                    .collect::<Vec<_>>()
            );
        }
    }

    /// Runs of ASCII copied at once give what folding char by char gives,
    /// map included.
    #[test]
    fn ascii_runs_fold_as_chars_do() {
        let by_char = |text: &str| {
            let mut out = String::new();
            let mut map = Vec::new();
            for (i, c) in text.char_indices() {
                let before = out.len();
                fold_char(c, &mut out);
                map.extend(std::iter::repeat_n(i as u32, out.len() - before));
            }
            map.push(text.len() as u32);
            (out, map)
        };
        for t in [
            "",
            "ABC",
            "L’armée a TUÉ 3 civils à Ségou`s «village» — Œuvre",
            "é",
            "x\u{212A}y``z\u{130}",
            "Tin-Zaouâtene, 12 MARS 2024: l'attaque",
        ] {
            let f = fold(t);
            assert_eq!((f.text, f.map), by_char(t), "{t:?}");
        }
    }

    #[test]
    fn folds_accents_case_and_apostrophes() {
        assert_eq!(fold_str("L’armée SÉGOU Œuvre"), "l'armee segou oeuvre");
        assert_eq!(fold_str("Tin-Zaouâtene"), "tin-zaouatene");
    }

    #[test]
    fn map_points_back_to_source_chars() {
        let src = "à Ségou";
        let f = fold(src);
        assert_eq!(f.text, "a segou");
        let start = f.text.find("segou").unwrap();
        let (s, e) = f.source_range(start, start + 5);
        assert_eq!(&src[s..e], "Ségou");
    }

    #[test]
    fn expansion_covers_whole_char() {
        let src = "cœur";
        let f = fold(src);
        assert_eq!(f.text, "coeur");
        let (s, e) = f.source_range(0, 2);
        assert_eq!(&src[s..e], "cœ");
    }

    proptest::proptest! {
        #[test]
        fn map_is_monotonic_and_in_bounds(s in "\\PC*") {
            let f = fold(&s);
            proptest::prop_assert_eq!(f.map.len(), f.text.len() + 1);
            for w in f.map.windows(2) { proptest::prop_assert!(w[0] <= w[1]); }
            for &m in &f.map { proptest::prop_assert!(m as usize <= s.len()); proptest::prop_assert!(s.is_char_boundary(m as usize)); }
        }
    }
}

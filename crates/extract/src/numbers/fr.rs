//! French number grammar: "vingt-deux", "soixante-dix", "quatre-vingts",
//! "deux cents", "vingt et un".

use super::NumberGrammar;

pub static GRAMMAR: NumberGrammar = NumberGrammar {
    approx_before: &[
        "moins",
        "plus",
        "pres",
        "environ",
        "quelque",
        "jusqu'a",
        "entre",
        "approximativement",
    ],
    range_words: &["a", "et", "ou"],
    joiners: &["et"],
    articles: &["un", "une"],
    compose,
};

/// Composes French number parts: "quatre vingt" is 80 (so "quatre-vingt-dix"
/// is 90); otherwise a unit (cent, mille) multiplies what precedes it and
/// the rest adds.
fn compose(parts: &[u32]) -> u32 {
    let mut merged = Vec::with_capacity(parts.len());
    let mut i = 0;
    while i < parts.len() {
        if parts[i] == 4 && parts.get(i + 1) == Some(&20) {
            merged.push(80);
            i += 2;
        } else {
            merged.push(parts[i]);
            i += 1;
        }
    }
    super::compose_additive(&merged)
}

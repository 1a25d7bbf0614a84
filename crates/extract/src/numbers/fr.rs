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

/// Composes French number parts: a unit (cent, mille) multiplies what
/// precedes it; "quatre vingt" is 80; otherwise parts add up.
fn compose(parts: &[u32]) -> u32 {
    let mut total: u32 = 0;
    let mut current: u32 = 0;
    let mut i = 0;
    while i < parts.len() {
        let p = parts[i];
        if p == 4 && parts.get(i + 1) == Some(&20) {
            current += 80;
            i += 2;
            continue;
        }
        if p >= 1000 {
            total = total.saturating_add(current.max(1).saturating_mul(p));
            current = 0;
        } else if p == 100 {
            current = current.max(1).saturating_mul(100);
        } else {
            current = current.saturating_add(p);
        }
        i += 1;
    }
    total.saturating_add(current)
}

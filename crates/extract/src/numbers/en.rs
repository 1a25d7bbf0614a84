//! English number grammar: "twenty-two", "one hundred and five".

use super::NumberGrammar;

pub static GRAMMAR: NumberGrammar = NumberGrammar {
    approx_before: &[
        "least",
        "than",
        "over",
        "about",
        "around",
        "nearly",
        "almost",
        "some",
        "approximately",
        "estimated",
        "roughly",
        "between",
        "up",
    ],
    range_words: &["to", "and", "or"],
    joiners: &["and"],
    articles: &["a", "an"],
    compose,
};

/// Composes English number parts: hundred/thousand multiply, the rest adds.
fn compose(parts: &[u32]) -> u32 {
    let mut total: u32 = 0;
    let mut current: u32 = 0;
    for &p in parts {
        if p >= 1000 {
            total = total.saturating_add(current.max(1).saturating_mul(p));
            current = 0;
        } else if p == 100 {
            current = current.max(1).saturating_mul(100);
        } else {
            current = current.saturating_add(p);
        }
    }
    total.saturating_add(current)
}

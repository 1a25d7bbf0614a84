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
    super::compose_additive(parts)
}

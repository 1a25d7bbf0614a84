//! English date grammar words (the months and weekdays are in `data/lexicons/en/dates.tsv`).

use super::DateGrammar;

pub static GRAMMAR: DateGrammar = DateGrammar {
    approx_words: &["around", "about", "between", "circa", "approximately"],
    range_words: &["and", "to", "-"],
    ordinal_suffixes: &["st", "nd", "rd", "th"],
    day_month_fillers: &["of"],
    month_prepositions: &["in", "during", "since"],
    elsewhere_pronouns: &[
        ("one", &["on", "of"]),
        ("ones", &["on", "of"]),
        ("that", &["of"]),
        ("those", &["of"]),
    ],
};

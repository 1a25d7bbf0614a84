//! French date grammar words (the months and weekdays are in `data/lexicons/fr/dates.tsv`).

use super::DateGrammar;

pub static GRAMMAR: DateGrammar = DateGrammar {
    approx_words: &["vers", "alentours", "environs", "entre", "autour"],
    range_words: &["et", "au", "a", "-"],
    ordinal_suffixes: &["er", "eme"],
    day_month_fillers: &[],
    month_prepositions: &["en", "courant", "depuis"],
    elsewhere_pronouns: &[
        ("celle", &["du", "de", "des", "d"]),
        ("celui", &["du", "de", "des", "d"]),
        ("celles", &["du", "de", "des", "d"]),
        ("ceux", &["du", "de", "des", "d"]),
    ],
};

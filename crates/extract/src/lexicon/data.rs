//! The registry of lexicon files, embedded at compile time so the binary
//! works anywhere. Adding a language = adding its folder under
//! `data/lexicons/` and one entry here.

use vigie_core::Language;

/// The lexicon files of one language.
pub struct LanguageData {
    pub language: Language,
    pub triggers: &'static str,
    pub attribution: &'static str,
    pub background: &'static str,
    pub dates: &'static str,
    pub numbers: &'static str,
    pub victims: &'static str,
    pub places: &'static str,
}

macro_rules! language_data {
    ($lang:expr, $dir:literal) => {
        LanguageData {
            language: $lang,
            triggers: include_str!(concat!("../../../../data/lexicons/", $dir, "/triggers.tsv")),
            attribution: include_str!(concat!(
                "../../../../data/lexicons/",
                $dir,
                "/attribution.tsv"
            )),
            background: include_str!(concat!(
                "../../../../data/lexicons/",
                $dir,
                "/background.tsv"
            )),
            dates: include_str!(concat!("../../../../data/lexicons/", $dir, "/dates.tsv")),
            numbers: include_str!(concat!("../../../../data/lexicons/", $dir, "/numbers.tsv")),
            victims: include_str!(concat!("../../../../data/lexicons/", $dir, "/victims.tsv")),
            places: include_str!(concat!("../../../../data/lexicons/", $dir, "/places.tsv")),
        }
    };
}

/// Every supported language's data.
pub fn registry() -> [LanguageData; 2] {
    [
        language_data!(Language::Fr, "fr"),
        language_data!(Language::En, "en"),
    ]
}

/// A content hash of all lexicon files, recorded with each extraction run so
/// a lexicon change shows up as a new run.
pub fn version() -> String {
    let h = vigie_core::hash::fnv1a64(registry().iter().flat_map(|d| {
        [
            d.triggers,
            d.attribution,
            d.background,
            d.dates,
            d.numbers,
            d.victims,
            d.places,
        ]
    }));
    format!("lex-{h:016x}")
}

//! A language pack: every lexicon of one language, compiled once.

use vigie_core::Language;

use crate::attribution::AttributionLexicon;
use crate::background::BackgroundLexicon;
use crate::dates::DateLexicon;
use crate::lexicon::data::LanguageData;
use crate::lexicon::PhraseScan;
use crate::numbers::NumberLexicon;
use crate::toponyms::PlaceLexicon;
use crate::triggers::TriggerLexicon;
use crate::victims::VictimLexicon;
use crate::ExtractError;

/// All compiled lexicons of one language.
#[derive(Debug)]
pub struct LanguagePack {
    pub language: Language,
    pub triggers: TriggerLexicon,
    pub attribution: AttributionLexicon,
    pub background: BackgroundLexicon,
    pub dates: DateLexicon,
    pub numbers: NumberLexicon,
    pub victims: VictimLexicon,
    pub places: PlaceLexicon,
    /// The five document-level phrase lexicons (triggers, attribution,
    /// background, victims, places) and the dates' and numbers' phrases,
    /// in [`scan_order`], in one automaton: one pass over the text instead
    /// of five plus two per sentence.
    pub scan: PhraseScan,
}

/// Positions of the lexicons in [`LanguagePack::scan`]'s output.
pub mod scan_order {
    pub const TRIGGERS: usize = 0;
    pub const ATTRIBUTION: usize = 1;
    pub const BACKGROUND: usize = 2;
    pub const VICTIMS: usize = 3;
    pub const PLACES: usize = 4;
    /// Relative dates ("hier", "last week"), read per sentence.
    pub const DATES: usize = 5;
    /// Number phrases ("une dizaine", "dozens"), read per sentence.
    pub const NUMBERS: usize = 6;
}

impl LanguagePack {
    pub fn compile(d: &LanguageData) -> Result<Self, ExtractError> {
        let lang = d.language.code();
        let f = |name: &str| format!("data/lexicons/{lang}/{name}");
        let triggers = TriggerLexicon::from_tsv(&f("triggers.tsv"), d.triggers)?;
        let attribution = AttributionLexicon::from_tsv(&f("attribution.tsv"), d.attribution)?;
        let background = BackgroundLexicon::from_tsv(&f("background.tsv"), d.background)?;
        let victims = VictimLexicon::from_tsv(&f("victims.tsv"), d.victims)?;
        let places = PlaceLexicon::from_tsv(&f("places.tsv"), d.places)?;
        let dates = DateLexicon::from_tsv(d.language, &f("dates.tsv"), d.dates)?;
        let numbers = NumberLexicon::from_tsv(d.language, &f("numbers.tsv"), d.numbers)?;
        let scan = PhraseScan::build(
            &f("*.tsv"),
            &[
                triggers.phrases(),
                attribution.phrases(),
                background.phrases(),
                victims.phrases(),
                places.phrases(),
                dates.relative_phrases(),
                numbers.phrases(),
            ],
        )?;
        Ok(LanguagePack {
            language: d.language,
            triggers,
            attribution,
            background,
            dates,
            numbers,
            victims,
            places,
            scan,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::data::registry;

    /// Texts to compare the one-pass scan with the lexicons' own passes on:
    /// every fixture report, folded, and a few made-up ones.
    fn texts() -> Vec<String> {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/reports");
        let mut out: Vec<String> = std::fs::read_dir(&dir)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok())
                    .filter_map(|e| std::fs::read_to_string(e.path()).ok())
                    .filter_map(|raw| serde_json::from_str::<serde_json::Value>(&raw).ok())
                    .filter_map(|v| v.get("text")?.as_str().map(vigie_text::fold::fold_str))
                    .collect()
            })
            .unwrap_or_default();
        assert!(
            out.len() > 40,
            "fixture reports not found in {}",
            dir.display()
        );
        out.extend(
            [
                "",
                "attaque attaquee attaques, l'armee a tue; pres de la commune de gao",
                "gunmen killed killing attacked near the village of",
            ]
            .map(String::from),
        );
        out
    }

    #[test]
    fn one_pass_scan_finds_what_each_lexicon_finds() {
        for d in registry() {
            let pack = LanguagePack::compile(&d).unwrap();
            for t in texts() {
                let raw = pack.scan.scan(&t);
                let r = |k: usize| raw[k].as_slice();
                let same = |a: String, b: String| assert_eq!(a, b, "{:?} on {t:?}", d.language);
                same(
                    format!("{:?}", pack.triggers.find(&t)),
                    format!("{:?}", pack.triggers.find_raw(&t, r(scan_order::TRIGGERS))),
                );
                same(
                    format!("{:?}", pack.attribution.find(&t)),
                    format!(
                        "{:?}",
                        pack.attribution.find_raw(&t, r(scan_order::ATTRIBUTION))
                    ),
                );
                same(
                    format!("{:?}", pack.background.find(&t)),
                    format!(
                        "{:?}",
                        pack.background.find_raw(&t, r(scan_order::BACKGROUND))
                    ),
                );
                same(
                    format!("{:?}", pack.victims.find(&t)),
                    format!("{:?}", pack.victims.find_raw(&t, r(scan_order::VICTIMS))),
                );
                same(
                    format!("{:?}", pack.places.find(&t)),
                    format!("{:?}", pack.places.find_raw(&t, r(scan_order::PLACES))),
                );
                // Per sentence, as the annotation reads dates and numbers;
                // the whole text as one range too.
                let mut ranges: Vec<(usize, usize)> = vigie_text::segment::sentences(&t)
                    .iter()
                    .map(|s| (s.start, s.end))
                    .collect();
                ranges.push((0, t.len()));
                for (a, b) in ranges {
                    let toks = crate::tokens::tokenize(&t, a, b);
                    same(
                        format!("{:?}", pack.dates.find_in(&t, a, b, &toks)),
                        format!(
                            "{:?}",
                            pack.dates
                                .find_in_scanned(&t, a, b, &toks, Some(r(scan_order::DATES)))
                        ),
                    );
                    same(
                        format!("{:?}", pack.numbers.find_in(&t, a, b, &toks)),
                        format!(
                            "{:?}",
                            pack.numbers.find_in_scanned(
                                &t,
                                a,
                                b,
                                &toks,
                                Some(r(scan_order::NUMBERS))
                            )
                        ),
                    );
                }
            }
        }
    }
}

//! A language pack: every lexicon of one language, compiled once.

use vigie_core::Language;

use crate::attribution::AttributionLexicon;
use crate::background::BackgroundLexicon;
use crate::dates::DateLexicon;
use crate::lexicon::data::LanguageData;
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
}

impl LanguagePack {
    pub fn compile(d: &LanguageData) -> Result<Self, ExtractError> {
        let lang = d.language.code();
        let f = |name: &str| format!("data/lexicons/{lang}/{name}");
        Ok(LanguagePack {
            language: d.language,
            triggers: TriggerLexicon::from_tsv(&f("triggers.tsv"), d.triggers)?,
            attribution: AttributionLexicon::from_tsv(&f("attribution.tsv"), d.attribution)?,
            background: BackgroundLexicon::from_tsv(&f("background.tsv"), d.background)?,
            dates: DateLexicon::from_tsv(d.language, &f("dates.tsv"), d.dates)?,
            numbers: NumberLexicon::from_tsv(d.language, &f("numbers.tsv"), d.numbers)?,
            victims: VictimLexicon::from_tsv(&f("victims.tsv"), d.victims)?,
            places: PlaceLexicon::from_tsv(&f("places.tsv"), d.places)?,
        })
    }
}

//! Language detection: French and English are first-class; anything else is
//! reported as unsupported for that document, never parsed as fr/en.
//!
//! Function words decide between French and English (robust on short
//! reports and on names-heavy text); `whatlang` names the language when it
//! is neither, so the message says what was found.

use vigie_core::{Language, LanguageVerdict};

const FR_WORDS: &[&str] = &[
    "le", "la", "les", "des", "du", "de", "et", "dans", "une", "un", "est", "sont", "par", "pour",
    "sur", "qui", "que", "ont", "été", "au", "aux", "selon", "avec", "ce", "cette", "il", "elle",
    "ils", "à", "pas", "ne", "se", "son", "sa", "ses", "leur", "lors", "après", "contre",
];
const EN_WORDS: &[&str] = &[
    "the", "of", "and", "in", "to", "was", "were", "by", "on", "for", "that", "with", "at", "from",
    "is", "are", "have", "has", "had", "an", "after", "killed", "said", "their", "they", "he",
    "she", "it", "which", "who", "been", "against", "during",
];

/// Detects the language of a text. `hint` is a language the caller asserts.
pub fn detect(text: &str, hint: Option<&str>) -> LanguageVerdict {
    let (mut fr, mut en, mut words) = (0usize, 0usize, 0usize);
    for w in text
        .split(|c: char| !c.is_alphabetic() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .take(3000)
    {
        words += 1;
        let lw = w.to_lowercase();
        let lw = lw.rsplit(['\'', '’']).next().unwrap_or(&lw);
        if FR_WORDS.contains(&lw) {
            fr += 1;
        }
        if EN_WORDS.contains(&lw) {
            en += 1;
        }
    }
    let hinted = hint.and_then(Language::from_code);
    let function = fr + en;
    // Enough function words and a clear winner: fr or en.
    if function >= 3 && function * 5 >= words.max(1) {
        let (lang, win, lose) = if fr >= en {
            (Language::Fr, fr, en)
        } else {
            (Language::En, en, fr)
        };
        if win >= 2 * lose.max(1) || hinted == Some(lang) {
            let confidence = win as f32 / function as f32;
            return LanguageVerdict::Supported {
                language: lang,
                confidence,
            };
        }
    }
    let detected = whatlang::detect(text);
    if detected.as_ref().is_some_and(|i| !i.is_reliable()) {
        // An unreliable guess (a short note full of names, "ISGS militants
        // executed a JNIM member near Ntillit") loses to what the caller
        // asserts, then to the function words, however few.
        if let Some(h) = hinted {
            return LanguageVerdict::Supported {
                language: h,
                confidence: 0.5,
            };
        }
        if fr != en {
            let language = if fr > en { Language::Fr } else { Language::En };
            return LanguageVerdict::Supported {
                language,
                confidence: 0.4,
            };
        }
    }
    if let Some(info) = &detected {
        let code = info.lang().code();
        match code {
            "fra" => {
                return LanguageVerdict::Supported {
                    language: Language::Fr,
                    confidence: info.confidence() as f32,
                }
            }
            "eng" => {
                return LanguageVerdict::Supported {
                    language: Language::En,
                    confidence: info.confidence() as f32,
                }
            }
            _ if info.is_reliable() => {
                return LanguageVerdict::Unsupported {
                    detected: Some(code.to_string()),
                    reason: format!(
                        "detected {} ({}), not French or English",
                        info.lang().eng_name(),
                        code
                    ),
                };
            }
            _ => {}
        }
    }
    if let Some(h) = hinted {
        return LanguageVerdict::Supported {
            language: h,
            confidence: 0.4,
        };
    }
    match detected {
        Some(info) => LanguageVerdict::Unsupported {
            detected: Some(info.lang().code().to_string()),
            reason: format!(
                "probably {} ({}), not French or English (too little text to be sure)",
                info.lang().eng_name(),
                info.lang().code()
            ),
        },
        None => LanguageVerdict::Unsupported {
            detected: None,
            reason: "could not detect a language (too little text)".into(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_and_english() {
        assert_eq!(
            detect(
                "Des hommes armés ont attaqué le village de Diabaly dans la nuit.",
                None
            )
            .language(),
            Some(Language::Fr)
        );
        assert_eq!(
            detect(
                "On 3 March, gunmen attacked the village of Diabaly and killed five civilians.",
                None
            )
            .language(),
            Some(Language::En)
        );
    }

    #[test]
    fn a_short_note_full_of_names_follows_its_function_words_or_the_hint() {
        let note = "On 9 July 2020, ISGS militants executed a JNIM member near Ntillit.";
        assert_eq!(detect(note, None).language(), Some(Language::En));
        assert_eq!(detect(note, Some("en")).language(), Some(Language::En));
    }

    #[test]
    fn other_languages_are_unsupported() {
        let v = detect(
            "Am Montag griffen bewaffnete Männer das Dorf an und töteten mehrere Zivilisten, teilte die Regierung mit.",
            None,
        );
        assert!(matches!(v, LanguageVerdict::Unsupported { .. }), "{v:?}");
        let v = detect("Mutanen dauke da makamai sun kai hari a kauyen, inda suka kashe mutane da dama a ranar Litinin.", None);
        assert!(matches!(v, LanguageVerdict::Unsupported { .. }), "{v:?}");
    }
}

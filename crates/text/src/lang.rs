//! Language detection: French and English are first-class; anything else is
//! reported as unsupported for that document, never parsed as fr/en.
//!
//! Function words decide between French and English (robust on short
//! reports and on names-heavy text); `whatlang` names the language when it
//! is neither, so the message says what was found.

use vigie_core::{Language, LanguageVerdict};

// Both lists are sorted (bytewise) for binary search; a test checks it.
const FR_WORDS: &[&str] = &[
    "après", "au", "aux", "avec", "ce", "cette", "contre", "dans", "de", "des", "du", "elle",
    "est", "et", "il", "ils", "la", "le", "les", "leur", "lors", "ne", "ont", "par", "pas", "pour",
    "que", "qui", "sa", "se", "selon", "ses", "son", "sont", "sur", "un", "une", "à", "été",
];
const EN_WORDS: &[&str] = &[
    "after", "against", "an", "and", "are", "at", "been", "by", "during", "for", "from", "had",
    "has", "have", "he", "in", "is", "it", "killed", "of", "on", "said", "she", "that", "the",
    "their", "they", "to", "was", "were", "which", "who", "with",
];

/// Longest function word of either list, in characters: a longer word is
/// none of them (lower-casing never shortens a word in characters).
const MAX_FUNCTION_WORD_CHARS: usize = 8;

/// Whether a word (its part after the last apostrophe, lower-cased) is a
/// French and/or an English function word. Runs on every word of every
/// document, so it neither allocates for ASCII words nor scans the lists
/// for words too long to be in them.
fn function_word(word: &str) -> (bool, bool) {
    let tail = word.rsplit(['\'', '’']).next().unwrap_or(word);
    if tail.is_empty() || tail.chars().nth(MAX_FUNCTION_WORD_CHARS).is_some() {
        return (false, false);
    }
    let check = |lw: &str| {
        (
            FR_WORDS.binary_search(&lw).is_ok(),
            EN_WORDS.binary_search(&lw).is_ok(),
        )
    };
    if tail.is_ascii() {
        let mut buf = [0u8; MAX_FUNCTION_WORD_CHARS];
        let lower = &mut buf[..tail.len()];
        lower.copy_from_slice(tail.as_bytes());
        lower.make_ascii_lowercase();
        // ASCII in, ASCII out: always valid UTF-8.
        std::str::from_utf8(lower).map_or((false, false), check)
    } else {
        check(&tail.to_lowercase())
    }
}

/// Detects the language of a text. `hint` is a language the caller asserts.
pub fn detect(text: &str, hint: Option<&str>) -> LanguageVerdict {
    let (mut fr, mut en, mut words) = (0usize, 0usize, 0usize);
    for w in text
        .split(|c: char| !c.is_alphabetic() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .take(3000)
    {
        words += 1;
        let (is_fr, is_en) = function_word(w);
        fr += usize::from(is_fr);
        en += usize::from(is_en);
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
    if let Some(info) = detected {
        let code = info.lang().code();
        match (code, hinted) {
            ("fra", _) => {
                return LanguageVerdict::Supported {
                    language: Language::Fr,
                    confidence: info.confidence() as f32,
                }
            }
            ("eng", _) => {
                return LanguageVerdict::Supported {
                    language: Language::En,
                    confidence: info.confidence() as f32,
                }
            }
            (_, Some(h)) if !info.is_reliable() => {
                return LanguageVerdict::Supported {
                    language: h,
                    confidence: 0.5,
                };
            }
            _ => {
                return LanguageVerdict::Unsupported {
                    detected: Some(code.to_string()),
                    reason: format!(
                        "detected {} ({}), not French or English",
                        info.lang().eng_name(),
                        code
                    ),
                };
            }
        }
    }
    if let Some(h) = hinted {
        return LanguageVerdict::Supported {
            language: h,
            confidence: 0.4,
        };
    }
    LanguageVerdict::Unsupported {
        detected: None,
        reason: "could not detect a language (too little text)".into(),
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
    fn function_words_after_apostrophes_and_in_any_case() {
        assert!(FR_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(EN_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(FR_WORDS
            .iter()
            .chain(EN_WORDS)
            .all(|w| w.chars().count() <= MAX_FUNCTION_WORD_CHARS));
        assert_eq!(function_word("L'ARMÉE"), (false, false));
        assert_eq!(function_word("qu'ELLE"), (true, false));
        assert_eq!(function_word("Été"), (true, false));
        assert_eq!(function_word("The"), (false, true));
        assert_eq!(function_word("d'"), (false, false));
        assert_eq!(function_word("againstthem"), (false, false));
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

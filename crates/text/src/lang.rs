//! Language detection: French and English are first-class; anything else is
//! reported as unsupported for that document, never parsed as fr/en.
//!
//! Function words decide between French and English (robust on short
//! reports and on names-heavy text); `whatlang` names the language when it
//! is neither, so the message says what was found.

use std::sync::OnceLock;

use vigie_core::{Language, LanguageVerdict};

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

/// Words the function-word count reads (the rest of a long text adds
/// nothing to the verdict).
const MAX_WORDS: usize = 3000;

/// A lower-case ASCII word of at most eight bytes as a number: no letter is
/// a zero byte, so distinct words get distinct numbers.
fn pack(lower_ascii: &[u8]) -> u64 {
    lower_ascii
        .iter()
        .fold(0u64, |k, &b| (k << 8) | u64::from(b))
}

/// Slots of [`packed_table`]: a power of two, over three times the words.
const SLOTS: usize = 256;

fn slot(key: u64) -> usize {
    (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 56) as usize
}

/// The ASCII words of both lists, packed, in an open-addressing table of
/// (key, French, English): the count runs on every word of every document,
/// and a multiply and a compare or two cost less than comparing strings or
/// two binary searches.
fn packed_table() -> &'static [(u64, bool, bool); SLOTS] {
    static TABLE: OnceLock<[(u64, bool, bool); SLOTS]> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = [(0u64, false, false); SLOTS];
        for (list, french) in [(FR_WORDS, true), (EN_WORDS, false)] {
            for w in list.iter().filter(|w| w.is_ascii()) {
                let key = pack(w.as_bytes());
                let mut h = slot(key);
                while t[h].0 != 0 && t[h].0 != key {
                    h = (h + 1) % SLOTS;
                }
                t[h].0 = key;
                if french {
                    t[h].1 = true;
                } else {
                    t[h].2 = true;
                }
            }
        }
        t
    })
}

/// (French, English) function word, for a packed lower-case ASCII word.
fn lookup_packed(key: u64) -> (bool, bool) {
    let t = packed_table();
    let mut h = slot(key);
    loop {
        let (k, fr, en) = t[h];
        if k == key {
            return (fr, en);
        }
        if k == 0 {
            return (false, false);
        }
        h = (h + 1) % SLOTS;
    }
}

/// Whether a word (its part after the last apostrophe, lower-cased) is a
/// French and/or an English function word. Words too long to be in the
/// lists are rejected first; ASCII words are lower-cased on the stack.
fn function_word(word: &str) -> (bool, bool) {
    if word.is_ascii() {
        // Most words: no '’', no char decoding, lower-cased while packed.
        let bytes = word.as_bytes();
        let tail = match bytes.iter().rposition(|&b| b == b'\'') {
            Some(p) => &bytes[p + 1..],
            None => bytes,
        };
        if tail.is_empty() || tail.len() > MAX_FUNCTION_WORD_CHARS {
            return (false, false);
        }
        let key = tail
            .iter()
            .fold(0u64, |k, &b| (k << 8) | u64::from(b.to_ascii_lowercase()));
        return lookup_packed(key);
    }
    let tail = word.rsplit(['\'', '’']).next().unwrap_or(word);
    if tail.is_empty() || tail.chars().nth(MAX_FUNCTION_WORD_CHARS).is_some() {
        return (false, false);
    }
    if tail.is_ascii() {
        let mut buf = [0u8; MAX_FUNCTION_WORD_CHARS];
        let lower = &mut buf[..tail.len()];
        lower.copy_from_slice(tail.as_bytes());
        lower.make_ascii_lowercase();
        lookup_packed(pack(lower))
    } else {
        // Non-ASCII: "été", "à", or a letter that lower-cases to ASCII.
        let lw = tail.to_lowercase();
        (
            FR_WORDS.contains(&lw.as_str()),
            EN_WORDS.contains(&lw.as_str()),
        )
    }
}

/// Counts (words, French function words, English function words) over the
/// first [`MAX_WORDS`] words: runs of letters and apostrophes.
fn count_function_words(text: &str) -> (usize, usize, usize) {
    let (mut words, mut fr, mut en) = (0usize, 0usize, 0usize);
    let mut visit = |w: &str| {
        words += 1;
        let (is_fr, is_en) = function_word(w);
        fr += usize::from(is_fr);
        en += usize::from(is_en);
    };
    let mut start: Option<usize> = None;
    let mut seen = 0usize;
    if text.is_ascii() {
        // The same runs, byte by byte: an ASCII letter is what
        // `char::is_alphabetic` accepts below 0x80.
        for (i, &b) in text.as_bytes().iter().enumerate() {
            let in_word = b.is_ascii_alphabetic() || b == b'\'';
            match (in_word, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    visit(&text[s..i]);
                    start = None;
                    seen += 1;
                    if seen == MAX_WORDS {
                        return (words, fr, en);
                    }
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            if seen < MAX_WORDS {
                visit(&text[s..]);
            }
        }
        return (words, fr, en);
    }
    for (i, c) in text.char_indices() {
        let in_word = c.is_alphabetic() || c == '\'' || c == '’';
        match (in_word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                visit(&text[s..i]);
                start = None;
                seen += 1;
                if seen == MAX_WORDS {
                    break;
                }
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        if seen < MAX_WORDS {
            visit(&text[s..]);
        }
    }
    (words, fr, en)
}

/// Detects the language of a text. `hint` is a language the caller asserts.
pub fn detect(text: &str, hint: Option<&str>) -> LanguageVerdict {
    let (words, fr, en) = count_function_words(text);
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
    // The caller's language, backed by at least one more of its function
    // words than of the other's: nothing for whatlang to overturn (it is
    // the costliest step on short notes).
    let hint_backed = match hinted {
        Some(Language::Fr) => fr > en,
        Some(Language::En) => en > fr,
        None => false,
    };
    if let (Some(language), true) = (hinted, hint_backed) {
        return LanguageVerdict::Supported {
            language,
            confidence: fr.max(en) as f32 / function.max(1) as f32,
        };
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
    fn packed_table_holds_both_lists() {
        for w in FR_WORDS.iter().chain(EN_WORDS).filter(|w| w.is_ascii()) {
            let got = lookup_packed(pack(w.as_bytes()));
            assert_eq!(got, (FR_WORDS.contains(w), EN_WORDS.contains(w)), "{w}");
        }
        assert_eq!(lookup_packed(pack(b"zzz")), (false, false));
    }

    #[test]
    fn function_words_after_apostrophes_and_in_any_case() {
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

    /// The count is the one `str::split` on non-letters gives.
    #[test]
    fn counts_words_as_runs_of_letters_and_apostrophes() {
        let reference = |text: &str| {
            let (mut fr, mut en, mut words) = (0, 0, 0);
            for w in text
                .split(|c: char| !c.is_alphabetic() && c != '\'' && c != '’')
                .filter(|w| !w.is_empty())
                .take(MAX_WORDS)
            {
                words += 1;
                let lw = w.to_lowercase();
                let lw = lw.rsplit(['\'', '’']).next().unwrap_or(&lw);
                fr += usize::from(FR_WORDS.contains(&lw));
                en += usize::from(EN_WORDS.contains(&lw));
            }
            (words, fr, en)
        };
        let long = "the of, et ".repeat(1200);
        for text in [
            "",
            "Des hommes armés ont attaqué le village, l'armée dit qu'ELLE a riposté. À Gao, Été",
            "On 3 March, gunmen KILLED five 'civilians' in the town’s market (AFP).",
            "\u{212A}illed THE\u{130}R 12 againstthem l' '",
            long.as_str(),
            "x",
        ] {
            assert_eq!(count_function_words(text), reference(text), "{text:?}");
        }
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

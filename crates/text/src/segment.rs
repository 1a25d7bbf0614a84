//! Sentences and tokens, each with byte offsets into the clean text.

/// A sentence: a byte range of the clean text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
}

/// Abbreviations after which a period does not end a sentence (folded, without the dot).
const ABBREVIATIONS: &[&str] = &[
    "m", "mm", "mme", "mr", "mrs", "ms", "dr", "st", "ste", "gen", "gén", "col", "lt", "cpt",
    "capt", "sgt", "cdt", "no", "n°", "av", "etc", "jan", "feb", "fév", "mar", "apr", "avr", "jun",
    "jul", "juil", "aug", "sept", "sep", "oct", "nov", "dec", "déc", "vs", "env", "approx", "p",
    "cf", "ex", "pr", "prof", "hon", "sen", "rep", "gov", "lieut", "maj", "brig", "adj",
];

/// Splits clean text into sentences. Line breaks always end a sentence
/// (headlines and paragraphs); `.`, `!`, `?` end one when followed by a
/// space and an upper-case letter, a digit or an opening quote, unless the
/// word before is an abbreviation or an initial.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut i = 0usize;
    let push = |out: &mut Vec<Sentence>, s: usize, e: usize| {
        let seg = &text[s..e];
        let lead = seg.len() - seg.trim_start().len();
        let trail = seg.len() - seg.trim_end().len();
        if s + lead < e - trail {
            out.push(Sentence {
                start: s + lead,
                end: e - trail,
            });
        }
    };
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            push(&mut out, start, i);
            start = i + 1;
        } else if matches!(b, b'.' | b'!' | b'?') && ends_sentence(text, i) {
            // Include closing quotes/brackets that follow.
            let mut e = i + 1;
            while e < bytes.len() && matches!(bytes[e], b'"' | b')' | b'\'') {
                e += 1;
            }
            if text[e..].starts_with('»') {
                e += '»'.len_utf8();
            } else if text[e..].starts_with('”') {
                e += '”'.len_utf8();
            }
            push(&mut out, start, e);
            start = e;
            i = e;
            continue;
        }
        i += 1;
    }
    push(&mut out, start, bytes.len());
    out
}

fn ends_sentence(text: &str, i: usize) -> bool {
    let after = &text[i + 1..];
    let after_trim = after.trim_start_matches(['"', ')', '\'', '»', '”']);
    let Some(rest) = after_trim.strip_prefix(|c: char| c == ' ' || c == '\u{a0}') else {
        return after_trim.is_empty();
    };
    let rest = rest.trim_start();
    let Some(next) = rest.chars().next() else {
        return true;
    };
    if !(next.is_uppercase()
        || next.is_ascii_digit()
        || matches!(next, '"' | '«' | '“' | '(' | '['))
    {
        return false;
    }
    if text.as_bytes()[i] != b'.' {
        return true;
    }
    // The word before the period.
    let before = &text[..i];
    let word_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphanumeric() && *c != '°')
        .map(|(p, c)| p + c.len_utf8())
        .unwrap_or(0);
    let word = &before[word_start..];
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return false; // an initial: "J. Smith"
    }
    let lw = word.to_lowercase();
    !ABBREVIATIONS.contains(&lw.as_str())
}

/// A word or number token: a byte range of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
}

/// Splits into alphanumeric tokens (apostrophes and hyphens inside words kept).
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let inner = matches!(c, '-' | '\'' | '’')
            && start.is_some()
            && iter
                .peek()
                .map(|(_, n)| n.is_alphanumeric())
                .unwrap_or(false);
        if c.is_alphanumeric() || inner {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            out.push(Token { start: s, end: i });
        }
    }
    if let Some(s) = start {
        out.push(Token {
            start: s,
            end: text.len(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(t: &'a str, s: &[Sentence]) -> Vec<&'a str> {
        s.iter().map(|s| &t[s.start..s.end]).collect()
    }

    #[test]
    fn splits_on_periods_and_lines() {
        let t = "Le 3 mars, des hommes armés ont attaqué Diabaly. Trois soldats tués.\nBilan provisoire";
        assert_eq!(
            texts(t, &sentences(t)),
            vec![
                "Le 3 mars, des hommes armés ont attaqué Diabaly.",
                "Trois soldats tués.",
                "Bilan provisoire"
            ]
        );
    }

    #[test]
    fn abbreviations_do_not_split() {
        let t = "On Oct. 24 Gen. Traoré spoke. M. Diallo a confirmé.";
        assert_eq!(
            texts(t, &sentences(t)),
            vec!["On Oct. 24 Gen. Traoré spoke.", "M. Diallo a confirmé."]
        );
    }

    #[test]
    fn tokens_keep_inner_hyphens() {
        let t = "Tin-Zaouatene, l'armée (FAMa) 24/10";
        let toks: Vec<&str> = tokens(t).iter().map(|k| &t[k.start..k.end]).collect();
        assert_eq!(toks, vec!["Tin-Zaouatene", "l'armée", "FAMa", "24", "10"]);
    }

    proptest::proptest! {
        #[test]
        fn sentences_in_bounds(s in "([A-Za-zé»«” ]{0,5}[.!?]?){0,60}") {
            for sen in sentences(&s) {
                proptest::prop_assert!(sen.start < sen.end && sen.end <= s.len());
                proptest::prop_assert!(s.is_char_boundary(sen.start) && s.is_char_boundary(sen.end));
            }
        }
    }
}

//! Tokens of the folded text: word/number runs and single punctuation marks,
//! with byte offsets. The date and number parsers walk these.

/// A token of folded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
}

impl Tok<'_> {
    pub fn is_number(&self) -> bool {
        !self.text.is_empty() && self.text.bytes().all(|b| b.is_ascii_digit())
    }
    pub fn number(&self) -> Option<u32> {
        if self.is_number() && self.text.len() <= 9 {
            self.text.parse().ok()
        } else {
            None
        }
    }
    pub fn is_punct(&self, p: &str) -> bool {
        self.text == p
    }
}

/// Tokenises folded text between `start` and `end`.
pub fn tokenize(folded: &str, start: usize, end: usize) -> Vec<Tok<'_>> {
    let bytes = folded.as_bytes();
    let end = end.min(bytes.len());
    let mut out = Vec::new();
    let mut i = start;
    while i < end {
        let b = bytes[i];
        if b.is_ascii_alphanumeric() || b >= 0x80 {
            let s = i;
            while i < end && (bytes[i].is_ascii_alphanumeric() || bytes[i] >= 0x80) {
                i += 1;
            }
            if let Some(text) = folded.get(s..i) {
                out.push(Tok {
                    start: s,
                    end: i,
                    text,
                });
            }
        } else if b.is_ascii_whitespace() {
            i += 1;
        } else {
            if let Some(text) = folded.get(i..i + 1) {
                out.push(Tok {
                    start: i,
                    end: i + 1,
                    text,
                });
            }
            i += 1;
        }
    }
    out
}

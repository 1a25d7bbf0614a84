//! Spans: the one currency between stages.
//!
//! Invariant: a [`Span`] always indexes the **original input bytes** of a
//! document — before decoding, HTML cleaning or any normalisation. Stages that
//! work on transformed text carry an offset map back (see `vigie-text`).

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into a document's original bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span start after end");
        Span {
            start,
            end: end.max(start),
        }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// A span with the text it covers, quoted for the reader.
///
/// `text` is the decoded text of the span (so a Windows-1252 input quotes
/// readable UTF-8), while `span` stays in original bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub span: Span,
    pub text: String,
}

impl Evidence {
    pub fn new(span: Span, text: impl Into<String>) -> Self {
        Evidence {
            span,
            text: text.into(),
        }
    }
}

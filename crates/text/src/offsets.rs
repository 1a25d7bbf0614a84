//! Offset maps: from a position in derived text back to the original bytes.
//!
//! Decoding (Windows-1252 → UTF-8) and HTML cleaning both change lengths.
//! Each stage records a piecewise-linear map: a sorted list of checkpoints
//! `(derived, original)`; between two checkpoints offsets advance together.
//! Composition of the two maps gives clean-text → original-bytes.

/// A sorted, piecewise-linear map from derived offsets to source offsets.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OffsetMap {
    /// Checkpoints `(derived, source)`, sorted by `derived`, first is `(0, s0)`.
    points: Vec<(usize, usize)>,
    derived_len: usize,
    source_len: usize,
}

impl OffsetMap {
    /// The identity map shifted by `shift` (e.g. a skipped BOM).
    pub fn identity(len: usize, shift: usize) -> Self {
        OffsetMap {
            points: vec![(0, shift)],
            derived_len: len,
            source_len: len + shift,
        }
    }

    /// Starts a builder for a map whose source has `source_len` bytes.
    pub fn builder(source_len: usize) -> OffsetMapBuilder {
        OffsetMapBuilder {
            points: Vec::new(),
            source_len,
        }
    }

    pub fn derived_len(&self) -> usize {
        self.derived_len
    }

    /// Source offset of a derived offset (clamped to the source length).
    pub fn map(&self, derived: usize) -> usize {
        if self.points.is_empty() {
            return derived.min(self.source_len);
        }
        let idx = match self.points.binary_search_by_key(&derived, |p| p.0) {
            Ok(i) => i,
            Err(0) => 0,
            Err(i) => i - 1,
        };
        let (d0, s0) = self.points[idx];
        let mut s = s0 + derived.saturating_sub(d0);
        if let Some(&(_, next_s)) = self.points.get(idx + 1) {
            s = s.min(next_s.max(s0));
        }
        s.min(self.source_len)
    }

    /// Maps a derived range to a source range.
    pub fn map_range(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.map(start);
        let e = if end == self.derived_len {
            self.source_len
        } else {
            self.map(end)
        };
        (s, e.max(s))
    }

    /// `self` maps A→B and `inner` maps B→C: the result maps A→C.
    pub fn then(&self, inner: &OffsetMap) -> OffsetMap {
        let mut points: Vec<(usize, usize)> = self
            .points
            .iter()
            .map(|&(d, s)| (d, inner.map(s)))
            .collect();
        // Checkpoints of the inner map fall inside our segments: add them.
        for &(b, c) in &inner.points {
            // Find derived offsets mapping to b within a linear segment of self.
            for (i, &(d0, s0)) in self.points.iter().enumerate() {
                let seg_end_s = self
                    .points
                    .get(i + 1)
                    .map(|p| p.1)
                    .unwrap_or(self.source_len);
                if b >= s0 && b < seg_end_s {
                    points.push((d0 + (b - s0), c));
                }
            }
        }
        points.sort_unstable();
        points.dedup_by_key(|p| p.0);
        OffsetMap {
            points,
            derived_len: self.derived_len,
            source_len: inner.source_len,
        }
    }
}

/// Builds an [`OffsetMap`] by recording where source and derived text diverge.
pub struct OffsetMapBuilder {
    points: Vec<(usize, usize)>,
    source_len: usize,
}

impl OffsetMapBuilder {
    /// Records that derived offset `derived` corresponds to source offset `source`.
    pub fn checkpoint(&mut self, derived: usize, source: usize) {
        match self.points.last_mut() {
            Some(last) if last.0 == derived => last.1 = source,
            Some(last) if last.0 < derived && last.1 + (derived - last.0) == source => {}
            _ => self.points.push((derived, source)),
        }
    }

    pub fn finish(mut self, derived_len: usize) -> OffsetMap {
        if self.points.is_empty() {
            self.points.push((0, 0));
        }
        OffsetMap {
            points: self.points,
            derived_len,
            source_len: self.source_len,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_with_shift() {
        let m = OffsetMap::identity(10, 3);
        assert_eq!(m.map(0), 3);
        assert_eq!(m.map(5), 8);
        assert_eq!(m.map_range(0, 10), (3, 13));
    }

    #[test]
    fn composition() {
        // derived "ab" from source "xxab" (skip 2), then source from "yxxab" (skip 1)
        let mut b = OffsetMap::builder(4);
        b.checkpoint(0, 2);
        let outer = b.finish(2);
        let inner = OffsetMap::identity(4, 1);
        let c = outer.then(&inner);
        assert_eq!(c.map(0), 3);
        assert_eq!(c.map(1), 4);
    }
}

//! Counters and the ratios computed from them. Counts are what the scorer
//! accumulates; ratios are derived at the end, so merging runs is exact.

use serde::Serialize;
use std::collections::BTreeMap;

/// `num / den`, 0 when there is nothing to divide (and reported with its count).
pub fn ratio(num: u64, den: u64) -> f64 {
    if den == 0 {
        0.0
    } else {
        num as f64 / den as f64
    }
}

/// Rounds to 4 decimals, so committed results do not churn on float noise.
pub fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// Right answers out of the answers scored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub correct: u64,
    pub total: u64,
}

impl Tally {
    pub fn add(&mut self, ok: bool) {
        self.total += 1;
        self.correct += u64::from(ok);
    }
    pub fn accuracy(&self) -> f64 {
        ratio(self.correct, self.total)
    }
}

/// True positives, false positives, false negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Prf {
    pub tp: u64,
    pub fp: u64,
    #[serde(rename = "fn")]
    pub fn_: u64,
}

impl Prf {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn_)
    }
    pub fn add(&mut self, other: Prf) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
}

/// Gold label × predicted label counts. Labels are kept in a caller-given
/// order (ACLED's), so the matrix prints the same way every time.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Confusion {
    counts: BTreeMap<(String, String), u64>,
}

/// The label for "the prediction has no value here".
pub const NONE_LABEL: &str = "(none)";

impl Confusion {
    pub fn add(&mut self, gold: &str, predicted: &str) {
        *self
            .counts
            .entry((gold.to_string(), predicted.to_string()))
            .or_insert(0) += 1;
    }

    pub fn count(&self, gold: &str, predicted: &str) -> u64 {
        self.counts
            .get(&(gold.to_string(), predicted.to_string()))
            .copied()
            .unwrap_or(0)
    }

    /// The labels that occur, in the order of `order` (unknown labels last,
    /// sorted), with [`NONE_LABEL`] at the very end.
    pub fn labels(&self, order: &[&str]) -> Vec<String> {
        let mut seen: Vec<String> = Vec::new();
        for (g, p) in self.counts.keys() {
            for l in [g, p] {
                if !seen.contains(l) {
                    seen.push(l.clone());
                }
            }
        }
        let rank = |l: &str| {
            if l == NONE_LABEL {
                (2, 0, l.to_string())
            } else if let Some(i) = order.iter().position(|o| *o == l) {
                (0, i, String::new())
            } else {
                (1, 0, l.to_string())
            }
        };
        seen.sort_by_key(|l| rank(l));
        seen
    }

    /// Per-label F1 averaged over labels that occur in gold or prediction
    /// (the "(none)" column is a miss, not a label).
    pub fn macro_f1(&self) -> f64 {
        let labels = self.labels(&[]);
        let scores: Vec<f64> = labels
            .iter()
            .filter(|l| l.as_str() != NONE_LABEL)
            .map(|l| {
                let tp = self.count(l, l);
                let row: u64 = self
                    .counts
                    .iter()
                    .filter(|((g, _), _)| g == l)
                    .map(|(_, c)| c)
                    .sum();
                let col: u64 = self
                    .counts
                    .iter()
                    .filter(|((_, p), _)| p == l)
                    .map(|(_, c)| c)
                    .sum();
                ratio(2 * tp, row + col)
            })
            .collect();
        if scores.is_empty() {
            0.0
        } else {
            scores.iter().sum::<f64>() / scores.len() as f64
        }
    }

    /// The matrix as rows of counts, for reports.
    pub fn table(&self, order: &[&str]) -> ConfusionTable {
        let labels = self.labels(order);
        let gold_labels: Vec<String> = labels
            .iter()
            .filter(|l| self.counts.keys().any(|(g, _)| g == *l))
            .cloned()
            .collect();
        let rows = gold_labels
            .iter()
            .map(|g| labels.iter().map(|p| self.count(g, p)).collect())
            .collect();
        ConfusionTable {
            gold: gold_labels,
            predicted: labels,
            rows,
        }
    }
}

/// A confusion matrix ready to print or serialise: `rows[i][j]` counts gold
/// `gold[i]` predicted as `predicted[j]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConfusionTable {
    pub gold: Vec<String>,
    pub predicted: Vec<String>,
    pub rows: Vec<Vec<u64>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prf_by_hand() {
        let p = Prf {
            tp: 3,
            fp: 1,
            fn_: 2,
        };
        assert_eq!(p.precision(), 0.75);
        assert_eq!(p.recall(), 0.6);
        assert!((p.f1() - 6.0 / 9.0).abs() < 1e-12);
        assert_eq!(Prf::default().f1(), 0.0);
    }

    #[test]
    fn macro_f1_by_hand() {
        let mut c = Confusion::default();
        c.add("A", "A");
        c.add("A", "B");
        c.add("B", "B");
        c.add("C", NONE_LABEL);
        // A: tp1 row2 col1 → 2/3; B: tp1 row1 col2 → 2/3; C: 0 → mean 4/9.
        assert!((c.macro_f1() - 4.0 / 9.0).abs() < 1e-12);
        let t = c.table(&["C", "B", "A"]);
        assert_eq!(t.gold, vec!["C", "B", "A"]);
        assert_eq!(t.predicted, vec!["C", "B", "A", NONE_LABEL]);
        assert_eq!(t.rows[2], vec![0, 1, 1, 0]);
    }
}

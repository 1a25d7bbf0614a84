//! Pairing gold and predicted events within one document.
//!
//! A similarity in `[0, 1]` over date, type, place and actors scores every
//! (gold, predicted) pair; an optimal one-to-one assignment (Hungarian
//! algorithm) maximises the total; pairs below [`MIN_SIMILARITY`] stay
//! unmatched. Optimal rather than greedy so the result does not depend on
//! the order events are listed in, beyond exact ties.

use crate::actors::ActorRule;
use crate::coded::CodedEvent;
use crate::equivalences::Equivalences;
use vigie_core::haversine_km;

/// Below this, two events share too little to be the same event.
pub const MIN_SIMILARITY: f64 = 0.25;

/// Weights of the similarity's parts (they sum to 1).
const W_DATE: f64 = 0.25;
const W_TYPE: f64 = 0.30;
const W_PLACE: f64 = 0.25;
const W_ACTORS: f64 = 0.20;

/// The comparison rules a similarity needs.
pub struct Similarity<'a> {
    pub places: &'a Equivalences,
    pub actors: &'a ActorRule,
}

impl Similarity<'_> {
    /// How alike two events are. Parts the gold does not code (no date, no
    /// place) are left out and the rest re-weighted.
    pub fn score(&self, gold: &CodedEvent, pred: &CodedEvent) -> f64 {
        let mut total = 0.0;
        let mut weight = 0.0;
        if let Some(s) = self.date(gold, pred) {
            total += W_DATE * s;
            weight += W_DATE;
        }
        total += W_TYPE * type_part(gold, pred);
        weight += W_TYPE;
        if let Some(s) = self.place(gold, pred) {
            total += W_PLACE * s;
            weight += W_PLACE;
        }
        total += W_ACTORS * self.actor_part(gold, pred);
        weight += W_ACTORS;
        total / weight
    }

    fn date(&self, gold: &CodedEvent, pred: &CodedEvent) -> Option<f64> {
        let g = gold.event_date?;
        let Some(p) = pred.event_date else {
            return Some(0.0);
        };
        let days = (p - g).get_days().abs();
        Some(match days {
            0 => 1.0,
            1..=3 => 0.6,
            4..=15 => 0.3,
            _ => 0.0,
        })
    }

    fn place(&self, gold: &CodedEvent, pred: &CodedEvent) -> Option<f64> {
        if let (Some((a, b)), Some((c, d))) = (gold.point(), pred.point()) {
            let km = haversine_km(a, b, c, d);
            return Some(if km <= 25.0 {
                1.0
            } else if km <= 50.0 {
                0.6
            } else if km <= 100.0 {
                0.3
            } else {
                0.0
            });
        }
        let same = |g: &Option<String>, p: &Option<String>| match (g, p) {
            (Some(g), Some(p)) => self.places.same(g, p),
            _ => false,
        };
        if gold.location.is_some() && same(&gold.location, &pred.location) {
            return Some(1.0);
        }
        if gold.admin1.is_some() {
            return Some(if same(&gold.admin1, &pred.admin1) {
                0.5
            } else {
                0.0
            });
        }
        gold.location.as_ref().map(|_| 0.0)
    }

    fn actor_part(&self, gold: &CodedEvent, pred: &CodedEvent) -> f64 {
        let golds = [gold.actor1.as_deref(), gold.actor2.as_deref()];
        let preds = [pred.actor1.as_deref(), pred.actor2.as_deref()];
        let named: Vec<&str> = golds.iter().flatten().copied().collect();
        if named.is_empty() {
            return if preds.iter().all(Option::is_none) {
                1.0
            } else {
                0.5
            };
        }
        // Order-free: ACLED's actor1/actor2 order carries no direction.
        let found = named
            .iter()
            .filter(|g| {
                preds
                    .iter()
                    .flatten()
                    .any(|p| self.actors.agrees(Some(g), Some(p)))
            })
            .count();
        found as f64 / named.len() as f64
    }
}

fn type_part(gold: &CodedEvent, pred: &CodedEvent) -> f64 {
    if gold.sub_event_type.is_some() && gold.sub_event_type == pred.sub_event_type {
        1.0
    } else if gold.effective_event_type().is_some()
        && gold.effective_event_type() == pred.effective_event_type()
    {
        0.5
    } else {
        0.0
    }
}

/// Matches gold to predicted events: `(gold index, predicted index, similarity)`,
/// sorted by gold index.
pub fn match_events(
    sim: &Similarity<'_>,
    gold: &[CodedEvent],
    pred: &[CodedEvent],
) -> Vec<(usize, usize, f64)> {
    if gold.is_empty() || pred.is_empty() {
        return Vec::new();
    }
    let scores: Vec<Vec<f64>> = gold
        .iter()
        .map(|g| pred.iter().map(|p| sim.score(g, p)).collect())
        .collect();
    let weights: Vec<Vec<f64>> = scores
        .iter()
        .map(|row| {
            row.iter()
                .map(|&s| if s >= MIN_SIMILARITY { s } else { 0.0 })
                .collect()
        })
        .collect();
    let mut out: Vec<(usize, usize, f64)> = max_weight_assignment(&weights)
        .into_iter()
        .filter(|&(g, p)| weights[g][p] > 0.0)
        .map(|(g, p)| (g, p, scores[g][p]))
        .collect();
    out.sort_by_key(|&(g, p, _)| (g, p));
    out
}

/// Maximum-weight one-to-one assignment on a rectangular matrix (rows ×
/// columns, weights ≥ 0), by the Hungarian algorithm with potentials,
/// O(n²·m). Returns `(row, column)` pairs.
pub fn max_weight_assignment(w: &[Vec<f64>]) -> Vec<(usize, usize)> {
    let rows = w.len();
    let cols = w.first().map_or(0, Vec::len);
    if rows == 0 || cols == 0 {
        return Vec::new();
    }
    // The algorithm wants rows ≤ columns; transpose otherwise.
    if rows > cols {
        let t: Vec<Vec<f64>> = (0..cols)
            .map(|c| (0..rows).map(|r| w[r][c]).collect())
            .collect();
        return max_weight_assignment(&t)
            .into_iter()
            .map(|(r, c)| (c, r))
            .collect();
    }
    let (n, m) = (rows, cols);
    let max = w.iter().flatten().fold(0.0_f64, |a, &b| a.max(b));
    // Minimise cost = max - weight, 1-based arrays as in the textbook version.
    let cost = |i: usize, j: usize| max - w[i - 1][j - 1];
    let mut u = vec![0.0; n + 1];
    let mut v = vec![0.0; m + 1];
    let mut p = vec![0usize; m + 1];
    let mut way = vec![0usize; m + 1];
    for i in 1..=n {
        p[0] = i;
        let mut j0 = 0;
        let mut minv = vec![f64::INFINITY; m + 1];
        let mut used = vec![false; m + 1];
        loop {
            used[j0] = true;
            let i0 = p[j0];
            let mut delta = f64::INFINITY;
            let mut j1 = 0;
            for j in 1..=m {
                if !used[j] {
                    let cur = cost(i0, j) - u[i0] - v[j];
                    if cur < minv[j] {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if minv[j] < delta {
                        delta = minv[j];
                        j1 = j;
                    }
                }
            }
            for j in 0..=m {
                if used[j] {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if p[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    let mut out: Vec<(usize, usize)> = (1..=m)
        .filter(|&j| p[j] != 0)
        .map(|j| (p[j] - 1, j - 1))
        .collect();
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn total(w: &[Vec<f64>], a: &[(usize, usize)]) -> f64 {
        a.iter().map(|&(r, c)| w[r][c]).sum()
    }

    /// Best total over every injective assignment, by brute force.
    fn brute(w: &[Vec<f64>]) -> f64 {
        fn go(w: &[Vec<f64>], r: usize, used: &mut Vec<bool>) -> f64 {
            if r == w.len() {
                return 0.0;
            }
            let mut best = go(w, r + 1, used); // row left unassigned
            for c in 0..used.len() {
                if !used[c] {
                    used[c] = true;
                    best = best.max(w[r][c] + go(w, r + 1, used));
                    used[c] = false;
                }
            }
            best
        }
        go(w, 0, &mut vec![false; w.first().map_or(0, Vec::len)])
    }

    #[test]
    fn picks_the_better_total_not_the_greedy_one() {
        // Greedy takes (0,0)=0.9 then (1,1)=0.1: 1.0. Optimal: 0.8 + 0.8 = 1.6.
        let w = vec![vec![0.9, 0.8], vec![0.8, 0.1]];
        let a = max_weight_assignment(&w);
        assert_eq!(a, vec![(0, 1), (1, 0)]);
    }

    proptest! {
        #[test]
        fn assignment_is_one_to_one_and_optimal(
            rows in 1usize..5, cols in 1usize..5,
            cells in proptest::collection::vec(0.0f64..1.0, 25)
        ) {
            let w: Vec<Vec<f64>> = (0..rows).map(|r| (0..cols).map(|c| cells[r * 5 + c]).collect()).collect();
            let a = max_weight_assignment(&w);
            prop_assert_eq!(a.len(), rows.min(cols));
            let mut rs: Vec<usize> = a.iter().map(|x| x.0).collect();
            let mut cs: Vec<usize> = a.iter().map(|x| x.1).collect();
            rs.dedup(); cs.sort_unstable(); cs.dedup();
            prop_assert_eq!(rs.len(), a.len());
            prop_assert_eq!(cs.len(), a.len());
            prop_assert!((total(&w, &a) - brute(&w)).abs() < 1e-9);
        }
    }
}

//! The accuracy targets shown beside the scores, read from
//! `data/eval/targets.tsv` (set kind, metric, target, source).

use crate::error::{EvalError, Result};

pub const SHIPPED_TARGETS: &str = include_str!("../../../data/eval/targets.tsv");

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Target {
    /// "acled" or "news" (see [`crate::gold::GoldFormat::set_kind`]).
    pub set: String,
    pub metric: String,
    pub value: f64,
    /// Where the target comes from ("issue 3").
    pub source: String,
}

#[derive(Debug, Clone, Default)]
pub struct Targets(Vec<Target>);

impl Targets {
    pub fn parse(file: &str, text: &str) -> Result<Self> {
        let mut v = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |message: String| EvalError::Data {
                file: file.into(),
                line: i + 1,
                message,
            };
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            let [set, metric, value, source] = cols[..] else {
                return Err(err(format!(
                    "expected 4 TAB-separated columns, found {}",
                    cols.len()
                )));
            };
            let value: f64 = value
                .parse()
                .map_err(|_| err(format!("target {value:?} is not a number")))?;
            if !(0.0..=1.0).contains(&value) {
                return Err(err(format!("target {value} is not in [0, 1]")));
            }
            v.push(Target {
                set: set.into(),
                metric: metric.into(),
                value,
                source: source.into(),
            });
        }
        Ok(Targets(v))
    }

    pub fn shipped() -> Result<Self> {
        Targets::parse("data/eval/targets.tsv", SHIPPED_TARGETS)
    }

    pub fn get(&self, set: &str, metric: &str) -> Option<&Target> {
        self.0.iter().find(|t| t.set == set && t.metric == metric)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_targets_parse() {
        let t = Targets::shipped().unwrap();
        assert_eq!(
            t.get("acled", "event_type.accuracy").map(|t| t.value),
            Some(0.90)
        );
        assert_eq!(t.get("news", "events.f1").map(|t| t.value), Some(0.70));
        assert!(t.get("news", "nope").is_none());
    }

    #[test]
    fn bad_lines_are_named() {
        let e = Targets::parse("t.tsv", "acled\tx\t1.5\tme\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("t.tsv: line 1"), "{e}");
        assert!(Targets::parse("t.tsv", "acled\tx\n").is_err());
    }
}

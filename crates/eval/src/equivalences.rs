//! Groups of names that mean the same place or actor, read from data files
//! (`data/eval/*.tsv`), so the accepted alternatives are reviewable knowledge,
//! not code.

use crate::error::{EvalError, Result};
use crate::fold::fold;
use std::collections::BTreeMap;

/// The place groups shipped with vigie (`data/eval/place_equivalences.tsv`).
pub const PLACE_EQUIVALENCES: &str = include_str!("../../../data/eval/place_equivalences.tsv");
/// The actor groups shipped with vigie (`data/eval/actor_equivalences.tsv`).
pub const ACTOR_EQUIVALENCES: &str = include_str!("../../../data/eval/actor_equivalences.tsv");

/// Folded name → folded label of its group.
#[derive(Debug, Clone, Default)]
pub struct Equivalences {
    label_of: BTreeMap<String, String>,
}

impl Equivalences {
    /// Parses TAB-separated groups, one per line; `#` starts a comment line.
    /// A name in two groups is an error: the file would be ambiguous.
    pub fn parse(file: &str, text: &str) -> Result<Self> {
        let mut label_of = BTreeMap::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let names: Vec<String> = line
                .split('\t')
                .map(fold)
                .filter(|n| !n.is_empty())
                .collect();
            let Some(label) = names.first().cloned() else {
                continue;
            };
            for name in names {
                if let Some(prev) = label_of.get(&name) {
                    if prev != &label {
                        return Err(EvalError::Data {
                            file: file.to_string(),
                            line: i + 1,
                            message: format!("{name:?} is already in the group of {prev:?}"),
                        });
                    }
                }
                label_of.insert(name, label.clone());
            }
        }
        Ok(Equivalences { label_of })
    }

    /// The comparison key of a name: its group's label, or the folded name.
    pub fn key(&self, name: &str) -> String {
        let f = fold(name);
        self.label_of.get(&f).cloned().unwrap_or(f)
    }

    /// Whether two names are the same once folded and grouped.
    pub fn same(&self, a: &str, b: &str) -> bool {
        let (ka, kb) = (self.key(a), self.key(b));
        !ka.is_empty() && ka == kb
    }

    /// Every folded spelling of the group `name` belongs to (itself included).
    pub fn spellings(&self, name: &str) -> Vec<String> {
        let k = self.key(name);
        let mut v: Vec<String> = self
            .label_of
            .iter()
            .filter(|(_, l)| **l == k)
            .map(|(n, _)| n.clone())
            .collect();
        if !v.contains(&k) {
            v.push(k);
        }
        let f = fold(name);
        if !v.contains(&f) {
            v.push(f);
        }
        v.sort();
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_files_parse() {
        let p = Equivalences::parse("places", PLACE_EQUIVALENCES).unwrap();
        assert!(p.same("Timbuktu", "Tombouctou"));
        assert!(p.same("Ségou", "SEGOU"));
        assert!(p.same("Tin-Zaouatene", "Tinzawaten"));
        assert!(!p.same("Gao", "Gaoua"));
        assert!(!p.same("", ""));
        Equivalences::parse("actors", ACTOR_EQUIVALENCES).unwrap();
    }

    #[test]
    fn a_name_in_two_groups_is_an_error() {
        let e = Equivalences::parse("x.tsv", "# c\nA\tB\nC\tb\n").unwrap_err();
        assert!(e.to_string().contains("x.tsv: line 3"), "{e}");
    }

    #[test]
    fn spellings_list_the_group() {
        let p = Equivalences::parse("x", "Goundam\tGondam\n").unwrap();
        assert_eq!(
            p.spellings("Gondam"),
            vec!["gondam".to_string(), "goundam".to_string()]
        );
        assert_eq!(p.spellings("Gao"), vec!["gao".to_string()]);
    }
}

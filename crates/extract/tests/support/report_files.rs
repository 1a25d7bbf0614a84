//! The project's own test reports (`tests/fixtures/reports/*.json`), listed
//! once for the fixture test and the criterion bench.

use std::path::{Path, PathBuf};

/// The report files, sorted by name (panics with the path when the folder
/// cannot be read: both callers need the reports).
pub fn report_paths() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/reports");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    paths
}

//! The committed gazetteer (`data/gazetteer`) must be what the build makes
//! from the GeoNames dumps and the data files of `data/places` today: a data
//! file edited without `vigie gazetteer build` fails here. Needs
//! `../shared/data/geonames`; without it the test says so and passes.
use std::path::PathBuf;

#[test]
fn committed_gazetteer_matches_a_fresh_build() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dumps = root.join("../shared/data/geonames");
    if !dumps.join("countryInfo.txt").is_file() {
        eprintln!("../shared/data/geonames absent: gazetteer freshness not checked");
        return;
    }
    let out = std::env::temp_dir().join(format!("vigie-gazetteer-check-{}", std::process::id()));
    let report = vigie_geo::build::build(&dumps, &out).expect("gazetteer builds");
    for (path, _) in &report.files {
        let name = path.file_name().expect("file name");
        let fresh = std::fs::read(path).expect("fresh file");
        let committed =
            std::fs::read(root.join("data/gazetteer").join(name)).expect("committed file");
        assert!(
            fresh == committed,
            "data/gazetteer/{} is stale: run `vigie gazetteer build` and commit",
            name.to_string_lossy()
        );
    }
    let _ = std::fs::remove_dir_all(&out);
    let g = vigie_geo::Gazetteer::load_default().expect("embedded gazetteer");
    assert_eq!(g.build_id(), report.build_id);
}

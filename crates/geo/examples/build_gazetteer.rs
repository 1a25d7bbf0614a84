//! Rebuilds `data/gazetteer` from the GeoNames dumps without the `vigie`
//! binary (for bootstrapping; `vigie gazetteer build` does the same):
//!
//! ```text
//! cargo run -p vigie-geo --release --example build_gazetteer -- [GEONAMES_DIR] [OUT_DIR]
//! ```
//! Defaults: `../shared/data/geonames` and `data/gazetteer`, relative to the
//! repository root.
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut args = std::env::args().skip(1);
    let src = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/data/geonames"));
    let out = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("data/gazetteer"));
    match vigie_geo::build::build(&src, &out) {
        Ok(r) => {
            println!(
                "gazetteer {}: {} places, {} name keys, {} skeleton keys",
                r.build_id, r.places, r.name_keys, r.skeleton_keys
            );
            for (p, n) in &r.files {
                println!("  {} ({n} bytes)", p.display());
            }
            for w in &r.warnings {
                eprintln!("warning: {w}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("build_gazetteer: {e}");
            ExitCode::FAILURE
        }
    }
}

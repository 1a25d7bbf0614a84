//! `vigie gazetteer build|info`: rebuild the compact gazetteer from the
//! GeoNames dumps, or describe the one compiled into this binary.
use anyhow::Context;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use vigie_core::place::Geocoder;

#[derive(clap::Subcommand)]
pub enum Command {
    /// Rebuild data/gazetteer from the GeoNames dumps (then rebuild vigie to embed it).
    Build {
        /// The shared data folder (or its geonames/ subfolder).
        #[arg(long, default_value = "../shared/data")]
        from: PathBuf,
        /// Where to write the compact gazetteer.
        #[arg(long, default_value = "data/gazetteer")]
        out: PathBuf,
    },
    /// Show the embedded gazetteer's version, size and credits.
    Info,
}

pub fn run(c: Command) -> anyhow::Result<ExitCode> {
    match c {
        Command::Build { from, out } => build(&from, &out),
        Command::Info => {
            let start = std::time::Instant::now();
            let g =
                vigie_geo::Gazetteer::load_default().context("loading the embedded gazetteer")?;
            let (names, skeletons) = g.key_counts();
            println!("{}", g.version());
            println!(
                "{} places, {names} name keys, {skeletons} skeleton keys, loaded in {:?}",
                g.len(),
                start.elapsed()
            );
            println!("{}", vigie_geo::ATTRIBUTION);
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn build(from: &Path, out: &Path) -> anyhow::Result<ExitCode> {
    let geonames = if from.join("countryInfo.txt").is_file() {
        from.to_path_buf()
    } else {
        from.join("geonames")
    };
    if !geonames.join("countryInfo.txt").is_file() {
        anyhow::bail!(
            "{} holds no GeoNames dumps (countryInfo.txt missing)",
            geonames.display()
        );
    }
    let report = vigie_geo::build::build(&geonames, out)
        .with_context(|| format!("building the gazetteer from {}", geonames.display()))?;
    println!("gazetteer {}: {} places", report.build_id, report.places);
    for (cc, n) in &report.places_by_country {
        if vigie_geo::build::FULL_COUNTRIES.contains(&cc.as_str()) {
            println!("  {cc}: {n}");
        }
    }
    println!(
        "  name keys {}, skeleton keys {}",
        report.name_keys, report.skeleton_keys
    );
    for (p, n) in &report.files {
        println!("  wrote {} ({n} bytes)", p.display());
    }
    for w in &report.warnings {
        eprintln!("warning: {w}");
    }
    println!(
        "Rebuild vigie to embed the new data. {}",
        vigie_geo::ATTRIBUTION
    );
    Ok(ExitCode::SUCCESS)
}

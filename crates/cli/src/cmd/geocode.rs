//! `vigie geocode NAME`: resolve a place name against the embedded gazetteer
//! and show the candidates with coordinates, admin path, score and reasons.
//! `--json` prints the full resolution for scripts.
use anyhow::Context;
use std::io::Write;
use std::process::ExitCode;
use vigie_core::place::{GeoCandidate, GeoContext, GeoResolution, Geocoder, ToponymQuery};

#[derive(clap::Args)]
pub struct Args {
    /// The place name as written ("Gondam", "Tin-Zaouatene", "la commune de Boni").
    #[arg(required = true, num_args = 1..)]
    pub name: Vec<String>,
    /// The words before the name ("près de", "à 30 km au sud de", "le cercle de").
    #[arg(long)]
    pub cue: Option<String>,
    /// Country in focus, ISO code or name (repeatable; first = most likely).
    #[arg(long = "country", value_name = "COUNTRY")]
    pub countries: Vec<String>,
    /// A region or cercle the document names ("région de Tombouctou", "Niono"); repeatable.
    #[arg(long = "admin", value_name = "NAME")]
    pub admin_mentions: Vec<String>,
    /// Another place the document names (repeatable): nearby places disambiguate.
    #[arg(long = "with", value_name = "PLACE")]
    pub other_places: Vec<String>,
    /// Print the resolution as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let g = vigie_geo::try_shared().context("loading the gazetteer")?;
    let name = args.name.join(" ");
    if name.trim().is_empty() {
        anyhow::bail!("empty place name");
    }
    let countries = args
        .countries
        .iter()
        .map(|c| {
            g.country_code(c)
                .with_context(|| format!("unknown country {c:?}"))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let query = ToponymQuery {
        name: name.clone(),
        cue: args.cue.clone(),
        context: GeoContext {
            countries,
            admin_mentions: args.admin_mentions.clone(),
            other_places: args.other_places.clone(),
        },
    };
    let r = g.resolve(&query);
    let text = if args.json {
        let mut v = serde_json::to_value(&r)?;
        if let Some(o) = v.as_object_mut() {
            o.insert("gazetteer".into(), g.version().into());
            o.insert("attribution".into(), vigie_geo::ATTRIBUTION.into());
        }
        format!("{}\n", serde_json::to_string_pretty(&v)?)
    } else {
        format!(
            "{}({}; {})\n",
            human(&r),
            g.version(),
            vigie_geo::ATTRIBUTION
        )
    };
    // A closed pipe (`| head`) ends the output quietly; other errors are reported.
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            return Err(e).context("writing the answer");
        }
    }
    Ok(if r.best.is_some() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn candidate_line(c: &GeoCandidate) -> String {
    let p = &c.place;
    let path: Vec<&str> = [
        Some(p.country.as_str()),
        p.admin1.as_deref(),
        p.admin2.as_deref(),
        p.admin3.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    format!(
        "{} [{} {}.{}, pop. {}] {:.5}, {:.5}  {}  score {:.3}",
        p.name,
        p.geonameid,
        p.feature_class,
        p.feature_code,
        p.population,
        p.latitude,
        p.longitude,
        path.join(" › "),
        c.score
    )
}

fn human(r: &GeoResolution) -> String {
    let mut out = String::new();
    let Some(best) = &r.best else {
        out.push_str(&format!("{}: not found in the gazetteer\n", r.query));
        return out;
    };
    out.push_str(&format!("{} → {}\n", r.query, candidate_line(best)));
    if let Some(p) = r.precision {
        out.push_str(&format!("  geo_precision {}", p.code()));
    }
    if let Some(off) = &r.offset {
        let d = off
            .distance_km
            .map(|d| format!("{d} km "))
            .unwrap_or_default();
        let dir = off.direction.as_deref().unwrap_or("near");
        out.push_str(&format!(
            "  (relative: {d}{dir} of the place, from {:?})",
            off.text
        ));
    }
    out.push('\n');
    for reason in &best.reasons {
        out.push_str(&format!("  - {reason}\n"));
    }
    if !r.alternatives.is_empty() {
        out.push_str(if r.ambiguous {
            "AMBIGUOUS — close alternatives:\n"
        } else {
            "other candidates:\n"
        });
        for c in &r.alternatives {
            out.push_str(&format!("  {}\n", candidate_line(c)));
        }
    }
    out
}

//! `vigie export --format acled-csv|geojson|parquet|jsonl`: merged events,
//! filtered, to standard output or a file (Parquet needs `--output`).

use anyhow::{bail, Context, Result};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use vigie_store::export::{export, ExportFormat};
use vigie_store::{BBox, EventFilter};
use vigie_text::input;

#[derive(clap::Args)]
pub struct Args {
    /// acled-csv (ACLED's columns and order, then vigie's), geojson, parquet or jsonl.
    #[arg(long, default_value = "acled-csv")]
    pub format: String,
    /// Database: a SQLite file path or a postgres:// URL (default: $VIGIE_DB, else vigie.db in the user's data directory).
    #[arg(long)]
    pub db: Option<String>,
    /// Write here instead of standard output (required for parquet).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// First event date (YYYY-MM-DD), inclusive.
    #[arg(long)]
    pub from: Option<String>,
    /// Last event date (YYYY-MM-DD), inclusive.
    #[arg(long)]
    pub to: Option<String>,
    /// Country name ("Mali") or ISO alpha-2 code ("ML").
    #[arg(long)]
    pub country: Option<String>,
    #[arg(long)]
    pub admin1: Option<String>,
    #[arg(long)]
    pub admin2: Option<String>,
    /// ACLED event type ("Battles").
    #[arg(long)]
    pub event_type: Option<String>,
    /// ACLED sub-event type ("Air/drone strike").
    #[arg(long)]
    pub sub_event_type: Option<String>,
    /// Part of an actor's name ("JNIM").
    #[arg(long)]
    pub actor: Option<String>,
    /// Only events reported by at least this many documents.
    #[arg(long)]
    pub min_corroboration: Option<u32>,
    /// Bounding box: min_lon,min_lat,max_lon,max_lat.
    #[arg(long)]
    pub bbox: Option<String>,
    /// Words searched in the notes and place names.
    #[arg(long)]
    pub text: Option<String>,
}

fn date(flag: &str, v: &Option<String>) -> Result<Option<jiff::civil::Date>> {
    v.as_deref()
        .map(|s| {
            input::parse_date(s)
                .with_context(|| format!("--{flag} {s:?} is not a date (want YYYY-MM-DD)"))
        })
        .transpose()
}

fn bbox(v: &Option<String>) -> Result<Option<BBox>> {
    let Some(s) = v.as_deref() else {
        return Ok(None);
    };
    let parts: Vec<f64> = s
        .split(',')
        .map(|p| p.trim().parse::<f64>())
        .collect::<std::result::Result<_, _>>()
        .with_context(|| {
            format!("--bbox {s:?}: want four numbers min_lon,min_lat,max_lon,max_lat")
        })?;
    match parts[..] {
        [min_lon, min_lat, max_lon, max_lat] => Ok(Some(BBox {
            min_lon,
            min_lat,
            max_lon,
            max_lat,
        })),
        _ => bail!("--bbox {s:?}: want four numbers min_lon,min_lat,max_lon,max_lat"),
    }
}

pub fn run(args: Args) -> Result<ExitCode> {
    let format: ExportFormat = args.format.parse()?;
    let filter = EventFilter {
        date_from: date("from", &args.from)?,
        date_to: date("to", &args.to)?,
        country: args.country.clone(),
        admin1: args.admin1.clone(),
        admin2: args.admin2.clone(),
        event_type: args.event_type.clone(),
        sub_event_type: args.sub_event_type.clone(),
        actor: args.actor.clone(),
        bbox: bbox(&args.bbox)?,
        min_corroboration: args.min_corroboration,
        text: args.text.clone(),
        document_id: None,
    };
    let (_, store) = super::open_store(args.db.clone())?;
    let n = match &args.output {
        Some(path) => {
            // Written to a temporary file, then renamed: a failed export leaves no truncated file.
            let tmp = path.with_extension(format!("{}.partial", format.extension()));
            let file = std::fs::File::create(&tmp)
                .with_context(|| format!("creating {}", tmp.display()))?;
            let n = export(
                store.as_ref(),
                &filter,
                format,
                std::io::BufWriter::new(file),
            );
            let n = match n {
                Ok(n) => n,
                Err(e) => {
                    let _ = std::fs::remove_file(&tmp);
                    return Err(e).context("exporting");
                }
            };
            std::fs::rename(&tmp, path).with_context(|| format!("writing {}", path.display()))?;
            n
        }
        None => {
            if format.is_binary() {
                bail!("--format parquet writes a binary file: give --output PATH");
            }
            let stdout = std::io::stdout();
            let n =
                export(store.as_ref(), &filter, format, std::io::stdout()).context("exporting")?;
            stdout.lock().flush()?;
            n
        }
    };
    if std::io::stderr().is_terminal() || args.output.is_some() {
        eprintln!("exported {n} events ({})", format.as_str());
    }
    Ok(ExitCode::SUCCESS)
}

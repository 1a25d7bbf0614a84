//! `vigie extract`: one file (text, HTML, JSON Lines) or `-` → events as
//! JSON, JSON Lines or ACLED CSV.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, Result};
use vigie_core::{DocMeta, DocumentExtraction};
use vigie_extract::Extractor;
use vigie_text::input::{self, InputItem};

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One JSON object: versions, documents (events, mentions, toponyms, diagnostics), rejected.
    Json,
    /// One JSON object per document per line.
    Jsonl,
    /// ACLED's 31 columns in ACLED's order, then vigie's (claim, source_cue, doc_id, confidence).
    AcledCsv,
}

#[derive(clap::Args)]
pub struct Args {
    /// A text, HTML or JSON Lines file, or `-` for standard input.
    pub input: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// Shorthand for `--format json`.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// Publication date (YYYY-MM-DD) of a text/HTML input: anchors "hier", "Thursday", year-less dates.
    #[arg(long)]
    pub published_at: Option<String>,
    /// The day the reports are read (YYYY-MM-DD; default today): with no
    /// publication date, a year-less "vendredi 19 juin" takes the latest
    /// year, up to this day, in which 19 June is a Friday. Pin it for
    /// reproducible runs.
    #[arg(long, value_name = "DATE")]
    pub read_on: Option<String>,
    /// Outlet or source name of a text/HTML input.
    #[arg(long)]
    pub source: Option<String>,
    /// Document id of a text/HTML input (default: the file name).
    #[arg(long)]
    pub id: Option<String>,
    /// Language the caller asserts (fr, en); detection still runs.
    #[arg(long)]
    pub lang: Option<String>,
    /// Largest document accepted, in bytes; larger ones are rejected, not truncated.
    #[arg(long, default_value_t = input::DEFAULT_MAX_BYTES)]
    pub max_bytes: usize,
    /// Compact JSON (default: pretty).
    #[arg(long)]
    pub compact: bool,
}

#[derive(serde::Serialize)]
struct Rejected {
    id: String,
    reason: String,
}

#[derive(serde::Serialize)]
struct Output<'a> {
    vigie_version: &'static str,
    versions: vigie_extract::ExtractorVersions,
    attribution: &'static str,
    documents: &'a [DocumentExtraction],
    rejected: &'a [Rejected],
}

/// Builds the extractor with the embedded gazetteer.
pub fn extractor() -> Result<Extractor> {
    let gazetteer = vigie_geo::try_shared().context("loading the gazetteer")?;
    let geocoder: Arc<dyn vigie_core::Geocoder> = gazetteer;
    Extractor::new(geocoder).context("compiling the lexicons")
}

pub fn run(args: Args) -> Result<ExitCode> {
    let published_at = match args.published_at.as_deref() {
        Some(s) => Some(
            input::parse_date(s)
                .with_context(|| format!("--published-at {s:?} is not a date (want YYYY-MM-DD)"))?,
        ),
        None => None,
    };
    let meta = DocMeta {
        id: args.id.clone().unwrap_or_default(),
        source: args.source.clone(),
        published_at,
        language: args.lang.clone(),
        ..Default::default()
    };
    let items = input::read_path(&args.input, &meta, args.max_bytes)?;
    let mut extractor = extractor()?;
    if let Some(s) = args.read_on.as_deref() {
        let day = input::parse_date(s)
            .with_context(|| format!("--read-on {s:?} is not a date (want YYYY-MM-DD)"))?;
        extractor = extractor.with_reference_date(day);
    }
    let mut documents = Vec::new();
    let mut rejected = Vec::new();
    for item in items {
        match item {
            InputItem::Rejected { id, reason } => rejected.push(Rejected { id, reason }),
            InputItem::Document(doc) => {
                let ex = extractor.extract(&doc);
                if let Some(d) = ex.diagnostics.iter().find(|d| d.code == "undecodable") {
                    rejected.push(Rejected {
                        id: ex.doc_id.clone(),
                        reason: d.message.clone(),
                    });
                } else {
                    documents.push(ex);
                }
            }
        }
    }
    for r in &rejected {
        eprintln!("vigie: rejected {}: {}", r.id, r.reason);
    }
    if documents.is_empty() && !rejected.is_empty() {
        let first = &rejected[0];
        anyhow::bail!(
            "{}: {}",
            args.input.display(),
            if rejected.len() == 1 {
                first.reason.clone()
            } else {
                format!("all {} documents rejected", rejected.len())
            }
        );
    }
    let format = if args.json { Format::Json } else { args.format };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match format {
        Format::Json => {
            let o = Output {
                vigie_version: vigie_core::VIGIE_VERSION,
                versions: extractor.versions(),
                attribution: "Place data: GeoNames (geonames.org), CC-BY 4.0",
                documents: &documents,
                rejected: &rejected,
            };
            if args.compact {
                serde_json::to_writer(&mut out, &o)?;
            } else {
                serde_json::to_writer_pretty(&mut out, &o)?;
            }
            writeln!(out)?;
        }
        Format::Jsonl => {
            for d in &documents {
                serde_json::to_writer(&mut out, d)?;
                writeln!(out)?;
            }
            for r in &rejected {
                serde_json::to_writer(
                    &mut out,
                    &serde_json::json!({"id": r.id, "rejected": r.reason}),
                )?;
                writeln!(out)?;
            }
        }
        Format::AcledCsv => write_acled_csv(&mut out, &documents)?,
    }
    out.flush()?;
    Ok(if rejected.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Writes ACLED CSV rows (one per event) with the header.
pub fn write_acled_csv<W: Write>(out: W, documents: &[DocumentExtraction]) -> Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(vigie_core::acled::header())?;
    let now = jiff::Timestamp::now().as_second();
    for d in documents {
        let ctx = vigie_core::acled::RowContext {
            source: d.source.as_deref(),
            timestamp: now,
        };
        for e in &d.events {
            w.write_record(vigie_core::acled::record(e, &ctx))?;
        }
    }
    w.flush()?;
    Ok(())
}

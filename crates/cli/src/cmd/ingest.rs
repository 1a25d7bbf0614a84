//! `vigie ingest [--db PATH|URL] PATH…`: store documents (files, directories,
//! JSON Lines, RSS/Atom feeds, HTML), extract them, merge reports of the
//! same event. Re-running is safe: stored bytes are not stored twice, and
//! jobs left by an interrupted run are finished.

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use vigie_core::DocMeta;
use vigie_store::ingest::{self, IngestOptions, IngestSummary, Progress};
use vigie_store::RunVersions;
use vigie_text::input;

#[derive(clap::Args)]
pub struct Args {
    /// Files or directories (walked recursively); `-` reads standard input.
    #[arg(required_unless_present_any = ["resume", "reextract"])]
    pub paths: Vec<PathBuf>,
    /// Database: a SQLite file path or a postgres:// URL (default: $VIGIE_DB, else vigie.db in the user's data directory).
    #[arg(long)]
    pub db: Option<String>,
    /// Largest document accepted, in bytes; larger ones are rejected and recorded.
    #[arg(long, default_value_t = input::DEFAULT_MAX_BYTES)]
    pub max_bytes: usize,
    /// Extraction threads in this process (several processes may also share one PostgreSQL database).
    #[arg(long, default_value_t = 1)]
    pub workers: usize,
    /// Source (outlet) of text/HTML files given here.
    #[arg(long)]
    pub source: Option<String>,
    /// Publication date (YYYY-MM-DD) of text/HTML files given here.
    #[arg(long)]
    pub published_at: Option<String>,
    /// Only store the documents; leave extraction to other workers.
    #[arg(long)]
    pub no_extract: bool,
    /// Only finish the jobs already queued for the current extractor version.
    #[arg(long)]
    pub resume: bool,
    /// Queue every stored document for the current extractor version (after a lexicon change), then extract.
    #[arg(long)]
    pub reextract: bool,
    /// Print the summary as JSON on standard output.
    #[arg(long)]
    pub json: bool,
    /// No progress bar.
    #[arg(long)]
    pub quiet: bool,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let (_, store) = super::open_store(args.db.clone())?;
    let extractor = super::extract::extractor()?;
    let v = extractor.versions();
    let run = store
        .ensure_run(&RunVersions {
            engine: v.engine,
            lexicons: v.lexicons,
            gazetteer: v.gazetteer,
        })
        .context("recording the extraction run")?;
    let published_at = match args.published_at.as_deref() {
        Some(s) => Some(
            input::parse_date(s)
                .with_context(|| format!("--published-at {s:?} is not a date (want YYYY-MM-DD)"))?,
        ),
        None => None,
    };
    let opts = IngestOptions {
        max_bytes: args.max_bytes,
        workers: args.workers.max(1),
        worker_name: format!("{}:{}", hostname(), std::process::id()),
        defaults: DocMeta {
            source: args.source.clone(),
            published_at,
            ..DocMeta::default()
        },
        no_extract: args.no_extract,
    };
    let bar = Bar::new(!args.quiet && std::io::stderr().is_terminal());
    let progress = |p: Progress<'_>| bar.update(p);
    let extract = |d: &vigie_core::Document| extractor.extract(d);

    if args.reextract {
        let n = store
            .queue_all(run.id)
            .context("queueing documents for re-extraction")?;
        if !args.quiet {
            eprintln!("queued {n} stored documents for extraction run {}", run.id);
        }
    }
    let summary = if args.paths.is_empty() {
        let t = ingest::extract_pending(store.as_ref(), &run, &opts, &extract, &progress)?;
        IngestSummary {
            extracted: t.extracted,
            events: t.events,
            mentions: t.mentions,
            merged_events: t.merged_events,
            rejected: t.rejected,
            ..IngestSummary::default()
        }
    } else {
        ingest::ingest(
            store.as_ref(),
            &run,
            &args.paths,
            &opts,
            &extract,
            &progress,
        )?
    };
    bar.finish();
    let pending = store.pending(run.id)?;
    if args.json {
        let out = serde_json::json!({
            "database": store.info().location,
            "run": run,
            "summary": summary,
            "pending": pending,
        });
        let text = serde_json::to_string_pretty(&out)?;
        let mut stdout = std::io::stdout().lock();
        // A closed pipe (`| head`) is the reader's choice, not an error.
        if let Err(e) = writeln!(stdout, "{text}") {
            if e.kind() != std::io::ErrorKind::BrokenPipe {
                return Err(e.into());
            }
        }
    } else {
        print_summary(&summary, pending, &store.info().location);
    }
    Ok(ExitCode::SUCCESS)
}

fn print_summary(s: &IngestSummary, pending: u64, location: &str) {
    let read_rejected = s.rejected.iter().filter(|r| r.stage == "read").count();
    eprintln!(
        "read {}: {} new, {} duplicate{}, {} rejected",
        s.read,
        s.new,
        s.duplicate,
        if s.requeued > 0 {
            format!(" ({} queued again for this extractor version)", s.requeued)
        } else {
            String::new()
        },
        read_rejected
    );
    eprintln!(
        "extracted {} documents: {} events, {} mentions, {} merged events created or updated",
        s.extracted, s.events, s.mentions, s.merged_events
    );
    if !s.rejected.is_empty() {
        eprintln!("rejected:");
        for r in &s.rejected {
            eprintln!("  {} ({}): {}", r.id, r.stage, r.reason);
        }
    }
    if pending > 0 {
        eprintln!(
            "{pending} documents still queued (other workers, or run `vigie ingest --resume`)"
        );
    }
    eprintln!("database: {location}");
}

fn hostname() -> String {
    std::fs::read_to_string("/etc/hostname")
        .ok()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "localhost".to_string())
}

/// The progress display: a counter while reading, a bar while extracting.
struct Bar {
    bar: Option<ProgressBar>,
}

impl Bar {
    fn new(on: bool) -> Self {
        let bar = on.then(|| {
            let b = ProgressBar::new_spinner();
            b.set_style(
                ProgressStyle::with_template("{spinner} reading {pos} inputs  {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            b
        });
        Bar { bar }
    }

    fn update(&self, p: Progress<'_>) {
        let Some(bar) = &self.bar else { return };
        match p {
            Progress::Read { id, outcome } => {
                bar.inc(1);
                bar.set_message(format!("{outcome}: {id}"));
            }
            Progress::ExtractStart { pending } => {
                bar.set_position(0);
                bar.set_length(pending);
                bar.set_style(
                    ProgressStyle::with_template(
                        "extracting [{bar:40}] {pos}/{len} ({per_sec}, eta {eta})",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> "),
                );
                bar.set_message("");
            }
            Progress::Extracted { .. } => bar.inc(1),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

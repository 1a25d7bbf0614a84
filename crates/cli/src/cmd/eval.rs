//! `vigie eval`: score extraction against coded events.
//!
//! Reads gold files (news JSON Lines, ACLED export CSVs), runs vigie on every
//! document (or reads another system's predictions with `--predictions`),
//! and prints per-field scores with the targets beside them. `--baseline`
//! scores a peer's predictions file by the same code and prints both side by
//! side; `--write-results DIR` writes the committed results files.

use anyhow::{bail, Context, Result};
use std::collections::BTreeMap;
use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;
use vigie_core::{DocMeta, Document};
use vigie_eval::report::{render_comparison, write_failures_csv};
use vigie_eval::{
    read_gold, read_predictions, render_text, EvalReport, GoldDocument, GoldSet, PredictedDocument,
    Predictions, RunMeta, Scorer, Targets,
};
use vigie_extract::Extractor;

#[derive(clap::Args)]
pub struct Args {
    /// Gold files: news JSON Lines (`.jsonl`) or ACLED export CSVs (`.csv`).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Print JSON instead of tables.
    #[arg(long)]
    pub json: bool,
    /// Write every failing field (doc id, field, gold, predicted) to this CSV.
    #[arg(long, value_name = "PATH.csv")]
    pub failures: Option<PathBuf>,
    /// Score only the first N documents of each file.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Score this predictions file (JSON Lines, see vigie-eval) instead of running vigie.
    #[arg(long, value_name = "PRED.jsonl")]
    pub predictions: Option<PathBuf>,
    /// A peer system's predictions to score by the same code and show side by
    /// side: one file for all gold files, or a directory holding
    /// `<gold stem>.pred.jsonl` per gold file (what eval/peers/baseline.py writes).
    #[arg(long, value_name = "PRED.jsonl|DIR")]
    pub baseline: Option<PathBuf>,
    /// Write <set>.json per gold file, summary.md and throughput.md into DIR.
    #[arg(long, value_name = "DIR")]
    pub write_results: Option<PathBuf>,
    /// Also write vigie's predictions in the predictions format.
    #[arg(long, value_name = "PATH.jsonl")]
    pub save_predictions: Option<PathBuf>,
    /// Worker threads for extraction (default: all cores).
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// Include throughput in `--json` output (it varies from run to run).
    #[arg(long)]
    pub timing: bool,
}

/// One gold file's results.
struct SetResult {
    gold: GoldSet,
    vigie: EvalReport,
    failures: Vec<vigie_eval::Failure>,
    baseline: Option<EvalReport>,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let scorer = Scorer::with_shipped_data()?;
    let targets = Targets::shipped()?;
    let given = match &args.predictions {
        Some(p) => Some(read_predictions(p)?),
        None => None,
    };
    let baseline_file = match &args.baseline {
        Some(p) if !p.is_dir() => Some(read_predictions(p)?),
        _ => None,
    };
    let extractor = if given.is_none() {
        Some(build_extractor()?)
    } else {
        None
    };
    let jobs = args.jobs.unwrap_or_else(default_jobs).max(1);

    let mut saved: Vec<PredictedDocument> = Vec::new();
    let mut results = Vec::new();
    for path in &args.files {
        let gold = read_gold(path, args.limit)?;
        let (preds, meta, system) = match (&given, &extractor) {
            (Some(p), _) => {
                let system = p
                    .meta
                    .as_ref()
                    .map_or("predictions".to_string(), |m| m.system.clone());
                (p.documents.clone(), p.meta.clone(), system)
            }
            (None, Some(x)) => {
                let (docs, meta) = extract_all(x, &gold.documents, jobs);
                let map = docs.iter().map(|d| (d.doc_id.clone(), d.clone())).collect();
                saved.extend(docs);
                (map, Some(meta), system_name(x))
            }
            (None, None) => bail!("no predictions and no extractor"),
        };
        let scores = scorer.score(&gold, &preds);
        let mut vigie = EvalReport::new(&gold, &system, &scores, &targets);
        vigie.set = set_name(path);
        vigie.run = meta;
        let per_set;
        let baseline = match (&args.baseline, &baseline_file) {
            (_, Some(b)) => Some(b),
            (Some(dir), None) => {
                let file = dir.join(format!("{}.pred.jsonl", set_name(path)));
                per_set = read_predictions(&file)
                    .with_context(|| format!("baseline predictions for {}", path.display()))?;
                Some(&per_set)
            }
            (None, None) => None,
        };
        let baseline = baseline.map(|b| baseline_report(&scorer, &targets, &gold, b, path));
        results.push(SetResult {
            gold,
            vigie,
            failures: scores.failures,
            baseline,
        });
    }

    if let Some(path) = &args.failures {
        write_failures(path, &results)?;
    }
    if let Some(path) = &args.save_predictions {
        let f =
            std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?;
        let meta = results.first().and_then(|r| r.vigie.run.clone());
        vigie_eval::write_predictions(std::io::BufWriter::new(f), meta.as_ref(), &saved)
            .with_context(|| format!("writing {}", path.display()))?;
    }
    if let Some(dir) = &args.write_results {
        write_results(dir, &results)?;
    }
    print_results(&args, &results)?;
    Ok(ExitCode::SUCCESS)
}

/// The extractor over the embedded gazetteer.
pub(crate) fn build_extractor() -> Result<Extractor> {
    let geo = vigie_geo::try_shared().context("loading the gazetteer")?;
    Extractor::new(geo).context("building the extractor")
}

pub(crate) fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

pub(crate) fn system_name(x: &Extractor) -> String {
    let v = x.versions();
    format!("vigie {}", v.engine)
}

/// "../shared/gold/acled_dev.csv" → "acled_dev".
fn set_name(path: &Path) -> String {
    path.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("gold")
        .to_string()
}

fn baseline_report(
    scorer: &Scorer,
    targets: &Targets,
    gold: &GoldSet,
    b: &Predictions,
    path: &Path,
) -> EvalReport {
    let scores = scorer.score(gold, &b.documents);
    let system = b
        .meta
        .as_ref()
        .map_or("baseline".to_string(), |m| m.system.clone());
    let mut r = EvalReport::new(gold, &system, &scores, targets);
    r.set = set_name(path);
    // The baseline's run meta covers the documents of this set when the
    // baseline was run per set (eval/run.sh does); otherwise it is the whole file's.
    r.run = b.meta.clone();
    r
}

/// The document vigie sees for a gold item: its text, publication date and
/// stated language; nothing from the answer.
pub(crate) fn gold_document(d: &GoldDocument) -> Document {
    let meta = DocMeta {
        id: d.id.clone(),
        published_at: d.published_at,
        language: d.language.clone(),
        ..Default::default()
    };
    Document::text(meta, d.text.as_bytes().to_vec())
}

/// Runs the extractor on every document over `jobs` threads, in input
/// order. A panic inside the extractor is caught and recorded as that
/// document's failure, so one bad document cannot hide the others' scores.
pub(crate) fn extract_all(
    x: &Extractor,
    docs: &[GoldDocument],
    jobs: usize,
) -> (Vec<PredictedDocument>, RunMeta) {
    let inputs: Vec<Document> = docs.iter().map(gold_document).collect();
    let bytes: u64 = inputs.iter().map(|d| d.raw.len() as u64).sum();
    let next = AtomicUsize::new(0);
    let start = Instant::now();
    let quiet = QuietPanics::install();
    let mut out: Vec<(usize, PredictedDocument)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..jobs)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(doc) = inputs.get(i) else { break };
                        mine.push((i, extract_one(x, doc)));
                    }
                    mine
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    drop(quiet);
    let seconds = start.elapsed().as_secs_f64();
    out.sort_by_key(|(i, _)| *i);
    let preds: Vec<PredictedDocument> = out.into_iter().map(|(_, p)| p).collect();
    let meta = RunMeta {
        system: system_name(x),
        documents: inputs.len() as u64,
        bytes,
        seconds,
        workers: jobs as u32,
    };
    (preds, meta)
}

pub(crate) fn extract_one(x: &Extractor, doc: &Document) -> PredictedDocument {
    match catch_unwind(AssertUnwindSafe(|| x.extract(doc))) {
        Ok(extraction) => {
            // Keyed by the id vigie was given, whatever the extraction calls it.
            let mut p = PredictedDocument::from_extraction(&extraction);
            p.doc_id = doc.meta.id.clone();
            p
        }
        Err(payload) => {
            let msg = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            PredictedDocument::failed(doc.meta.id.clone(), format!("extractor panicked: {msg}"))
        }
    }
}

/// A panic hook, as `std::panic::take_hook` returns it.
type PanicHook = Box<dyn Fn(&std::panic::PanicHookInfo<'_>) + Sync + Send + 'static>;

/// Silences the default panic message while extraction runs (a panic is
/// recorded per document instead of printed thousands of times); restores
/// the previous hook when dropped.
pub(crate) struct QuietPanics {
    previous: Option<PanicHook>,
}

impl QuietPanics {
    pub(crate) fn install() -> Self {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        QuietPanics {
            previous: Some(previous),
        }
    }
}

impl Drop for QuietPanics {
    fn drop(&mut self) {
        if let Some(p) = self.previous.take() {
            std::panic::set_hook(p);
        }
    }
}

fn write_failures(path: &Path, results: &[SetResult]) -> Result<()> {
    let mut buf = Vec::new();
    for (i, r) in results.iter().enumerate() {
        let mut one = Vec::new();
        write_failures_csv(&mut one, &r.vigie.set, &r.failures)?;
        // Keep the header of the first set only.
        let body = if i == 0 {
            &one[..]
        } else {
            one.splitn(2, |b| *b == b'\n').nth(1).unwrap_or(&[])
        };
        buf.extend_from_slice(body);
    }
    std::fs::write(path, buf).with_context(|| format!("writing {}", path.display()))
}

fn print_results(args: &Args, results: &[SetResult]) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        let strip = |r: &EvalReport| {
            let mut r = r.clone();
            if !args.timing {
                r.run = None;
            }
            r
        };
        let value: Vec<serde_json::Value> = results
            .iter()
            .map(|r| {
                let mut v = serde_json::json!({ "set": r.vigie.set, "gold_file": r.gold.name, "report": strip(&r.vigie) });
                if let Some(b) = &r.baseline {
                    v["baseline"] = serde_json::to_value(strip(b)).unwrap_or_default();
                }
                v
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &value)?;
        writeln!(out)?;
        return Ok(());
    }
    for r in results {
        writeln!(out, "{}", render_text(&r.vigie))?;
        if let Some(b) = &r.baseline {
            writeln!(
                out,
                "vigie vs baseline (field scores over all gold events):"
            )?;
            writeln!(out, "{}", render_comparison(&[&r.vigie, b]))?;
        }
    }
    Ok(())
}

/// The committed results: `<set>.json` (vigie, no timing), `<set>.baseline.json`,
/// `summary.md` (accuracy, targets, side by side) and `throughput.md` (timing
/// and the machine it ran on, the one part that varies between runs).
fn write_results(dir: &Path, results: &[SetResult]) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let write_json = |name: String, r: &EvalReport| -> Result<()> {
        let mut r = r.clone();
        r.run = None;
        let path = dir.join(name);
        let mut s = serde_json::to_string_pretty(&r)?;
        s.push('\n');
        std::fs::write(&path, s).with_context(|| format!("writing {}", path.display()))
    };
    let mut summary = String::from(
        "# vigie evaluation results\n\nRegenerate with `eval/run.sh` (see eval/README.md). \
         Field scores are on matched events; \"all gold\" counts unmatched gold events as wrong.\n",
    );
    let mut throughput = String::from("# Throughput of the last `eval/run.sh`\n\n");
    throughput.push_str(&machine_line());
    throughput.push_str("\n\n| set | system | documents | MB | seconds | workers | documents/s | MB/s |\n|---|---|---:|---:|---:|---:|---:|---:|\n");
    for r in results {
        write_json(format!("{}.json", r.vigie.set), &r.vigie)?;
        summary.push_str(&format!(
            "\n## {} ({} documents, {} gold events)\n\n",
            r.vigie.set, r.vigie.documents, r.vigie.gold_events
        ));
        summary.push_str(&markdown_scores(&r.vigie));
        if let Some(b) = &r.baseline {
            write_json(format!("{}.baseline.json", r.vigie.set), b)?;
            summary.push_str("\nvigie vs baseline (field scores over all gold events, so both have the same denominator):\n\n");
            let mut a = r.vigie.clone();
            let mut bb = b.clone();
            a.run = None;
            bb.run = None;
            summary.push_str(&render_comparison(&[&a, &bb]));
        }
        for rep in std::iter::once(&r.vigie).chain(r.baseline.iter()) {
            if let Some(m) = &rep.run {
                throughput.push_str(&format!(
                    "| {} | {} | {} | {:.2} | {:.2} | {} | {:.0} | {:.3} |\n",
                    rep.set,
                    rep.system,
                    m.documents,
                    m.bytes as f64 / 1e6,
                    m.seconds,
                    m.workers,
                    m.docs_per_second(),
                    m.mb_per_second()
                ));
            }
        }
    }
    std::fs::write(dir.join("summary.md"), summary).context("writing summary.md")?;
    std::fs::write(dir.join("throughput.md"), throughput).context("writing throughput.md")?;
    Ok(())
}

fn markdown_scores(r: &EvalReport) -> String {
    let mut o = String::new();
    let e = &r.events;
    o.push_str("| metric | right/scored | score | all gold | target |\n|---|---:|---:|---:|---|\n");
    o.push_str(&format!(
        "| events P / R / F1 | tp {} fp {} fn {} | {:.3} / {:.3} / {:.3} | | {} |\n",
        e.tp,
        e.fp,
        e.fn_,
        e.precision,
        e.recall,
        e.f1,
        target_cell(e.target, e.met)
    ));
    for f in r.fields.iter().filter(|f| f.gold_total > 0) {
        o.push_str(&format!(
            "| {} | {}/{} | {:.3} | {:.3} | {} |\n",
            f.metric,
            f.correct,
            f.total,
            f.score,
            f.score_all_gold,
            target_cell(f.target, f.met)
        ));
    }
    let macro_f1: BTreeMap<_, _> = r.macro_f1.iter().collect();
    for (k, v) in macro_f1 {
        o.push_str(&format!("| {k}.macro_f1 | | {v:.3} | | |\n"));
    }
    if let Some(m) = r.location_median_km {
        o.push_str(&format!("| location.median_km | | {m:.1} | | |\n"));
    }
    for (name, p) in [
        ("toponyms P / R / F1", &r.toponyms),
        ("actors P / R / F1", &r.actors),
    ] {
        o.push_str(&format!(
            "| {name} | tp {} fp {} fn {} | {:.3} / {:.3} / {:.3} | | |\n",
            p.tp, p.fp, p.fn_, p.precision, p.recall, p.f1
        ));
    }
    o.push_str(&format!(
        "\nDocuments with gold events but no predicted event: {}.\n",
        r.documents_nothing_predicted
    ));
    if let Some(c) = &r.date_ceiling {
        o.push_str(&format!(
            "\nevent_date: {} matched events' reports give no date of their own ({} right anyway by the publication date), so no reading of the text can score above {:.3} within precision.\n",
            c.no_date_in_text, c.right_anyway, c.ceiling
        ));
    }
    if r.documents_failed > 0 {
        o.push_str(&format!(
            "\n{} documents failed in the extractor (counted as no events).\n",
            r.documents_failed
        ));
    }
    o
}

fn target_cell(target: Option<f64>, met: Option<bool>) -> String {
    match (target, met) {
        (Some(t), Some(true)) => format!("≥ {t:.2} met"),
        (Some(t), _) => format!("≥ {t:.2} **missed**"),
        _ => String::new(),
    }
}

/// "2 × Intel(R) Xeon(R) Processor" from /proc/cpuinfo and the core count.
pub(crate) fn machine_line() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    format!("Machine: {} cores, {cpu}.", default_jobs())
}

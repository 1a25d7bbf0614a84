//! `vigie bench`: throughput and memory, measured, with the machine named.
//!
//! * extraction MB/s on one core and on all cores, over a corpus of the
//!   project's own report fixtures (`tests/fixtures/reports`) and the example
//!   report of `../shared/examples`;
//! * gazetteer lookups/s (place names the extractor found, plus the gold's
//!   coded locations when `../shared/gold` is present);
//! * scale: documents streamed through the extractor, 1,000 → 100,000, with
//!   time and peak RSS (VmHWM, reset between steps) — linear time, flat memory;
//! * end to end: the `vigie extract` and `vigie ingest` commands on 10,000
//!   documents, as child processes (peak RSS polled from /proc);
//! * the spaCy baseline (`eval/peers`) on the same corpus in the same run,
//!   and the ratios.
//!
//! Numbers go to stdout (table or `--json`) and, with `--write`, to a
//! markdown file (eval/results/bench.md).

use anyhow::{bail, Context, Result};
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};
use vigie_core::{ContentKind, DocMeta, Document, Geocoder, ToponymQuery};

use super::eval::{build_extractor, default_jobs, extract_one, machine_line, QuietPanics};

#[derive(clap::Args)]
pub struct Args {
    /// Report files or directories (.txt, .html, .jsonl) for the corpus
    /// (default: tests/fixtures/reports, the eval fixture reports and ../shared/examples).
    #[arg(long, value_name = "PATH")]
    pub corpus: Vec<PathBuf>,
    /// Documents for the end-to-end `vigie extract` / `vigie ingest` runs.
    #[arg(long, default_value_t = 10_000)]
    pub docs: usize,
    /// Document counts of the scale table.
    #[arg(long, value_delimiter = ',', default_value = "1000,10000,100000")]
    pub scale: Vec<usize>,
    /// Minimum seconds per throughput measurement.
    #[arg(long, default_value_t = 3.0)]
    pub seconds: f64,
    /// Worker threads for the all-cores and scale runs (default: all cores).
    #[arg(long, short = 'j')]
    pub jobs: Option<usize>,
    /// Python of the baseline's venv (default: eval/peers/.venv/bin/python if present).
    #[arg(long, value_name = "PYTHON")]
    pub baseline_python: Option<PathBuf>,
    /// Documents the baseline processes (it is slower; its rate is what counts).
    #[arg(long, default_value_t = 500)]
    pub baseline_docs: usize,
    /// Skip the baseline.
    #[arg(long)]
    pub no_baseline: bool,
    /// Skip the end-to-end child-process runs.
    #[arg(long)]
    pub no_end_to_end: bool,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    /// Also write the figures as markdown to this file.
    #[arg(long, value_name = "PATH.md")]
    pub write: Option<PathBuf>,
}

/// One report of the corpus.
#[derive(Clone)]
struct CorpusDoc {
    name: String,
    bytes: Vec<u8>,
    kind: ContentKind,
    language: Option<String>,
    /// Publication date the record gives (anchors relative dates).
    published_at: Option<jiff::civil::Date>,
}

/// The date every corpus document without its own is given (the example
/// report's month), so relative dates resolve as in production.
const DEFAULT_PUBLISHED_AT: jiff::civil::Date = jiff::civil::date(2025, 10, 25);

#[derive(Debug, Default, Serialize)]
struct Figures {
    machine: String,
    corpus_documents: usize,
    corpus_bytes: usize,
    extraction_one_core: Option<Rate>,
    extraction_all_cores: Option<Rate>,
    gazetteer_lookups_per_s: Option<f64>,
    gazetteer_queries: usize,
    scale: Vec<ScaleRow>,
    end_to_end: Vec<ChildRun>,
    baseline: Option<Rate>,
    baseline_error: Option<String>,
    /// vigie one-core MB/s ÷ baseline MB/s (one process).
    ratio_vs_baseline: Option<f64>,
    failed_documents: u64,
}

#[derive(Debug, Clone, Serialize)]
struct Rate {
    documents: u64,
    bytes: u64,
    seconds: f64,
    workers: usize,
    docs_per_s: f64,
    mb_per_s: f64,
    mb_per_s_per_core: f64,
}

impl Rate {
    fn new(documents: u64, bytes: u64, seconds: f64, workers: usize) -> Rate {
        let s = seconds.max(1e-9);
        let mb = bytes as f64 / 1e6 / s;
        Rate {
            documents,
            bytes,
            seconds,
            workers,
            docs_per_s: documents as f64 / s,
            mb_per_s: mb,
            mb_per_s_per_core: mb / workers.max(1) as f64,
        }
    }
}

#[derive(Debug, Serialize)]
struct ScaleRow {
    documents: usize,
    seconds: f64,
    docs_per_s: f64,
    /// Peak resident memory during this step (VmHWM, reset before it).
    peak_rss_mb: f64,
}

#[derive(Debug, Serialize)]
struct ChildRun {
    command: String,
    documents: usize,
    seconds: f64,
    docs_per_s: f64,
    peak_rss_mb: Option<f64>,
    error: Option<String>,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let corpus = load_corpus(&args.corpus)?;
    if corpus.is_empty() {
        bail!("the corpus is empty: give --corpus with .txt/.html reports");
    }
    let jobs = args.jobs.unwrap_or_else(default_jobs).max(1);
    let extractor = build_extractor()?;
    let geo = vigie_geo::try_shared().context("loading the gazetteer")?;
    let mut f = Figures {
        machine: format!("{} {}", machine_line(), load_line()),
        corpus_documents: corpus.len(),
        corpus_bytes: corpus.iter().map(|d| d.bytes.len()).sum(),
        ..Default::default()
    };
    let budget = Duration::from_secs_f64(args.seconds.max(0.1));

    let quiet = QuietPanics::install();
    eprintln!("bench: extraction, 1 core");
    let (one, failed, names) = extraction_rate(&extractor, &corpus, 1, budget);
    f.extraction_one_core = Some(one);
    f.failed_documents = failed;
    eprintln!("bench: extraction, {jobs} cores");
    f.extraction_all_cores = Some(extraction_rate(&extractor, &corpus, jobs, budget).0);

    eprintln!("bench: gazetteer lookups");
    let queries = gazetteer_queries(names);
    f.gazetteer_queries = queries.len();
    f.gazetteer_lookups_per_s = lookup_rate(geo.as_ref(), &queries, budget);

    for &n in &args.scale {
        eprintln!("bench: scale, {n} documents");
        f.scale.push(scale_step(&extractor, &corpus, n, jobs));
    }
    drop(quiet);

    let tmp = TempDir::new()?;
    if !args.no_end_to_end {
        let input = tmp.path.join("corpus.jsonl");
        write_jsonl(&input, &corpus, args.docs)?;
        eprintln!("bench: vigie extract on {} documents", args.docs);
        let exe = std::env::current_exe().context("locating the vigie binary")?;
        let extract = vec!["extract".to_string(), input.display().to_string()];
        f.end_to_end.push(child_run(&exe, &extract, args.docs));
        eprintln!("bench: vigie ingest on {} documents", args.docs);
        let db = tmp.path.join("bench.sqlite");
        let ingest = vec![
            "ingest".to_string(),
            "--quiet".to_string(),
            input.display().to_string(),
            "--db".to_string(),
            db.display().to_string(),
        ];
        f.end_to_end.push(child_run(&exe, &ingest, args.docs));
    }

    if !args.no_baseline {
        match baseline_python(&args) {
            Some(py) => {
                eprintln!("bench: spaCy baseline on {} documents", args.baseline_docs);
                match baseline_rate(&py, &corpus, args.baseline_docs, &tmp.path) {
                    Ok(r) => {
                        if let Some(one) = &f.extraction_one_core {
                            f.ratio_vs_baseline = Some(one.mb_per_s / r.mb_per_s.max(1e-12));
                        }
                        f.baseline = Some(r);
                    }
                    Err(e) => f.baseline_error = Some(format!("{e:#}")),
                }
            }
            None => {
                f.baseline_error = Some(
                    "no baseline venv: run eval/peers/setup.sh or pass --baseline-python".into(),
                )
            }
        }
    }

    let md = markdown(&f);
    if let Some(path) = &args.write {
        std::fs::write(path, &md).with_context(|| format!("writing {}", path.display()))?;
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &f)?;
        writeln!(out)?;
    } else {
        write!(out, "{md}")?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The load average when the bench starts: on a shared machine, other work
/// skews the figures, and the reader should know.
fn load_line() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .next()
                .map(|l| format!("Load average (1 min) at start: {l}."))
        })
        .unwrap_or_default()
}

/// The repository root this binary was built from (for default paths).
fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn load_corpus(given: &[PathBuf]) -> Result<Vec<CorpusDoc>> {
    let defaults = [
        repo_root().join("tests/fixtures/reports"),
        repo_root().join("crates/eval/tests/fixtures/news_gold.jsonl"),
        repo_root().join("../shared/examples"),
    ];
    let roots: Vec<PathBuf> = if given.is_empty() {
        defaults.to_vec()
    } else {
        given.to_vec()
    };
    let mut files = Vec::new();
    for root in &roots {
        if root.is_file() {
            files.push(root.clone());
        } else if root.is_dir() {
            collect_files(root, &mut files)?;
        } else if !given.is_empty() {
            bail!("{}: no such file or directory", root.display());
        }
    }
    files.sort();
    let mut docs = Vec::new();
    for path in files {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".jsonl") {
            docs.extend(jsonl_corpus(&path)?);
            continue;
        }
        if lower.ends_with(".json") {
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("reading {}", path.display()))?;
            let v: serde_json::Value =
                serde_json::from_str(&text).with_context(|| format!("{}", path.display()))?;
            docs.push(record_doc(&v, &name).with_context(|| format!("{}", path.display()))?);
            continue;
        }
        let kind = if lower.ends_with(".html") || lower.ends_with(".htm") {
            ContentKind::Html
        } else if lower.ends_with(".txt") {
            ContentKind::Text
        } else {
            continue;
        };
        let language = [".fr.", ".en.", "-fr.", "-en.", "_fr.", "_en."]
            .iter()
            .find(|m| lower.contains(*m))
            .map(|m| m[1..3].to_string());
        let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        docs.push(CorpusDoc {
            name,
            bytes,
            kind,
            language,
            published_at: None,
        });
    }
    Ok(docs)
}

/// Reports from a JSON Lines file: vigie's input records or gold news items
/// (`{id, text|html, language|lang}`); other fields are ignored.
fn jsonl_corpus(path: &Path) -> Result<Vec<CorpusDoc>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut docs = Vec::new();
    for (i, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let v: serde_json::Value = serde_json::from_str(line)
            .with_context(|| format!("{}: line {}", path.display(), i + 1))?;
        let doc = record_doc(&v, &format!("line-{}", i + 1))
            .with_context(|| format!("{}: line {}", path.display(), i + 1))?;
        docs.push(doc);
    }
    Ok(docs)
}

/// One report from a JSON object (`{id, text|html, language|lang, published_at}`,
/// as in tests/fixtures/reports/*.json); other fields are ignored.
fn record_doc(v: &serde_json::Value, fallback_name: &str) -> Result<CorpusDoc> {
    let field = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
    let (bytes, kind) = match (field("text"), field("html")) {
        (Some(t), _) => (t.into_bytes(), ContentKind::Text),
        (None, Some(h)) => (h.into_bytes(), ContentKind::Html),
        (None, None) => bail!("no text or html"),
    };
    Ok(CorpusDoc {
        name: field("id").unwrap_or_else(|| fallback_name.to_string()),
        bytes,
        kind,
        language: field("language").or_else(|| field("lang")),
        published_at: field("published_at").and_then(|d| d.parse().ok()),
    })
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let p = entry?.path();
        if p.is_dir() {
            collect_files(&p, out)?;
        } else {
            out.push(p);
        }
    }
    Ok(())
}

/// The n-th document of an endless stream cycling through the corpus, each
/// with its own id (so nothing downstream can deduplicate the work away).
fn nth_document(corpus: &[CorpusDoc], n: usize) -> Document {
    let c = &corpus[n % corpus.len()];
    let meta = DocMeta {
        id: format!("bench-{n}-{}", c.name),
        language: c.language.clone(),
        published_at: Some(c.published_at.unwrap_or(DEFAULT_PUBLISHED_AT)),
        ..Default::default()
    };
    match c.kind {
        ContentKind::Html => Document::html(meta, c.bytes.clone()),
        ContentKind::Text => Document::text(meta, c.bytes.clone()),
    }
}

/// Extracts the corpus over and over on `workers` threads for at least
/// `budget`; returns the rate, failed documents and the toponyms seen.
fn extraction_rate(
    x: &vigie_extract::Extractor,
    corpus: &[CorpusDoc],
    workers: usize,
    budget: Duration,
) -> (Rate, u64, Vec<String>) {
    let docs: Vec<Document> = (0..corpus.len()).map(|i| nth_document(corpus, i)).collect();
    let start = Instant::now();
    let results: Vec<(u64, u64, u64, Vec<String>)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                let docs = &docs;
                s.spawn(move || {
                    let (mut n, mut bytes, mut failed, mut names) = (0u64, 0u64, 0u64, Vec::new());
                    let mut i = w;
                    // Every worker does at least one full pass over its share.
                    while start.elapsed() < budget || (i < docs.len()) {
                        let d = &docs[i % docs.len()];
                        let p = extract_one(x, d);
                        if p.failure.is_some() {
                            failed += 1;
                        }
                        if i < docs.len() {
                            names.extend(p.toponyms);
                        }
                        n += 1;
                        bytes += d.raw.len() as u64;
                        i += workers;
                    }
                    (n, bytes, failed, names)
                })
            })
            .collect();
        handles.into_iter().filter_map(|h| h.join().ok()).collect()
    });
    let seconds = start.elapsed().as_secs_f64();
    let n = results.iter().map(|r| r.0).sum();
    let bytes = results.iter().map(|r| r.1).sum();
    let failed = results.iter().map(|r| r.2).sum();
    let names = results.into_iter().flat_map(|r| r.3).collect();
    (Rate::new(n, bytes, seconds, workers), failed, names)
}

/// Place names to look up: the extractor's toponyms on the corpus, plus the
/// gold sets' coded locations when ../shared is present (a realistic mix).
fn gazetteer_queries(mut names: Vec<String>) -> Vec<String> {
    let gold = repo_root().join("../shared/gold/acled_dev.csv");
    if let Ok(set) = vigie_eval::read_gold(&gold, None) {
        names.extend(
            set.documents
                .iter()
                .flat_map(|d| d.events.iter().filter_map(|e| e.location.clone())),
        );
    }
    names.retain(|n| !n.trim().is_empty());
    names.sort();
    names.dedup();
    names
}

fn lookup_rate(geo: &dyn Geocoder, names: &[String], budget: Duration) -> Option<f64> {
    if names.is_empty() {
        return None;
    }
    let queries: Vec<ToponymQuery> = names.iter().map(ToponymQuery::new).collect();
    let start = Instant::now();
    let mut n = 0u64;
    let mut resolved = 0u64;
    while start.elapsed() < budget || n < queries.len() as u64 {
        let q = &queries[(n as usize) % queries.len()];
        if geo.resolve(q).best.is_some() {
            resolved += 1;
        }
        n += 1;
    }
    std::hint::black_box(resolved);
    Some(n as f64 / start.elapsed().as_secs_f64().max(1e-9))
}

/// Streams `n` documents through the extractor on `workers` threads, keeping
/// nothing, and reads the peak RSS of this step.
fn scale_step(
    x: &vigie_extract::Extractor,
    corpus: &[CorpusDoc],
    n: usize,
    workers: usize,
) -> ScaleRow {
    reset_peak_rss();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let start = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if i >= n {
                    break;
                }
                let d = nth_document(corpus, i);
                std::hint::black_box(extract_one(x, &d));
            });
        }
    });
    let seconds = start.elapsed().as_secs_f64();
    ScaleRow {
        documents: n,
        seconds,
        docs_per_s: n as f64 / seconds.max(1e-9),
        peak_rss_mb: peak_rss_kb("/proc/self/status").map_or(0.0, |k| k as f64 / 1024.0),
    }
}

/// Resets VmHWM to the current RSS (Linux: write 5 to clear_refs).
fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn peak_rss_kb(status_path: &str) -> Option<u64> {
    let s = std::fs::read_to_string(status_path).ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Writes `n` documents as JSON Lines (`{id, published_at, language, text|html}`).
fn write_jsonl(path: &Path, corpus: &[CorpusDoc], n: usize) -> Result<()> {
    let f = std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?;
    let mut w = std::io::BufWriter::new(f);
    for i in 0..n {
        let c = &corpus[i % corpus.len()];
        let text = String::from_utf8_lossy(&c.bytes);
        let mut rec = serde_json::json!({
            "id": format!("bench-{i}-{}", c.name),
            "published_at": c.published_at.unwrap_or(DEFAULT_PUBLISHED_AT).to_string(),
        });
        if let Some(l) = &c.language {
            rec["language"] = serde_json::Value::String(l.clone());
        }
        let key = if c.kind == ContentKind::Html {
            "html"
        } else {
            "text"
        };
        // A trailing line makes every copy's bytes distinct: the store keys
        // documents by their bytes and would otherwise keep one copy.
        let body = match c.kind {
            ContentKind::Html => format!("{text}\n<!-- bench copy {i} -->\n"),
            ContentKind::Text => format!("{text}\n\n(bench copy {i})\n"),
        };
        rec[key] = serde_json::Value::String(body);
        serde_json::to_writer(&mut w, &rec)?;
        w.write_all(b"\n")?;
    }
    w.flush()?;
    Ok(())
}

/// Runs `vigie <args>` with stdout discarded, polling its peak RSS.
fn child_run(exe: &Path, args: &[String], documents: usize) -> ChildRun {
    let command = format!(
        "vigie {}",
        args.iter()
            .map(|a| shorten(a))
            .collect::<Vec<_>>()
            .join(" ")
    );
    let start = Instant::now();
    let child = Command::new(exe)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => {
            return ChildRun {
                command,
                documents,
                seconds: 0.0,
                docs_per_s: 0.0,
                peak_rss_mb: None,
                error: Some(e.to_string()),
            }
        }
    };
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak: Option<u64> = None;
    let status = loop {
        if let Some(k) = peak_rss_kb(&status_path) {
            peak = Some(peak.map_or(k, |p| p.max(k)));
        }
        match child.try_wait() {
            Ok(Some(s)) => break Ok(s),
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => break Err(e),
        }
    };
    let seconds = start.elapsed().as_secs_f64();
    let mut stderr = String::new();
    if let Some(mut e) = child.stderr.take() {
        use std::io::Read;
        let _ = e.read_to_string(&mut stderr);
    }
    let error = match status {
        Ok(s) if s.success() => None,
        Ok(s) => Some(format!("{s}: {}", telling_line(&stderr))),
        Err(e) => Some(e.to_string()),
    };
    ChildRun {
        command,
        documents,
        seconds,
        docs_per_s: if error.is_none() {
            documents as f64 / seconds.max(1e-9)
        } else {
            0.0
        },
        peak_rss_mb: peak.map(|k| k as f64 / 1024.0),
        error,
    }
}

/// The stderr line that says what went wrong (an error or panic message).
fn telling_line(stderr: &str) -> String {
    let lines: Vec<&str> = stderr
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    lines
        .iter()
        .find(|l| l.contains("error") || l.contains("panicked"))
        .or(lines.last())
        .map(|l| l.replace('|', "/"))
        .unwrap_or_default()
}

fn shorten(arg: &str) -> String {
    Path::new(arg)
        .file_name()
        .filter(|_| arg.contains('/'))
        .and_then(|n| n.to_str())
        .map_or_else(|| arg.to_string(), |n| n.to_string())
}

fn baseline_python(args: &Args) -> Option<PathBuf> {
    args.baseline_python
        .clone()
        .or_else(|| Some(repo_root().join("eval/peers/.venv/bin/python")).filter(|p| p.exists()))
}

/// Runs eval/peers/baseline.py on the same corpus (as news-gold JSON Lines
/// with no events) and reads the rate it measured around its processing loop.
fn baseline_rate(python: &Path, corpus: &[CorpusDoc], n: usize, tmp: &Path) -> Result<Rate> {
    let input = tmp.join("baseline_corpus.jsonl");
    {
        let f = std::fs::File::create(&input)?;
        let mut w = std::io::BufWriter::new(f);
        for i in 0..n.max(corpus.len()) {
            let c = &corpus[i % corpus.len()];
            let rec = serde_json::json!({
                "id": format!("bench-{i}-{}", c.name),
                "lang": c.language.clone().unwrap_or_else(|| "fr".into()),
                "published_at": c.published_at.unwrap_or(DEFAULT_PUBLISHED_AT).to_string(),
                "text": String::from_utf8_lossy(&c.bytes),
                "events": [],
            });
            serde_json::to_writer(&mut w, &rec)?;
            w.write_all(b"\n")?;
        }
        w.flush()?;
    }
    let out_dir = tmp.join("baseline_out");
    let script = repo_root().join("eval/peers/baseline.py");
    let out = Command::new(python)
        .arg(&script)
        .arg("--out")
        .arg(&out_dir)
        .arg(&input)
        .output()
        .with_context(|| format!("running {}", python.display()))?;
    if !out.status.success() {
        bail!(
            "baseline failed: {}",
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .last()
                .unwrap_or_default()
        );
    }
    let preds = vigie_eval::read_predictions(&out_dir.join("baseline_corpus.pred.jsonl"))?;
    let m = preds.meta.context("baseline wrote no meta line")?;
    Ok(Rate::new(
        m.documents,
        m.bytes,
        m.seconds,
        m.workers.max(1) as usize,
    ))
}

/// A temporary directory removed on drop.
struct TempDir {
    path: PathBuf,
}

impl TempDir {
    fn new() -> Result<TempDir> {
        let path = std::env::temp_dir().join(format!("vigie-bench-{}", std::process::id()));
        std::fs::create_dir_all(&path).with_context(|| format!("creating {}", path.display()))?;
        Ok(TempDir { path })
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

fn markdown(f: &Figures) -> String {
    let mut o = String::new();
    o.push_str("# vigie bench\n\n");
    o.push_str(&format!("{}\n\n", f.machine));
    o.push_str(&format!(
        "Corpus: {} reports, {:.1} KB, cycled with fresh ids.\n\n",
        f.corpus_documents,
        f.corpus_bytes as f64 / 1e3
    ));
    if f.failed_documents > 0 {
        o.push_str(&format!(
            "**{} documents failed in the extractor during the 1-core pass.**\n\n",
            f.failed_documents
        ));
    }
    o.push_str("| measurement | documents | seconds | docs/s | MB/s | MB/s per core |\n|---|---:|---:|---:|---:|---:|\n");
    for (name, r) in [
        ("extraction, 1 core", &f.extraction_one_core),
        ("extraction, all cores", &f.extraction_all_cores),
        (
            "baseline (spaCy sm + GeoNames + keywords), 1 process",
            &f.baseline,
        ),
    ] {
        if let Some(r) = r {
            o.push_str(&format!(
                "| {name} ({} workers) | {} | {:.2} | {:.0} | {:.3} | {:.3} |\n",
                r.workers, r.documents, r.seconds, r.docs_per_s, r.mb_per_s, r.mb_per_s_per_core
            ));
        }
    }
    if let Some(e) = &f.baseline_error {
        o.push_str(&format!("\nbaseline: {e}\n"));
    }
    if let Some(r) = f.ratio_vs_baseline {
        o.push_str(&format!(
            "\nvigie (1 core) vs baseline (1 process): **{r:.1}×** the MB/s.\n"
        ));
    }
    if let Some(l) = f.gazetteer_lookups_per_s {
        o.push_str(&format!(
            "\nGazetteer: {l:.0} lookups/s on one core ({} distinct names).\n",
            f.gazetteer_queries
        ));
    }
    if !f.scale.is_empty() {
        o.push_str("\nScale (documents streamed through the extractor, nothing kept):\n\n| documents | seconds | docs/s | peak RSS (MB) |\n|---:|---:|---:|---:|\n");
        for s in &f.scale {
            o.push_str(&format!(
                "| {} | {:.2} | {:.0} | {:.1} |\n",
                s.documents, s.seconds, s.docs_per_s, s.peak_rss_mb
            ));
        }
    }
    if !f.end_to_end.is_empty() {
        o.push_str("\nEnd to end (child process, output discarded):\n\n| command | documents | seconds | docs/s | peak RSS (MB) | error |\n|---|---:|---:|---:|---:|---|\n");
        for c in &f.end_to_end {
            o.push_str(&format!(
                "| `{}` | {} | {:.2} | {:.0} | {} | {} |\n",
                c.command,
                c.documents,
                c.seconds,
                c.docs_per_s,
                c.peak_rss_mb.map_or("–".into(), |m| format!("{m:.1}")),
                c.error.as_deref().unwrap_or("")
            ));
        }
    }
    o
}

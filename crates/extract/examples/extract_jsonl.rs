//! Development driver: extracts every record of a JSON Lines file and writes
//! one `DocumentExtraction` per line, using only this crate and the
//! gazetteer (no CLI, no store). Handy for error analysis on large sets:
//!
//! ```sh
//! cargo run --release -p vigie-extract --example extract_jsonl -- in.jsonl > out.jsonl
//! ```

use std::io::Write;

/// The allocator the `vigie` binary ships with, so the figure is the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::sync::Arc;

use vigie_text::input::{read_bytes, InputFormat, InputItem, DEFAULT_MAX_BYTES};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: extract_jsonl FILE.jsonl")?;
    let bytes = std::fs::read(&path)?;
    let t0 = std::time::Instant::now();
    let geocoder: Arc<dyn vigie_core::Geocoder> = vigie_geo::try_shared()?;
    let extractor = vigie_extract::Extractor::new(geocoder)?;
    let loaded = t0.elapsed();
    let t1 = std::time::Instant::now();
    let mut text_bytes = 0usize;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for item in read_bytes(
        &path,
        bytes,
        InputFormat::JsonLines,
        &Default::default(),
        DEFAULT_MAX_BYTES,
    ) {
        match item {
            InputItem::Document(doc) => {
                text_bytes += doc.raw.len();
                serde_json::to_writer(&mut out, &extractor.extract(&doc))?;
                writeln!(out)?;
            }
            InputItem::Rejected { id, reason } => eprintln!("rejected {id}: {reason}"),
        }
    }
    out.flush()?;
    let secs = t1.elapsed().as_secs_f64();
    eprintln!(
        "loaded in {:.2} s; extracted {:.2} MB in {:.2} s: {:.2} MB/s (one thread, JSON output included)",
        loaded.as_secs_f64(),
        text_bytes as f64 / 1e6,
        secs,
        text_bytes as f64 / 1e6 / secs
    );
    Ok(())
}

//! Fuzz target: the extractor on arbitrary bytes, as text and as HTML.
//!
//! ```sh
//! cargo install cargo-fuzz   # needs a nightly toolchain
//! cargo +nightly fuzz run extract -- -max_total_time=300
//! ```
#![no_main]

use std::sync::{Arc, OnceLock};

use libfuzzer_sys::fuzz_target;
use vigie_core::{DocMeta, Document};
use vigie_extract::Extractor;

fn extractor() -> &'static Extractor {
    static E: OnceLock<Extractor> = OnceLock::new();
    E.get_or_init(|| {
        let g: Arc<dyn vigie_core::Geocoder> = vigie_geo::shared();
        Extractor::new(g).expect("lexicons compile")
    })
}

fuzz_target!(|data: &[u8]| {
    let meta = DocMeta { id: "fuzz".into(), published_at: Some(jiff_date()), ..Default::default() };
    let _ = extractor().extract(&Document::text(meta.clone(), data.to_vec()));
    let _ = extractor().extract(&Document::html(meta, data.to_vec()));
});

fn jiff_date() -> jiff::civil::Date {
    jiff::civil::date(2025, 10, 27)
}

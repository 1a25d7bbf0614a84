//! Resolves one name with optional context and prints the JSON answer:
//! `cargo run -p vigie-geo --example resolve -- NAME [CC] [ADMIN...]`.
//! (The `vigie geocode` command is the user-facing tool; this example needs
//! only this crate, for quick checks while working on the gazetteer.)
use vigie_core::place::{GeoContext, Geocoder, ToponymQuery};

fn main() {
    let mut args = std::env::args().skip(1);
    let name = args.next().unwrap_or_default();
    let countries: Vec<String> = args.next().into_iter().collect();
    let admin_mentions: Vec<String> = args.collect();
    let g = vigie_geo::shared();
    let r = g.resolve(&ToponymQuery {
        name,
        cue: None,
        context: GeoContext {
            countries,
            admin_mentions,
            other_places: vec![],
        },
    });
    match serde_json::to_string_pretty(&r) {
        Ok(s) => println!("{s}"),
        Err(e) => eprintln!("{e}"),
    }
}

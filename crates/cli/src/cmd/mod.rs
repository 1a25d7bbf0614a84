//! One module per subcommand; each owns its `Args` and `run`.
pub mod bench;
pub mod eval;
pub mod export;
pub mod extract;
pub mod gazetteer;
pub mod geocode;
pub mod ingest;
pub mod serve;
pub mod token;

use anyhow::Context;

/// The store `--db` names (a SQLite path or a postgres:// URL; default
/// `$VIGIE_DB`, else vigie.db in the user's data directory), with the
/// location it was opened at.
pub fn open_store(
    db: Option<String>,
) -> anyhow::Result<(String, std::sync::Arc<dyn vigie_store::Store>)> {
    let location = db.unwrap_or_else(vigie_store::default_location);
    let store =
        vigie_store::open(&location).with_context(|| format!("opening the database {location}"))?;
    Ok((location, store))
}

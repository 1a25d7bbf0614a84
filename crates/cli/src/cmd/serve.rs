//! `vigie serve`: the HTTP API and the web dashboard, from one binary.
use anyhow::Context;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(clap::Args)]
pub struct Args {
    /// Database: a SQLite file path or a postgres:// URL (default: $VIGIE_DB,
    /// else vigie.db in the user's data directory).
    #[arg(long)]
    db: Option<String>,
    /// Address to listen on. The default listens on this machine only.
    #[arg(long, default_value = "127.0.0.1:8080")]
    bind: String,
    /// Largest request body accepted (documents included), in MiB.
    #[arg(long, default_value_t = 8)]
    max_body_mb: usize,
    /// Allow this origin to read the API from a browser (CORS). Repeatable.
    /// Off by default: only the dashboard served here can call the API.
    #[arg(long = "cors-origin")]
    cors_origins: Vec<String>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.max_body_mb == 0 || args.max_body_mb > 1024 {
        anyhow::bail!("--max-body-mb must be between 1 and 1024");
    }
    let (location, store) = super::open_store(args.db)?;
    let geocoder = vigie_geo::try_shared().context("loading the gazetteer")?;
    let extractor = vigie_extract::Extractor::new(geocoder).context("building the extractor")?;
    let config = vigie_server::ServerConfig {
        max_body_bytes: args.max_body_mb * 1024 * 1024,
        cors_origins: args.cors_origins,
    };
    let state = vigie_server::AppState::new(store, Arc::new(extractor), config)
        .context("registering the extraction run")?;
    eprintln!("vigie: database {location}");
    vigie_server::serve_blocking(&args.bind, state)?;
    Ok(ExitCode::SUCCESS)
}

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

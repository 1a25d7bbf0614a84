//! `vigie token`: API tokens for the write routes of `vigie serve`.
//!
//! The secret is printed once, at creation; the database keeps only its hash.
use anyhow::Context;
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum Command {
    /// Create a token and print its secret (shown only this once).
    Create {
        /// A name to recognise the token by (who or what uses it).
        #[arg(long, default_value = "api")]
        name: String,
        /// Database: a SQLite file path or a postgres:// URL.
        #[arg(long)]
        db: Option<String>,
    },
    /// List tokens (never their secrets).
    List {
        #[arg(long)]
        db: Option<String>,
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
    },
    /// Revoke a token by id; requests with it are refused from then on.
    Revoke {
        id: i64,
        #[arg(long)]
        db: Option<String>,
    },
}

fn open(db: Option<String>) -> anyhow::Result<std::sync::Arc<dyn vigie_store::Store>> {
    Ok(super::open_store(db)?.1)
}

pub fn run(c: Command) -> anyhow::Result<ExitCode> {
    match c {
        Command::Create { name, db } => {
            let name = name.trim().to_string();
            if name.is_empty() || name.len() > 200 {
                anyhow::bail!("--name must be 1 to 200 characters");
            }
            let store = open(db)?;
            let token = store.create_token(&name).context("creating the token")?;
            println!("{}", token.secret);
            eprintln!(
                "vigie: token {} ({:?}) created; this is the only time its secret is shown. \
                 Send it as `Authorization: Bearer <token>`.",
                token.info.id, token.info.name
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::List { db, json } => {
            let store = open(db)?;
            let tokens = store.tokens().context("listing tokens")?;
            if json {
                println!("{}", serde_json::to_string_pretty(&tokens)?);
            } else {
                println!(
                    "{:>4}  {:<24}  {:<8}  {:<13}  last used (ms)",
                    "id", "name", "revoked", "created (ms)"
                );
                for t in tokens {
                    println!(
                        "{:>4}  {:<24}  {:<8}  {:<13}  {}",
                        t.id,
                        t.name,
                        if t.revoked { "yes" } else { "no" },
                        t.created_at_ms,
                        t.last_used_at_ms
                            .map(|v| v.to_string())
                            .unwrap_or_else(|| "never".into())
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Revoke { id, db } => {
            let store = open(db)?;
            if store.revoke_token(id).context("revoking the token")? {
                eprintln!("vigie: token {id} revoked");
                Ok(ExitCode::SUCCESS)
            } else {
                eprintln!("vigie: error: no token {id}");
                Ok(ExitCode::from(1))
            }
        }
    }
}

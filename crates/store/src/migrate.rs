//! Versioned migrations, one list per backend.
//!
//! Each migration runs once, in a transaction, and is recorded in
//! `schema_migrations`. On PostgreSQL an advisory lock makes concurrent
//! first starts (several workers on a fresh database) wait for each other;
//! on SQLite the immediate write transaction does the same.

use crate::error::{Result, StoreError};
use crate::sql::{in_tx, now_ms, Db, Dialect, TxKind};

/// How a migration changes the schema.
enum Step {
    Sql(&'static str),
    /// PostGIS geometry column, only if the extension is installed.
    PostgisIfAvailable(&'static str),
}

struct Migration {
    version: i64,
    name: &'static str,
    step: Step,
}

const SQLITE: &[Migration] = &[Migration {
    version: 1,
    name: "init",
    step: Step::Sql(include_str!("../migrations/sqlite/0001_init.sql")),
}];

const POSTGRES: &[Migration] = &[
    Migration {
        version: 1,
        name: "init",
        step: Step::Sql(include_str!("../migrations/postgres/0001_init.sql")),
    },
    Migration {
        version: 2,
        name: "postgis",
        step: Step::PostgisIfAvailable(include_str!("../migrations/postgres/0002_postgis.sql")),
    },
];

/// An arbitrary constant: the advisory lock key for migrations.
const MIGRATION_LOCK: i64 = 0x7669_6769_6501;

/// Brings the schema up to date; returns (schema version, PostGIS in use).
pub fn migrate(db: &mut dyn Db) -> Result<(i64, bool)> {
    let list = match db.dialect() {
        Dialect::Sqlite => SQLITE,
        Dialect::Postgres { .. } => POSTGRES,
    };
    let known = list.last().map(|m| m.version).unwrap_or(0);
    in_tx(db, TxKind::Write, |db| {
        if matches!(db.dialect(), Dialect::Postgres { .. }) {
            db.query(
                "SELECT 1 FROM (SELECT pg_advisory_xact_lock($1)) AS l",
                &[MIGRATION_LOCK.into()],
            )?;
        }
        // Under the lock: `CREATE TABLE IF NOT EXISTS` alone races on PostgreSQL.
        db.batch(
            "CREATE TABLE IF NOT EXISTS schema_migrations (
                version BIGINT PRIMARY KEY,
                name TEXT NOT NULL,
                applied_at_ms BIGINT NOT NULL
            )",
        )?;
        let current = db
            .query_one(
                "SELECT CAST(COALESCE(MAX(version), 0) AS BIGINT) FROM schema_migrations",
                &[],
            )?
            .int(0)?;
        if current > known {
            return Err(StoreError::SchemaTooNew {
                found: current,
                known,
            });
        }
        for m in list.iter().filter(|m| m.version > current) {
            apply(db, m).map_err(|e| StoreError::Migration {
                version: m.version,
                name: m.name.to_string(),
                message: e.to_string(),
            })?;
            db.exec(
                "INSERT INTO schema_migrations (version, name, applied_at_ms) VALUES ($1, $2, $3)",
                &[m.version.into(), m.name.into(), now_ms().into()],
            )?;
        }
        let postgis = db
            .query_opt("SELECT value FROM store_meta WHERE key = 'postgis'", &[])?
            .map(|r| r.text(0))
            .transpose()?
            .is_some_and(|v| v == "1");
        Ok((known, postgis))
    })
}

fn apply(db: &mut dyn Db, m: &Migration) -> Result<()> {
    match m.step {
        Step::Sql(sql) => db.batch(sql),
        Step::PostgisIfAvailable(sql) => {
            let installed = db
                .query_opt(
                    "SELECT extname::text FROM pg_extension WHERE extname = 'postgis'",
                    &[],
                )?
                .is_some();
            if installed {
                db.batch(sql)?;
            }
            let on = installed;
            db.exec(
                "INSERT INTO store_meta (key, value) VALUES ('postgis', $1)",
                &[if on { "1" } else { "0" }.into()],
            )?;
            Ok(())
        }
    }
}

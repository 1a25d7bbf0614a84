//! The one implementation of [`Store`] over either backend's connections.

mod analyst;
mod clusters;
mod documents;
mod jobs;
mod read;

use crate::backend::{pg::PgDb, sqlite::SqliteDb};
use crate::error::{Result, StoreError};
use crate::model::*;
use crate::sql::pool::{Pool, PooledDb};
use crate::sql::{Db, Dialect};
use crate::{ExtractFn, Store};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use clusters::day_number;

/// A store over SQLite or PostgreSQL.
pub struct SqlStore {
    pool: Pool,
    info: StoreInfo,
}

impl SqlStore {
    /// Opens (creating if needed) a SQLite database file and migrates it.
    pub fn open_sqlite(path: &Path) -> Result<Self> {
        let mut first: Box<dyn Db> = Box::new(SqliteDb::open(path)?);
        let (schema_version, _) = crate::migrate::migrate(first.as_mut())?;
        let owned: PathBuf = path.to_path_buf();
        let pool = Pool::new(
            Box::new(move || Ok(Box::new(SqliteDb::open(&owned)?) as Box<dyn Db>)),
            8,
        );
        pool.give(first);
        Ok(SqlStore {
            pool,
            info: StoreInfo {
                backend: BackendKind::Sqlite,
                schema_version,
                postgis: false,
                location: path.display().to_string(),
            },
        })
    }

    /// Connects to PostgreSQL and migrates. With `schema`, everything lives
    /// in that schema (created if needed) — how tests stay apart.
    pub fn open_postgres(url: &str, schema: Option<&str>) -> Result<Self> {
        let mut first = PgDb::connect(url, schema)?;
        let (schema_version, postgis) = crate::migrate::migrate(&mut first)?;
        first.set_postgis(postgis);
        let (owned_url, owned_schema) = (url.to_string(), schema.map(str::to_string));
        let pool = Pool::new(
            Box::new(move || {
                let mut db = PgDb::connect(&owned_url, owned_schema.as_deref())?;
                db.set_postgis(postgis);
                Ok(Box::new(db) as Box<dyn Db>)
            }),
            16,
        );
        pool.give(Box::new(first));
        Ok(SqlStore {
            pool,
            info: StoreInfo {
                backend: BackendKind::Postgres,
                schema_version,
                postgis,
                location: redact_password(url),
            },
        })
    }

    /// A connection from the pool; dropped (not reused) if `f` fails with a
    /// database error, since its session state is then unknown.
    fn with_db<R>(&self, f: impl FnOnce(&mut dyn Db) -> Result<R>) -> Result<R> {
        let mut db: PooledDb<'_> = self.pool.get()?;
        let r = f(&mut *db);
        if matches!(r, Err(StoreError::Postgres(_)) | Err(StoreError::Sqlite(_))) {
            db.discard();
        }
        r
    }

    pub(crate) fn dialect(&self) -> Dialect {
        match self.info.backend {
            BackendKind::Sqlite => Dialect::Sqlite,
            BackendKind::Postgres => Dialect::Postgres {
                postgis: self.info.postgis,
            },
        }
    }
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`.
fn redact_password(url: &str) -> String {
    let Some(scheme_end) = url.find("://") else {
        return url.to_string();
    };
    let rest = &url[scheme_end + 3..];
    match (rest.find('@'), rest.find(':')) {
        (Some(at), Some(colon)) if colon < at => {
            format!(
                "{}{}:***{}",
                &url[..scheme_end + 3],
                &rest[..colon],
                &rest[at..]
            )
        }
        _ => url.to_string(),
    }
}

/// Where the database is when `--db` is not given: `$VIGIE_DB`, else
/// `vigie.db` under the user's data directory (`~/.local/share/vigie/` on
/// Linux), else the current directory.
pub fn default_location() -> String {
    if let Ok(v) = std::env::var("VIGIE_DB") {
        if !v.trim().is_empty() {
            return v;
        }
    }
    dirs::data_dir()
        .map(|d| d.join("vigie").join("vigie.db"))
        .unwrap_or_else(|| PathBuf::from("vigie.db"))
        .display()
        .to_string()
}

/// Opens a store from `--db`: a `postgres://` / `postgresql://` URL, or a
/// SQLite file path (optionally `sqlite:` prefixed).
pub fn open(location: &str) -> Result<Arc<dyn Store>> {
    let loc = location.trim();
    if loc.is_empty() {
        return Err(StoreError::Location(
            location.to_string(),
            "empty".to_string(),
        ));
    }
    if loc.starts_with("postgres://") || loc.starts_with("postgresql://") {
        return Ok(Arc::new(SqlStore::open_postgres(loc, None)?));
    }
    let path = loc
        .strip_prefix("sqlite://")
        .or_else(|| loc.strip_prefix("sqlite:"))
        .unwrap_or(loc);
    if path == ":memory:" {
        return Err(StoreError::Location(
            location.to_string(),
            "in-memory SQLite is not supported (each connection would see its own database); use a file"
                .to_string(),
        ));
    }
    Ok(Arc::new(SqlStore::open_sqlite(Path::new(path))?))
}

impl Store for SqlStore {
    fn info(&self) -> StoreInfo {
        self.info.clone()
    }
    fn ensure_run(&self, versions: &RunVersions) -> Result<RunInfo> {
        self.with_db(|db| documents::ensure_run(db, versions))
    }
    fn runs(&self) -> Result<Vec<RunInfo>> {
        self.with_db(documents::runs)
    }
    fn put_document(&self, doc: &NewDocument, run: Option<RunId>) -> Result<PutDocument> {
        self.with_db(|db| documents::put_document(db, doc, run))
    }
    fn put_documents(&self, docs: &[NewDocument], run: Option<RunId>) -> Result<Vec<PutDocument>> {
        self.with_db(|db| {
            crate::sql::in_tx(db, crate::sql::TxKind::Write, |db| {
                docs.iter()
                    .map(|d| documents::put_document_in_tx(db, d, run))
                    .collect()
            })
        })
    }
    fn queue_all(&self, run: RunId) -> Result<u64> {
        self.with_db(|db| documents::queue_all(db, run))
    }
    fn pending(&self, run: RunId) -> Result<u64> {
        self.with_db(|db| documents::pending(db, run))
    }
    fn process_next(
        &self,
        run: RunId,
        worker: &str,
        extract: &mut ExtractFn<'_>,
    ) -> Result<Option<Processed>> {
        self.with_db(|db| jobs::process_next(db, run, worker, extract))
    }
    fn process_document(
        &self,
        document: DocumentId,
        run: RunId,
        worker: &str,
        extract: &mut ExtractFn<'_>,
    ) -> Result<Processed> {
        self.with_db(|db| jobs::process_document(db, document, run, worker, extract))
    }
    fn record_rejection(&self, rejection: &NewRejection) -> Result<()> {
        self.with_db(|db| documents::record_rejection(db, rejection))
    }
    fn rejections(&self, page: Page) -> Result<Paged<Rejection>> {
        self.with_db(|db| documents::rejections(db, page))
    }
    fn documents(&self, filter: &DocumentFilter, page: Page) -> Result<Paged<DocumentSummary>> {
        self.with_db(|db| documents::list(db, filter, page))
    }
    fn document(&self, id: DocumentId) -> Result<Option<DocumentDetail>> {
        self.with_db(|db| documents::detail(db, id))
    }
    fn document_by_sha256(&self, sha256_hex: &str) -> Result<Option<DocumentSummary>> {
        self.with_db(|db| documents::by_sha256(db, sha256_hex))
    }
    fn document_raw(&self, id: DocumentId) -> Result<Option<StoredDocument>> {
        self.with_db(|db| documents::raw(db, id))
    }
    fn events(
        &self,
        filter: &EventFilter,
        sort: EventSort,
        page: Page,
    ) -> Result<Paged<EventSummary>> {
        let dialect = self.dialect();
        self.with_db(|db| read::events(db, dialect, filter, sort, page))
    }
    fn event(&self, id: EventId) -> Result<Option<EventDetail>> {
        self.with_db(|db| read::event(db, id))
    }
    fn for_each_event(
        &self,
        filter: &EventFilter,
        sink: &mut dyn FnMut(MergedEvent) -> Result<()>,
    ) -> Result<u64> {
        let dialect = self.dialect();
        self.with_db(|db| read::for_each_event(db, dialect, filter, sink))
    }
    fn mentions(&self, filter: &MentionFilter, page: Page) -> Result<Paged<MentionRecord>> {
        self.with_db(|db| read::mentions(db, filter, page))
    }
    fn stats(&self, filter: &EventFilter) -> Result<Stats> {
        let dialect = self.dialect();
        self.with_db(|db| read::stats(db, dialect, filter))
    }
    fn correct(&self, correction: &NewCorrection) -> Result<Correction> {
        self.with_db(|db| analyst::correct(db, correction))
    }
    fn corrections(&self, event: EventId) -> Result<Vec<Correction>> {
        self.with_db(|db| analyst::corrections(db, event))
    }
    fn create_token(&self, name: &str) -> Result<NewToken> {
        self.with_db(|db| analyst::create_token(db, name))
    }
    fn verify_token(&self, secret: &str) -> Result<Option<TokenInfo>> {
        self.with_db(|db| analyst::verify_token(db, secret))
    }
    fn tokens(&self) -> Result<Vec<TokenInfo>> {
        self.with_db(analyst::tokens)
    }
    fn revoke_token(&self, id: i64) -> Result<bool> {
        self.with_db(|db| analyst::revoke_token(db, id))
    }
}

#[cfg(test)]
mod tests {
    use super::redact_password;

    #[test]
    fn passwords_do_not_leak_into_info() {
        assert_eq!(
            redact_password("postgres://u:pw@h:5432/d"),
            "postgres://u:***@h:5432/d"
        );
        assert_eq!(redact_password("postgres://h/d"), "postgres://h/d");
    }
}

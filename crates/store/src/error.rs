//! The store's one error type.

/// Everything that can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("postgres: {0}")]
    Postgres(#[from] postgres::Error),
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
    #[error("database location {0:?}: {1}")]
    Location(String, String),
    #[error("migration {version} ({name}): {message}")]
    Migration {
        version: i64,
        name: String,
        message: String,
    },
    #[error(
        "database schema is version {found}, newer than this vigie knows ({known}); upgrade vigie"
    )]
    SchemaTooNew { found: i64, known: i64 },
    #[error("not found: {0}")]
    NotFound(String),
    #[error("invalid {what}: {message}")]
    Invalid { what: String, message: String },
    #[error("unexpected value in column {column}: {message}")]
    Decode { column: String, message: String },
    #[error("export: {0}")]
    Export(String),
}

impl StoreError {
    pub(crate) fn invalid(what: &str, message: impl Into<String>) -> Self {
        StoreError::Invalid {
            what: what.to_string(),
            message: message.into(),
        }
    }
    pub(crate) fn decode(column: &str, message: impl Into<String>) -> Self {
        StoreError::Decode {
            column: column.to_string(),
            message: message.into(),
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

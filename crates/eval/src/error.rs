//! Errors of the evaluation harness: every one names the file and, where it
//! can, the line or row, so a user fixes their gold file in one go.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: line {line}: {message}")]
    Line {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("{path}: not an ACLED export: missing column(s) {missing} (found: {found})")]
    MissingColumns {
        path: PathBuf,
        missing: String,
        found: String,
    },
    #[error("{path}: row {row}: {message}")]
    Row {
        path: PathBuf,
        row: usize,
        message: String,
    },
    #[error("{path}: {message}")]
    Format { path: PathBuf, message: String },
    #[error("data file {file}: line {line}: {message}")]
    Data {
        file: String,
        line: usize,
        message: String,
    },
}

pub type Result<T> = std::result::Result<T, EvalError>;

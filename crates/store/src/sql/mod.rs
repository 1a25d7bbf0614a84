//! A thin layer over the two database clients so the store's logic is
//! written once.
//!
//! Statements are written with PostgreSQL's `$1, $2, …` placeholders; the
//! SQLite side rewrites them to `?1, ?2, …` (same numbering). Values cross
//! the layer as [`Value`], rows come back as [`Row`]. The schema keeps to
//! types both databases share (BIGINT, DOUBLE PRECISION, TEXT, bytes), so the
//! same statement runs on both; where the dialects differ (job claiming,
//! the merge lock, spatial filters) the code asks [`Db::dialect`].

pub mod pool;

use crate::error::{Result, StoreError};

/// A parameter or a column value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Int(v)
    }
}
impl From<u32> for Value {
    fn from(v: u32) -> Self {
        Value::Int(i64::from(v))
    }
}
impl From<u8> for Value {
    fn from(v: u8) -> Self {
        Value::Int(i64::from(v))
    }
}
impl From<bool> for Value {
    fn from(v: bool) -> Self {
        Value::Int(i64::from(v))
    }
}
impl From<f64> for Value {
    fn from(v: f64) -> Self {
        Value::Real(v)
    }
}
impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(v)
    }
}
impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(v.to_string())
    }
}
impl From<&String> for Value {
    fn from(v: &String) -> Self {
        Value::Text(v.clone())
    }
}
impl From<Vec<u8>> for Value {
    fn from(v: Vec<u8>) -> Self {
        Value::Blob(v)
    }
}
impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Self {
        v.map(Into::into).unwrap_or(Value::Null)
    }
}

/// One result row, columns in statement order.
#[derive(Debug, Clone, PartialEq)]
pub struct Row(pub Vec<Value>);

impl Row {
    /// Number of columns.
    pub fn width(&self) -> usize {
        self.0.len()
    }
    fn at(&self, i: usize) -> Result<&Value> {
        self.0
            .get(i)
            .ok_or_else(|| StoreError::decode(&i.to_string(), "no such column"))
    }
    pub fn int(&self, i: usize) -> Result<i64> {
        match self.at(i)? {
            Value::Int(v) => Ok(*v),
            Value::Real(v) => Ok(*v as i64),
            other => Err(StoreError::decode(
                &i.to_string(),
                format!("expected integer, got {other:?}"),
            )),
        }
    }
    pub fn opt_int(&self, i: usize) -> Result<Option<i64>> {
        match self.at(i)? {
            Value::Null => Ok(None),
            _ => self.int(i).map(Some),
        }
    }
    pub fn real(&self, i: usize) -> Result<Option<f64>> {
        match self.at(i)? {
            Value::Null => Ok(None),
            Value::Real(v) => Ok(Some(*v)),
            Value::Int(v) => Ok(Some(*v as f64)),
            other => Err(StoreError::decode(
                &i.to_string(),
                format!("expected number, got {other:?}"),
            )),
        }
    }
    pub fn opt_text(&self, i: usize) -> Result<Option<String>> {
        match self.at(i)? {
            Value::Null => Ok(None),
            Value::Text(s) => Ok(Some(s.clone())),
            Value::Int(v) => Ok(Some(v.to_string())),
            other => Err(StoreError::decode(
                &i.to_string(),
                format!("expected text, got {other:?}"),
            )),
        }
    }
    pub fn text(&self, i: usize) -> Result<String> {
        self.opt_text(i)?
            .ok_or_else(|| StoreError::decode(&i.to_string(), "unexpected NULL"))
    }
    pub fn blob(&self, i: usize) -> Result<Vec<u8>> {
        match self.at(i)? {
            Value::Blob(b) => Ok(b.clone()),
            Value::Text(s) => Ok(s.as_bytes().to_vec()),
            Value::Null => Ok(Vec::new()),
            other => Err(StoreError::decode(
                &i.to_string(),
                format!("expected bytes, got {other:?}"),
            )),
        }
    }
    pub fn date(&self, i: usize) -> Result<Option<jiff::civil::Date>> {
        match self.opt_text(i)? {
            None => Ok(None),
            Some(s) if s.is_empty() => Ok(None),
            Some(s) => s
                .parse()
                .map(Some)
                .map_err(|e| StoreError::decode(&i.to_string(), format!("bad date {s:?}: {e}"))),
        }
    }
    pub fn json<T: serde::de::DeserializeOwned>(&self, i: usize) -> Result<T> {
        let s = self.text(i)?;
        Ok(serde_json::from_str(&s)?)
    }
}

/// Which SQL dialect a connection speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres { postgis: bool },
}

/// How a transaction starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TxKind {
    /// Plain `BEGIN`.
    Read,
    /// SQLite: `BEGIN IMMEDIATE`, taking the write lock up front so two
    /// writers never deadlock on a lock upgrade.
    Write,
}

/// One database connection.
pub trait Db: Send {
    fn dialect(&self) -> Dialect;
    /// Several `;`-separated statements, no parameters (migrations).
    fn batch(&mut self, sql: &str) -> Result<()>;
    /// A statement; returns the number of rows changed.
    fn exec(&mut self, sql: &str, params: &[Value]) -> Result<u64>;
    /// A query; returns every row.
    fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>>;
    /// A query planned for these parameter values, not cached: for
    /// statements whose best plan depends on the values (a date window and
    /// a bounding box), where a cached generic plan can be many times slower.
    fn query_once(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>> {
        self.query(sql, params)
    }
    /// A query, rows handed to `each` one at a time (exports).
    fn query_each(
        &mut self,
        sql: &str,
        params: &[Value],
        each: &mut dyn FnMut(Row) -> Result<()>,
    ) -> Result<()>;
    fn begin(&mut self, kind: TxKind) -> Result<()>;
    fn commit(&mut self) -> Result<()>;
    fn rollback(&mut self) -> Result<()>;

    /// The first row, if any.
    fn query_opt(&mut self, sql: &str, params: &[Value]) -> Result<Option<Row>> {
        Ok(self.query(sql, params)?.into_iter().next())
    }
    /// Exactly one row.
    fn query_one(&mut self, sql: &str, params: &[Value]) -> Result<Row> {
        self.query_opt(sql, params)?
            .ok_or_else(|| StoreError::NotFound(format!("no row for: {}", first_line(sql))))
    }
}

fn first_line(sql: &str) -> &str {
    sql.trim().lines().next().unwrap_or_default()
}

/// Runs `f` in a transaction: committed if it returns `Ok`, rolled back
/// otherwise (and if the connection dies, the database rolls it back).
pub fn in_tx<R>(
    db: &mut dyn Db,
    kind: TxKind,
    f: impl FnOnce(&mut dyn Db) -> Result<R>,
) -> Result<R> {
    db.begin(kind)?;
    match f(db) {
        Ok(r) => {
            db.commit()?;
            Ok(r)
        }
        Err(e) => {
            // The original error matters more than a failed rollback.
            let _ = db.rollback();
            Err(e)
        }
    }
}

/// `$1` → `?1` for SQLite. `$` never appears in our SQL otherwise.
pub fn to_sqlite_placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '$' && chars.peek().is_some_and(|n| n.is_ascii_digit()) {
            out.push('?');
        } else {
            out.push(c);
        }
    }
    out
}

/// Escapes `%`, `_` and `\` for a `LIKE … ESCAPE '\'` pattern and wraps it
/// in `%…%`, lower-cased (search columns are stored lower-cased).
pub fn like_pattern(needle: &str) -> String {
    let mut p = String::with_capacity(needle.len() + 2);
    p.push('%');
    for c in needle.trim().to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

/// Builds a statement and its parameters together, numbering placeholders.
#[derive(Debug, Default)]
pub struct SqlBuilder {
    pub sql: String,
    pub params: Vec<Value>,
}

impl SqlBuilder {
    pub fn new(sql: &str) -> Self {
        SqlBuilder {
            sql: sql.to_string(),
            params: Vec::new(),
        }
    }
    /// Adds a parameter and returns its placeholder (`$n`).
    pub fn bind(&mut self, v: impl Into<Value>) -> String {
        self.params.push(v.into());
        format!("${}", self.params.len())
    }
    pub fn push(&mut self, s: &str) -> &mut Self {
        self.sql.push_str(s);
        self
    }
}

/// Now, in Unix milliseconds.
pub fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_sqlite_numbered() {
        assert_eq!(
            to_sqlite_placeholders("a = $1 AND b = $12"),
            "a = ?1 AND b = ?12"
        );
    }

    #[test]
    fn like_pattern_escapes_wildcards() {
        assert_eq!(like_pattern("50%_A\\"), "%50\\%\\_a\\\\%");
    }
}

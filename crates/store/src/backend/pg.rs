//! PostgreSQL connections (synchronous `postgres` client, no TLS: the
//! shared database is expected on a trusted network or behind a local
//! tunnel). Prepared statements are cached per connection.

use crate::error::{Result, StoreError};
use crate::sql::{Db, Dialect, Row, TxKind, Value};
use bytes::{BufMut, BytesMut};
use postgres::fallible_iterator::FallibleIterator;
use postgres::types::{IsNull, ToSql, Type};
use postgres::{Client, NoTls, Statement};
use std::collections::HashMap;
use std::error::Error as StdError;

pub struct PgDb {
    client: Client,
    statements: HashMap<String, Statement>,
    postgis: bool,
}

impl PgDb {
    /// Connects; with `schema`, every statement works in that schema (tests
    /// use a fresh schema each; PostGIS functions stay reachable via `public`).
    pub fn connect(url: &str, schema: Option<&str>) -> Result<Self> {
        let mut client = Client::connect(url, NoTls)?;
        if let Some(schema) = schema {
            if !schema
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_')
            {
                return Err(StoreError::invalid(
                    "schema",
                    format!("{schema:?} must be [A-Za-z0-9_]"),
                ));
            }
            // `IF NOT EXISTS` races when workers start together: serialize
            // it (separate statements: one multi-statement query would be
            // one transaction, committed only after the unlock).
            client.batch_execute("SELECT pg_advisory_lock(7661)")?;
            let created = client.batch_execute(&format!("CREATE SCHEMA IF NOT EXISTS {schema}"));
            client.batch_execute("SELECT pg_advisory_unlock(7661)")?;
            created?;
            client.batch_execute(&format!("SET search_path TO {schema}, public"))?;
        }
        client.batch_execute("SET client_min_messages TO warning")?;
        Ok(PgDb {
            client,
            statements: HashMap::new(),
            postgis: false,
        })
    }

    /// Set once migrations know whether PostGIS is in use.
    pub fn set_postgis(&mut self, on: bool) {
        self.postgis = on;
    }

    fn statement(&mut self, sql: &str) -> Result<Statement> {
        if let Some(s) = self.statements.get(sql) {
            return Ok(s.clone());
        }
        let s = self.client.prepare(sql)?;
        if self.statements.len() > 256 {
            self.statements.clear();
        }
        self.statements.insert(sql.to_string(), s.clone());
        Ok(s)
    }
}

type BoxErr = Box<dyn StdError + Sync + Send>;

impl ToSql for Value {
    fn to_sql(&self, ty: &Type, out: &mut BytesMut) -> std::result::Result<IsNull, BoxErr> {
        match self {
            Value::Null => Ok(IsNull::Yes),
            Value::Int(v) => match *ty {
                Type::INT8 => v.to_sql(ty, out),
                Type::INT4 => i32::try_from(*v)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(*v)?.to_sql(ty, out),
                Type::FLOAT8 => (*v as f64).to_sql(ty, out),
                Type::BOOL => (*v != 0).to_sql(ty, out),
                _ => v.to_string().as_str().to_sql(ty, out),
            },
            Value::Real(v) => match *ty {
                Type::FLOAT4 => (*v as f32).to_sql(ty, out),
                _ => v.to_sql(ty, out),
            },
            Value::Text(s) => match *ty {
                Type::JSONB => {
                    out.put_u8(1);
                    out.put_slice(s.as_bytes());
                    Ok(IsNull::No)
                }
                Type::JSON => {
                    out.put_slice(s.as_bytes());
                    Ok(IsNull::No)
                }
                _ => s.as_str().to_sql(ty, out),
            },
            Value::Blob(b) => b.as_slice().to_sql(ty, out),
        }
    }

    fn accepts(_ty: &Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

fn read_row(row: &postgres::Row) -> Result<Row> {
    let mut out = Vec::with_capacity(row.len());
    for (i, col) in row.columns().iter().enumerate() {
        let v = match *col.type_() {
            Type::INT8 => row.try_get::<_, Option<i64>>(i)?.map(Value::Int),
            Type::INT4 => row
                .try_get::<_, Option<i32>>(i)?
                .map(|v| Value::Int(v.into())),
            Type::INT2 => row
                .try_get::<_, Option<i16>>(i)?
                .map(|v| Value::Int(v.into())),
            Type::BOOL => row
                .try_get::<_, Option<bool>>(i)?
                .map(|v| Value::Int(v.into())),
            Type::FLOAT8 => row.try_get::<_, Option<f64>>(i)?.map(Value::Real),
            Type::FLOAT4 => row
                .try_get::<_, Option<f32>>(i)?
                .map(|v| Value::Real(v.into())),
            Type::BYTEA => row.try_get::<_, Option<Vec<u8>>>(i)?.map(Value::Blob),
            Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME => {
                row.try_get::<_, Option<String>>(i)?.map(Value::Text)
            }
            ref other => {
                return Err(StoreError::decode(
                    col.name(),
                    format!("unsupported column type {other}"),
                ))
            }
        };
        out.push(v.unwrap_or(Value::Null));
    }
    Ok(Row(out))
}

fn as_params(params: &[Value]) -> Vec<&(dyn ToSql + Sync)> {
    params.iter().map(|v| v as &(dyn ToSql + Sync)).collect()
}

impl Db for PgDb {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres {
            postgis: self.postgis,
        }
    }

    fn batch(&mut self, sql: &str) -> Result<()> {
        Ok(self.client.batch_execute(sql)?)
    }

    fn exec(&mut self, sql: &str, params: &[Value]) -> Result<u64> {
        let stmt = self.statement(sql)?;
        Ok(self.client.execute(&stmt, &as_params(params))?)
    }

    fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>> {
        let stmt = self.statement(sql)?;
        let rows = self.client.query(&stmt, &as_params(params))?;
        rows.iter().map(read_row).collect()
    }

    fn query_once(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>> {
        // An unnamed statement: PostgreSQL plans it with the actual values.
        let rows = self.client.query(sql, &as_params(params))?;
        rows.iter().map(read_row).collect()
    }

    fn query_each(
        &mut self,
        sql: &str,
        params: &[Value],
        each: &mut dyn FnMut(Row) -> Result<()>,
    ) -> Result<()> {
        // One-off (exports): unnamed, planned with the actual values.
        let mut rows = self
            .client
            .query_raw(sql, params.iter().map(|v| v as &dyn ToSql))?;
        while let Some(row) = rows.next()? {
            each(read_row(&row)?)?;
        }
        Ok(())
    }

    fn begin(&mut self, _kind: TxKind) -> Result<()> {
        Ok(self.client.batch_execute("BEGIN")?)
    }

    fn commit(&mut self) -> Result<()> {
        Ok(self.client.batch_execute("COMMIT")?)
    }

    fn rollback(&mut self) -> Result<()> {
        Ok(self.client.batch_execute("ROLLBACK")?)
    }
}

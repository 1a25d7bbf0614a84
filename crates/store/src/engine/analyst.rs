//! Analysts' corrections (versions, never overwrites) and API tokens (hashed).

use super::clusters;
use crate::error::{Result, StoreError};
use crate::hash::sha256_hex;
use crate::merge::aggregate;
use crate::model::*;
use crate::sql::{in_tx, now_ms, Db, Row, TxKind};

fn correction_from_row(r: &Row) -> Result<Correction> {
    let field_name = r.text(2)?;
    Ok(Correction {
        id: r.int(0)?,
        event_id: r.int(1)?,
        field: CorrectableField::from_name(&field_name)
            .ok_or_else(|| StoreError::decode("field", format!("unknown field {field_name:?}")))?,
        value: r.json(3)?,
        previous: r.json(4)?,
        author: r.text(5)?,
        comment: r.opt_text(6)?,
        created_at_ms: r.int(7)?,
    })
}

pub fn corrections(db: &mut dyn Db, cluster: EventId) -> Result<Vec<Correction>> {
    db.query(
        "SELECT id, cluster_id, field, value_json, previous_json, author, comment, created_at_ms
         FROM corrections WHERE cluster_id = $1 ORDER BY id",
        &[cluster.into()],
    )?
    .iter()
    .map(correction_from_row)
    .collect()
}

pub fn correct(db: &mut dyn Db, c: &NewCorrection) -> Result<Correction> {
    if c.author.trim().is_empty() {
        return Err(StoreError::invalid("correction", "an author is required"));
    }
    in_tx(db, TxKind::Write, |db| {
        let row = db
            .query_opt(
                "SELECT v.merged_json, c.corroboration FROM clusters c JOIN cluster_views v ON v.cluster_id = c.id
                 WHERE c.id = $1",
                &[c.event_id.into()],
            )?
            .ok_or_else(|| StoreError::NotFound(format!("event {}", c.event_id)))?;
        let mut merged: MergedEvent = row.json(0)?;
        let previous = aggregate::field_value(&merged, c.field);
        // Validate before storing: a bad value is refused, not recorded.
        aggregate::apply_correction(&mut merged, c.field, &c.value)?;
        let now = now_ms();
        let id = db
            .query_one(
                "INSERT INTO corrections (cluster_id, field, value_json, previous_json, author, comment, created_at_ms)
                 VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                &[
                    c.event_id.into(),
                    c.field.as_str().into(),
                    serde_json::to_string(&c.value)?.into(),
                    serde_json::to_string(&previous)?.into(),
                    c.author.trim().into(),
                    c.comment.clone().into(),
                    now.into(),
                ],
            )?
            .int(0)?;
        clusters::refresh(db, c.event_id)?;
        Ok(Correction {
            id,
            event_id: c.event_id,
            field: c.field,
            value: c.value.clone(),
            previous,
            author: c.author.trim().to_string(),
            comment: c.comment.clone(),
            created_at_ms: now,
        })
    })
}

fn token_from_row(r: &Row) -> Result<TokenInfo> {
    Ok(TokenInfo {
        id: r.int(0)?,
        name: r.text(1)?,
        created_at_ms: r.int(2)?,
        last_used_at_ms: r.opt_int(3)?,
        revoked: r.opt_int(4)?.is_some(),
    })
}

const TOKEN_COLUMNS: &str = "id, name, created_at_ms, last_used_at_ms, revoked_at_ms";

pub fn create_token(db: &mut dyn Db, name: &str) -> Result<NewToken> {
    let name = name.trim();
    if name.is_empty() {
        return Err(StoreError::invalid("token", "a name is required"));
    }
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| StoreError::invalid("token", format!("no randomness: {e}")))?;
    let secret = format!("vigie_{}", crate::hash::hex(&bytes));
    let row = db.query_one(
        &format!(
            "INSERT INTO api_tokens (name, token_hash, created_at_ms) VALUES ($1, $2, $3) RETURNING {TOKEN_COLUMNS}"
        ),
        &[name.into(), sha256_hex(secret.as_bytes()).into(), now_ms().into()],
    )?;
    Ok(NewToken {
        info: token_from_row(&row)?,
        secret,
    })
}

pub fn verify_token(db: &mut dyn Db, secret: &str) -> Result<Option<TokenInfo>> {
    let hash = sha256_hex(secret.trim().as_bytes());
    let Some(row) = db.query_opt(
        &format!("SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE token_hash = $1 AND revoked_at_ms IS NULL"),
        &[hash.into()],
    )?
    else {
        return Ok(None);
    };
    let mut info = token_from_row(&row)?;
    let now = now_ms();
    db.exec(
        "UPDATE api_tokens SET last_used_at_ms = $2 WHERE id = $1",
        &[info.id.into(), now.into()],
    )?;
    info.last_used_at_ms = Some(now);
    Ok(Some(info))
}

pub fn tokens(db: &mut dyn Db) -> Result<Vec<TokenInfo>> {
    db.query(
        &format!("SELECT {TOKEN_COLUMNS} FROM api_tokens ORDER BY id"),
        &[],
    )?
    .iter()
    .map(token_from_row)
    .collect()
}

pub fn revoke_token(db: &mut dyn Db, id: i64) -> Result<bool> {
    let n = db.exec(
        "UPDATE api_tokens SET revoked_at_ms = $2 WHERE id = $1 AND revoked_at_ms IS NULL",
        &[id.into(), now_ms().into()],
    )?;
    Ok(n == 1)
}

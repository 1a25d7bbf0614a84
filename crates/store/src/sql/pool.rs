//! A small connection pool: connections are opened on demand, handed out
//! one per caller, and returned when the guard drops.
//!
//! Why not r2d2: the store needs one behaviour (reuse idle connections,
//! drop broken ones) for two clients behind one trait object; this is it.

use super::Db;
use crate::error::Result;
use std::ops::{Deref, DerefMut};
use std::sync::Mutex;

type Factory = Box<dyn Fn() -> Result<Box<dyn Db>> + Send + Sync>;

pub struct Pool {
    idle: Mutex<Vec<Box<dyn Db>>>,
    factory: Factory,
    max_idle: usize,
}

impl Pool {
    pub fn new(factory: Factory, max_idle: usize) -> Self {
        Pool {
            idle: Mutex::new(Vec::new()),
            factory,
            max_idle,
        }
    }

    /// An idle connection, or a new one.
    pub fn get(&self) -> Result<PooledDb<'_>> {
        let reused = self.idle.lock().map(|mut v| v.pop()).unwrap_or(None);
        let db = match reused {
            Some(db) => db,
            None => (self.factory)()?,
        };
        Ok(PooledDb {
            db: Some(db),
            pool: self,
            broken: false,
        })
    }

    /// Hands an already open connection to the pool.
    pub fn give(&self, db: Box<dyn Db>) {
        self.put_back(db);
    }

    fn put_back(&self, db: Box<dyn Db>) {
        if let Ok(mut idle) = self.idle.lock() {
            if idle.len() < self.max_idle {
                idle.push(db);
            }
        }
    }
}

/// A connection on loan; marks itself broken on error so it is not reused.
pub struct PooledDb<'a> {
    db: Option<Box<dyn Db>>,
    pool: &'a Pool,
    broken: bool,
}

impl PooledDb<'_> {
    /// Do not return this connection to the pool (after an I/O error).
    pub fn discard(&mut self) {
        self.broken = true;
    }
}

impl Deref for PooledDb<'_> {
    type Target = dyn Db;
    fn deref(&self) -> &Self::Target {
        // Invariant: `db` is Some until drop.
        self.db
            .as_deref()
            .expect("pooled connection present until drop")
    }
}

impl DerefMut for PooledDb<'_> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        self.db
            .as_deref_mut()
            .expect("pooled connection present until drop")
    }
}

impl Drop for PooledDb<'_> {
    fn drop(&mut self) {
        if let Some(db) = self.db.take() {
            if !self.broken && !std::thread::panicking() {
                self.pool.put_back(db);
            }
        }
    }
}

//! The two database clients behind the store.
pub mod pg;
pub mod sqlite;

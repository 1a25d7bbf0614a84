//! # vigie-text (being built)
pub mod input;

//! # vigie-text (being built)
pub mod fold;
pub mod input;

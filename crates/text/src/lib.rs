//! # vigie-text
//!
//! The first stage of the pipeline: bytes → text the extractors can read,
//! without ever losing the way back to the original bytes.
//!
//! * [`decode`] — encoding detection (BOM, UTF-8, declared charset, Windows-1252).
//! * [`html`] — article text out of a page, boilerplate dropped.
//! * [`lang`] — French / English / unsupported.
//! * [`segment`] — sentences and tokens with offsets.
//! * [`fold`] — the lower-case, accent-free copy the automata match on.
//! * [`offsets`] — maps from derived text back to original bytes.
//! * [`prepare`] — all of the above in one call.
//! * [`input`] — files, directories, JSON Lines, stdin → documents or rejections.

pub mod decode;
pub mod fold;
pub mod html;
pub mod input;
pub mod lang;
pub mod offsets;
pub mod prepare;
pub mod segment;

pub use prepare::{prepare, Prepared};

//! Reading inputs: files, directories, JSON Lines, stdin → documents or rejections.
use vigie_core::Document;

/// One input item: a document, or a rejection with its reason (never silently dropped).
#[derive(Debug)]
pub enum InputItem {
    Document(Document),
    Rejected { id: String, reason: String },
}

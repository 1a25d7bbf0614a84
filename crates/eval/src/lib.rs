//! # vigie-eval
//!
//! How often is vigie right, field by field, on events people coded — and
//! how does it compare with what users would use instead?
//!
//! * [`gold`] reads the gold formats: news JSON Lines (reports with their
//!   coded events) and ACLED export CSVs whose `notes` are the input.
//! * [`coded`] is the one event shape every system is compared in; vigie's
//!   extractions and a peer's predictions file ([`predictions`]) both become it.
//! * [`matching`] pairs gold and predicted events per document (optimal
//!   assignment on a date/type/place/actor similarity).
//! * [`score`] counts event-level P/R/F1, per-field agreement and failures;
//!   [`report`] turns counts into tables, JSON and a failures CSV.
//! * Comparison rules live in data files: `data/eval/place_equivalences.tsv`,
//!   `data/eval/actor_equivalences.tsv`, `data/eval/targets.tsv`.

pub mod actors;
pub mod coded;
pub mod equivalences;
pub mod error;
pub mod fold;
pub mod gold;
pub mod matching;
pub mod metrics;
pub mod predictions;
pub mod report;
pub mod score;
pub mod targets;

pub use coded::{CodedEvent, CodedEventRecord, GoldDocument, PredictedDocument};
pub use error::{EvalError, Result};
pub use gold::{read_gold, GoldFormat, GoldSet};
pub use predictions::{read_predictions, write_predictions, Predictions, RunMeta};
pub use report::{render_comparison, render_text, write_failures_csv, EvalReport};
pub use score::{Failure, Scorer, Scores};
pub use targets::Targets;

//! The corpus: every cable under the workspace folders, scanned in parallel and
//! summarised into an [`Index`] of ids, backlinks and POC DOC mentions.

pub mod cache;
pub mod gen;
pub mod id_order;
pub mod index;
pub mod record;
pub mod scan;
pub mod symbols;
pub mod vocab;

pub use index::Index;
pub use record::{CableRecord, Cite, Excerpt, Loc, PocMention, Via};
pub use scan::ScanConfig;

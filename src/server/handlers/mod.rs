//! Request handlers, one file per request family.

pub mod debug;
pub mod folding;
pub mod semantic_tokens;
pub mod symbols;

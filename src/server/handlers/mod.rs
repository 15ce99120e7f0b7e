//! Request handlers, one file per request family.

pub mod annotations;
pub mod call_hierarchy;
pub mod code_action;
pub mod completion;
pub mod debug;
pub mod diagnostics;
pub mod folding;
pub mod hover;
pub mod navigation;
pub mod rename;
pub mod selection;
pub mod semantic_tokens;
pub mod symbols;
pub mod workspace_symbol;

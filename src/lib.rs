//! cable-lsp: a language server for US diplomatic cables.
//!
//! Layers, data flowing one way: [`syntax`] (bytes to model, no I/O) is used by the
//! analysis and server layers.

pub mod analysis;
pub mod cli;
pub mod corpus;
pub mod server;
pub mod syntax;

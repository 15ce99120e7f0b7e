//! The command line: `serve` (the default), `parse`, `check`, `index`, `gen`.

pub mod check;
pub mod gen;
pub mod index;
pub mod parse;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "cable-lsp",
    version,
    about = "A language server for US diplomatic cables"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Speak LSP over stdin/stdout (the default).
    Serve,
    /// Parse cables and print their models.
    Parse(parse::ParseArgs),
    /// Check cables: classification, authority, citations, copy damage.
    Check(check::CheckArgs),
    /// Index folders of cables and report ids, duplicates and citations.
    Index(index::IndexArgs),
    /// Write a synthetic corpus of realistic cables that cite each other.
    Gen(gen::GenArgs),
}

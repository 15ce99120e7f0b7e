use cable_lsp::cli::{Cli, Command};
use clap::Parser;

fn main() {
    let cli = Cli::parse();
    let code = match cli.command {
        Some(Command::Parse(args)) => cable_lsp::cli::parse::run(&args),
        None => {
            eprintln!(
                "cable-lsp: the language server is not built yet; try `cable-lsp parse FILE`"
            );
            2
        }
    };
    std::process::exit(code);
}

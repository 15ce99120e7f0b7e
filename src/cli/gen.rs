//! `cable-lsp gen --count N --out DIR [--seed S]`: writes a synthetic corpus
//! (see [`crate::corpus::gen`]).

use std::path::PathBuf;
use std::time::Instant;

#[derive(Debug, clap::Args)]
pub struct GenArgs {
    /// How many cables to write.
    #[arg(long)]
    pub count: usize,
    /// The folder to write them to (created; must be empty unless --force).
    #[arg(long)]
    pub out: PathBuf,
    /// The random seed: the same seed gives the same corpus.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Write into a folder that already holds files.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: &GenArgs) -> i32 {
    if args.out.is_file() {
        eprintln!(
            "cable-lsp gen: {} is a file; expected a folder to write the corpus to",
            args.out.display()
        );
        return 2;
    }
    let non_empty = std::fs::read_dir(&args.out).is_ok_and(|mut d| d.next().is_some());
    if non_empty && !args.force {
        eprintln!(
            "cable-lsp gen: {} is not empty; expected a new or empty folder (or --force to write into it)",
            args.out.display()
        );
        return 2;
    }
    let t0 = Instant::now();
    match crate::corpus::gen::write(&args.out, args.count, args.seed) {
        Ok(s) => {
            println!(
                "wrote {} cables ({:.1} MB) to {} in {:.1} s (seed {})",
                s.cables,
                s.bytes as f64 / 1e6,
                args.out.display(),
                t0.elapsed().as_secs_f64(),
                args.seed
            );
            0
        }
        Err(e) => {
            eprintln!("cable-lsp gen: cannot write to {}: {e}", args.out.display());
            1
        }
    }
}

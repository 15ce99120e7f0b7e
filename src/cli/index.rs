//! `cable-lsp index PATH...`: builds the corpus index the way the server does and
//! prints what it holds: files, ids, duplicates, citations that resolve.

use crate::corpus::{scan, Index, ScanConfig};
use std::path::PathBuf;
use std::time::Instant;

#[derive(Debug, clap::Args)]
pub struct IndexArgs {
    /// Folders (or files) to index.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Also list every citation that resolves to a cable in the index.
    #[arg(long)]
    pub resolved: bool,
}

pub fn run(args: &IndexArgs) -> i32 {
    let t0 = Instant::now();
    let cfg = ScanConfig::default();
    let paths = match scan::expand(&args.paths, &cfg) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("cable-lsp: {e}");
            return 2;
        }
    };
    let mut index = Index::default();
    let mut skipped = 0;
    let mut all = Vec::with_capacity(paths.len());
    scan::load_all(&paths, &cfg, 1024, |recs, skips, _| {
        for s in skips {
            eprintln!("{}: skipped: it {}", s.path.display(), s.why);
            skipped += 1;
        }
        all.extend(recs.into_iter().map(std::sync::Arc::new));
    });
    // One bulk load: the search table is put in id order once, not as it grows.
    index.extend(all);
    let elapsed = t0.elapsed();
    let (mut cites, mut resolved) = (0, 0);
    let mut lines = Vec::new();
    for r in index.records() {
        for c in &r.cites {
            cites += 1;
            if let Some(t) = index.by_id(&c.id).first().filter(|t| t.path != r.path) {
                resolved += 1;
                if args.resolved {
                    lines.push(format!(
                        "{}:{}:{}: {} -> {}",
                        r.path.display(),
                        c.loc.line + 1,
                        c.loc.start8 + 1,
                        c.id,
                        t.path.display()
                    ));
                }
            }
        }
    }
    lines.sort();
    for l in lines {
        println!("{l}");
    }
    println!(
        "{} cables indexed ({} skipped) in {:.2} s; {} ids held by more than one file; {} citations, {} resolve in the index",
        index.len(),
        skipped,
        elapsed.as_secs_f64(),
        index.duplicates().count(),
        cites,
        resolved
    );
    0
}

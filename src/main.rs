use cable_lsp::cli::{Cli, Command};
use clap::Parser;

// mimalloc: parsing allocates many small short-lived values on every thread; the
// system allocator spent a fifth of the parse time and held freed memory in
// per-thread arenas. Built without transparent huge pages (`no_thp`): with them,
// memory freed after a request came back as fresh 2 MB pages that the kernel
// zeroed on first touch, and a 0.5 ms workspace/symbol search took 5 to 20 ms
// now and then.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = Cli::parse();
    let code = match cli.command {
        Some(Command::Parse(args)) => cable_lsp::cli::parse::run(&args),
        Some(Command::Check(args)) => cable_lsp::cli::check::run(&args),
        Some(Command::Index(args)) => cable_lsp::cli::index::run(&args),
        Some(Command::Gen(args)) => cable_lsp::cli::gen::run(&args),
        None | Some(Command::Serve) => serve(),
    };
    std::process::exit(code);
}

fn serve() -> i32 {
    // Logs go to stderr, never stdout (stdout carries the protocol).
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("CABLE_LSP_LOG")
                .unwrap_or_else(|_| "info".into()),
        )
        .init();
    // The blocking pool runs the CPU work (parses, searches, the index scan): a
    // few threads per core, not tokio's default of 512, which under a burst of
    // edits grows the pool (and each thread's allocator heap) for nothing.
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads((cores * 2).max(4))
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("cable-lsp: cannot start the runtime: {e}");
            return 2;
        }
    };
    let code = rt.block_on(cable_lsp::server::run_stdio());
    // Blocking tasks still running must not hold the exit.
    rt.shutdown_timeout(std::time::Duration::from_millis(200));
    code
}

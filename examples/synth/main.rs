//! Write a synthetic talks folder of any size, for benchmarks and scale tests:
//!
//! ```text
//! cargo run --release --example synth -- --parties 200 --issues 100 --rounds 40 --seed 1 OUT
//! ```
//!
//! OUT becomes a talks folder (its name is the talks id) holding
//! `talks.toml` and `rounds/*.toml`. The same arguments write the same bytes.

mod generate;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

/// Write a synthetic, valid talks folder.
#[derive(Parser)]
struct Args {
    /// Number of parties
    #[arg(long, default_value_t = 30)]
    parties: usize,
    /// Number of issues (agenda items)
    #[arg(long, default_value_t = 50)]
    issues: usize,
    /// Number of rounds (sessions)
    #[arg(long, default_value_t = 20)]
    rounds: usize,
    /// Seed of the pseudo-random generator
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Add linkage: conditional accepts, linkages and proposals
    #[arg(long)]
    links: bool,
    /// The talks folder to write; it must not exist or be empty
    out: PathBuf,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let busy = std::fs::read_dir(&args.out).is_ok_and(|mut d| d.next().is_some());
    if busy {
        eprintln!("{} is not empty; choose a new folder", args.out.display());
        return ExitCode::from(2);
    }
    let files = generate::generate(generate::Params {
        parties: args.parties,
        issues: args.issues,
        rounds: args.rounds,
        seed: args.seed,
        links: args.links,
    });
    let mut bytes = 0;
    for (rel, text) in &files {
        let path = args.out.join(rel);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, text));
        if let Err(e) = written {
            eprintln!("cannot write {}: {e}", path.display());
            return ExitCode::from(2);
        }
        bytes += text.len();
    }
    eprintln!(
        "wrote {} files, {bytes} bytes, to {}",
        files.len(),
        args.out.display()
    );
    ExitCode::SUCCESS
}

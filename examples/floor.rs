//! The floor the benchmark compares redlines with: read a talks folder's
//! `talks.toml` and `rounds/*.toml` and parse each into a `toml::Table`,
//! with the `toml` crate alone, keeping every table, as any program that
//! loads the data must at least do.
//!
//! ```text
//! cargo run --release --example floor -- DATA/TALKS
//! ```

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1) else {
        eprintln!("usage: floor TALKS_FOLDER");
        return ExitCode::from(2);
    };
    let dir = Path::new(&dir);
    let mut paths = vec![dir.join("talks.toml")];
    let rounds = match std::fs::read_dir(dir.join("rounds")) {
        Ok(entries) => entries,
        Err(e) => {
            eprintln!("cannot read {}/rounds: {e}", dir.display());
            return ExitCode::from(2);
        }
    };
    let mut rounds: Vec<_> = rounds
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    rounds.sort();
    paths.extend(rounds);

    let mut tables = Vec::with_capacity(paths.len());
    for path in &paths {
        let parsed = std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|text| text.parse::<toml::Table>().map_err(|e| e.to_string()));
        match parsed {
            Ok(table) => tables.push(table),
            Err(e) => {
                eprintln!("{}: {e}", path.display());
                return ExitCode::from(1);
            }
        }
    }
    let keys: usize = tables.iter().map(toml::Table::len).sum();
    println!("{} files, {keys} top-level keys", tables.len());
    ExitCode::SUCCESS
}

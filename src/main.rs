use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use redlines::cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match redlines::cmd::run(cli) {
        Ok(out) => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`redlines table | head`) is not an error.
            let _ = stdout.write_all(out.stdout.as_bytes());
            let _ = stdout.flush();
            eprint!("{}", out.stderr);
            out.code
        }
        Err(e) => {
            eprintln!("{e}");
            e.exit_code()
        }
    };
    ExitCode::from(code)
}

use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use redlines::cli::Cli;

fn main() -> ExitCode {
    // Under COMPLETE=SHELL (set by the scripts of `redlines completions`),
    // print completions for the words given and exit.
    clap_complete::CompleteEnv::with_factory(Cli::command).complete();
    let cli = Cli::parse();
    let code = match redlines::cmd::run(cli) {
        Ok(out) => {
            let mut stdout = std::io::stdout().lock();
            let written = stdout
                .write_all(out.stdout.as_bytes())
                .and_then(|()| stdout.write_all(&out.binary))
                .and_then(|()| stdout.flush());
            eprint!("{}", out.stderr);
            match written {
                Ok(()) => out.code,
                // A closed pipe (`redlines table | head`) is not an error.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => out.code,
                Err(e) => {
                    eprintln!("error: cannot write the output: {e}");
                    2
                }
            }
        }
        Err(e) => {
            eprintln!("{e}");
            e.exit_code()
        }
    };
    ExitCode::from(code)
}

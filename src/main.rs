use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use redlines::cli::Cli;

fn main() -> ExitCode {
    // Under COMPLETE=SHELL (set by the scripts of `redlines completions`),
    // print completions for the words given and exit.
    clap_complete::CompleteEnv::with_factory(Cli::command).complete();
    let cli = Cli::parse();
    let code = match redlines::cmd::run(cli) {
        Ok(mut out) => {
            let (code, stderr) = (out.code, std::mem::take(&mut out.stderr));
            // The output is written (and what is left of it flushed, even
            // after an error) before anything is said on stderr.
            let written = {
                let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
                out.write_stdout(&mut stdout)
            };
            eprint!("{stderr}");
            match written {
                Ok(()) => code,
                // A closed pipe (`redlines table | head`) is not an error.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => code,
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

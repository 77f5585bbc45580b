use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use redlines::cli::Cli;
use redlines::cmd::to_stderr;

fn main() -> ExitCode {
    // Under COMPLETE=SHELL (set by the scripts of `redlines completions`),
    // print completions for the words given and exit.
    clap_complete::CompleteEnv::with_factory(Cli::command).complete();
    let cli = Cli::parse();
    // Nothing said on stderr fails a command that did its job, nor changes
    // the code of one that did not: the code says what happened, whether
    // or not stderr could say it too.
    let code = match redlines::cmd::run(cli) {
        Ok(mut out) => {
            let (code, stderr) = (out.code, std::mem::take(&mut out.stderr));
            // The output is written (and what is left of it flushed, even
            // after an error) before anything is said on stderr.
            let written = {
                let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
                out.write_stdout(&mut stdout)
            };
            to_stderr(&stderr);
            match written {
                Ok(()) => code,
                // A closed pipe (`redlines table | head`) is not an error.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => code,
                Err(e) => {
                    to_stderr(&format!(
                        "error: cannot write the output: {}\n",
                        redlines::data::load::io_reason(&e)
                    ));
                    2
                }
            }
        }
        Err(e) => {
            to_stderr(&format!("{e}\n"));
            e.exit_code()
        }
    };
    ExitCode::from(code)
}

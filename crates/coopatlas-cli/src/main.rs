//! `coopatlas`: parse the command line, open the atlas, call the library, map the result to an
//! exit code. Exit codes: 0 success, 1 some inputs failed (the rest was done), 2 error.

mod analyze;
mod args;
mod commands;
mod dump;
mod extract;
mod facts;
mod progress;
mod web;
mod worker;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = args::Args::parse();
    // The PDF parser logs its own errors about damage that coopatlas already reports as one
    // failed file; COOPATLAS_LOG=lopdf=debug brings them back.
    let filter = tracing_subscriber::EnvFilter::try_from_env("COOPATLAS_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn,lopdf=off,pdf_extract=off"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    quiet_caught_panics();
    match commands::run(args) {
        Ok(commands::Outcome::Success) => ExitCode::SUCCESS,
        Ok(commands::Outcome::PartialFailure) => ExitCode::from(1),
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}

/// Panics inside a reader (a third-party parser meeting a hostile file) are caught by the ingest
/// pipeline and reported as one failed file; the default hook would also print them with a
/// backtrace hint. Those go to the debug log; any other panic is a bug and prints as usual.
fn quiet_caught_panics() {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let caught = std::thread::current().name().is_some_and(|name| {
            name.starts_with(coopatlas_ingest::WORKER_THREAD_PREFIX) || name == coopatlas_readers::PDF_THREAD_NAME
        });
        if caught {
            tracing::debug!(panic = %info, "a reader panicked; the file is reported as failed");
        } else {
            default_hook(info);
        }
    }));
}

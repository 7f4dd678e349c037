//! What the binary's end-to-end tests share: running `coopatlas` with a clean environment.

use std::process::{Command, Output};

/// The binary, without the user's atlas or log settings.
pub fn coopatlas() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_coopatlas"));
    command.env_remove("COOPATLAS_ATLAS").env_remove("COOPATLAS_DATABASE").env_remove("COOPATLAS_LOG");
    command
}

pub fn run(arguments: &[&str]) -> Output {
    coopatlas().args(arguments).output().expect("run coopatlas")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

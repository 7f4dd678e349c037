//! The progress bar of `ingest`: drawn on a terminal, silent in pipes (indicatif hides itself when
//! stderr is not a terminal). Failures are printed above the bar, one line each.

use coopatlas_ingest::{Failure, Observer};
use indicatif::{ProgressBar, ProgressStyle};

pub struct Bar {
    bar: ProgressBar,
    /// Counts documents rather than bytes (when the sizes are not known ahead).
    documents: bool,
}

impl Bar {
    pub fn new(quiet: bool) -> Bar {
        let bar = if quiet { ProgressBar::hidden() } else { ProgressBar::new(0) };
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {bytes_per_sec} ETA {eta} {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        Bar { bar, documents: false }
    }

    /// A bar that counts documents.
    pub fn documents(quiet: bool, label: &str) -> Bar {
        let bar = if quiet { ProgressBar::hidden() } else { ProgressBar::new(0) };
        bar.set_style(
            ProgressStyle::with_template(&format!(
                "{{spinner}} [{{elapsed_precise}}] {{wide_bar}} {{pos}}/{{len}} {label} ETA {{eta}}"
            ))
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        Bar { bar, documents: true }
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Observer for Bar {
    fn started(&mut self, inputs: u64, bytes: u64) {
        if self.documents {
            self.bar.set_length(inputs);
            return;
        }
        self.bar.set_length(bytes);
        self.bar.set_message(format!("0/{inputs} files"));
    }

    fn progressed(&mut self, inputs_done: u64, bytes_done: u64) {
        if self.documents {
            self.bar.set_position(inputs_done);
            return;
        }
        self.bar.set_position(bytes_done);
        let total = self.bar.message();
        let total = total.rsplit('/').next().unwrap_or("").to_string();
        self.bar.set_message(format!("{inputs_done}/{total}"));
    }

    fn failed(&mut self, failure: &Failure) {
        self.bar.suspend(|| eprintln!("failed: {}: {}", failure.path, failure.reason));
    }
}

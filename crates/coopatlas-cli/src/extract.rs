//! `coopatlas extract`: facts from documents as contract v1 JSON Lines, no atlas needed.
//!
//! Inputs are files and folders, or `-` for JSON Lines of `{"id", "text"}` on standard input, so
//! extraction works as a filter in any pipeline. Documents are extracted in parallel in chunks
//! and printed in input order, so the output is the same whatever the thread count.

use std::io::{BufRead, Read, Write};
use std::path::PathBuf;

use anyhow::Context;
use coopatlas_extract::{Extractor, Input};
use rayon::prelude::*;

use crate::commands::Outcome;

/// One document to extract: where it came from and what the reader made of it.
struct Item {
    source: String,
    text: String,
    metadata: coopatlas_document::Metadata,
}

/// An input waiting for a worker: reading, parsing and extracting all run in parallel, so the
/// main thread only lists inputs and prints.
enum Job {
    File(coopatlas_ingest::Input),
    /// A line of standard input and its number (from 1).
    Line(usize, String),
}

/// Documents extracted at once: enough to keep every thread busy, few enough to bound memory.
const CHUNK: usize = 256;

/// The reader of standard output went away (`coopatlas extract … | head`): stop, quietly.
#[derive(Debug)]
struct OutputClosed;

impl std::fmt::Display for OutputClosed {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("standard output was closed")
    }
}

impl std::error::Error for OutputClosed {}

pub fn run(paths: &[PathBuf], json: bool, threads: Option<usize>, max_file_bytes: u64) -> anyhow::Result<Outcome> {
    match extract_all(paths, json, threads, max_file_bytes) {
        Err(error) if error.is::<OutputClosed>() => Ok(Outcome::Success),
        other => other,
    }
}

fn extract_all(paths: &[PathBuf], json: bool, threads: Option<usize>, max_file_bytes: u64) -> anyhow::Result<Outcome> {
    let extractor = crate::commands::extractor()?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .build()
        .context("cannot start the extraction threads")?;
    let mut failed = false;
    let mut pending: Vec<Job> = Vec::with_capacity(CHUNK);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    // Prints a chunk's results in input order; false when a failure was among them.
    let flush = |pending: &mut Vec<Job>, out: &mut dyn Write| -> anyhow::Result<bool> {
        let results: Vec<Result<String, String>> = pool.install(|| {
            pending
                .par_iter()
                .map(|job| item(job, max_file_bytes).map(|item| render(&extractor, &item, json)))
                .collect()
        });
        pending.clear();
        let mut all_good = true;
        for result in results {
            match result {
                Ok(line) => {
                    if let Err(error) = out.write_all(line.as_bytes()) {
                        if error.kind() == std::io::ErrorKind::BrokenPipe {
                            return Err(OutputClosed.into());
                        }
                        return Err(error.into());
                    }
                }
                Err(failure) => {
                    out.flush().ok();
                    eprintln!("failed: {failure}");
                    all_good = false;
                }
            }
        }
        Ok(all_good)
    };
    for path in paths {
        if path.as_os_str() == "-" {
            for (number, line) in std::io::stdin().lock().lines().enumerate() {
                let line = line.context("cannot read standard input")?;
                if line.trim().is_empty() {
                    continue;
                }
                pending.push(Job::Line(number + 1, line));
                if pending.len() >= CHUNK {
                    failed |= !flush(&mut pending, &mut out)?;
                }
            }
            continue;
        }
        let (inputs, failures) = coopatlas_ingest::discover(std::slice::from_ref(path), max_file_bytes);
        for failure in failures {
            eprintln!("failed: {}: {}", failure.path, failure.reason);
            failed = true;
        }
        for input in inputs {
            pending.push(Job::File(input));
            if pending.len() >= CHUNK {
                failed |= !flush(&mut pending, &mut out)?;
            }
        }
    }
    failed |= !flush(&mut pending, &mut out)?;
    out.flush().ok();
    Ok(if failed { Outcome::PartialFailure } else { Outcome::Success })
}

/// Reads a job into an item, or says why it cannot be read ("PLACE: reason").
fn item(job: &Job, max_file_bytes: u64) -> Result<Item, String> {
    match job {
        Job::File(input) => file_item(input, max_file_bytes).map_err(|reason| format!("{}: {reason}", input.display)),
        Job::Line(number, line) => stdin_item(line).map_err(|reason| format!("standard input line {number}: {reason}")),
    }
}

fn file_item(input: &coopatlas_ingest::Input, max_file_bytes: u64) -> Result<Item, String> {
    let coopatlas_ingest::Origin::File(path) = &input.origin else {
        return Err("not a file".into());
    };
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(max_file_bytes + 1).read_to_end(&mut bytes))
        .map_err(|error| format!("cannot read: {error}"))?;
    if bytes.len() as u64 > max_file_bytes {
        return Err(format!("over the size limit of {max_file_bytes} bytes (--max-file-size)"));
    }
    let extension = input.extension();
    let extracted = coopatlas_readers::read(&bytes, extension.as_deref(), &coopatlas_readers::Limits::default())
        .map_err(|error| error.to_string())?;
    // The metadata rules of `Document::new`, without what extraction does not print (the id and
    // the genre).
    let metadata = coopatlas_document::Metadata::of(&extracted.text, extracted.title, extracted.date);
    Ok(Item { source: input.display.clone(), metadata, text: extracted.text })
}

fn stdin_item(line: &str) -> Result<Item, String> {
    let record: serde_json::Value = serde_json::from_str(line).map_err(|error| format!("not JSON: {error}"))?;
    let text = record["text"].as_str().ok_or("no \"text\" string")?.to_string();
    let source = match &record["id"] {
        serde_json::Value::String(id) => id.clone(),
        serde_json::Value::Null => return Err("no \"id\"".into()),
        other => other.to_string(),
    };
    Ok(Item { source, metadata: coopatlas_document::Metadata::of(&text, None, None), text })
}

fn render(extractor: &Extractor, item: &Item, json: bool) -> String {
    let input = Input {
        text: &item.text,
        title: item.metadata.title.as_deref(),
        date: item.metadata.date.as_deref(),
        language: item.metadata.language.as_deref(),
    };
    let extraction = extractor.extract(&input);
    let contract = extractor.contract(&item.source, &input, &extraction);
    if json {
        // Serialising plain structs cannot fail.
        let mut line = serde_json::to_string(&contract).unwrap_or_default();
        line.push('\n');
        return line;
    }
    let mut text = format!(
        "{}: {} places, {} ties, {} figures, depth {}\n",
        item.source,
        contract.places.len(),
        contract.ties.len(),
        contract.figures.len(),
        contract.depth
    );
    for tie in &contract.ties {
        text.push_str(&format!(
            "  {} — {}  [{}]  {}\n",
            tie.a,
            tie.b,
            tie.forms.join(", "),
            tie.evidence.split_whitespace().collect::<Vec<_>>().join(" ")
        ));
    }
    text
}

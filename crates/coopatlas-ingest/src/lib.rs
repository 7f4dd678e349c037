//! Ingestion: the stage chain that turns files into stored documents.
//!
//! `discover` walks the paths given (files and folders, recursively) into [`Input`]s and a list
//! of failures (symlink loops, files over the size limit, things that are not files). `ingest`
//! then runs:
//!
//! 1. **read** — worker threads read each file (bounded by the size limit) and hash it; content
//!    already in the atlas is not parsed again;
//! 2. **extract** — the format's reader turns bytes into text and metadata,
//!    [`Document::new`] fills in language, title, date and genre, and the configured extractor
//!    (if any) finds the document's facts;
//! 3. **write** — the calling thread writes documents to the `Store` in batches, each batch one
//!    transaction, so a crash loses at most the open batch and a second run finishes the job.
//!    A document and its facts are written together.
//!
//! A file that fails is reported to the [`Observer`] and counted; the batch goes on. Only a store
//! failure stops the run.

mod discover;
mod pipeline;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

pub use coopatlas_document::Document;
use coopatlas_extract::Extractor;
use coopatlas_readers::Limits;
pub use discover::discover;
pub use pipeline::{Reextracted, document_of, extract, ingest, reextract};

/// Worker threads are named with this prefix and a number. A panic inside a reader is caught
/// and reported as a failed file; a binary's panic hook can use the name to keep such panics out
/// of the user's terminal.
pub const WORKER_THREAD_PREFIX: &str = "coopatlas-ingest-";

/// One thing to ingest.
#[derive(Debug, Clone)]
pub struct Input {
    /// How the user named it; used in messages.
    pub display: String,
    /// The path recorded in the atlas (absolute for files), so that the same file is recognised
    /// whatever directory coopatlas runs from.
    pub key: String,
    pub origin: Origin,
    /// Size in bytes when known before reading (for progress).
    pub size: u64,
}

/// Where an input's bytes come from.
#[derive(Debug, Clone)]
pub enum Origin {
    File(PathBuf),
    /// Bytes already in memory, such as the corpus bundled in the binary.
    Bytes(&'static [u8]),
}

impl Input {
    /// The file name's extension, lowercase, used only to break format ties.
    pub fn extension(&self) -> Option<String> {
        let name = self.display.rsplit(['/', '\\']).next()?;
        let (_, extension) = name.rsplit_once('.')?;
        Some(extension.to_ascii_lowercase())
    }
}

/// Settings of one ingestion run.
#[derive(Debug, Clone)]
pub struct IngestConfig {
    /// Files larger than this are refused without being read.
    pub max_file_bytes: u64,
    pub limits: Limits,
    /// Worker threads that read and extract (the store writer is one more).
    pub threads: usize,
    /// A batch is written when it holds this many documents...
    pub batch_documents: usize,
    /// ...or this many bytes of text...
    pub batch_bytes: usize,
    /// ...or when it has waited this long, so progress reaches the disk steadily.
    pub batch_interval: Duration,
    /// Extracts the facts of each new document, stored with it; `None` stores text only.
    pub extractor: Option<Arc<Extractor>>,
}

impl Default for IngestConfig {
    fn default() -> IngestConfig {
        IngestConfig {
            max_file_bytes: 100 * 1024 * 1024,
            limits: Limits::default(),
            threads: std::thread::available_parallelism().map_or(2, |count| count.get()),
            batch_documents: 256,
            batch_bytes: 32 * 1024 * 1024,
            batch_interval: Duration::from_millis(500),
            extractor: None,
        }
    }
}

/// A file that could not be ingested, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub path: String,
    pub reason: String,
}

/// What one run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Inputs looked at, including the ones that failed.
    pub read: u64,
    /// Documents stored for the first time (new versions included).
    pub new: u64,
    /// Of `new`, those that replaced other content at the same path.
    pub new_versions: u64,
    /// Inputs whose content was already stored.
    pub unchanged: u64,
    pub failed: u64,
    /// Bytes of all inputs read.
    pub bytes: u64,
    pub elapsed: Duration,
    pub failures: Vec<Failure>,
}

impl Summary {
    /// Folds the failures found before the run (by `discover`) into the summary.
    pub fn add_failures(&mut self, failures: &[Failure]) {
        self.read += failures.len() as u64;
        self.failed += failures.len() as u64;
        self.failures.extend_from_slice(failures);
    }
}

/// Hears about a run as it goes; the CLI draws a progress bar with it.
pub trait Observer {
    fn started(&mut self, _inputs: u64, _bytes: u64) {}
    fn progressed(&mut self, _inputs_done: u64, _bytes_done: u64) {}
    fn failed(&mut self, _failure: &Failure) {}
}

/// An observer that ignores everything.
#[derive(Debug, Default)]
pub struct Quiet;

impl Observer for Quiet {}

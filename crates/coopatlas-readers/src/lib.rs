//! Readers turn the bytes of one document file into its text and metadata.
//!
//! The format is chosen by content (magic bytes), the file name's extension only breaks ties
//! between plain text and Markdown (and lets an `.html` file whose markup does not start at
//! the top be read as HTML); a file whose extension names another format is read by content,
//! with a warning. Readers do no IO: the caller reads the file (with its own size limit) and
//! hands the bytes over.
//!
//! ```
//! use coopatlas_readers::{read, Format, Limits};
//! let doc = read("Калининград и Гродно подписали соглашение.".as_bytes(), Some("txt"), &Limits::default()).unwrap();
//! assert_eq!(doc.format, Format::Text);
//! assert!(doc.text.starts_with("Калининград"));
//! ```
//!
//! # Codemap
//!
//! | module | reads |
//! | --- | --- |
//! | `sniff` | the format, from magic bytes; binary and empty files are refused here |
//! | `text` | plain text and Markdown; the encoding detection every text format shares |
//! | `html` | HTML: main content, title, publication date (scraper) |
//! | `pdf` | PDF, page by page (pdf-extract), in a thread with a time limit |
//! | `docx`, `odt` | the two word-processing archives (zip + quick-xml) |
//! | `rtf` | RTF, with a small parser of its own |
//! | `zip_guard` | archives opened with limits on entries and uncompressed bytes |
//! | `builder` | blocks and runs to plain text, shared by the structured formats |
//!
//! Adding a format: a module with `fn read(bytes, ...) -> Result<Extracted, ReadError>`, a
//! variant of [`Format`], a magic-byte test in `sniff`, and one arm in [`read`].
//!
//! # Invariants
//!
//! - No IO and no printing: bytes in, [`Extracted`] or [`ReadError`] out; logs go to
//!   `tracing`.
//! - No panic escapes [`read`]: readers are written not to panic, and each runs under
//!   `catch_unwind` as well, because the parsers under them meet hostile files. The
//!   process's panic hook still prints a caught panic to stderr (pdf-extract panics on some
//!   fonts); this crate does not replace the hook, which is global state.
//! - Every limit in [`Limits`] holds whatever the file's headers claim.
//! - Text is UTF-8 with `\n` line ends; the structured formats separate paragraphs with one
//!   blank line and trim trailing whitespace; plain text and Markdown keep their text as it is.

use std::ops::Range;
use std::time::Duration;

mod builder;
mod date;
mod docx;
mod html;
mod odt;
mod pdf;
mod rtf;
mod sniff;
mod text;
mod xml;
mod zip_guard;

#[cfg(test)]
mod tests;

/// The name of the thread PDF extraction runs in (under a time limit); a panic there is caught
/// and becomes a `ReadError`.
pub const PDF_THREAD_NAME: &str = "coopatlas-pdf";

/// The formats coopatlas reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Pdf,
    Docx,
    Odt,
    Rtf,
}

impl Format {
    /// Stable lowercase name, stored in the atlas and printed in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Odt => "odt",
            Format::Rtf => "rtf",
        }
    }

    /// Inverse of [`Format::as_str`].
    pub fn parse(name: &str) -> Option<Format> {
        [Format::Text, Format::Markdown, Format::Html, Format::Pdf, Format::Docx, Format::Odt, Format::Rtf]
            .into_iter()
            .find(|format| format.as_str() == name)
    }
}

/// Limits that protect the reader from hostile input.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Total uncompressed bytes read out of an archive (DOCX, ODT).
    pub max_uncompressed_bytes: u64,
    /// Number of entries an archive may have.
    pub max_archive_entries: usize,
    /// Wall-clock limit for PDF text extraction.
    pub pdf_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_uncompressed_bytes: 256 * 1024 * 1024,
            max_archive_entries: 10_000,
            pdf_timeout: Duration::from_secs(30),
        }
    }
}

/// What a reader found in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extracted {
    pub format: Format,
    /// The text, UTF-8, with paragraphs separated by blank lines.
    pub text: String,
    /// Title from the file's own metadata (HTML `<title>`/`og:title`, DOCX core properties...).
    pub title: Option<String>,
    /// Publication date from the file's own metadata, `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub date: Option<String>,
    /// Byte ranges of `text`, one per page, for paged formats (PDF); empty otherwise.
    pub pages: Vec<Range<usize>>,
    /// Name of the character encoding the text was decoded from (text formats only).
    pub encoding: Option<&'static str>,
    /// Things worth telling the user that did not stop reading (e.g. "extension .txt, content is PDF").
    pub warnings: Vec<String>,
}

/// Why a file could not be read. Messages are short, lowercase, and name no file: the caller does.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum ReadError {
    #[error("empty file")]
    Empty,
    #[error("binary content, not a document")]
    Binary,
    #[error("malformed {format}: {reason}")]
    Malformed { format: &'static str, reason: String },
    #[error("archive expands beyond {limit} bytes (zip bomb?)")]
    ArchiveTooLarge { limit: u64 },
    #[error("archive has more than {limit} entries")]
    TooManyEntries { limit: usize },
    #[error("no text found in {format}")]
    NoText { format: &'static str },
    #[error("{format} reader gave up after {seconds} s")]
    Timeout { format: &'static str, seconds: u64 },
}

/// Detects the format of `bytes` by content; `extension` (lowercase, no dot) breaks ties.
///
/// Archives are opened to tell DOCX from ODT, with [`Limits::default`] as the guard.
pub fn sniff(bytes: &[u8], extension: Option<&str>) -> Result<Format, ReadError> {
    let extension = extension.map(normalise_extension);
    guarded("file", || sniff::detect(bytes, extension.as_deref(), &Limits::default()))
}

/// Reads one document.
pub fn read(bytes: &[u8], extension: Option<&str>, limits: &Limits) -> Result<Extracted, ReadError> {
    let extension = extension.map(normalise_extension);
    let extension = extension.as_deref();
    let format = guarded("file", || sniff::detect(bytes, extension, limits))?;
    tracing::debug!(format = format.as_str(), bytes = bytes.len(), "reading document");
    let name = format.as_str();
    let mut extracted = match format {
        Format::Text | Format::Markdown => guarded(name, || text::read(bytes, format))?,
        Format::Html => guarded(name, || html::read(bytes))?,
        // The PDF reader runs pdf-extract in a thread of its own and catches its panics there.
        Format::Pdf => pdf::read(bytes, limits)?,
        Format::Docx => guarded(name, || docx::read(bytes, limits))?,
        Format::Odt => guarded(name, || odt::read(bytes, limits))?,
        Format::Rtf => guarded(name, || rtf::read(bytes))?,
    };
    if let Some(warning) = sniff::extension_warning(extension, format) {
        extracted.warnings.insert(0, warning);
    }
    Ok(extracted)
}

/// Reason given when a reader panicked: a bug in this crate or in a parser under it.
const PANIC_REASON: &str = "the reader failed on this input (internal error)";

/// Runs one reader, turning a panic into [`ReadError::Malformed`] of `format`.
///
/// The readers are written not to panic; this is the second line of defence for the parsers
/// under them (html5ever, zip, quick-xml) on hostile input. It only works when the binary is
/// built with `panic = "unwind"` (the default), and the default panic hook still prints the
/// message to stderr: changing the hook would change global state for the whole process.
fn guarded<T>(format: &'static str, reader: impl FnOnce() -> Result<T, ReadError>) -> Result<T, ReadError> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(reader)) {
        Ok(result) => result,
        Err(_) => {
            tracing::error!(format, "reader panicked");
            Err(ReadError::Malformed { format, reason: PANIC_REASON.to_owned() })
        }
    }
}

/// Lowercases an extension and drops a leading dot, so `".TXT"` and `"txt"` mean the same.
fn normalise_extension(extension: &str) -> String {
    extension.trim().trim_start_matches('.').to_ascii_lowercase()
}

//! The sample corpus of coopatlas, bundled into the binary: documents about interregional and
//! international cooperation in English and Russian, in every supported format, each with a
//! hand-written label of the facts it states (`corpus/LABELS.md` in the repository).
//!
//! `coopatlas demo` ingests it; tests and the extraction scorer read the labels.
//!
//! ```
//! let documents = coopatlas_corpus::documents();
//! assert!(documents.len() >= 60);
//! let first = &documents[0];
//! assert!(coopatlas_corpus::label(first.path).is_some());
//! ```

pub mod score;

use serde::Deserialize;

/// One bundled file: its path inside the corpus folder and its bytes.
#[derive(Debug, Clone, Copy)]
pub struct CorpusFile {
    pub path: &'static str,
    pub bytes: &'static [u8],
}

include!(concat!(env!("OUT_DIR"), "/corpus.rs"));

/// The documents, sorted by path (`docs/NAME`).
pub fn documents() -> &'static [CorpusFile] {
    DOCUMENTS
}

/// The label of the document at `path` (`docs/NAME`), parsed.
pub fn label(path: &str) -> Option<Label> {
    let name = path.strip_prefix("docs/")?;
    let wanted = format!("labels/{name}.json");
    let file = LABELS.iter().find(|file| file.path == wanted)?;
    serde_json::from_slice(file.bytes).ok()
}

/// Every label file, unparsed, with its path (`labels/NAME.json`).
pub fn label_files() -> &'static [CorpusFile] {
    LABELS
}

/// The facts a document states, in the extraction contract's format plus its genre.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Label {
    pub source: String,
    pub language: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub genre: String,
    pub places: Vec<serde_json::Value>,
    #[serde(default)]
    pub organizations: Vec<serde_json::Value>,
    pub ties: Vec<serde_json::Value>,
    pub spheres: Vec<serde_json::Value>,
    pub figures: Vec<serde_json::Value>,
    pub depth: String,
}

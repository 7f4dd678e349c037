//! What the web application's tests share.

use coopatlas_ingest::{Input, Origin};

/// The bundled sample corpus as ingestion inputs (the documents `coopatlas demo` reads), with
/// `extra` documents after it: (name, bytes).
pub fn corpus_inputs(extra: &[(&str, &'static [u8])]) -> Vec<Input> {
    let corpus = coopatlas_corpus::documents().iter().map(|file| (format!("corpus/{}", file.path), file.bytes));
    let extra = extra.iter().map(|(name, bytes)| (name.to_string(), *bytes));
    corpus
        .chain(extra)
        .map(|(name, bytes)| Input {
            display: name.clone(),
            key: name,
            origin: Origin::Bytes(bytes),
            size: bytes.len() as u64,
        })
        .collect()
}

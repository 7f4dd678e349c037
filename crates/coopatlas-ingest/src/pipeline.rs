use std::collections::HashSet;
use std::io::Read;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::Instant;

use coopatlas_document::{Document, DocumentId, Facts};
use coopatlas_extract::Extractor;
use coopatlas_store::{PutOutcome, Source, Store, StoreError};
use crossbeam_channel::{RecvTimeoutError, bounded};

use crate::{Failure, IngestConfig, Input, Observer, Origin, Summary, WORKER_THREAD_PREFIX};

/// What a worker made of one input.
enum Processed {
    /// New content, read and extracted.
    Parsed {
        document: Box<Document>,
        source: Source,
        bytes: u64,
    },
    /// Content the atlas already holds: only its path is recorded.
    Known {
        id: DocumentId,
        source: Source,
        bytes: u64,
    },
    Failed {
        failure: Failure,
        bytes: u64,
    },
}

/// Ingests `inputs` into `store`. Failures of single inputs are counted and reported to
/// `observer`; a store error ends the run (batches already written stay written).
pub fn ingest(
    store: &mut dyn Store,
    inputs: Vec<Input>,
    config: &IngestConfig,
    observer: &mut dyn Observer,
) -> Result<Summary, StoreError> {
    let started = Instant::now();
    let known: HashSet<DocumentId> = store.document_ids()?.into_iter().collect();
    observer.started(inputs.len() as u64, inputs.iter().map(|input| input.size).sum());
    let threads = config.threads.max(1);
    let mut summary = Summary::default();

    std::thread::scope(|scope| {
        // Bounded queues keep memory flat: at most a few documents are in flight per worker.
        let (job_sender, job_receiver) = bounded::<Input>(threads * 2);
        let (result_sender, result_receiver) = bounded::<Processed>(threads * 2);
        scope.spawn(move || {
            for input in inputs {
                if job_sender.send(input).is_err() {
                    break; // the writer stopped on a store error
                }
            }
        });
        for index in 0..threads {
            let job_receiver = job_receiver.clone();
            let result_sender = result_sender.clone();
            let known = &known;
            let worker = move || {
                for input in job_receiver {
                    if result_sender.send(process(input, known, config)).is_err() {
                        break;
                    }
                }
            };
            // Named, so that a binary's panic hook can tell a reader's caught panic from a bug.
            std::thread::Builder::new()
                .name(format!("{WORKER_THREAD_PREFIX}{index}"))
                .spawn_scoped(scope, worker)
                .map_err(|error| StoreError::Backend(format!("cannot start a worker thread: {error}")))?;
        }
        drop(result_sender);
        drop(job_receiver);

        let mut writer = BatchWriter { batch: Vec::new(), batch_bytes: 0, opened: Instant::now() };
        let result = (|| -> Result<(), StoreError> {
            loop {
                let processed = match result_receiver.recv_timeout(config.batch_interval) {
                    Ok(processed) => processed,
                    Err(RecvTimeoutError::Timeout) => {
                        writer.flush(store, &mut summary)?;
                        continue;
                    }
                    Err(RecvTimeoutError::Disconnected) => break,
                };
                summary.read += 1;
                match processed {
                    Processed::Parsed { document, source, bytes } => {
                        summary.bytes += bytes;
                        writer.batch_bytes += document.text.len();
                        writer.batch.push((*document, source));
                    }
                    Processed::Known { id, source, bytes } => {
                        summary.bytes += bytes;
                        // Keep order with pending writes: the path may belong to a batched version.
                        writer.flush(store, &mut summary)?;
                        count(&mut summary, store.touch(&id, &source)?);
                    }
                    Processed::Failed { failure, bytes } => {
                        summary.bytes += bytes;
                        summary.failed += 1;
                        observer.failed(&failure);
                        summary.failures.push(failure);
                    }
                }
                if writer.batch.len() >= config.batch_documents
                    || writer.batch_bytes >= config.batch_bytes
                    || writer.opened.elapsed() >= config.batch_interval
                {
                    writer.flush(store, &mut summary)?;
                }
                observer.progressed(summary.read, summary.bytes);
            }
            writer.flush(store, &mut summary)
        })();
        // On a store error, dropping the receiver stops the workers and the feeder.
        drop(result_receiver);
        result
    })?;
    summary.elapsed = started.elapsed();
    Ok(summary)
}

struct BatchWriter {
    batch: Vec<(Document, Source)>,
    batch_bytes: usize,
    opened: Instant,
}

impl BatchWriter {
    fn flush(&mut self, store: &mut dyn Store, summary: &mut Summary) -> Result<(), StoreError> {
        if !self.batch.is_empty() {
            for outcome in store.put(&self.batch)? {
                count(summary, outcome);
            }
            tracing::debug!(documents = self.batch.len(), bytes = self.batch_bytes, "wrote batch");
        }
        self.batch.clear();
        self.batch_bytes = 0;
        self.opened = Instant::now();
        Ok(())
    }
}

fn count(summary: &mut Summary, outcome: PutOutcome) {
    match outcome {
        PutOutcome::New => summary.new += 1,
        PutOutcome::NewVersion => {
            summary.new += 1;
            summary.new_versions += 1;
        }
        PutOutcome::NewPath | PutOutcome::Unchanged => summary.unchanged += 1,
    }
}

fn process(input: Input, known: &HashSet<DocumentId>, config: &IngestConfig) -> Processed {
    let source = Source { path: input.key.clone() };
    let failed = |reason: String, bytes: u64| Processed::Failed {
        failure: Failure { path: input.display.clone(), reason },
        bytes,
    };
    let owned;
    let bytes: &[u8] = match &input.origin {
        Origin::Bytes(bytes) => bytes,
        Origin::File(path) => match read_limited(path, config.max_file_bytes) {
            Ok(bytes) => {
                owned = bytes;
                &owned
            }
            Err(reason) => return failed(reason, 0),
        },
    };
    let size = bytes.len() as u64;
    let id = DocumentId::of(bytes);
    if known.contains(&id) {
        return Processed::Known { id, source, bytes: size };
    }
    match document_of(bytes, input.extension().as_deref(), config) {
        Ok(document) => Processed::Parsed { document: Box::new(document), source, bytes: size },
        Err(reason) => failed(reason, size),
    }
}

/// Reads the bytes of one file into a document, with its facts when `config` has an extractor:
/// the read and extract stages for one input, also for callers that get their bytes elsewhere
/// (a worker taking jobs from a queue). `extension` (lowercase, no dot) only breaks format ties.
/// The error is the reason to report; a reader's panic becomes one too.
pub fn document_of(bytes: &[u8], extension: Option<&str>, config: &IngestConfig) -> Result<Document, String> {
    // Readers must not panic, but a panic in a third-party parser must cost one file, not the run.
    let read = catch_unwind(AssertUnwindSafe(|| {
        coopatlas_readers::read(bytes, extension, &config.limits).map(|extracted| {
            let mut document = Document::new(bytes, extracted);
            if let Some(extractor) = &config.extractor {
                document.facts = Some(extract(extractor, &document));
            }
            document
        })
    }));
    match read {
        Ok(Ok(document)) => Ok(document),
        Ok(Err(error)) => Err(error.to_string()),
        Err(_) => Err("the reader crashed on this file".to_string()),
    }
}

/// The facts of a document, as the atlas stores them.
pub fn extract(extractor: &Extractor, document: &Document) -> Facts {
    facts_of(
        extractor,
        &document.text,
        document.title.as_deref(),
        document.date.as_deref(),
        document.language.as_deref(),
    )
}

fn facts_of(
    extractor: &Extractor,
    text: &str,
    title: Option<&str>,
    date: Option<&str>,
    language: Option<&str>,
) -> Facts {
    extractor.facts(&extractor.extract(&coopatlas_extract::Input { text, title, date, language }))
}

/// What [`reextract`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reextracted {
    /// Documents whose facts were (re)written.
    pub extracted: u64,
    /// Documents whose facts were already from this extractor.
    pub current: u64,
}

/// Brings stored facts up to date: extracts every document that has no facts or facts from
/// another extractor (every document when `all`), and replaces its facts. Each chunk of
/// documents is one transaction, so an interrupted run keeps what it finished.
pub fn reextract(
    store: &mut dyn Store,
    extractor: &Extractor,
    all: bool,
    threads: usize,
    observer: &mut dyn Observer,
) -> Result<Reextracted, StoreError> {
    let version = extractor.version();
    let listed = store.extractors()?;
    let total = listed.len() as u64;
    let stale: Vec<DocumentId> = listed
        .into_iter()
        .filter(|(_, stored)| all || stored.as_deref() != Some(version.as_str()))
        .map(|(id, _)| id)
        .collect();
    let mut done = Reextracted { extracted: 0, current: total - stale.len() as u64 };
    observer.started(stale.len() as u64, 0);
    let threads = threads.max(1);
    for chunk in stale.chunks(threads * 16) {
        let documents = chunk.iter().map(|id| store.document(id.as_str())).collect::<Result<Vec<_>, StoreError>>()?;
        let per_thread = documents.len().div_ceil(threads);
        let facts: Vec<(DocumentId, Facts)> = std::thread::scope(|scope| {
            let handles: Vec<_> = documents
                .chunks(per_thread)
                .map(|part| {
                    scope.spawn(move || {
                        part.iter()
                            .map(|document| {
                                let summary = &document.summary;
                                let facts = facts_of(
                                    extractor,
                                    &document.text,
                                    summary.title.as_deref(),
                                    summary.date.as_deref(),
                                    summary.language.as_deref(),
                                );
                                (summary.id.clone(), facts)
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|handle| handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
                .collect()
        });
        store.put_facts(&facts)?;
        done.extracted += facts.len() as u64;
        observer.progressed(done.extracted, 0);
    }
    Ok(done)
}

/// Reads a whole file, refusing it when it has grown past the limit since it was listed.
fn read_limited(path: &std::path::Path, max_bytes: u64) -> Result<Vec<u8>, String> {
    let file = std::fs::File::open(path).map_err(|error| format!("cannot open: {error}"))?;
    let mut bytes = Vec::new();
    file.take(max_bytes + 1).read_to_end(&mut bytes).map_err(|error| format!("cannot read: {error}"))?;
    if bytes.len() as u64 > max_bytes {
        return Err(format!("over the size limit of {max_bytes} bytes (--max-file-size)"));
    }
    Ok(bytes)
}

//! Spread ingestion over processes and machines: `ingest --queue` records files as jobs in a
//! PostgreSQL atlas, `worker` takes them, and `queue` shows and tends the queue. The jobs carry
//! the files' bytes, so a worker needs the database only, not the files.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use coopatlas_ingest::{IngestConfig, Origin};
use coopatlas_store::PutOutcome;
use coopatlas_store_postgres::PostgresStore;
use coopatlas_store_postgres::queue::{Completion, NewJob, QueueStatus};

use crate::args::{AtlasArg, QueueAction};
use crate::commands::{Outcome, atlas_name};

/// Jobs sent to the database in one statement are cut at this many bytes of files.
const ENQUEUE_BYTES: usize = 32 << 20;

fn connect(atlas: &AtlasArg, what: &str) -> anyhow::Result<PostgresStore> {
    let url = atlas.database.as_deref().with_context(|| {
        format!("{what} works on a PostgreSQL atlas: give --database postgres://... (or COOPATLAS_DATABASE)")
    })?;
    PostgresStore::connect(url).with_context(|| format!("cannot open the atlas at {}", atlas_name(atlas)))
}

/// `ingest --queue`: every file found becomes a job; nothing is read beyond the bytes.
pub fn enqueue(paths: &[PathBuf], atlas: &AtlasArg, max_file_size: u64, quiet: bool) -> anyhow::Result<Outcome> {
    let mut store = connect(atlas, "ingest --queue")?;
    let (inputs, mut failures) = coopatlas_ingest::discover(paths, max_file_size);
    let (mut queued, mut already) = (0, 0);
    let mut pending: Vec<NewJob> = Vec::new();
    let mut pending_bytes = 0;
    let mut send = |store: &mut PostgresStore, pending: &mut Vec<NewJob>| -> anyhow::Result<()> {
        let done = store.enqueue(pending)?;
        queued += done.queued;
        already += done.already_queued;
        pending.clear();
        Ok(())
    };
    for input in inputs {
        let content = match &input.origin {
            Origin::File(path) => match std::fs::read(path) {
                Ok(bytes) => bytes,
                Err(error) => {
                    failures.push(coopatlas_ingest::Failure { path: input.display.clone(), reason: error.to_string() });
                    continue;
                }
            },
            Origin::Bytes(bytes) => bytes.to_vec(),
        };
        pending_bytes += content.len();
        pending.push(NewJob { path: input.key, name: input.display, content });
        if pending_bytes >= ENQUEUE_BYTES || pending.len() >= 500 {
            send(&mut store, &mut pending)?;
            pending_bytes = 0;
        }
    }
    if !pending.is_empty() {
        send(&mut store, &mut pending)?;
    }
    for failure in &failures {
        eprintln!("failed: {}: {}", failure.path, failure.reason);
    }
    if !quiet {
        eprintln!(
            "queued {queued} files in {} ({already} were already waiting), {} failed; start `coopatlas worker` to ingest them",
            atlas_name(atlas),
            failures.len()
        );
    }
    Ok(if failures.is_empty() { Outcome::Success } else { Outcome::PartialFailure })
}

pub struct WorkerOptions {
    pub batch: usize,
    pub lease: Duration,
    pub exit_when_empty: bool,
    pub name: Option<String>,
    pub extract: bool,
    pub quiet: bool,
    pub hold_before_commit: Duration,
}

#[derive(Default)]
struct Tally {
    new: u64,
    unchanged: u64,
    failed: u64,
    lost: u64,
}

/// `worker`: takes jobs until stopped (or until the queue is empty, with `exit_when_empty`).
pub fn work(atlas: &AtlasArg, options: &WorkerOptions) -> anyhow::Result<Outcome> {
    let mut store = connect(atlas, "worker")?;
    let name = options.name.clone().unwrap_or_else(default_name);
    let mut config = IngestConfig::default();
    if options.extract {
        config.extractor = Some(Arc::new(crate::commands::extractor()?));
    }
    let started = Instant::now();
    let mut tally = Tally::default();
    if !options.quiet {
        eprintln!("worker {name} takes jobs from {}", atlas_name(atlas));
    }
    loop {
        let jobs = store.take(&name, options.batch.max(1), options.lease)?;
        if jobs.is_empty() {
            if options.exit_when_empty && store.queue_status()?.open() == 0 {
                break;
            }
            // Someone else's held jobs may come back when their lease runs out; new ones may
            // be queued at any time.
            std::thread::sleep(Duration::from_millis(if options.exit_when_empty { 250 } else { 2000 }));
            continue;
        }
        let mut results = Vec::with_capacity(jobs.len());
        for job in &jobs {
            let extension = job.name.rsplit(['/', '\\']).next().and_then(|file| file.rsplit_once('.'));
            let extension = extension.map(|(_, extension)| extension.to_ascii_lowercase());
            let result = coopatlas_ingest::document_of(&job.content, extension.as_deref(), &config);
            if let Err(reason) = &result {
                eprintln!("failed: {}: {reason}", job.name);
            }
            results.push((job, result));
        }
        // The batch is written in one transaction: one commit per batch, not per file.
        let completions = store.complete_all(&name, &results, options.hold_before_commit)?;
        for ((job, _), completion) in results.iter().zip(completions) {
            match completion {
                Completion::Stored(PutOutcome::New | PutOutcome::NewVersion) => tally.new += 1,
                Completion::Stored(PutOutcome::NewPath | PutOutcome::Unchanged) => tally.unchanged += 1,
                Completion::Failed => tally.failed += 1,
                Completion::LeaseLost => {
                    tally.lost += 1;
                    eprintln!("lost {}: its lease ran out and another worker took it", job.name);
                }
            }
        }
    }
    if !options.quiet {
        let Tally { new, unchanged, failed, lost } = tally;
        eprintln!(
            "worker {name}: new {new}, unchanged {unchanged}, failed {failed}, lost {lost}, in {:.2} s",
            started.elapsed().as_secs_f64()
        );
    }
    Ok(if tally.failed > 0 { Outcome::PartialFailure } else { Outcome::Success })
}

fn default_name() -> String {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|name| name.trim().to_string())
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| "worker".to_string());
    format!("{host}:{}", std::process::id())
}

pub fn queue(action: QueueAction) -> anyhow::Result<Outcome> {
    match action {
        QueueAction::Status { atlas, json } => {
            let status = connect(&atlas, "queue status")?.queue_status()?;
            if json {
                println!("{}", serde_json::to_string_pretty(&status)?);
            } else {
                print_status(&status);
            }
        }
        QueueAction::Retry { atlas } => {
            let again = connect(&atlas, "queue retry")?.retry_failed()?;
            eprintln!("{again} failed jobs are waiting again");
        }
        QueueAction::Clear { atlas } => {
            let cleared = connect(&atlas, "queue clear")?.clear_finished()?;
            eprintln!("forgot {cleared} finished jobs");
        }
    }
    Ok(Outcome::Success)
}

fn print_status(status: &QueueStatus) {
    println!("waiting {}, held {}, done {}, failed {}", status.waiting, status.held, status.done, status.failed);
    for worker in &status.workers {
        println!("  {} holds {} jobs (lease until {})", worker.worker, worker.jobs, worker.lease_until);
    }
    for job in &status.retried {
        println!("  tried {} times: {} ({})", job.attempts, job.path, job.state);
    }
    for failure in &status.failures {
        println!("  failed: {}: {}", failure.path, failure.error);
    }
}

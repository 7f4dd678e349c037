//! The ingestion queue: `coopatlas ingest --queue` records files as jobs, and any number of
//! `coopatlas worker` processes, on any machines, take them.
//!
//! A worker takes jobs with `FOR UPDATE SKIP LOCKED`, so two workers never take the same one,
//! and holds each for a lease. It stores the document and marks the job done in one
//! transaction, after checking that it still holds the job: a worker killed mid-job leaves
//! nothing half-written (its transaction dies with its connection), its job is taken again when
//! the lease runs out, and a worker that outlived its lease finds the job gone and writes
//! nothing. Documents are keyed by content, so a job done twice still stores one document.
//! A job whose workers all died `MAX_ATTEMPTS` times is given up as failed.

use std::time::Duration;

use coopatlas_document::{Document, DocumentId};
use coopatlas_store::{PutOutcome, Source, StoreError};
use serde::Serialize;

use crate::{PostgresStore, put_batch};

/// Workers may die on a job this many times before it is given up.
pub const MAX_ATTEMPTS: i32 = 3;

/// A file to ingest: the path the atlas will record, a name for messages and extension, bytes.
#[derive(Debug, Clone)]
pub struct NewJob {
    pub path: String,
    pub name: String,
    pub content: Vec<u8>,
}

/// What [`PostgresStore::enqueue`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Enqueued {
    pub queued: u64,
    /// The same content at the same path was already waiting or held.
    pub already_queued: u64,
}

/// A job a worker holds.
#[derive(Debug, Clone)]
pub struct Job {
    pub id: i64,
    pub path: String,
    pub name: String,
    pub content: Vec<u8>,
    /// 1 the first time the job is taken.
    pub attempts: i32,
}

/// What [`PostgresStore::complete`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Completion {
    /// The document is stored (or its path recorded) and the job is done.
    Stored(PutOutcome),
    /// The job is marked failed with the worker's reason.
    Failed,
    /// The worker no longer held the job (its lease ran out and another worker took it, or it
    /// was finished elsewhere): nothing was written.
    LeaseLost,
}

/// The queue at a glance.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct QueueStatus {
    pub waiting: u64,
    /// Taken by a worker whose lease has not run out.
    pub held: u64,
    pub done: u64,
    pub failed: u64,
    pub workers: Vec<WorkerLoad>,
    /// Jobs taken more than once: their first workers died or stalled.
    pub retried: Vec<Retried>,
    pub failures: Vec<JobFailure>,
}

impl QueueStatus {
    /// Jobs that are not finished: waiting, or taken (with a live lease or not).
    pub fn open(&self) -> u64 {
        self.waiting + self.held
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorkerLoad {
    pub worker: String,
    pub jobs: u64,
    /// RFC 3339, UTC: when the last of its leases runs out.
    pub lease_until: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Retried {
    pub path: String,
    pub attempts: i32,
    pub state: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JobFailure {
    pub path: String,
    pub error: String,
    pub attempts: i32,
}

/// The queue's table, migration 2.
pub(crate) const MIGRATION: &str = "
CREATE TABLE ingest_jobs (
    id BIGSERIAL PRIMARY KEY,
    path TEXT NOT NULL,
    name TEXT NOT NULL,
    content BYTEA NOT NULL,
    content_id TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'taken', 'done', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    worker TEXT,
    lease_until TIMESTAMPTZ,
    outcome TEXT,
    error TEXT,
    queued_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at TIMESTAMPTZ
);
-- What workers look for: the open jobs, in order.
CREATE INDEX ingest_jobs_open ON ingest_jobs (id) WHERE state IN ('waiting', 'taken');
-- The same file queued twice before it is done is one job.
CREATE UNIQUE INDEX ingest_jobs_once ON ingest_jobs (path, content_id) WHERE state IN ('waiting', 'taken');
";

fn outcome_name(outcome: PutOutcome) -> &'static str {
    match outcome {
        PutOutcome::New => "new",
        PutOutcome::NewVersion => "new version",
        PutOutcome::NewPath => "new path",
        PutOutcome::Unchanged => "unchanged",
    }
}

impl PostgresStore {
    /// Records files as waiting jobs, in one transaction. A file whose content is already waiting
    /// or held at the same path is not queued again.
    pub fn enqueue(&mut self, jobs: &[NewJob]) -> Result<Enqueued, StoreError> {
        if jobs.is_empty() {
            return Ok(Enqueued::default());
        }
        let enqueued = self.write(async |transaction, _| {
            let statement = transaction
                .prepare(
                    "INSERT INTO ingest_jobs (path, name, content, content_id) VALUES ($1, $2, $3, $4)
                     ON CONFLICT (path, content_id) WHERE state IN ('waiting', 'taken') DO NOTHING",
                )
                .await?;
            let mut enqueued = Enqueued::default();
            for job in jobs {
                let id = DocumentId::of(&job.content);
                let inserted =
                    transaction.execute(&statement, &[&job.path, &job.name, &job.content, &id.as_str()]).await?;
                if inserted == 1 {
                    enqueued.queued += 1;
                } else {
                    enqueued.already_queued += 1;
                }
            }
            // Queuing changes no document: the data version stays.
            Ok((enqueued, false))
        })?;
        Ok(enqueued)
    }

    /// Takes up to `limit` jobs for `worker` and holds them for `lease`: waiting jobs, and jobs
    /// whose holder's lease ran out, oldest first. Jobs other workers are taking at this moment
    /// are skipped, not waited for. Jobs whose holders died [`MAX_ATTEMPTS`] times are failed
    /// first.
    pub fn take(&mut self, worker: &str, limit: usize, lease: Duration) -> Result<Vec<Job>, StoreError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let seconds = lease.as_secs_f64();
        self.write(async |transaction, _| {
            transaction
                .execute(
                    "UPDATE ingest_jobs SET state = 'failed', finished_at = now(), lease_until = NULL,
                         error = format('given up after %s attempts: each worker that took it stopped before finishing', attempts)
                     WHERE id IN (
                         SELECT id FROM ingest_jobs
                         WHERE state = 'taken' AND lease_until < now() AND attempts >= $1
                         FOR UPDATE SKIP LOCKED)",
                    &[&MAX_ATTEMPTS],
                )
                .await?;
            let rows = transaction
                .query(
                    "UPDATE ingest_jobs SET state = 'taken', worker = $1, attempts = attempts + 1,
                         lease_until = now() + make_interval(secs => $2)
                     WHERE id IN (
                         SELECT id FROM ingest_jobs
                         WHERE state = 'waiting' OR (state = 'taken' AND lease_until < now())
                         ORDER BY id
                         FOR UPDATE SKIP LOCKED
                         LIMIT $3)
                     RETURNING id, path, name, content, attempts",
                    &[&worker, &seconds, &limit],
                )
                .await?;
            let mut jobs: Vec<Job> = rows
                .iter()
                .map(|row| Job {
                    id: row.get(0),
                    path: row.get(1),
                    name: row.get(2),
                    content: row.get(3),
                    attempts: row.get(4),
                })
                .collect();
            jobs.sort_by_key(|job| job.id);
            Ok((jobs, false))
        })
    }

    /// Finishes a job `worker` holds, in one transaction: with a document, stores it (or records
    /// its path, when the content is known) and marks the job done; with a reason, marks the job
    /// failed. If the worker no longer holds the job, writes nothing and says so.
    ///
    /// `hold` keeps the transaction open that long before it commits; it exists for tests that
    /// stop a worker in the middle of a write, and is zero otherwise.
    pub fn complete(
        &mut self,
        worker: &str,
        job: &Job,
        result: Result<Document, String>,
        hold: Duration,
    ) -> Result<Completion, StoreError> {
        Ok(self.complete_all(worker, &[(job, result)], hold)?[0])
    }

    /// Finishes several jobs `worker` holds in one transaction, as [`PostgresStore::complete`]
    /// finishes one: one commit for a batch instead of one per job. Jobs the worker no longer
    /// holds come back as [`Completion::LeaseLost`] and write nothing; the others are all done or
    /// failed together, or, if the worker dies first, none.
    pub fn complete_all(
        &mut self,
        worker: &str,
        results: &[(&Job, Result<Document, String>)],
        hold: Duration,
    ) -> Result<Vec<Completion>, StoreError> {
        if results.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<i64> = results.iter().map(|(job, _)| job.id).collect();
        self.write(async |transaction, local| {
            // The row locks keep any other worker from taking these jobs until this commits.
            let held: Vec<i64> = transaction
                .query(
                    "SELECT id FROM ingest_jobs WHERE id = ANY($1) AND state = 'taken' AND worker = $2 ORDER BY id FOR UPDATE",
                    &[&ids, &worker],
                )
                .await?
                .iter()
                .map(|row| row.get(0))
                .collect();
            let mut completions = vec![Completion::LeaseLost; results.len()];
            let mut batch = Vec::new();
            let mut stored = Vec::new();
            for (index, (job, result)) in results.iter().enumerate() {
                if !held.contains(&job.id) {
                    continue;
                }
                match result {
                    Ok(document) => {
                        batch.push((document.clone(), Source { path: job.path.clone() }));
                        stored.push(index);
                    }
                    Err(reason) => {
                        transaction
                            .execute(
                                "UPDATE ingest_jobs SET state = 'failed', error = $2, finished_at = now(), lease_until = NULL
                                 WHERE id = $1",
                                &[&job.id, reason],
                            )
                            .await?;
                        completions[index] = Completion::Failed;
                    }
                }
            }
            let outcomes = if batch.is_empty() { Vec::new() } else { put_batch(transaction, local, &batch).await? };
            let mut done_ids = Vec::new();
            let mut done_outcomes = Vec::new();
            for (index, outcome) in stored.into_iter().zip(outcomes) {
                completions[index] = Completion::Stored(outcome);
                done_ids.push(results[index].0.id);
                done_outcomes.push(outcome_name(outcome));
            }
            if !done_ids.is_empty() {
                transaction
                    .execute(
                        "UPDATE ingest_jobs SET state = 'done', outcome = finished.outcome, finished_at = now(),
                             lease_until = NULL, content = ''::bytea
                         FROM unnest($1::bigint[], $2::text[]) AS finished (id, outcome)
                         WHERE ingest_jobs.id = finished.id",
                        &[&done_ids, &done_outcomes],
                    )
                    .await?;
            }
            if !hold.is_zero() {
                tokio::time::sleep(hold).await;
            }
            let changed = completions
                .iter()
                .any(|completion| matches!(completion, Completion::Stored(outcome) if *outcome != PutOutcome::Unchanged));
            Ok((completions, changed))
        })
    }

    /// Counts of jobs by state, who holds jobs, which jobs were taken more than once, and why
    /// jobs failed.
    pub fn queue_status(&self) -> Result<QueueStatus, StoreError> {
        self.snapshot(async |db| {
            let client = db.client();
            let mut status = QueueStatus::default();
            for row in client
                .query(
                    "SELECT state, (state = 'taken' AND lease_until < now()) AS expired, count(*)
                     FROM ingest_jobs GROUP BY 1, 2",
                    &[],
                )
                .await?
            {
                let count = u64::try_from(row.get::<_, i64>(2)).unwrap_or_default();
                match row.get::<_, &str>(0) {
                    // A job whose lease ran out waits for the next worker.
                    "waiting" => status.waiting += count,
                    "taken" if row.get::<_, Option<bool>>(1) == Some(true) => status.waiting += count,
                    "taken" => status.held += count,
                    "done" => status.done += count,
                    _ => status.failed += count,
                }
            }
            status.workers = client
                .query(
                    "SELECT worker, count(*), to_char(max(lease_until) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')
                     FROM ingest_jobs WHERE state = 'taken' AND lease_until >= now() GROUP BY worker ORDER BY worker",
                    &[],
                )
                .await?
                .iter()
                .map(|row| WorkerLoad {
                    worker: row.get::<_, Option<String>>(0).unwrap_or_default(),
                    jobs: u64::try_from(row.get::<_, i64>(1)).unwrap_or_default(),
                    lease_until: row.get(2),
                })
                .collect();
            status.retried = client
                .query("SELECT path, attempts, state FROM ingest_jobs WHERE attempts > 1 ORDER BY id LIMIT 1000", &[])
                .await?
                .iter()
                .map(|row| Retried { path: row.get(0), attempts: row.get(1), state: row.get(2) })
                .collect();
            status.failures = client
                .query(
                    "SELECT path, coalesce(error, ''), attempts FROM ingest_jobs WHERE state = 'failed' ORDER BY id LIMIT 1000",
                    &[],
                )
                .await?
                .iter()
                .map(|row| JobFailure { path: row.get(0), error: row.get(1), attempts: row.get(2) })
                .collect();
            Ok(status)
        })
    }

    /// Puts failed jobs back in the queue with a fresh count of attempts; returns how many.
    pub fn retry_failed(&mut self) -> Result<u64, StoreError> {
        self.write(async |transaction, _| {
            let count = transaction
                .execute(
                    "UPDATE ingest_jobs SET state = 'waiting', attempts = 0, worker = NULL, error = NULL, finished_at = NULL
                     WHERE id IN (SELECT max(id) FROM ingest_jobs WHERE state = 'failed' GROUP BY path, content_id)
                       AND NOT EXISTS (SELECT 1 FROM ingest_jobs open
                                       WHERE open.state IN ('waiting', 'taken')
                                         AND open.path = ingest_jobs.path AND open.content_id = ingest_jobs.content_id)",
                    &[],
                )
                .await?;
            Ok((count, false))
        })
    }

    /// Deletes done and failed jobs; returns how many.
    pub fn clear_finished(&mut self) -> Result<u64, StoreError> {
        self.write(async |transaction, _| {
            let count = transaction.execute("DELETE FROM ingest_jobs WHERE state IN ('done', 'failed')", &[]).await?;
            Ok((count, false))
        })
    }
}

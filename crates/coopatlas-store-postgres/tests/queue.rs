//! The ingestion queue on a real server: jobs are queued once, taken by one worker at a time,
//! given to another when a lease runs out (and the first worker's late write refused), given up
//! after repeated deaths, and many workers at once store every content exactly once. Skipped,
//! with a line saying so, when `COOPATLAS_TEST_DATABASE` is not set.

use std::collections::BTreeSet;
use std::time::Duration;

use coopatlas_document::{Document, Genre};
use coopatlas_store::conformance;
use coopatlas_store::{PutOutcome, Store};
use coopatlas_store_postgres::PostgresStore;
use coopatlas_store_postgres::queue::{Completion, MAX_ATTEMPTS, NewJob};
use coopatlas_store_postgres::testing::{TestDatabase, fresh_database};

fn connect(database: &TestDatabase) -> PostgresStore {
    PostgresStore::connect(database.url()).expect("connect")
}

fn job(path: &str, text: &str) -> NewJob {
    NewJob { path: path.into(), name: path.into(), content: text.as_bytes().to_vec() }
}

/// What a worker would make of a job's bytes (the tests put text files in the queue).
fn document_of(content: &[u8]) -> Document {
    conformance::document(std::str::from_utf8(content).expect("text"), "ru", Genre::News, None)
}

const NO_HOLD: Duration = Duration::ZERO;

#[test]
fn jobs_are_queued_once_and_done_once() {
    let Some(database) = fresh_database("queue: queued once, done once") else { return };
    let mut store = connect(&database);
    let jobs = [job("a.txt", "Текст А"), job("b.txt", "Текст Б"), job("copy/a.txt", "Текст А")];
    let enqueued = store.enqueue(&jobs).expect("enqueue");
    assert_eq!((enqueued.queued, enqueued.already_queued), (3, 0));
    let again = store.enqueue(&jobs[..1]).expect("enqueue again");
    assert_eq!((again.queued, again.already_queued), (0, 1), "the same file waiting is one job");
    let version = store.data_version().expect("version");
    assert_eq!(version, store.data_version().expect("version"), "queuing changes no document");

    let mut other = connect(&database);
    let first = store.take("one", 2, Duration::from_secs(60)).expect("take");
    let second = other.take("two", 5, Duration::from_secs(60)).expect("take");
    assert_eq!(first.iter().map(|job| job.path.as_str()).collect::<Vec<_>>(), ["a.txt", "b.txt"], "oldest first");
    assert_eq!(second.iter().map(|job| job.path.as_str()).collect::<Vec<_>>(), ["copy/a.txt"]);
    assert!(other.take("two", 5, Duration::from_secs(60)).expect("take").is_empty(), "all held");
    let status = store.queue_status().expect("status");
    assert_eq!((status.waiting, status.held, status.done), (0, 3, 0));
    assert_eq!(
        status.workers.iter().map(|load| (load.worker.as_str(), load.jobs)).collect::<Vec<_>>(),
        [("one", 2), ("two", 1)]
    );

    for job in &first {
        let done = store.complete("one", job, Ok(document_of(&job.content)), NO_HOLD).expect("complete");
        assert_eq!(done, Completion::Stored(PutOutcome::New));
    }
    let copy = &second[0];
    let done = other.complete("two", copy, Ok(document_of(&copy.content)), NO_HOLD).expect("complete");
    assert_eq!(done, Completion::Stored(PutOutcome::NewPath), "known content: its path is recorded");
    assert_ne!(store.data_version().expect("version"), version);
    let stats = store.stats().expect("stats");
    assert_eq!((stats.documents, stats.paths), (2, 3));
    let status = store.queue_status().expect("status");
    assert_eq!((status.waiting, status.held, status.done, status.failed), (0, 0, 3, 0));
    assert!(status.retried.is_empty() && status.workers.is_empty());
    assert_eq!(store.enqueue(&jobs[..1]).expect("enqueue").queued, 1, "a done job may be queued again");
}

#[test]
fn a_late_worker_writes_nothing() {
    let Some(database) = fresh_database("queue: a lease that ran out") else { return };
    let (mut slow, mut quick) = (connect(&database), connect(&database));
    slow.enqueue(&[job("a.txt", "Текст А")]).expect("enqueue");
    let taken = slow.take("slow", 1, Duration::from_millis(200)).expect("take");
    assert!(quick.take("quick", 1, Duration::from_secs(60)).expect("take").is_empty(), "held");
    std::thread::sleep(Duration::from_millis(400));
    let retaken = quick.take("quick", 1, Duration::from_secs(60)).expect("take");
    assert_eq!(retaken.len(), 1, "the lease ran out: the job is taken again");
    assert_eq!((retaken[0].id, retaken[0].attempts), (taken[0].id, 2));
    let late = slow.complete("slow", &taken[0], Ok(document_of(&taken[0].content)), NO_HOLD).expect("complete");
    assert_eq!(late, Completion::LeaseLost);
    assert_eq!(slow.stats().expect("stats").documents, 0, "the late worker wrote nothing");
    let done = quick.complete("quick", &retaken[0], Ok(document_of(&retaken[0].content)), NO_HOLD).expect("complete");
    assert_eq!(done, Completion::Stored(PutOutcome::New));
    let status = quick.queue_status().expect("status");
    assert_eq!(status.retried.len(), 1);
    assert_eq!((status.retried[0].attempts, status.retried[0].state.as_str()), (2, "done"));
}

#[test]
fn failures_are_kept_and_retried_on_request() {
    let Some(database) = fresh_database("queue: failures, retries, giving up") else { return };
    let mut store = connect(&database);
    store.enqueue(&[job("bad.pdf", "not a pdf"), job("dies.txt", "Текст")]).expect("enqueue");
    let taken = store.take("w", 1, Duration::from_secs(60)).expect("take");
    let failed = store.complete("w", &taken[0], Err("not a PDF file".into()), NO_HOLD).expect("complete");
    assert_eq!(failed, Completion::Failed);
    // The other job's workers all die before finishing it.
    for attempt in 1..=MAX_ATTEMPTS {
        let taken = store.take("w", 1, Duration::from_millis(50)).expect("take");
        assert_eq!((taken.len(), taken[0].attempts), (1, attempt));
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(store.take("w", 1, Duration::from_secs(60)).expect("take").is_empty(), "given up");
    let status = store.queue_status().expect("status");
    assert_eq!((status.waiting, status.held, status.failed), (0, 0, 2));
    let reasons: Vec<(&str, &str)> =
        status.failures.iter().map(|failure| (failure.path.as_str(), failure.error.as_str())).collect();
    assert_eq!(reasons[0], ("bad.pdf", "not a PDF file"));
    assert!(reasons[1].1.contains("given up after 3 attempts"), "{reasons:?}");

    assert_eq!(store.retry_failed().expect("retry"), 2);
    assert_eq!(store.queue_status().expect("status").waiting, 2);
    for job in store.take("w", 5, Duration::from_secs(60)).expect("take") {
        assert_eq!(job.attempts, 1, "a retried job starts its count again");
        store.complete("w", &job, Ok(document_of(&job.content)), NO_HOLD).expect("complete");
    }
    assert_eq!(store.clear_finished().expect("clear"), 2);
    let status = store.queue_status().expect("status");
    assert_eq!((status.waiting, status.done, status.failed), (0, 0, 0));
    assert_eq!(store.stats().expect("stats").documents, 2, "clearing jobs keeps documents");
}

#[test]
fn many_workers_store_every_content_once() {
    let Some(database) = fresh_database("queue: four workers at once") else { return };
    let mut store = connect(&database);
    // 60 files, 20 distinct contents: the same content under three paths each.
    let jobs: Vec<NewJob> = (0..60)
        .map(|index| job(&format!("{}/doc-{}.txt", index / 20, index % 20), &format!("Документ {}", index % 20)))
        .collect();
    assert_eq!(store.enqueue(&jobs).expect("enqueue").queued, 60);
    let handles: Vec<_> = (0..4)
        .map(|worker| {
            let url = database.url().to_string();
            std::thread::spawn(move || {
                let mut store = PostgresStore::connect(&url).expect("connect");
                let name = format!("w{worker}");
                let mut done = Vec::new();
                loop {
                    let taken = store.take(&name, 3, Duration::from_secs(60)).expect("take");
                    if taken.is_empty() {
                        return done;
                    }
                    for job in taken {
                        let completion =
                            store.complete(&name, &job, Ok(document_of(&job.content)), NO_HOLD).expect("complete");
                        assert!(matches!(completion, Completion::Stored(_)), "{completion:?}");
                        done.push(job.path);
                    }
                }
            })
        })
        .collect();
    let mut paths = BTreeSet::new();
    for handle in handles {
        for path in handle.join().expect("worker") {
            assert!(paths.insert(path.clone()), "{path} done twice");
        }
    }
    assert_eq!(paths.len(), 60);
    let stats = store.stats().expect("stats");
    assert_eq!((stats.documents, stats.paths), (20, 60));
    assert_eq!(store.queue_status().expect("status").done, 60);
}

#[test]
fn a_batch_is_finished_in_one_transaction() {
    let Some(database) = fresh_database("queue: a batch finished at once") else { return };
    let (mut store, mut other) = (connect(&database), connect(&database));
    let jobs = [job("a.txt", "Текст А"), job("copy/a.txt", "Текст А"), job("bad.pdf", "?"), job("b.txt", "Текст Б")];
    store.enqueue(&jobs).expect("enqueue");
    let taken = store.take("w", 4, Duration::from_millis(200)).expect("take");
    // The last job's lease runs out and another worker takes it before this one writes.
    std::thread::sleep(Duration::from_millis(300));
    let lost = other.take("other", 1, Duration::from_secs(60)).expect("take");
    assert_eq!(lost[0].path, "a.txt", "oldest first");
    let results: Vec<_> = taken
        .iter()
        .map(|job| {
            (job, if job.path.ends_with(".pdf") { Err("not a PDF".to_string()) } else { Ok(document_of(&job.content)) })
        })
        .collect();
    let completions = store.complete_all("w", &results, NO_HOLD).expect("complete");
    assert_eq!(
        completions,
        [
            Completion::LeaseLost,
            Completion::Stored(PutOutcome::New),
            Completion::Failed,
            Completion::Stored(PutOutcome::New)
        ],
        "the copy's content is new here: its first path belongs to the other worker now"
    );
    let stats = store.stats().expect("stats");
    assert_eq!((stats.documents, stats.paths), (2, 2));
    let done = other.complete("other", &lost[0], Ok(document_of(&lost[0].content)), NO_HOLD).expect("complete");
    assert_eq!(done, Completion::Stored(PutOutcome::NewPath));
    let status = store.queue_status().expect("status");
    assert_eq!((status.waiting, status.held, status.done, status.failed), (0, 0, 3, 1));
}

//! Ingestion spread over worker processes on a PostgreSQL atlas, end to end: the corpus is
//! queued, one worker is killed in the middle of a write, two others finish the queue. Nothing
//! is lost, nothing is stored twice, and the atlas is the one a plain `ingest` into SQLite makes.
//! Needs a PostgreSQL server (COOPATLAS_TEST_DATABASE); without one the tests say so and pass.

use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

mod common;

use common::{coopatlas, run, text};
use coopatlas_store_postgres::testing::fresh_database;
use serde_json::Value;

fn ok(arguments: &[&str]) -> String {
    let output = run(arguments);
    assert!(output.status.success(), "{arguments:?}: {}", text(&output.stderr));
    text(&output.stdout)
}

/// The corpus, one file twice under another name, and one file no reader can read.
fn inputs(work: &Path) -> PathBuf {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/docs");
    let inputs = work.join("inputs");
    std::fs::create_dir_all(inputs.join("copies")).expect("mkdir");
    for entry in std::fs::read_dir(&corpus).expect("corpus") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, inputs.join(path.file_name().expect("name"))).expect("copy");
    }
    let first = std::fs::read_dir(&corpus).expect("corpus").next().expect("a file").expect("entry").path();
    std::fs::copy(&first, inputs.join("copies/same-text.txt")).expect("copy");
    let garbage = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad/garbage.pdf");
    std::fs::copy(garbage, inputs.join("garbage.pdf")).expect("copy");
    inputs
}

fn status(url: &str) -> Value {
    serde_json::from_str(&ok(&["queue", "status", "--json", "--database", url])).expect("status json")
}

fn worker(url: &str, name: &str, extra: &[&str]) -> Child {
    coopatlas()
        .args(["worker", "--database", url, "--name", name, "--quiet"])
        .args(extra)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn worker")
}

fn stats(atlas: &[&str]) -> Value {
    serde_json::from_str(&ok(&[&["stats", "--json"], atlas].concat())).expect("stats json")
}

#[test]
fn a_killed_worker_loses_nothing_and_nothing_is_stored_twice() {
    let Some(database) = fresh_database("the kill-a-worker test (coopatlas worker on PostgreSQL)") else { return };
    let url = database.url();
    let work = tempfile::tempdir().expect("tempdir");
    let inputs = inputs(work.path());
    let files = walk_count(&inputs);

    let queued = run(&["ingest", inputs.to_str().unwrap(), "--queue", "--database", url]);
    assert!(queued.status.success(), "{}", text(&queued.stderr));
    assert!(text(&queued.stderr).contains(&format!("queued {files} files")), "{}", text(&queued.stderr));
    let again = run(&["ingest", inputs.to_str().unwrap(), "--queue", "--database", url]);
    let again = text(&again.stderr);
    assert!(again.contains("queued 0 files") && again.contains(&format!("({files} were already waiting)")), "{again}");
    assert_eq!(status(url)["waiting"], files as u64);

    // Worker A takes one job and holds its write open; it is killed while it holds it.
    let mut doomed = worker(url, "doomed", &["--batch", "1", "--lease", "5", "--hold-before-commit", "120"]);
    let deadline = Instant::now() + Duration::from_secs(60);
    while status(url)["held"] != 1 {
        assert!(Instant::now() < deadline, "worker A never took a job");
        std::thread::sleep(Duration::from_millis(100));
    }
    // Reading and extracting one corpus file takes milliseconds; then A is inside its write.
    std::thread::sleep(Duration::from_millis(1500));
    assert!(doomed.try_wait().expect("poll").is_none(), "worker A is still holding its write");
    doomed.kill().expect("kill worker A");
    doomed.wait().expect("reap worker A");
    assert_eq!(stats(&["--database", url])["documents"], 0, "the killed write left nothing");

    // Two workers finish the queue, the killed job included once its lease runs out.
    let finishers: Vec<Child> = ["b", "c"]
        .iter()
        .map(|name| worker(url, name, &["--batch", "3", "--lease", "2", "--exit-when-empty"]))
        .collect();
    for finisher in finishers {
        let output = finisher.wait_with_output().expect("wait");
        // 1: some job failed (the garbage file), the rest was done.
        assert!(matches!(output.status.code(), Some(0 | 1)), "{}", text(&output.stderr));
    }
    let status = status(url);
    assert_eq!((status["waiting"].as_u64(), status["held"].as_u64()), (Some(0), Some(0)), "{status:#}");
    assert_eq!(status["done"], files as u64 - 1, "{status:#}");
    assert_eq!(status["failed"], 1, "only the garbage file: {status:#}");
    assert!(status["failures"][0]["path"].as_str().unwrap().ends_with("garbage.pdf"), "{status:#}");
    let retried = status["retried"].as_array().expect("retried");
    assert_eq!(retried.len(), 1, "the killed job, and only it, was taken twice: {status:#}");
    assert_eq!((retried[0]["attempts"].as_i64(), retried[0]["state"].as_str()), (Some(2), Some("done")));

    // The same atlas as one process ingesting the same files into SQLite.
    let sqlite = work.path().join("sqlite");
    let plain = run(&["ingest", inputs.to_str().unwrap(), "--atlas", sqlite.to_str().unwrap(), "--quiet"]);
    assert_eq!(plain.status.code(), Some(1), "the garbage file fails there too");
    let (spread, single) = (stats(&["--database", url]), stats(&["--atlas", sqlite.to_str().unwrap()]));
    assert_eq!(spread, single);
    assert_eq!(spread["documents"], files as u64 - 2, "one copy and one failure");
    assert_eq!(spread["paths"], files as u64 - 1);
}

fn walk_count(directory: &Path) -> usize {
    std::fs::read_dir(directory)
        .expect("read dir")
        .map(|entry| {
            let path = entry.expect("entry").path();
            if path.is_dir() { walk_count(&path) } else { 1 }
        })
        .sum()
}

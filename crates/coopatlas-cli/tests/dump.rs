//! `dump` and `restore` end to end: an atlas with facts, an account and a review decision goes
//! through a dump into a new atlas whose statistics, exports and report are the same, and whose
//! own dump is the same file but for its header.

use std::path::Path;

mod common;

use common::{coopatlas, run, text};

fn ok(arguments: &[&str]) -> String {
    let output = run(arguments);
    assert!(output.status.success(), "{arguments:?}: {}", text(&output.stderr));
    text(&output.stdout)
}

/// The demo atlas with one account and one rejected tie, in `work/atlas`.
fn reviewed_demo(work: &Path) -> String {
    use coopatlas_document::review::{Decision, Item, Verdict};
    use coopatlas_store::Store;

    let atlas = work.join("atlas").to_str().expect("utf-8").to_string();
    ok(&["demo", "--atlas", &atlas]);
    let added = coopatlas()
        .args(["user", "add", "anna", "--role", "editor", "--atlas", &atlas])
        .env("COOPATLAS_PASSWORD", "a long enough password")
        .output()
        .expect("run");
    assert!(added.status.success(), "{}", text(&added.stderr));
    let mut store = coopatlas_store_sqlite::SqliteStore::open(Path::new(&atlas)).expect("open");
    let mut first = None;
    store
        .scan(coopatlas_store::Mentions::Without, &mut |scanned| {
            if let Some(tie) = scanned.facts.iter().flat_map(|facts| &facts.ties).next()
                && first.is_none()
            {
                first = Some((scanned.summary.id.clone(), tie.clone()));
            }
            Ok(())
        })
        .expect("scan");
    let (document, tie) = first.expect("a tie in the demo");
    let decision = Decision {
        document,
        verdict: Verdict::Reject,
        machine: Some(Item::Tie(tie)),
        human: None,
        reviewer: "anna".into(),
        at: "2026-11-24T00:00:00Z".into(),
        note: Some("not a tie".into()),
    };
    store.put_decision(&decision).expect("decision");
    atlas
}

/// What must not change when an atlas moves: stats, every CSV table and the report (less its
/// footer, which names the atlas and the time, and the command that made it).
fn observed(work: &Path, atlas: &[&str], name: &str) -> Vec<(String, String)> {
    let mut seen = vec![("stats".to_string(), ok(&[&["stats", "--json"], atlas].concat()))];
    let tables = work.join(format!("{name}-csv"));
    ok(&[&["export", "--format", "csv", "--out", tables.to_str().unwrap()], atlas].concat());
    let mut files: Vec<_> =
        std::fs::read_dir(&tables).expect("tables").map(|entry| entry.expect("entry").path()).collect();
    files.sort();
    assert!(files.len() > 3, "{files:?}");
    for file in files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        seen.push((name, std::fs::read_to_string(&file).expect("table")));
    }
    let report = work.join(format!("{name}.html"));
    ok(&[&["report", "--out", report.to_str().unwrap()], atlas].concat());
    let page = std::fs::read_to_string(&report).expect("report");
    let kept: Vec<&str> = page
        .lines()
        .filter(|line| !line.contains("class=\"generated\"") && !line.contains("class=\"command\""))
        .collect();
    seen.push(("report".to_string(), kept.join("\n")));
    seen
}

fn without_header(dump: &str) -> &str {
    dump.split_once('\n').expect("a header line").1
}

#[test]
fn a_restored_atlas_reports_the_same() {
    let work = tempfile::tempdir().expect("tempdir");
    let atlas = reviewed_demo(work.path());
    let dump = work.path().join("atlas.jsonl");
    ok(&["dump", "--atlas", &atlas, "-o", dump.to_str().unwrap()]);
    let written = std::fs::read_to_string(&dump).expect("dump");
    assert!(written.starts_with("{\"kind\":\"header\",\"format\":\"coopatlas-dump\",\"version\":1,"), "{written:.200}");
    assert!(written.contains("\"kind\":\"user\",\"name\":\"anna\""));
    assert!(written.contains("\"kind\":\"decision\""));

    let copy = work.path().join("copy").to_str().unwrap().to_string();
    let restored = run(&["restore", dump.to_str().unwrap(), "--atlas", &copy]);
    assert!(restored.status.success(), "{}", text(&restored.stderr));
    assert!(text(&restored.stderr).contains("1 review decisions, 1 users"), "{}", text(&restored.stderr));
    assert_eq!(
        observed(work.path(), &["--atlas", &copy], "copy"),
        observed(work.path(), &["--atlas", &atlas], "atlas")
    );
    let again = ok(&["dump", "--atlas", &copy]);
    assert_eq!(without_header(&again), without_header(&written), "the copy dumps to the same lines");

    // From standard input, and never into an atlas that holds anything.
    let piped = work.path().join("piped").to_str().unwrap().to_string();
    let mut child = coopatlas()
        .args(["restore", "-", "--atlas", &piped])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), written.as_bytes()).expect("write");
    assert!(child.wait_with_output().expect("wait").status.success());
    assert_eq!(without_header(&ok(&["dump", "--atlas", &piped])), without_header(&written));
    let refused = run(&["restore", dump.to_str().unwrap(), "--atlas", &copy]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(text(&refused.stderr).contains("not empty"), "{}", text(&refused.stderr));
}

#[test]
fn a_cut_dump_is_reported() {
    let work = tempfile::tempdir().expect("tempdir");
    let atlas = work.path().join("atlas").to_str().unwrap().to_string();
    ok(&["demo", "--atlas", &atlas]);
    let written = ok(&["dump", "--atlas", &atlas]);
    let cut = work.path().join("cut.jsonl");
    let half = (0..=written.len() / 2).rev().find(|at| written.is_char_boundary(*at)).expect("a boundary");
    std::fs::write(&cut, &written[..half]).expect("write");
    let copy = work.path().join("copy").to_str().unwrap().to_string();
    let failed = run(&["restore", cut.to_str().unwrap(), "--atlas", &copy]);
    assert_eq!(failed.status.code(), Some(2));
    let message = text(&failed.stderr);
    assert!(message.contains("partial restore"), "{message}");
    let missing = run(&["dump", "--atlas", work.path().join("nothing").to_str().unwrap()]);
    assert_eq!(missing.status.code(), Some(2), "no atlas is created by a dump");
    assert!(!work.path().join("nothing").exists());
}

#[test]
fn an_atlas_moves_to_postgresql_and_back() {
    let Some(database) =
        coopatlas_store_postgres::testing::fresh_database("moving an atlas between SQLite and PostgreSQL")
    else {
        return;
    };
    let url = database.url();
    let work = tempfile::tempdir().expect("tempdir");
    let atlas = reviewed_demo(work.path());
    let dump = work.path().join("atlas.jsonl");
    ok(&["dump", "--atlas", &atlas, "-o", dump.to_str().unwrap()]);
    let written = std::fs::read_to_string(&dump).expect("dump");
    ok(&["restore", dump.to_str().unwrap(), "--database", url]);
    assert_eq!(
        observed(work.path(), &["--database", url], "postgres"),
        observed(work.path(), &["--atlas", &atlas], "atlas")
    );
    let from_postgres = ok(&["dump", "--database", url]);
    assert_eq!(without_header(&from_postgres), without_header(&written), "PostgreSQL dumps the same lines");
    let back = work.path().join("back");
    let back_file = work.path().join("back.jsonl");
    std::fs::write(&back_file, &from_postgres).expect("write");
    ok(&["restore", back_file.to_str().unwrap(), "--atlas", back.to_str().unwrap()]);
    assert_eq!(without_header(&ok(&["dump", "--atlas", back.to_str().unwrap()])), without_header(&written));
    let refused = run(&["restore", dump.to_str().unwrap(), "--database", url]);
    assert_eq!(refused.status.code(), Some(2), "a database that holds an atlas is not restored into");
}

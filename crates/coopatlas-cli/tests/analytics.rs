//! `report` and `export` end to end on the demo atlas (the bundled corpus): every format is
//! written, the numbers agree between formats and with `stats`, filters narrow them, and bad
//! arguments fail with a message before anything is written.

use std::path::Path;

mod common;

use common::{run, text};

fn ok(arguments: &[&str]) -> String {
    let output = run(arguments);
    assert!(output.status.success(), "{arguments:?}: {}", text(&output.stderr));
    text(&output.stderr)
}

fn demo(work: &Path) -> String {
    let atlas = work.join("atlas");
    ok(&["demo", "--atlas", atlas.to_str().expect("utf-8")]);
    atlas.to_str().expect("utf-8").to_string()
}

/// Rows of a CSV file written by export, header first (the CSV has no quoted newlines in the
/// columns read here).
fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_path(path).expect("csv");
    reader.records().map(|record| record.expect("record").iter().map(str::to_string).collect()).collect()
}

fn column(rows: &[Vec<String>], name: &str) -> usize {
    rows[0].iter().position(|column| column == name).unwrap_or_else(|| panic!("column {name}"))
}

#[test]
fn exports_agree_with_each_other_and_with_stats() {
    let work = tempfile::tempdir().expect("tempdir");
    let atlas = demo(work.path());
    let stats = run(&["stats", "--json", "--atlas", &atlas]);
    let stats: serde_json::Value = serde_json::from_slice(&stats.stdout).expect("stats");

    let csv = work.path().join("csv");
    ok(&["export", "--atlas", &atlas, "--format", "csv", "--out", csv.to_str().unwrap()]);
    let documents = csv_rows(&csv.join("documents.csv"));
    assert_eq!((documents.len() - 1) as u64, stats["extracted"].as_u64().expect("extracted"));
    let ties = csv_rows(&csv.join("ties.csv"));
    let partnerships = csv_rows(&csv.join("partnerships.csv"));
    // Every statement belongs to one partnership; the partnerships' document counts add up to
    // the statements.
    let documents_column = column(&partnerships, "documents");
    let stated: usize = partnerships[1..].iter().map(|row| row[documents_column].parse::<usize>().expect("int")).sum();
    assert_eq!(stated, ties.len() - 1);
    assert!(partnerships.len() > 20, "the demo corpus has many partnerships");
    let districts = csv_rows(&csv.join("district_spheres.csv"));
    assert_eq!(districts.len(), 1 + 8 + 1, "eight districts and the documents outside them");
    let documents_in_groups: usize =
        districts[1..].iter().map(|row| row[column(&districts, "documents")].parse::<usize>().expect("int")).sum();
    assert_eq!(documents_in_groups, documents.len() - 1, "each document in exactly one district row");

    let json = work.path().join("atlas.json");
    ok(&["export", "--atlas", &atlas, "--format", "json", "--out", json.to_str().unwrap(), "--table", "partnerships"]);
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).expect("json")).expect("parse");
    let tables = json["tables"].as_array().expect("tables");
    assert_eq!(tables.len(), 1);
    assert_eq!(tables[0]["rows"].as_array().expect("rows").len(), partnerships.len() - 1);

    // For Excel: a byte order mark, on request only.
    let marked = work.path().join("marked");
    ok(&["export", "--atlas", &atlas, "--format", "csv", "--out", marked.to_str().unwrap(), "--bom"]);
    assert!(std::fs::read(marked.join("documents.csv")).expect("csv").starts_with(b"\xef\xbb\xbfid,"));
    assert!(std::fs::read(csv.join("documents.csv")).expect("csv").starts_with(b"id,"));

    let edges = work.path().join("edges");
    ok(&["export", "--atlas", &atlas, "--format", "edgelist", "--out", edges.to_str().unwrap()]);
    let edge_rows = std::fs::read_dir(&edges).expect("edge list folder").count();
    assert_eq!(edge_rows, 2, "nodes and edges");

    for (format, file) in [("xlsx", "atlas.xlsx"), ("gexf", "network.gexf"), ("graphml", "network.graphml")] {
        let path = work.path().join(file);
        ok(&["export", "--atlas", &atlas, "--format", format, "--out", path.to_str().unwrap()]);
        assert!(std::fs::metadata(&path).expect("written").len() > 1000, "{format}");
    }
}

#[test]
fn filters_narrow_every_table() {
    let work = tempfile::tempdir().expect("tempdir");
    let atlas = demo(work.path());
    // Exports the tables as CSV into a folder of the work directory, with a filter.
    let export = |folder: &str, filter: &[&str]| {
        let out = work.path().join(folder);
        let mut arguments = vec!["export", "--atlas", &atlas, "--format", "csv", "--out", out.to_str().unwrap()];
        arguments.extend_from_slice(filter);
        ok(&arguments);
        out
    };
    let all = export("all", &[]);
    let far_east = export("far-east", &["--district", "far_eastern"]);
    let all_partnerships = csv_rows(&all.join("partnerships.csv"));
    let partnerships = csv_rows(&far_east.join("partnerships.csv"));
    assert!(partnerships.len() > 1 && partnerships.len() < all_partnerships.len());

    // By name, in a Russian case form: the Amur region and its partners only.
    let amur = export("amur", &["--place", "Амурской области"]);
    let rows = csv_rows(&amur.join("partnerships.csv"));
    let (a, b) = (column(&rows, "a"), column(&rows, "b"));
    assert!(rows.len() > 1);
    let geography = coopatlas_analytics::Geography::new(
        &coopatlas_gazetteer::Gazetteer::bundled(),
        &coopatlas_gazetteer::contested(),
        coopatlas_analytics::Contest::Iso,
    );
    for row in &rows[1..] {
        assert!(geography.lies_in(&row[a], "RU-AMU") || geography.lies_in(&row[b], "RU-AMU"), "{row:?}");
    }

    // A filter that matches nothing still writes every table, with headers only.
    let nothing = export("nothing", &["--from", "1990", "--to", "1991"]);
    assert_eq!(csv_rows(&nothing.join("documents.csv")).len(), 1);
    assert_eq!(csv_rows(&nothing.join("partnerships.csv")).len(), 1);
    let report = work.path().join("nothing.html");
    ok(&["report", "--atlas", &atlas, "--out", report.to_str().unwrap(), "--from", "1990", "--to", "1991"]);
    assert!(std::fs::read_to_string(&report).expect("report").contains("</html>"));
}

#[test]
fn reports_in_both_languages_and_a_profile() {
    let work = tempfile::tempdir().expect("tempdir");
    let atlas = demo(work.path());
    for lang in ["ru", "en"] {
        let out = work.path().join(format!("report-{lang}.html"));
        let message = ok(&["report", "--atlas", &atlas, "--lang", lang, "--out", out.to_str().unwrap()]);
        assert!(message.contains("quoted sentences"), "{message}");
        let html = std::fs::read_to_string(&out).expect("report");
        assert!(html.contains(&format!("lang=\"{lang}\"")));
        assert!(html.contains("<svg"), "charts are inline SVG");
        for fetch in ["src=\"http", "href=\"http", "url(http", "@import"] {
            assert!(!html.contains(fetch), "nothing to fetch: {fetch}");
        }
    }
    let profile = work.path().join("kaliningrad.html");
    ok(&["report", "--atlas", &atlas, "--place", "RU-KGD", "--lang", "en", "--out", profile.to_str().unwrap()]);
    let html = std::fs::read_to_string(&profile).expect("profile");
    assert!(html.contains("Kaliningrad Oblast"));
}

#[test]
fn bad_arguments_fail_before_writing() {
    let work = tempfile::tempdir().expect("tempdir");
    let atlas = demo(work.path());
    let out = work.path().join("out.csv");
    let out = out.to_str().unwrap();
    for (arguments, message) in [
        (vec!["--format", "docx"], "docx"),
        (vec!["--format", "csv", "--district", "atlantis"], "unknown federal district \"atlantis\""),
        (vec!["--format", "csv", "--sphere", "magic"], "unknown sphere"),
        (vec!["--format", "csv", "--form", "duel"], "unknown form"),
        (vec!["--format", "csv", "--place", "Нарния"], "no place is called"),
        (vec!["--format", "csv", "--from", "2022", "--to", "2020"], "after --to"),
        (vec!["--format", "csv", "--scope", "galactic"], "unknown scope"),
        (vec!["--format", "csv", "--table", "nonsense"], "unknown table"),
        (vec!["--format", "csv", "--lang", "de"], "unknown language"),
        (vec!["--format", "gexf", "--weight", "love"], "unknown --weight"),
        (vec!["--format", "csv", "--contested", "maybe"], "unknown --contested"),
    ] {
        let mut full = vec!["export", "--atlas", atlas.as_str(), "--out", out];
        full.extend(arguments.iter().copied());
        let output = run(&full);
        assert!(!output.status.success(), "{arguments:?}");
        assert!(text(&output.stderr).contains(message), "{arguments:?}: {}", text(&output.stderr));
        assert!(!Path::new(out).exists(), "{arguments:?} wrote something");
    }
    let missing = run(&["report", "--atlas", work.path().join("none").to_str().unwrap(), "--out", out]);
    assert!(!missing.status.success() && text(&missing.stderr).contains("no atlas"));
}

/// Facts from another extractor (here: after the user added an alias) and documents without
/// facts are counted wrong or not at all: report and export say so and how to fix it.
#[test]
fn stale_or_missing_facts_are_reported() {
    let work = tempfile::tempdir().expect("tempdir");
    let atlas = demo(work.path());
    let out = work.path().join("report.html");
    let current = ok(&["report", "--atlas", &atlas, "--out", out.to_str().unwrap()]);
    assert!(!current.contains("warning"), "{current}");

    let aliases = work.path().join("aliases.tsv");
    std::fs::write(&aliases, "id\tlang\talias\tsource\tflags\nRU-ORE\tru\tСтепной край\tshort\t\n").unwrap();
    let output = common::coopatlas()
        .args(["report", "--atlas", &atlas, "--out", out.to_str().unwrap()])
        .env("COOPATLAS_ALIASES", &aliases)
        .output()
        .expect("run coopatlas");
    assert!(output.status.success());
    let message = text(&output.stderr);
    assert!(message.contains("come from another extractor") && message.contains("coopatlas reextract"), "{message}");

    let plain = work.path().join("plain");
    std::fs::create_dir_all(&plain).unwrap();
    std::fs::write(plain.join("a.txt"), "Калининградская область подписала соглашение с Гродненской областью.")
        .unwrap();
    let bare = work.path().join("bare");
    ok(&["ingest", plain.to_str().unwrap(), "--atlas", bare.to_str().unwrap(), "--no-extract", "--quiet"]);
    let csv = work.path().join("bare-csv");
    let message = ok(&["export", "--atlas", bare.to_str().unwrap(), "--format", "csv", "--out", csv.to_str().unwrap()]);
    assert!(message.contains("documents without facts, counted nowhere: 1;"), "{message}");
}

/// A reviewer's rejection of a tie takes it out of the exported registry; the machine's facts
/// stay as they were.
#[test]
fn exports_count_the_reviewers_decisions() {
    use coopatlas_document::review::{Decision, Item, Verdict};
    use coopatlas_store::Store;

    let work = tempfile::tempdir().expect("tempdir");
    let atlas = demo(work.path());
    let export = |name: &str| {
        let out = work.path().join(name);
        ok(&[
            "export",
            "--atlas",
            &atlas,
            "--format",
            "csv",
            "--table",
            "partnerships",
            "--out",
            out.to_str().unwrap(),
        ]);
        let rows = csv_rows(&out.join("partnerships.csv"));
        let (a, b, documents) = (column(&rows, "a"), column(&rows, "b"), column(&rows, "documents"));
        rows[1..].iter().map(|row| ((row[a].clone(), row[b].clone()), row[documents].clone())).collect::<Vec<_>>()
    };
    let before = export("before");
    // The tie of a pair that a single document states, rejected in that document.
    let mut store = coopatlas_store_sqlite::SqliteStore::open(Path::new(&atlas)).expect("open");
    let mut target = None;
    store
        .scan(coopatlas_store::Mentions::Without, &mut |scanned| {
            for tie in scanned.facts.iter().flat_map(|facts| &facts.ties) {
                let pair = if tie.a <= tie.b { (tie.a.clone(), tie.b.clone()) } else { (tie.b.clone(), tie.a.clone()) };
                let single = before.iter().any(|(key, documents)| *key == pair && documents == "1");
                if target.is_none() && single {
                    target = Some((scanned.summary.id.clone(), tie.clone(), pair));
                }
            }
            Ok(())
        })
        .expect("scan");
    let (document, tie, pair) = target.expect("a pair stated once");
    let ties_of =
        |store: &coopatlas_store_sqlite::SqliteStore| store.document(document.as_str()).unwrap().facts.unwrap().ties;
    let machine = ties_of(&store);
    // Every tie of that document between the pair, so the pair has no statement left.
    for same in machine.iter().filter(|other| {
        let key = if other.a <= other.b { (&other.a, &other.b) } else { (&other.b, &other.a) };
        (key.0, key.1) == (&pair.0, &pair.1)
    }) {
        let decision = Decision {
            document: document.clone(),
            verdict: Verdict::Reject,
            machine: Some(Item::Tie(same.clone())),
            human: None,
            reviewer: "test".into(),
            at: "2026-11-24T00:00:00Z".into(),
            note: None,
        };
        store.put_decision(&decision).expect("decision");
    }
    assert!(machine.contains(&tie));
    let after = export("after");
    assert!(before.iter().any(|(key, _)| *key == pair));
    assert!(!after.iter().any(|(key, _)| *key == pair), "the rejected pair is gone from the registry");
    assert_eq!(after.len(), before.len() - 1);
    assert_eq!(ties_of(&store), machine, "the machine's facts are unchanged");
}

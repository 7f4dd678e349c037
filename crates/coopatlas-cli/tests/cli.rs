//! The `coopatlas` binary end to end: ingest of good and bad input, versions, search, show,
//! stats, demo, and a run killed with SIGKILL and resumed.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;

use common::{coopatlas, run, text};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn stats(atlas: &Path) -> serde_json::Value {
    let output = run(&["stats", "--json", "--atlas", atlas.to_str().expect("utf-8 path")]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("stats JSON")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read fixtures") {
        let entry = entry.expect("entry");
        if entry.file_type().expect("type").is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy fixture");
        }
    }
}

/// Every class of bad input gets one line naming the file and the reason; good files next to
/// them are stored; the exit code is 1; a second run changes nothing.
#[test]
fn bad_input_is_reported_and_the_batch_goes_on() {
    let work = tempfile::tempdir().expect("tempdir");
    let input = work.path().join("input");
    copy_dir(&fixtures().join("bad"), &input);
    copy_dir(&fixtures().join("good"), &input.join("good"));
    // Classes that cannot live in git: symlink loops, a broken link, a FIFO, an oversized file.
    std::os::unix::fs::symlink("..", input.join("good/loop")).expect("loop to parent");
    std::os::unix::fs::symlink("self-link.txt", input.join("self-link.txt")).expect("self loop");
    std::os::unix::fs::symlink("missing-target.txt", input.join("broken-link.txt")).expect("broken link");
    let fifo = input.join("pipe.txt");
    assert!(Command::new("mkfifo").arg(&fifo).status().expect("mkfifo").success());
    std::fs::write(input.join("oversized.txt"), "Соглашение. ".repeat(100_000)).expect("big file");
    let atlas = work.path().join("atlas");

    let output =
        run(&["ingest", input.to_str().unwrap(), "--atlas", atlas.to_str().unwrap(), "--max-file-size", "1500K"]);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    let expect_failure = |name: &str, reason: &str| {
        let line = stderr
            .lines()
            .find(|line| line.starts_with("failed: ") && line.contains(name))
            .unwrap_or_else(|| panic!("no failure line for {name} in:\n{stderr}"));
        assert!(line.to_lowercase().contains(reason), "{name}: expected {reason:?} in {line:?}");
    };
    expect_failure("empty.txt", "empty");
    expect_failure("blank.txt", "empty");
    expect_failure("binary.txt", "binary");
    expect_failure("image.html", "binary");
    expect_failure("truncated.pdf", "pdf");
    expect_failure("garbage.pdf", "pdf");
    expect_failure("truncated.docx", "");
    expect_failure("not-a-docx.docx", "");
    expect_failure("bomb.docx", "zip bomb");
    expect_failure("many-entries.docx", "entries");
    expect_failure("self-link.txt", "symlink loop");
    expect_failure("loop", "symlink loop");
    expect_failure("broken-link.txt", "broken symlink");
    expect_failure("pipe.txt", "not a regular file");
    expect_failure("oversized.txt", "size limit");
    assert!(!stderr.contains("wrong-extension.txt:"), "a PDF named .txt is good input:\n{stderr}");
    assert!(!stderr.contains("text-named.pdf:"), "a text named .pdf is good input:\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");

    let good = std::fs::read_dir(fixtures().join("good")).expect("good fixtures").count() as u64;
    let stored = stats(&atlas)["documents"].as_u64().expect("documents");
    assert_eq!(stored, good + 2, "good files plus wrong-extension.txt and text-named.pdf");
    let summary = stderr.lines().last().expect("summary line");
    assert!(summary.starts_with("read ") && summary.contains(&format!("new {}", good + 2)), "{summary}");

    let again =
        run(&["ingest", input.to_str().unwrap(), "--atlas", atlas.to_str().unwrap(), "--max-file-size", "1500K"]);
    let summary = text(&again.stderr).lines().last().unwrap_or_default().to_string();
    assert!(summary.contains("new 0,") && summary.contains(&format!("unchanged {}", good + 2)), "{summary}");
    assert_eq!(stats(&atlas)["documents"].as_u64(), Some(stored));
}

#[test]
fn same_content_twice_and_new_versions() {
    let work = tempfile::tempdir().expect("tempdir");
    let atlas = work.path().join("atlas");
    let file = work.path().join("news.txt");
    std::fs::write(&file, "Калуга и Гомель\n\nКалужская область подписала соглашение с Гомельской областью.").unwrap();
    let ingest = || run(&["ingest", file.to_str().unwrap(), "--atlas", atlas.to_str().unwrap()]);
    assert!(ingest().status.success());
    let second = ingest();
    assert!(text(&second.stderr).contains("new 0, unchanged 1"), "{}", text(&second.stderr));
    assert_eq!(stats(&atlas)["documents"], 1);

    std::fs::write(
        &file,
        "Калуга и Гомель\n\nКалужская область подписала соглашение с Гомельской областью. Дополнение.",
    )
    .unwrap();
    let third = ingest();
    assert!(text(&third.stderr).contains("new 1 (1 new versions)"), "{}", text(&third.stderr));
    assert_eq!(stats(&atlas)["documents"], 2, "the old version is kept");

    let found = run(&["search", "Дополнение", "--json", "--atlas", atlas.to_str().unwrap()]);
    let found: serde_json::Value = serde_json::from_slice(&found.stdout).expect("search JSON");
    let id = found["hits"][0]["document"]["id"].as_str().expect("id").to_string();
    let shown = run(&["show", &id[..8], "--json", "--atlas", atlas.to_str().unwrap()]);
    let shown: serde_json::Value = serde_json::from_slice(&shown.stdout).expect("show JSON");
    assert_eq!(shown["versions"].as_array().map(Vec::len), Some(2));
    assert_eq!(shown["versions"][1]["version"], 2);
}

#[test]
fn search_show_and_stats_on_the_demo_corpus() {
    let work = tempfile::tempdir().expect("tempdir");
    let atlas = work.path().join("demo");
    let demo = run(&["demo", "--atlas", atlas.to_str().unwrap()]);
    assert!(demo.status.success(), "{}", text(&demo.stderr));
    let stdout = text(&demo.stdout);
    assert!(stdout.contains("Built the demo atlas"), "{stdout}");

    let stats = stats(&atlas);
    let documents = stats["documents"].as_u64().expect("documents");
    assert!(documents >= 60, "{stats}");
    assert_eq!(documents as usize, coopatlas_corpus_count());
    for format in ["html", "pdf", "docx", "text"] {
        assert!(stats["by_format"][format].as_u64().unwrap_or(0) > 0, "no {format} in {stats}");
    }
    assert!(
        stats["by_language"]["ru"].as_u64().unwrap_or(0) > 0 && stats["by_language"]["en"].as_u64().unwrap_or(0) > 0
    );

    let search = run(&["search", "Калининградская область", "--json", "--atlas", atlas.to_str().unwrap()]);
    assert!(search.status.success(), "{}", text(&search.stderr));
    let results: serde_json::Value = serde_json::from_slice(&search.stdout).expect("search JSON");
    assert!(results["total"].as_u64().unwrap_or(0) > 0, "{results}");
    let hit = &results["hits"][0];
    let snippet = hit["snippet"].as_str().expect("snippet");
    let highlighted: Vec<&str> = hit["highlights"]
        .as_array()
        .expect("highlights")
        .iter()
        .map(|pair| &snippet[pair[0].as_u64().unwrap() as usize..pair[1].as_u64().unwrap() as usize])
        .collect();
    assert!(highlighted.iter().any(|word| word.starts_with("Калининград")), "{highlighted:?}");

    let english = run(&["search", "agreements", "--atlas", atlas.to_str().unwrap()]);
    assert!(text(&english.stdout).contains("[agreement"), "{}", text(&english.stdout));

    let id = hit["document"]["id"].as_str().expect("id");
    let show = run(&["show", &id[..10], "--atlas", atlas.to_str().unwrap()]);
    assert!(show.status.success());
    assert!(text(&show.stdout).contains(snippet.split_whitespace().next().unwrap()));

    // A PDF shows its pages, each marked, and its JSON gives the page ranges.
    let pdf = run(&["search", "Кузбасс", "--json", "--limit", "50", "--atlas", atlas.to_str().unwrap()]);
    let pdf: serde_json::Value = serde_json::from_slice(&pdf.stdout).expect("search JSON");
    let pdf_id = pdf["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .find(|hit| hit["document"]["format"] == "pdf")
        .map(|hit| hit["document"]["id"].as_str().expect("id").to_string())
        .expect("the Kuzbass strategy PDF is found");
    let shown = text(&run(&["show", &pdf_id, "--atlas", atlas.to_str().unwrap()]).stdout);
    assert!(shown.contains("--- page 1 ---") && shown.contains("--- page 2 ---"), "{shown}");
    let json = run(&["show", &pdf_id, "--json", "--atlas", atlas.to_str().unwrap()]);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).expect("show JSON");
    assert!(json["pages"].as_array().map_or(0, Vec::len) >= 2, "{json}");

    let missing = run(&["show", "ffffffffff", "--atlas", atlas.to_str().unwrap()]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("no document matches"));
    let nowhere = run(&["stats", "--atlas", work.path().join("nothing").to_str().unwrap()]);
    assert_eq!(nowhere.status.code(), Some(2));
    assert!(!work.path().join("nothing").exists(), "reading commands must not create an atlas");

    // A second demo replaces the first.
    let again = run(&["demo", "--atlas", atlas.to_str().unwrap()]);
    assert!(again.status.success());
    assert_eq!(stats_documents(&atlas), documents);
}

fn stats_documents(atlas: &Path) -> u64 {
    stats(atlas)["documents"].as_u64().expect("documents")
}

fn coopatlas_corpus_count() -> usize {
    std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/docs"))
        .expect("corpus")
        .filter(|entry| !entry.as_ref().unwrap().file_name().to_string_lossy().starts_with('.'))
        .count()
}

/// SIGKILL in the middle of a run leaves a consistent atlas; the next run finishes the job and
/// stores nothing twice.
#[test]
fn killed_run_resumes_without_duplicates() {
    let work = tempfile::tempdir().expect("tempdir");
    let input = work.path().join("input");
    std::fs::create_dir_all(&input).unwrap();
    let files = 3_000;
    for index in 0..files {
        let body = format!(
            "Новость {index}\n\nДелегация региона {index} посетила Минск и подписала соглашение о сотрудничестве. {}",
            "Стороны обсудили торговлю, образование и туризм. ".repeat(300)
        );
        std::fs::write(input.join(format!("{index:05}.txt")), body).unwrap();
    }
    let atlas = work.path().join("atlas");
    let database = atlas.join("atlas.sqlite");
    let mut child = coopatlas()
        .args(["ingest", input.to_str().unwrap(), "--atlas", atlas.to_str().unwrap(), "--threads", "1"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start ingest");
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut stored_before_kill = 0;
    while Instant::now() < deadline {
        if let Ok(connection) =
            rusqlite::Connection::open_with_flags(&database, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        {
            stored_before_kill =
                connection.query_row("SELECT count(*) FROM documents", [], |row| row.get::<_, i64>(0)).unwrap_or(0);
            if stored_before_kill > 0 {
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(child.try_wait().expect("poll child").is_none(), "the run ended before it could be killed");
    child.kill().expect("SIGKILL");
    child.wait().expect("reap");
    assert!(stored_before_kill > 0 && stored_before_kill < files, "killed after {stored_before_kill}");

    let connection = rusqlite::Connection::open(&database).expect("open after kill");
    let check: String = connection.query_row("PRAGMA integrity_check", [], |row| row.get(0)).unwrap();
    assert_eq!(check, "ok");
    drop(connection);

    let resumed = run(&["ingest", input.to_str().unwrap(), "--atlas", atlas.to_str().unwrap()]);
    assert!(resumed.status.success(), "{}", text(&resumed.stderr));
    let connection = rusqlite::Connection::open(&database).expect("open after resume");
    let count = |sql: &str| connection.query_row(sql, [], |row| row.get::<_, i64>(0)).unwrap();
    assert_eq!(count("SELECT count(*) FROM documents"), files);
    assert_eq!(count("SELECT count(DISTINCT id) FROM documents"), files);
    assert_eq!(count("SELECT count(*) FROM sources"), files);
    assert_eq!(count("SELECT count(*) FROM document_search"), files);
    // The second run stores what the first did not reach and recognises the rest.
    let summary = text(&resumed.stderr).lines().last().unwrap_or_default().to_string();
    let number = |name: &str| -> i64 {
        let start = summary.find(&format!("{name} ")).unwrap_or_else(|| panic!("{name} in {summary}"));
        let rest = &summary[start + name.len() + 1..];
        rest.split(|character: char| !character.is_ascii_digit()).next().unwrap().parse().unwrap()
    };
    assert_eq!(number("read"), files, "{summary}");
    assert_eq!(number("new") + number("unchanged"), files, "{summary}");
    assert!(number("unchanged") >= stored_before_kill, "{summary}");
    assert_eq!(number("failed"), 0, "{summary}");
}

/// Damaged PDFs (bytes overwritten at many places) make the third-party parser fail or panic;
/// either way each file costs one "failed:" line, and no panic message reaches the terminal.
#[test]
fn damaged_pdfs_fail_quietly_one_line_each() {
    let work = tempfile::tempdir().expect("tempdir");
    let input = work.path().join("input");
    std::fs::create_dir_all(&input).unwrap();
    let original =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/docs/fmt-07-kuzbass-strategy.pdf"))
            .expect("corpus PDF");
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for index in 0..40 {
        let mut damaged = original.clone();
        for _ in 0..(1 + index % 8) {
            // xorshift: deterministic positions and bytes, no dependency.
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let position = (state as usize) % damaged.len();
            damaged[position] = (state >> 32) as u8;
        }
        if index % 5 == 0 {
            damaged.truncate(damaged.len() * (index + 1) / 41);
        }
        std::fs::write(input.join(format!("damaged-{index:02}.pdf")), damaged).unwrap();
    }
    let atlas = work.path().join("atlas");
    let output = run(&["ingest", input.to_str().unwrap(), "--atlas", atlas.to_str().unwrap()]);
    let stderr = text(&output.stderr);
    assert!(matches!(output.status.code(), Some(0 | 1)), "{stderr}");
    assert!(!stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"), "{stderr}");
    for line in stderr.lines() {
        assert!(line.starts_with("failed: ") || line.starts_with("read "), "unexpected line: {line}");
    }
    let failed = stderr.lines().filter(|line| line.starts_with("failed: ")).count();
    let stored = stats(&atlas)["documents"].as_u64().expect("documents") as usize;
    assert_eq!(failed + stored, 40, "{stderr}");
}

/// `extract` on files, folders and standard input: contract JSON per document, in input order,
/// the same with any thread count; a bad record is one failed line and exit code 1.
#[test]
fn extract_prints_the_contract_for_files_folders_and_stdin() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/docs");
    let one = corpus.join("ru-news-13-orenburg-west-kazakhstan.txt");
    let output = run(&["extract", one.to_str().unwrap(), "--json"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let lines: Vec<serde_json::Value> =
        text(&output.stdout).lines().map(|line| serde_json::from_str(line).expect("JSON line")).collect();
    assert_eq!(lines.len(), 1);
    let document = &lines[0];
    for field in
        ["source", "language", "title", "date", "places", "organizations", "ties", "spheres", "figures", "depth"]
    {
        assert!(document.get(field).is_some(), "no {field} in {document}");
    }
    assert_eq!(document["language"], "ru");
    assert_eq!(document["date"], "2023-11-09");
    let ties: Vec<(&str, &str)> = document["ties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|tie| (tie["a"].as_str().unwrap(), tie["b"].as_str().unwrap()))
        .collect();
    assert!(ties.contains(&("KZ-ZAP", "RU-ORE")), "{ties:?}");

    let folder = |threads: &str| {
        let output = run(&["extract", corpus.to_str().unwrap(), "--json", "--threads", threads]);
        assert!(output.status.success(), "{}", text(&output.stderr));
        output.stdout
    };
    let single = folder("1");
    assert_eq!(single, folder("2"), "output must not depend on the thread count");
    assert_eq!(text(&single).lines().count(), coopatlas_corpus_count());

    let mut child = coopatlas()
        .args(["extract", "-", "--json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start extract");
    let records = concat!(
        "{\"id\": \"a\", \"text\": \"Калужская область и Могилёвская область подписали соглашение о торговле.\"}\n",
        "not json\n",
        "{\"id\": 7, \"text\": \"The Omsk Region and the Pavlodar Region signed a roadmap.\", \"lang\": \"ignored\"}\n",
    );
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), records.as_bytes()).unwrap();
    drop(child.stdin.take());
    let output = child.wait_with_output().expect("extract output");
    assert_eq!(output.status.code(), Some(1), "a bad record makes the exit code 1");
    assert!(text(&output.stderr).contains("failed: standard input line 2"), "{}", text(&output.stderr));
    let records: Vec<serde_json::Value> =
        text(&output.stdout).lines().map(|line| serde_json::from_str(line).expect("JSON line")).collect();
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["source"], "a");
    assert_eq!(records[0]["ties"][0]["a"], "BY-MA");
    assert_eq!(records[0]["ties"][0]["b"], "RU-KLU");
    assert_eq!(records[1]["source"], "7");
    assert_eq!(records[1]["language"], "en");
}

/// `ingest` stores each document's facts with it, with spans that quote the text; `show`
/// prints them with their evidence; `reextract` fills in documents ingested without facts and
/// redoes those whose gazetteer data changed.
#[test]
fn ingest_stores_facts_and_reextract_keeps_them_current() {
    let directory = tempfile::tempdir().expect("tempdir");
    let atlas = directory.path().join("atlas");
    let atlas_arg = atlas.to_str().unwrap();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/docs");
    let orenburg = corpus.join("ru-news-13-orenburg-west-kazakhstan.txt");
    let output = run(&["ingest", orenburg.to_str().unwrap(), "--atlas", atlas_arg, "--quiet"]);
    assert!(output.status.success(), "{}", text(&output.stderr));

    let id = ids_with(atlas_arg, "Оренбург")[0].clone();
    let shown = run(&["show", &id, "--json", "--atlas", atlas_arg]);
    let shown: serde_json::Value = serde_json::from_slice(&shown.stdout).expect("show JSON");
    let document_text = shown["text"].as_str().unwrap();
    let facts = &shown["facts"];
    let tie = facts["ties"]
        .as_array()
        .unwrap()
        .iter()
        .find(|tie| tie["a"] == "KZ-ZAP" && tie["b"] == "RU-ORE")
        .unwrap_or_else(|| panic!("no Orenburg tie in {facts}"));
    let (start, end) = (tie["evidence"][0].as_u64().unwrap() as usize, tie["evidence"][1].as_u64().unwrap() as usize);
    let sentence = &document_text[start..end];
    assert!(sentence.contains("Оренбург") || sentence.contains("Западно-Казахстан"), "{sentence}");
    let orenburg_place = facts["places"].as_array().unwrap().iter().find(|place| place["place"] == "RU-ORE").unwrap();
    for mention in orenburg_place["mentions"].as_array().unwrap() {
        let (start, end) = (mention[0].as_u64().unwrap() as usize, mention[1].as_u64().unwrap() as usize);
        assert!(document_text[start..end].starts_with("Оренбур"), "{}", &document_text[start..end]);
    }
    // The stored facts are the facts `extract` prints.
    let extracted = run(&["extract", orenburg.to_str().unwrap(), "--json"]);
    let extracted: serde_json::Value = serde_json::from_slice(&extracted.stdout).expect("extract JSON");
    assert_eq!(extracted["ties"].as_array().unwrap().len(), facts["ties"].as_array().unwrap().len());
    assert_eq!(extracted["figures"].as_array().unwrap().len(), facts["figures"].as_array().unwrap().len());
    assert_eq!(extracted["depth"], facts["depth"]);
    let shown = text(&run(&["show", &id, "--atlas", atlas_arg]).stdout);
    assert!(shown.contains("tie:      ") && shown.contains("(RU-ORE)") && shown.contains("facts by: "), "{shown}");

    // Without extraction, text only; reextract adds the facts and leaves current ones alone.
    let penza = corpus.join("ru-news-02-penza-gomel-agreement.txt");
    let output = run(&["ingest", penza.to_str().unwrap(), "--no-extract", "--atlas", atlas_arg, "--quiet"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!((stats(&atlas)["documents"].as_u64(), stats(&atlas)["extracted"].as_u64()), (Some(2), Some(1)));
    let output = run(&["reextract", "--atlas", atlas_arg]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(text(&output.stderr).contains("extracted 1 documents, 1 already up to date"), "{}", text(&output.stderr));
    assert_eq!(stats(&atlas)["extracted"].as_u64(), Some(2));

    // New gazetteer data is another extractor: every document is extracted again.
    let aliases = directory.path().join("aliases.tsv");
    std::fs::write(&aliases, "id\tlang\talias\tsource\tflags\nRU-ORE\tru\tСтепной край\tshort\t\n").unwrap();
    let output = coopatlas()
        .args(["reextract", "--atlas", atlas_arg])
        .env("COOPATLAS_ALIASES", &aliases)
        .output()
        .expect("run coopatlas");
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(text(&output.stderr).contains("extracted 2 documents, 0 already up to date"), "{}", text(&output.stderr));
}

/// The ids of an atlas's documents that contain `word`.
fn ids_with(atlas: &str, word: &str) -> Vec<String> {
    let output = run(&["search", word, "--json", "--limit", "100", "--atlas", atlas]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let results: serde_json::Value = serde_json::from_slice(&output.stdout).expect("search JSON");
    results["hits"].as_array().unwrap().iter().map(|hit| hit["document"]["id"].as_str().unwrap().to_string()).collect()
}

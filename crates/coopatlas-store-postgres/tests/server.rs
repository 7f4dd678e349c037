//! What only a database server shows: several processes (here threads, each with its own
//! connection) migrating and writing at once, reopening, a schema from a newer build, use from the
//! blocking tasks of an async server, and a text far past PostgreSQL's `tsvector` limits. Each test
//! is skipped, with a line saying so, when `COOPATLAS_TEST_DATABASE` is not set.

use std::sync::{Arc, Barrier};

use coopatlas_document::{Document, Facts, Genre};
use coopatlas_store::conformance::{self, kaliningrad_facts};
use coopatlas_store::{Mentions, PutOutcome, SearchQuery, Source, Store, StoreError};
use coopatlas_store_postgres::PostgresStore;
use coopatlas_store_postgres::testing::{TestDatabase, fresh_database};

fn connect(database: &TestDatabase) -> PostgresStore {
    PostgresStore::connect(database.url()).expect("connect")
}

/// Runs `sql` on the database directly and returns the first column of each row as text.
fn sql(database: &TestDatabase, sql: &str) -> Vec<String> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    runtime.block_on(async {
        let (client, connection) =
            tokio_postgres::connect(database.url(), tokio_postgres::NoTls).await.expect("connect");
        let connection = tokio::spawn(connection);
        let rows = client.simple_query(sql).await.expect(sql);
        drop(client);
        let _ = connection.await;
        rows.iter()
            .filter_map(|message| match message {
                tokio_postgres::SimpleQueryMessage::Row(row) => Some(row.get(0).unwrap_or("").to_string()),
                _ => None,
            })
            .collect()
    })
}

fn source(path: &str) -> Source {
    Source { path: path.to_string() }
}

const KALININGRAD: &str = "Калининград и Гродно\n\nПравительство Калининградской области и Гродненский облисполком подписали соглашение о сотрудничестве в сфере туризма.";

#[test]
fn first_connections_at_once_migrate_once() {
    let Some(database) = fresh_database("concurrent first connections to PostgreSQL") else { return };
    let database = Arc::new(database);
    let threads = 8;
    let barrier = Arc::new(Barrier::new(threads));
    let stores: Vec<PostgresStore> = (0..threads)
        .map(|_| {
            let (database, barrier) = (database.clone(), barrier.clone());
            std::thread::spawn(move || {
                barrier.wait();
                connect(&database)
            })
        })
        .collect::<Vec<_>>()
        .into_iter()
        .map(|thread| thread.join().expect("a connecting thread"))
        .collect();
    let versions = sql(&database, "SELECT version FROM schema_version ORDER BY version");
    let expected: Vec<String> = (1..=versions.len()).map(|version| version.to_string()).collect();
    assert!(!versions.is_empty());
    assert_eq!(versions, expected, "each migration applied once");
    assert_eq!(sql(&database, "SELECT count(*) FROM data_version"), ["1"]);
    let mut stores = stores.into_iter();
    let mut first = stores.next().expect("a store");
    let document = conformance::document(KALININGRAD, "ru", Genre::News, None);
    first.put(&[(document.clone(), source("k.txt"))]).expect("put");
    for store in stores {
        assert_eq!(store.document(document.id.as_str()).expect("seen by every connection").text, KALININGRAD);
    }
}

#[test]
fn reopening_keeps_documents() {
    let Some(database) = fresh_database("reopening a PostgreSQL atlas") else { return };
    let mut document = conformance::document(KALININGRAD, "ru", Genre::News, Some("2019-06-27"));
    document.facts = Some(kaliningrad_facts("test 1"));
    {
        let mut store = connect(&database);
        store.put(&[(document.clone(), source("k.txt"))]).expect("put");
    }
    let store = connect(&database);
    assert_eq!(store.stats().expect("stats").documents, 1);
    assert_eq!(store.document(document.id.as_str()).expect("document").facts, document.facts);
    assert_eq!(store.search(&SearchQuery::new("калининградская")).expect("search").total, 1);
}

#[test]
fn a_newer_schema_is_refused() {
    let Some(database) = fresh_database("a PostgreSQL atlas of a newer schema") else { return };
    drop(connect(&database));
    sql(&database, "INSERT INTO schema_version (version) VALUES (999)");
    match PostgresStore::connect(database.url()) {
        Err(StoreError::TooNew { found: 999, known, path }) => {
            assert!(known < 999);
            assert!(path.contains(database.name()), "{path}");
        }
        other => panic!("a newer schema must be refused: {other:?}"),
    }
}

#[test]
fn the_password_is_never_shown() {
    let Some(database) = fresh_database("the password of a PostgreSQL address") else { return };
    let store = connect(&database);
    let shown = format!("{store:?}");
    assert!(shown.contains(database.name()), "{shown}");
    assert_eq!(store.target(), shown.trim_start_matches("PostgresStore { target: \"").trim_end_matches("\" }"));
    // With a password in the address (the test servers trust their users, so any will do).
    if let Some(rest) = database.url().strip_prefix("postgres://")
        && let Some((user, host)) = rest.split_once('@')
        && !user.contains(':')
    {
        let store = PostgresStore::connect(&format!("postgres://{user}:s3cr3t-word@{host}")).expect("connect");
        assert!(!format!("{store:?}").contains("s3cr3t-word"));
    }
    let refused = PostgresStore::connect("postgres://atlas:s3cr3t-word@127.0.0.1:1/none");
    assert!(matches!(&refused, Err(StoreError::Backend(message)) if !message.contains("s3cr3t-word")), "{refused:?}");
}

/// The web server keeps stores in a pool and calls them from `spawn_blocking`: a store made on
/// one thread is used on the blocking threads of a multi-thread runtime, several at once, and
/// dropped there.
#[test]
fn stores_work_from_blocking_tasks_of_an_async_runtime() {
    let Some(database) = fresh_database("PostgreSQL stores in blocking tasks") else { return };
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    let mut store = connect(&database);
    let document = conformance::document(KALININGRAD, "ru", Genre::News, None);
    let id = document.id.clone();
    let url = database.url().to_string();
    // A store dropped by an async task itself (a pool dropped as a server stops).
    let dropped_in_a_task = connect(&database);
    runtime.block_on(async move { drop(dropped_in_a_task) });
    runtime.block_on(async move {
        let store = tokio::task::spawn_blocking(move || {
            store.put(&[(document, source("k.txt"))]).expect("put from a blocking task");
            store
        })
        .await
        .expect("blocking task");
        let mut tasks = Vec::new();
        for _ in 0..4 {
            let url = url.clone();
            tasks.push(tokio::task::spawn_blocking(move || {
                let store = PostgresStore::connect(&url).expect("connect in a blocking task");
                store.search(&SearchQuery::new("соглашение")).expect("search").total
            }));
        }
        let id_in_task = id.clone();
        tasks.push(tokio::task::spawn_blocking(move || {
            let found = store.document(id_in_task.as_str()).expect("document").text.len() as u64;
            drop(store);
            found
        }));
        for task in tasks {
            assert!(task.await.expect("blocking task") > 0);
        }
    });
}

/// A text of 2 MB: far past the 16,383 positions and near the 1 MB a `tsvector` may hold. It is
/// stored whole, and a word near its end is found.
#[test]
fn a_two_megabyte_text_is_stored_and_searched() {
    let Some(database) = fresh_database("a 2 MB document in PostgreSQL") else { return };
    let mut text = String::from("Отчёт о сотрудничестве регионов\n\n");
    let mut paragraph = 0;
    while text.len() < 2_000_000 {
        paragraph += 1;
        text.push_str(&format!(
            "Пункт {paragraph}. Правительство области и город-побратим номер {paragraph} подписали план \
             мероприятий на {} год, рабочая группа {}-{} обсудила торговлю, туризм и образование.\n",
            2000 + paragraph % 30,
            paragraph * 7,
            paragraph * 13,
        ));
    }
    text.push_str("В заключение стороны подписали меморандум о побратимстве с Петропавловском-Камчатским.\n");
    let document = Document {
        title: Some("Отчёт о сотрудничестве регионов".into()),
        ..conformance::document(&text, "ru", Genre::Research, None)
    };
    let mut store = connect(&database);
    assert_eq!(store.put(&[(document.clone(), source("big.txt"))]).expect("put"), [PutOutcome::New]);
    let stored = store.document(document.id.as_str()).expect("document");
    assert_eq!(stored.text, text, "stored whole");
    let late_paragraph = format!("пункт {}", paragraph - 1);
    for query in ["меморандум", "Петропавловск", "побратимстве", &late_paragraph] {
        let results = store.search(&SearchQuery::new(query)).expect("search");
        assert_eq!(results.total, 1, "{query}");
        let hit = &results.hits[0];
        assert_eq!(&text[hit.snippet_range.0..hit.snippet_range.1], hit.snippet);
        assert!(!hit.highlights.is_empty(), "{query}");
    }
    let end = text.len();
    let last = &text[text.rfind("В заключение").expect("last sentence")..end - 1];
    let start = end - 1 - last.len();
    assert_eq!(store.passages(&[(document.id.clone(), (start, end - 1))]).expect("passages"), [Some(last.to_string())]);
    assert_eq!(store.search_matches("отчёт сотрудничестве").expect("matches").len(), 1, "the title is indexed");
}

fn batch(count: usize) -> Vec<(Document, Source)> {
    (0..count)
        .map(|number| {
            let text = format!("Документ {number}: Минск и Казань подписали соглашение номер {number}.");
            let mut document = conformance::document(&text, "ru", Genre::News, None);
            if number % 2 == 0 {
                document.facts = Some(Facts { extractor: "test".into(), depth: "none".into(), ..Facts::default() });
            }
            (document, source(&format!("shared/{number}.txt")))
        })
        .collect()
}

/// Two writers (workers, servers) put the same documents at the same paths at once, in opposite
/// orders: each document and path is stored once, and each document is new to exactly one of them.
#[test]
fn concurrent_puts_of_the_same_documents_yield_one_copy() {
    let Some(database) = fresh_database("concurrent writers of PostgreSQL") else { return };
    let database = Arc::new(database);
    let documents = batch(40);
    let barrier = Arc::new(Barrier::new(2));
    let writers: Vec<_> = [false, true]
        .into_iter()
        .map(|reversed| {
            let (database, barrier) = (database.clone(), barrier.clone());
            let mut documents = documents.clone();
            if reversed {
                documents.reverse();
            }
            std::thread::spawn(move || {
                let mut store = connect(&database);
                barrier.wait();
                let mut outcomes = Vec::new();
                // Small batches, so that the two writers interleave.
                for chunk in documents.chunks(5) {
                    for (outcome, (document, _)) in store.put(chunk).expect("put").into_iter().zip(chunk) {
                        outcomes.push((document.id.clone(), outcome));
                    }
                }
                outcomes
            })
        })
        .collect();
    let outcomes: Vec<_> = writers.into_iter().flat_map(|writer| writer.join().expect("writer")).collect();
    for (document, _) in &documents {
        let of_it: Vec<PutOutcome> =
            outcomes.iter().filter(|(id, _)| *id == document.id).map(|(_, outcome)| *outcome).collect();
        let mut sorted = of_it.clone();
        sorted.sort_by_key(|outcome| *outcome != PutOutcome::New);
        assert_eq!(sorted, [PutOutcome::New, PutOutcome::Unchanged], "{}: {of_it:?}", document.id);
    }
    let store = connect(&database);
    let stats = store.stats().expect("stats");
    assert_eq!((stats.documents, stats.paths, stats.extracted), (40, 40, 20));
    assert_eq!(sql(&database, "SELECT count(*) FROM document_search"), ["40"]);
    let mut scanned = 0;
    store
        .scan(Mentions::With, &mut |document| {
            assert_eq!(document.summary.paths.len(), 1);
            scanned += 1;
            Ok(())
        })
        .expect("scan");
    assert_eq!(scanned, 40);
    assert_eq!(store.search_matches("соглашение").expect("matches").len(), 40);
}

/// Two writers put the same content at different paths at once, in opposite orders: each may
/// wait for the other's new documents, and PostgreSQL breaks such a deadlock by failing one
/// transaction, which is tried again. Every document is stored once, with both paths.
#[test]
fn concurrent_puts_of_the_same_content_at_other_paths() {
    let Some(database) = fresh_database("concurrent writers of the same content in PostgreSQL") else { return };
    let database = Arc::new(database);
    let documents = batch(40);
    let barrier = Arc::new(Barrier::new(2));
    let writers: Vec<_> = ["a", "b"]
        .into_iter()
        .map(|directory| {
            let (database, barrier) = (database.clone(), barrier.clone());
            let mut documents: Vec<(Document, Source)> = documents
                .iter()
                .map(|(document, source)| (document.clone(), self::source(&format!("{directory}/{}", source.path))))
                .collect();
            if directory == "b" {
                documents.reverse();
            }
            std::thread::spawn(move || {
                let mut store = connect(&database);
                barrier.wait();
                documents.chunks(10).flat_map(|chunk| store.put(chunk).expect("put")).collect::<Vec<_>>()
            })
        })
        .collect();
    let mut outcomes: Vec<PutOutcome> = writers.into_iter().flat_map(|writer| writer.join().expect("writer")).collect();
    outcomes.sort_by_key(|outcome| *outcome != PutOutcome::New);
    let new = outcomes.iter().filter(|outcome| **outcome == PutOutcome::New).count();
    assert_eq!(new, 40, "{outcomes:?}");
    assert!(outcomes[40..].iter().all(|outcome| *outcome == PutOutcome::NewPath), "{outcomes:?}");
    let stats = connect(&database).stats().expect("stats");
    assert_eq!((stats.documents, stats.paths, stats.extracted), (40, 80, 20));
}

/// Different content at the same path from two writers at once: versions 1 and 2, never two
/// first versions.
#[test]
fn concurrent_versions_of_one_path_are_numbered_in_turn() {
    let Some(database) = fresh_database("concurrent versions in PostgreSQL") else { return };
    let database = Arc::new(database);
    let barrier = Arc::new(Barrier::new(2));
    let writers: Vec<_> = ["Первая редакция.", "Вторая редакция."]
        .into_iter()
        .map(|text| {
            let (database, barrier) = (database.clone(), barrier.clone());
            std::thread::spawn(move || {
                let mut store = connect(&database);
                let document = conformance::document(text, "ru", Genre::News, None);
                barrier.wait();
                store.put(&[(document, source("news/today.txt"))]).expect("put")[0]
            })
        })
        .collect();
    let mut outcomes: Vec<PutOutcome> = writers.into_iter().map(|writer| writer.join().expect("writer")).collect();
    outcomes.sort_by_key(|outcome| *outcome != PutOutcome::New);
    assert_eq!(outcomes, [PutOutcome::New, PutOutcome::NewVersion]);
    assert_eq!(sql(&database, "SELECT version FROM sources ORDER BY version"), ["1", "2"]);
}

/// A server caches what it computed from the atlas while another process writes to it: the data
/// version shows that process's writes.
#[test]
fn data_version_shows_writes_of_another_connection() {
    let Some(database) = fresh_database("the data version across PostgreSQL connections") else { return };
    let reader = connect(&database);
    let mut writer = connect(&database);
    let before = reader.data_version().expect("version");
    let document = conformance::document("Минск и Казань.", "ru", Genre::News, None);
    writer.put(&[(document, source("a.txt"))]).expect("put");
    assert_ne!(reader.data_version().expect("version"), before);
}

/// Times are written as the embedded store writes them: RFC 3339 in UTC with milliseconds.
#[test]
fn times_read_as_the_embedded_store_writes_them() {
    let Some(database) = fresh_database("times in PostgreSQL") else { return };
    let mut store = connect(&database);
    let mut document = conformance::document(KALININGRAD, "ru", Genre::News, None);
    document.facts = Some(kaliningrad_facts("test"));
    store.put(&[(document, source("k.txt"))]).expect("put");
    let mut times = Vec::new();
    store
        .records(&mut |record| {
            times.push(record.ingested_at);
            times.extend(record.extracted_at);
            for source in record.sources {
                times.push(source.first_seen);
                times.push(source.last_seen);
            }
            Ok(())
        })
        .expect("records");
    assert_eq!(times.len(), 4);
    for time in &times {
        let shape: String =
            time.chars().map(|character| if character.is_ascii_digit() { '9' } else { character }).collect();
        assert_eq!(shape, "9999-99-99T99:99:99.999Z", "{time}");
    }
}

/// A text with a NUL in it (some PDF text has them) is kept exactly; PostgreSQL's text columns
/// cannot hold NUL, so its title shows U+FFFD there.
#[test]
fn a_nul_in_the_text_is_kept() {
    let Some(database) = fresh_database("a NUL character in PostgreSQL") else { return };
    let mut store = connect(&database);
    let text = "Минск\0и Казань подписали соглашение.";
    let document = conformance::document(text, "ru", Genre::News, None);
    store.put(&[(document.clone(), source("nul.txt"))]).expect("put");
    let stored = store.document(document.id.as_str()).expect("document");
    assert_eq!(stored.text, text);
    assert_eq!(stored.summary.title.as_deref(), Some("Минск\u{FFFD}и Казань подписали соглашение."));
    assert_eq!(store.search(&SearchQuery::new("казань")).expect("search").total, 1);
}

#[test]
fn a_store_whose_connection_died_says_so() {
    let Some(database) = fresh_database("a connection the server closed") else { return };
    let store = connect(&database);
    assert!(store.is_usable());
    sql(
        &database,
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid()",
    );
    assert!(store.stats().is_err(), "the connection is gone");
    assert!(!store.is_usable(), "a pool must drop this store");
    assert!(connect(&database).is_usable(), "a new connection works");
}

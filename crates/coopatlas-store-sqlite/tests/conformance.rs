//! The embedded store against the shared conformance suite, plus what only SQLite can show.

use coopatlas_store::{Store, StoreError, conformance};
use coopatlas_store_sqlite::SqliteStore;

#[test]
fn sqlite_passes_the_conformance_suite() {
    let mut directories = Vec::new();
    conformance::run_all(&mut || {
        let directory = tempfile::tempdir().expect("temporary directory");
        let store = SqliteStore::open(directory.path()).expect("open store");
        directories.push(directory);
        Box::new(store)
    });
}

#[test]
fn reopening_keeps_documents_and_schema() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let document =
        conformance::document("Минск и Казань подписали соглашение.", "ru", coopatlas_document::Genre::News, None);
    {
        let mut store = SqliteStore::open(directory.path()).expect("open");
        store.put(&[(document.clone(), coopatlas_store::Source { path: "a.txt".into() })]).expect("put");
    }
    let store = SqliteStore::open(directory.path()).expect("reopen");
    assert_eq!(store.stats().expect("stats").documents, 1);
    assert_eq!(store.integrity_check().expect("check"), "ok");
}

#[test]
fn a_newer_schema_is_refused() {
    let directory = tempfile::tempdir().expect("temporary directory");
    drop(SqliteStore::open(directory.path()).expect("open"));
    let connection = rusqlite_connection(directory.path());
    connection.pragma_update(None, "user_version", 999).expect("set version");
    drop(connection);
    assert!(matches!(SqliteStore::open(directory.path()), Err(StoreError::TooNew { found: 999, .. })));
}

fn rusqlite_connection(directory: &std::path::Path) -> rusqlite::Connection {
    rusqlite::Connection::open(directory.join(coopatlas_store_sqlite::DATABASE_FILE)).expect("open database")
}

/// A server caches what it computed from the atlas while `coopatlas ingest` writes to it from
/// another process: the data version must show that process's writes too.
#[test]
fn data_version_shows_writes_of_another_connection() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let reader = SqliteStore::open(directory.path()).expect("open");
    let mut writer = SqliteStore::open(directory.path()).expect("open again");
    let before = reader.data_version().expect("version");
    let document = conformance::document("Минск и Казань.", "ru", coopatlas_document::Genre::News, None);
    writer.put(&[(document, coopatlas_store::Source { path: "a.txt".into() })]).expect("put");
    assert_ne!(reader.data_version().expect("version"), before);
}

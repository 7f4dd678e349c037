//! The server store: an atlas in a PostgreSQL database, for several servers and workers sharing
//! one atlas. It implements the same [`Store`] trait as the embedded SQLite store and passes the
//! same conformance suite, so everything above the trait works on either.
//!
//! Search indexes the stems `coopatlas-text` computes, as SQLite's store does, not PostgreSQL's
//! own dictionaries: each document's stems go into a `tsvector` written by this crate (title
//! stems with weight A), and queries become `tsquery` expressions over the same stems, so both
//! backends find the same documents. Snippets and highlights are computed from the stored text
//! with the shared code of [`coopatlas_store::query`].
//!
//! The trait is synchronous: a [`PostgresStore`] owns a small single-threaded tokio runtime that
//! drives its connection, and each method blocks on it. Call it from ordinary threads or from
//! `tokio::task::spawn_blocking` (as the web server does), never directly from an async task.
//! One store is one connection; a server keeps a pool of them.
//!
//! Connecting brings the schema up to date (`migrations.rs`); several processes connecting to a
//! new database at once migrate it once. Writes retry on serialization failures and deadlocks,
//! so workers and servers may put the same documents at the same time.
//!
//! ```no_run
//! use coopatlas_store::{SearchQuery, Store};
//! use coopatlas_store_postgres::PostgresStore;
//! let store = PostgresStore::connect("postgres://atlas@127.0.0.1:5432/atlas").unwrap();
//! let results = store.search(&SearchQuery::new("Калининградская область")).unwrap();
//! println!("{} documents", results.total);
//! ```
//!
//! What differs from the embedded store: the ranking (PostgreSQL's `ts_rank`, not FTS5's BM25;
//! the same documents match), phrases found only within the first 16,383 words of a text (see
//! `search.rs`), a title holding a NUL character (PostgreSQL's text cannot) kept with U+FFFD in
//! its place (the text itself is kept exactly), and no TLS: connect over loopback, a private
//! network or a Unix socket.
//!
//! With the feature `testing`, `testing::fresh_database` makes a throwaway database on the
//! server named by `COOPATLAS_TEST_DATABASE` for tests.

mod accounts;
mod db;
mod decisions;
mod documents;
mod facts;
mod migrations;
pub mod queue;
mod records;
mod scan;
mod search;
#[cfg(feature = "testing")]
pub mod testing;

use std::time::Duration;

use coopatlas_document::facts::Span;
use coopatlas_document::review::Decision;
use coopatlas_document::{Document, DocumentId, Facts};
use coopatlas_store::{
    ApiToken, DocumentRecord, Mentions, PutOutcome, ScannedDocument, SearchHit, SearchQuery, SearchResults, Session,
    Source, Stats, Store, StoreError, StoredDocument, User,
};
use tokio::runtime::Runtime;
use tokio_postgres::{Client, Transaction};

pub(crate) use db::{Db, Error, Local};
pub(crate) use decisions::bump_data_version;
pub(crate) use documents::put_batch;

/// How many times a write is tried when PostgreSQL gives up on it for a concurrent one
/// (serialization failure, deadlock, or a row another writer inserted first).
const WRITE_ATTEMPTS: u32 = 8;

/// An atlas stored in a PostgreSQL database, over one connection.
pub struct PostgresStore {
    /// `None` only while dropping: the client goes first so that the connection can close cleanly.
    client: Option<Client>,
    /// The task that drives the connection, on `runtime`.
    connection: Option<tokio::task::JoinHandle<()>>,
    local: Local,
    /// Where the store is connected to, without the password.
    target: String,
    runtime: OwnRuntime,
}

/// The store's runtime. Dropped inside another runtime (a store dropped by an async task of a
/// server), where dropping a runtime the usual way panics, it is shut down without waiting.
struct OwnRuntime(Option<Runtime>);

impl std::ops::Deref for OwnRuntime {
    type Target = Runtime;

    fn deref(&self) -> &Runtime {
        // Only `Drop` takes the runtime out.
        self.0.as_ref().expect("the runtime lives as long as the store")
    }
}

impl Drop for OwnRuntime {
    fn drop(&mut self) {
        if let Some(runtime) = self.0.take()
            && inside_a_runtime()
        {
            runtime.shutdown_background();
        }
    }
}

/// Whether this thread runs in a tokio runtime (an async task, or a blocking task of one).
fn inside_a_runtime() -> bool {
    tokio::runtime::Handle::try_current().is_ok()
}

/// Runs `work`; after a database failure, lets the connection task take in what the server said (it
/// runs only while the store blocks on its runtime), so that [`PostgresStore::is_closed`] knows
/// when the failure was the connection's end.
async fn settled<T>(work: impl Future<Output = Result<T, Error>>) -> Result<T, Error> {
    let result = work.await;
    if let Err(Error::Postgres(_)) = &result {
        // A pause, not a yield: the connection task learns of a closed socket from the runtime's
        // IO driver, which runs when the runtime parks.
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    result
}

impl std::fmt::Debug for PostgresStore {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.debug_struct("PostgresStore").field("target", &self.target).finish()
    }
}

impl PostgresStore {
    /// Connects to the database at `url` (`postgres://user@host:port/database`, or the
    /// `key=value` form PostgreSQL's own tools take) and brings its schema up to date. A database
    /// written by a newer coopatlas is refused with [`StoreError::TooNew`]. The connection is not
    /// encrypted (TLS is not built in): use it on loopback, a private network or a socket.
    pub fn connect(url: &str) -> Result<PostgresStore, StoreError> {
        let mut config: tokio_postgres::Config =
            url.parse().map_err(|error| StoreError::Backend(format!("bad database address: {error}")))?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(10));
        }
        if config.get_application_name().is_none() {
            config.application_name("coopatlas");
        }
        let target = db::describe(&config);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|error| StoreError::Backend(format!("cannot start the database runtime: {error}")))?;
        let (mut client, connection) = runtime
            .block_on(config.connect(tokio_postgres::NoTls))
            .map_err(|error| StoreError::Backend(format!("cannot connect to {target}: {}", db::message(&error))))?;
        let connection = runtime.spawn(async move {
            if let Err(error) = connection.await {
                tracing::warn!(error = %db::message(&error), "database connection ended");
            }
        });
        runtime.block_on(db::check_server(&client)).map_err(StoreError::from)?;
        match runtime.block_on(migrations::migrate(&mut client)) {
            Ok(_) => {}
            Err(migrations::MigrateError::TooNew { found, known }) => {
                return Err(StoreError::TooNew { path: target, found, known });
            }
            Err(migrations::MigrateError::Postgres(error)) => return Err(Error::from(error).into()),
        }
        Ok(PostgresStore {
            client: Some(client),
            connection: Some(connection),
            local: Local::new(),
            target,
            runtime: OwnRuntime(Some(runtime)),
        })
    }

    /// Where the store is connected: user, host, port and database, never the password.
    pub fn target(&self) -> &str {
        &self.target
    }

    /// Whether the connection is gone (the server closed it or went away); such a store only
    /// returns errors, and a pool should connect anew.
    pub fn is_closed(&self) -> bool {
        self.client.as_ref().is_none_or(Client::is_closed)
            || self.connection.as_ref().is_none_or(tokio::task::JoinHandle::is_finished)
    }

    /// The runtime the connection runs on: block on it to use [`PostgresStore::client`].
    #[allow(dead_code, reason = "for writers this crate adds beside the Store methods, such as a job queue")]
    pub(crate) fn runtime(&self) -> &Runtime {
        &self.runtime
    }

    /// The connection, to open a transaction on (for writes this crate makes elsewhere, such as a
    /// job queue); futures using it must run on [`PostgresStore::runtime`].
    #[allow(dead_code, reason = "for writers this crate adds beside the Store methods, such as a job queue")]
    pub(crate) fn client(&mut self) -> &mut Client {
        self.parts().1
    }

    /// The runtime, the connection and what the connection keeps besides (stemmer, memo of
    /// stems, prepared statements), borrowed together: what [`put_batch`] needs inside a
    /// transaction of the caller's.
    pub(crate) fn parts(&mut self) -> (&Runtime, &mut Client, &Local) {
        // Only `Drop` takes the client out.
        let client = self.client.as_mut().expect("the client lives as long as the store");
        (&self.runtime, client, &self.local)
    }

    /// Runs `work` on a database handle outside any transaction.
    fn read<T>(&self, work: impl AsyncFnOnce(Db<'_>) -> Result<T, Error>) -> Result<T, StoreError> {
        let client = self.client.as_ref().expect("the client lives as long as the store");
        self.runtime.block_on(settled(work(Db::new(client, &self.local)))).map_err(StoreError::from)
    }

    /// Runs `work` in a read-only transaction, so that what it reads in several statements is one
    /// consistent state of the atlas.
    fn snapshot<T>(&self, work: impl AsyncFnOnce(Db<'_>) -> Result<T, Error>) -> Result<T, StoreError> {
        self.read(async |db| {
            db.client().batch_execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY").await?;
            let result = work(db).await;
            let end = if result.is_ok() { "COMMIT" } else { "ROLLBACK" };
            db.client().batch_execute(end).await?;
            result
        })
    }

    /// Runs `work` in a transaction that also bumps the data version when `work` says it changed
    /// something, and tries again, up to [`WRITE_ATTEMPTS`] times, when PostgreSQL aborted it for
    /// a concurrent writer (see [`Error::retryable`]). `work` must therefore be repeatable.
    pub(crate) fn write<T>(
        &mut self,
        mut work: impl AsyncFnMut(&Transaction<'_>, &Local) -> Result<(T, bool), Error>,
    ) -> Result<T, StoreError> {
        let (runtime, client, local) = self.parts();
        runtime
            .block_on(settled(async {
                let mut attempt = 1;
                loop {
                    let result: Result<T, Error> = async {
                        // Read committed whatever the server's default: each statement sees
                        // what concurrent writers committed before it (see `put_batch`).
                        let transaction = client
                            .build_transaction()
                            .isolation_level(tokio_postgres::IsolationLevel::ReadCommitted)
                            .start()
                            .await?;
                        let (value, changed) = work(&transaction, local).await?;
                        if changed {
                            bump_data_version(&transaction, local).await?;
                        }
                        transaction.commit().await?;
                        Ok(value)
                    }
                    .await;
                    match result {
                        Err(error) if error.retryable() && attempt < WRITE_ATTEMPTS => {
                            tracing::debug!(attempt, error = %StoreError::from(error), "write retried");
                            tokio::time::sleep(db::backoff(attempt)).await;
                            attempt += 1;
                        }
                        other => return other,
                    }
                }
            }))
            .map_err(StoreError::from)
    }
}

impl Drop for PostgresStore {
    fn drop(&mut self) {
        // Dropping the client asks the connection to say goodbye to the server; wait for that a
        // moment, unless inside another runtime, where blocking may be forbidden (the socket is
        // then just closed, which an idle server takes as well).
        drop(self.client.take());
        if let Some(connection) = self.connection.take()
            && !inside_a_runtime()
        {
            let _ = self.runtime.block_on(async { tokio::time::timeout(Duration::from_secs(1), connection).await });
        }
    }
}

impl Store for PostgresStore {
    fn put(&mut self, batch: &[(Document, Source)]) -> Result<Vec<PutOutcome>, StoreError> {
        if batch.is_empty() {
            return Ok(Vec::new());
        }
        self.write(async |transaction, local| {
            let outcomes = put_batch(transaction, local, batch).await?;
            // Content read again where it was read before changes nothing anyone sees.
            let changed = outcomes.iter().any(|outcome| *outcome != PutOutcome::Unchanged);
            Ok((outcomes, changed))
        })
    }

    fn touch(&mut self, id: &DocumentId, source: &Source) -> Result<PutOutcome, StoreError> {
        self.write(async |transaction, local| {
            let outcome = documents::put_one(Db::new(transaction.client(), local), None, id, source).await?;
            Ok((outcome, outcome != PutOutcome::Unchanged))
        })
    }

    fn document_ids(&self) -> Result<Vec<DocumentId>, StoreError> {
        self.read(async |db| documents::ids(db).await)
    }

    fn extractors(&self) -> Result<Vec<(DocumentId, Option<String>)>, StoreError> {
        self.read(async |db| documents::extractors(db).await)
    }

    fn put_facts(&mut self, batch: &[(DocumentId, Facts)]) -> Result<(), StoreError> {
        self.write(async |transaction, local| {
            let db = Db::new(transaction.client(), local);
            for (id, facts) in batch {
                let seq = documents::lock(db, id).await?.ok_or_else(|| StoreError::NotFound(id.to_string()))?;
                facts::replace(db, seq, facts).await?;
            }
            Ok(((), !batch.is_empty()))
        })
    }

    fn document(&self, id_or_prefix: &str) -> Result<StoredDocument, StoreError> {
        self.snapshot(async |db| documents::document(db, id_or_prefix).await)
    }

    fn search(&self, query: &SearchQuery) -> Result<SearchResults, StoreError> {
        self.read(async |db| search::search(db, query).await)
    }

    fn stats(&self) -> Result<Stats, StoreError> {
        self.snapshot(async |db| documents::stats(db).await)
    }

    fn scan(
        &self,
        mentions: Mentions,
        visit: &mut dyn FnMut(ScannedDocument) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        scan::scan(self, mentions, visit)
    }

    fn scan_documents(
        &self,
        documents: &[DocumentId],
        mentions: Mentions,
        visit: &mut dyn FnMut(ScannedDocument) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        scan::scan_documents(self, documents, mentions, visit)
    }

    fn passages(&self, requests: &[(DocumentId, Span)]) -> Result<Vec<Option<String>>, StoreError> {
        self.read(async |db| documents::passages(db, requests).await)
    }

    fn search_matches(&self, text: &str) -> Result<Vec<(DocumentId, f64)>, StoreError> {
        self.read(async |db| search::matches(db, text).await)
    }

    fn hits(&self, text: &str, documents: &[(DocumentId, f64)]) -> Result<Vec<SearchHit>, StoreError> {
        self.read(async |db| search::hits(db, text, documents).await)
    }

    fn put_decision(&mut self, decision: &Decision) -> Result<i64, StoreError> {
        decision.validate().map_err(|error| StoreError::Invalid(error.to_string()))?;
        self.write(async |transaction, local| {
            Ok((decisions::put(Db::new(transaction.client(), local), decision).await?, true))
        })
    }

    fn decisions(&self, document: Option<&DocumentId>) -> Result<Vec<(i64, Decision)>, StoreError> {
        self.read(async |db| decisions::read(db, document).await)
    }

    fn data_version(&self) -> Result<u64, StoreError> {
        self.read(async |db| decisions::data_version(db).await)
    }

    fn put_user(&mut self, user: &User) -> Result<(), StoreError> {
        self.read(async |db| accounts::put_user(db, user).await)
    }

    fn user(&self, name: &str) -> Result<Option<User>, StoreError> {
        self.read(async |db| accounts::user(db, name).await)
    }

    fn users(&self) -> Result<Vec<User>, StoreError> {
        self.read(async |db| accounts::users(db).await)
    }

    fn put_session(&mut self, session: &Session) -> Result<(), StoreError> {
        self.read(async |db| accounts::put_session(db, session).await)
    }

    fn session(&self, token_hash: &str) -> Result<Option<Session>, StoreError> {
        self.read(async |db| accounts::session(db, token_hash).await)
    }

    fn delete_session(&mut self, token_hash: &str) -> Result<(), StoreError> {
        self.read(async |db| accounts::delete_session(db, token_hash).await)
    }

    fn put_token(&mut self, token: &ApiToken) -> Result<(), StoreError> {
        self.read(async |db| accounts::put_token(db, token).await)
    }

    fn token(&self, token_hash: &str) -> Result<Option<ApiToken>, StoreError> {
        self.read(async |db| accounts::token(db, token_hash).await)
    }

    fn tokens(&self) -> Result<Vec<ApiToken>, StoreError> {
        self.read(async |db| accounts::tokens(db).await)
    }

    fn records(&self, visit: &mut dyn FnMut(DocumentRecord) -> Result<(), StoreError>) -> Result<(), StoreError> {
        records::records(self, visit)
    }

    fn is_usable(&self) -> bool {
        !self.is_closed()
    }

    fn restore(&mut self, batch: &[DocumentRecord]) -> Result<(), StoreError> {
        self.write(async |transaction, local| {
            records::restore(Db::new(transaction.client(), local), batch).await?;
            Ok(((), !batch.is_empty()))
        })
    }
}

#[cfg(test)]
mod tests {
    use coopatlas_document::Genre;
    use coopatlas_store::conformance;

    use super::*;

    /// What a job queue of this crate does: documents and a row of its own written in one
    /// transaction it opens, with the data version bumped.
    #[test]
    fn a_batch_is_written_in_a_transaction_of_the_caller() {
        let Some(database) = testing::fresh_database("writing in a transaction of the caller") else { return };
        let mut store = PostgresStore::connect(database.url()).expect("connect");
        let before = store.data_version().expect("version");
        let document = conformance::document("Минск и Казань подписали соглашение.", "ru", Genre::News, None);
        let batch = [(document.clone(), Source { path: "a.txt".into() })];
        let (runtime, client, local) = store.parts();
        let outcomes = runtime
            .block_on(async {
                let transaction = client.transaction().await?;
                transaction.batch_execute("CREATE TABLE caller_rows (done INTEGER)").await?;
                let outcomes = put_batch(&transaction, local, &batch).await?;
                transaction.batch_execute("INSERT INTO caller_rows VALUES (1)").await?;
                bump_data_version(&transaction, local).await?;
                transaction.commit().await?;
                Ok::<_, Error>(outcomes)
            })
            .expect("written");
        assert_eq!(outcomes, [PutOutcome::New]);
        assert_ne!(store.data_version().expect("version"), before);
        assert_eq!(store.search(&SearchQuery::new("соглашения")).expect("search").total, 1);
        let (runtime, client, _) = store.parts();
        let rows: i64 =
            runtime.block_on(client.query_one("SELECT count(*) FROM caller_rows", &[])).expect("rows").get(0);
        assert_eq!(rows, 1);
        // The same through `write`, which retries and bumps the version itself.
        let version = store.data_version().expect("version");
        let again = store
            .write(async |transaction, local| {
                transaction.batch_execute("INSERT INTO caller_rows VALUES (2)").await?;
                Ok((put_batch(transaction, local, &batch).await?, true))
            })
            .expect("written");
        assert_eq!(again, [PutOutcome::Unchanged]);
        assert_ne!(store.data_version().expect("version"), version);
        assert!(!store.client().is_closed());
        assert_eq!(store.runtime().metrics().num_workers(), 1, "the connection's own small runtime");
    }
}

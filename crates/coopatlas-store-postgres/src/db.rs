//! The connection as the rest of the crate uses it: a [`Db`] handle (the client, or a transaction's
//! client, with the statements prepared on it), the crate's [`Error`], and what one connection
//! keeps between calls ([`Local`]).

use std::cell::RefCell;
use std::collections::HashMap;
use std::time::Duration;

use coopatlas_store::StoreError;
use coopatlas_text::{StemMemo, Stemmer};
use tokio_postgres::error::SqlState;
use tokio_postgres::types::ToSql;
use tokio_postgres::{Client, Row, Statement};

/// A failure inside the crate: the store's own error, or PostgreSQL's with its SQLSTATE kept, so
/// that a write can tell a conflict with a concurrent writer (worth another try) from a fault.
#[derive(Debug)]
pub(crate) enum Error {
    Store(StoreError),
    Postgres(tokio_postgres::Error),
}

impl Error {
    /// Whether the transaction failed for a concurrent one and may succeed when run again: a
    /// serialization failure, a deadlock, or a unique row another writer inserted first.
    pub(crate) fn retryable(&self) -> bool {
        let Error::Postgres(error) = self else { return false };
        [SqlState::T_R_SERIALIZATION_FAILURE, SqlState::T_R_DEADLOCK_DETECTED, SqlState::UNIQUE_VIOLATION]
            .iter()
            .any(|state| error.code() == Some(state))
    }

    /// PostgreSQL's SQLSTATE, when the error is PostgreSQL's.
    pub(crate) fn code(&self) -> Option<&SqlState> {
        match self {
            Error::Postgres(error) => error.code(),
            Error::Store(_) => None,
        }
    }
}

impl From<tokio_postgres::Error> for Error {
    fn from(error: tokio_postgres::Error) -> Error {
        Error::Postgres(error)
    }
}

impl From<StoreError> for Error {
    fn from(error: StoreError) -> Error {
        Error::Store(error)
    }
}

impl From<Error> for StoreError {
    fn from(error: Error) -> StoreError {
        match error {
            Error::Store(error) => error,
            Error::Postgres(error) => StoreError::Backend(message(&error)),
        }
    }
}

/// A readable message for a client error: the server's message and detail, not just "db error".
pub(crate) fn message(error: &tokio_postgres::Error) -> String {
    match error.as_db_error() {
        Some(db) => match db.detail() {
            Some(detail) => format!("{}: {} ({detail})", db.severity(), db.message()),
            None => format!("{}: {}", db.severity(), db.message()),
        },
        None => {
            let mut message = error.to_string();
            let mut source = std::error::Error::source(error);
            while let Some(cause) = source {
                message.push_str(&format!(": {cause}"));
                source = cause.source();
            }
            message
        }
    }
}

/// A value read from a column that does not hold what the schema promises.
pub(crate) fn corrupt(what: impl std::fmt::Display) -> Error {
    Error::Store(StoreError::Backend(format!("unexpected value in the database: {what}")))
}

/// Where `config` connects, for messages and `Debug`: user, hosts, ports and database, without
/// the password.
pub(crate) fn describe(config: &tokio_postgres::Config) -> String {
    let ports = config.get_ports();
    let hosts: Vec<String> = config
        .get_hosts()
        .iter()
        .enumerate()
        .map(|(index, host)| {
            let mut host = match host {
                tokio_postgres::config::Host::Tcp(name) => name.clone(),
                tokio_postgres::config::Host::Unix(path) => path.display().to_string(),
            };
            // One port for every host, or one each.
            if let Some(port) = ports.get(index).or(if ports.len() == 1 { ports.first() } else { None }) {
                host.push_str(&format!(":{port}"));
            }
            host
        })
        .collect();
    let user = config.get_user().map(|user| format!("{user}@")).unwrap_or_default();
    format!("postgres://{user}{}/{}", hosts.join(","), config.get_dbname().unwrap_or(""))
}

/// Refuses a database whose text encoding is not UTF-8: documents hold any Unicode text.
pub(crate) async fn check_server(client: &Client) -> Result<(), Error> {
    let encoding: String = client.query_one("SELECT current_setting('server_encoding')", &[]).await?.try_get(0)?;
    if encoding != "UTF8" {
        return Err(Error::Store(StoreError::Backend(format!(
            "the database's encoding is {encoding}; coopatlas needs a UTF8 database"
        ))));
    }
    Ok(())
}

/// How long to wait before the `attempt`-th retry of a write: growing, and varied a little so
/// that two writers that collided do not collide again in step.
pub(crate) fn backoff(attempt: u32) -> Duration {
    let jitter = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |now| u64::from(now.subsec_nanos()) % 5_000);
    Duration::from_micros((2_000u64 << attempt.min(6)) + jitter)
}

/// Statements prepared on one connection, by their SQL: each is parsed and planned by the server
/// once, not on every call.
#[derive(Default)]
pub(crate) struct Statements {
    prepared: RefCell<HashMap<String, Statement>>,
}

/// What one connection keeps besides the client: the stemmer, the memo of stems the index is
/// written with, and the prepared statements. Not shared between threads (nor is a store).
pub(crate) struct Local {
    pub(crate) stemmer: Stemmer,
    pub(crate) memo: RefCell<StemMemo>,
    statements: Statements,
}

impl Local {
    pub(crate) fn new() -> Local {
        Local { stemmer: Stemmer::new(), memo: RefCell::new(StemMemo::new()), statements: Statements::default() }
    }
}

/// A handle on the database for one call: the client (which may be inside a transaction the
/// caller opened) and the connection's [`Local`] state.
#[derive(Clone, Copy)]
pub(crate) struct Db<'a> {
    client: &'a Client,
    local: &'a Local,
}

/// Parameters of a statement.
pub(crate) type Params<'a> = &'a [&'a (dyn ToSql + Sync)];

impl<'a> Db<'a> {
    pub(crate) fn new(client: &'a Client, local: &'a Local) -> Db<'a> {
        Db { client, local }
    }

    pub(crate) fn client(&self) -> &'a Client {
        self.client
    }

    pub(crate) fn local(&self) -> &'a Local {
        self.local
    }

    /// The statement for `sql`, prepared once per connection.
    async fn statement(&self, sql: &str) -> Result<Statement, Error> {
        if let Some(statement) = self.local.statements.prepared.borrow().get(sql) {
            return Ok(statement.clone());
        }
        let statement = self.client.prepare(sql).await?;
        self.local.statements.prepared.borrow_mut().insert(sql.to_string(), statement.clone());
        Ok(statement)
    }

    pub(crate) async fn query(&self, sql: &str, params: Params<'_>) -> Result<Vec<Row>, Error> {
        let statement = self.statement(sql).await?;
        Ok(self.client.query(&statement, params).await?)
    }

    pub(crate) async fn query_opt(&self, sql: &str, params: Params<'_>) -> Result<Option<Row>, Error> {
        let statement = self.statement(sql).await?;
        Ok(self.client.query_opt(&statement, params).await?)
    }

    pub(crate) async fn query_one(&self, sql: &str, params: Params<'_>) -> Result<Row, Error> {
        let statement = self.statement(sql).await?;
        Ok(self.client.query_one(&statement, params).await?)
    }

    pub(crate) async fn execute(&self, sql: &str, params: Params<'_>) -> Result<u64, Error> {
        let statement = self.statement(sql).await?;
        Ok(self.client.execute(&statement, params).await?)
    }
}

/// The time now, formatted as the embedded store writes it (`strftime('%Y-%m-%dT%H:%M:%fZ')`):
/// RFC 3339 in UTC with milliseconds, so that records and dumps read the same on both backends.
/// The start of the statement, like SQLite's `'now'`.
pub(crate) const NOW: &str = "to_char(statement_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";

/// Reads column `index` of `row`.
pub(crate) fn get<'a, T: tokio_postgres::types::FromSql<'a>>(row: &'a Row, index: usize) -> Result<T, Error> {
    Ok(row.try_get(index)?)
}

/// A byte offset as the database keeps it.
pub(crate) fn offset(value: usize) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

/// A byte offset read back; a negative one (never written) reads as 0.
pub(crate) fn unoffset(value: i64) -> usize {
    usize::try_from(value).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_described_without_the_password() {
        let described = |address: &str| describe(&address.parse().expect("an address"));
        assert_eq!(
            described("postgres://atlas:secret@db.invalid:5433/atlas"),
            "postgres://atlas@db.invalid:5433/atlas"
        );
        assert_eq!(
            described("host=/run/postgresql user=atlas password=secret dbname=atlas"),
            "postgres://atlas@/run/postgresql/atlas"
        );
        assert_eq!(described("postgres://h1,h2:7/db"), "postgres://h1:5432,h2:7/db");
    }
}

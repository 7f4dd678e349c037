//! Throwaway databases for tests (feature `testing`).
//!
//! Tests that need PostgreSQL call [`fresh_database`]: with `COOPATLAS_TEST_DATABASE` set to the
//! address of a database on a server where its user may create databases, it makes an empty
//! database of its own and drops it afterwards; without, it says on one line what it skips and
//! the test passes, so `cargo test` works on machines without a server. A server that is named
//! but cannot be reached fails the test: it never passes silently.

use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};

/// The variable naming the server the tests use.
pub const VARIABLE: &str = "COOPATLAS_TEST_DATABASE";

/// An empty database of one test, dropped (connections and all) when this is dropped.
#[derive(Debug)]
pub struct TestDatabase {
    admin: String,
    name: String,
    url: String,
}

impl TestDatabase {
    /// The address of the database, to connect a store to.
    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn name(&self) -> &str {
        &self.name
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Err(error) = administer(&self.admin, &[&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name)]) {
            eprintln!("cannot drop the test database {}: {error}", self.name);
        }
    }
}

/// A new, empty database on the server `COOPATLAS_TEST_DATABASE` names, or `None` after printing
/// `SKIPPED: <purpose>: COOPATLAS_TEST_DATABASE is not set` when it is not set.
///
/// # Panics
///
/// When the variable is set but the database cannot be made (the server is down, the user may
/// not create databases): a test run that was given a server must use it.
pub fn fresh_database(purpose: &str) -> Option<TestDatabase> {
    static MADE: AtomicU64 = AtomicU64::new(0);
    let admin = match std::env::var(VARIABLE) {
        Ok(admin) if !admin.trim().is_empty() => admin,
        _ => {
            // Straight to the process's standard error: the test harness captures `eprintln!`
            // of passing tests, and a skip must be seen.
            let _ = writeln!(std::io::stderr(), "SKIPPED: {purpose}: {VARIABLE} is not set");
            return None;
        }
    };
    let name = format!("coopatlas_test_{}_{}", std::process::id(), MADE.fetch_add(1, Ordering::Relaxed));
    // A database left by an earlier run whose process had the same id is dropped first.
    let statements = [&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"), &format!("CREATE DATABASE {name}")];
    if let Err(error) = administer(&admin, &statements) {
        panic!("{VARIABLE} is set, but the test database for {purpose:?} cannot be made: {error}");
    }
    let url = with_database(&admin, &name);
    Some(TestDatabase { admin, name, url })
}

/// Runs `statements` one by one (`CREATE DATABASE` cannot run in a transaction) on the server.
fn administer(url: &str, statements: &[&String]) -> Result<(), String> {
    let runtime =
        tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|error| error.to_string())?;
    runtime.block_on(async {
        let mut config: tokio_postgres::Config = url.parse().map_err(|error| format!("bad address: {error}"))?;
        config.connect_timeout(std::time::Duration::from_secs(10));
        let (client, connection) = config.connect(tokio_postgres::NoTls).await.map_err(|error| {
            format!("cannot connect to {}: {}", crate::db::describe(&config), crate::db::message(&error))
        })?;
        let connection = tokio::spawn(connection);
        for statement in statements {
            client.batch_execute(statement).await.map_err(|error| crate::db::message(&error))?;
        }
        drop(client);
        let _ = connection.await;
        Ok(())
    })
}

/// The address `url` with its database replaced by `database`, in either form PostgreSQL takes:
/// a URL (`postgres://user@host:port/database?options`) or `key=value` pairs.
pub fn with_database(url: &str, database: &str) -> String {
    let scheme = ["postgres://", "postgresql://"].into_iter().find(|scheme| url.starts_with(scheme));
    let Some(scheme) = scheme else {
        // In the key=value form the last value given for a key counts.
        return format!("{url} dbname={database}");
    };
    let (address, options) = match url.find('?') {
        Some(at) => url.split_at(at),
        None => (url, ""),
    };
    let authority_end = address[scheme.len()..].find('/').map_or(address.len(), |at| scheme.len() + at);
    format!("{}/{database}{options}", &address[..authority_end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_is_replaced_in_every_form() {
        assert_eq!(
            with_database("postgres://atlas@127.0.0.1:5432/postgres", "t1"),
            "postgres://atlas@127.0.0.1:5432/t1"
        );
        assert_eq!(
            with_database("postgresql://a:b@h/db?sslmode=disable", "t1"),
            "postgresql://a:b@h/t1?sslmode=disable"
        );
        assert_eq!(with_database("postgres://h:1", "t1"), "postgres://h:1/t1");
        assert_eq!(with_database("postgres://h?user=a", "t1"), "postgres://h/t1?user=a");
        assert_eq!(
            with_database("host=/tmp user=atlas dbname=postgres", "t1"),
            "host=/tmp user=atlas dbname=postgres dbname=t1"
        );
    }
}

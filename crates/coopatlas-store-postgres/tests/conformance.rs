//! The PostgreSQL store against the shared conformance suite: every check on a database of its
//! own. Skipped, with a line saying so, when `COOPATLAS_TEST_DATABASE` is not set.

use coopatlas_store::conformance;
use coopatlas_store_postgres::PostgresStore;
use coopatlas_store_postgres::testing::fresh_database;

const PURPOSE: &str = "the conformance suite on PostgreSQL";

#[test]
fn postgres_passes_the_conformance_suite() {
    let Some(first) = fresh_database(PURPOSE) else { return };
    let mut spare = Some(first);
    // Every database lives until the end of the suite: a check's store is dropped by the suite.
    let mut databases = Vec::new();
    conformance::run_all(&mut || {
        let database = spare.take().or_else(|| fresh_database(PURPOSE)).expect("the server was there a moment ago");
        let store = PostgresStore::connect(database.url()).expect("connect to a fresh database");
        databases.push(database);
        Box::new(store)
    });
}

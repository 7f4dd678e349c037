//! Search finds the same documents on PostgreSQL as on the embedded store: both index the stems
//! of `coopatlas-text`, so only the ranking may differ. The sample corpus's text files go into
//! both; every query must match the same documents with the same snippets and highlights.

use std::collections::BTreeSet;

use coopatlas_document::{DocumentId, Genre};
use coopatlas_store::conformance;
use coopatlas_store::{SearchQuery, Source, Store};
use coopatlas_store_postgres::PostgresStore;
use coopatlas_store_postgres::testing::fresh_database;
use coopatlas_store_sqlite::SqliteStore;

const QUERIES: &[&str] = &[
    "соглашение",
    "сотрудничество в сфере туризма",
    "Беларусь",
    "минск",
    "ростов",
    "Татарстана",
    "\"рабочая группа\"",
    "\"дорожная карта\"",
    "agreement",
    "trade",
    "\"working group\"",
    "region",
    "Heilongjiang bridge",
    "2019",
    "мост через Амур",
    "делегация посетила",
];

#[test]
fn both_backends_find_the_same_documents() {
    let Some(database) = fresh_database("the same search results on PostgreSQL and SQLite") else { return };
    let directory = tempfile::tempdir().expect("temporary directory");
    let mut sqlite = SqliteStore::open(directory.path()).expect("open SQLite");
    let mut postgres = PostgresStore::connect(database.url()).expect("connect");
    let batch: Vec<_> = coopatlas_corpus::documents()
        .iter()
        .filter(|file| file.path.ends_with(".txt") || file.path.ends_with(".md"))
        .filter_map(|file| {
            let text = std::str::from_utf8(file.bytes).ok()?;
            let language = if file.path.starts_with("docs/ru") { "ru" } else { "en" };
            Some((conformance::document(text, language, Genre::Other, None), Source { path: file.path.to_string() }))
        })
        .collect();
    assert!(batch.len() >= 20, "{} text files in the corpus", batch.len());
    sqlite.put(&batch).expect("put into SQLite");
    postgres.put(&batch).expect("put into PostgreSQL");
    let mut matched = 0;
    for query in QUERIES {
        let found = |store: &dyn Store| -> Vec<(DocumentId, f64)> { store.search_matches(query).expect(query) };
        let (in_sqlite, in_postgres) = (found(&sqlite), found(&postgres));
        let ids = |matches: &[(DocumentId, f64)]| matches.iter().map(|(id, _)| id.clone()).collect::<BTreeSet<_>>();
        assert_eq!(ids(&in_postgres), ids(&in_sqlite), "{query}");
        matched += in_sqlite.len();
        let total = postgres.search(&SearchQuery::new(*query)).expect(query).total;
        assert_eq!(total, in_sqlite.len() as u64, "{query}");
        // The same snippets and highlights for every match, whatever the scores.
        let unscored: Vec<(DocumentId, f64)> = in_sqlite.iter().map(|(id, _)| (id.clone(), 0.0)).collect();
        let hits = |store: &dyn Store| {
            store
                .hits(query, &unscored)
                .expect(query)
                .into_iter()
                .map(|hit| (hit.document, hit.snippet, hit.snippet_range, hit.highlights))
                .collect::<Vec<_>>()
        };
        let (from_sqlite, from_postgres) = (hits(&sqlite), hits(&postgres));
        for (sqlite_hit, postgres_hit) in from_sqlite.iter().zip(&from_postgres) {
            assert_eq!(sqlite_hit.0.id, postgres_hit.0.id);
            assert_eq!(
                (&sqlite_hit.1, sqlite_hit.2, &sqlite_hit.3),
                (&postgres_hit.1, postgres_hit.2, &postgres_hit.3)
            );
            assert_eq!(sqlite_hit.0.paths, postgres_hit.0.paths);
        }
        assert_eq!(from_sqlite.len(), from_postgres.len());
    }
    assert!(matched > QUERIES.len(), "the queries find something: {matched} matches");
}

//! The embedded store: an atlas is a directory holding `atlas.sqlite` (SQLite in WAL mode).
//!
//! Search is SQLite FTS5 over stems, not over words: `coopatlas-text` stems every token (Russian
//! and English Snowball plus a rule for proper nouns), the index holds the stems, and queries are
//! stemmed the same way, so "Калининградская область" finds "Калининградской области". Snippets
//! and highlights are computed from the original text, so they are exact slices of it.
//!
//! ```
//! use coopatlas_store::{SearchQuery, Store};
//! use coopatlas_store_sqlite::SqliteStore;
//! let directory = tempfile::tempdir().unwrap();
//! let store = SqliteStore::open(directory.path()).unwrap();
//! assert_eq!(store.stats().unwrap().documents, 0);
//! ```

mod accounts;
mod decisions;
mod facts;
mod migrations;
mod query;
mod records;
mod scan;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use coopatlas_document::review::Decision;
use coopatlas_document::{Document, DocumentId, Facts, Format, Genre};
use coopatlas_store::query::{self as parsed_query, ParsedQuery};
use coopatlas_store::{
    ApiToken, DocumentRecord, DocumentSummary, PutOutcome, ScannedDocument, SearchHit, SearchQuery, SearchResults,
    Session, Source, Stats, Store, StoreError, StoredDocument, User, Version,
};
use coopatlas_text::{StemMemo, Stemmer};
use rusqlite::{Connection, OptionalExtension, params};

/// File name of the database inside an atlas directory.
pub const DATABASE_FILE: &str = "atlas.sqlite";

/// An atlas stored in SQLite.
pub struct SqliteStore {
    connection: Connection,
    directory: PathBuf,
    stemmer: Stemmer,
    memo: StemMemo,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.debug_struct("SqliteStore").field("directory", &self.directory).finish()
    }
}

const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

impl SqliteStore {
    /// Opens the atlas in `directory`, creating the directory and the database when missing and
    /// bringing an older schema up to date.
    pub fn open(directory: &Path) -> Result<SqliteStore, StoreError> {
        std::fs::create_dir_all(directory)
            .map_err(|error| StoreError::Backend(format!("cannot create {}: {error}", directory.display())))?;
        let path = directory.join(DATABASE_FILE);
        let mut connection = Connection::open(&path).map_err(backend)?;
        connection.busy_timeout(std::time::Duration::from_secs(10)).map_err(backend)?;
        // WAL keeps readers going while a writer works, and a crash mid-write loses at most the
        // open transaction. NORMAL sync is durable at checkpoints and never corrupts in WAL mode.
        connection.pragma_update(None, "journal_mode", "WAL").map_err(backend)?;
        connection.pragma_update(None, "synchronous", "NORMAL").map_err(backend)?;
        connection.pragma_update(None, "foreign_keys", "ON").map_err(backend)?;
        migrations::migrate(&mut connection).map_err(|error| match error {
            migrations::MigrateError::TooNew { found, known } => {
                StoreError::TooNew { path: path.display().to_string(), found, known }
            }
            migrations::MigrateError::Sqlite(error) => backend(error),
        })?;
        Ok(SqliteStore {
            connection,
            directory: directory.to_path_buf(),
            stemmer: Stemmer::new(),
            memo: StemMemo::default(),
        })
    }

    pub fn directory(&self) -> &Path {
        &self.directory
    }

    /// SQLite's own consistency check; "ok" when the file is sound.
    pub fn integrity_check(&self) -> Result<String, StoreError> {
        self.connection.query_row("PRAGMA integrity_check", [], |row| row.get(0)).map_err(backend)
    }

    fn summary(&self, seq: i64) -> Result<DocumentSummary, StoreError> {
        let mut statement = self
            .connection
            .prepare_cached(&format!("SELECT {SUMMARY_COLUMNS} FROM documents WHERE seq = ?1"))
            .map_err(backend)?;
        let mut summary = statement.query_row([seq], |row| summary_of(row, 0)).map_err(backend)?;
        let mut paths = self
            .connection
            .prepare_cached("SELECT path FROM sources WHERE document = ?1 ORDER BY first_seen, path")
            .map_err(backend)?;
        summary.paths =
            paths.query_map([seq], |row| row.get(0)).map_err(backend)?.collect::<Result<_, _>>().map_err(backend)?;
        Ok(summary)
    }

    /// The parsed query and its FTS5 expression; a query without words is the caller's error.
    fn parse_query(&self, text: &str) -> Result<(ParsedQuery, String), StoreError> {
        let parsed = parsed_query::parse_search(text, &self.stemmer)?;
        let expression = query::fts_expression(&parsed);
        Ok((parsed, expression))
    }

    /// The hit of document `seq`: its summary, and the snippet and highlights of `stems` in its
    /// text, computed from the text itself so that they are exact slices of it.
    fn hit(&self, seq: i64, score: f64, stems: &[String]) -> Result<SearchHit, StoreError> {
        let text: String = self
            .connection
            .prepare_cached("SELECT text FROM documents WHERE seq = ?1")
            .and_then(|mut statement| statement.query_row([seq], |row| row.get(0)))
            .map_err(backend)?;
        Ok(parsed_query::hit(self.summary(seq)?, score, &text, stems, &self.stemmer))
    }

    /// Runs `work` in one transaction that also marks the data as changed when `work` says it
    /// changed something.
    fn in_transaction<T>(
        &mut self,
        work: impl FnOnce(&rusqlite::Transaction<'_>, &Stemmer, &mut StemMemo) -> Result<(T, bool), StoreError>,
    ) -> Result<T, StoreError> {
        let transaction = self.connection.transaction().map_err(backend)?;
        let (value, changed) = work(&transaction, &self.stemmer, &mut self.memo)?;
        if changed {
            decisions::bump_data_version(&transaction)?;
        }
        transaction.commit().map_err(backend)?;
        Ok(value)
    }

    fn seq_of_prefix(&self, id_or_prefix: &str) -> Result<i64, StoreError> {
        let prefix = id_or_prefix.trim().to_ascii_lowercase();
        if prefix.len() < 4 || prefix.len() > 64 || !prefix.bytes().all(|byte| byte.is_ascii_hexdigit()) {
            return Err(StoreError::BadQuery(format!("{id_or_prefix:?} is not a document id (4 to 64 hex digits)")));
        }
        let mut statement = self
            .connection
            .prepare_cached("SELECT seq FROM documents WHERE id >= ?1 AND id < ?1 || 'g' ORDER BY id LIMIT 2")
            .map_err(backend)?;
        let found: Vec<i64> = statement
            .query_map([&prefix], |row| row.get(0))
            .map_err(backend)?
            .collect::<Result<_, _>>()
            .map_err(backend)?;
        match found.as_slice() {
            [] => Err(StoreError::NotFound(id_or_prefix.to_string())),
            [seq] => Ok(*seq),
            _ => {
                let count: i64 = self
                    .connection
                    .query_row("SELECT count(*) FROM documents WHERE id >= ?1 AND id < ?1 || 'g'", [&prefix], |row| {
                        row.get(0)
                    })
                    .map_err(backend)?;
                Err(StoreError::Ambiguous { prefix: id_or_prefix.to_string(), count: count as usize })
            }
        }
    }
}

/// The columns of `documents` a summary is read from, and the reading of them from column
/// `first` on (paths are read apart).
const SUMMARY_COLUMNS: &str = "id, format, size, language, title, date, genre, ingested_at";

fn summary_of(row: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<DocumentSummary> {
    Ok(DocumentSummary {
        id: parse_id(row.get::<_, String>(first)?)?,
        format: Format::parse(&row.get::<_, String>(first + 1)?).unwrap_or(Format::Text).as_str(),
        size: row.get::<_, i64>(first + 2)? as u64,
        language: row.get(first + 3)?,
        title: row.get(first + 4)?,
        date: row.get(first + 5)?,
        genre: Genre::parse(&row.get::<_, String>(first + 6)?).unwrap_or(Genre::Other).as_str(),
        paths: Vec::new(),
        ingested_at: row.get(first + 7)?,
    })
}

/// The row of the document with full id `id`, if it is stored.
fn seq_of(connection: &Connection, id: &DocumentId) -> Result<Option<i64>, StoreError> {
    connection
        .prepare_cached("SELECT seq FROM documents WHERE id = ?1")
        .and_then(|mut statement| statement.query_row([id.as_str()], |row| row.get(0)).optional())
        .map_err(backend)
}

fn backend(error: rusqlite::Error) -> StoreError {
    StoreError::Backend(error.to_string())
}

fn parse_id(text: String) -> rusqlite::Result<DocumentId> {
    DocumentId::parse(&text).ok_or_else(|| rusqlite::Error::InvalidColumnType(0, text, rusqlite::types::Type::Text))
}

/// Inserts a new document with its search stems and facts; `ingested_at` is now unless given (a
/// restore keeps the original time). Returns its row.
fn insert_document(
    transaction: &rusqlite::Transaction<'_>,
    document: &Document,
    ingested_at: Option<&str>,
    title_stems: &str,
    body_stems: &str,
) -> Result<i64, StoreError> {
    let pages: Vec<(usize, usize)> = document.pages.iter().map(|page| (page.start, page.end)).collect();
    transaction
        .prepare_cached(&format!(
            "INSERT INTO documents (id, format, size, language, title, date, year, genre, encoding, warnings, pages, text, ingested_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, coalesce(?13, {NOW}))"
        ))
        .and_then(|mut statement| {
            statement.execute(params![
                document.id.as_str(),
                document.format.as_str(),
                document.size as i64,
                document.language,
                document.title,
                document.date,
                document.year(),
                document.genre.as_str(),
                document.encoding,
                serde_json::to_string(&document.warnings).unwrap_or_else(|_| "[]".into()),
                serde_json::to_string(&pages).unwrap_or_else(|_| "[]".into()),
                document.text,
                ingested_at,
            ])
        })
        .map_err(backend)?;
    let seq = transaction.last_insert_rowid();
    transaction
        .prepare_cached("INSERT INTO document_search (rowid, title, body) VALUES (?1, ?2, ?3)")
        .and_then(|mut statement| statement.execute(params![seq, title_stems, body_stems]))
        .map_err(backend)?;
    if let Some(facts) = &document.facts {
        facts::write(transaction, seq, facts)?;
    }
    Ok(seq)
}

/// Writes one document (or records one more path for known content) inside an open transaction.
fn put_one(
    transaction: &rusqlite::Transaction<'_>,
    stems: impl FnOnce() -> (String, String),
    document: Option<&Document>,
    id: &DocumentId,
    source: &Source,
) -> Result<PutOutcome, StoreError> {
    let existing = seq_of(transaction, id)?;
    let latest_at_path: Option<(i64, i64)> = transaction
        .prepare_cached("SELECT document, version FROM sources WHERE path = ?1 ORDER BY version DESC LIMIT 1")
        .and_then(|mut statement| statement.query_row([&source.path], |row| Ok((row.get(0)?, row.get(1)?))).optional())
        .map_err(backend)?;
    let seq = match (existing, document) {
        (Some(seq), _) => seq,
        (None, Some(document)) => {
            let (title_stems, body_stems) = stems();
            insert_document(transaction, document, None, &title_stems, &body_stems)?
        }
        (None, None) => return Err(StoreError::NotFound(id.to_string())),
    };
    let outcome = match latest_at_path {
        Some((latest, _)) if latest == seq => {
            transaction
                .prepare_cached(&format!("UPDATE sources SET last_seen = {NOW} WHERE path = ?1 AND document = ?2"))
                .and_then(|mut statement| statement.execute(params![source.path, seq]))
                .map_err(backend)?;
            return Ok(PutOutcome::Unchanged);
        }
        Some(_) => PutOutcome::NewVersion,
        None if existing.is_some() => PutOutcome::NewPath,
        None => PutOutcome::New,
    };
    let version = latest_at_path.map_or(1, |(_, version)| version + 1);
    transaction
        .prepare_cached(&format!(
            "INSERT INTO sources (path, document, version, first_seen, last_seen) VALUES (?1, ?2, ?3, {NOW}, {NOW})
             ON CONFLICT (path, document) DO UPDATE SET version = excluded.version, last_seen = excluded.last_seen"
        ))
        .and_then(|mut statement| statement.execute(params![source.path, seq, version]))
        .map_err(backend)?;
    Ok(outcome)
}

impl Store for SqliteStore {
    fn put(&mut self, batch: &[(Document, Source)]) -> Result<Vec<PutOutcome>, StoreError> {
        self.in_transaction(|transaction, stemmer, memo| {
            let mut outcomes = Vec::with_capacity(batch.len());
            for (document, source) in batch {
                // Stems are computed inside put_one only for content that is not stored yet.
                let stems = || {
                    let title = memo.joined(stemmer, document.title.as_deref().unwrap_or(""));
                    (title, memo.joined(stemmer, &document.text))
                };
                outcomes.push(put_one(transaction, stems, Some(document), &document.id, source)?);
            }
            // Content read again where it was read before changes nothing anyone sees.
            let changed = outcomes.iter().any(|outcome| *outcome != PutOutcome::Unchanged);
            Ok((outcomes, changed))
        })
    }

    fn touch(&mut self, id: &DocumentId, source: &Source) -> Result<PutOutcome, StoreError> {
        self.in_transaction(|transaction, _, _| {
            let outcome = put_one(transaction, || (String::new(), String::new()), None, id, source)?;
            Ok((outcome, outcome != PutOutcome::Unchanged))
        })
    }

    fn document_ids(&self) -> Result<Vec<DocumentId>, StoreError> {
        let mut statement = self.connection.prepare_cached("SELECT id FROM documents ORDER BY seq").map_err(backend)?;
        statement
            .query_map([], |row| parse_id(row.get(0)?))
            .map_err(backend)?
            .collect::<Result<_, _>>()
            .map_err(backend)
    }

    fn extractors(&self) -> Result<Vec<(DocumentId, Option<String>)>, StoreError> {
        let mut statement = self
            .connection
            .prepare_cached(
                "SELECT documents.id, extractions.extractor FROM documents
                 LEFT JOIN extractions ON extractions.document = documents.seq ORDER BY documents.seq",
            )
            .map_err(backend)?;
        statement
            .query_map([], |row| Ok((parse_id(row.get(0)?)?, row.get(1)?)))
            .map_err(backend)?
            .collect::<Result<_, _>>()
            .map_err(backend)
    }

    fn put_facts(&mut self, batch: &[(DocumentId, Facts)]) -> Result<(), StoreError> {
        self.in_transaction(|transaction, _, _| {
            for (id, facts) in batch {
                let seq = seq_of(transaction, id)?.ok_or_else(|| StoreError::NotFound(id.to_string()))?;
                facts::write(transaction, seq, facts)?;
            }
            Ok(((), !batch.is_empty()))
        })
    }

    fn document(&self, id_or_prefix: &str) -> Result<StoredDocument, StoreError> {
        let seq = self.seq_of_prefix(id_or_prefix)?;
        let summary = self.summary(seq)?;
        let (encoding, warnings, pages, text): (Option<String>, String, String, String) = self
            .connection
            .query_row("SELECT encoding, warnings, pages, text FROM documents WHERE seq = ?1", [seq], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
            })
            .map_err(backend)?;
        let mut statement = self
            .connection
            .prepare_cached(
                "SELECT other.path, documents.id, other.version
                 FROM sources AS mine
                 JOIN sources AS other ON other.path = mine.path
                 JOIN documents ON documents.seq = other.document
                 WHERE mine.document = ?1
                 ORDER BY other.path, other.version",
            )
            .map_err(backend)?;
        let versions = statement
            .query_map([seq], |row| {
                Ok(Version { path: row.get(0)?, id: parse_id(row.get(1)?)?, version: row.get::<_, i64>(2)? as u32 })
            })
            .map_err(backend)?
            .collect::<Result<_, _>>()
            .map_err(backend)?;
        Ok(StoredDocument {
            summary,
            encoding,
            warnings: serde_json::from_str(&warnings).unwrap_or_default(),
            pages: serde_json::from_str(&pages).unwrap_or_default(),
            versions,
            text,
            facts: facts::read(&self.connection, seq)?,
        })
    }

    fn search(&self, search: &SearchQuery) -> Result<SearchResults, StoreError> {
        let (parsed, expression) = self.parse_query(&search.text)?;
        let total: i64 = self
            .connection
            .query_row("SELECT count(*) FROM document_search WHERE document_search MATCH ?1", [&expression], |row| {
                row.get(0)
            })
            .map_err(|error| StoreError::BadQuery(error.to_string()))?;
        let mut statement = self
            .connection
            .prepare_cached(
                "SELECT rowid, bm25(document_search, 3.0, 1.0) AS rank FROM document_search
                 WHERE document_search MATCH ?1 ORDER BY rank, rowid LIMIT ?2 OFFSET ?3",
            )
            .map_err(backend)?;
        let ranked: Vec<(i64, f64)> = statement
            .query_map(params![expression, search.limit as i64, search.offset as i64], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })
            .map_err(backend)?
            .collect::<Result<_, _>>()
            .map_err(backend)?;
        let stems = parsed.all_stems();
        let hits = ranked.into_iter().map(|(seq, rank)| self.hit(seq, -rank, &stems)).collect::<Result<_, _>>()?;
        Ok(SearchResults { total: total as u64, hits })
    }

    fn search_matches(&self, text: &str) -> Result<Vec<(DocumentId, f64)>, StoreError> {
        let (_, expression) = self.parse_query(text)?;
        // The same ORDER BY as search, so that its pages are slices of this list.
        let mut statement = self
            .connection
            .prepare_cached(
                "SELECT documents.id, ranked.rank FROM
                   (SELECT rowid, bm25(document_search, 3.0, 1.0) AS rank FROM document_search
                    WHERE document_search MATCH ?1) AS ranked
                 JOIN documents ON documents.seq = ranked.rowid
                 ORDER BY ranked.rank, ranked.rowid",
            )
            .map_err(backend)?;
        let rows = statement
            .query_map([&expression], |row| Ok((parse_id(row.get(0)?)?, -row.get::<_, f64>(1)?)))
            .map_err(|error| StoreError::BadQuery(error.to_string()))?;
        rows.collect::<Result<_, _>>().map_err(|error| StoreError::BadQuery(error.to_string()))
    }

    fn hits(&self, text: &str, documents: &[(DocumentId, f64)]) -> Result<Vec<SearchHit>, StoreError> {
        let (parsed, _) = self.parse_query(text)?;
        let stems = parsed.all_stems();
        let mut hits = Vec::with_capacity(documents.len());
        for (id, score) in documents {
            if let Some(seq) = seq_of(&self.connection, id)? {
                hits.push(self.hit(seq, *score, &stems)?);
            }
        }
        Ok(hits)
    }

    fn stats(&self) -> Result<Stats, StoreError> {
        let (documents, bytes): (i64, i64) = self
            .connection
            .query_row("SELECT count(*), coalesce(sum(size), 0) FROM documents", [], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })
            .map_err(backend)?;
        let paths: i64 = self
            .connection
            .query_row("SELECT count(DISTINCT path) FROM sources", [], |row| row.get(0))
            .map_err(backend)?;
        let group = |column: &str| -> Result<BTreeMap<String, u64>, StoreError> {
            let mut statement = self
                .connection
                .prepare(&format!(
                    "SELECT coalesce(CAST({column} AS TEXT), 'none'), count(*) FROM documents GROUP BY 1"
                ))
                .map_err(backend)?;
            statement
                .query_map([], |row| Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)? as u64)))
                .map_err(backend)?
                .collect::<Result<_, _>>()
                .map_err(backend)
        };
        let count = |sql: &str| -> Result<u64, StoreError> {
            self.connection.query_row(sql, [], |row| row.get::<_, i64>(0)).map(|count| count as u64).map_err(backend)
        };
        let mut by_depth =
            self.connection.prepare("SELECT depth, count(*) FROM extractions GROUP BY 1").map_err(backend)?;
        let by_depth = by_depth
            .query_map([], |row| Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)? as u64)))
            .map_err(backend)?
            .collect::<Result<_, _>>()
            .map_err(backend)?;
        Ok(Stats {
            extracted: count("SELECT count(*) FROM extractions")?,
            places: count("SELECT count(DISTINCT place) FROM place_mentions")?,
            ties: count("SELECT count(*) FROM ties")?,
            figures: count("SELECT count(*) FROM figures")?,
            by_depth,
            documents: documents as u64,
            paths: paths as u64,
            bytes: bytes as u64,
            by_format: group("format")?,
            by_language: group("language")?,
            by_genre: group("genre")?,
            by_year: group("year")?,
        })
    }

    fn scan(
        &self,
        mentions: coopatlas_store::Mentions,
        visit: &mut dyn FnMut(ScannedDocument) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        scan::scan(&self.connection, mentions, visit)
    }

    fn scan_documents(
        &self,
        documents: &[DocumentId],
        mentions: coopatlas_store::Mentions,
        visit: &mut dyn FnMut(ScannedDocument) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        scan::scan_documents(&self.connection, documents, mentions, visit)
    }

    fn passages(
        &self,
        requests: &[(DocumentId, coopatlas_document::facts::Span)],
    ) -> Result<Vec<Option<String>>, StoreError> {
        scan::passages(&self.connection, requests)
    }

    fn put_decision(&mut self, decision: &Decision) -> Result<i64, StoreError> {
        self.in_transaction(|transaction, _, _| Ok((decisions::put(transaction, decision)?, true)))
    }

    fn decisions(&self, document: Option<&DocumentId>) -> Result<Vec<(i64, Decision)>, StoreError> {
        decisions::read(&self.connection, document)
    }

    fn data_version(&self) -> Result<u64, StoreError> {
        decisions::data_version(&self.connection)
    }

    fn put_user(&mut self, user: &User) -> Result<(), StoreError> {
        accounts::put_user(&self.connection, user)
    }

    fn user(&self, name: &str) -> Result<Option<User>, StoreError> {
        accounts::user(&self.connection, name)
    }

    fn users(&self) -> Result<Vec<User>, StoreError> {
        accounts::users(&self.connection)
    }

    fn put_session(&mut self, session: &Session) -> Result<(), StoreError> {
        accounts::put_session(&self.connection, session)
    }

    fn session(&self, token_hash: &str) -> Result<Option<Session>, StoreError> {
        accounts::session(&self.connection, token_hash)
    }

    fn delete_session(&mut self, token_hash: &str) -> Result<(), StoreError> {
        accounts::delete_session(&self.connection, token_hash)
    }

    fn put_token(&mut self, token: &ApiToken) -> Result<(), StoreError> {
        accounts::put_token(&self.connection, token)
    }

    fn token(&self, token_hash: &str) -> Result<Option<ApiToken>, StoreError> {
        accounts::token(&self.connection, token_hash)
    }

    fn tokens(&self) -> Result<Vec<ApiToken>, StoreError> {
        accounts::tokens(&self.connection)
    }

    fn records(&self, visit: &mut dyn FnMut(DocumentRecord) -> Result<(), StoreError>) -> Result<(), StoreError> {
        records::records(&self.connection, visit)
    }

    fn restore(&mut self, batch: &[DocumentRecord]) -> Result<(), StoreError> {
        self.in_transaction(|transaction, stemmer, memo| {
            records::restore(transaction, stemmer, memo, batch)?;
            Ok(((), !batch.is_empty()))
        })
    }
}

//! Versioned schema migrations, applied in order and recorded in `PRAGMA user_version`.
//!
//! Written by hand: the migration crates for SQLite lag behind the rusqlite release we use, and a
//! list of SQL scripts with a version counter is all this needs. Never edit a released migration:
//! add the next one.

pub const MIGRATIONS: &[&str] = &[
    // 1: documents, their source paths and versions, and the full-text index over stems.
    r#"
    CREATE TABLE documents (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        format TEXT NOT NULL,
        size INTEGER NOT NULL,
        language TEXT,
        title TEXT,
        date TEXT,
        year INTEGER,
        genre TEXT NOT NULL,
        encoding TEXT,
        warnings TEXT NOT NULL DEFAULT '[]',
        pages TEXT NOT NULL DEFAULT '[]',
        text TEXT NOT NULL,
        ingested_at TEXT NOT NULL
    );
    CREATE TABLE sources (
        path TEXT NOT NULL,
        document INTEGER NOT NULL REFERENCES documents(seq),
        version INTEGER NOT NULL,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        PRIMARY KEY (path, document)
    ) WITHOUT ROWID;
    CREATE INDEX sources_by_document ON sources(document);
    -- Contentless: the text lives in documents.text; the index holds stems only. The columns hold
    -- stems separated by spaces, produced by coopatlas-text, so both languages inflect alike.
    CREATE VIRTUAL TABLE document_search USING fts5(
        title, body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0'
    );
    "#,
];

pub fn migrate(connection: &mut rusqlite::Connection) -> Result<i64, MigrateError> {
    let current: i64 = connection.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    let known = MIGRATIONS.len() as i64;
    if current > known {
        return Err(MigrateError::TooNew { found: current, known });
    }
    for (index, script) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let transaction = connection.transaction()?;
        transaction.execute_batch(script)?;
        transaction.pragma_update(None, "user_version", index as i64 + 1)?;
        transaction.commit()?;
        tracing::info!(version = index + 1, "applied migration");
    }
    Ok(known)
}

#[derive(Debug)]
pub enum MigrateError {
    TooNew { found: i64, known: i64 },
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for MigrateError {
    fn from(error: rusqlite::Error) -> MigrateError {
        MigrateError::Sqlite(error)
    }
}

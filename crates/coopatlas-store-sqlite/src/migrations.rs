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
    // 2: the facts extracted from each document, every one with its byte ranges in the text.
    // Forms, spheres and the places of a figure are JSON arrays: they are read with their row.
    r#"
    CREATE TABLE extractions (
        document INTEGER PRIMARY KEY REFERENCES documents(seq),
        extractor TEXT NOT NULL,
        depth TEXT NOT NULL,
        extracted_at TEXT NOT NULL
    );
    CREATE TABLE place_mentions (
        document INTEGER NOT NULL REFERENCES documents(seq),
        place TEXT NOT NULL,
        start_byte INTEGER NOT NULL,
        end_byte INTEGER NOT NULL
    );
    CREATE INDEX place_mentions_by_document ON place_mentions(document);
    CREATE INDEX place_mentions_by_place ON place_mentions(place, document);
    CREATE TABLE organization_mentions (
        document INTEGER NOT NULL REFERENCES documents(seq),
        organization TEXT NOT NULL,
        start_byte INTEGER NOT NULL,
        end_byte INTEGER NOT NULL
    );
    CREATE INDEX organization_mentions_by_document ON organization_mentions(document);
    CREATE TABLE ties (
        document INTEGER NOT NULL REFERENCES documents(seq),
        ordinal INTEGER NOT NULL,
        a TEXT NOT NULL,
        b TEXT NOT NULL,
        forms TEXT NOT NULL,
        spheres TEXT NOT NULL,
        evidence_start INTEGER NOT NULL,
        evidence_end INTEGER NOT NULL,
        PRIMARY KEY (document, ordinal)
    );
    CREATE INDEX ties_by_a ON ties(a);
    CREATE INDEX ties_by_b ON ties(b);
    CREATE TABLE document_spheres (
        document INTEGER NOT NULL REFERENCES documents(seq),
        sphere TEXT NOT NULL,
        share REAL NOT NULL,
        PRIMARY KEY (document, sphere)
    );
    CREATE TABLE figures (
        document INTEGER NOT NULL REFERENCES documents(seq),
        ordinal INTEGER NOT NULL,
        value REAL NOT NULL,
        unit TEXT NOT NULL,
        what TEXT,
        qualifier TEXT,
        places TEXT NOT NULL,
        year INTEGER,
        start_byte INTEGER NOT NULL,
        end_byte INTEGER NOT NULL,
        evidence_start INTEGER NOT NULL,
        evidence_end INTEGER NOT NULL,
        PRIMARY KEY (document, ordinal)
    );
    "#,
    // 3: the place a document is about (its subject), and the sentences behind each sphere.
    r#"
    ALTER TABLE extractions ADD COLUMN subject TEXT;
    ALTER TABLE document_spheres ADD COLUMN evidence TEXT NOT NULL DEFAULT '[]';
    CREATE INDEX extractions_by_subject ON extractions(subject);
    "#,
    // 4: what people add: review decisions (apart from the facts, which re-extraction replaces
    // whole; the items are JSON as coopatlas_document::review writes them), the accounts of the
    // web application, and a counter every write of documents, facts or decisions bumps.
    r#"
    CREATE TABLE decisions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        document INTEGER NOT NULL REFERENCES documents(seq),
        verdict TEXT NOT NULL,
        kind TEXT NOT NULL,
        machine TEXT,
        human TEXT,
        reviewer TEXT NOT NULL,
        at TEXT NOT NULL,
        note TEXT
    );
    CREATE INDEX decisions_by_document ON decisions(document, id);
    CREATE TABLE users (
        name TEXT PRIMARY KEY,
        role TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        created_at TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_name TEXT NOT NULL REFERENCES users(name),
        csrf TEXT NOT NULL,
        expires_at TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX sessions_by_user ON sessions(user_name);
    CREATE TABLE api_tokens (
        token_hash TEXT PRIMARY KEY,
        user_name TEXT NOT NULL REFERENCES users(name),
        label TEXT NOT NULL,
        created_at TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX api_tokens_by_user ON api_tokens(user_name);
    CREATE TABLE data_version (
        only_row INTEGER PRIMARY KEY CHECK (only_row = 1),
        version INTEGER NOT NULL
    );
    INSERT INTO data_version (only_row, version) VALUES (1, 1);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// An atlas written before accounts and reviews existed gains their tables and keeps its
    /// documents.
    #[test]
    fn schema_3_is_brought_up_to_date() {
        let mut connection = rusqlite::Connection::open_in_memory().expect("open");
        for script in &MIGRATIONS[..3] {
            connection.execute_batch(script).expect("older migration");
        }
        connection.pragma_update(None, "user_version", 3).expect("version");
        connection
            .execute(
                "INSERT INTO documents (id, format, size, genre, text, ingested_at) VALUES ('ab', 'text', 1, 'news', 'x', 'now')",
                [],
            )
            .expect("document");
        assert_eq!(migrate(&mut connection).expect("migrate"), MIGRATIONS.len() as i64);
        let version: i64 = connection.query_row("PRAGMA user_version", [], |row| row.get(0)).expect("version");
        assert_eq!(version, 4);
        let count = |sql: &str| connection.query_row(sql, [], |row| row.get::<_, i64>(0)).expect(sql);
        assert_eq!(count("SELECT count(*) FROM documents"), 1);
        assert_eq!(count("SELECT version FROM data_version"), 1);
        for table in ["decisions", "users", "sessions", "api_tokens"] {
            assert_eq!(count(&format!("SELECT count(*) FROM {table}")), 0);
        }
    }
}

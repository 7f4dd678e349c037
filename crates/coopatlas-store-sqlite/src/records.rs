//! Whole documents out and back in, as a dump carries them: [`records`] reads every document
//! with its text, facts, times and sources; [`restore`] writes such records back unchanged.

use coopatlas_document::{Document, Format, Genre};
use coopatlas_store::{DocumentRecord, SourceRecord, StoreError};
use rusqlite::{Connection, OptionalExtension, params};

use coopatlas_text::StemMemo;

use crate::{backend, facts, insert_document, parse_id, seq_of};

/// Visits every document in the order it was first stored.
pub fn records(
    connection: &Connection,
    visit: &mut dyn FnMut(DocumentRecord) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    // The rows are listed first and read one by one: a record holds a whole text, so reading
    // them all in one statement would gain little and hold a read transaction open while the
    // caller writes the dump.
    let seqs: Vec<i64> = connection
        .prepare("SELECT seq FROM documents ORDER BY seq")
        .and_then(|mut statement| statement.query_map([], |row| row.get(0))?.collect())
        .map_err(backend)?;
    for seq in seqs {
        if let Some(record) = record(connection, seq)? {
            visit(record)?;
        }
    }
    Ok(())
}

fn record(connection: &Connection, seq: i64) -> Result<Option<DocumentRecord>, StoreError> {
    let row = connection
        .prepare_cached(
            "SELECT id, format, size, language, title, date, genre, encoding, warnings, pages, text, ingested_at
             FROM documents WHERE seq = ?1",
        )
        .and_then(|mut statement| {
            statement
                .query_row([seq], |row| {
                    let pages: String = row.get(9)?;
                    let pages: Vec<(usize, usize)> = serde_json::from_str(&pages).unwrap_or_default();
                    let warnings: String = row.get(8)?;
                    let document = Document {
                        id: parse_id(row.get(0)?)?,
                        format: Format::parse(&row.get::<_, String>(1)?).unwrap_or(Format::Text),
                        size: row.get::<_, i64>(2)? as u64,
                        language: row.get(3)?,
                        title: row.get(4)?,
                        date: row.get(5)?,
                        genre: Genre::parse(&row.get::<_, String>(6)?).unwrap_or(Genre::Other),
                        encoding: row.get(7)?,
                        warnings: serde_json::from_str(&warnings).unwrap_or_default(),
                        pages: pages.into_iter().map(|(start, end)| start..end).collect(),
                        text: row.get(10)?,
                        facts: None,
                    };
                    Ok((document, row.get::<_, String>(11)?))
                })
                .optional()
        })
        .map_err(backend)?;
    let Some((mut document, ingested_at)) = row else { return Ok(None) };
    document.facts = facts::read(connection, seq)?;
    let extracted_at: Option<String> = connection
        .prepare_cached("SELECT extracted_at FROM extractions WHERE document = ?1")
        .and_then(|mut statement| statement.query_row([seq], |row| row.get(0)).optional())
        .map_err(backend)?;
    let sources = connection
        .prepare_cached(
            "SELECT path, version, first_seen, last_seen FROM sources WHERE document = ?1 ORDER BY first_seen, path",
        )
        .and_then(|mut statement| {
            statement
                .query_map([seq], |row| {
                    Ok(SourceRecord {
                        path: row.get(0)?,
                        version: row.get::<_, i64>(1)? as u32,
                        first_seen: row.get(2)?,
                        last_seen: row.get(3)?,
                    })
                })?
                .collect::<Result<Vec<_>, _>>()
        })
        .map_err(backend)?;
    Ok(Some(DocumentRecord { document, ingested_at, extracted_at, sources }))
}

/// Writes `batch` inside an open transaction, refusing documents already stored.
pub fn restore(
    transaction: &rusqlite::Transaction<'_>,
    stemmer: &coopatlas_text::Stemmer,
    memo: &mut StemMemo,
    batch: &[DocumentRecord],
) -> Result<(), StoreError> {
    for record in batch {
        let document = &record.document;
        if seq_of(transaction, &document.id)?.is_some() {
            return Err(StoreError::Invalid(format!("document {} is already stored", document.id)));
        }
        if record.sources.is_empty() {
            return Err(StoreError::Invalid(format!("document {} has no source path", document.id)));
        }
        let title = memo.joined(stemmer, document.title.as_deref().unwrap_or(""));
        let body = memo.joined(stemmer, &document.text);
        let seq = insert_document(transaction, document, Some(&record.ingested_at), &title, &body)?;
        if document.facts.is_some()
            && let Some(at) = &record.extracted_at
        {
            transaction
                .prepare_cached("UPDATE extractions SET extracted_at = ?2 WHERE document = ?1")
                .and_then(|mut statement| statement.execute(params![seq, at]))
                .map_err(backend)?;
        }
        let mut source = transaction
            .prepare_cached(
                "INSERT INTO sources (path, document, version, first_seen, last_seen) VALUES (?1, ?2, ?3, ?4, ?5)",
            )
            .map_err(backend)?;
        for row in &record.sources {
            source
                .execute(params![row.path, seq, row.version as i64, row.first_seen, row.last_seen])
                .map_err(|error| StoreError::Invalid(format!("source {} of {}: {error}", row.path, document.id)))?;
        }
    }
    Ok(())
}

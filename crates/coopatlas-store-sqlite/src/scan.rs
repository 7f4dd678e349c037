//! Streaming every document with its facts: one ordered pass over each table, merged by document,
//! instead of a handful of lookups per document. Chosen documents are streamed the same way, each
//! pass restricted to their rows; that measured twice as fast as the lookups per document.

use std::iter::Peekable;

use coopatlas_document::facts::{OrganizationFact, PlaceFact, Span};
use coopatlas_document::{DocumentId, Facts};
use coopatlas_store::{Mentions, ScannedDocument, StoreError};
use rusqlite::Connection;

use crate::facts::{FIGURE_COLUMNS, SPHERE_COLUMNS, TIE_COLUMNS, figure, span, sphere, tie};
use crate::{SUMMARY_COLUMNS, backend, summary_of};

/// The rows of one table for the document `seq`, taken off the front of `rows` (ordered by
/// document).
fn take<T>(
    rows: &mut Peekable<impl Iterator<Item = rusqlite::Result<(i64, T)>>>,
    seq: i64,
) -> Result<Vec<T>, StoreError> {
    let mut taken = Vec::new();
    loop {
        match rows.peek() {
            Some(Ok((document, _))) if *document < seq => {
                rows.next();
            }
            Some(Ok((document, _))) if *document == seq => {
                if let Some(Ok((_, value))) = rows.next() {
                    taken.push(value);
                }
            }
            Some(Err(_)) => {
                return Err(rows
                    .next()
                    .and_then(Result::err)
                    .map(backend)
                    .unwrap_or_else(|| StoreError::Backend("scan failed".into())));
            }
            _ => return Ok(taken),
        }
    }
}

/// Every document, in the order they were first stored.
pub fn scan(
    connection: &Connection,
    mentions: Mentions,
    visit: &mut dyn FnMut(ScannedDocument) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    passes(connection, None, mentions, visit)
}

/// The documents with the full ids `ids`, in the order they were first stored: the passes of
/// [`scan`], each restricted to their rows (found through the index on `document`).
pub fn scan_documents(
    connection: &Connection,
    ids: &[DocumentId],
    mentions: Mentions,
    visit: &mut dyn FnMut(ScannedDocument) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    if ids.is_empty() {
        return Ok(());
    }
    let ids = serde_json::to_string(&ids.iter().map(DocumentId::as_str).collect::<Vec<_>>()).map_err(json_error)?;
    let seqs: Vec<i64> = connection
        .prepare_cached("SELECT seq FROM documents WHERE id IN (SELECT value FROM json_each(?1))")
        .and_then(|mut statement| statement.query_map([&ids], |row| row.get(0))?.collect())
        .map_err(backend)?;
    if seqs.is_empty() {
        return Ok(());
    }
    passes(connection, Some(&serde_json::to_string(&seqs).map_err(json_error)?), mentions, visit)
}

fn json_error(error: serde_json::Error) -> StoreError {
    StoreError::Backend(error.to_string())
}

/// One ordered pass over each table, merged by document: over every document, or over the rows
/// whose document is in `chosen` (a JSON array of `seq`s).
fn passes(
    connection: &Connection,
    chosen: Option<&str>,
    mentions: Mentions,
    visit: &mut dyn FnMut(ScannedDocument) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    // The condition on a table's rows, with `column` naming the document: the chosen documents
    // only, and no rows at all for mentions that are not wanted (such a statement costs nothing).
    let only = |column: &str, wanted: bool| {
        let mut conditions = Vec::new();
        if chosen.is_some() {
            conditions.push(format!("{column} IN (SELECT value FROM json_each(?1))"));
        }
        if !wanted {
            conditions.push("0".to_string());
        }
        if conditions.is_empty() { String::new() } else { format!("WHERE {}", conditions.join(" AND ")) }
    };
    let prepare = |sql: &str| connection.prepare(sql).map_err(backend);
    let parameters: &[&dyn rusqlite::ToSql] = match &chosen {
        Some(chosen) => &[chosen],
        None => &[],
    };
    let all = only("document", true);
    let with_mentions = only("document", mentions == Mentions::With);
    let mut documents =
        prepare(&format!("SELECT seq, {SUMMARY_COLUMNS} FROM documents {} ORDER BY seq", only("seq", true)))?;
    let mut sources =
        prepare(&format!("SELECT document, path FROM sources {all} ORDER BY document, first_seen, path"))?;
    let mut extractions =
        prepare(&format!("SELECT document, extractor, depth, subject FROM extractions {all} ORDER BY document"))?;
    let mut places = prepare(&format!(
        "SELECT document, place, start_byte, end_byte FROM place_mentions {with_mentions} ORDER BY document, rowid"
    ))?;
    let mut organizations = prepare(&format!(
        "SELECT document, organization, start_byte, end_byte FROM organization_mentions {with_mentions}
         ORDER BY document, rowid"
    ))?;
    let mut ties = prepare(&format!("SELECT document, {TIE_COLUMNS} FROM ties {all} ORDER BY document, ordinal"))?;
    let mut spheres =
        prepare(&format!("SELECT document, {SPHERE_COLUMNS} FROM document_spheres {all} ORDER BY document, sphere"))?;
    let mut figures =
        prepare(&format!("SELECT document, {FIGURE_COLUMNS} FROM figures {all} ORDER BY document, ordinal"))?;

    let mut sources =
        sources.query_map(parameters, |row| Ok((row.get(0)?, row.get::<_, String>(1)?))).map_err(backend)?.peekable();
    let mut extractions = extractions
        .query_map(parameters, |row| {
            Ok((row.get(0)?, (row.get::<_, String>(1)?, row.get::<_, String>(2)?, row.get::<_, Option<String>>(3)?)))
        })
        .map_err(backend)?
        .peekable();
    let mention =
        |row: &rusqlite::Row<'_>| Ok((row.get(0)?, (row.get::<_, String>(1)?, span(row.get(2)?, row.get(3)?))));
    let mut places = places.query_map(parameters, mention).map_err(backend)?.peekable();
    let mut organizations = organizations.query_map(parameters, mention).map_err(backend)?.peekable();
    let mut ties = ties.query_map(parameters, |row| Ok((row.get(0)?, tie(row, 1)?))).map_err(backend)?.peekable();
    let mut spheres =
        spheres.query_map(parameters, |row| Ok((row.get(0)?, sphere(row, 1)?))).map_err(backend)?.peekable();
    let mut figures =
        figures.query_map(parameters, |row| Ok((row.get(0)?, figure(row, 1)?))).map_err(backend)?.peekable();

    let rows =
        documents.query_map(parameters, |row| Ok((row.get::<_, i64>(0)?, summary_of(row, 1)?))).map_err(backend)?;
    for row in rows {
        let (seq, mut summary) = row.map_err(backend)?;
        summary.paths = take(&mut sources, seq)?;
        let header = take(&mut extractions, seq)?.pop();
        let facts = match header {
            None => None,
            Some((extractor, depth, subject)) => Some(Facts {
                extractor,
                depth,
                subject,
                places: coopatlas_store::grouped_mentions(take(&mut places, seq)?)
                    .into_iter()
                    .map(|(place, mentions)| PlaceFact { place, mentions })
                    .collect(),
                organizations: coopatlas_store::grouped_mentions(take(&mut organizations, seq)?)
                    .into_iter()
                    .map(|(organization, mentions)| OrganizationFact { organization, mentions })
                    .collect(),
                ties: take(&mut ties, seq)?,
                spheres: take(&mut spheres, seq)?,
                figures: take(&mut figures, seq)?,
            }),
        };
        visit(ScannedDocument { summary, facts })?;
    }
    Ok(())
}

/// The text of each requested byte range.
pub fn passages(connection: &Connection, requests: &[(DocumentId, Span)]) -> Result<Vec<Option<String>>, StoreError> {
    let mut statement = connection
        .prepare_cached("SELECT substr(CAST(text AS BLOB), ?2, ?3) FROM documents WHERE id = ?1")
        .map_err(backend)?;
    let mut passages = Vec::with_capacity(requests.len());
    for (id, (start, end)) in requests {
        if end < start {
            passages.push(None);
            continue;
        }
        let bytes: Option<Vec<u8>> = rusqlite::OptionalExtension::optional(
            statement
                .query_row(rusqlite::params![id.as_str(), *start as i64 + 1, (end - start) as i64], |row| row.get(0)),
        )
        .map_err(backend)?;
        // A range past the end comes back short; one off a character boundary is not UTF-8.
        passages.push(bytes.filter(|bytes| bytes.len() == end - start).and_then(|bytes| String::from_utf8(bytes).ok()));
    }
    Ok(passages)
}

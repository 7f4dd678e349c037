//! Whole documents out and back in, as a dump carries them: [`records`] reads every document with
//! its text, facts, times and sources, a few at a time; [`restore`] writes such records back
//! unchanged.

use std::collections::HashMap;

use coopatlas_document::{Document, Format, Genre};
use coopatlas_store::{DocumentRecord, Mentions, SourceRecord, StoreError};

use crate::db::get;
use crate::documents::{insert, parse_id, spans, text_of};
use crate::{Db, Error, PostgresStore, facts};

/// Records read per batch: each holds a whole text.
const BATCH: usize = 16;

/// Visits every document in the order it was first stored.
pub(crate) fn records(
    store: &PostgresStore,
    visit: &mut dyn FnMut(DocumentRecord) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    crate::scan::in_order(store, BATCH, async |db, seqs| read(db, seqs).await, visit)
}

/// The records of the documents `seqs` (ascending), in that order.
async fn read(db: Db<'_>, seqs: &[i64]) -> Result<Vec<(i64, DocumentRecord)>, Error> {
    if seqs.is_empty() {
        return Ok(Vec::new());
    }
    let mut facts = facts::read(db, seqs, Mentions::With).await?;
    let mut extracted: HashMap<i64, String> = HashMap::new();
    for row in db.query("SELECT document, extracted_at FROM extractions WHERE document = ANY($1)", &[&seqs]).await? {
        extracted.insert(get(&row, 0)?, get(&row, 1)?);
    }
    let mut sources: HashMap<i64, Vec<SourceRecord>> = HashMap::new();
    for row in db
        .query(
            "SELECT document, path, version, first_seen, last_seen FROM sources
             WHERE document = ANY($1) ORDER BY document, first_seen, path",
            &[&seqs],
        )
        .await?
    {
        sources.entry(get(&row, 0)?).or_default().push(SourceRecord {
            path: get(&row, 1)?,
            version: u32::try_from(get::<i32>(&row, 2)?).unwrap_or(0),
            first_seen: get(&row, 3)?,
            last_seen: get(&row, 4)?,
        });
    }
    let rows = db
        .query(
            "SELECT seq, id, format, size, language, title, date, genre, encoding, warnings, pages, text, ingested_at
             FROM documents WHERE seq = ANY($1) ORDER BY seq",
            &[&seqs],
        )
        .await?;
    let mut records = Vec::with_capacity(rows.len());
    for row in rows {
        let seq: i64 = get(&row, 0)?;
        let document = Document {
            id: parse_id(get(&row, 1)?)?,
            format: Format::parse(get(&row, 2)?).unwrap_or(Format::Text),
            size: u64::try_from(get::<i64>(&row, 3)?).unwrap_or(0),
            language: get(&row, 4)?,
            title: get(&row, 5)?,
            date: get(&row, 6)?,
            genre: Genre::parse(get(&row, 7)?).unwrap_or(Genre::Other),
            encoding: get(&row, 8)?,
            warnings: get(&row, 9)?,
            pages: spans(&get::<Vec<i64>>(&row, 10)?).into_iter().map(|(start, end)| start..end).collect(),
            text: text_of(get(&row, 11)?)?,
            facts: facts.remove(&seq),
        };
        let record = DocumentRecord {
            ingested_at: get(&row, 12)?,
            extracted_at: extracted.remove(&seq),
            sources: sources.remove(&seq).unwrap_or_default(),
            document,
        };
        records.push((seq, record));
    }
    Ok(records)
}

/// Writes `batch` inside an open transaction, refusing documents already stored and records
/// without a source.
pub(crate) async fn restore(db: Db<'_>, batch: &[DocumentRecord]) -> Result<(), Error> {
    for record in batch {
        let document = &record.document;
        if record.sources.is_empty() {
            return Err(StoreError::Invalid(format!("document {} has no source path", document.id)).into());
        }
        let Some(seq) = insert(db, document, Some(&record.ingested_at)).await? else {
            return Err(StoreError::Invalid(format!("document {} is already stored", document.id)).into());
        };
        if let Some(facts) = &document.facts {
            facts::write(db, seq, facts, record.extracted_at.as_deref()).await?;
        }
        for row in &record.sources {
            let version = i32::try_from(row.version).unwrap_or(i32::MAX);
            db.execute(
                "INSERT INTO sources (path, document, version, first_seen, last_seen) VALUES ($1, $2, $3, $4, $5)",
                &[&row.path, &seq, &version, &row.first_seen, &row.last_seen],
            )
            .await
            .map_err(|error| {
                StoreError::Invalid(format!("source {} of {}: {}", row.path, document.id, StoreError::from(error)))
            })?;
        }
    }
    Ok(())
}

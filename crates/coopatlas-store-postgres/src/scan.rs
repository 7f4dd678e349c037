//! Streaming documents with their facts: batches of documents in the order they were first stored
//! (keyset pagination on `seq`), each batch read in one consistent snapshot with one statement per
//! table, and handed to the visitor after its transaction ended, so that a long analysis holds
//! neither the atlas in memory nor a transaction open.

use coopatlas_document::DocumentId;
use coopatlas_store::{Mentions, ScannedDocument, StoreError};

use crate::db::get;
use crate::documents::summaries;
use crate::{Db, Error, PostgresStore, facts};

/// Documents read per batch: their metadata and facts, no text.
const BATCH: usize = 500;

/// Every document, in the order they were first stored.
pub(crate) fn scan(
    store: &PostgresStore,
    mentions: Mentions,
    visit: &mut dyn FnMut(ScannedDocument) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    in_order(store, BATCH, async |db, seqs| read(db, seqs, mentions).await, visit)
}

/// Walks every document in the order first stored, `batch` at a time: `read` reads what a batch
/// of rows (ascending `seq`) yields, in one snapshot, and `visit` gets it after that snapshot ended.
pub(crate) fn in_order<T>(
    store: &PostgresStore,
    batch: usize,
    read: impl AsyncFn(Db<'_>, &[i64]) -> Result<Vec<(i64, T)>, Error>,
    visit: &mut dyn FnMut(T) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let mut after = 0i64;
    loop {
        let rows = store.snapshot(async |db| {
            let seqs = db
                .query("SELECT seq FROM documents WHERE seq > $1 ORDER BY seq LIMIT $2", &[&after, &(batch as i64)])
                .await?
                .iter()
                .map(|row| get(row, 0))
                .collect::<Result<Vec<i64>, Error>>()?;
            read(db, &seqs).await
        })?;
        let Some((last, _)) = rows.last() else { return Ok(()) };
        after = *last;
        for (_, item) in rows {
            visit(item)?;
        }
    }
}

/// The documents with the full ids `ids`, in the order they were first stored; unknown ids are
/// skipped.
pub(crate) fn scan_documents(
    store: &PostgresStore,
    ids: &[DocumentId],
    mentions: Mentions,
    visit: &mut dyn FnMut(ScannedDocument) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    if ids.is_empty() {
        return Ok(());
    }
    let ids: Vec<&str> = ids.iter().map(DocumentId::as_str).collect();
    let seqs: Vec<i64> = store.read(async |db| {
        db.query("SELECT seq FROM documents WHERE id = ANY($1) ORDER BY seq", &[&ids])
            .await?
            .iter()
            .map(|row| get(row, 0))
            .collect()
    })?;
    for chunk in seqs.chunks(BATCH) {
        for (_, document) in store.snapshot(async |db| read(db, chunk, mentions).await)? {
            visit(document)?;
        }
    }
    Ok(())
}

/// The documents `seqs` (in ascending order) with their paths and facts, in that order.
async fn read(db: Db<'_>, seqs: &[i64], mentions: Mentions) -> Result<Vec<(i64, ScannedDocument)>, Error> {
    if seqs.is_empty() {
        return Ok(Vec::new());
    }
    let mut summaries = summaries(db, seqs).await?;
    let mut facts = facts::read(db, seqs, mentions).await?;
    Ok(seqs
        .iter()
        .filter_map(|seq| {
            let summary = summaries.remove(seq)?;
            Some((*seq, ScannedDocument { summary, facts: facts.remove(seq) }))
        })
        .collect())
}

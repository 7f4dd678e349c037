//! Documents and the paths they were read at: writing them (also from several processes at once),
//! looking them up, counting them, and the byte ranges of their text.

use std::collections::{BTreeMap, HashMap};

use coopatlas_document::facts::Span;
use coopatlas_document::{Document, DocumentId, Format, Genre};
use coopatlas_store::{DocumentSummary, PutOutcome, Source, Stats, StoreError, StoredDocument, Version};
use tokio_postgres::Row;
use tokio_postgres::Transaction;

use crate::db::{NOW, corrupt, get, offset, unoffset};
use crate::{Db, Error, facts, search};

/// The lock space of the advisory locks on paths (the other key is the path's hash).
const PATH_LOCKS: i32 = 0x636f_6f70;

/// Stores `batch` inside `transaction`, a transaction of the caller's, and says what each write
/// did: the body of [`Store::put`](coopatlas_store::Store::put). It neither bumps the data version
/// nor commits, and it may fail with an error that [`Error::retryable`] calls worth another try
/// (another writer stored the same documents or paths at the same time): the caller then runs the
/// whole transaction again. Concurrent writers never duplicate a document or a path.
pub(crate) async fn put_batch(
    transaction: &Transaction<'_>,
    local: &crate::Local,
    batch: &[(Document, coopatlas_store::Source)],
) -> Result<Vec<PutOutcome>, Error> {
    let db = Db::new(transaction.client(), local);
    // The locks of all the batch's paths at once, in one order for every writer: two writers of
    // the same paths queue instead of deadlocking.
    let paths: Vec<&str> = batch.iter().map(|(_, source)| source.path.as_str()).collect();
    db.execute(
        "SELECT pg_advisory_xact_lock($1, hash)
         FROM (SELECT DISTINCT hashtext(path) AS hash FROM unnest($2::text[]) AS path ORDER BY 1) AS hashes",
        &[&PATH_LOCKS, &paths],
    )
    .await?;
    let mut outcomes = Vec::with_capacity(batch.len());
    for (document, source) in batch {
        outcomes.push(put_one(db, Some(document), &document.id, source).await?);
    }
    Ok(outcomes)
}

/// Writes one document (or, without `document`, records one more path of stored content) inside
/// an open transaction.
pub(crate) async fn put_one(
    db: Db<'_>,
    document: Option<&Document>,
    id: &DocumentId,
    source: &Source,
) -> Result<PutOutcome, Error> {
    // Writers of the same path take turns, so that each sees the versions the others wrote.
    db.execute("SELECT pg_advisory_xact_lock($1, hashtext($2))", &[&PATH_LOCKS, &source.path]).await?;
    let mut existing = seq_of(db, id).await?;
    let latest_at_path: Option<(i64, i32)> = db
        .query_opt(
            "SELECT document, version FROM sources WHERE path = $1 ORDER BY version DESC LIMIT 1",
            &[&source.path],
        )
        .await?
        .map(|row| Ok::<_, Error>((get(&row, 0)?, get(&row, 1)?)))
        .transpose()?;
    let seq = match (existing, document) {
        (Some(seq), _) => seq,
        (None, Some(document)) => match insert(db, document, None).await? {
            Some(seq) => {
                if let Some(facts) = &document.facts {
                    facts::write(db, seq, facts, None).await?;
                }
                seq
            }
            // Another writer stored the same content meanwhile (and committed: the insert waited).
            None => {
                existing = seq_of(db, id).await?;
                existing.ok_or_else(|| corrupt(format!("document {id} vanished")))?
            }
        },
        (None, None) => return Err(StoreError::NotFound(id.to_string()).into()),
    };
    let outcome = match latest_at_path {
        Some((latest, _)) if latest == seq => {
            db.execute(
                &format!("UPDATE sources SET last_seen = {NOW} WHERE path = $1 AND document = $2"),
                &[&source.path, &seq],
            )
            .await?;
            return Ok(PutOutcome::Unchanged);
        }
        Some(_) => PutOutcome::NewVersion,
        None if existing.is_some() => PutOutcome::NewPath,
        None => PutOutcome::New,
    };
    let version = latest_at_path.map_or(1, |(_, version)| version + 1);
    db.execute(
        &format!(
            "INSERT INTO sources (path, document, version, first_seen, last_seen) VALUES ($1, $2, $3, {NOW}, {NOW})
             ON CONFLICT (path, document) DO UPDATE SET version = excluded.version, last_seen = excluded.last_seen"
        ),
        &[&source.path, &seq, &version],
    )
    .await?;
    Ok(outcome)
}

/// Inserts a document with its search terms unless its id is stored already (`None` then);
/// `ingested_at` defaults to now.
pub(crate) async fn insert(db: Db<'_>, document: &Document, ingested_at: Option<&str>) -> Result<Option<i64>, Error> {
    let pages: Vec<i64> = document.pages.iter().flat_map(|page| [offset(page.start), offset(page.end)]).collect();
    let size = i64::try_from(document.size).unwrap_or(i64::MAX);
    // PostgreSQL's text cannot hold NUL; the text itself is kept as bytes, exactly, but a title
    // taken from a line with a NUL in it (rare: some PDF text has them) keeps U+FFFD instead.
    let title = document.title.as_deref().map(|title| title.replace('\0', "\u{FFFD}"));
    let row = db
        .query_opt(
            &format!(
                "INSERT INTO documents (id, format, size, language, title, date, year, genre, encoding, warnings, pages,
                                        text, ingested_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, coalesce($13, {NOW}))
                 ON CONFLICT (id) DO NOTHING RETURNING seq"
            ),
            &[
                &document.id.as_str(),
                &document.format.as_str(),
                &size,
                &document.language,
                &title,
                &document.date,
                &document.year(),
                &document.genre.as_str(),
                &document.encoding,
                &document.warnings,
                &pages,
                &document.text.as_bytes(),
                &ingested_at,
            ],
        )
        .await?;
    let Some(row) = row else { return Ok(None) };
    let seq: i64 = get(&row, 0)?;
    let terms = {
        let local = db.local();
        let mut memo = local.memo.borrow_mut();
        search::tsvector(document.title.as_deref().unwrap_or(""), &document.text, &local.stemmer, &mut memo)
    };
    db.execute("INSERT INTO document_search (document, terms) VALUES ($1, $2::text::tsvector)", &[&seq, &terms])
        .await?;
    Ok(Some(seq))
}

/// The row of the document with full id `id`, if it is stored.
pub(crate) async fn seq_of(db: Db<'_>, id: &DocumentId) -> Result<Option<i64>, Error> {
    db.query_opt("SELECT seq FROM documents WHERE id = $1", &[&id.as_str()]).await?.map(|row| get(&row, 0)).transpose()
}

/// The row of the document with full id `id`, locked until the transaction ends so that writers
/// of its facts take turns.
pub(crate) async fn lock(db: Db<'_>, id: &DocumentId) -> Result<Option<i64>, Error> {
    db.query_opt("SELECT seq FROM documents WHERE id = $1 FOR NO KEY UPDATE", &[&id.as_str()])
        .await?
        .map(|row| get(&row, 0))
        .transpose()
}

pub(crate) fn parse_id(text: &str) -> Result<DocumentId, Error> {
    DocumentId::parse(text).ok_or_else(|| corrupt(format!("document id {text:?}")))
}

/// The columns of `documents` a summary is read from, and the reading of them from column
/// `first` on (paths are read apart).
pub(crate) const SUMMARY_COLUMNS: &str = "id, format, size, language, title, date, genre, ingested_at";

pub(crate) fn summary_of(row: &Row, first: usize) -> Result<DocumentSummary, Error> {
    Ok(DocumentSummary {
        id: parse_id(get(row, first)?)?,
        format: Format::parse(get(row, first + 1)?).unwrap_or(Format::Text).as_str(),
        size: u64::try_from(get::<i64>(row, first + 2)?).unwrap_or(0),
        language: get(row, first + 3)?,
        title: get(row, first + 4)?,
        date: get(row, first + 5)?,
        genre: Genre::parse(get(row, first + 6)?).unwrap_or(Genre::Other).as_str(),
        paths: Vec::new(),
        ingested_at: get(row, first + 7)?,
    })
}

/// The summaries of the documents `seqs`, with their paths (oldest first).
pub(crate) async fn summaries(db: Db<'_>, seqs: &[i64]) -> Result<HashMap<i64, DocumentSummary>, Error> {
    let mut summaries = HashMap::with_capacity(seqs.len());
    for row in db.query(&format!("SELECT seq, {SUMMARY_COLUMNS} FROM documents WHERE seq = ANY($1)"), &[&seqs]).await? {
        summaries.insert(get::<i64>(&row, 0)?, summary_of(&row, 1)?);
    }
    for row in db
        .query(
            "SELECT document, path FROM sources WHERE document = ANY($1) ORDER BY document, first_seen, path",
            &[&seqs],
        )
        .await?
    {
        if let Some(summary) = summaries.get_mut(&get::<i64>(&row, 0)?) {
            summary.paths.push(get(&row, 1)?);
        }
    }
    Ok(summaries)
}

pub(crate) async fn summary(db: Db<'_>, seq: i64) -> Result<DocumentSummary, Error> {
    summaries(db, &[seq]).await?.remove(&seq).ok_or_else(|| corrupt(format!("document row {seq} vanished")))
}

/// The text of document `seq`.
pub(crate) async fn text(db: Db<'_>, seq: i64) -> Result<String, Error> {
    let row = db.query_one("SELECT text FROM documents WHERE seq = $1", &[&seq]).await?;
    text_of(get(&row, 0)?)
}

pub(crate) fn text_of(bytes: Vec<u8>) -> Result<String, Error> {
    String::from_utf8(bytes).map_err(|_| corrupt("a document text that is not UTF-8"))
}

/// Start and end pairs, flattened as the schema keeps them, back into pairs.
pub(crate) fn spans(flat: &[i64]) -> Vec<Span> {
    flat.chunks_exact(2).map(|pair| (unoffset(pair[0]), unoffset(pair[1]))).collect()
}

async fn seq_of_prefix(db: Db<'_>, id_or_prefix: &str) -> Result<i64, Error> {
    let prefix = id_or_prefix.trim().to_ascii_lowercase();
    if prefix.len() < 4 || prefix.len() > 64 || !prefix.bytes().all(|byte| byte.is_ascii_hexdigit()) {
        return Err(StoreError::BadQuery(format!("{id_or_prefix:?} is not a document id (4 to 64 hex digits)")).into());
    }
    // Ids are lowercase hex compared byte by byte, so the ids with the prefix sort between it and
    // the prefix followed by 'g'.
    let range = "id >= $1 AND id < $1 || 'g'";
    let found = db.query(&format!("SELECT seq FROM documents WHERE {range} ORDER BY id LIMIT 2"), &[&prefix]).await?;
    match found.as_slice() {
        [] => Err(StoreError::NotFound(id_or_prefix.to_string()).into()),
        [row] => get(row, 0),
        _ => {
            let count: i64 =
                get(&db.query_one(&format!("SELECT count(*) FROM documents WHERE {range}"), &[&prefix]).await?, 0)?;
            Err(StoreError::Ambiguous { prefix: id_or_prefix.to_string(), count: count as usize }.into())
        }
    }
}

pub(crate) async fn document(db: Db<'_>, id_or_prefix: &str) -> Result<StoredDocument, Error> {
    let seq = seq_of_prefix(db, id_or_prefix).await?;
    let summary = summary(db, seq).await?;
    let row = db.query_one("SELECT encoding, warnings, pages, text FROM documents WHERE seq = $1", &[&seq]).await?;
    let versions = db
        .query(
            "SELECT other.path, documents.id, other.version
             FROM sources AS mine
             JOIN sources AS other ON other.path = mine.path
             JOIN documents ON documents.seq = other.document
             WHERE mine.document = $1
             ORDER BY other.path, other.version",
            &[&seq],
        )
        .await?
        .iter()
        .map(|row| {
            Ok(Version {
                path: get(row, 0)?,
                id: parse_id(get(row, 1)?)?,
                version: u32::try_from(get::<i32>(row, 2)?).unwrap_or(0),
            })
        })
        .collect::<Result<_, Error>>()?;
    Ok(StoredDocument {
        summary,
        encoding: get(&row, 0)?,
        warnings: get(&row, 1)?,
        pages: spans(&get::<Vec<i64>>(&row, 2)?),
        versions,
        text: text_of(get(&row, 3)?)?,
        facts: facts::read(db, &[seq], coopatlas_store::Mentions::With).await?.remove(&seq),
    })
}

pub(crate) async fn ids(db: Db<'_>) -> Result<Vec<DocumentId>, Error> {
    db.query("SELECT id FROM documents ORDER BY seq", &[]).await?.iter().map(|row| parse_id(get(row, 0)?)).collect()
}

pub(crate) async fn extractors(db: Db<'_>) -> Result<Vec<(DocumentId, Option<String>)>, Error> {
    db.query(
        "SELECT documents.id, extractions.extractor FROM documents
         LEFT JOIN extractions ON extractions.document = documents.seq ORDER BY documents.seq",
        &[],
    )
    .await?
    .iter()
    .map(|row| Ok((parse_id(get(row, 0)?)?, get(row, 1)?)))
    .collect()
}

pub(crate) async fn stats(db: Db<'_>) -> Result<Stats, Error> {
    let totals = db.query_one("SELECT count(*), coalesce(sum(size), 0)::bigint FROM documents", &[]).await?;
    let count = async |sql: &str| -> Result<u64, Error> {
        Ok(u64::try_from(get::<i64>(&db.query_one(sql, &[]).await?, 0)?).unwrap_or(0))
    };
    let group = async |sql: &str| -> Result<BTreeMap<String, u64>, Error> {
        db.query(sql, &[])
            .await?
            .iter()
            .map(|row| Ok((get(row, 0)?, u64::try_from(get::<i64>(row, 1)?).unwrap_or(0))))
            .collect()
    };
    let by =
        |column: &str| format!("SELECT coalesce(CAST({column} AS TEXT), 'none'), count(*) FROM documents GROUP BY 1");
    Ok(Stats {
        documents: u64::try_from(get::<i64>(&totals, 0)?).unwrap_or(0),
        bytes: u64::try_from(get::<i64>(&totals, 1)?).unwrap_or(0),
        paths: count("SELECT count(DISTINCT path) FROM sources").await?,
        by_format: group(&by("format")).await?,
        by_language: group(&by("language")).await?,
        by_genre: group(&by("genre")).await?,
        by_year: group(&by("year")).await?,
        extracted: count("SELECT count(*) FROM extractions").await?,
        places: count("SELECT count(DISTINCT place) FROM place_mentions").await?,
        ties: count("SELECT count(*) FROM ties").await?,
        figures: count("SELECT count(*) FROM figures").await?,
        by_depth: group("SELECT depth, count(*) FROM extractions GROUP BY 1").await?,
    })
}

/// How many byte ranges are read in one statement.
const PASSAGES_AT_ONCE: usize = 500;

/// The text of each requested byte range: `None` for an unknown document, a range past the end,
/// or one that does not fall on character boundaries.
pub(crate) async fn passages(db: Db<'_>, requests: &[(DocumentId, Span)]) -> Result<Vec<Option<String>>, Error> {
    let mut passages = vec![None; requests.len()];
    for (chunk, part) in requests.chunks(PASSAGES_AT_ONCE).enumerate() {
        let mut numbers = Vec::new();
        let mut ids = Vec::new();
        let mut starts = Vec::new();
        let mut lengths = Vec::new();
        for (index, (id, (start, end))) in part.iter().enumerate() {
            // A backwards range, or one the database cannot address, has no text to give.
            let Some(length) = end.checked_sub(*start) else { continue };
            let (Ok(first), Ok(length)) = (i32::try_from(start + 1), i32::try_from(length)) else { continue };
            numbers.push((chunk * PASSAGES_AT_ONCE + index) as i32);
            ids.push(id.as_str());
            starts.push(first);
            lengths.push(length);
        }
        if numbers.is_empty() {
            continue;
        }
        let rows = db
            .query(
                "SELECT wanted.number, wanted.length, substring(documents.text FROM wanted.start FOR wanted.length)
                 FROM unnest($1::int[], $2::text[], $3::int[], $4::int[]) AS wanted (number, id, start, length)
                 JOIN documents ON documents.id = wanted.id",
                &[&numbers, &ids, &starts, &lengths],
            )
            .await?;
        for row in rows {
            let number: i32 = get(&row, 0)?;
            let length: i32 = get(&row, 1)?;
            let bytes: Vec<u8> = get(&row, 2)?;
            // A range past the end comes back short; one off a character boundary is not UTF-8.
            if bytes.len() == length as usize
                && let (Ok(passage), Some(slot)) = (String::from_utf8(bytes), passages.get_mut(number as usize))
            {
                *slot = Some(passage);
            }
        }
    }
    Ok(passages)
}

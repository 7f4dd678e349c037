//! Review decisions, appended and never changed, and the counter of data changes.
//!
//! Decisions name their document by its row, like facts do, but live in a table of their own
//! that writing facts never touches; their items are kept as the JSON `coopatlas_document::review`
//! writes.

use coopatlas_document::DocumentId;
use coopatlas_document::review::{Decision, Item};
use coopatlas_store::StoreError;
use tokio_postgres::{Row, Transaction};

use crate::db::{corrupt, get};
use crate::documents::{parse_id, seq_of};
use crate::{Db, Error, Local};

/// Records a validated decision inside an open transaction and returns its id.
pub(crate) async fn put(db: Db<'_>, decision: &Decision) -> Result<i64, Error> {
    let seq =
        seq_of(db, &decision.document).await?.ok_or_else(|| StoreError::NotFound(decision.document.to_string()))?;
    // Validation made sure an addition has its item and everything else the machine's.
    let kind = decision.machine.as_ref().or(decision.human.as_ref()).map(|item| item.kind().as_str());
    let row = db
        .query_one(
            "INSERT INTO decisions (document, verdict, kind, machine, human, reviewer, at, note)
             VALUES ($1, $2, $3, $4::text::jsonb, $5::text::jsonb, $6, $7, $8) RETURNING id",
            &[
                &seq,
                &decision.verdict.as_str(),
                &kind,
                &item_json(decision.machine.as_ref())?,
                &item_json(decision.human.as_ref())?,
                &decision.reviewer,
                &decision.at,
                &decision.note,
            ],
        )
        .await?;
    get(&row, 0)
}

fn item_json(item: Option<&Item>) -> Result<Option<String>, Error> {
    item.map(|item| serde_json::to_string(item).map_err(|error| StoreError::Invalid(error.to_string()).into()))
        .transpose()
}

fn item_of(row: &Row, column: usize) -> Result<Option<Item>, Error> {
    get::<Option<&str>>(row, column)?
        .map(|text| serde_json::from_str(text).map_err(|error| corrupt(format!("review item: {error}"))))
        .transpose()
}

fn decision_of(row: &Row) -> Result<(i64, Decision), Error> {
    let verdict: &str = get(row, 2)?;
    Ok((
        get(row, 0)?,
        Decision {
            document: parse_id(get(row, 1)?)?,
            verdict: verdict.parse().map_err(|_| corrupt(format!("verdict {verdict:?}")))?,
            machine: item_of(row, 3)?,
            human: item_of(row, 4)?,
            reviewer: get(row, 5)?,
            at: get(row, 6)?,
            note: get(row, 7)?,
        },
    ))
}

const DECISIONS: &str = "SELECT decisions.id, documents.id, verdict, machine::text, human::text, reviewer, at, note
     FROM decisions JOIN documents ON documents.seq = decisions.document";

pub(crate) async fn read(db: Db<'_>, document: Option<&DocumentId>) -> Result<Vec<(i64, Decision)>, Error> {
    let rows = match document {
        Some(document) => {
            db.query(&format!("{DECISIONS} WHERE documents.id = $1 ORDER BY decisions.id"), &[&document.as_str()])
                .await?
        }
        None => db.query(&format!("{DECISIONS} ORDER BY decisions.id"), &[]).await?,
    };
    rows.iter().map(decision_of).collect()
}

/// Marks a change of documents, facts or decisions inside `transaction`, a transaction of the
/// caller's: once in each transaction that writes any of them, just before it commits (the row
/// stays locked until then, so writers queue on it only at their end).
pub(crate) async fn bump_data_version(transaction: &Transaction<'_>, local: &Local) -> Result<(), Error> {
    Db::new(transaction.client(), local).execute("UPDATE data_version SET version = version + 1", &[]).await?;
    Ok(())
}

pub(crate) async fn data_version(db: Db<'_>) -> Result<u64, Error> {
    let version: i64 = get(&db.query_one("SELECT version FROM data_version", &[]).await?, 0)?;
    Ok(u64::try_from(version).unwrap_or(0))
}

//! Review decisions, appended and never changed, and the counter of data changes.
//!
//! Decisions name their document by its row, like facts do, but live in a table of their own
//! that writing facts never touches: re-extraction replaces the machine's facts, and the people's
//! decisions are laid over whatever the facts are now (`coopatlas_document::review::apply`).

use coopatlas_document::DocumentId;
use coopatlas_document::review::{Decision, Item};
use coopatlas_store::StoreError;
use rusqlite::{Connection, Row, params};

use crate::{backend, parse_id, seq_of};

pub fn put(connection: &Connection, decision: &Decision) -> Result<i64, StoreError> {
    decision.validate().map_err(|error| StoreError::Invalid(error.to_string()))?;
    let seq =
        seq_of(connection, &decision.document)?.ok_or_else(|| StoreError::NotFound(decision.document.to_string()))?;
    // validate() made sure an addition has its item and everything else the machine's.
    let kind = decision.machine.as_ref().or(decision.human.as_ref()).map(Item::kind);
    connection
        .prepare_cached(
            "INSERT INTO decisions (document, verdict, kind, machine, human, reviewer, at, note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )
        .and_then(|mut statement| {
            statement.execute(params![
                seq,
                decision.verdict.as_str(),
                kind.map(|kind| kind.as_str()),
                item_json(decision.machine.as_ref())?,
                item_json(decision.human.as_ref())?,
                decision.reviewer,
                decision.at,
                decision.note,
            ])
        })
        .map_err(backend)?;
    Ok(connection.last_insert_rowid())
}

fn item_json(item: Option<&Item>) -> rusqlite::Result<Option<String>> {
    item.map(|item| serde_json::to_string(item).map_err(|error| rusqlite::Error::ToSqlConversionFailure(error.into())))
        .transpose()
}

fn item_of(row: &Row<'_>, column: usize) -> rusqlite::Result<Option<Item>> {
    let text: Option<String> = row.get(column)?;
    text.map(|text| {
        serde_json::from_str(&text).map_err(|error| {
            rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, error.into())
        })
    })
    .transpose()
}

fn decision_of(row: &Row<'_>) -> rusqlite::Result<(i64, Decision)> {
    let verdict: String = row.get(2)?;
    Ok((
        row.get(0)?,
        Decision {
            document: parse_id(row.get(1)?)?,
            verdict: verdict
                .parse()
                .map_err(|_| rusqlite::Error::InvalidColumnType(2, verdict, rusqlite::types::Type::Text))?,
            machine: item_of(row, 3)?,
            human: item_of(row, 4)?,
            reviewer: row.get(5)?,
            at: row.get(6)?,
            note: row.get(7)?,
        },
    ))
}

const DECISION_COLUMNS: &str = "decisions.id, documents.id, verdict, machine, human, reviewer, at, note";

pub fn read(connection: &Connection, document: Option<&DocumentId>) -> Result<Vec<(i64, Decision)>, StoreError> {
    let mut statement = match document {
        Some(_) => connection.prepare_cached(&format!(
            "SELECT {DECISION_COLUMNS} FROM decisions JOIN documents ON documents.seq = decisions.document
             WHERE documents.id = ?1 ORDER BY decisions.id"
        )),
        None => connection.prepare_cached(&format!(
            "SELECT {DECISION_COLUMNS} FROM decisions JOIN documents ON documents.seq = decisions.document
             ORDER BY decisions.id"
        )),
    }
    .map_err(backend)?;
    let rows = match document {
        Some(document) => statement.query_map([document.as_str()], decision_of),
        None => statement.query_map([], decision_of),
    };
    rows.map_err(backend)?.collect::<Result<_, _>>().map_err(backend)
}

/// Marks a change of documents, facts or decisions; called once in each writing transaction.
pub fn bump_data_version(connection: &Connection) -> Result<(), StoreError> {
    connection
        .prepare_cached("UPDATE data_version SET version = version + 1")
        .and_then(|mut statement| statement.execute([]))
        .map_err(backend)?;
    Ok(())
}

pub fn data_version(connection: &Connection) -> Result<u64, StoreError> {
    connection
        .query_row("SELECT version FROM data_version", [], |row| row.get::<_, i64>(0))
        .map(|version| version as u64)
        .map_err(backend)
}

//! Writing and reading the facts of a document: one table per kind of fact, each row with its
//! byte ranges in the text.

use coopatlas_document::Facts;
use coopatlas_document::facts::{FigureFact, OrganizationFact, PlaceFact, Span, SphereShare, TieFact};
use coopatlas_store::StoreError;
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::{NOW, backend};

/// Replaces the facts of document `seq` inside an open transaction.
pub fn write(connection: &Connection, seq: i64, facts: &Facts) -> Result<(), StoreError> {
    delete(connection, seq)?;
    connection
        .prepare_cached(&format!(
            "INSERT INTO extractions (document, extractor, depth, subject, extracted_at) VALUES (?1, ?2, ?3, ?4, {NOW})"
        ))
        .and_then(|mut statement| statement.execute(params![seq, facts.extractor, facts.depth, facts.subject]))
        .map_err(backend)?;
    let mut mention = connection
        .prepare_cached("INSERT INTO place_mentions (document, place, start_byte, end_byte) VALUES (?1, ?2, ?3, ?4)")
        .map_err(backend)?;
    for place in &facts.places {
        for &(start, end) in &place.mentions {
            mention.execute(params![seq, place.place, start as i64, end as i64]).map_err(backend)?;
        }
    }
    let mut mention = connection
        .prepare_cached(
            "INSERT INTO organization_mentions (document, organization, start_byte, end_byte) VALUES (?1, ?2, ?3, ?4)",
        )
        .map_err(backend)?;
    for organization in &facts.organizations {
        for &(start, end) in &organization.mentions {
            mention.execute(params![seq, organization.organization, start as i64, end as i64]).map_err(backend)?;
        }
    }
    let mut tie = connection
        .prepare_cached(
            "INSERT INTO ties (document, ordinal, a, b, forms, spheres, evidence_start, evidence_end)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )
        .map_err(backend)?;
    for (ordinal, fact) in facts.ties.iter().enumerate() {
        tie.execute(params![
            seq,
            ordinal as i64,
            fact.a,
            fact.b,
            json(&fact.forms),
            json(&fact.spheres),
            fact.evidence.0 as i64,
            fact.evidence.1 as i64,
        ])
        .map_err(backend)?;
    }
    let mut sphere = connection
        .prepare_cached("INSERT INTO document_spheres (document, sphere, share, evidence) VALUES (?1, ?2, ?3, ?4)")
        .map_err(backend)?;
    for share in &facts.spheres {
        sphere.execute(params![seq, share.sphere, share.share, spans_json(&share.evidence)]).map_err(backend)?;
    }
    let mut figure = connection
        .prepare_cached(
            "INSERT INTO figures (document, ordinal, value, unit, what, qualifier, places, year, start_byte, end_byte,
                                  evidence_start, evidence_end)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )
        .map_err(backend)?;
    for (ordinal, fact) in facts.figures.iter().enumerate() {
        figure
            .execute(params![
                seq,
                ordinal as i64,
                fact.value,
                fact.unit,
                fact.what,
                fact.qualifier,
                json(&fact.places),
                fact.year,
                fact.span.0 as i64,
                fact.span.1 as i64,
                fact.evidence.0 as i64,
                fact.evidence.1 as i64,
            ])
            .map_err(backend)?;
    }
    Ok(())
}

fn delete(connection: &Connection, seq: i64) -> Result<(), StoreError> {
    for table in ["extractions", "place_mentions", "organization_mentions", "ties", "document_spheres", "figures"] {
        connection
            .prepare_cached(&format!("DELETE FROM {table} WHERE document = ?1"))
            .and_then(|mut statement| statement.execute([seq]))
            .map_err(backend)?;
    }
    Ok(())
}

/// The facts of document `seq`, or `None` when extraction has not run on it.
pub fn read(connection: &Connection, seq: i64) -> Result<Option<Facts>, StoreError> {
    let header: Option<(String, String, Option<String>)> = connection
        .prepare_cached("SELECT extractor, depth, subject FROM extractions WHERE document = ?1")
        .and_then(|mut statement| {
            statement.query_row([seq], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?))).optional()
        })
        .map_err(backend)?;
    let Some((extractor, depth, subject)) = header else { return Ok(None) };
    let mut facts = Facts { extractor, depth, subject, ..Facts::default() };

    // Mentions come back grouped as they were written (rowid order keeps the writer's order).
    facts.places = mentions(connection, "place_mentions", "place", seq)?
        .into_iter()
        .map(|(place, mentions)| PlaceFact { place, mentions })
        .collect();
    facts.organizations = mentions(connection, "organization_mentions", "organization", seq)?
        .into_iter()
        .map(|(organization, mentions)| OrganizationFact { organization, mentions })
        .collect();
    let rows = |sql: String| connection.prepare_cached(&sql).map_err(backend);
    facts.ties = rows(format!("SELECT {TIE_COLUMNS} FROM ties WHERE document = ?1 ORDER BY ordinal"))?
        .query_map([seq], |row| tie(row, 0))
        .map_err(backend)?
        .collect::<Result<_, _>>()
        .map_err(backend)?;
    facts.spheres = rows(format!("SELECT {SPHERE_COLUMNS} FROM document_spheres WHERE document = ?1 ORDER BY sphere"))?
        .query_map([seq], |row| sphere(row, 0))
        .map_err(backend)?
        .collect::<Result<_, _>>()
        .map_err(backend)?;
    facts.figures = rows(format!("SELECT {FIGURE_COLUMNS} FROM figures WHERE document = ?1 ORDER BY ordinal"))?
        .query_map([seq], |row| figure(row, 0))
        .map_err(backend)?
        .collect::<Result<_, _>>()
        .map_err(backend)?;
    Ok(Some(facts))
}

/// The columns a tie is read from, and the reading of them from column `first` on.
pub(crate) const TIE_COLUMNS: &str = "a, b, forms, spheres, evidence_start, evidence_end";

pub(crate) fn tie(row: &Row<'_>, first: usize) -> rusqlite::Result<TieFact> {
    Ok(TieFact {
        a: row.get(first)?,
        b: row.get(first + 1)?,
        forms: unjson(row.get(first + 2)?),
        spheres: unjson(row.get(first + 3)?),
        evidence: span(row.get(first + 4)?, row.get(first + 5)?),
    })
}

pub(crate) const SPHERE_COLUMNS: &str = "sphere, share, evidence";

pub(crate) fn sphere(row: &Row<'_>, first: usize) -> rusqlite::Result<SphereShare> {
    Ok(SphereShare {
        sphere: row.get(first)?,
        share: row.get(first + 1)?,
        evidence: spans_unjson(&row.get::<_, String>(first + 2)?),
    })
}

pub(crate) const FIGURE_COLUMNS: &str =
    "value, unit, what, qualifier, places, year, start_byte, end_byte, evidence_start, evidence_end";

pub(crate) fn figure(row: &Row<'_>, first: usize) -> rusqlite::Result<FigureFact> {
    Ok(FigureFact {
        value: row.get(first)?,
        unit: row.get(first + 1)?,
        what: row.get(first + 2)?,
        qualifier: row.get(first + 3)?,
        places: unjson(row.get(first + 4)?),
        year: row.get(first + 5)?,
        span: span(row.get(first + 6)?, row.get(first + 7)?),
        evidence: span(row.get(first + 8)?, row.get(first + 9)?),
    })
}

/// The mentions of document `seq` in `table`, grouped by the named thing in `column`, in the
/// order they were written.
fn mentions(
    connection: &Connection,
    table: &str,
    column: &str,
    seq: i64,
) -> Result<Vec<(String, Vec<Span>)>, StoreError> {
    let mut statement = connection
        .prepare_cached(&format!(
            "SELECT {column}, start_byte, end_byte FROM {table} WHERE document = ?1 ORDER BY rowid"
        ))
        .map_err(backend)?;
    let rows = statement
        .query_map([seq], |row| Ok((row.get::<_, String>(0)?, span(row.get(1)?, row.get(2)?))))
        .map_err(backend)?
        .collect::<Result<_, _>>()
        .map_err(backend)?;
    Ok(coopatlas_store::grouped_mentions(rows))
}

pub(crate) fn span(start: i64, end: i64) -> Span {
    (start as usize, end as usize)
}

fn json(values: &[String]) -> String {
    serde_json::to_string(values).unwrap_or_else(|_| "[]".into())
}

fn spans_json(spans: &[Span]) -> String {
    serde_json::to_string(spans).unwrap_or_else(|_| "[]".into())
}

pub(crate) fn spans_unjson(text: &str) -> Vec<Span> {
    serde_json::from_str(text).unwrap_or_default()
}

pub(crate) fn unjson(text: String) -> Vec<String> {
    serde_json::from_str(&text).unwrap_or_default()
}

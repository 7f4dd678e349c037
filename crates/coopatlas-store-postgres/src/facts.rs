//! Writing and reading the facts of documents: one table per kind of fact, each row with its byte
//! ranges in the text. Reading takes many documents at once, for scans; a single document is a
//! list of one.

use std::collections::HashMap;

use coopatlas_document::Facts;
use coopatlas_document::facts::{FigureFact, OrganizationFact, PlaceFact, Span, SphereShare, TieFact};
use coopatlas_store::Mentions;

use crate::db::{NOW, get, offset, unoffset};
use crate::documents::spans;
use crate::{Db, Error};

/// Replaces the facts of document `seq` inside an open transaction.
pub(crate) async fn replace(db: Db<'_>, seq: i64, facts: &Facts) -> Result<(), Error> {
    db.execute(
        "WITH extractions AS (DELETE FROM extractions WHERE document = $1),
              place_mentions AS (DELETE FROM place_mentions WHERE document = $1),
              organization_mentions AS (DELETE FROM organization_mentions WHERE document = $1),
              ties AS (DELETE FROM ties WHERE document = $1),
              document_spheres AS (DELETE FROM document_spheres WHERE document = $1)
         DELETE FROM figures WHERE document = $1",
        &[&seq],
    )
    .await?;
    write(db, seq, facts, None).await
}

/// Writes the facts of document `seq`, which has none, inside an open transaction;
/// `extracted_at` defaults to now.
pub(crate) async fn write(db: Db<'_>, seq: i64, facts: &Facts, extracted_at: Option<&str>) -> Result<(), Error> {
    let t = std::time::Instant::now();
    db.execute(
        &format!(
            "INSERT INTO extractions (document, extractor, depth, subject, extracted_at)
             VALUES ($1, $2, $3, $4, coalesce($5, {NOW}))"
        ),
        &[&seq, &facts.extractor, &facts.depth, &facts.subject, &extracted_at],
    )
    .await?;
    let t1 = t.elapsed();
    let places = facts.places.iter().map(|place| (place.place.as_str(), &place.mentions));
    mentions(db, "place_mentions", "place", seq, places).await?;
    let organizations =
        facts.organizations.iter().map(|organization| (organization.organization.as_str(), &organization.mentions));
    mentions(db, "organization_mentions", "organization", seq, organizations).await?;
    let t2 = t.elapsed();
    for (ordinal, tie) in facts.ties.iter().enumerate() {
        db.execute(
            "INSERT INTO ties (document, ordinal, a, b, forms, spheres, evidence_start, evidence_end)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            &[
                &seq,
                &(ordinal as i32),
                &tie.a,
                &tie.b,
                &tie.forms,
                &tie.spheres,
                &offset(tie.evidence.0),
                &offset(tie.evidence.1),
            ],
        )
        .await?;
    }
    let t3 = t.elapsed();
    for share in &facts.spheres {
        db.execute(
            "INSERT INTO document_spheres (document, sphere, share, evidence) VALUES ($1, $2, $3, $4)",
            &[&seq, &share.sphere, &share.share, &flat(&share.evidence)],
        )
        .await?;
    }
    let t4 = t.elapsed();
    for (ordinal, figure) in facts.figures.iter().enumerate() {
        db.execute(
            "INSERT INTO figures (document, ordinal, value, unit, what, qualifier, places, year, start_byte, end_byte,
                                  evidence_start, evidence_end)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
            &[
                &seq,
                &(ordinal as i32),
                &figure.value,
                &figure.unit,
                &figure.what,
                &figure.qualifier,
                &figure.places,
                &figure.year,
                &offset(figure.span.0),
                &offset(figure.span.1),
                &offset(figure.evidence.0),
                &offset(figure.evidence.1),
            ],
        )
        .await?;
    }
    if seq % 100 == 0 { eprintln!("facts {t1:?} {t2:?} {t3:?} {t4:?} {:?}", t.elapsed()); }
    Ok(())
}

/// Every mention of every named thing, in one statement, numbered in the order written so that
/// they come back grouped as they were.
async fn mentions<'a>(
    db: Db<'_>,
    table: &str,
    column: &str,
    seq: i64,
    named: impl Iterator<Item = (&'a str, &'a Vec<Span>)>,
) -> Result<(), Error> {
    let (mut names, mut starts, mut ends) = (Vec::new(), Vec::new(), Vec::new());
    for (name, mentions) in named {
        for &(start, end) in mentions {
            names.push(name);
            starts.push(offset(start));
            ends.push(offset(end));
        }
    }
    if names.is_empty() {
        return Ok(());
    }
    db.execute(
        &format!(
            "INSERT INTO {table} (document, ordinal, {column}, start_byte, end_byte)
             SELECT $1, (mention.ordinal - 1)::int, mention.name, mention.start_byte, mention.end_byte
             FROM unnest($2::text[], $3::bigint[], $4::bigint[]) WITH ORDINALITY
                  AS mention (name, start_byte, end_byte, ordinal)"
        ),
        &[&seq, &names, &starts, &ends],
    )
    .await?;
    Ok(())
}

/// Spans flattened into start and end pairs, as the schema keeps them.
pub(crate) fn flat(spans: &[Span]) -> Vec<i64> {
    spans.iter().flat_map(|&(start, end)| [offset(start), offset(end)]).collect()
}

/// Rows of one table for several documents, by document, each document's rows in the order read.
fn by_document<T>(rows: Vec<(i64, T)>) -> HashMap<i64, Vec<T>> {
    let mut grouped: HashMap<i64, Vec<T>> = HashMap::new();
    for (seq, value) in rows {
        grouped.entry(seq).or_default().push(value);
    }
    grouped
}

/// Consecutive mentions of the same thing become one fact with all their mentions.
fn grouped(rows: Vec<(String, Span)>) -> Vec<(String, Vec<Span>)> {
    let mut grouped: Vec<(String, Vec<Span>)> = Vec::new();
    for (name, mention) in rows {
        match grouped.last_mut() {
            Some((last, spans)) if *last == name => spans.push(mention),
            _ => grouped.push((name, vec![mention])),
        }
    }
    grouped
}

/// The facts of the documents `seqs` that extraction has run on, without the place and
/// organisation mentions when `mentions` says so.
pub(crate) async fn read(db: Db<'_>, seqs: &[i64], mentions: Mentions) -> Result<HashMap<i64, Facts>, Error> {
    let headers = db
        .query("SELECT document, extractor, depth, subject FROM extractions WHERE document = ANY($1)", &[&seqs])
        .await?;
    if headers.is_empty() {
        return Ok(HashMap::new());
    }
    let (mut places, mut organizations) = (HashMap::new(), HashMap::new());
    if mentions == Mentions::With {
        places = mention_rows(db, "place_mentions", "place", seqs).await?;
        organizations = mention_rows(db, "organization_mentions", "organization", seqs).await?;
    }
    let mut ties = by_document(
        db.query(
            "SELECT document, a, b, forms, spheres, evidence_start, evidence_end FROM ties
             WHERE document = ANY($1) ORDER BY document, ordinal",
            &[&seqs],
        )
        .await?
        .iter()
        .map(|row| {
            let tie = TieFact {
                a: get(row, 1)?,
                b: get(row, 2)?,
                forms: get(row, 3)?,
                spheres: get(row, 4)?,
                evidence: (unoffset(get(row, 5)?), unoffset(get(row, 6)?)),
            };
            Ok((get(row, 0)?, tie))
        })
        .collect::<Result<_, Error>>()?,
    );
    let mut spheres = by_document(
        db.query(
            "SELECT document, sphere, share, evidence FROM document_spheres
             WHERE document = ANY($1) ORDER BY document, sphere",
            &[&seqs],
        )
        .await?
        .iter()
        .map(|row| {
            let share =
                SphereShare { sphere: get(row, 1)?, share: get(row, 2)?, evidence: spans(&get::<Vec<i64>>(row, 3)?) };
            Ok((get(row, 0)?, share))
        })
        .collect::<Result<_, Error>>()?,
    );
    let mut figures = by_document(
        db.query(
            "SELECT document, value, unit, what, qualifier, places, year, start_byte, end_byte, evidence_start,
                    evidence_end
             FROM figures WHERE document = ANY($1) ORDER BY document, ordinal",
            &[&seqs],
        )
        .await?
        .iter()
        .map(|row| {
            let figure = FigureFact {
                value: get(row, 1)?,
                unit: get(row, 2)?,
                what: get(row, 3)?,
                qualifier: get(row, 4)?,
                places: get(row, 5)?,
                year: get(row, 6)?,
                span: (unoffset(get(row, 7)?), unoffset(get(row, 8)?)),
                evidence: (unoffset(get(row, 9)?), unoffset(get(row, 10)?)),
            };
            Ok((get(row, 0)?, figure))
        })
        .collect::<Result<_, Error>>()?,
    );
    let mut facts = HashMap::with_capacity(headers.len());
    for row in &headers {
        let seq: i64 = get(row, 0)?;
        facts.insert(
            seq,
            Facts {
                extractor: get(row, 1)?,
                depth: get(row, 2)?,
                subject: get(row, 3)?,
                places: grouped(places.remove(&seq).unwrap_or_default())
                    .into_iter()
                    .map(|(place, mentions)| PlaceFact { place, mentions })
                    .collect(),
                organizations: grouped(organizations.remove(&seq).unwrap_or_default())
                    .into_iter()
                    .map(|(organization, mentions)| OrganizationFact { organization, mentions })
                    .collect(),
                ties: ties.remove(&seq).unwrap_or_default(),
                spheres: spheres.remove(&seq).unwrap_or_default(),
                figures: figures.remove(&seq).unwrap_or_default(),
            },
        );
    }
    Ok(facts)
}

/// The mentions in `table` of the documents `seqs`, by document, in the order written.
async fn mention_rows(
    db: Db<'_>,
    table: &str,
    column: &str,
    seqs: &[i64],
) -> Result<HashMap<i64, Vec<(String, Span)>>, Error> {
    let rows = db
        .query(
            &format!(
                "SELECT document, {column}, start_byte, end_byte FROM {table}
                 WHERE document = ANY($1) ORDER BY document, ordinal"
            ),
            &[&seqs],
        )
        .await?;
    let rows = rows
        .iter()
        .map(|row| Ok((get(row, 0)?, (get(row, 1)?, (unoffset(get(row, 2)?), unoffset(get(row, 3)?))))))
        .collect::<Result<Vec<_>, Error>>()?;
    Ok(by_document(rows))
}

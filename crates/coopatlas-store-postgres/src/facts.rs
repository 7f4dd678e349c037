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
    db.execute(
        &format!(
            "INSERT INTO extractions (document, extractor, depth, subject, extracted_at)
             VALUES ($1, $2, $3, $4, coalesce($5, {NOW}))"
        ),
        &[&seq, &facts.extractor, &facts.depth, &facts.subject, &extracted_at],
    )
    .await?;
    let places = facts.places.iter().map(|place| (place.place.as_str(), &place.mentions));
    mentions(db, "place_mentions", "place", seq, places).await?;
    let organizations =
        facts.organizations.iter().map(|organization| (organization.organization.as_str(), &organization.mentions));
    mentions(db, "organization_mentions", "organization", seq, organizations).await?;
    ties(db, seq, &facts.ties).await?;
    spheres(db, seq, &facts.spheres).await?;
    figures(db, seq, &facts.figures).await
}

/// Lists of varying length (the forms of each tie...) as one array and, for each list, the
/// bounds of its slice (1-based, inclusive; an empty list's slice is empty): each kind of fact
/// is written in one statement, whatever their number.
#[derive(Default)]
struct Slices<T> {
    flat: Vec<T>,
    from: Vec<i32>,
    to: Vec<i32>,
}

impl<T: Clone> Slices<T> {
    fn push(&mut self, values: &[T]) {
        self.from.push(self.flat.len() as i32 + 1);
        self.flat.extend_from_slice(values);
        self.to.push(self.flat.len() as i32);
    }
}

async fn ties(db: Db<'_>, seq: i64, ties: &[TieFact]) -> Result<(), Error> {
    if ties.is_empty() {
        return Ok(());
    }
    let (mut a, mut b, mut starts, mut ends) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut forms, mut spheres) = (Slices::default(), Slices::default());
    for tie in ties {
        a.push(tie.a.as_str());
        b.push(tie.b.as_str());
        forms.push(&tie.forms);
        spheres.push(&tie.spheres);
        starts.push(offset(tie.evidence.0));
        ends.push(offset(tie.evidence.1));
    }
    db.execute(
        "INSERT INTO ties (document, ordinal, a, b, forms, spheres, evidence_start, evidence_end)
         SELECT $1, (tie.ordinal - 1)::int, tie.a, tie.b, ($4::text[])[tie.forms_from:tie.forms_to],
                ($7::text[])[tie.spheres_from:tie.spheres_to], tie.evidence_start, tie.evidence_end
         FROM unnest($2::text[], $3::text[], $5::int[], $6::int[], $8::int[], $9::int[], $10::bigint[], $11::bigint[])
              WITH ORDINALITY
              AS tie (a, b, forms_from, forms_to, spheres_from, spheres_to, evidence_start, evidence_end, ordinal)",
        &[&seq, &a, &b, &forms.flat, &forms.from, &forms.to, &spheres.flat, &spheres.from, &spheres.to, &starts, &ends],
    )
    .await?;
    Ok(())
}

async fn spheres(db: Db<'_>, seq: i64, shares: &[SphereShare]) -> Result<(), Error> {
    if shares.is_empty() {
        return Ok(());
    }
    let (mut names, mut values, mut evidence) = (Vec::new(), Vec::new(), Slices::default());
    for share in shares {
        names.push(share.sphere.as_str());
        values.push(share.share);
        evidence.push(&flat(&share.evidence));
    }
    db.execute(
        "INSERT INTO document_spheres (document, sphere, share, evidence)
         SELECT $1, sphere.name, sphere.share, ($4::bigint[])[sphere.evidence_from:sphere.evidence_to]
         FROM unnest($2::text[], $3::float8[], $5::int[], $6::int[]) AS sphere (name, share, evidence_from, evidence_to)",
        &[&seq, &names, &values, &evidence.flat, &evidence.from, &evidence.to],
    )
    .await?;
    Ok(())
}

async fn figures(db: Db<'_>, seq: i64, figures: &[FigureFact]) -> Result<(), Error> {
    if figures.is_empty() {
        return Ok(());
    }
    let (mut values, mut units, mut whats, mut qualifiers, mut years) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut places, mut spans, mut evidence) = (Slices::default(), Vec::new(), Vec::new());
    for figure in figures {
        values.push(figure.value);
        units.push(figure.unit.as_str());
        whats.push(figure.what.as_deref());
        qualifiers.push(figure.qualifier.as_deref());
        years.push(figure.year);
        places.push(&figure.places);
        spans.extend([offset(figure.span.0), offset(figure.span.1)]);
        evidence.extend([offset(figure.evidence.0), offset(figure.evidence.1)]);
    }
    db.execute(
        "INSERT INTO figures (document, ordinal, value, unit, what, qualifier, places, year, start_byte, end_byte,
                              evidence_start, evidence_end)
         SELECT $1, (figure.ordinal - 1)::int, figure.value, figure.unit, figure.what, figure.qualifier,
                ($7::text[])[figure.places_from:figure.places_to], figure.year,
                ($10::bigint[])[2 * figure.ordinal::int - 1], ($10::bigint[])[2 * figure.ordinal::int],
                ($11::bigint[])[2 * figure.ordinal::int - 1], ($11::bigint[])[2 * figure.ordinal::int]
         FROM unnest($2::float8[], $3::text[], $4::text[], $5::text[], $6::int[], $8::int[], $9::int[])
              WITH ORDINALITY AS figure (value, unit, what, qualifier, year, places_from, places_to, ordinal)",
        &[
            &seq,
            &values,
            &units,
            &whats,
            &qualifiers,
            &years,
            &places.flat,
            &places.from,
            &places.to,
            &spans,
            &evidence,
        ],
    )
    .await?;
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
                places: coopatlas_store::grouped_mentions(places.remove(&seq).unwrap_or_default())
                    .into_iter()
                    .map(|(place, mentions)| PlaceFact { place, mentions })
                    .collect(),
                organizations: coopatlas_store::grouped_mentions(organizations.remove(&seq).unwrap_or_default())
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

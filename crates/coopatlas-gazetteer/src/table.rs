//! The two TSV tables (places, aliases), read with `coopatlas_text::tsv` into places and alias
//! rows.

use coopatlas_text::tsv::{EmptyTable, MissingColumn, Table, cell};

use crate::{AliasFlags, AliasSource, Contested, Place, PlaceKind};

/// A table that cannot be loaded; `line` is 1-based and counts the header.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TableError {
    #[error("the table has no header row")]
    Empty,
    #[error("the header lacks the column {0:?}")]
    MissingColumn(&'static str),
    #[error("line {line}: {reason}")]
    BadRow { line: usize, reason: String },
    #[error("line {line}: no place has the id {id:?}")]
    UnknownPlace { line: usize, id: String },
    #[error("cannot build the name automaton: {0}")]
    Automaton(String),
}

pub(crate) struct AliasRow {
    pub line: usize,
    pub id: String,
    pub alias: String,
    pub source: AliasSource,
    pub flags: AliasFlags,
}

impl From<EmptyTable> for TableError {
    fn from(_: EmptyTable) -> TableError {
        TableError::Empty
    }
}

impl From<MissingColumn> for TableError {
    fn from(MissingColumn(name): MissingColumn) -> TableError {
        TableError::MissingColumn(name)
    }
}

pub(crate) fn parse_places(text: &str) -> Result<Vec<Place>, TableError> {
    let table = Table::parse(text)?;
    let required = |name| table.column(name).map(Some);
    let optional = |name| table.column(name).ok();
    let (id, kind, country, name_en) = (required("id")?, required("kind")?, required("country")?, required("name_en")?);
    let (parent, name_ru, latitude, longitude, population, federal_district, economic_region, associations) = (
        optional("parent"),
        optional("name_ru"),
        optional("lat"),
        optional("lon"),
        optional("population"),
        optional("federal_district"),
        optional("economic_region"),
        optional("associations"),
    );
    let mut places = Vec::with_capacity(table.rows.len());
    for (line, row) in &table.rows {
        let bad = |reason: String| TableError::BadRow { line: *line, reason };
        let place_id = cell(row, id).ok_or_else(|| bad("no id".into()))?;
        let kind = match cell(row, kind) {
            Some("country") => PlaceKind::Country,
            Some("region") => PlaceKind::Region,
            Some("city") => PlaceKind::City,
            other => {
                return Err(bad(format!("kind {other:?} is not country, region or city")));
            }
        };
        let number = |column: Option<usize>| -> Result<Option<f64>, TableError> {
            cell(row, column)
                .map(|value| value.parse::<f64>().map_err(|_| bad(format!("{value:?} is not a number"))))
                .transpose()
        };
        let coordinates = match (number(latitude)?, number(longitude)?) {
            (Some(latitude), Some(longitude)) => Some((latitude, longitude)),
            _ => None,
        };
        places.push(Place {
            id: place_id.to_string(),
            kind,
            country: cell(row, country).ok_or_else(|| bad("no country".into()))?.to_string(),
            parent: cell(row, parent).map(str::to_string),
            name_en: cell(row, name_en).ok_or_else(|| bad("no English name".into()))?.to_string(),
            name_ru: cell(row, name_ru).map(str::to_string),
            coordinates,
            population: number(population)?.map(|value| value as u64),
            federal_district: cell(row, federal_district).map(str::to_string),
            economic_region: cell(row, economic_region).map(str::to_string),
            associations: cell(row, associations)
                .map(|list| {
                    list.split(';').map(str::trim).filter(|name| !name.is_empty()).map(str::to_string).collect()
                })
                .unwrap_or_default(),
        });
    }
    Ok(places)
}

pub(crate) fn parse_aliases(text: &str) -> Result<Vec<AliasRow>, TableError> {
    let table = Table::parse(text)?;
    let (id, alias, source) = (table.column("id")?, table.column("alias")?, table.column("source")?);
    let flags = table.column("flags").ok();
    let mut aliases = Vec::with_capacity(table.rows.len());
    for (line, row) in &table.rows {
        let bad = |reason: String| TableError::BadRow { line: *line, reason };
        let source_name = cell(row, Some(source)).unwrap_or("name");
        let mut parsed_flags = AliasFlags::default();
        for flag in cell(row, flags).unwrap_or("").split(',').map(str::trim) {
            match flag {
                "common_word" => parsed_flags.common_word = true,
                "surname" => parsed_flags.surname = true,
                // Ambiguity is derived from the data (a name with several candidates).
                "" | "ambiguous" => {}
                other => return Err(bad(format!("unknown flag {other:?}"))),
            }
        }
        aliases.push(AliasRow {
            line: *line,
            id: cell(row, Some(id)).ok_or_else(|| bad("no id".into()))?.to_string(),
            alias: cell(row, Some(alias)).ok_or_else(|| bad("no alias".into()))?.to_string(),
            source: AliasSource::parse(source_name).ok_or_else(|| bad(format!("unknown source {source_name:?}")))?,
            flags: parsed_flags,
        });
    }
    Ok(aliases)
}

pub(crate) fn parse_contested(text: &str) -> Result<Vec<Contested>, TableError> {
    let table = Table::parse(text)?;
    let (id, claimed_by, since, district) = (
        table.column("id")?,
        table.column("claimed_by")?,
        table.column("claimed_since")?,
        table.column("claimed_federal_district").ok(),
    );
    let mut rows = Vec::with_capacity(table.rows.len());
    for (line, row) in &table.rows {
        let required = |column| {
            cell(row, Some(column))
                .map(str::to_string)
                .ok_or_else(|| TableError::BadRow { line: *line, reason: "an empty required cell".into() })
        };
        rows.push(Contested {
            id: required(id)?,
            claimed_by: required(claimed_by)?,
            claimed_since: required(since)?,
            claimed_federal_district: cell(row, district).map(str::to_string),
        });
    }
    Ok(rows)
}

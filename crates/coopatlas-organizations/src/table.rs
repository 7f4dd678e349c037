//! The two TSV tables (organisations, aliases), read with `coopatlas_text::tsv` like the
//! gazetteer's.

use coopatlas_text::tsv::{EmptyTable, MissingColumn, Table, cell};

use crate::{OrgKind, Organization, Scope};

/// A table that cannot be loaded; `line` is 1-based and counts the header.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TableError {
    #[error("the table has no header row")]
    Empty,
    #[error("the header lacks the column {0:?}")]
    MissingColumn(&'static str),
    #[error("line {line}: {reason}")]
    BadRow { line: usize, reason: String },
    #[error("line {line}: no organisation has the id {id:?}")]
    UnknownOrganization { line: usize, id: String },
    #[error("cannot build the name automaton: {0}")]
    Automaton(String),
}

pub(crate) struct AliasRow {
    pub line: usize,
    pub id: String,
    pub alias: String,
    pub cased: bool,
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

pub(crate) fn parse_organizations(text: &str) -> Result<Vec<Organization>, TableError> {
    let table = Table::parse(text)?;
    let (id, kind, name_en, name_ru) =
        (table.column("id")?, table.column("kind")?, table.column("name_en")?, table.column("name_ru")?);
    let (scope, country, association) =
        (table.column("scope").ok(), table.column("country").ok(), table.column("association").ok());
    let mut organizations = Vec::with_capacity(table.rows.len());
    for (line, row) in &table.rows {
        let bad = |reason: String| TableError::BadRow { line: *line, reason };
        let required = |column: usize, name: &str| cell(row, Some(column)).ok_or_else(|| bad(format!("no {name}")));
        let kind_text = required(kind, "kind")?;
        let kind = OrgKind::parse(kind_text).ok_or_else(|| bad(format!("unknown kind {kind_text:?}")))?;
        let scope = match cell(row, scope) {
            None => Scope::Named,
            Some("region") => Scope::Region,
            Some(other) => return Err(bad(format!("unknown scope {other:?}"))),
        };
        organizations.push(Organization {
            id: required(id, "id")?.to_string(),
            kind,
            scope,
            country: cell(row, country).map(str::to_string),
            association: cell(row, association).map(str::to_string),
            name_en: required(name_en, "name_en")?.to_string(),
            name_ru: required(name_ru, "name_ru")?.to_string(),
        });
    }
    Ok(organizations)
}

pub(crate) fn parse_aliases(text: &str) -> Result<Vec<AliasRow>, TableError> {
    let table = Table::parse(text)?;
    let (id, alias) = (table.column("id")?, table.column("alias")?);
    let flags = table.column("flags").ok();
    let mut aliases = Vec::with_capacity(table.rows.len());
    for (line, row) in &table.rows {
        let bad = |reason: &str| TableError::BadRow { line: *line, reason: reason.to_string() };
        let flags = cell(row, flags).unwrap_or("");
        for flag in flags.split(',').map(str::trim).filter(|flag| !flag.is_empty()) {
            if flag != "cased" {
                return Err(bad(&format!("unknown flag {flag:?}")));
            }
        }
        aliases.push(AliasRow {
            line: *line,
            id: cell(row, Some(id)).ok_or_else(|| bad("no id"))?.to_string(),
            alias: cell(row, Some(alias)).ok_or_else(|| bad("no alias"))?.to_string(),
            cased: flags.split(',').any(|flag| flag.trim() == "cased"),
        });
    }
    Ok(aliases)
}

//! The tab-separated tables the project's reference data is written in (gazetteer,
//! organisations). Read by hand: the format has no quoting or escapes by design (a tab never
//! occurs in a name), so splitting lines on tabs is the whole grammar. Lines that are blank or
//! start with `#` are skipped; columns are found by their header name, so a table may gain
//! columns.
//!
//! ```
//! use coopatlas_text::tsv::{Table, cell};
//! let table = Table::parse("# places\nid\tname\nBY\tBelarus\n").unwrap();
//! let name = table.column("name").unwrap();
//! let (line, row) = &table.rows[0];
//! assert_eq!((*line, cell(row, Some(name))), (3, Some("Belarus")));
//! assert!(table.column("population").is_err());
//! ```

/// A table with no header row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EmptyTable;

/// The header lacks this column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MissingColumn(pub &'static str);

/// A table: its header's column names and, for each data row, its 1-based line number (counting
/// the header and skipped lines) and cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table<'a> {
    pub header: Vec<&'a str>,
    pub rows: Vec<(usize, Vec<&'a str>)>,
}

impl<'a> Table<'a> {
    pub fn parse(text: &'a str) -> Result<Table<'a>, EmptyTable> {
        let mut lines = text.lines().enumerate().filter(|(_, line)| !line.trim().is_empty() && !line.starts_with('#'));
        let (_, header) = lines.next().ok_or(EmptyTable)?;
        let header = header.split('\t').map(str::trim).collect();
        let rows = lines.map(|(index, line)| (index + 1, line.split('\t').collect())).collect();
        Ok(Table { header, rows })
    }

    /// The index of the column named `name`.
    pub fn column(&self, name: &'static str) -> Result<usize, MissingColumn> {
        self.header.iter().position(|column| *column == name).ok_or(MissingColumn(name))
    }
}

/// The trimmed cell of `row` in `column`, or `None` when the column is absent or the cell empty.
pub fn cell<'a>(row: &[&'a str], column: Option<usize>) -> Option<&'a str> {
    column.and_then(|column| row.get(column)).map(|value| value.trim()).filter(|value| !value.is_empty())
}

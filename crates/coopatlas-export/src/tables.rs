//! Tables as CSV and JSON.

use std::fmt::Write as _;
use std::io::Write;

use coopatlas_analytics::{Cell, Table};
use serde::Serialize;

use crate::ExportError;
use crate::names::push_float;

/// Writes one table as CSV: UTF-8 without a byte order mark, a header row of the column names,
/// RFC 4180 (CRLF line ends; a field with a comma, quote or line break in quotes, quotes
/// doubled). Empty cells are empty fields, integers plain, floats as the shortest decimal that
/// reads back as the same number (an exponent only outside 1e-6..1e15), non-finite floats empty.
///
/// Rows are streamed through the `csv` crate's own buffer; `w` is flushed at the end.
pub fn write_csv<W: Write>(table: &Table, w: W) -> Result<(), ExportError> {
    check_table(table)?;
    write_rows(&table.columns, table.rows.iter(), w)
}

/// Writes tables as one JSON document, `{"tables": [{"name", "columns", "rows"}]}`, rows as
/// arrays of `null`, strings and numbers (a non-finite float is `null`), streamed to `w`: give
/// it a buffered writer. Ends with a line feed; `w` is flushed at the end.
pub fn write_tables_json<W: Write>(tables: &[Table], mut w: W) -> Result<(), ExportError> {
    #[derive(Serialize)]
    struct Tables<'a> {
        tables: &'a [Table],
    }
    tables.iter().try_for_each(check_table)?;
    serde_json::to_writer(&mut w, &Tables { tables })?;
    w.write_all(b"\n")?;
    w.flush()?;
    Ok(())
}

/// Every row has one cell per column.
pub(crate) fn check_table(table: &Table) -> Result<(), ExportError> {
    let expected = table.columns.len();
    match table.rows.iter().position(|row| row.len() != expected) {
        None => Ok(()),
        Some(row) => {
            Err(ExportError::RowLength { table: table.name.clone(), row, expected, found: table.rows[row].len() })
        }
    }
}

/// The CSV writer behind [`write_csv`] and the node and edge lists; rows must already have one
/// cell per column.
pub(crate) fn write_rows<W: Write, C: AsRef<str>, R: AsRef<[Cell]>>(
    columns: &[C],
    rows: impl IntoIterator<Item = R>,
    w: W,
) -> Result<(), ExportError> {
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(w);
    writer.write_record(columns.iter().map(AsRef::as_ref))?;
    let mut record = csv::ByteRecord::new();
    let mut number = String::new();
    for row in rows {
        record.clear();
        for cell in row.as_ref() {
            match cell {
                Cell::Empty => record.push_field(b""),
                Cell::Text(text) => record.push_field(text.as_bytes()),
                Cell::Int(value) => {
                    number.clear();
                    write!(number, "{value}").expect("writing to a String");
                    record.push_field(number.as_bytes());
                }
                Cell::Float(value) if value.is_finite() => {
                    number.clear();
                    push_float(&mut number, *value);
                    record.push_field(number.as_bytes());
                }
                Cell::Float(_) => record.push_field(b""),
            }
        }
        writer.write_byte_record(&record)?;
    }
    writer.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv_of(table: &Table) -> String {
        let mut out = Vec::new();
        write_csv(table, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn csv_quotes_what_rfc_4180_asks_for() {
        let mut table = Table::new("ties", &["name", "documents", "share"]);
        table.push(vec!["Калининград, \"Янтарный\" & Co".into(), Cell::Int(3), Cell::Float(0.25)]);
        table.push(vec!["строка\nвторая".into(), Cell::Empty, Cell::Float(f64::NAN)]);
        table.push(vec!["plain".into(), Cell::Int(-7), Cell::Float(1e-9)]);
        assert_eq!(
            csv_of(&table),
            "name,documents,share\r\n\"Калининград, \"\"Янтарный\"\" & Co\",3,0.25\r\n\"строка\nвторая\",,\r\nplain,-7,1e-9\r\n"
        );
    }

    #[test]
    fn empty_table_is_its_header() {
        assert_eq!(csv_of(&Table::new("nothing", &["a", "b"])), "a,b\r\n");
    }

    #[test]
    fn ragged_rows_are_refused() {
        let mut table = Table::new("bad", &["a", "b"]);
        table.rows.push(vec![Cell::Int(1)]);
        let error = write_csv(&table, Vec::new()).unwrap_err();
        assert!(matches!(error, ExportError::RowLength { row: 0, expected: 2, found: 1, .. }), "{error}");
        assert!(write_tables_json(&[table], Vec::new()).is_err());
    }

    #[test]
    fn json_keeps_types() {
        let mut table = Table::new("т", &["a", "b", "c", "d"]);
        table.push(vec!["\"x\" & y".into(), Cell::Int(2), Cell::Float(0.5), Cell::Empty]);
        let mut out = Vec::new();
        write_tables_json(&[table, Table::new("empty", &[])], &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "{\"tables\":[{\"name\":\"т\",\"columns\":[\"a\",\"b\",\"c\",\"d\"],\"rows\":[[\"\\\"x\\\" & y\",2,0.5,null]]},\
             {\"name\":\"empty\",\"columns\":[],\"rows\":[]}]}\n"
        );
    }
}

//! Tables as CSV and JSON, and the row checks every table format makes as it writes.

use std::fmt::Write as _;
use std::io::Write;

use coopatlas_analytics::{Cell, Table};

use crate::ExportError;
use crate::names::push_float;

/// Writes one table as CSV: UTF-8 without a byte order mark, a header row of the column names,
/// RFC 4180 (CRLF line ends; a field with a comma, quote or line break in quotes, quotes
/// doubled). Empty cells are empty fields, integers plain, floats as the shortest decimal that
/// reads back as the same number (an exponent only outside 1e-6..1e15), non-finite floats empty.
///
/// Rows are made one at a time (a lazy table's rows are read once each, into one reused buffer)
/// and streamed through the `csv` crate's own buffer; `w` is flushed at the end. A row without
/// one cell per column stops the writing with [`ExportError::RowLength`], the rows before it
/// already written to `w`.
pub fn write_csv<W: Write>(table: &Table, w: W) -> Result<(), ExportError> {
    let mut csv = CsvWriter::new(&table.columns, w)?;
    table.try_for_each_row(|index, row| {
        check_row(table, index, row)?;
        csv.row(row)
    })?;
    csv.finish()
}

/// Writes tables as one JSON document, `{"tables": [{"name", "columns", "rows"}]}`, rows as
/// arrays of `null`, strings and numbers (a non-finite float is `null`): the tables' serde form.
/// Rows are made one at a time and streamed to `w`: give it a buffered writer. A row without one
/// cell per column stops the writing with [`ExportError::RowLength`]. Ends with a line feed; `w`
/// is flushed at the end.
pub fn write_tables_json<W: Write>(tables: &[Table], mut w: W) -> Result<(), ExportError> {
    w.write_all(b"{\"tables\":[")?;
    for (index, table) in tables.iter().enumerate() {
        if index > 0 {
            w.write_all(b",")?;
        }
        w.write_all(b"{\"name\":")?;
        serde_json::to_writer(&mut w, &table.name)?;
        w.write_all(b",\"columns\":")?;
        serde_json::to_writer(&mut w, &table.columns)?;
        w.write_all(b",\"rows\":[")?;
        table.try_for_each_row(|index, row| {
            check_row(table, index, row)?;
            if index > 0 {
                w.write_all(b",")?;
            }
            serde_json::to_writer(&mut w, row)?;
            Ok::<_, ExportError>(())
        })?;
        w.write_all(b"]}")?;
    }
    w.write_all(b"]}\n")?;
    w.flush()?;
    Ok(())
}

/// Row `index` of `table` has one cell per column.
pub(crate) fn check_row(table: &Table, index: usize, row: &[Cell]) -> Result<(), ExportError> {
    let expected = table.columns.len();
    if row.len() == expected {
        Ok(())
    } else {
        Err(ExportError::RowLength { table: table.name.clone(), row: index, expected, found: row.len() })
    }
}

/// The CSV writer behind [`write_csv`] and the node and edge lists: a header, then rows of
/// cells, each already checked to have one cell per column.
pub(crate) struct CsvWriter<W: Write> {
    writer: csv::Writer<W>,
    record: csv::ByteRecord,
    number: String,
}

impl<W: Write> CsvWriter<W> {
    /// Writes the header.
    pub(crate) fn new<C: AsRef<str>>(columns: &[C], w: W) -> Result<CsvWriter<W>, ExportError> {
        let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(w);
        writer.write_record(columns.iter().map(AsRef::as_ref))?;
        Ok(CsvWriter { writer, record: csv::ByteRecord::new(), number: String::new() })
    }

    pub(crate) fn row(&mut self, row: &[Cell]) -> Result<(), ExportError> {
        let CsvWriter { writer, record, number } = self;
        record.clear();
        for cell in row {
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
                    push_float(number, *value);
                    record.push_field(number.as_bytes());
                }
                Cell::Float(_) => record.push_field(b""),
            }
        }
        writer.write_byte_record(record)?;
        Ok(())
    }

    /// Flushes the rows through to the writer.
    pub(crate) fn finish(mut self) -> Result<(), ExportError> {
        self.writer.flush()?;
        Ok(())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    fn csv_of(table: &Table) -> String {
        let mut out = Vec::new();
        write_csv(table, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Rows `[n, "row n"]`, the third (index 2) short of a cell when `ragged`; `made` counts the
    /// rows made.
    pub(crate) fn counted(len: usize, ragged: bool, made: &AtomicUsize) -> Table<'_> {
        Table::lazy("counted", &["n", "text"], len, move |index, row| {
            made.fetch_add(1, Ordering::Relaxed);
            row.push(Cell::Int(index as i64));
            if !(ragged && index == 2) {
                row.push(format!("row {index}").into());
            }
        })
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
    fn lazy_rows_are_made_once_each() {
        let made = AtomicUsize::new(0);
        let table = counted(4, false, &made);
        assert_eq!(csv_of(&table), "n,text\r\n0,row 0\r\n1,row 1\r\n2,row 2\r\n3,row 3\r\n");
        assert_eq!(made.swap(0, Ordering::Relaxed), 4);
        write_tables_json(std::slice::from_ref(&table), Vec::new()).unwrap();
        assert_eq!(made.load(Ordering::Relaxed), 4);
    }

    #[test]
    fn ragged_rows_stop_the_writing_where_they_are() {
        let made = AtomicUsize::new(0);
        let table = counted(1000, true, &made);
        let mut out = Vec::new();
        let error = write_csv(&table, &mut out).unwrap_err();
        assert!(matches!(error, ExportError::RowLength { row: 2, expected: 2, found: 1, .. }), "{error}");
        assert_eq!(error.to_string(), "table counted: row 2 has 1 cells for 2 columns");
        assert_eq!(made.swap(0, Ordering::Relaxed), 3, "no row after the ragged one is made");
        let error = write_tables_json(&[table], Vec::new()).unwrap_err();
        assert!(matches!(error, ExportError::RowLength { row: 2, .. }), "{error}");
        assert_eq!(made.load(Ordering::Relaxed), 3);
    }

    #[test]
    fn json_keeps_types() {
        let mut table = Table::new("т", &["a", "b", "c", "d"]);
        table.push(vec!["\"x\" & y".into(), Cell::Int(2), Cell::Float(0.5), Cell::Empty]);
        table.push(vec![Cell::Empty, Cell::Int(-1), Cell::Float(f64::NAN), "z".into()]);
        let tables = [table, Table::new("empty", &[])];
        let mut out = Vec::new();
        write_tables_json(&tables, &mut out).unwrap();
        let json = String::from_utf8(out).unwrap();
        assert_eq!(
            json,
            "{\"tables\":[{\"name\":\"т\",\"columns\":[\"a\",\"b\",\"c\",\"d\"],\
             \"rows\":[[\"\\\"x\\\" & y\",2,0.5,null],[null,-1,null,\"z\"]]},\
             {\"name\":\"empty\",\"columns\":[],\"rows\":[]}]}\n"
        );
        // The tables' own serde form.
        #[derive(serde::Serialize)]
        struct Tables<'t> {
            tables: &'t [Table<'t>],
        }
        assert_eq!(json, format!("{}\n", serde_json::to_string(&Tables { tables: &tables }).unwrap()));
    }
}

//! Tables as one Excel workbook.

use std::io::Write;

use coopatlas_analytics::{Cell, Table};
use rust_xlsxwriter::{Format, Workbook};

use crate::ExportError;
use crate::names::{float_text, sheet_names};
use crate::tables::check_row;

/// Rows of an Excel sheet, the header included.
pub const EXCEL_MAX_ROWS: usize = 1_048_576;
/// Columns of an Excel sheet.
pub const EXCEL_MAX_COLUMNS: usize = 16_384;
/// Characters (UTF-16 units) of an Excel cell.
pub const EXCEL_MAX_CELL_TEXT: usize = 32_767;

/// Rows of a table on one sheet, below the header.
const ROWS_PER_SHEET: usize = EXCEL_MAX_ROWS - 1;

/// Column widths, in characters of the default font.
const MIN_WIDTH: usize = 8;
const MAX_WIDTH: usize = 60;
/// Excel's General format shows at most this many characters of a number.
const NUMBER_WIDTH: usize = 11;

/// Writes tables as one workbook, one sheet per table in order, and as many more as a long table
/// needs.
///
/// Sheet names are the table names made valid for Excel (forbidden characters `[ ] : * ? / \`
/// replaced by `_`, at most 31 characters, case-insensitive duplicates numbered ` (2)`...). The
/// header row is bold, frozen and carries an autofilter; columns are as wide as their longest
/// value on the sheet (8 to 60 characters). Ints and floats are numbers (Excel keeps 15
/// significant digits; non-finite floats are left blank), text is text (never a formula), empty
/// cells are blank.
///
/// A table of more rows than a sheet holds (1,048,575 below the header) continues on further
/// sheets right after its first, named like it with ` (2)`, ` (3)`... (the name cut to stay
/// within 31 characters, a number already taken skipped), each with the same header, frozen,
/// bold and filtered, and its own column widths: its 1,048,576th row is the first below the
/// header of `<name> (2)`.
///
/// Tables stream: a lazy table's rows are made one at a time, once each, into one reused
/// buffer, and go to a temporary file per sheet while the workbook is built (rust_xlsxwriter's
/// low-memory mode, which holds only the table of distinct texts), so memory stays flat however
/// long the tables; the zip is then streamed to `w`. A table of more than 16,384 columns is an
/// error before any row is made; a row without one cell per column ([`ExportError::RowLength`])
/// or a cell longer than 32,767 characters ([`ExportError::CellTooLong`]) stops the writing
/// when it is reached, before anything is written to `w`.
pub fn write_xlsx<W: Write + Send>(tables: &[Table], w: W) -> Result<(), ExportError> {
    write_xlsx_with_rows_per_sheet(tables, w, ROWS_PER_SHEET)
}

/// [`write_xlsx`] with at most `rows_per_sheet` rows below each sheet's header, for tests that
/// split tables without writing a million rows.
///
/// # Panics
/// If `rows_per_sheet` is 0 or more than a sheet holds.
#[doc(hidden)]
pub fn write_xlsx_with_rows_per_sheet<W: Write + Send>(
    tables: &[Table],
    mut w: W,
    rows_per_sheet: usize,
) -> Result<(), ExportError> {
    let mut workbook = workbook(tables, rows_per_sheet)?;
    workbook.save_to_writer(&mut w)?;
    w.flush()?;
    Ok(())
}

/// The workbook of the tables, each sheet at most `rows_per_sheet` rows below its header.
fn workbook(tables: &[Table], rows_per_sheet: usize) -> Result<Workbook, ExportError> {
    assert!((1..=ROWS_PER_SHEET).contains(&rows_per_sheet), "{rows_per_sheet} rows per sheet");
    tables.iter().try_for_each(check_columns)?;
    let sheets = |table: &Table| table.len().div_ceil(rows_per_sheet);
    let names = sheet_names(tables.iter().map(|table| (table.name.as_str(), sheets(table))));
    let header = Format::new().set_bold();
    let mut workbook = Workbook::new();
    for (table, names) in tables.iter().zip(names) {
        let mut names = names.into_iter();
        let mut sheet = Sheet::add(&mut workbook, names.next(), &table.columns, &header)?;
        table.try_for_each_row(|index, row| {
            check_row(table, index, row)?;
            if sheet.rows == rows_per_sheet {
                sheet.finish(&mut workbook)?;
                sheet = Sheet::add(&mut workbook, names.next(), &table.columns, &header)?;
            }
            sheet.write_row(&mut workbook, table, index, row)
        })?;
        sheet.finish(&mut workbook)?;
    }
    Ok(workbook)
}

fn check_columns(table: &Table) -> Result<(), ExportError> {
    if table.columns.len() > EXCEL_MAX_COLUMNS {
        return Err(ExportError::TooManyColumns {
            table: table.name.clone(),
            columns: table.columns.len(),
            max: EXCEL_MAX_COLUMNS,
        });
    }
    Ok(())
}

/// The sheet being written: its place in the workbook, its rows below the header so far, and
/// the width each column needs.
struct Sheet {
    index: usize,
    rows: usize,
    widths: Vec<usize>,
}

impl Sheet {
    /// Adds a sheet of this name with this header row.
    fn add(
        workbook: &mut Workbook,
        name: Option<String>,
        columns: &[String],
        header: &Format,
    ) -> Result<Sheet, ExportError> {
        let name = name.expect("sheet_names names every sheet a table needs");
        let index = workbook.worksheets().len();
        let sheet = workbook.add_worksheet_with_low_memory()?;
        sheet.set_name(name)?;
        for (column, name) in columns.iter().enumerate() {
            sheet.write_string_with_format(0, column as u16, name.as_str(), header)?;
        }
        // The header's bold letters and the filter button take about three more characters.
        let widths = columns.iter().map(|name| text_width(name) + 3).collect();
        Ok(Sheet { index, rows: 0, widths })
    }

    /// Writes row `index` of `table` below the rows so far.
    fn write_row(
        &mut self,
        workbook: &mut Workbook,
        table: &Table,
        index: usize,
        cells: &[Cell],
    ) -> Result<(), ExportError> {
        let sheet = workbook.worksheet_from_index(self.index)?;
        self.rows += 1;
        let row = self.rows as u32;
        for (column, cell) in cells.iter().enumerate() {
            let width = match cell {
                Cell::Empty => 0,
                Cell::Text(text) => {
                    check_text(table, index, column, text)?;
                    sheet.write_string(row, column as u16, text.as_str())?;
                    text_width(text)
                }
                Cell::Int(value) => {
                    sheet.write_number(row, column as u16, *value as f64)?;
                    value.to_string().len().min(NUMBER_WIDTH)
                }
                Cell::Float(value) if value.is_finite() => {
                    sheet.write_number(row, column as u16, *value)?;
                    float_text(*value).len().min(NUMBER_WIDTH)
                }
                Cell::Float(_) => 0,
            };
            self.widths[column] = self.widths[column].max(width);
        }
        Ok(())
    }

    /// Freezes the header, puts the filter on it and sets the column widths.
    fn finish(&self, workbook: &mut Workbook) -> Result<(), ExportError> {
        let sheet = workbook.worksheet_from_index(self.index)?;
        if !self.widths.is_empty() {
            let last_column = self.widths.len() as u16 - 1;
            sheet.set_freeze_panes(1, 0)?;
            sheet.autofilter(0, 0, self.rows as u32, last_column)?;
        }
        for (column, width) in self.widths.iter().enumerate() {
            sheet.set_column_width(column as u16, (width + 1).clamp(MIN_WIDTH, MAX_WIDTH) as f64)?;
        }
        Ok(())
    }
}

/// The text fits an Excel cell.
fn check_text(table: &Table, row: usize, column: usize, text: &str) -> Result<(), ExportError> {
    // UTF-8 bytes are never fewer than UTF-16 units: count only long texts.
    if text.len() > EXCEL_MAX_CELL_TEXT {
        let length = text.encode_utf16().count();
        if length > EXCEL_MAX_CELL_TEXT {
            return Err(ExportError::CellTooLong {
                table: table.name.clone(),
                row,
                column: table.columns[column].clone(),
                length,
                max: EXCEL_MAX_CELL_TEXT,
            });
        }
    }
    Ok(())
}

/// Characters of the longest line.
fn text_width(text: &str) -> usize {
    text.lines().map(|line| line.chars().count()).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::tables::tests::counted;

    fn workbook_bytes(tables: &[Table]) -> Result<Vec<u8>, ExportError> {
        let mut out = Vec::new();
        write_xlsx(tables, &mut out)?;
        Ok(out)
    }

    fn sheet_names_of(workbook: &mut Workbook) -> Vec<String> {
        workbook.worksheets().iter().map(|sheet| sheet.name()).collect()
    }

    #[test]
    fn writes_a_zip() {
        let mut table = Table::new("связи: 2019/2020", &["место", "документы", "доля"]);
        table.push(vec!["Калининград & \"Гродно\"".into(), Cell::Int(3), Cell::Float(0.5)]);
        table.push(vec![Cell::Empty, Cell::Int(0), Cell::Float(f64::INFINITY)]);
        let bytes = workbook_bytes(&[table, Table::new("empty", &[]), Table::new("header only", &["a"])]).unwrap();
        assert!(bytes.starts_with(b"PK"));
    }

    #[test]
    fn no_tables_still_make_a_workbook() {
        assert!(workbook_bytes(&[]).unwrap().starts_with(b"PK"));
    }

    #[test]
    fn a_sheet_holds_what_excel_holds() {
        assert_eq!(EXCEL_MAX_ROWS, 1 << 20);
        assert_eq!(ROWS_PER_SHEET, 1_048_575);
        assert_eq!(EXCEL_MAX_COLUMNS, 1 << 14);
    }

    #[test]
    fn long_tables_continue_on_further_sheets() {
        let made = AtomicUsize::new(0);
        let tables = [counted(7, false, &made), Table::new("empty", &["a"]), counted(3, false, &made)];
        let mut workbook = workbook(&tables, 3).unwrap();
        assert_eq!(sheet_names_of(&mut workbook), ["counted", "counted (2)", "counted (3)", "empty", "counted (4)"]);
        assert_eq!(made.load(Ordering::Relaxed), 10, "every row made once");
        let mut out = Vec::new();
        write_xlsx_with_rows_per_sheet(&tables, &mut out, 3).unwrap();
        assert!(out.starts_with(b"PK"));
    }

    /// A million rows of one small cell take about a second.
    #[test]
    fn a_table_of_more_rows_than_a_sheet_holds_is_split() {
        let made = AtomicUsize::new(0);
        let table = Table::lazy("statements", &["n"], EXCEL_MAX_ROWS + 5, |index, row| {
            made.fetch_add(1, Ordering::Relaxed);
            row.push(Cell::Int(index as i64 % 10));
        });
        let mut workbook = workbook(std::slice::from_ref(&table), ROWS_PER_SHEET).unwrap();
        assert_eq!(sheet_names_of(&mut workbook), ["statements", "statements (2)"]);
        assert_eq!(made.load(Ordering::Relaxed), EXCEL_MAX_ROWS + 5);
        workbook.save_to_writer(std::io::sink()).unwrap();
    }

    #[test]
    fn too_many_columns_is_an_error_before_any_row_is_made() {
        let made = AtomicUsize::new(0);
        let columns = vec!["c"; EXCEL_MAX_COLUMNS + 1];
        let wide = Table::lazy("wide", &columns, 3, |_, _| {
            made.fetch_add(1, Ordering::Relaxed);
        });
        let error = workbook_bytes(&[Table::new("fine", &["a"]), wide]).unwrap_err();
        assert!(matches!(error, ExportError::TooManyColumns { columns: 16_385, max: 16_384, .. }), "{error}");
        assert_eq!(made.load(Ordering::Relaxed), 0);
    }

    #[test]
    fn overlong_cell_text_is_an_error() {
        let mut table = Table::new("long", &["text"]);
        table.push(vec!["я".repeat(EXCEL_MAX_CELL_TEXT).into()]);
        assert!(workbook_bytes(std::slice::from_ref(&table)).is_ok());
        table.push(vec!["😀".repeat(EXCEL_MAX_CELL_TEXT / 2 + 1).into()]);
        let error = workbook_bytes(&[table]).unwrap_err();
        assert!(matches!(error, ExportError::CellTooLong { row: 1, length: 32_768, .. }), "{error}");
        assert!(error.to_string().contains("row 1, column text has 32768 characters"), "{error}");
    }

    #[test]
    fn ragged_rows_stop_the_workbook() {
        let made = AtomicUsize::new(0);
        let error = workbook_bytes(&[counted(100, true, &made)]).unwrap_err();
        assert!(matches!(error, ExportError::RowLength { row: 2, expected: 2, found: 1, .. }), "{error}");
        assert_eq!(made.load(Ordering::Relaxed), 3);
    }
}

//! Tables as one Excel workbook.

use std::io::Write;

use coopatlas_analytics::{Cell, Table};
use rust_xlsxwriter::{Format, Workbook, Worksheet};

use crate::ExportError;
use crate::names::{float_text, sheet_names};
use crate::tables::check_table;

/// Rows of an Excel sheet, the header included.
pub const EXCEL_MAX_ROWS: usize = 1_048_576;
/// Columns of an Excel sheet.
pub const EXCEL_MAX_COLUMNS: usize = 16_384;
/// Characters (UTF-16 units) of an Excel cell.
pub const EXCEL_MAX_CELL_TEXT: usize = 32_767;

/// Column widths, in characters of the default font.
const MIN_WIDTH: usize = 8;
const MAX_WIDTH: usize = 60;
/// Excel's General format shows at most this many characters of a number.
const NUMBER_WIDTH: usize = 11;

/// Writes tables as one workbook, one sheet per table in order.
///
/// Sheet names are the table names made valid for Excel (forbidden characters `[ ] : * ? / \`
/// replaced by `_`, at most 31 characters, case-insensitive duplicates numbered ` (2)`...). The
/// header row is bold, frozen and carries an autofilter; columns are as wide as their longest
/// value (8 to 60 characters). Ints and floats are numbers (Excel keeps 15 significant digits;
/// non-finite floats are left blank), text is text (never a formula), empty cells are blank.
///
/// A table that does not fit a sheet (more than 1,048,575 rows below the header, more than
/// 16,384 columns, a cell longer than 32,767 characters) is an error before anything is written.
/// Rows go to a temporary file per sheet while the workbook is built (constant-memory mode), so
/// memory stays flat however long the tables; the zip is then streamed to `w`.
pub fn write_xlsx<W: Write + Send>(tables: &[Table], mut w: W) -> Result<(), ExportError> {
    for table in tables {
        check_table(table)?;
        check_limits(table)?;
    }
    let header = Format::new().set_bold();
    let mut workbook = Workbook::new();
    for (table, name) in tables.iter().zip(sheet_names(tables.iter().map(|table| table.name.as_str()))) {
        let sheet = workbook.add_worksheet_with_low_memory()?;
        sheet.set_name(name)?;
        write_sheet(sheet, table, &header)?;
    }
    workbook.save_to_writer(&mut w)?;
    w.flush()?;
    Ok(())
}

fn check_limits(table: &Table) -> Result<(), ExportError> {
    if table.rows.len() >= EXCEL_MAX_ROWS {
        return Err(ExportError::TooManyRows {
            table: table.name.clone(),
            rows: table.rows.len(),
            max: EXCEL_MAX_ROWS - 1,
        });
    }
    if table.columns.len() > EXCEL_MAX_COLUMNS {
        return Err(ExportError::TooManyColumns {
            table: table.name.clone(),
            columns: table.columns.len(),
            max: EXCEL_MAX_COLUMNS,
        });
    }
    for (row, cells) in table.rows.iter().enumerate() {
        for (column, cell) in cells.iter().enumerate() {
            // UTF-8 bytes are never fewer than UTF-16 units: count only long texts.
            if let Cell::Text(text) = cell
                && text.len() > EXCEL_MAX_CELL_TEXT
                && text.encode_utf16().count() > EXCEL_MAX_CELL_TEXT
            {
                return Err(ExportError::CellTooLong {
                    table: table.name.clone(),
                    row,
                    column: table.columns[column].clone(),
                    length: text.encode_utf16().count(),
                    max: EXCEL_MAX_CELL_TEXT,
                });
            }
        }
    }
    Ok(())
}

/// Writes the header and rows of a table whose size [`check_limits`] accepted.
fn write_sheet(sheet: &mut Worksheet, table: &Table, header: &Format) -> Result<(), ExportError> {
    // The header's bold letters and the filter button take about three more characters.
    let mut widths: Vec<usize> = table.columns.iter().map(|name| text_width(name) + 3).collect();
    for (column, name) in table.columns.iter().enumerate() {
        sheet.write_string_with_format(0, column as u16, name.as_str(), header)?;
    }
    for (index, cells) in table.rows.iter().enumerate() {
        let row = index as u32 + 1;
        for (column, cell) in cells.iter().enumerate() {
            let width = match cell {
                Cell::Empty => 0,
                Cell::Text(text) => {
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
            widths[column] = widths[column].max(width);
        }
    }
    if !table.columns.is_empty() {
        let last_column = table.columns.len() as u16 - 1;
        sheet.set_freeze_panes(1, 0)?;
        sheet.autofilter(0, 0, table.rows.len() as u32, last_column)?;
    }
    for (column, width) in widths.into_iter().enumerate() {
        sheet.set_column_width(column as u16, (width + 1).clamp(MIN_WIDTH, MAX_WIDTH) as f64)?;
    }
    Ok(())
}

/// Characters of the longest line.
fn text_width(text: &str) -> usize {
    text.lines().map(|line| line.chars().count()).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workbook(tables: &[Table]) -> Result<Vec<u8>, ExportError> {
        let mut out = Vec::new();
        write_xlsx(tables, &mut out)?;
        Ok(out)
    }

    #[test]
    fn writes_a_zip() {
        let mut table = Table::new("связи: 2019/2020", &["место", "документы", "доля"]);
        table.push(vec!["Калининград & \"Гродно\"".into(), Cell::Int(3), Cell::Float(0.5)]);
        table.push(vec![Cell::Empty, Cell::Int(0), Cell::Float(f64::INFINITY)]);
        let bytes = workbook(&[table, Table::new("empty", &[]), Table::new("header only", &["a"])]).unwrap();
        assert!(bytes.starts_with(b"PK"));
    }

    #[test]
    fn no_tables_still_make_a_workbook() {
        assert!(workbook(&[]).unwrap().starts_with(b"PK"));
    }

    #[test]
    fn too_many_rows_is_an_error_naming_the_limit() {
        let mut table = Table::new("huge", &[]);
        table.rows = vec![Vec::new(); EXCEL_MAX_ROWS];
        let error = check_limits(&table).unwrap_err();
        assert!(matches!(error, ExportError::TooManyRows { rows: EXCEL_MAX_ROWS, max: 1_048_575, .. }));
        assert!(error.to_string().contains("1048575 rows below the header"), "{error}");
    }

    #[test]
    fn the_last_row_that_fits_is_accepted() {
        let mut table = Table::new("full", &[]);
        table.rows = vec![Vec::new(); EXCEL_MAX_ROWS - 1];
        assert!(check_limits(&table).is_ok());
    }

    #[test]
    fn overlong_cell_text_is_an_error() {
        let mut table = Table::new("long", &["text"]);
        table.push(vec!["я".repeat(EXCEL_MAX_CELL_TEXT).into()]);
        assert!(check_limits(&table).is_ok());
        table.push(vec!["😀".repeat(EXCEL_MAX_CELL_TEXT / 2 + 1).into()]);
        let error = workbook(&[table]).unwrap_err();
        assert!(matches!(error, ExportError::CellTooLong { row: 1, .. }), "{error}");
    }
}

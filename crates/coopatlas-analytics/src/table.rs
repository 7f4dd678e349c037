//! Plain tables: what every export format writes and every report table shows. Analytics turn
//! their results into tables with typed cells, so that a spreadsheet gets numbers as numbers.

use serde::Serialize;

/// One value of a table.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Cell {
    Empty,
    Text(String),
    Int(i64),
    Float(f64),
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::Text(text.to_string())
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell::Text(text)
    }
}

impl From<Option<String>> for Cell {
    fn from(text: Option<String>) -> Cell {
        text.map_or(Cell::Empty, Cell::Text)
    }
}

impl From<i64> for Cell {
    fn from(value: i64) -> Cell {
        Cell::Int(value)
    }
}

impl From<usize> for Cell {
    fn from(value: usize) -> Cell {
        Cell::Int(value as i64)
    }
}

impl From<Option<i32>> for Cell {
    fn from(value: Option<i32>) -> Cell {
        value.map_or(Cell::Empty, |value| Cell::Int(value.into()))
    }
}

impl From<f64> for Cell {
    fn from(value: f64) -> Cell {
        if value.is_finite() { Cell::Float(value) } else { Cell::Empty }
    }
}

/// A named table: a sheet of a workbook, a CSV file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    /// A short machine name: the sheet name and the CSV file stem (`documents`, `ties`...).
    pub name: String,
    /// Column names, machine-readable (`federal_district`, `documents`...).
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    pub fn new(name: impl Into<String>, columns: &[&str]) -> Table {
        Table {
            name: name.into(),
            columns: columns.iter().map(|column| column.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row; it must have one cell per column.
    pub fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.columns.len(), "row of table {}", self.name);
        self.rows.push(row);
    }
}

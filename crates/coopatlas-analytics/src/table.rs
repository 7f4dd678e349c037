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

/// A named table: a sheet of a workbook, a CSV file. Its rows are stored, or made one at a time
/// from the analysis they come from ([`Table::lazy`]), so that a table of a million statements is
/// written out without ever being held whole.
pub struct Table<'a> {
    /// A short machine name: the sheet name and the CSV file stem (`documents`, `ties`...).
    pub name: String,
    /// Column names, machine-readable (`federal_district`, `documents`...).
    pub columns: Vec<String>,
    rows: Rows<'a>,
}

/// Makes row `index` into the buffer it is given (cleared first).
type MakeRow<'a> = Box<dyn Fn(usize, &mut Vec<Cell>) + 'a>;

enum Rows<'a> {
    Stored(Vec<Vec<Cell>>),
    Lazy { len: usize, make: MakeRow<'a> },
}

impl Table<'static> {
    /// An empty table with stored rows.
    pub fn new(name: impl Into<String>, columns: &[&str]) -> Table<'static> {
        Table {
            name: name.into(),
            columns: columns.iter().map(|column| column.to_string()).collect(),
            rows: Rows::Stored(Vec::new()),
        }
    }
}

impl<'a> Table<'a> {
    /// A table of `len` rows, row `index` made by `make` when it is read.
    pub fn lazy(
        name: impl Into<String>,
        columns: &[&str],
        len: usize,
        make: impl Fn(usize, &mut Vec<Cell>) + 'a,
    ) -> Table<'a> {
        Table {
            name: name.into(),
            columns: columns.iter().map(|column| column.to_string()).collect(),
            rows: Rows::Lazy { len, make: Box::new(make) },
        }
    }

    /// Adds a row to a table of stored rows; it must have one cell per column.
    ///
    /// # Panics
    /// On a lazy table.
    pub fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.columns.len(), "row of table {}", self.name);
        match &mut self.rows {
            Rows::Stored(rows) => rows.push(row),
            Rows::Lazy { .. } => panic!("rows cannot be pushed onto the lazy table {}", self.name),
        }
    }

    pub fn len(&self) -> usize {
        match &self.rows {
            Rows::Stored(rows) => rows.len(),
            Rows::Lazy { len, .. } => *len,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Row `index` into `buffer` (cleared first).
    pub fn row_into(&self, index: usize, buffer: &mut Vec<Cell>) {
        buffer.clear();
        match &self.rows {
            Rows::Stored(rows) => buffer.extend_from_slice(&rows[index]),
            Rows::Lazy { make, .. } => make(index, buffer),
        }
    }

    /// Row `index`.
    pub fn row(&self, index: usize) -> Vec<Cell> {
        let mut row = Vec::with_capacity(self.columns.len());
        self.row_into(index, &mut row);
        row
    }

    /// Hands every row to `visit` in order, one buffer reused for all; stops at its first error.
    pub fn try_for_each_row<E>(&self, mut visit: impl FnMut(usize, &[Cell]) -> Result<(), E>) -> Result<(), E> {
        match &self.rows {
            Rows::Stored(rows) => rows.iter().enumerate().try_for_each(|(index, row)| visit(index, row)),
            Rows::Lazy { len, make } => {
                let mut buffer = Vec::with_capacity(self.columns.len());
                for index in 0..*len {
                    buffer.clear();
                    make(index, &mut buffer);
                    visit(index, &buffer)?;
                }
                Ok(())
            }
        }
    }
}

impl std::fmt::Debug for Table<'_> {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("Table")
            .field("name", &self.name)
            .field("columns", &self.columns)
            .field("rows", &self.len())
            .finish()
    }
}

/// `{"name", "columns", "rows": [[...], ...]}`, the rows streamed one at a time.
impl Serialize for Table<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeSeq, SerializeStruct};

        struct AllRows<'t, 'a>(&'t Table<'a>);
        impl Serialize for AllRows<'_, '_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut sequence = serializer.serialize_seq(Some(self.0.len()))?;
                self.0.try_for_each_row(|_, row| sequence.serialize_element(row))?;
                sequence.end()
            }
        }

        let mut table = serializer.serialize_struct("Table", 3)?;
        table.serialize_field("name", &self.name)?;
        table.serialize_field("columns", &self.columns)?;
        table.serialize_field("rows", &AllRows(self))?;
        table.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_and_lazy_rows_read_alike() {
        let mut stored = Table::new("t", &["n", "square"]);
        for n in 0..3i64 {
            stored.push(vec![Cell::Int(n), Cell::Int(n * n)]);
        }
        let squares = [0i64, 1, 4];
        let lazy = Table::lazy("t", &["n", "square"], 3, |index, row| {
            row.push(Cell::Int(index as i64));
            row.push(Cell::Int(squares[index]));
        });
        assert_eq!((stored.len(), lazy.len()), (3, 3));
        assert_eq!(stored.row(2), lazy.row(2));
        assert_eq!(serde_json::to_string(&stored).unwrap(), serde_json::to_string(&lazy).unwrap());
        assert_eq!(
            serde_json::to_string(&lazy).unwrap(),
            r#"{"name":"t","columns":["n","square"],"rows":[[0,0],[1,1],[2,4]]}"#
        );
        let mut seen = Vec::new();
        let stopped: Result<(), usize> = lazy.try_for_each_row(|index, row| {
            seen.push(row.to_vec());
            if index == 1 { Err(index) } else { Ok(()) }
        });
        assert_eq!((stopped, seen.len()), (Err(1), 2));
        assert!(Table::new("empty", &[]).is_empty());
    }
}

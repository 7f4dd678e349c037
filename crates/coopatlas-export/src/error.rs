//! What can go wrong while exporting.

use std::io;
use std::path::{Path, PathBuf};

use crate::Format;

/// An export that could not be written. Path-based writers name the file; writers given an
/// `impl Write` report the bare IO error.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("writing failed: {0}")]
    Io(#[from] io::Error),
    #[error("{}: {source}", path.display())]
    File { path: PathBuf, source: io::Error },
    #[error("{format} does not hold {what}; {hint}")]
    Unsupported { format: Format, what: &'static str, hint: &'static str },
    #[error("{} names one CSV file, but there are {tables} tables: give a directory for one CSV each", path.display())]
    NeedsDirectory { path: PathBuf, tables: usize },
    #[error("table {table}: row {row} has {found} cells for {expected} columns")]
    RowLength { table: String, row: usize, expected: usize, found: usize },
    #[error("table {table}: {columns} columns do not fit an Excel sheet, which holds {max}")]
    TooManyColumns { table: String, columns: usize, max: usize },
    #[error(
        "table {table}: the cell in row {row}, column {column} has {length} characters (UTF-16 units); \
         an Excel cell holds {max}"
    )]
    CellTooLong { table: String, row: usize, column: String, length: usize, max: usize },
    #[error("network: edge {edge} names node {node}, but there are {nodes} nodes")]
    EdgeOutOfRange { edge: usize, node: usize, nodes: usize },
    #[error("network: node id {id} is given to more than one node")]
    DuplicateNode { id: String },
    #[error("CSV: {0}")]
    Csv(String),
    #[error("JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("XLSX: {0}")]
    Xlsx(#[source] rust_xlsxwriter::XlsxError),
}

impl ExportError {
    /// Names the file an IO error happened in.
    pub(crate) fn in_file(self, path: &Path) -> ExportError {
        match self {
            ExportError::Io(source) => ExportError::File { path: path.to_path_buf(), source },
            ExportError::Json(error) if error.is_io() => {
                ExportError::File { path: path.to_path_buf(), source: io::Error::from(error) }
            }
            other => other,
        }
    }

    pub(crate) fn file(path: &Path, source: io::Error) -> ExportError {
        ExportError::File { path: path.to_path_buf(), source }
    }
}

impl From<csv::Error> for ExportError {
    fn from(error: csv::Error) -> ExportError {
        match error.into_kind() {
            csv::ErrorKind::Io(error) => ExportError::Io(error),
            other => ExportError::Csv(format!("{other:?}")),
        }
    }
}

impl From<rust_xlsxwriter::XlsxError> for ExportError {
    fn from(error: rust_xlsxwriter::XlsxError) -> ExportError {
        match error {
            rust_xlsxwriter::XlsxError::IoError(error) => ExportError::Io(error),
            other => ExportError::Xlsx(other),
        }
    }
}

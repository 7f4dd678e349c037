//! Exports of analytics results: [`Table`]s as CSV, XLSX and JSON; the partner [`Network`] as
//! GEXF (dynamic, for Gephi's timeline), GraphML, JSON and CSV node and edge lists.
//!
//! This crate is at the IO edge: it writes files. Every format has a writer over
//! `impl std::io::Write` that streams its rows ([`write_csv`], [`write_xlsx`],
//! [`write_tables_json`], [`write_gexf`], [`write_graphml`], [`write_node_list`],
//! [`write_edge_list`], [`write_network_json`]), and two functions write to a path by
//! [`Format`], the way the CLI asks for them:
//!
//! - [`write_tables`]: `csv` (a directory with one `<name>.csv` per table, or one file when there
//!   is exactly one table and the path ends in `.csv`), `xlsx` (one sheet per table, and further
//!   sheets `<name> (2)`, `<name> (3)`... for a table longer than a sheet), `json`;
//! - [`write_network`]: `gexf`, `graphml`, `json`, `edgelist` (a directory with `nodes.csv` and
//!   `edges.csv`; `csv` means the same), `xlsx` (sheets `nodes` and `edges`).
//!
//! Tables stream: a [`Table`]'s rows may be made one at a time from the analysis
//! ([`Table::lazy`]), and every writer reads each row once, in order, into one buffer it reuses,
//! so that a table of a million statements is never held whole. Rows are therefore checked as
//! they are written (one cell per column; an XLSX cell within Excel's length), not before.
//!
//! A file appears only once complete: it is written to a temporary file beside it and renamed
//! over it, so a failed export (a ragged row, a cell too long for Excel, a full disk) leaves the
//! previous file, or none, never a truncated one. The files of a directory export are all
//! written under temporary names before the first is renamed into place, so a failure leaves
//! the directory's earlier files as they were. Missing parent directories are created.
//!
//! ```
//! use coopatlas_analytics::{Cell, Table};
//! let mut table = Table::new("ties", &["place", "documents"]);
//! table.push(vec!["Калининград".into(), Cell::Int(3)]);
//! let mut csv = Vec::new();
//! coopatlas_export::write_csv(&table, &mut csv).unwrap();
//! assert_eq!(String::from_utf8(csv).unwrap(), "place,documents\r\nКалининград,3\r\n");
//! ```
//!
//! # Codemap
//!
//! | module | writes |
//! | --- | --- |
//! | `tables` | a table as CSV (also the node and edge lists' writer), tables as JSON |
//! | `xlsx` | tables as a workbook (rust_xlsxwriter), long tables over several sheets |
//! | `network` | the node and edge attributes every network format shares; node and edge lists, JSON |
//! | `gexf`, `graphml` | the network as XML (quick-xml), sharing `xml` |
//! | `names` | numbers as text, characters XML cannot hold, sheet names and file names |
//! | `files` | whole-or-nothing files |
//!
//! # Conventions
//!
//! - Numbers stay numbers: ints and floats are numbers in XLSX and JSON and typed attributes in
//!   GEXF and GraphML; as text (CSV, XML) a float is the shortest decimal that reads back as the
//!   same number, with an exponent only outside 1e-6..1e15. A non-finite float is an empty
//!   cell, JSON `null`, or a missing attribute value.
//! - Lists (years, forms, spheres) in CSV, XLSX, GEXF and GraphML are joined with `;`.
//! - Text is UTF-8 throughout; XML writers replace the few characters XML 1.0 cannot hold (C0
//!   controls) with U+FFFD and escape the rest.
//! - A table whose rows do not all have one cell per column, and a network whose edge names a
//!   missing node or whose nodes share an id, are errors, not files. A network is checked before
//!   anything is written; a table's rows as they are written.

mod error;
mod files;
mod gexf;
mod graphml;
mod names;
mod network;
mod tables;
mod xlsx;
mod xml;

use std::fmt;
use std::io::Write;
use std::path::Path;
use std::str::FromStr;

pub use coopatlas_analytics::network::Network;
pub use coopatlas_analytics::{Cell, Table};

pub use error::ExportError;
pub use gexf::write_gexf;
pub use graphml::write_graphml;
pub use network::{network_tables, write_edge_list, write_network_json, write_node_list};
pub use tables::{write_csv, write_tables_json};
pub use xlsx::{EXCEL_MAX_CELL_TEXT, EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS, write_xlsx, write_xlsx_with_rows_per_sheet};

/// An export format, as named on the command line (`csv`, `xlsx`, `json`, `gexf`, `graphml`,
/// `edgelist`; parsing ignores case).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Csv,
    Xlsx,
    Json,
    Gexf,
    Graphml,
    EdgeList,
}

impl Format {
    pub const ALL: [Format; 6] =
        [Format::Csv, Format::Xlsx, Format::Json, Format::Gexf, Format::Graphml, Format::EdgeList];

    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Json => "json",
            Format::Gexf => "gexf",
            Format::Graphml => "graphml",
            Format::EdgeList => "edgelist",
        }
    }

    /// Whether [`write_tables`] writes this format; [`write_network`] writes all of them.
    pub fn holds_tables(self) -> bool {
        matches!(self, Format::Csv | Format::Xlsx | Format::Json)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A format name that is none of [`Format::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown export format {0:?}: expected one of csv, xlsx, json, gexf, graphml, edgelist")]
pub struct UnknownFormat(pub String);

impl FromStr for Format {
    type Err = UnknownFormat;

    fn from_str(name: &str) -> Result<Format, UnknownFormat> {
        Format::ALL
            .into_iter()
            .find(|format| format.name().eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| UnknownFormat(name.to_string()))
    }
}

/// Writes tables to `out` in `format`:
///
/// - `csv`: `out` is a directory, created if missing, that gets one `<name>.csv` per table (the
///   table name made a safe file name, see below); with exactly one table and `out` ending in
///   `.csv`, `out` is that file instead. Several tables and a `.csv` path is an error. Files
///   already in the directory stay, but for those a table's file replaces.
/// - `xlsx`: `out` is the workbook, one sheet per table, a table longer than a sheet continued
///   on further sheets ([`write_xlsx`]).
/// - `json`: `out` is one JSON document ([`write_tables_json`]).
///
/// File names from table names: `/ \ < > : " | ? *` and control characters become `_`, a leading
/// dot `_`; trailing dots and spaces go, Windows device names (`con`, `nul`...) get a `_`, an
/// empty name is `table`, and names equal but for case are numbered `-2`, `-3`...
///
/// Each table's rows are made once and checked as they are written. An error leaves no file
/// changed: the workbook or document is renamed into place only once complete, and a CSV
/// directory's files are all written under temporary names before the first is renamed.
pub fn write_tables(format: Format, tables: &[Table], out: &Path) -> Result<(), ExportError> {
    write_tables_with(format, tables, out, &Options::default())
}

/// How tables are written beyond their format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Options {
    /// Start each CSV file with a UTF-8 byte order mark: Excel then reads Cyrillic as UTF-8
    /// rather than in the system's code page (other readers may see the mark in the first column
    /// name, so it is off by default).
    pub csv_bom: bool,
}

/// [`write_tables`] with [`Options`].
pub fn write_tables_with(format: Format, tables: &[Table], out: &Path, options: &Options) -> Result<(), ExportError> {
    let write_csv = |table: &Table, mut w: &mut dyn Write| -> Result<(), ExportError> {
        if options.csv_bom {
            w.write_all("\u{feff}".as_bytes())?;
        }
        write_csv(table, &mut w)
    };
    match format {
        Format::Csv => {
            if has_extension(out, "csv") {
                return match tables {
                    [table] => files::write_file(out, |w| write_csv(table, w)),
                    _ => Err(ExportError::NeedsDirectory { path: out.to_path_buf(), tables: tables.len() }),
                };
            }
            files::create_dir(out)?;
            let stems = names::file_stems(tables.iter().map(|table| table.name.as_str()));
            let written = tables
                .iter()
                .zip(stems)
                .map(|(table, stem)| files::write_pending(&out.join(format!("{stem}.csv")), |w| write_csv(table, w)))
                .collect::<Result<Vec<_>, _>>()?;
            files::persist_all(written)
        }
        Format::Xlsx => files::write_file(out, |w| write_xlsx(tables, w)),
        Format::Json => files::write_file(out, |w| write_tables_json(tables, w)),
        Format::Gexf | Format::Graphml | Format::EdgeList => {
            Err(ExportError::Unsupported { format, what: "tables", hint: "tables are written as csv, xlsx or json" })
        }
    }
}

/// Writes the network to `out` in `format`:
///
/// - `gexf`, `graphml`, `json`: `out` is the file ([`write_gexf`], [`write_graphml`],
///   [`write_network_json`]);
/// - `edgelist` (and `csv`, the same): `out` is a directory, created if missing, that gets
///   `nodes.csv` ([`write_node_list`]) and `edges.csv` ([`write_edge_list`]), both written before
///   either is renamed into place; a path ending in `.csv` is an error;
/// - `xlsx`: `out` is a workbook with the sheets `nodes` and `edges` ([`network_tables`]).
pub fn write_network(format: Format, network: &Network, out: &Path) -> Result<(), ExportError> {
    network::check_network(network)?;
    match format {
        Format::Gexf => files::write_file(out, |w| write_gexf(network, w)),
        Format::Graphml => files::write_file(out, |w| write_graphml(network, w)),
        Format::Json => files::write_file(out, |w| write_network_json(network, w)),
        Format::Xlsx => {
            let tables = network_tables(network)?;
            files::write_file(out, |w| write_xlsx(&tables, w))
        }
        Format::EdgeList | Format::Csv => {
            if has_extension(out, "csv") {
                return Err(ExportError::NeedsDirectory { path: out.to_path_buf(), tables: 2 });
            }
            files::create_dir(out)?;
            let nodes = files::write_pending(&out.join("nodes.csv"), |w| write_node_list(network, w))?;
            let edges = files::write_pending(&out.join("edges.csv"), |w| write_edge_list(network, w))?;
            files::persist_all([nodes, edges])
        }
    }
}

fn has_extension(path: &Path, extension: &str) -> bool {
    path.extension().is_some_and(|found| found.eq_ignore_ascii_case(extension))
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::tables::tests::counted;

    /// The names of the files in `dir`, sorted.
    fn files_in(dir: &Path) -> Vec<String> {
        let mut files: Vec<String> =
            std::fs::read_dir(dir).unwrap().map(|entry| entry.unwrap().file_name().into_string().unwrap()).collect();
        files.sort();
        files
    }

    #[test]
    fn format_names_round_trip() {
        for format in Format::ALL {
            assert_eq!(format.to_string().parse::<Format>(), Ok(format));
        }
        assert_eq!("XLSX".parse::<Format>(), Ok(Format::Xlsx));
        assert_eq!("edgelist".parse::<Format>(), Ok(Format::EdgeList));
        let error = "pdf".parse::<Format>().unwrap_err();
        assert!(error.to_string().contains("\"pdf\"") && error.to_string().contains("graphml"));
    }

    #[test]
    fn tables_in_network_formats_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let error = write_tables(Format::Gexf, &[], &dir.path().join("t.gexf")).unwrap_err();
        assert!(matches!(error, ExportError::Unsupported { format: Format::Gexf, .. }), "{error}");
        assert!(!dir.path().join("t.gexf").exists());
    }

    #[test]
    fn a_byte_order_mark_only_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        let mut table = Table::new("места", &["имя"]);
        table.push(vec!["Калининград".into()]);
        let (plain, marked) = (dir.path().join("plain.csv"), dir.path().join("marked.csv"));
        write_tables(Format::Csv, std::slice::from_ref(&table), &plain).unwrap();
        write_tables_with(Format::Csv, std::slice::from_ref(&table), &marked, &Options { csv_bom: true }).unwrap();
        assert_eq!(std::fs::read_to_string(&plain).unwrap(), "имя\r\nКалининград\r\n");
        assert_eq!(std::fs::read_to_string(&marked).unwrap(), "\u{feff}имя\r\nКалининград\r\n");
        // In a folder too; other formats ignore it.
        write_tables_with(Format::Csv, &[table], &dir.path().join("folder"), &Options { csv_bom: true }).unwrap();
        assert!(std::fs::read(dir.path().join("folder/места.csv")).unwrap().starts_with(b"\xef\xbb\xbf"));
        write_tables_with(Format::Json, &[], &dir.path().join("t.json"), &Options { csv_bom: true }).unwrap();
        assert!(std::fs::read(dir.path().join("t.json")).unwrap().starts_with(b"{"));
    }

    #[test]
    fn csv_path_or_directory() {
        let dir = tempfile::tempdir().unwrap();
        let mut ties = Table::new("ties", &["a"]);
        ties.push(vec![Cell::Int(1)]);
        let places = Table::new("места/2019", &["b"]);

        write_tables(Format::Csv, std::slice::from_ref(&ties), &dir.path().join("one.csv")).unwrap();
        assert_eq!(std::fs::read_to_string(dir.path().join("one.csv")).unwrap(), "a\r\n1\r\n");

        let tables = [ties, places];
        let error = write_tables(Format::Csv, &tables, &dir.path().join("two.csv"));
        assert!(matches!(error, Err(ExportError::NeedsDirectory { tables: 2, .. })));

        let out = dir.path().join("nested/report");
        write_tables(Format::Csv, &tables, &out).unwrap();
        assert_eq!(files_in(&out), ["ties.csv", "места_2019.csv"]);
    }

    #[test]
    fn every_format_makes_each_row_once() {
        let dir = tempfile::tempdir().unwrap();
        let made = AtomicUsize::new(0);
        let tables = [counted(5, false, &made), counted(3, false, &made)];
        for (format, out) in [(Format::Csv, "csv"), (Format::Xlsx, "t.xlsx"), (Format::Json, "t.json")] {
            write_tables(format, &tables, &dir.path().join(out)).unwrap();
            assert_eq!(made.swap(0, Ordering::Relaxed), 8, "{format}");
        }
        write_tables(Format::Csv, &tables[..1], &dir.path().join("one.csv")).unwrap();
        assert_eq!(made.load(Ordering::Relaxed), 5);
    }

    #[test]
    fn a_failed_export_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("report.xlsx");
        std::fs::write(&out, b"old").unwrap();
        // The error comes at the last row, after the others are written.
        let long = Table::lazy("long", &["text"], 1000, |index, row| {
            let length = if index == 999 { EXCEL_MAX_CELL_TEXT + 1 } else { 10 };
            row.push("x".repeat(length).into());
        });
        let error = write_tables(Format::Xlsx, &[Table::new("fine", &["a"]), long], &out).unwrap_err();
        assert!(matches!(error, ExportError::CellTooLong { row: 999, .. }), "{error}");
        assert_eq!(std::fs::read(&out).unwrap(), b"old");
        assert_eq!(files_in(dir.path()), ["report.xlsx"], "no temporary file is left");

        let made = AtomicUsize::new(0);
        for (format, name) in [(Format::Json, "t.json"), (Format::Csv, "t.csv")] {
            let out = dir.path().join(name);
            std::fs::write(&out, b"old").unwrap();
            let error = write_tables(format, &[counted(100, true, &made)], &out).unwrap_err();
            assert!(matches!(error, ExportError::RowLength { row: 2, .. }), "{format}: {error}");
            assert_eq!(std::fs::read(&out).unwrap(), b"old", "{format}");
        }
        assert_eq!(files_in(dir.path()), ["report.xlsx", "t.csv", "t.json"]);
    }

    #[test]
    fn a_failed_directory_export_changes_none_of_its_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("report");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("first.csv"), b"old").unwrap();
        let made = AtomicUsize::new(0);
        let mut first = Table::new("first", &["a"]);
        first.push(vec![Cell::Int(1)]);
        let mut ragged = counted(10, true, &made);
        ragged.name = "ragged".to_string();
        let error = write_tables(Format::Csv, &[first, ragged, Table::new("third", &["b"])], &out).unwrap_err();
        assert!(matches!(&error, ExportError::RowLength { table, row: 2, .. } if table == "ragged"), "{error}");
        assert_eq!(std::fs::read(out.join("first.csv")).unwrap(), b"old", "the first table's file is not replaced");
        assert_eq!(files_in(&out), ["first.csv"], "no new or temporary file is left");
    }

    #[cfg(unix)]
    #[test]
    fn exports_are_not_private_files() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("t.json");
        write_tables(Format::Json, &[], &out).unwrap();
        let mode = std::fs::metadata(&out).unwrap().permissions().mode();
        // 0o666 less the umask: at least the owner can read and write, and not only the owner
        // unless the umask says so.
        assert_eq!(mode & 0o600, 0o600);
        assert_ne!(mode & 0o777, 0o600, "mode {mode:o}");
    }
}

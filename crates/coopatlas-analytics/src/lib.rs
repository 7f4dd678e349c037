//! Analytics over an atlas: what analysts used to tabulate by hand, computed from the stored
//! facts of every document, each number with the documents and sentences behind it.
//!
//! Pure: documents and their facts come in one at a time (a store streams them into an
//! [`Analyzer`]), results come out as values. No IO.
//!
//! - [`filter`]: the one filter model (period, language, genre, places and districts, spheres,
//!   forms, scope);
//! - [`geo`]: rollups of places into regions, districts and countries, with the contested
//!   territories as an explicit choice;
//! - [`analysis`]: the accumulator and the rows it keeps (documents, statements, partnerships,
//!   figures);
//! - [`measures`]: group tables, series, places, figures, overview; [`network`] and [`graph`]: the
//!   partner network and its measures; [`tables`]: everything as plain [`Table`]s for export.

pub mod analysis;
pub mod filter;
pub mod geo;
pub mod graph;
pub mod keys;
pub mod labels;
pub mod measures;
pub mod network;
pub mod table;
pub mod tables;

pub use analysis::{Analysis, Analyzer, DocumentInput, Evidence};
pub use filter::{Filter, Scope};
pub use geo::{Contest, Geography};
pub use labels::Lang;
pub use table::{Cell, Table};

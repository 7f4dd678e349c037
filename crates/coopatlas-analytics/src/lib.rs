//! Analytics over an atlas: what analysts used to tabulate by hand, computed from the stored
//! facts of every document, each number with the documents and sentences behind it.
//!
//! Pure: documents and their facts come in one at a time (a store streams them), results come
//! out as values. No IO.

pub mod graph;
pub mod network;
pub mod table;

pub use table::{Cell, Table};

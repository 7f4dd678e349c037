//! The report: one self-contained HTML page of an atlas (or of one place) that opens without a
//! network — inline CSS, charts as inline SVG, no script, no font, no image — with every count
//! of documents or statements linked to the sentences behind it.
//!
//! Pure: an [`Analysis`] and the quoted sentences come in, a `String` comes out. The caller reads
//! the sentences from its store in between:
//!
//! ```
//! use std::collections::HashMap;
//! use coopatlas_analytics::{Analyzer, Contest, Filter, Geography};
//! use coopatlas_gazetteer::Gazetteer;
//! use coopatlas_report::{Options, evidence_needed, render};
//!
//! let geography = Geography::new(&Gazetteer::bundled(), &coopatlas_gazetteer::contested(), Contest::Iso);
//! let analysis = Analyzer::new(&geography, Filter::default()).finish();
//! let options = Options::default();
//! let needed = evidence_needed(&analysis, &geography, &options);
//! let passages: HashMap<_, _> = needed.into_iter().map(|evidence| (evidence, String::from("…"))).collect();
//! let html = render(&analysis, &geography, &passages, &options);
//! assert!(html.starts_with("<!DOCTYPE html>"));
//! ```
//!
//! The page sets a content security policy that allows nothing but inline style and `data:`
//! images, so a fetch that slipped in by mistake is blocked and shows up in the browser's console.
//! Every piece of text from documents, names and paths is escaped before it meets markup.

mod atlas;
mod evidence;
pub mod format;
mod html;
mod page;
mod profile;
pub mod svg;

use std::collections::HashMap;

pub use coopatlas_analytics::Lang;
use coopatlas_analytics::{Analysis, Evidence, Geography};

use crate::page::Page;

/// What to render and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub lang: Lang,
    /// The page's title; a default in the report's language when `None`.
    pub title: Option<String>,
    /// Profile of one place (gazetteer id) instead of the atlas report. The analysis should be
    /// filtered to that place (`Filter::places = [id]`).
    pub place: Option<String>,
    /// Free text printed in the header: atlas name, generation time, coopatlas version.
    pub generated: String,
    /// The command line that reproduces the report, printed in the methods section.
    pub command: String,
    /// How many documents to quote per cell.
    pub evidence_per_cell: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            lang: Lang::Ru,
            title: None,
            place: None,
            generated: String::new(),
            command: String::new(),
            evidence_per_cell: 10,
        }
    }
}

/// The evidence sentences the report will quote (so the caller can read exactly those from the
/// store), sorted, each once.
pub fn evidence_needed(analysis: &Analysis, geography: &Geography, options: &Options) -> Vec<Evidence> {
    let mut page = Page::new(analysis, geography, options, false);
    body(&mut page);
    page.registry.evidences()
}

/// The report. `passages` maps each needed [`Evidence`] to its sentence text; missing ones are
/// shown as "(sentence not available)".
pub fn render(
    analysis: &Analysis,
    geography: &Geography,
    passages: &HashMap<Evidence, String>,
    options: &Options,
) -> String {
    let mut page = Page::new(analysis, geography, options, true);
    body(&mut page);
    page.appendices(passages);
    page.foot();
    page.out
}

/// The report in one pass: the body is written, then `fetch` is asked for the sentences of the
/// evidence it quotes (sorted, each once), then the appendices quote them. The same page as
/// [`evidence_needed`] followed by [`render`], at half the work.
pub fn render_with<E>(
    analysis: &Analysis,
    geography: &Geography,
    options: &Options,
    fetch: impl FnOnce(&[Evidence]) -> Result<HashMap<Evidence, String>, E>,
) -> Result<String, E> {
    let mut page = Page::new(analysis, geography, options, true);
    body(&mut page);
    let passages = fetch(&page.registry.evidences())?;
    page.appendices(&passages);
    page.foot();
    Ok(page.out)
}

/// Everything before the appendices: what registers the cells with evidence. `evidence_needed`
/// and `render` run the same code, so they agree on what is quoted.
fn body(page: &mut Page) {
    match page.options.place.clone() {
        Some(place) => profile::write(page, &place),
        None => atlas::write(page),
    }
}

#[cfg(test)]
mod tests;

//! The facts extracted from a document, as they are stored in an atlas: plain owned values with
//! stable ids (gazetteer place ids, codebook keys) and byte ranges into the document's text, so
//! that every fact leads back to its sentence. The extractor produces them; stores keep them
//! next to the document they came from, written in the same transaction.

use serde::{Deserialize, Serialize};

/// A `[start, end)` byte range in the document's text.
pub type Span = (usize, usize);

/// Everything extraction found in one document.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Facts {
    /// Which extractor and data produced these facts (crate version and data fingerprint), so that
    /// an atlas can tell facts from an older extractor.
    pub extractor: String,
    pub places: Vec<PlaceFact>,
    pub organizations: Vec<OrganizationFact>,
    pub ties: Vec<TieFact>,
    /// Each sphere with its share of the sphere cues in cooperation sentences; sums to 1.
    pub spheres: Vec<SphereShare>,
    pub figures: Vec<FigureFact>,
    /// `none`, `shallow`, `formal` or `detailed`.
    pub depth: String,
    /// The place whose document this is (a region's strategy, its portal's news): the place
    /// the document's district, region and country are counted under.
    #[serde(default)]
    pub subject: Option<String>,
}

/// A place named in the document, with every mention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceFact {
    /// The gazetteer id: ISO 3166 code or `geonames:N`.
    pub place: String,
    pub mentions: Vec<Span>,
}

/// An organisation named in the document, with every mention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganizationFact {
    pub organization: String,
    pub mentions: Vec<Span>,
}

/// Two places in a stated cooperation relation; `a` sorts before `b`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TieFact {
    pub a: String,
    pub b: String,
    pub forms: Vec<String>,
    pub spheres: Vec<String>,
    /// The sentence that states the tie.
    pub evidence: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SphereShare {
    pub sphere: String,
    pub share: f64,
    /// The cooperation sentences whose cues name the sphere.
    #[serde(default)]
    pub evidence: Vec<Span>,
}

/// A number about cooperation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FigureFact {
    pub value: f64,
    /// A unit of the contract: `USD`, `RUB`, `percent`, `count`...
    pub unit: String,
    /// What is counted or measured, as the text words it.
    pub what: Option<String>,
    /// `more_than`, `about`... when the text hedges the number.
    pub qualifier: Option<String>,
    /// The places the sentence names.
    pub places: Vec<String>,
    pub year: Option<i32>,
    /// The number expression itself.
    pub span: Span,
    /// The sentence it stands in.
    pub evidence: Span,
}

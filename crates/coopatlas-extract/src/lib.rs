//! Extraction: from a document's text, the places that cooperate and with whom, in what forms
//! and spheres, with what figures, each backed by its sentence; and how concretely the document
//! describes cooperation (depth). The output is the extraction contract v1
//! (`docs/contract/extract-v1.md`).
//!
//! The stages, each a module:
//! 1. `places` — names found by the [`Gazetteer`], each resolved to one place or dropped
//!    (adjectives, common words in lowercase, datelines);
//! 2. `ties` — pairs of places in a sentence with a cooperation cue, and the document's focal
//!    actor paired with a partner named alone;
//! 3. figures, spheres and depth over the sentences that speak of cooperation;
//! 4. `organizations` — names found by the organisations table, a regional body joined with the
//!    region named next to it.
//!
//! Every fact keeps the byte range of its evidence in the text.

mod contract;
mod depth;
mod lists;
mod organizations;
mod places;
mod ties;

use std::collections::BTreeMap;
use std::ops::Range;

use coopatlas_codebook::{Codebook, Reading};
use coopatlas_document::Facts;
use coopatlas_document::facts;
use coopatlas_figures::Figure;
use coopatlas_gazetteer::{Gazetteer, PlaceIndex};
use coopatlas_organizations::Organizations;
use serde_json::Value;

pub use contract::{Contract, ContractFigure, ContractOrganization, ContractPlace, ContractSphere, ContractTie};
pub use depth::Depth;
pub use organizations::OrgFact;

/// What the extractor needs to know about a document besides its text.
#[derive(Debug, Clone, Copy, Default)]
pub struct Input<'a> {
    pub text: &'a str,
    pub title: Option<&'a str>,
    pub date: Option<&'a str>,
    pub language: Option<&'a str>,
}

/// A place found in the document, with every mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceFact {
    pub place: PlaceIndex,
    pub mentions: Vec<Range<usize>>,
}

/// Two places in a stated cooperation relation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tie {
    /// `a` sorts before `b` by place id.
    pub a: PlaceIndex,
    pub b: PlaceIndex,
    pub forms: Vec<&'static str>,
    pub spheres: Vec<&'static str>,
    /// The first sentence that states the tie.
    pub evidence: Range<usize>,
}

/// A number about cooperation.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureFact {
    pub figure: Figure,
    pub places: Vec<PlaceIndex>,
    pub year: Option<i32>,
    pub evidence: Range<usize>,
}

/// Everything extracted from one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Extraction {
    pub places: Vec<PlaceFact>,
    /// Sorted by id.
    pub organizations: Vec<OrgFact>,
    pub ties: Vec<Tie>,
    /// Each sphere with its share of the sphere cues in cooperation sentences; sums to 1.
    pub spheres: Vec<(&'static str, f64)>,
    /// For each sphere of `spheres`, in the same order, the sentences whose cues name it.
    pub sphere_evidence: Vec<Vec<Range<usize>>>,
    pub figures: Vec<FigureFact>,
    pub depth: Depth,
    /// The place whose document this is: the region (or, failing one, the city) named most
    /// often at its head, not as a venue.
    pub subject: Option<PlaceIndex>,
}

/// The extractor: a gazetteer, a codebook and the organisations table, reused for every document.
#[derive(Debug)]
pub struct Extractor {
    gazetteer: Gazetteer,
    codebook: Codebook,
    organizations: Organizations,
}

impl Extractor {
    /// An extractor with the bundled organisations table.
    pub fn new(gazetteer: Gazetteer, codebook: Codebook) -> Extractor {
        Extractor { gazetteer, codebook, organizations: Organizations::bundled() }
    }

    /// The same extractor with another organisations table.
    pub fn with_organizations(self, organizations: Organizations) -> Extractor {
        Extractor { organizations, ..self }
    }

    pub fn organizations(&self) -> &Organizations {
        &self.organizations
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Names this extractor and its data, as stored with the facts it produces: the crate's
    /// version and fingerprints of the gazetteer and codebook tables. Facts stored under another
    /// name came from another extractor and can be brought up to date.
    pub fn version(&self) -> String {
        format!(
            "coopatlas-extract {} facts 2 gazetteer {:016x} codebook {:016x} organizations {:016x}",
            env!("CARGO_PKG_VERSION"),
            self.gazetteer.fingerprint(),
            self.codebook.fingerprint(),
            self.organizations.fingerprint()
        )
    }

    /// The facts of an extraction as an atlas stores them: stable ids instead of indexes into
    /// this extractor's tables, and byte ranges into the text.
    pub fn facts(&self, extraction: &Extraction) -> Facts {
        let id = |index: PlaceIndex| self.gazetteer.place(index).id.clone();
        let span = |range: &Range<usize>| (range.start, range.end);
        Facts {
            extractor: self.version(),
            places: extraction
                .places
                .iter()
                .map(|fact| facts::PlaceFact {
                    place: id(fact.place),
                    mentions: fact.mentions.iter().map(span).collect(),
                })
                .collect(),
            organizations: extraction
                .organizations
                .iter()
                .map(|fact| facts::OrganizationFact {
                    organization: organizations::id(&self.organizations, &self.gazetteer, fact),
                    mentions: fact.mentions.iter().map(span).collect(),
                })
                .collect(),
            ties: extraction
                .ties
                .iter()
                .map(|tie| facts::TieFact {
                    a: id(tie.a),
                    b: id(tie.b),
                    forms: tie.forms.iter().map(|form| form.to_string()).collect(),
                    spheres: tie.spheres.iter().map(|sphere| sphere.to_string()).collect(),
                    evidence: span(&tie.evidence),
                })
                .collect(),
            spheres: extraction
                .spheres
                .iter()
                .zip(&extraction.sphere_evidence)
                .map(|((sphere, share), sentences)| facts::SphereShare {
                    sphere: sphere.to_string(),
                    share: *share,
                    evidence: sentences.iter().map(span).collect(),
                })
                .collect(),
            figures: extraction
                .figures
                .iter()
                .map(|fact| facts::FigureFact {
                    value: fact.figure.value,
                    unit: fact.figure.unit.as_str().to_string(),
                    what: fact.figure.what.clone(),
                    qualifier: fact.figure.qualifier.map(|qualifier| qualifier.as_str().to_string()),
                    places: fact.places.iter().map(|place| id(*place)).collect(),
                    year: fact.year,
                    span: span(&fact.figure.range),
                    evidence: span(&fact.evidence),
                })
                .collect(),
            depth: extraction.depth.as_str().to_string(),
            subject: extraction.subject.map(id),
        }
    }

    pub fn extract(&self, input: &Input<'_>) -> Extraction {
        let text = input.text;
        let sentences = coopatlas_text::sentences(text);
        // One folding of the text serves both dictionaries.
        let normalized = coopatlas_text::normalize(text);
        let resolved = places::resolve(&self.gazetteer, text, &normalized, &sentences);
        let organizations = organizations::find(&self.organizations, &self.gazetteer, text, &normalized);
        // One pass of the codebook per sentence: cues, forms and spheres share the stemming.
        let readings: Vec<Reading> =
            sentences.iter().map(|sentence| self.codebook.read(&text[sentence.clone()])).collect();
        let cooperation: Vec<bool> =
            readings.iter().map(|reading| !reading.cooperation.is_empty() || !reading.forms.is_empty()).collect();
        let focal = places::focal_actor(&self.gazetteer, input, &resolved, &sentences);
        // A place inside an organisation's name ("Совет Республики Национального собрания
        // Беларуси") names the organisation, not a party.
        let inside_organizations: Vec<Range<usize>> =
            organizations.iter().flat_map(|fact| fact.mentions.iter().cloned()).collect();
        let found = ties::Found {
            sentences: &sentences,
            readings: &readings,
            cooperation: &cooperation,
            resolved: &resolved,
            focal,
            inside_organizations: &inside_organizations,
        };
        let ties = ties::find(&self.gazetteer, text, &found);

        let mut sphere_counts: BTreeMap<&'static str, (usize, Vec<Range<usize>>)> = BTreeMap::new();
        let mut figures = Vec::new();
        for (index, sentence) in sentences.iter().enumerate() {
            let sentence_text = &text[sentence.clone()];
            let places_here = places::in_range(&resolved, sentence);
            if cooperation[index] {
                for cue in &readings[index].spheres {
                    let (count, evidence) = sphere_counts.entry(cue.key.as_str()).or_default();
                    *count += 1;
                    if evidence.last() != Some(sentence) {
                        evidence.push(sentence.clone());
                    }
                }
            }
            // A sentence that goes on about the cooperation just stated ("Сумма контрактов
            // превысила 250 млн долларов.") speaks of it too, within one paragraph.
            let continues = index.checked_sub(1).is_some_and(|previous| {
                cooperation[previous] && !text[sentences[previous].end..sentence.start].contains("\n\n")
            });
            if !cooperation[index] && places_here.is_empty() && !continues {
                continue;
            }
            let year = single_year(sentence_text);
            for mut figure in coopatlas_figures::find_figures(sentence_text) {
                figure.range = figure.range.start + sentence.start..figure.range.end + sentence.start;
                figures.push(FigureFact { figure, places: places_here.clone(), year, evidence: sentence.clone() });
            }
        }
        let total: usize = sphere_counts.values().map(|(count, _)| count).sum();
        let (spheres, sphere_evidence) = sphere_counts
            .into_iter()
            .map(|(sphere, (count, evidence))| ((sphere, count as f64 / total.max(1) as f64), evidence))
            .unzip();
        let depth = depth::grade(text, &sentences, &readings, &cooperation, &ties, &figures);
        let mut places: Vec<PlaceFact> = Vec::new();
        for mention in &resolved {
            match places.iter_mut().find(|fact| fact.place == mention.place) {
                Some(fact) => fact.mentions.push(mention.range.clone()),
                None => places.push(PlaceFact { place: mention.place, mentions: vec![mention.range.clone()] }),
            }
        }
        places.sort_by(|left, right| self.gazetteer.place(left.place).id.cmp(&self.gazetteer.place(right.place).id));
        Extraction { places, organizations, ties, spheres, sphere_evidence, figures, depth, subject: focal }
    }

    /// The contract v1 object for one document.
    pub fn to_contract(&self, source: &str, input: &Input<'_>, extraction: &Extraction) -> Value {
        serde_json::to_value(self.contract(source, input, extraction)).unwrap_or(Value::Null)
    }

    /// The contract v1 record for one document, borrowing from the input, the extraction and the
    /// extractor's tables; `serde_json::to_string` of it is one line of `extract --json`.
    pub fn contract<'a>(&'a self, source: &'a str, input: &Input<'a>, extraction: &'a Extraction) -> Contract<'a> {
        let place = |index: PlaceIndex| self.gazetteer.place(index);
        Contract {
            source,
            language: input.language,
            title: input.title,
            date: input.date,
            places: extraction
                .places
                .iter()
                .map(|fact| {
                    let found = place(fact.place);
                    ContractPlace {
                        id: &found.id,
                        name: &found.name_en,
                        kind: found.kind.as_str(),
                        country: &found.country,
                        mentions: fact.mentions.len(),
                    }
                })
                .collect(),
            organizations: extraction
                .organizations
                .iter()
                .map(|fact| ContractOrganization {
                    id: organizations::id(&self.organizations, &self.gazetteer, fact),
                    name: organizations::name(&self.organizations, &self.gazetteer, fact),
                    kind: self.organizations.get(fact.org).kind.as_str(),
                    mentions: fact.mentions.len(),
                })
                .collect(),
            ties: extraction
                .ties
                .iter()
                .map(|tie| ContractTie {
                    a: &place(tie.a).id,
                    b: &place(tie.b).id,
                    forms: &tie.forms,
                    spheres: &tie.spheres,
                    evidence: input.text[tie.evidence.clone()].trim(),
                })
                .collect(),
            spheres: extraction
                .spheres
                .iter()
                .map(|(sphere, share)| ContractSphere { sphere, share: round(*share) })
                .collect(),
            figures: extraction
                .figures
                .iter()
                .map(|fact| ContractFigure {
                    value: fact.figure.value,
                    unit: fact.figure.unit.as_str(),
                    what: fact.figure.what.as_deref(),
                    places: fact.places.iter().map(|index| place(*index).id.as_str()).collect(),
                    year: fact.year,
                    evidence: input.text[fact.evidence.clone()].trim(),
                })
                .collect(),
            depth: extraction.depth.as_str(),
        }
    }
}

fn round(share: f64) -> f64 {
    (share * 1000.0).round() / 1000.0
}

/// The year a sentence speaks of, when it names exactly one (1990–2099).
fn single_year(sentence: &str) -> Option<i32> {
    let mut years = coopatlas_text::tokens(sentence)
        .map(|token| token.as_str(sentence))
        .filter(|word| word.len() == 4)
        .filter_map(|word| word.parse::<i32>().ok())
        .filter(|year| (1990..=2099).contains(year));
    let first = years.next()?;
    years.all(|year| year == first).then_some(first)
}

#[cfg(test)]
mod tests;

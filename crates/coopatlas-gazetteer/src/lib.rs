//! The [`Gazetteer`]: places — countries (ISO 3166-1), first-level regions (ISO 3166-2) and
//! cities (GeoNames) — with every name they go by: names in English and Russian, all Russian case
//! forms, short and historical names, English variants and adjectives.
//!
//! [`Gazetteer::find`] runs one Aho-Corasick automaton (leftmost-longest) over the text folded by
//! `coopatlas_text::normalize`, keeps matches that sit on word boundaries, and returns each
//! [`Mention`] with its range in the original text and every place the name may denote. Deciding
//! between those candidates is the extractor's job.
//!
//! The data is two TSV tables (`places`, `aliases`; see `data/gazetteer/README.md` in the
//! repository). This crate parses text it is given and reads no files.
//!
//! ```
//! use coopatlas_gazetteer::Gazetteer;
//! let places = "id\tkind\tcountry\tparent\tname_en\tname_ru\tlat\tlon\tpopulation\tgeonames_id\tfederal_district\teconomic_region\tassociations\n\
//!               BY-MA\tregion\tBY\t\tMogilev Region\tМогилёвская область\t\t\t\t\t\t\t\n";
//! let aliases = "id\tlang\talias\tsource\tflags\nBY-MA\tru\tМогилёвской области\tcase_form\t\n";
//! let gazetteer = Gazetteer::from_tsv(places, aliases).unwrap();
//! let text = "Соглашение с Могилевской областью и делегация Могилёвской области.";
//! let mentions = gazetteer.find(text);
//! assert_eq!(mentions.len(), 1);
//! assert_eq!(&text[mentions[0].range.clone()], "Могилёвской области");
//! assert_eq!(gazetteer.place(mentions[0].candidates[0].place).id, "BY-MA");
//! ```

mod table;

use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};
use coopatlas_text::{Normalized, normalize, on_word_boundaries};

pub use table::TableError;

const BUNDLED_PLACES: &str = include_str!("../../../data/gazetteer/places.tsv");
const BUNDLED_ALIASES: &str = include_str!("../../../data/gazetteer/aliases.tsv");
const BUNDLED_CONTESTED: &str = include_str!("../../../data/gazetteer/contested.tsv");

/// A territory whose status states dispute (`data/gazetteer/contested.tsv`): places keep their
/// ISO code and country; the claim is here, for rollups that choose to follow it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contested {
    /// The ISO 3166-2 code places.tsv uses (`UA-43`).
    pub id: String,
    /// The state claiming it (`RU`).
    pub claimed_by: String,
    /// The date of the claimed incorporation (`2014-03-18`).
    pub claimed_since: String,
    /// The federal district the claimant assigns it to.
    pub claimed_federal_district: Option<String>,
}

/// The bundled contested territories.
pub fn contested() -> Vec<Contested> {
    table::parse_contested(BUNDLED_CONTESTED).expect("the bundled contested table is checked by its tests")
}

/// What kind of place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlaceKind {
    Country,
    Region,
    City,
}

impl PlaceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Country => "country",
            PlaceKind::Region => "region",
            PlaceKind::City => "city",
        }
    }
}

/// One place and its reference facts.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// `BY`, `RU-KGD`, `geonames:2037013`.
    pub id: String,
    pub kind: PlaceKind,
    /// ISO 3166-1 alpha-2 of the country the place is in (itself for a country).
    pub country: String,
    /// The region a city belongs to, when known.
    pub parent: Option<String>,
    pub name_en: String,
    pub name_ru: Option<String>,
    pub coordinates: Option<(f64, f64)>,
    pub population: Option<u64>,
    pub federal_district: Option<String>,
    pub economic_region: Option<String>,
    pub associations: Vec<String>,
}

/// Index of a place in its gazetteer.
pub type PlaceIndex = usize;

/// How a name relates to its place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AliasSource {
    Name,
    CaseForm,
    Short,
    Historical,
    Variant,
    Adjective,
    DemonymPlural,
}

impl AliasSource {
    fn parse(text: &str) -> Option<AliasSource> {
        Some(match text {
            "name" => AliasSource::Name,
            "case_form" => AliasSource::CaseForm,
            "short" => AliasSource::Short,
            "historical" => AliasSource::Historical,
            "variant" => AliasSource::Variant,
            "adjective" => AliasSource::Adjective,
            "demonym_plural" => AliasSource::DemonymPlural,
            _ => return None,
        })
    }

    /// True for names that denote the place as a noun (not an adjective or demonym).
    pub fn is_noun(self) -> bool {
        !matches!(self, AliasSource::Adjective | AliasSource::DemonymPlural)
    }
}

/// Warnings attached to a name.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct AliasFlags {
    /// Also an ordinary word ("мир", "орел", "Mobile").
    pub common_word: bool,
    /// Also a surname ("Киров").
    pub surname: bool,
}

/// One place a matched name may denote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub place: PlaceIndex,
    pub source: AliasSource,
    pub flags: AliasFlags,
}

/// A name found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte range in the original text.
    pub range: Range<usize>,
    /// Every place the name may denote, in the order of the alias table.
    pub candidates: Vec<Candidate>,
}

/// Places and the automaton that finds their names.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    places: Vec<Place>,
    by_id: HashMap<String, PlaceIndex>,
    /// Folded aliases, and for each the places it names.
    patterns: Vec<String>,
    candidates: Vec<Vec<Candidate>>,
    automaton: AhoCorasick,
    /// Names the tables this gazetteer was built from (see [`Gazetteer::fingerprint`]).
    fingerprint: u64,
}

impl Gazetteer {
    /// The gazetteer bundled with coopatlas (`data/gazetteer/` in the repository, CC BY-SA 4.0:
    /// see its README for sources and licences).
    pub fn bundled() -> Gazetteer {
        Gazetteer::from_tsv(BUNDLED_PLACES, BUNDLED_ALIASES).expect("the bundled gazetteer is checked by its tests")
    }

    /// Builds a gazetteer from the places and aliases tables (TSV with a header row). Every
    /// place's English and Russian names are aliases too, without being listed.
    pub fn from_tsv(places: &str, aliases: &str) -> Result<Gazetteer, TableError> {
        if places.trim().is_empty() {
            return Err(TableError::Empty);
        }
        let empty = Gazetteer {
            places: Vec::new(),
            by_id: HashMap::new(),
            patterns: Vec::new(),
            candidates: Vec::new(),
            automaton: automaton(&[])?,
            fingerprint: 0,
        };
        empty.with_overrides(places, aliases)
    }

    /// Adds a user's own places and aliases (tables with the same columns as the bundled ones;
    /// either may be empty) without rebuilding the bundled data: local names of partner cities,
    /// a district's villages. A place whose id exists already replaces it.
    pub fn with_overrides(mut self, places: &str, aliases: &str) -> Result<Gazetteer, TableError> {
        if places.trim().is_empty() && aliases.trim().is_empty() {
            return Ok(self);
        }
        let fingerprint = coopatlas_text::fingerprint(&[&self.fingerprint.to_string(), places, aliases]);
        let mut builder = Builder::default();
        for (pattern, candidates) in self.patterns.iter().zip(&self.candidates) {
            for candidate in candidates {
                builder.add_folded(pattern.clone(), *candidate);
            }
        }
        if !places.trim().is_empty() {
            for place in table::parse_places(places)? {
                let index = match self.by_id.get(&place.id) {
                    Some(index) => {
                        self.places[*index] = place;
                        *index
                    }
                    None => {
                        self.by_id.insert(place.id.clone(), self.places.len());
                        self.places.push(place);
                        self.places.len() - 1
                    }
                };
                let place = &self.places[index];
                for name in std::iter::once(&place.name_en).chain(&place.name_ru) {
                    builder
                        .add(name, Candidate { place: index, source: AliasSource::Name, flags: AliasFlags::default() });
                }
            }
        }
        if !aliases.trim().is_empty() {
            for alias in table::parse_aliases(aliases)? {
                let place = *self
                    .by_id
                    .get(&alias.id)
                    .ok_or_else(|| TableError::UnknownPlace { line: alias.line, id: alias.id.clone() })?;
                builder.add(&alias.alias, Candidate { place, source: alias.source, flags: alias.flags });
            }
        }
        let (patterns, candidates) = builder.finish();
        Ok(Gazetteer { automaton: automaton(&patterns)?, patterns, candidates, fingerprint, ..self })
    }

    /// A fingerprint of the tables (bundled and overrides) this gazetteer was built from: equal
    /// fingerprints, equal gazetteers.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    pub fn places(&self) -> &[Place] {
        &self.places
    }

    pub fn place(&self, index: PlaceIndex) -> &Place {
        &self.places[index]
    }

    pub fn index_of(&self, id: &str) -> Option<PlaceIndex> {
        self.by_id.get(id).copied()
    }

    /// Number of distinct folded names.
    pub fn alias_count(&self) -> usize {
        self.patterns.len()
    }

    /// Every name of a place found in `text`, leftmost-longest, on word boundaries, in order.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        self.find_normalized(&normalize(text))
    }

    /// [`Gazetteer::find`] over a text already folded by [`normalize`], so that several
    /// dictionaries can share one folding of a long document.
    pub fn find_normalized(&self, normalized: &Normalized) -> Vec<Mention> {
        let mut mentions = Vec::new();
        // Overlapping search would report "Нижний Новгород" and "Новгород" both; leftmost-longest
        // gives the longest name at each position, and a match that fails the boundary check is
        // retried from its next character.
        let mut start = 0;
        while start < normalized.text.len() {
            let input = aho_corasick::Input::new(&normalized.text).span(start..normalized.text.len());
            let Some(found) = self.automaton.find(input) else {
                break;
            };
            let range = found.range();
            if on_word_boundaries(&normalized.text, range.clone()) {
                mentions.push(Mention {
                    range: normalized.original(range.clone()),
                    candidates: self.candidates[found.pattern().as_usize()].clone(),
                });
                start = range.end;
            } else {
                start = range.start + normalized.text[range.start..].chars().next().map_or(1, char::len_utf8);
            }
        }
        mentions
    }
}

/// One leftmost-longest automaton over the folded names: at each position the longest name wins
/// ("Нижний Новгород" over "Новгород").
fn automaton(patterns: &[String]) -> Result<AhoCorasick, TableError> {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(patterns)
        .map_err(|error| TableError::Automaton(error.to_string()))
}

/// Collects aliases folded and deduplicated, each with all its candidates.
#[derive(Default)]
struct Builder {
    index: HashMap<String, usize>,
    patterns: Vec<String>,
    candidates: Vec<Vec<Candidate>>,
}

impl Builder {
    fn add(&mut self, alias: &str, candidate: Candidate) {
        let folded = normalize(alias).text;
        if folded.chars().count() >= 2 {
            self.add_folded(folded, candidate);
        }
    }

    fn add_folded(&mut self, folded: String, candidate: Candidate) {
        let slot = match self.index.get(&folded) {
            Some(slot) => *slot,
            None => {
                self.index.insert(folded.clone(), self.patterns.len());
                self.patterns.push(folded);
                self.candidates.push(Vec::new());
                self.patterns.len() - 1
            }
        };
        let list = &mut self.candidates[slot];
        if let Some(existing) = list.iter_mut().find(|existing| existing.place == candidate.place) {
            // One place, one candidate: a name keeps its most noun-like source and all its flags.
            if !existing.source.is_noun() && candidate.source.is_noun() {
                existing.source = candidate.source;
            }
            existing.flags.common_word |= candidate.flags.common_word;
            existing.flags.surname |= candidate.flags.surname;
        } else {
            list.push(candidate);
        }
    }

    fn finish(self) -> (Vec<String>, Vec<Vec<Candidate>>) {
        (self.patterns, self.candidates)
    }
}

#[cfg(test)]
mod tests;

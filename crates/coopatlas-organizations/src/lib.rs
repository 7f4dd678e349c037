//! [`Organizations`]: the organisations that texts about interregional and international
//! cooperation name — international organisations and their bodies, councils of border regions,
//! associations of regions and of cities, federal and other state bodies, development institutions
//! and business associations — with their English and Russian names, abbreviations and every
//! Russian case form.
//!
//! [`Organizations::find`] works like the gazetteer: one Aho-Corasick automaton (leftmost-longest)
//! over the text folded by `coopatlas_text::normalize`, matches kept only on word boundaries.
//! Abbreviations, and names that are also ordinary phrases, are flagged `cased` and match only
//! with the capitals of the table ("ООН", "UN", "Союзное государство"), so "un" in a word or
//! "союзное государство" in a sentence are not organisations.
//!
//! Rows with [`Scope::Region`] stand for a kind of body every region has (a legislature, a
//! chamber of commerce); their mentions are returned like any other, and naming the region is the
//! caller's job (the extractor pairs them with the region named next to them).
//!
//! The data is two TSV tables (`organizations`, `aliases`; see `data/organizations/README.md` in
//! the repository). This crate parses text it is given and reads no files.
//!
//! ```
//! use coopatlas_organizations::Organizations;
//! let organizations = Organizations::bundled();
//! let text = "Глава региона выступил на заседании Шанхайской организации сотрудничества, а ООН поддержала проект.";
//! let found: Vec<&str> = organizations.find(text).iter().map(|mention| organizations.get(mention.org).id.as_str()).collect();
//! assert_eq!(found, ["sco", "un"]);
//! assert!(organizations.find("une bonne idée").is_empty());
//! ```

mod table;

use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};
use coopatlas_text::{Normalized, fingerprint, normalize, on_word_boundaries};

pub use table::TableError;

const BUNDLED_ORGANIZATIONS: &str = include_str!("../../../data/organizations/organizations.tsv");
const BUNDLED_ALIASES: &str = include_str!("../../../data/organizations/aliases.tsv");

/// What kind of organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OrgKind {
    /// Intergovernmental organisations and their bodies, the EU, the Union State.
    International,
    /// Euroregions and councils of regions of neighbouring countries.
    CrossBorder,
    /// International associations of cities or regions.
    InternationalAssociation,
    /// Associations of economic interaction of Russian regions.
    InterregionalAssociation,
    /// National associations of municipalities.
    MunicipalAssociation,
    /// Russian federal bodies.
    FederalBody,
    /// Central state bodies of other countries.
    NationalBody,
    /// State institutions for exports, investment and development.
    DevelopmentInstitution,
    /// Chambers of commerce, unions of entrepreneurs, business councils.
    BusinessAssociation,
    /// Bodies of a region other than its executive.
    RegionalBody,
}

impl OrgKind {
    const ALL: [(OrgKind, &'static str); 10] = [
        (OrgKind::International, "international"),
        (OrgKind::CrossBorder, "cross_border"),
        (OrgKind::InternationalAssociation, "international_association"),
        (OrgKind::InterregionalAssociation, "interregional_association"),
        (OrgKind::MunicipalAssociation, "municipal_association"),
        (OrgKind::FederalBody, "federal_body"),
        (OrgKind::NationalBody, "national_body"),
        (OrgKind::DevelopmentInstitution, "development_institution"),
        (OrgKind::BusinessAssociation, "business_association"),
        (OrgKind::RegionalBody, "regional_body"),
    ];

    pub fn as_str(self) -> &'static str {
        Self::ALL.iter().find(|(kind, _)| *kind == self).map_or("", |(_, name)| name)
    }

    pub fn parse(text: &str) -> Option<OrgKind> {
        Self::ALL.iter().find(|(_, name)| *name == text).map(|(kind, _)| *kind)
    }
}

/// Whether a row is one organisation or a kind of body that every region has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// One organisation.
    Named,
    /// A kind of regional body: it is one organisation only together with the region it belongs to.
    Region,
}

/// One organisation and its reference facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organization {
    /// `sco`, `rossotrudnichestvo`, `siberian-accord`.
    pub id: String,
    pub kind: OrgKind,
    pub scope: Scope,
    /// The state whose body or national association it is (ISO 3166-1 alpha-2).
    pub country: Option<String>,
    /// The gazetteer's key of an association of economic interaction (`siberian_accord`).
    pub association: Option<String>,
    pub name_en: String,
    pub name_ru: String,
}

/// Index of an organisation in its table.
pub type OrgIndex = usize;

/// An organisation's name found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgMention {
    pub org: OrgIndex,
    /// Byte range in the original text.
    pub range: Range<usize>,
}

/// One organisation a folded name stands for, and the letters the text must show when the name
/// is matched with its capitals.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    org: OrgIndex,
    cased: Option<String>,
}

/// Organisations and the automaton that finds their names.
#[derive(Debug, Clone)]
pub struct Organizations {
    organizations: Vec<Organization>,
    by_id: HashMap<String, OrgIndex>,
    patterns: Vec<String>,
    entries: Vec<Vec<Entry>>,
    automaton: AhoCorasick,
    fingerprint: u64,
}

impl Organizations {
    /// The table bundled with coopatlas (`data/organizations/` in the repository, CC BY-SA 4.0).
    pub fn bundled() -> Organizations {
        Organizations::from_tsv(BUNDLED_ORGANIZATIONS, BUNDLED_ALIASES)
            .expect("the bundled organisations are checked by their tests")
    }

    /// Builds the matcher from the organisations and aliases tables (TSV with a header row). The
    /// canonical names are aliases too, without being listed.
    pub fn from_tsv(organizations_table: &str, aliases: &str) -> Result<Organizations, TableError> {
        let organizations = table::parse_organizations(organizations_table)?;
        let mut by_id = HashMap::with_capacity(organizations.len());
        for (index, organization) in organizations.iter().enumerate() {
            if by_id.insert(organization.id.clone(), index).is_some() {
                return Err(TableError::BadRow {
                    line: index + 2,
                    reason: format!("duplicate id {:?}", organization.id),
                });
            }
        }
        let mut builder = Builder::default();
        if !aliases.trim().is_empty() {
            for alias in table::parse_aliases(aliases)? {
                let org = *by_id
                    .get(&alias.id)
                    .ok_or_else(|| TableError::UnknownOrganization { line: alias.line, id: alias.id.clone() })?;
                builder.add(&alias.alias, org, alias.cased);
            }
        }
        // A canonical name the aliases table does not list is matched without regard to case.
        for (index, organization) in organizations.iter().enumerate() {
            builder.add_unless_listed(&organization.name_en, index);
            builder.add_unless_listed(&organization.name_ru, index);
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&builder.patterns)
            .map_err(|error| TableError::Automaton(error.to_string()))?;
        let fingerprint = fingerprint(&[organizations_table, aliases]);
        Ok(Organizations {
            organizations,
            by_id,
            patterns: builder.patterns,
            entries: builder.entries,
            automaton,
            fingerprint,
        })
    }

    /// A fingerprint of the tables this matcher was built from: equal fingerprints, equal
    /// matchers. Extraction output records it, so that stored facts show which data found them.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    pub fn organizations(&self) -> &[Organization] {
        &self.organizations
    }

    pub fn get(&self, index: OrgIndex) -> &Organization {
        &self.organizations[index]
    }

    pub fn index_of(&self, id: &str) -> Option<OrgIndex> {
        self.by_id.get(id).copied()
    }

    /// Number of distinct folded names.
    pub fn alias_count(&self) -> usize {
        self.patterns.len()
    }

    /// Every organisation's name in `text`, leftmost-longest, on word boundaries, in order. A
    /// name inside a longer one ("Совет Федерации" in "Совет Федерации Федерального Собрания")
    /// is not reported separately.
    pub fn find(&self, text: &str) -> Vec<OrgMention> {
        self.find_normalized(text, &normalize(text))
    }

    /// [`Organizations::find`] over `text` and its folding by [`normalize`], so that several
    /// dictionaries can share one folding of a long document.
    pub fn find_normalized(&self, text: &str, normalized: &Normalized) -> Vec<OrgMention> {
        let mut mentions = Vec::new();
        let mut start = 0;
        while start < normalized.text.len() {
            let input = aho_corasick::Input::new(&normalized.text).span(start..normalized.text.len());
            let Some(found) = self.automaton.find(input) else {
                break;
            };
            let range = found.range();
            let original = normalized.original(range.clone());
            let org = on_word_boundaries(&normalized.text, range.clone())
                .then(|| {
                    let surface = letters(&text[original.clone()]);
                    self.entries[found.pattern().as_usize()]
                        .iter()
                        .find(|entry| entry.cased.as_ref().is_none_or(|cased| *cased == surface))
                        .map(|entry| entry.org)
                })
                .flatten();
            match org {
                Some(org) => {
                    mentions.push(OrgMention { org, range: original });
                    start = range.end;
                }
                // Retried from the next character: a shorter name may start inside this one.
                None => start = range.start + normalized.text[range.start..].chars().next().map_or(1, char::len_utf8),
            }
        }
        mentions
    }
}

/// The letters and digits of a name with their capitals, "ё" as "е": what a cased name must
/// show in the text, whatever its spaces, dashes and quotes.
fn letters(text: &str) -> String {
    text.chars()
        .filter(|character| character.is_alphanumeric())
        .map(|character| match character {
            'ё' => 'е',
            'Ё' => 'Е',
            other => other,
        })
        .collect()
}

/// Collects names folded and deduplicated, each with the organisations it names.
#[derive(Default)]
struct Builder {
    index: HashMap<String, usize>,
    patterns: Vec<String>,
    entries: Vec<Vec<Entry>>,
}

impl Builder {
    fn add_unless_listed(&mut self, name: &str, org: OrgIndex) {
        let listed = self
            .index
            .get(&normalize(name).text)
            .is_some_and(|slot| self.entries[*slot].iter().any(|entry| entry.org == org));
        if !listed {
            self.add(name, org, false);
        }
    }

    fn add(&mut self, alias: &str, org: OrgIndex, cased: bool) {
        let folded = normalize(alias).text;
        if folded.chars().filter(|character| character.is_alphanumeric()).count() < 2 {
            return;
        }
        let slot = *self.index.entry(folded.clone()).or_insert_with(|| {
            self.patterns.push(folded);
            self.entries.push(Vec::new());
            self.patterns.len() - 1
        });
        let cased = cased.then(|| letters(alias));
        let list = &mut self.entries[slot];
        match list.iter_mut().find(|entry| entry.org == org) {
            // The same name listed cased and uncased: the table asked for capitals once, and that wins.
            Some(existing) => {
                if existing.cased.is_none() {
                    existing.cased = cased;
                }
            }
            None => list.push(Entry { org, cased }),
        }
    }
}

#[cfg(test)]
mod tests;

//! One filter model for every analysis, report, export and page: which documents, and which of
//! their ties and figures, count.
//!
//! - Period, language and genre select documents by their metadata; a document without a year is
//!   left out when a period is set.
//! - Places and federal districts select by geography: a tie counts when either end lies in a
//!   chosen place or district; a document when its subject does or one of its ties counts; a
//!   figure when one of its places does (or, naming none, when its document's subject does).
//! - Forms, spheres and scope select ties; a document counts when one of its ties does (for
//!   spheres: or when its own sphere shares name one).

use serde::Serialize;

use crate::geo::Geography;

/// Ties within one country, or across a border.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    Interregional,
    International,
}

impl Scope {
    pub fn parse(text: &str) -> Option<Scope> {
        match text.trim() {
            "interregional" => Some(Scope::Interregional),
            "international" => Some(Scope::International),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Interregional => "interregional",
            Scope::International => "international",
        }
    }

    /// The scope of a tie between `a` and `b`.
    pub fn of(geography: &Geography, a: &str, b: &str) -> Scope {
        if geography.country(a) == geography.country(b) { Scope::Interregional } else { Scope::International }
    }
}

/// What to count. The default counts everything.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Filter {
    /// Federal district keys (`central`, `far_eastern`...).
    pub districts: Vec<String>,
    /// Place ids of any kind: countries, regions, cities.
    pub places: Vec<String>,
    /// First and last year, inclusive.
    pub from: Option<i32>,
    pub to: Option<i32>,
    pub languages: Vec<String>,
    pub genres: Vec<String>,
    pub spheres: Vec<String>,
    pub forms: Vec<String>,
    pub scope: Option<Scope>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    pub(crate) fn geographic(&self) -> bool {
        !self.districts.is_empty() || !self.places.is_empty()
    }

    /// True when the document's metadata passes the period, language and genre.
    pub fn metadata(&self, year: Option<i32>, language: Option<&str>, genre: &str) -> bool {
        if (self.from.is_some() || self.to.is_some())
            && !year
                .is_some_and(|year| self.from.is_none_or(|from| year >= from) && self.to.is_none_or(|to| year <= to))
        {
            return false;
        }
        (self.languages.is_empty() || language.is_some_and(|language| self.languages.iter().any(|l| l == language)))
            && (self.genres.is_empty() || self.genres.iter().any(|g| g == genre))
    }

    /// True when `place` lies in a chosen place or district (always, with no geography chosen).
    pub fn place(&self, geography: &Geography, place: &str) -> bool {
        if !self.geographic() {
            return true;
        }
        self.places.iter().any(|within| geography.lies_in(place, within))
            || geography
                .federal_district(place)
                .is_some_and(|district| self.districts.iter().any(|chosen| chosen == district))
    }

    /// True when a tie passes the geography, forms, spheres and scope.
    pub fn tie(&self, geography: &Geography, a: &str, b: &str, forms: &[String], spheres: &[String]) -> bool {
        (self.place(geography, a) || self.place(geography, b))
            && (self.forms.is_empty() || forms.iter().any(|form| self.forms.contains(form)))
            && (self.spheres.is_empty() || spheres.iter().any(|sphere| self.spheres.contains(sphere)))
            && self.scope.is_none_or(|scope| Scope::of(geography, a, b) == scope)
    }

    /// True when something that needs ties to match (forms, scope) is chosen.
    pub(crate) fn needs_ties(&self) -> bool {
        !self.forms.is_empty() || self.scope.is_some()
    }
}

/// A filter as the user wrote it (command-line options, URL query parameters): keys and place
/// names still unchecked. [`FilterText::parse`] checks it once, so the CLI and the web
/// application refuse the same things with the same words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterText {
    pub districts: Vec<String>,
    /// Gazetteer ids or names in any case form ("Амурской области").
    pub places: Vec<String>,
    pub from: Option<i32>,
    pub to: Option<i32>,
    pub languages: Vec<String>,
    pub genres: Vec<String>,
    pub spheres: Vec<String>,
    pub forms: Vec<String>,
    pub scope: Option<String>,
}

/// Why a filter was refused: always the user's mistake, never a failure of ours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterError {
    /// A key that is not in its vocabulary (`what` is "federal district", "sphere"...).
    UnknownKey {
        what: &'static str,
        value: String,
        known: Vec<&'static str>,
    },
    UnknownPlace(String),
    /// A name shared by several places: (id, English name, kind) of each.
    AmbiguousPlace {
        name: String,
        candidates: Vec<(String, String, &'static str)>,
    },
    Period {
        from: i32,
        to: i32,
    },
    UnknownScope(String),
}

impl FilterError {
    /// A stable code for APIs.
    pub fn code(&self) -> &'static str {
        match self {
            FilterError::UnknownKey { .. } => "unknown_key",
            FilterError::UnknownPlace(_) => "unknown_place",
            FilterError::AmbiguousPlace { .. } => "ambiguous_place",
            FilterError::Period { .. } => "bad_period",
            FilterError::UnknownScope(_) => "unknown_scope",
        }
    }
}

impl std::fmt::Display for FilterError {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FilterError::UnknownKey { what, value, known } => {
                write!(formatter, "unknown {what} {value:?}; known: {}", known.join(", "))
            }
            FilterError::UnknownPlace(name) => {
                write!(formatter, "no place is called {name:?} (give a gazetteer id such as RU-KGD, or a name)")
            }
            FilterError::AmbiguousPlace { name, candidates } => {
                let named: Vec<String> =
                    candidates.iter().map(|(id, name, kind)| format!("{id} ({name}, {kind})")).collect();
                write!(formatter, "{name:?} names several places: {}; give the id", named.join("; "))
            }
            FilterError::Period { from, to } => write!(formatter, "the period starts in {from}, after it ends in {to}"),
            FilterError::UnknownScope(text) => {
                write!(formatter, "unknown scope {text:?}: use interregional or international")
            }
        }
    }
}

impl std::error::Error for FilterError {}

impl FilterText {
    pub fn parse(&self, gazetteer: &coopatlas_gazetteer::Gazetteer) -> Result<Filter, FilterError> {
        use crate::labels;
        if let (Some(from), Some(to)) = (self.from, self.to)
            && from > to
        {
            return Err(FilterError::Period { from, to });
        }
        let scope = match self.scope.as_deref().map(str::trim).filter(|text| !text.is_empty()) {
            None => None,
            Some(text) => Some(Scope::parse(text).ok_or_else(|| FilterError::UnknownScope(text.to_string()))?),
        };
        Ok(Filter {
            districts: keys("federal district", &self.districts, labels::FEDERAL_DISTRICTS)?,
            places: self
                .places
                .iter()
                .filter(|place| !place.trim().is_empty())
                .map(|place| resolve_place(gazetteer, place))
                .collect::<Result<_, _>>()?,
            from: self.from,
            to: self.to,
            languages: keys("language", &self.languages, labels::LANGUAGES)?,
            genres: keys("genre", &self.genres, labels::GENRES)?,
            spheres: keys("sphere", &self.spheres, labels::SPHERES)?,
            forms: keys("form", &self.forms, labels::FORMS)?,
            scope,
        })
    }
}

/// The keys of `values`, each checked against `vocabulary`; blank values are skipped and
/// repeated ones kept once. `what` names the vocabulary in the error ("sphere").
pub fn keys(
    what: &'static str,
    values: &[String],
    vocabulary: crate::labels::Vocabulary,
) -> Result<Vec<String>, FilterError> {
    let mut keys: Vec<String> = Vec::new();
    for value in values.iter().map(|value| value.trim()).filter(|value| !value.is_empty()) {
        if !vocabulary.iter().any(|(key, _, _)| *key == value) {
            return Err(FilterError::UnknownKey {
                what,
                value: value.to_string(),
                known: vocabulary.iter().map(|(key, _, _)| *key).collect(),
            });
        }
        if !keys.iter().any(|key| key == value) {
            keys.push(value.to_string());
        }
    }
    Ok(keys)
}

/// A place by its id, or by a name the gazetteer knows (in any case form) when it names one place.
pub fn resolve_place(gazetteer: &coopatlas_gazetteer::Gazetteer, text: &str) -> Result<String, FilterError> {
    let text = text.trim();
    if gazetteer.index_of(text).is_some() {
        return Ok(text.to_string());
    }
    let upper = text.to_ascii_uppercase();
    if gazetteer.index_of(&upper).is_some() {
        return Ok(upper);
    }
    let whole: Vec<_> = gazetteer.find(text).into_iter().filter(|mention| mention.range == (0..text.len())).collect();
    let mut candidates: Vec<&str> = whole
        .iter()
        .flat_map(|mention| mention.candidates.iter().map(|candidate| gazetteer.place(candidate.place).id.as_str()))
        .collect();
    candidates.sort_unstable();
    candidates.dedup();
    match candidates.as_slice() {
        [one] => Ok(one.to_string()),
        [] => Err(FilterError::UnknownPlace(text.to_string())),
        many => Err(FilterError::AmbiguousPlace {
            name: text.to_string(),
            candidates: many
                .iter()
                .map(|id| {
                    let place = gazetteer.place(gazetteer.index_of(id).expect("candidate"));
                    (id.to_string(), place.name_en.clone(), place.kind.as_str())
                })
                .collect(),
        }),
    }
}

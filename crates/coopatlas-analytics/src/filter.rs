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

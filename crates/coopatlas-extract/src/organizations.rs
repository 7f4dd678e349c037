//! Organisations: names found by [`Organizations`], a regional body joined with the region named
//! next to it, and the body of one state dropped when the text names another state right after it.

use std::ops::Range;

use coopatlas_gazetteer::{Gazetteer, PlaceIndex, PlaceKind};
use coopatlas_organizations::{OrgIndex, Organizations, Scope};
use coopatlas_text::Normalized;

/// An organisation found in the document, with every mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgFact {
    pub org: OrgIndex,
    /// For a kind of body every region has (a legislature, a chamber of commerce): the region
    /// it belongs to.
    pub region: Option<PlaceIndex>,
    pub mentions: Vec<Range<usize>>,
}

/// How far from a body's name its region may start or end, in bytes.
const WINDOW: usize = 160;

pub(crate) fn find(
    organizations: &Organizations,
    gazetteer: &Gazetteer,
    text: &str,
    normalized: &Normalized,
) -> Vec<OrgFact> {
    let mut facts: Vec<OrgFact> = Vec::new();
    for mention in organizations.find_normalized(text, normalized) {
        let organization = organizations.get(mention.org);
        let (org, region) = match organization.scope {
            Scope::Region => {
                let Some(region) = region_after(gazetteer, text, mention.range.end)
                    .or_else(|| region_before(gazetteer, text, mention.range.start))
                else {
                    continue;
                };
                // A region's body may have a row of its own, under the id the pair would get.
                match organizations.index_of(&format!("{}:{}", organization.id, gazetteer.place(region).id)) {
                    Some(own) => (own, None),
                    None => (mention.org, Some(region)),
                }
            }
            Scope::Named => {
                // "Минэкономразвития Омской области", "Совет Республики Татарстан": a body of
                // another state or of a region, which the name alone does not tell.
                if let Some(country) = &organization.country
                    && let Some(place) = place_after(gazetteer, text, mention.range.end)
                    && gazetteer.place(place).id != *country
                {
                    continue;
                }
                (mention.org, None)
            }
        };
        match facts.iter_mut().find(|fact| fact.org == org && fact.region == region) {
            Some(fact) => fact.mentions.push(mention.range),
            None => facts.push(OrgFact { org, region, mentions: vec![mention.range] }),
        }
    }
    facts.sort_by_cached_key(|fact| id(organizations, gazetteer, fact));
    facts
}

/// The organisation's id: its row's, or `<kind of body>:<region id>` for a regional body.
pub(crate) fn id(organizations: &Organizations, gazetteer: &Gazetteer, fact: &OrgFact) -> String {
    let organization = organizations.get(fact.org);
    match fact.region {
        Some(region) => format!("{}:{}", organization.id, gazetteer.place(region).id),
        None => organization.id.clone(),
    }
}

/// The canonical English name: the row's, or "<body> of <region>" for a regional body.
pub(crate) fn name(organizations: &Organizations, gazetteer: &Gazetteer, fact: &OrgFact) -> String {
    let organization = organizations.get(fact.org);
    match fact.region {
        Some(region) => format!("{} of {}", organization.name_en, gazetteer.place(region).name_en),
        None => organization.name_en.clone(),
    }
}

/// A first-level region named right after `end`: "Законодательного Собрания | Калужской области",
/// "Legislative Assembly | of the Kaluga Region".
fn region_after(gazetteer: &Gazetteer, text: &str, end: usize) -> Option<PlaceIndex> {
    let window = &text[end..floor(text, end + WINDOW)];
    let mut rest = window.trim_start();
    for word in ["of ", "the "] {
        rest = rest.strip_prefix(word).map_or(rest, str::trim_start);
    }
    let skipped = window.len() - rest.len();
    gazetteer
        .find(window)
        .into_iter()
        .find(|found| found.range.start == skipped && capitalised(&window[found.range.clone()]))
        .and_then(|found| noun_of_kind(gazetteer, &found.candidates, &[PlaceKind::Region]))
}

/// A first-level region named right before `start`: "the Omsk Region | Chamber of Commerce".
fn region_before(gazetteer: &Gazetteer, text: &str, start: usize) -> Option<PlaceIndex> {
    let window = &text[ceil(text, start.saturating_sub(WINDOW))..start];
    let end = window.trim_end().len();
    gazetteer
        .find(window)
        .into_iter()
        .rfind(|found| found.range.end == end && capitalised(&window[found.range.clone()]))
        .and_then(|found| noun_of_kind(gazetteer, &found.candidates, &[PlaceKind::Region]))
}

/// A country or region named right after `end`, with nothing but spaces between.
fn place_after(gazetteer: &Gazetteer, text: &str, end: usize) -> Option<PlaceIndex> {
    let window = &text[end..floor(text, end + WINDOW)];
    let skipped = window.len() - window.trim_start().len();
    if skipped == 0 {
        return None;
    }
    gazetteer
        .find(window)
        .into_iter()
        .find(|found| found.range.start == skipped && capitalised(&window[found.range.clone()]))
        .and_then(|found| noun_of_kind(gazetteer, &found.candidates, &[PlaceKind::Country, PlaceKind::Region]))
}

/// Place names are capitalised; "того" is not Togo.
fn capitalised(name: &str) -> bool {
    name.chars().next().is_some_and(char::is_uppercase)
}

fn noun_of_kind(
    gazetteer: &Gazetteer,
    candidates: &[coopatlas_gazetteer::Candidate],
    kinds: &[PlaceKind],
) -> Option<PlaceIndex> {
    candidates
        .iter()
        .filter(|candidate| candidate.source.is_noun())
        .map(|candidate| candidate.place)
        .find(|place| kinds.contains(&gazetteer.place(*place).kind))
}

/// The largest character boundary of `text` at or before `index`.
fn floor(text: &str, index: usize) -> usize {
    let mut index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// The smallest character boundary of `text` at or after `index`.
fn ceil(text: &str, index: usize) -> usize {
    let mut index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index += 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use super::*;

    static TABLES: LazyLock<(Organizations, Gazetteer)> =
        LazyLock::new(|| (Organizations::bundled(), Gazetteer::bundled()));

    /// (id, name, mentions) of the organisations in `text`.
    fn found(text: &str) -> Vec<(String, String, usize)> {
        let (organizations, gazetteer) = &*TABLES;
        find(organizations, gazetteer, text, &coopatlas_text::normalize(text))
            .iter()
            .map(|fact| (id(organizations, gazetteer, fact), name(organizations, gazetteer, fact), fact.mentions.len()))
            .collect()
    }

    #[test]
    fn a_regional_body_takes_the_region_named_with_it() {
        let text = "Соглашение одобрено Законодательным Собранием Калужской области и Государственным Советом \
                    Республики Татарстан; Законодательное Собрание приняло закон.";
        assert_eq!(
            found(text),
            [
                ("regional-legislature:RU-KLU".into(), "Legislature of Kaluga Oblast".into(), 1),
                ("regional-legislature:RU-TA".into(), "Legislature of Republic of Tatarstan".into(), 1),
            ]
        );
        let text = "the Omsk Region Chamber of Commerce and the Chamber of Commerce and Industry of the Omsk Region";
        assert_eq!(
            found(text),
            [("regional-cci:RU-OMS".into(), "Chamber of Commerce and Industry of Omsk Oblast".into(), 2)]
        );
        // A country is not a region: the State Council of China is its government.
        assert!(found("the State Council of the PRC").is_empty());
    }

    #[test]
    fn a_state_body_followed_by_another_place_is_that_places_body() {
        assert!(found("Совет Республики Башкортостан").is_empty());
        assert!(found("Минэкономразвития Омской области").is_empty());
        assert_eq!(
            found("Минэкономразвития России и Минэкономразвития"),
            [("mineconomy-ru".into(), "Ministry of Economic Development of Russia".into(), 2)]
        );
        assert_eq!(found("Совет Республики Беларусь").len(), 1);
    }

    #[test]
    fn mentions_are_grouped_and_sorted_by_id() {
        let text = "ШОС, ЕАЭС и снова ШОС; Shanghai Cooperation Organisation.";
        let (organizations, gazetteer) = &*TABLES;
        let facts = find(organizations, gazetteer, text, &coopatlas_text::normalize(text));
        assert_eq!(facts.iter().map(|fact| id(organizations, gazetteer, fact)).collect::<Vec<_>>(), ["eaeu", "sco"]);
        let ranges: Vec<&str> = facts[1].mentions.iter().map(|range| &text[range.clone()]).collect();
        assert_eq!(ranges, ["ШОС", "ШОС", "Shanghai Cooperation Organisation"]);
    }
}

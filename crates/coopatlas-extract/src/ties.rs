//! Ties: places linked in a sentence that states cooperation.

use std::collections::BTreeMap;
use std::ops::Range;

use coopatlas_codebook::Codebook;
use coopatlas_gazetteer::{Gazetteer, PlaceIndex, PlaceKind};

use crate::Tie;
use crate::places::Resolved;

pub(crate) fn find(
    gazetteer: &Gazetteer,
    codebook: &Codebook,
    text: &str,
    sentences: &[Range<usize>],
    cooperation: &[bool],
    resolved: &[Resolved],
    focal: Option<PlaceIndex>,
) -> Vec<Tie> {
    let mut ties: BTreeMap<(String, String), Tie> = BTreeMap::new();
    for (index, sentence) in sentences.iter().enumerate() {
        if !cooperation[index] {
            continue;
        }
        let sentence_text = &text[sentence.clone()];
        let mentions: Vec<&Resolved> = resolved
            .iter()
            .filter(|mention| {
                sentence.start <= mention.range.start && mention.range.end <= sentence.end
            })
            .collect();
        let mut places: Vec<PlaceIndex> = Vec::new();
        for mention in &mentions {
            if !places.contains(&mention.place) {
                places.push(mention.place);
            }
        }
        // A city named after "в"/"in" where two other places meet is the venue, not a party.
        if places.len() >= 3 {
            places.retain(|place| {
                let venue = is_settlement(gazetteer.place(*place))
                    && mentions
                        .iter()
                        .filter(|mention| mention.place == *place)
                        .all(|mention| after_locative(&text[..mention.range.start]));
                !venue
            });
        }
        let mut pairs: Vec<(PlaceIndex, PlaceIndex)> = Vec::new();
        if places.len() >= 2 {
            for (position, first) in places.iter().enumerate() {
                for second in &places[position + 1..] {
                    pairs.push((*first, *second));
                }
            }
        } else if let (Some(focal), [partner]) = (focal, places.as_slice()) {
            pairs.push((focal, *partner));
        }
        let mut forms: Vec<&'static str> = codebook
            .forms(sentence_text)
            .into_iter()
            .map(|cue| cue.key.as_str())
            .collect();
        forms.sort_unstable();
        forms.dedup();
        let mut spheres: Vec<&'static str> = codebook
            .spheres(sentence_text)
            .into_iter()
            .map(|cue| cue.key.as_str())
            .collect();
        spheres.sort_unstable();
        spheres.dedup();
        for (first, second) in pairs {
            if !may_tie(gazetteer, first, second) {
                continue;
            }
            let (a, b) = if gazetteer.place(first).id <= gazetteer.place(second).id {
                (first, second)
            } else {
                (second, first)
            };
            let key = (gazetteer.place(a).id.clone(), gazetteer.place(b).id.clone());
            let tie = ties.entry(key).or_insert_with(|| Tie {
                a,
                b,
                forms: Vec::new(),
                spheres: Vec::new(),
                evidence: sentence.clone(),
            });
            merge(&mut tie.forms, &forms);
            merge(&mut tie.spheres, &spheres);
        }
    }
    ties.into_values().collect()
}

/// Two different places that are not one inside the other, and not two countries (country
/// pairs are diplomacy, not the subject of this atlas).
fn may_tie(gazetteer: &Gazetteer, first: PlaceIndex, second: PlaceIndex) -> bool {
    let (one, other) = (gazetteer.place(first), gazetteer.place(second));
    if first == second || (one.kind == PlaceKind::Country && other.kind == PlaceKind::Country) {
        return false;
    }
    let contains = |outer: &coopatlas_gazetteer::Place, inner: &coopatlas_gazetteer::Place| {
        (outer.kind == PlaceKind::Country && inner.country == outer.id)
            || inner.parent.as_deref() == Some(outer.id.as_str())
    };
    !contains(one, other) && !contains(other, one)
}

fn merge(into: &mut Vec<&'static str>, from: &[&'static str]) {
    for item in from {
        if !into.contains(item) {
            into.push(item);
        }
    }
    into.sort_unstable();
}

/// A city, or a region that is a city (Moscow, Minsk, Beijing): a place an event can be held in.
fn is_settlement(place: &coopatlas_gazetteer::Place) -> bool {
    const REGION_TYPES: &[&str] = &[
        "oblast",
        "region",
        "krai",
        "kray",
        "territory",
        "republic",
        "province",
        "okrug",
        "district",
        "prefecture",
        "county",
        "voblast",
    ];
    match place.kind {
        PlaceKind::City => true,
        PlaceKind::Region => {
            let name = place.name_en.to_lowercase();
            !REGION_TYPES.iter().any(|word| name.contains(word))
        }
        PlaceKind::Country => false,
    }
}

/// True when the word before a mention is a locative preposition.
fn after_locative(before: &str) -> bool {
    let word = before
        .trim_end()
        .rsplit(|character: char| !character.is_alphabetic())
        .next()
        .unwrap_or("");
    matches!(word.to_lowercase().as_str(), "в" | "во" | "in" | "at")
}

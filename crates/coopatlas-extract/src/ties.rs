//! Ties: places linked in a sentence that states cooperation.

use std::collections::BTreeMap;
use std::ops::Range;

use coopatlas_codebook::Reading;
use coopatlas_gazetteer::{Gazetteer, PlaceIndex, PlaceKind};

use crate::Tie;
use crate::places::Resolved;

/// What the earlier stages found in a document, as tie finding reads it.
pub(crate) struct Found<'a> {
    pub sentences: &'a [Range<usize>],
    /// The codebook's reading of each sentence.
    pub readings: &'a [Reading],
    /// Whether each sentence states cooperation.
    pub cooperation: &'a [bool],
    pub resolved: &'a [Resolved],
    pub focal: Option<PlaceIndex>,
    /// The ranges of organisations' names.
    pub inside_organizations: &'a [Range<usize>],
}

pub(crate) fn find(gazetteer: &Gazetteer, text: &str, found: &Found<'_>) -> Vec<Tie> {
    let Found { sentences, readings, cooperation, resolved, focal, inside_organizations } = *found;
    let mut ties: BTreeMap<(String, String), Tie> = BTreeMap::new();
    for (index, sentence) in sentences.iter().enumerate() {
        if !cooperation[index] {
            continue;
        }
        let sentence_text = &text[sentence.clone()];
        let mentions: Vec<&Resolved> = resolved
            .iter()
            .filter(|mention| sentence.start <= mention.range.start && mention.range.end <= sentence.end)
            .filter(|mention| {
                !inside_organizations
                    .iter()
                    .any(|name| name.start <= mention.range.start && mention.range.end <= name.end)
            })
            .collect();
        let mut places: Vec<PlaceIndex> = Vec::new();
        for mention in &mentions {
            if !places.contains(&mention.place) {
                places.push(mention.place);
            }
        }
        // A country named beside one of its own regions or cities only locates it
        // ("Kazakhstan's Pavlodar Region"): the region is the party.
        let located: Vec<PlaceIndex> = places
            .iter()
            .copied()
            .filter(|place| {
                let place = gazetteer.place(*place);
                place.kind == PlaceKind::Country
                    && places.iter().any(|other| {
                        let other = gazetteer.place(*other);
                        other.kind != PlaceKind::Country && other.country == place.id
                    })
            })
            .collect();
        places.retain(|place| !located.contains(place));
        // "с регионами Казахстана", "with the regions of Kazakhstan": the country only locates
        // partners the sentence does not name.
        places.retain(|place| {
            gazetteer.place(*place).kind != PlaceKind::Country
                || !mentions
                    .iter()
                    .filter(|mention| mention.place == *place)
                    .all(|mention| after_unnamed_parts(&text[..mention.range.start]))
        });
        // A settlement named as where the event happened is the venue, not a party: in Russian
        // "в Минске" (location) as opposed to "в Минск" (destination of a visit); in English
        // "in Minsk" when two other places are the parties.
        // One preposition may govern a list: "в Витебске, Полоцке и Новополоцке", "held in
        // Volgograd and Vitebsk".
        let prepositions = governing_prepositions(text, &mentions);
        let venues: Vec<PlaceIndex> = places
            .iter()
            .copied()
            .filter(|place| {
                is_settlement(gazetteer.place(*place))
                    && mentions.iter().zip(&prepositions).filter(|(mention, _)| mention.place == *place).all(
                        |(mention, preposition)| {
                            let surface = &text[mention.range.clone()];
                            match preposition {
                                Some(Preposition::Russian) => {
                                    places.len() >= 2 && surface.ends_with(['е', 'и', 'у', 'о'])
                                }
                                Some(Preposition::English) => places.len() >= 3,
                                None => false,
                            }
                        },
                    )
            })
            .collect();
        places.retain(|place| !venues.contains(place));
        let mut pairs: Vec<(PlaceIndex, PlaceIndex)> = Vec::new();
        let multilateral = || {
            let lower = sentence_text.to_lowercase();
            MULTILATERAL.iter().any(|cue| lower.contains(cue))
        };
        if places.len() >= 3 && !multilateral() {
            // An enumeration of partners ("agreements with Minsk, Gomel, Mogilev and Brest") ties
            // each of them to one anchor — the focal actor if named here, else the first place —
            // not to each other.
            // The anchor is the focal actor, unless it is one of a coordinated list; then the
            // first place outside the list ("Со Смоленской и Брянской областями у Могилёвской
            // области").
            let coordinated = coordinated_places(text, &mentions);
            let anchor = focal
                .filter(|focal| places.contains(focal) && !coordinated.contains(focal))
                .or_else(|| places.iter().copied().find(|place| !coordinated.contains(place)))
                .or(focal.filter(|focal| places.contains(focal)))
                .unwrap_or(places[0]);
            for place in &places {
                if *place != anchor {
                    pairs.push((anchor, *place));
                }
            }
        } else if places.len() >= 2 {
            for (position, first) in places.iter().enumerate() {
                for second in &places[position + 1..] {
                    pairs.push((*first, *second));
                }
            }
        } else if let (Some(focal), [partner]) = (focal, places.as_slice()) {
            // A settlement named alone after "в"/"in" is where something happens ("форум пройдёт
            // в Петербурге"), not a partner of the focal actor; "в Минск" (a destination) is.
            let venue = is_settlement(gazetteer.place(*partner))
                && mentions.iter().filter(|mention| mention.place == *partner).all(|mention| {
                    let surface = &text[mention.range.clone()];
                    match locative_preposition(&text[..mention.range.start]) {
                        Some(Preposition::Russian) => surface.ends_with(['е', 'и', 'у', 'о']),
                        Some(Preposition::English) => true,
                        None => false,
                    }
                });
            if !venue {
                pairs.push((focal, *partner));
            }
        }
        let mut forms: Vec<&'static str> = readings[index].forms.iter().map(|cue| cue.key.as_str()).collect();
        forms.sort_unstable();
        forms.dedup();
        let mut spheres: Vec<&'static str> = readings[index].spheres.iter().map(|cue| cue.key.as_str()).collect();
        spheres.sort_unstable();
        spheres.dedup();
        for (first, second) in pairs {
            if !may_tie(gazetteer, first, second) {
                continue;
            }
            let (a, b) =
                if gazetteer.place(first).id <= gazetteer.place(second).id { (first, second) } else { (second, first) };
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

/// Words that make every pair of the places in a sentence a tie: a multilateral agreement or a
/// body of several members.
const MULTILATERAL: &[&str] = &[
    "трёхсторон",
    "трехсторон",
    "четырёхсторон",
    "четырехсторон",
    "многосторон",
    "trilateral",
    "tripartite",
    "three-party",
    "four-party",
    "quadrilateral",
    "multilateral",
    // A council or association whose members are listed: every pair of members is tied.
    "объединяет регионы",
    "объединяющ",
    "brings together",
    "unites the",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Preposition {
    Russian,
    English,
}

/// The locative preposition right before a mention, if any.
pub(crate) fn locative_preposition(before: &str) -> Option<Preposition> {
    let word = before.trim_end().rsplit(|character: char| !character.is_alphabetic()).next().unwrap_or("");
    match word.to_lowercase().as_str() {
        "в" | "во" => Some(Preposition::Russian),
        "in" | "at" => Some(Preposition::English),
        _ => None,
    }
}

/// For each mention, the locative preposition that governs it: the one right before it, or the
/// one before the list it continues (", ", " и ", " and ").
fn governing_prepositions(text: &str, mentions: &[&Resolved]) -> Vec<Option<Preposition>> {
    let mut governing: Vec<Option<Preposition>> = Vec::with_capacity(mentions.len());
    for (index, mention) in mentions.iter().enumerate() {
        let own = locative_preposition(&text[..mention.range.start]);
        let inherited = index.checked_sub(1).and_then(|previous| {
            let gap = text.get(mentions[previous].range.end..mention.range.start)?.trim();
            matches!(gap, "," | "и" | "and" | ", and" | ", и").then(|| governing[previous])?
        });
        governing.push(own.or(inherited));
    }
    governing
}

/// The places named in a coordinated list in the sentence: mentions joined to a neighbour by
/// ", ", " и ", " and ".
fn coordinated_places(text: &str, mentions: &[&Resolved]) -> Vec<PlaceIndex> {
    let mut coordinated = Vec::new();
    for pair in mentions.windows(2) {
        let gap = text.get(pair[0].range.end..pair[1].range.start).map(str::trim);
        if matches!(gap, Some("," | "и" | "and" | ", and" | ", и" | "или" | "or")) {
            for mention in pair {
                if !coordinated.contains(&mention.place) {
                    coordinated.push(mention.place);
                }
            }
        }
    }
    coordinated
}

/// True when the words before a country's name are its parts left unnamed: "регионами",
/// "областей", "городов", "regions of", "provinces of".
fn after_unnamed_parts(before: &str) -> bool {
    const RUSSIAN: &[&str] = &["регион", "област", "провинци", "территори", "субъект", "город", "штат", "аймак"];
    const ENGLISH: &[&str] = &["regions", "provinces", "territories", "cities", "states", "oblasts", "towns"];
    let mut words = before
        .split_whitespace()
        .rev()
        .map(|word| word.trim_matches(|character: char| !character.is_alphabetic()).to_lowercase());
    match (words.next(), words.next()) {
        (Some(last), _) if RUSSIAN.iter().any(|stem| last.starts_with(stem)) => true,
        (Some(last), Some(previous)) if last == "of" => ENGLISH.contains(&previous.as_str()),
        _ => false,
    }
}

/// True when the word before a mention is a locative preposition.
pub(crate) fn after_locative(before: &str) -> bool {
    locative_preposition(before).is_some()
}

//! From names to places: each gazetteer mention becomes one place or is dropped.

use std::collections::HashMap;
use std::ops::Range;

use coopatlas_gazetteer::{Candidate, Gazetteer, PlaceIndex, PlaceKind};
use coopatlas_text::Normalized;

use crate::Input;

/// A mention resolved to one place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Resolved {
    pub place: PlaceIndex,
    pub range: Range<usize>,
}

/// Words that show a text speaks of regions, so a bare "Kaluga" is the oblast, not the city.
const REGION_WORDS: &[&str] =
    &["област", "region", "oblast", "край", "krai", "territor", "республик", "republic", "провинци", "province"];

pub(crate) fn resolve(
    gazetteer: &Gazetteer,
    text: &str,
    normalized: &Normalized,
    sentences: &[Range<usize>],
) -> Vec<Resolved> {
    let dateline = dateline_range(text);
    let sentence_starts: Vec<usize> = sentences.iter().map(|sentence| sentence.start).collect();
    // Two words for regions make the text one about regions; counting stops there.
    let regional = REGION_WORDS.iter().flat_map(|word| normalized.text.matches(word)).nth(1).is_some();

    // First the mentions that name one place only: they tell which of several candidates a
    // shared name ("Новгород": the city or the oblast) means elsewhere in the text.
    let mut kept: Vec<(Range<usize>, Vec<Candidate>)> = Vec::new();
    let mut event_names_end: Option<usize> = None;
    for mention in gazetteer.find_normalized(normalized) {
        if dateline.as_ref().is_some_and(|dateline| dateline.contains(&mention.range.start)) {
            continue;
        }
        // "долларов США", "US dollars": a currency, not a place.
        if names_a_currency(text, &mention.range) {
            continue;
        }
        let surface = &text[mention.range.clone()];
        let capitalised = surface.chars().next().is_some_and(char::is_uppercase);
        let at_sentence_start = sentence_starts.binary_search(&mention.range.start).is_ok();
        let after_initial = preceded_by_initial(&text[..mention.range.start]);
        // "Гродненский облисполком", "Минским городским исполнительным комитетом": an adjective
        // names the region or city whose executive body follows it.
        if let Some(place) = adjective_with_body(gazetteer, text, &mention) {
            kept.push((mention.range, vec![place]));
            continue;
        }
        let candidates: Vec<Candidate> = mention
            .candidates
            .iter()
            .copied()
            .filter(|candidate| candidate.source.is_noun())
            // Place names are capitalised in both languages ("того" is not Togo); an ordinary
            // word ("Мир", "Орёл") names a place only when capitalised mid-sentence.
            .filter(|_| capitalised)
            .filter(|candidate| !candidate.flags.common_word || !at_sentence_start)
            // "С. М. Киров" is a person.
            .filter(|candidate| !candidate.flags.surname || !after_initial)
            .collect();
        // Only a name in its dictionary form starts a person's name ("Владимир Путин"); an
        // inflected one ("в Минске Калужская область") is followed by the next phrase.
        let dictionary_form = !surface.chars().any(|character| ('\u{0400}'..='\u{04FF}').contains(&character))
            || candidates.iter().any(|candidate| candidate.source == coopatlas_gazetteer::AliasSource::Name);
        // "Форум регионов Беларуси и России", "Forum of Regions of Belarus and Russia": the
        // countries name the event, they are not parties (the contract leaves them out).
        let continues_event_name = event_names_end.is_some_and(|end| {
            end <= mention.range.start && matches!(text[end..mention.range.start].trim(), "и" | "and" | ",")
        });
        let in_event_name = continues_event_name || inside_event_name(&text[..mention.range.start]);
        if in_event_name {
            event_names_end = Some(mention.range.end);
            continue;
        }
        let part_of_a_longer_name = dictionary_form && names_something_else(text, &mention.range, capitalised);
        if !candidates.is_empty() && !part_of_a_longer_name {
            kept.push((mention.range, candidates));
        }
    }
    let mut unambiguous: HashMap<PlaceIndex, usize> = HashMap::new();
    for (_, candidates) in &kept {
        if let [only] = candidates.as_slice() {
            *unambiguous.entry(only.place).or_default() += 1;
        }
    }
    let mut resolved: Vec<Resolved> = kept
        .into_iter()
        .map(|(range, candidates)| {
            let best = candidates
                .iter()
                .max_by(|left, right| {
                    let score = |candidate: &Candidate| {
                        let place = gazetteer.place(candidate.place);
                        let seen = unambiguous.get(&candidate.place).copied().unwrap_or(0) as f64 * 10.0;
                        let kind = match (place.kind, regional) {
                            (PlaceKind::Region, true) | (PlaceKind::City, false) => 2.0,
                            _ => 0.0,
                        };
                        seen + kind + place.population.unwrap_or(0) as f64 / 1e8
                    };
                    score(left).total_cmp(&score(right)).then(right.place.cmp(&left.place))
                })
                .map(|candidate| candidate.place)
                .unwrap_or(candidates[0].place);
            Resolved { place: best, range }
        })
        .collect();
    crate::lists::add(gazetteer, text, &mut resolved);
    resolved
}

/// The dateline ("Ярославль, 27 июня 2019 г." / "MINSK, June 27, 2019 —"): a short line among
/// the first four that holds a year. Places there say where the report was filed, not who
/// cooperates.
fn dateline_range(text: &str) -> Option<Range<usize>> {
    let mut offset = 0;
    let mut seen = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        seen += 1;
        if seen > 4 {
            break;
        }
        // The dateline may stand alone or open the first paragraph ("MINSK, June 27, 2019 — ..."):
        // then it is the part before the dash.
        let head_line = match line.find(['—', '–']) {
            Some(dash) if line[..dash].chars().count() <= 60 => &line[..dash],
            _ => line,
        };
        let head = head_line.trim();
        let has_year = coopatlas_text::tokens(head).any(|token| {
            let word = token.as_str(head);
            word.len() == 4 && word.parse::<u32>().is_ok_and(|year| (1990..2100).contains(&year))
        });
        let place_part = head.split(',').next().unwrap_or("");
        if has_year
            && head.chars().count() <= 60
            && place_part.split_whitespace().count() <= 3
            && place_part.len() < head.len()
        {
            return Some(start..start + head_line.len());
        }
    }
    None
}

/// True when the words before a mention make it part of an event's name: "регионов",
/// "сотрудничества", "Regions of", "Cooperation of".
fn inside_event_name(before: &str) -> bool {
    let words: Vec<String> = before
        .split_whitespace()
        .rev()
        .take(2)
        .map(|word| word.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase())
        .collect();
    match words.as_slice() {
        [last, ..] if last == "регионов" || last == "сотрудничества" => true,
        [last, previous, ..] if last == "of" && (previous == "regions" || previous == "cooperation") => true,
        _ => false,
    }
}

/// True when a place name is the first word of a longer proper name: a person ("Владимир
/// Путин", "Vladimir Karanik"), an institution or a title ("Kazan Federal University", "Penza
/// Governor"). The contract does not count places inside such names.
fn names_something_else(text: &str, range: &Range<usize>, capitalised: bool) -> bool {
    if !capitalised {
        return false;
    }
    let Some(next) = text[range.end..].strip_prefix(' ') else { return false };
    let word: String = next.chars().take_while(|character| character.is_alphabetic()).collect();
    let Some(first) = word.chars().next() else { return false };
    if !first.is_uppercase() || word.chars().all(char::is_uppercase) {
        return false;
    }
    // Region-type words continue a place name that the gazetteer did not list as a whole; a
    // government body of the place ("Grodno Region Executive Committee", "Penza Regional
    // Government") stands for the place itself.
    const PLACE_WORDS: &[&str] = &[
        "Region",
        "Oblast",
        "Krai",
        "Territory",
        "Republic",
        "Province",
        "Okrug",
        "Область",
        "Край",
        "Республика",
        "Executive",
        "Government",
        "Administration",
        "City",
        "Municipal",
    ];
    !PLACE_WORDS.iter().any(|place_word| word.starts_with(place_word))
}

/// The place an adjective names when a body of its government follows: "обл..." (облисполком,
/// областной исполнительный комитет) for a region, "гор..." (горисполком, городской) for a city.
fn adjective_with_body(gazetteer: &Gazetteer, text: &str, mention: &coopatlas_gazetteer::Mention) -> Option<Candidate> {
    let adjectives = || {
        mention.candidates.iter().filter(|candidate| candidate.source == coopatlas_gazetteer::AliasSource::Adjective)
    };
    adjectives().next()?;
    if !text[mention.range.clone()].chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let next = text[mention.range.end..].split_whitespace().next()?.to_lowercase();
    let wants_city = if next.starts_with("облисполком") || next.starts_with("областн") {
        false
    } else if next.starts_with("горисполком") || next.starts_with("городск") || next.starts_with("мингорисполком")
    {
        true
    } else {
        return None;
    };
    let settlement = |candidate: &Candidate| {
        let place = gazetteer.place(candidate.place);
        place.kind == PlaceKind::City
            || place.kind == PlaceKind::Region && !place.name_en.contains("Region") && !place.name_en.contains("Oblast")
    };
    adjectives()
        .find(|candidate| {
            gazetteer.place(candidate.place).kind != PlaceKind::Country && settlement(candidate) == wants_city
        })
        .copied()
}

/// True when a country's name is part of a currency's: "долларов США", "US dollars",
/// "Hong Kong dollars", "юаней КНР".
fn names_a_currency(text: &str, range: &Range<usize>) -> bool {
    const CURRENCY_WORDS: &[&str] = &["доллар", "dollar", "юан", "yuan", "рубл", "rouble", "ruble", "тенге", "tenge"];
    let before = text[..range.start].split_whitespace().next_back().unwrap_or("").to_lowercase();
    let after = text[range.end..].split_whitespace().next().unwrap_or("").to_lowercase();
    CURRENCY_WORDS.iter().any(|word| before.starts_with(word) || after.starts_with(word))
}

/// True when the text ends with an initial ("А. ", "J. ").
fn preceded_by_initial(before: &str) -> bool {
    let trimmed = before.trim_end();
    let mut characters = trimmed.chars().rev();
    matches!((characters.next(), characters.next(), characters.next()), (Some('.'), Some(letter), before) if letter.is_uppercase() && !before.is_some_and(char::is_alphabetic))
}

/// The places mentioned within `range`, each once, in order of first mention.
pub(crate) fn in_range(resolved: &[Resolved], range: &Range<usize>) -> Vec<PlaceIndex> {
    let mut places = Vec::new();
    for mention in
        resolved.iter().filter(|mention| range.start <= mention.range.start && mention.range.end <= range.end)
    {
        if !places.contains(&mention.place) {
            places.push(mention.place);
        }
    }
    places
}

/// The region or city the document is about: among the places named in the title or the first
/// three sentences, the one named most often in the whole text, regions before cities (the
/// earliest on a tie). Countries are never the focal actor: a piece is filed by a region's or
/// city's government.
pub(crate) fn focal_actor(
    gazetteer: &Gazetteer,
    input: &Input<'_>,
    resolved: &[Resolved],
    sentences: &[Range<usize>],
) -> Option<PlaceIndex> {
    let head_end = sentences.get(3).map_or(input.text.len(), |sentence| sentence.start);
    let mut counts: HashMap<PlaceIndex, usize> = HashMap::new();
    for mention in resolved {
        *counts.entry(mention.place).or_default() += 1;
    }
    let mut best: Option<(usize, PlaceIndex)> = None;
    for mention in resolved.iter().filter(|mention| mention.range.start < head_end) {
        let kind = gazetteer.place(mention.place).kind;
        // A place named as where something happened ("в Сочи") is a venue, not the actor.
        if kind == PlaceKind::Country || crate::ties::after_locative(&input.text[..mention.range.start]) {
            continue;
        }
        // Regions act; a city is the actor only when no region is named up front.
        let weight = counts[&mention.place] + if kind == PlaceKind::Region { 1000 } else { 0 };
        if best.is_none_or(|(best_weight, _)| weight > best_weight) {
            best = Some((weight, mention.place));
        }
    }
    best.map(|(_, place)| place)
}

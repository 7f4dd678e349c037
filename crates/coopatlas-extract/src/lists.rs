//! Regions named in a list that shares one noun, which the gazetteer cannot see as names:
//!
//! - a noun after the list, left out of all but the last item ("Со Смоленской и Брянской
//!   областями", "the Smolensk and Bryansk regions");
//! - a noun before the list, introduced by a colon or a dash ("с шестью территориями Казахстана:
//!   Северо-Казахстанской, Павлодарской…", "five Belarusian regions — Minsk, Gomel, Brest"), where
//!   a bare city name in the list stands for the region named after it.
//!
//! Each item is tried with the noun put back ("Смоленской" + "области") and kept when the
//! gazetteer reads the whole phrase as one region.

use std::ops::Range;

use coopatlas_gazetteer::{Gazetteer, PlaceIndex, PlaceKind};
use coopatlas_text::Token;

use crate::places::Resolved;

/// Plural nouns that can close a list, each with singular forms to put back after an item.
const AFTER: &[(&str, &[&str])] = &[
    ("области", RU_OBLAST),
    ("областей", RU_OBLAST),
    ("областям", RU_OBLAST),
    ("областями", RU_OBLAST),
    ("областях", RU_OBLAST),
    ("края", RU_KRAI),
    ("краев", RU_KRAI),
    ("краёв", RU_KRAI),
    ("краям", RU_KRAI),
    ("краями", RU_KRAI),
    ("краях", RU_KRAI),
    ("воеводства", RU_VOIVODESHIP),
    ("воеводств", RU_VOIVODESHIP),
    ("воеводствам", RU_VOIVODESHIP),
    ("воеводствами", RU_VOIVODESHIP),
    ("воеводствах", RU_VOIVODESHIP),
    ("аймаки", RU_AIMAG),
    ("аймаков", RU_AIMAG),
    ("аймакам", RU_AIMAG),
    ("аймаками", RU_AIMAG),
    ("аймаках", RU_AIMAG),
    ("regions", EN_REGION),
    ("oblasts", EN_OBLAST),
    ("provinces", EN_PROVINCE),
    ("territories", EN_TERRITORY),
    ("aimags", EN_AIMAG),
];

/// Plural nouns that can open a list after a colon or a dash.
const BEFORE: &[(&str, &[&str])] = &[
    ("областями", RU_OBLAST),
    ("областей", RU_OBLAST),
    ("областям", RU_OBLAST),
    ("области", RU_OBLAST),
    ("регионами", RU_ANY),
    ("регионов", RU_ANY),
    ("регионам", RU_ANY),
    ("регионы", RU_ANY),
    ("территориями", RU_ANY),
    ("территорий", RU_ANY),
    ("территориям", RU_ANY),
    ("regions", EN_ANY),
    ("oblasts", EN_OBLAST),
    ("provinces", EN_PROVINCE),
];

const RU_OBLAST: &[&str] = &["область", "области", "областью", "областей"];
const RU_KRAI: &[&str] = &["край", "края", "краю", "краем", "крае"];
const RU_ANY: &[&str] = &["область", "области", "областью", "край", "края", "краю", "краем", "крае"];
const RU_VOIVODESHIP: &[&str] = &["воеводство", "воеводства", "воеводству", "воеводством", "воеводстве"];
const RU_AIMAG: &[&str] = &["аймак", "аймака", "аймаку", "аймаком", "аймаке"];
const EN_AIMAG: &[&str] = &["Aimag", "Province"];
const EN_REGION: &[&str] = &["Region", "Oblast", "Province"];
const EN_OBLAST: &[&str] = &["Oblast", "Region"];
const EN_PROVINCE: &[&str] = &["Province", "Region"];
const EN_TERRITORY: &[&str] = &["Territory", "Krai"];
const EN_ANY: &[&str] = &["Region", "Oblast", "Province", "Territory"];

/// Adds the regions named in lists with a shared noun to `resolved` (kept in text order), and
/// turns a bare city in a list of regions into its region.
pub(crate) fn add(gazetteer: &Gazetteer, text: &str, resolved: &mut Vec<Resolved>) {
    let tokens: Vec<Token> = coopatlas_text::tokens(text).collect();
    let mut found: Vec<(Range<usize>, PlaceIndex)> = Vec::new();
    for (index, token) in tokens.iter().enumerate() {
        let raw = token.as_str(text);
        // Most words are lowercase already; only a capitalised one is copied to compare.
        let lowered;
        let word = if raw.chars().next().is_some_and(char::is_uppercase) {
            lowered = raw.to_lowercase();
            lowered.as_str()
        } else {
            raw
        };
        if let Some((_, nouns)) = AFTER.iter().find(|(noun, _)| *noun == word) {
            let items = items_before(text, &tokens, index);
            // One item is no ellipsis: "Брянской области" is a name the gazetteer knows.
            if items.len() >= 2 {
                found.extend(
                    items
                        .into_iter()
                        .filter_map(|item| region(gazetteer, text, &item, nouns).map(|place| (item, place))),
                );
            }
        }
        if let Some((_, nouns)) = BEFORE.iter().find(|(noun, _)| *noun == word) {
            let items = items_after(text, &tokens, index);
            if items.len() >= 2 {
                found.extend(
                    items
                        .into_iter()
                        .filter_map(|item| region(gazetteer, text, &item, nouns).map(|place| (item, place))),
                );
            }
        }
    }
    if found.is_empty() {
        return;
    }
    for (range, place) in found {
        let overlapping = resolved.iter_mut().filter(|mention| overlaps(&mention.range, &range)).collect::<Vec<_>>();
        match overlapping.as_slice() {
            [] => resolved.push(Resolved { place, range }),
            // A city named in a list of regions is the region named after it ("Gomel" among
            // "regions" is the Gomel Region).
            [_] => {
                for mention in overlapping {
                    if gazetteer.place(mention.place).kind == PlaceKind::City
                        || mention.range == range && gazetteer.place(mention.place).kind != PlaceKind::Country
                    {
                        mention.place = place;
                    }
                }
            }
            _ => {}
        }
    }
    resolved.sort_by_key(|mention| (mention.range.start, mention.range.end));
    resolved.dedup_by(|later, earlier| later.range == earlier.range);
}

fn overlaps(left: &Range<usize>, right: &Range<usize>) -> bool {
    left.start < right.end && right.start < left.end
}

/// The region that `item` names with one of `nouns` put after it, if the gazetteer reads the
/// phrase as exactly one region.
fn region(gazetteer: &Gazetteer, text: &str, item: &Range<usize>, nouns: &[&str]) -> Option<PlaceIndex> {
    let words = &text[item.clone()];
    for noun in nouns {
        let phrase = format!("{words} {noun}");
        let mentions = gazetteer.find(&phrase);
        if let [mention] = mentions.as_slice()
            && mention.range == (0..phrase.len())
        {
            let regions: Vec<PlaceIndex> = mention
                .candidates
                .iter()
                .filter(|candidate| candidate.source.is_noun())
                .map(|candidate| candidate.place)
                .filter(|place| gazetteer.place(*place).kind == PlaceKind::Region)
                .collect();
            if let Some(first) = regions.first()
                && regions.iter().all(|place| place == first)
            {
                return Some(*first);
            }
        }
    }
    None
}

/// The capitalised items of a list that ends right before token `noun`: "Смоленской и Брянской",
/// "Smolensk, Kaluga and Bryansk". Hyphenated items ("Северо-Казахстанской") are one item.
fn items_before(text: &str, tokens: &[Token], noun: usize) -> Vec<Range<usize>> {
    let mut items = Vec::new();
    // The last item stands right before the noun, a space apart.
    let Some(mut last) = noun.checked_sub(1) else { return items };
    if &text[tokens[last].end..tokens[noun].start] != " " {
        return items;
    }
    while let Some((first, item)) = item_ending_at(text, tokens, last) {
        items.push(item);
        match separator_before(text, tokens, first) {
            Some(previous) => last = previous,
            None => break,
        }
    }
    items.reverse();
    items
}

/// The capitalised items of a list that opens with a colon or a dash after token `noun`, within
/// three words of it ("территориями Казахстана: Северо-Казахстанской, Павлодарской").
fn items_after(text: &str, tokens: &[Token], noun: usize) -> Vec<Range<usize>> {
    let mut index = noun;
    let mut opened = false;
    for _ in 0..4 {
        let Some(next) = tokens.get(index + 1) else { return Vec::new() };
        let gap = text[tokens[index].end..next.start].trim();
        if matches!(gap, ":" | "—" | "–" | "-" | "—:" | ":—") {
            opened = true;
            break;
        }
        if !gap.is_empty() {
            return Vec::new();
        }
        index += 1;
    }
    if !opened {
        return Vec::new();
    }
    let mut items = Vec::new();
    let mut position = index + 1;
    while let Some((after, item)) = item_starting_at(text, tokens, position) {
        items.push(item);
        match separator_after(text, tokens, after - 1) {
            Some(next) => position = next,
            None => break,
        }
    }
    items
}

const CONJUNCTIONS: &[&str] = &["и", "and", "или", "or"];

/// The last token of the item before the one that starts at token `first`, when a list separator
/// (", ", " и ", " and ", ", and ") stands between them.
fn separator_before(text: &str, tokens: &[Token], first: usize) -> Option<usize> {
    let previous = first.checked_sub(1)?;
    let gap = text[tokens[previous].end..tokens[first].start].trim();
    if gap == "," {
        return (!CONJUNCTIONS.contains(&tokens[previous].as_str(text))).then_some(previous);
    }
    if !gap.is_empty() || !CONJUNCTIONS.contains(&tokens[previous].as_str(text)) {
        return None;
    }
    let before = previous.checked_sub(1)?;
    matches!(text[tokens[before].end..tokens[previous].start].trim(), "" | ",").then_some(before)
}

/// The first token of the item after the one that ends at token `last`, when a list separator
/// stands between them.
fn separator_after(text: &str, tokens: &[Token], last: usize) -> Option<usize> {
    let next = last + 1;
    let gap = text[tokens[last].end..tokens.get(next)?.start].trim();
    let conjunction = CONJUNCTIONS.contains(&tokens[next].as_str(text));
    if gap == "," && !conjunction {
        return Some(next);
    }
    if !(gap.is_empty() || gap == ",") || !conjunction {
        return None;
    }
    let after = next + 1;
    text[tokens[next].end..tokens.get(after)?.start].trim().is_empty().then_some(after)
}

/// The capitalised item (one word, or hyphenated words) that ends at token `last`: the index of
/// its first token and its range.
fn item_ending_at(text: &str, tokens: &[Token], last: usize) -> Option<(usize, Range<usize>)> {
    let mut first = last;
    while first > 0 && &text[tokens[first - 1].end..tokens[first].start] == "-" {
        first -= 1;
    }
    capitalised(tokens[first].as_str(text)).then(|| (first, tokens[first].start..tokens[last].end))
}

/// The item that starts at token `first`: the index of the token after it and its range.
fn item_starting_at(text: &str, tokens: &[Token], first: usize) -> Option<(usize, Range<usize>)> {
    let start = tokens.get(first)?;
    if !capitalised(start.as_str(text)) {
        return None;
    }
    let mut last = first;
    while tokens.get(last + 1).is_some_and(|next| &text[tokens[last].end..next.start] == "-") {
        last += 1;
    }
    Some((last + 1, start.start..tokens[last].end))
}

fn capitalised(word: &str) -> bool {
    let mut characters = word.chars();
    characters.next().is_some_and(char::is_uppercase) && characters.next().is_some_and(char::is_lowercase)
}

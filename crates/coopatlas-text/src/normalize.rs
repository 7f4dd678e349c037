use std::ops::Range;

/// Text folded for dictionary matching, with a map back to the original.
///
/// Folding: lowercase, "ё" as "е", combining marks dropped, every dash or hyphen as "-", every
/// double quotation mark as '"' and single one or apostrophe as "'", every run of whitespace as
/// one space (the rule `data/gazetteer/README.md` states for the gazetteer's names). A match found in `text` is turned
/// back into a range of the original with [`Normalized::original`], so evidence offsets always
/// point at what the document says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    pub text: String,
    /// For each byte of `text`, the original byte offset of the character it came from; one more
    /// entry at the end holds the original length. `u32` halves this map, the largest part of a
    /// folding; offsets past 4 GiB (far beyond any document here) are clamped, never wrapped.
    origin: Vec<u32>,
}

impl Normalized {
    /// The range of the original text that `range` of the normalised text came from.
    pub fn original(&self, range: Range<usize>) -> Range<usize> {
        let start = self.origin[range.start.min(self.text.len())] as usize;
        let end = if range.end >= self.text.len() {
            self.origin[self.text.len()] as usize
        } else {
            // The end is where the next normalised character begins, minus the whitespace or
            // marks that were folded into it.
            self.origin[range.end] as usize
        };
        start..end.max(start)
    }
}

/// Folds `text` for matching; see [`Normalized`].
pub fn normalize(text: &str) -> Normalized {
    let mut normalized = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len() + 1);
    let mut pending_space: Option<usize> = None;
    let mut previous: Option<char> = None;
    for (offset, character) in text.char_indices() {
        if if character.is_ascii() { matches!(character, ' ' | '\t'..='\r') } else { character.is_whitespace() } {
            pending_space.get_or_insert(offset);
            previous = None;
            continue;
        }
        let folded = match character {
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{00AD}' | '-' => Some('-'),
            '«' | '»' | '“' | '”' | '„' | '‟' | '″' | '"' | '‹' | '›' => Some('"'),
            '\'' | '‘' | '’' | '‚' | '‛' | '′' | '`' | '´' | 'ʼ' | 'ʹ' => Some('\''),
            'ё' | 'Ё' => Some('е'),
            // "и" + combining breve is a decomposed "й".
            '\u{0306}' if previous == Some('и') => {
                normalized.pop();
                origin.truncate(normalized.len());
                let start = offset - 'и'.len_utf8();
                push(&mut normalized, &mut origin, 'й', start);
                previous = Some('й');
                continue;
            }
            '\u{0300}'..='\u{036F}' => None,
            _ => Some(character),
        };
        let Some(folded) = folded else { continue };
        if let Some(space_offset) = pending_space.take()
            && !normalized.is_empty()
        {
            push(&mut normalized, &mut origin, ' ', space_offset);
        }
        // Letters of basic Latin and Cyrillic, most of any text here, lowercase by arithmetic.
        let simple = match folded {
            'a'..='z' | 'а'..='я' | '0'..='9' | ' '..='@' => Some(folded),
            'A'..='Z' => Some(folded.to_ascii_lowercase()),
            'А'..='Я' => char::from_u32(folded as u32 + 0x20),
            'Ѐ'..='Џ' => char::from_u32(folded as u32 + 0x50),
            _ => None,
        };
        if let Some(lower) = simple {
            push(&mut normalized, &mut origin, lower, offset);
            previous = Some(lower);
            continue;
        }
        for lower in folded.to_lowercase() {
            push(&mut normalized, &mut origin, lower, offset);
        }
        previous = Some(folded.to_lowercase().next().unwrap_or(folded));
    }
    // A trailing whitespace run maps to the end of the last character, not the end of the text.
    let end = pending_space.unwrap_or(text.len());
    origin.push(clamp(end));
    Normalized { text: normalized, origin }
}

fn push(normalized: &mut String, origin: &mut Vec<u32>, character: char, offset: usize) {
    normalized.push(character);
    origin.extend(std::iter::repeat_n(clamp(offset), character.len_utf8()));
}

fn clamp(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

/// True when `range` of `text` starts and ends on word boundaries (no letter or digit joins it
/// to its neighbours).
pub fn on_word_boundaries(text: &str, range: Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_and_maps_back() {
        let text = "В  «Орёл»\nи Ханты‑Мансийский — Югра";
        let normalized = normalize(text);
        assert_eq!(normalized.text, "в \"орел\" и ханты-мансийский - югра");
        let found = normalized.text.find("орел").unwrap();
        assert_eq!(&text[normalized.original(found..found + "орел".len())], "Орёл");
        let found = normalized.text.find("ханты-мансийский - югра").unwrap();
        assert_eq!(&text[normalized.original(found..normalized.text.len())], "Ханты‑Мансийский — Югра");
    }

    #[test]
    fn whitespace_at_the_edges() {
        let text = "  Минск  ";
        let normalized = normalize(text);
        assert_eq!(normalized.text, "минск");
        assert_eq!(&text[normalized.original(0..normalized.text.len())], "Минск");
        assert_eq!(normalize("").text, "");
        assert_eq!(normalize("").original(0..0), 0..0);
    }

    #[test]
    fn decomposed_letters() {
        let text = "Прии\u{0306}ти и Ёлка";
        let normalized = normalize(text);
        assert_eq!(normalized.text, "прийти и елка");
        let found = normalized.text.find("прийти").unwrap();
        assert_eq!(&text[normalized.original(found..found + "прийти".len())], "Прии\u{0306}ти");
    }

    #[test]
    fn boundaries() {
        assert!(on_word_boundaries("в Минске.", 3..15));
        assert!(!on_word_boundaries("Минский", 0..10));
        assert!(on_word_boundaries("Минск", 0..10));
    }
}

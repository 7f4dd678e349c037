//! The text as a list of lexemes — words, numbers, codes and punctuation — each a byte range into
//! the original text. Whitespace is never a lexeme: the gap between two lexemes is always
//! whitespace, which is how the parser tells "20%" (glued) from "20 %" (spaced) from a blank line.

use std::borrow::Cow;

use coopatlas_text::fold;

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kind<'a> {
    /// A run of letters; `folded` is lowercase with "ё" as "е".
    Word {
        folded: Cow<'a, str>,
    },
    /// Digits with optional thousands groups and a decimal part, both as plain digit strings.
    Number {
        integer: String,
        fraction: String,
        grouped: bool,
    },
    /// Digits that never measure anything: dates "27.06.2019" and "2019-06-27", times "10:00",
    /// fractions "24/7", phone numbers "+7 495 123-45-67", clause numbers "6.4.1".
    Code,
    Punct(char),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Lexeme<'a> {
    pub kind: Kind<'a>,
    pub start: usize,
    pub end: usize,
}

/// The lexemes of one text, with the questions the parser asks about them. Every accessor takes
/// any index and answers `None` or `false` past the end, so the parser never indexes out of range.
pub(crate) struct Lexemes<'a> {
    text: &'a str,
    items: Vec<Lexeme<'a>>,
}

impl<'a> Lexemes<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Lexemes { text, items: lex(text) }
    }

    pub(crate) fn text(&self) -> &'a str {
        self.text
    }

    pub(crate) fn len(&self) -> usize {
        self.items.len()
    }

    pub(crate) fn get(&self, index: usize) -> Option<&Lexeme<'a>> {
        self.items.get(index)
    }

    pub(crate) fn start(&self, index: usize) -> usize {
        self.items.get(index).map_or(self.text.len(), |item| item.start)
    }

    pub(crate) fn end(&self, index: usize) -> usize {
        self.items.get(index).map_or(self.text.len(), |item| item.end)
    }

    /// The folded form of the word at `index`.
    pub(crate) fn word(&self, index: usize) -> Option<&str> {
        match &self.items.get(index)?.kind {
            Kind::Word { folded } => Some(folded),
            _ => None,
        }
    }

    /// The text of the lexeme as written.
    pub(crate) fn raw(&self, index: usize) -> &'a str {
        self.items.get(index).and_then(|item| self.text.get(item.start..item.end)).unwrap_or("")
    }

    pub(crate) fn punct(&self, index: usize) -> Option<char> {
        match self.items.get(index)?.kind {
            Kind::Punct(character) => Some(character),
            _ => None,
        }
    }

    pub(crate) fn is_number(&self, index: usize) -> bool {
        matches!(self.items.get(index).map(|item| &item.kind), Some(Kind::Number { .. }))
    }

    /// True when the lexeme at `index` touches the one before it, with no whitespace between.
    pub(crate) fn glued(&self, index: usize) -> bool {
        match (index.checked_sub(1).and_then(|previous| self.items.get(previous)), self.items.get(index)) {
            (Some(previous), Some(current)) => previous.end == current.start,
            _ => false,
        }
    }

    /// True when the lexeme at `index` follows the one before it with at most whitespace between,
    /// and that whitespace is not a blank line (which separates paragraphs, table cells, headings).
    pub(crate) fn joined(&self, index: usize) -> bool {
        match (index.checked_sub(1).and_then(|previous| self.items.get(previous)), self.items.get(index)) {
            (Some(previous), Some(current)) => {
                self.text.get(previous.end..current.start).is_some_and(|gap| gap.matches('\n').count() < 2)
            }
            _ => false,
        }
    }
}

fn lex(text: &str) -> Vec<Lexeme<'_>> {
    let mut items = Vec::new();
    let mut position = 0;
    while let Some(character) = char_at(text, position) {
        let start = position;
        if character.is_whitespace() {
            position += character.len_utf8();
            continue;
        }
        let (end, kind) = if character.is_ascii_digit() {
            number(text, start)
        } else if let Some(end) = phone_end(text, start) {
            (end, Kind::Code)
        } else if is_letter(character) {
            let end = word_end(text, start);
            let word = text.get(start..end).unwrap_or("");
            // Most words are lowercase already: borrowed, not folded into a new string.
            let folded = if is_folded(word) { Cow::Borrowed(word) } else { Cow::Owned(fold(word)) };
            (end, Kind::Word { folded })
        } else {
            (start + character.len_utf8(), Kind::Punct(character))
        };
        items.push(Lexeme { kind, start, end });
        // Every branch consumes at least one character, so the loop always advances.
        position = end.max(start + character.len_utf8());
    }
    items
}

/// True when folding `word` would not change it: ASCII and Cyrillic lowercase letters only
/// (not "ё", which folds to "е").
fn is_folded(word: &str) -> bool {
    word.chars().all(|character| matches!(character, 'a'..='z' | 'а'..='я'))
}

fn char_at(text: &str, position: usize) -> Option<char> {
    text.get(position..)?.chars().next()
}

fn next_is_digit(text: &str, position: usize) -> bool {
    text.as_bytes().get(position).is_some_and(u8::is_ascii_digit)
}

fn digits_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = start;
    while bytes.get(end).is_some_and(u8::is_ascii_digit) {
        end += 1;
    }
    end
}

fn is_letter(character: char) -> bool {
    // Fast paths for ASCII and Cyrillic: the general Unicode table lookup was a tenth of
    // extraction time on Russian text (measured with perf).
    match character {
        'a'..='z' | 'A'..='Z' | 'А'..='я' | 'Ѐ'..='Ё' | 'ё'..='џ' => true,
        '\0'..='\x7F' => false,
        _ => character.is_alphabetic() || ('\u{0300}'..='\u{036F}').contains(&character),
    }
}

fn word_end(text: &str, start: usize) -> usize {
    let mut end = start;
    let mut chars = text.get(start..).unwrap_or("").char_indices().peekable();
    while let Some((offset, character)) = chars.next() {
        let inside_apostrophe =
            matches!(character, '\'' | '’') && chars.peek().is_some_and(|&(_, next)| is_letter(next));
        if is_letter(character) || inside_apostrophe && end > start {
            end = start + offset + character.len_utf8();
        } else {
            break;
        }
    }
    end
}

/// Reads the number that starts at `start`: "1 679", "1,679", "1,5", "12.3", "27.06.2019".
fn number(text: &str, start: usize) -> (usize, Kind<'static>) {
    let first_end = digits_end(text, start);
    let first_length = first_end - start;
    let bytes = text.as_bytes();

    // Times, fractions and dates: "10:00", "24/7", "27/06/2019".
    if matches!(bytes.get(first_end), Some(b':' | b'/')) && next_is_digit(text, first_end + 1) {
        return (code_end(text, first_end, b":/."), Kind::Code);
    }
    // Dotted dates and clause numbers: "27.06.2019", "6.4.1".
    if bytes.get(first_end) == Some(&b'.') && next_is_digit(text, first_end + 1) {
        let second_end = digits_end(text, first_end + 1);
        if bytes.get(second_end) == Some(&b'.') && next_is_digit(text, second_end + 1) {
            return (code_end(text, first_end, b"."), Kind::Code);
        }
    }

    let mut integer = text.get(start..first_end).unwrap_or("").to_string();
    let mut fraction = String::new();
    let mut separator: Option<char> = None;
    let mut position = first_end;
    while let Some(character) = char_at(text, position) {
        let group_start = position + character.len_utf8();
        let group_end = digits_end(text, group_start);
        let group = text.get(group_start..group_end).unwrap_or("");
        if group.is_empty() {
            break;
        }
        let thousands = group.len() == 3 && first_length <= 3;
        match character {
            ',' if thousands
                && (separator == Some(',') || separator.is_none() && !cyrillic_nearby(text, start, group_end)) =>
            {
                separator = Some(',');
                integer.push_str(group);
                position = group_end;
            }
            // A comma after space-grouped thousands, or one that is not a thousands comma, is
            // the Russian decimal comma: "1 500,5", "1,5", "12,300 тонн".
            ',' | '.' if separator != Some(',') || character == '.' => {
                fraction.push_str(group);
                position = group_end;
                break;
            }
            ' ' | '\u{00A0}' | '\u{202F}' | '\u{2009}' if thousands && matches!(separator, None | Some(' ')) => {
                separator = Some(' ');
                integer.push_str(group);
                position = group_end;
            }
            _ => break,
        }
    }

    // ISO dates and phone-like chains: "2019-06-27", "123-45-67". One hyphen is a range.
    if bytes.get(position) == Some(&b'-') && next_is_digit(text, position + 1) {
        let second_end = digits_end(text, position + 1);
        if bytes.get(second_end) == Some(&b'-') && next_is_digit(text, second_end + 1) {
            return (code_end(text, position, b"-"), Kind::Code);
        }
    }
    let grouped = separator.is_some();
    (position, Kind::Number { integer, fraction, grouped })
}

/// The end of a run of digit groups joined by any of `separators`, from `position`.
fn code_end(text: &str, mut position: usize, separators: &[u8]) -> usize {
    let bytes = text.as_bytes();
    while bytes.get(position).is_some_and(|byte| separators.contains(byte)) && next_is_digit(text, position + 1) {
        position = digits_end(text, position + 1);
    }
    position
}

/// The end of a phone number starting with "+" at `start`: digits, spaces, hyphens and
/// parentheses holding at least seven digits. "+5%" is a sign, not a phone number.
fn phone_end(text: &str, start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    if bytes.get(start) != Some(&b'+') || !next_is_digit(text, start + 1) {
        return None;
    }
    let mut end = start + 1;
    let mut position = start + 1;
    let mut digits = 0;
    while let Some(&byte) = bytes.get(position) {
        match byte {
            b'0'..=b'9' | b')' => {
                digits += usize::from(byte.is_ascii_digit());
                position += 1;
                end = position;
            }
            b'(' | b'-' | b' ' => position += 1,
            _ => break,
        }
    }
    (digits >= 7).then_some(end)
}

/// Whether the first letter after the number (or, if none, the last letter before it) is
/// Cyrillic: then "12,300" is twelve point three, as a Russian writer means it.
fn cyrillic_nearby(text: &str, start: usize, end: usize) -> bool {
    let is_cyrillic = |character: char| ('\u{0400}'..='\u{04FF}').contains(&character);
    let after = text.get(end..).unwrap_or("").chars().take(40).find(|character| character.is_alphabetic());
    match after {
        Some(letter) => is_cyrillic(letter),
        None => text
            .get(..start)
            .unwrap_or("")
            .chars()
            .rev()
            .take(40)
            .find(|character| character.is_alphabetic())
            .is_some_and(is_cyrillic),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<String> {
        lex(text)
            .into_iter()
            .map(|item| match item.kind {
                Kind::Word { folded } => format!("w:{folded}"),
                Kind::Number { integer, fraction, .. } if fraction.is_empty() => format!("n:{integer}"),
                Kind::Number { integer, fraction, .. } => format!("n:{integer}.{fraction}"),
                Kind::Code => format!("c:{}", &text[item.start..item.end]),
                Kind::Punct(character) => format!("p:{character}"),
            })
            .collect()
    }

    #[test]
    fn numbers_in_both_conventions() {
        assert_eq!(kinds("1 679 городов"), ["n:1679", "w:городов"]);
        assert_eq!(kinds("1\u{a0}500 тыс."), ["n:1500", "w:тыс", "p:."]);
        assert_eq!(kinds("1,679 foreign"), ["n:1679", "w:foreign"]);
        assert_eq!(kinds("12,300 тонн"), ["n:12.300", "w:тонн"]);
        assert_eq!(kinds("1,5 млн"), ["n:1.5", "w:млн"]);
        assert_eq!(kinds("$431.3"), ["p:$", "n:431.3"]);
        assert_eq!(kinds("1 500,5"), ["n:1500.5"]);
        assert_eq!(kinds("2019 150"), ["n:2019", "n:150"]);
        assert_eq!(kinds("10, 20"), ["n:10", "p:,", "n:20"]);
    }

    #[test]
    fn codes() {
        assert_eq!(kinds("27.06.2019 г."), ["c:27.06.2019", "w:г", "p:."]);
        assert_eq!(kinds("10:00"), ["c:10:00"]);
        assert_eq!(kinds("2019-06-27"), ["c:2019-06-27"]);
        assert_eq!(kinds("20-25"), ["n:20", "p:-", "n:25"]);
        assert_eq!(kinds("+7 (495) 123-45-67 x"), ["c:+7 (495) 123-45-67", "w:x"]);
        assert_eq!(kinds("Russia's"), ["w:russia's"]);
    }
}

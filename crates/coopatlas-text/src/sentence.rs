use std::ops::Range;

/// Splits `text` into sentences, as byte ranges with surrounding whitespace trimmed.
///
/// A sentence ends at `.`, `!`, `?` or `…` followed by whitespace and an uppercase letter, digit,
/// quote or dash, and at every blank line or line break that ends a heading-like line. Dots after
/// initials and common abbreviations ("г.", "т.е.", "St.", "Mr.") do not end a sentence.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    let mut index = 0;
    while index < text.len() {
        let character = text[index..].chars().next().unwrap_or(' ');
        let width = character.len_utf8();
        let boundary = match character {
            '\n' => {
                // A line break ends a sentence when the line looks complete or the next is blank.
                let next_is_blank = text[index + 1..].trim_start_matches([' ', '\t', '\r']).starts_with('\n');
                let line_start = text[..index].rfind('\n').map_or(0, |position| position + 1);
                let line = text[line_start..index].trim();
                next_is_blank
                    || line.is_empty()
                    || starts_list_item(&text[index + 1..])
                    || !line.ends_with([',', ';', ':', '-', '—', '(']) && next_starts_sentence(&text[index + 1..])
            }
            '.' | '!' | '?' | '…' => {
                let after = &text[index + width..];
                let after_trimmed = after.trim_start_matches(['"', '»', ')', '”', '\'']);
                let closing = after.len() - after_trimmed.len();
                let followed_by_space = after_trimmed.starts_with(char::is_whitespace) || after_trimmed.is_empty();
                if followed_by_space
                    && (character != '.' || !is_abbreviation(&text[start..index]))
                    && (next_starts_sentence(after_trimmed.trim_start()) || after_trimmed.trim().is_empty())
                {
                    index += width + closing;
                    push_trimmed(text, start..index, &mut ranges);
                    start = index;
                    continue;
                }
                false
            }
            _ => false,
        };
        if boundary {
            push_trimmed(text, start..index, &mut ranges);
            start = index + width;
        }
        index += width;
    }
    push_trimmed(text, start..text.len(), &mut ranges);
    ranges
}

/// True when a line opens a list item ("- ", "• ", "* ", "— "): each item is a sentence of its
/// own, whatever the line before ends with ("…мероприятий;").
fn starts_list_item(rest: &str) -> bool {
    let line = rest.trim_start_matches([' ', '\t']);
    let mut characters = line.chars();
    matches!(characters.next(), Some('-' | '•' | '*' | '–' | '—' | '·')) && characters.next() == Some(' ')
}

fn next_starts_sentence(rest: &str) -> bool {
    match rest.trim_start().chars().next() {
        None => true,
        Some(character) => {
            character.is_uppercase()
                || character.is_ascii_digit()
                || matches!(character, '«' | '"' | '“' | '—' | '–' | '-' | '•' | '*' | '#' | '(')
        }
    }
}

/// True when the text before a dot ends with an initial or a common abbreviation.
fn is_abbreviation(before: &str) -> bool {
    let word = before.rsplit(|character: char| !character.is_alphabetic()).next().unwrap_or("");
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return true; // an initial: "В. В. Путин", "J. Smith"
    }
    const ABBREVIATIONS: &[&str] = &[
        "г", "гг", "т", "е", "др", "пр", "им", "ул", "д", "обл", "респ", "руб", "млн", "млрд", "тыс", "долл", "стр",
        "ст", "см", "рис", "табл", "п", "пп", "mr", "mrs", "ms", "dr", "st", "no", "vs", "etc", "e", "i", "jan", "feb",
        "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "ltd", "co",
    ];
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

fn push_trimmed(text: &str, range: Range<usize>, ranges: &mut Vec<Range<usize>>) {
    let slice = &text[range.clone()];
    let leading = slice.len() - slice.trim_start().len();
    let trimmed = slice.trim();
    if !trimmed.is_empty() {
        let start = range.start + leading;
        ranges.push(start..start + trimmed.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|range| &text[range]).collect()
    }

    #[test]
    fn splits_russian_and_english() {
        assert_eq!(
            split("Соглашение подписано в 2019 г. в Минске. Стороны договорились! Next: trade."),
            ["Соглашение подписано в 2019 г. в Минске.", "Стороны договорились!", "Next: trade."]
        );
        assert_eq!(
            split("Mr. Smith visited St. Petersburg. He met the governor."),
            ["Mr. Smith visited St. Petersburg.", "He met the governor."]
        );
    }

    #[test]
    fn headings_and_blank_lines_end_sentences() {
        assert_eq!(
            split("Раздел 5\n\nСотрудничество с регионами\nТекст раздела."),
            ["Раздел 5", "Сотрудничество с регионами", "Текст раздела."]
        );
        assert_eq!(
            split("торговля, промышленность,\nсельское хозяйство."),
            ["торговля, промышленность,\nсельское хозяйство."]
        );
    }

    #[test]
    fn list_items_are_sentences() {
        assert_eq!(
            split("Область будет:\n- поддерживать контакты с Гиляном;\n- развивать связи с Казахстаном."),
            ["Область будет:", "- поддерживать контакты с Гиляном;", "- развивать связи с Казахстаном."]
        );
        // A hyphen that continues a word across lines is no list item.
        assert_eq!(split("торгово-\nэкономическое сотрудничество."), ["торгово-\nэкономическое сотрудничество."]);
    }

    #[test]
    fn initials_do_not_split() {
        assert_eq!(split("Губернатор А. В. Дюмин посетил Минск."), ["Губернатор А. В. Дюмин посетил Минск."]);
    }

    #[test]
    fn empty_and_whitespace() {
        assert!(sentences("").is_empty());
        assert!(sentences(" \n\n ").is_empty());
    }
}

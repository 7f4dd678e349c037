use std::ops::Range;

/// A word of the text: a maximal run of letters and digits, as a byte range into the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
}

impl Token {
    pub fn as_str(self, text: &str) -> &str {
        &text[self.start..self.end]
    }

    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }
}

/// Splits `text` into words. Hyphens, apostrophes and punctuation separate words, so
/// "торгово-экономическое" gives two tokens; combining marks stay inside the word.
pub fn tokens(text: &str) -> impl Iterator<Item = Token> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let start = loop {
            let (index, character) = chars.next()?;
            if is_word_char(character) {
                break index;
            }
        };
        let mut end = text.len();
        while let Some(&(index, character)) = chars.peek() {
            if is_word_char(character) {
                chars.next();
            } else {
                end = index;
                break;
            }
        }
        Some(Token { start, end })
    })
}

fn is_word_char(character: char) -> bool {
    // Fast paths for ASCII and the Cyrillic block: the general Unicode tables were a fifth of
    // ingest time on Russian text (measured with perf).
    match character {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        '\0'..='\x7F' => false,
        'А'..='я' | 'Ѐ'..='Ё' | 'ё'..='џ' => true,
        _ => character.is_alphanumeric() || is_combining_mark(character),
    }
}

fn is_combining_mark(character: char) -> bool {
    // Combining diacritics (U+0300..U+036F) appear in decomposed "й" and stressed vowels.
    ('\u{0300}'..='\u{036F}').contains(&character)
}

/// Folds a word for matching: lowercase, "ё" as "е", combining marks dropped.
pub fn fold(word: &str) -> String {
    let mut folded = String::with_capacity(word.len());
    let mut previous: Option<char> = None;
    for character in word.chars().flat_map(lowercase) {
        match character {
            'ё' => folded.push('е'),
            // "и" + combining breve is a decomposed "й": recompose instead of dropping.
            '\u{0306}' if previous == Some('и') => {
                folded.pop();
                folded.push('й');
            }
            '\u{0308}' if previous == Some('е') => {}
            mark if is_combining_mark(mark) => {}
            other => folded.push(other),
        }
        previous = Some(character);
    }
    folded
}

/// Lowercase with fast paths for ASCII and basic Cyrillic (one char in, one char out there).
fn lowercase(character: char) -> impl Iterator<Item = char> {
    let simple = match character {
        'A'..='Z' => Some(character.to_ascii_lowercase()),
        'a'..='z' | 'а'..='я' | '0'..='9' => Some(character),
        'А'..='Я' => char::from_u32(character as u32 + 0x20),
        'Ѐ'..='Џ' => char::from_u32(character as u32 + 0x50),
        _ => None,
    };
    let mut general = simple.is_none().then(|| character.to_lowercase());
    let mut simple = simple;
    std::iter::from_fn(move || match &mut general {
        Some(lower) => lower.next(),
        None => simple.take(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokens(text).map(|token| token.as_str(text)).collect()
    }

    #[test]
    fn splits_on_punctuation_and_hyphens() {
        assert_eq!(
            words("Торгово-экономическое сотрудничество, 2019 г.: «Минск»!"),
            ["Торгово", "экономическое", "сотрудничество", "2019", "г", "Минск"]
        );
        assert_eq!(words(""), Vec::<&str>::new());
        assert_eq!(words(" ... "), Vec::<&str>::new());
    }

    #[test]
    fn offsets_point_into_the_text() {
        let text = "в Орле и Орёл";
        for token in tokens(text) {
            assert!(text.is_char_boundary(token.start) && text.is_char_boundary(token.end));
        }
        assert_eq!(words(text), ["в", "Орле", "и", "Орёл"]);
    }

    #[test]
    fn folds_case_and_yo() {
        assert_eq!(fold("Орёл"), "орел");
        assert_eq!(fold("ОРЁЛ"), "орел");
        assert_eq!(fold("Mogilev"), "mogilev");
        assert_eq!(fold("Прии\u{0306}ти"), "прийти");
        assert_eq!(fold("ЁЛКА Ѐ İ Σ"), "елка ѐ i σ");
        for character in ['А', 'Я', 'Ё', 'Ѐ', 'Џ', 'Z', 'é', 'Σ'] {
            assert_eq!(lowercase(character).collect::<String>(), character.to_lowercase().collect::<String>());
        }
        assert_eq!(fold("Ое\u{0308}"), "ое");
    }
}

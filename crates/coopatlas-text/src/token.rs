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
    character.is_alphanumeric() || is_combining_mark(character)
}

fn is_combining_mark(character: char) -> bool {
    // Combining diacritics (U+0300..U+036F) appear in decomposed "й" and stressed vowels.
    ('\u{0300}'..='\u{036F}').contains(&character)
}

/// Folds a word for matching: lowercase, "ё" as "е", combining marks dropped.
pub fn fold(word: &str) -> String {
    let mut folded = String::with_capacity(word.len());
    let mut previous: Option<char> = None;
    for character in word.chars().flat_map(char::to_lowercase) {
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
            [
                "Торгово",
                "экономическое",
                "сотрудничество",
                "2019",
                "г",
                "Минск"
            ]
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
        assert_eq!(fold("Ое\u{0308}"), "ое");
    }
}

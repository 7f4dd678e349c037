use rust_stemmers::{Algorithm, Stemmer as Snowball};

use crate::token::{fold, tokens};

/// Reduces words to stems so that inflected forms meet: "области" and "область", "agreements" and
/// "agreement". The language of each word is taken from its script (Cyrillic: Russian, Latin:
/// English), so mixed-language text needs no detection first.
pub struct Stemmer {
    russian: Snowball,
    english: Snowball,
}

impl std::fmt::Debug for Stemmer {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("Stemmer")
    }
}

impl Default for Stemmer {
    fn default() -> Stemmer {
        Stemmer::new()
    }
}

impl Stemmer {
    pub fn new() -> Stemmer {
        Stemmer { russian: Snowball::create(Algorithm::Russian), english: Snowball::create(Algorithm::English) }
    }

    /// Stem of one word (already a single token).
    pub fn stem(&self, word: &str) -> String {
        let folded = fold(word);
        let stemmed = if folded.chars().any(is_cyrillic) {
            let capitalised = word.chars().next().is_some_and(char::is_uppercase);
            return self.russian_stem(&folded, capitalised);
        } else if folded.chars().any(|character| character.is_ascii_alphabetic()) {
            self.english.stem(&folded)
        } else {
            return folded;
        };
        // Snowball can strip a short word to nothing useful ("ее" → "е"); keep at least two letters.
        if stemmed.chars().count() < 2 { folded } else { stemmed.into_owned() }
    }

    /// Snowball treats the last letters of some proper nouns as an ending, so "Татарстан" and
    /// "Татарстана" stem to "татарста" while "Татарстане" stems to "татарстан", and "Ростов" loses
    /// "ов" as if it were a plural. For a capitalised word whose stripped letters are one of those
    /// suffixes, and whose locative and instrumental forms stem back to the bare word, the key is
    /// the bare word; its case forms ("-а", "-у", "-е", "-ом") map to it too. Lowercase words are
    /// left to Snowball, so "регионов" still meets "регион".
    fn russian_stem(&self, folded: &str, capitalised: bool) -> String {
        let stem = self.russian.stem(folded).into_owned();
        if capitalised {
            let base = ["ом", "а", "у", "е"]
                .into_iter()
                .find_map(|ending| folded.strip_suffix(ending))
                .filter(|base| base.chars().last().is_some_and(is_consonant))
                .unwrap_or(folded);
            let stripped = base.strip_prefix(stem.as_str());
            let proper_suffix = stripped.is_some_and(|suffix| ["н", "ов", "ев", "ин", "ын"].contains(&suffix));
            if proper_suffix && self.has_zero_ending(base) {
                return base.to_string();
            }
        }
        if stem.chars().count() < 2 { folded.to_string() } else { stem }
    }

    fn has_zero_ending(&self, base: &str) -> bool {
        self.russian.stem(&format!("{base}е")) == base && self.russian.stem(&format!("{base}ом")) == base
    }

    /// The stems a query word should match: its own, and for a lowercase Russian word also the
    /// stem it would have as a capitalised name ("ростов" finds "Ростове").
    pub fn query_stems(&self, word: &str) -> Vec<String> {
        let own = self.stem(word);
        let mut characters = word.chars();
        let capitalised: String = match characters.next() {
            Some(first) if first.is_lowercase() && is_cyrillic(first) => {
                first.to_uppercase().chain(characters).collect()
            }
            _ => return vec![own],
        };
        let as_name = self.stem(&capitalised);
        if as_name == own { vec![own] } else { vec![own, as_name] }
    }

    /// Stems of every token of `text`, in order.
    pub fn stems(&self, text: &str) -> Vec<String> {
        tokens(text).map(|token| self.stem(token.as_str(text))).collect()
    }
}

/// Stems of words seen before, by the word as written: a corpus repeats its words thousands of
/// times, and stemming each again was most of a store's writing time during ingestion (measured
/// with top: the writer thread was the bottleneck). The stores index documents through one of
/// these. Dropped past a bound to keep memory flat.
#[derive(Debug, Default)]
pub struct StemMemo {
    stems: std::collections::HashMap<Box<str>, Box<str>>,
}

impl StemMemo {
    const LIMIT: usize = 1 << 18;

    pub fn new() -> StemMemo {
        StemMemo::default()
    }

    /// The stem of `word` (a single token), as [`Stemmer::stem`] gives it.
    pub fn stem(&mut self, stemmer: &Stemmer, word: &str) -> &str {
        if !self.stems.contains_key(word) {
            if self.stems.len() >= Self::LIMIT {
                self.stems.clear();
            }
            self.stems.insert(word.into(), stemmer.stem(word).into());
        }
        &self.stems[word]
    }

    /// The stems of every token of `text` separated by spaces.
    pub fn joined(&mut self, stemmer: &Stemmer, text: &str) -> String {
        let mut joined = String::with_capacity(text.len());
        for token in tokens(text) {
            if !joined.is_empty() {
                joined.push(' ');
            }
            joined.push_str(self.stem(stemmer, token.as_str(text)));
        }
        joined
    }
}

fn is_consonant(character: char) -> bool {
    "бвгджзклмнпрстфхцчшщ".contains(character)
}

fn is_cyrillic(character: char) -> bool {
    matches!(character, '\u{0400}'..='\u{04FF}' | '\u{0500}'..='\u{052F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same_stem(stemmer: &Stemmer, forms: &[&str]) {
        let first = stemmer.stems(forms[0]);
        for form in &forms[1..] {
            assert_eq!(stemmer.stems(form), first, "{form} vs {}", forms[0]);
        }
    }

    #[test]
    fn the_memo_gives_the_stemmers_stems() {
        let stemmer = Stemmer::new();
        let mut memo = StemMemo::new();
        let text = "Делегация Татарстана посетила Татарстан, agreements";
        for _ in 0..2 {
            assert_eq!(memo.joined(&stemmer, text), stemmer.stems(text).join(" "));
        }
        assert_eq!(memo.stem(&stemmer, "Ростове"), stemmer.stem("Ростове"));
    }

    #[test]
    fn russian_case_forms_meet() {
        let stemmer = Stemmer::new();
        same_stem(&stemmer, &["Калининградская область", "Калининградской области", "Калининградскую область"]);
        same_stem(&stemmer, &["соглашение", "соглашения", "соглашением", "соглашений"]);
        same_stem(&stemmer, &["сотрудничество", "сотрудничества", "сотрудничестве"]);
        same_stem(&stemmer, &["Минск", "Минска", "Минске"]);
    }

    #[test]
    fn english_forms_meet() {
        let stemmer = Stemmer::new();
        same_stem(&stemmer, &["agreement", "agreements", "Agreements"]);
        same_stem(&stemmer, &["cooperation", "cooperating"]);
        same_stem(&stemmer, &["visit", "visits", "visited"]);
    }

    #[test]
    fn numbers_and_short_words_survive() {
        let stemmer = Stemmer::new();
        assert_eq!(stemmer.stem("2019"), "2019");
        assert_eq!(stemmer.stem("ЕС"), "ес");
    }

    #[test]
    fn proper_nouns_with_zero_ending_meet() {
        let stemmer = Stemmer::new();
        same_stem(&stemmer, &["Татарстан", "Татарстана", "Татарстане", "Татарстаном", "Татарстану"]);
        same_stem(&stemmer, &["Ростов", "Ростова", "Ростове", "Ростовом"]);
        same_stem(&stemmer, &["рост", "роста"]);
        same_stem(&stemmer, &["регион", "регионов", "регионах", "регионам"]);
        same_stem(&stemmer, &["соглашение", "соглашением"]);
        assert_ne!(stemmer.stem("Ростов"), stemmer.stem("рост"));
        assert_eq!(stemmer.query_stems("ростов"), [stemmer.stem("рост"), stemmer.stem("Ростове")]);
        assert_eq!(stemmer.query_stems("Минск"), [stemmer.stem("Минске")]);
        same_stem(&stemmer, &["Кузбасс", "Кузбасса", "Кузбассе"]);
        same_stem(&stemmer, &["Москва", "Москвы", "Москве", "Москвой"]);
    }

    #[test]
    fn fleeting_vowels_are_not_joined() {
        // FIXME: a fleeting vowel ("Орёл" / "Орла") needs a morphological dictionary; the
        // gazetteer's generated case forms cover place names, search does not.
        let stemmer = Stemmer::new();
        assert_ne!(stemmer.stem("Орёл"), stemmer.stem("Орла"));
    }
}

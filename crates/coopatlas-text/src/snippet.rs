use std::collections::HashSet;
use std::ops::Range;

use crate::sentence::sentences;
use crate::stem::Stemmer;
use crate::token::tokens;

/// A short passage of a document around the words a search matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// Byte range of the passage in the document text.
    pub range: Range<usize>,
    /// The passage itself (whitespace runs collapsed to one space is NOT done: it is the exact slice).
    pub text: String,
    /// Byte ranges of the matched words, relative to `text`.
    pub highlights: Vec<Range<usize>>,
}

impl Snippet {
    /// The passage with each highlight wrapped in `open` and `close`.
    pub fn marked(&self, open: &str, close: &str) -> String {
        let mut marked = String::with_capacity(self.text.len() + self.highlights.len() * (open.len() + close.len()));
        let mut position = 0;
        for highlight in &self.highlights {
            marked.push_str(&self.text[position..highlight.start]);
            marked.push_str(open);
            marked.push_str(&self.text[highlight.clone()]);
            marked.push_str(close);
            position = highlight.end;
        }
        marked.push_str(&self.text[position..]);
        marked
    }
}

/// Picks the sentence of `text` that contains the most distinct query stems (earliest on a tie),
/// cut to about `max_chars` characters around its first match, with every matching word highlighted.
/// Without any match it returns the start of the text.
pub fn snippet(text: &str, query_stems: &[String], stemmer: &Stemmer, max_chars: usize) -> Snippet {
    let wanted: HashSet<&str> = query_stems.iter().map(String::as_str).collect();
    let matches: Vec<(Range<usize>, String)> = tokens(text)
        .filter_map(|token| {
            let stem = stemmer.stem(token.as_str(text));
            wanted.contains(stem.as_str()).then(|| (token.range(), stem))
        })
        .collect();

    let window = if matches.is_empty() { 0..text.len() } else { best_sentence(text, &matches) };
    let window = clip(text, window, matches.iter().map(|(range, _)| range.start).next(), max_chars);
    let highlights = matches
        .iter()
        .filter(|(range, _)| range.start >= window.start && range.end <= window.end)
        .map(|(range, _)| range.start - window.start..range.end - window.start)
        .collect();
    Snippet { text: text[window.clone()].to_string(), range: window, highlights }
}

fn best_sentence(text: &str, matches: &[(Range<usize>, String)]) -> Range<usize> {
    let mut best: Option<(usize, Range<usize>)> = None;
    let mut cursor = 0;
    for sentence in sentences(text) {
        let mut distinct: HashSet<&str> = HashSet::new();
        while cursor < matches.len() && matches[cursor].0.start < sentence.end {
            if matches[cursor].0.start >= sentence.start {
                distinct.insert(matches[cursor].1.as_str());
            }
            cursor += 1;
        }
        if !distinct.is_empty() && best.as_ref().is_none_or(|(count, _)| distinct.len() > *count) {
            best = Some((distinct.len(), sentence));
        }
    }
    best.map_or(0..text.len(), |(_, sentence)| sentence)
}

/// Cuts `window` to about `max_chars` characters, keeping `anchor` (a byte offset) inside, on char
/// boundaries and, where possible, on word boundaries.
fn clip(text: &str, window: Range<usize>, anchor: Option<usize>, max_chars: usize) -> Range<usize> {
    let slice = &text[window.clone()];
    if slice.chars().count() <= max_chars {
        return trim(text, window);
    }
    let anchor = anchor.filter(|anchor| window.contains(anchor)).unwrap_or(window.start);
    // Start a little before the anchor so the match has some context on its left.
    let lead = max_chars / 4;
    let mut start = anchor;
    for _ in 0..lead {
        match text[window.start..start].chars().next_back() {
            Some(character) => start -= character.len_utf8(),
            None => break,
        }
    }
    if start > window.start
        && let Some(space) = text[start..anchor].find(char::is_whitespace)
    {
        start += space + 1;
    }
    let mut end = start;
    for character in text[start..window.end].chars().take(max_chars) {
        end += character.len_utf8();
    }
    if end < window.end
        && let Some(space) = text[start..end].rfind(char::is_whitespace)
        && space > 0
        && start + space > anchor
    {
        end = start + space;
    }
    trim(text, start..end)
}

fn trim(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let leading = slice.len() - slice.trim_start().len();
    let start = range.start + leading;
    start..start + slice.trim().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_inflected_forms_in_the_best_sentence() {
        let stemmer = Stemmer::new();
        let text =
            "Вступление. Делегация посетила Минск. Калининградской области и Гродненской области подписали соглашение.";
        let query = stemmer.stems("Калининградская область");
        let snippet = snippet(text, &query, &stemmer, 200);
        assert_eq!(snippet.text, "Калининградской области и Гродненской области подписали соглашение.");
        assert_eq!(
            snippet.marked("[", "]"),
            "[Калининградской] [области] и Гродненской [области] подписали соглашение."
        );
        assert_eq!(&text[snippet.range.clone()], snippet.text);
    }

    #[test]
    fn long_sentences_are_clipped_around_the_match() {
        let stemmer = Stemmer::new();
        let text = format!("{} agreements were signed {}", "word ".repeat(200), "tail ".repeat(200));
        let snippet = snippet(&text, &stemmer.stems("agreement"), &stemmer, 80);
        assert!(snippet.text.chars().count() <= 80, "{}", snippet.text);
        assert_eq!(snippet.marked("<", ">").matches("<agreements>").count(), 1);
    }

    #[test]
    fn no_match_gives_the_start() {
        let stemmer = Stemmer::new();
        let snippet = snippet("Первое предложение. Второе.", &stemmer.stems("Минск"), &stemmer, 10);
        assert!(snippet.highlights.is_empty());
        assert!(snippet.text.starts_with("Первое"));
        assert!(snippet.text.chars().count() <= 10);
    }
}

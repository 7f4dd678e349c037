//! What a person types into the search box, as every backend understands it: words and quoted
//! phrases, stemmed by `coopatlas-text` so that every backend matches the same stems. Each backend
//! renders a [`ParsedQuery`] in its own query language (FTS5 for SQLite, `tsquery` for
//! PostgreSQL), and makes the hits of a search with [`hit`], so snippets and highlights are the
//! same everywhere.
//!
//! Every word becomes the stems it may have (`Stemmer::query_stems`); a part in double quotes
//! becomes a phrase of stems, and an unclosed quote runs to the end. Only letters and digits reach
//! a backend: punctuation and operators the user types are separators, never query syntax.

use coopatlas_text::{Stemmer, tokens};

use crate::{DocumentSummary, SearchHit, StoreError};

/// About how many characters of text a search hit's snippet shows.
pub const SNIPPET_CHARS: usize = 240;

/// One part of a query; a document must match every part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// Any of these stems (a word and, for a lowercase Russian word, its stem as a name).
    Word(Vec<String>),
    /// These stems, one right after the other.
    Phrase(Vec<String>),
}

/// A query as parsed: its terms, all of which must match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedQuery {
    terms: Vec<Term>,
}

/// Parses `text`; the result may be empty (no words), which [`parse_search`] refuses.
pub fn parse(text: &str, stemmer: &Stemmer) -> ParsedQuery {
    let mut terms = Vec::new();
    // Odd-numbered pieces between double quotes are phrases; an unclosed quote runs to the end.
    for (index, piece) in text.split('"').enumerate() {
        if index % 2 == 1 {
            let stems: Vec<String> = tokens(piece).map(|token| stemmer.stem(token.as_str(piece))).collect();
            match stems.len() {
                0 => {}
                1 => terms.push(Term::Word(stems)),
                _ => terms.push(Term::Phrase(stems)),
            }
        } else {
            for token in tokens(piece) {
                terms.push(Term::Word(stemmer.query_stems(token.as_str(piece))));
            }
        }
    }
    ParsedQuery { terms }
}

/// Parses the query of a search: [`StoreError::BadQuery`] when it has no words to search for.
pub fn parse_search(text: &str, stemmer: &Stemmer) -> Result<ParsedQuery, StoreError> {
    let parsed = parse(text, stemmer);
    if parsed.is_empty() {
        return Err(StoreError::BadQuery("the query has no words to search for".into()));
    }
    Ok(parsed)
}

impl ParsedQuery {
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The terms, in the order they were typed.
    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// Every stem of the query, for highlighting.
    pub fn all_stems(&self) -> Vec<String> {
        self.terms
            .iter()
            .flat_map(|term| match term {
                Term::Word(stems) | Term::Phrase(stems) => stems.iter().cloned(),
            })
            .collect()
    }
}

/// The search hit of a document whose text is `text`: the snippet and highlights of `stems` (see
/// [`ParsedQuery::all_stems`]), computed from the text itself so that they are exact slices of it.
pub fn hit(document: DocumentSummary, score: f64, text: &str, stems: &[String], stemmer: &Stemmer) -> SearchHit {
    let snippet = coopatlas_text::snippet(text, stems, stemmer, SNIPPET_CHARS);
    SearchHit {
        document,
        score,
        snippet_range: (snippet.range.start, snippet.range.end),
        highlights: snippet.highlights.iter().map(|range| (range.start, range.end)).collect(),
        snippet: snippet.text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(stems: &[&str]) -> Term {
        Term::Word(stems.iter().map(|stem| stem.to_string()).collect())
    }

    fn phrase(stems: &[&str]) -> Term {
        Term::Phrase(stems.iter().map(|stem| stem.to_string()).collect())
    }

    #[track_caller]
    fn check(query: &str, expected: &[Term]) {
        assert_eq!(parse(query, &Stemmer::new()).terms(), expected);
    }

    #[test]
    fn terms() {
        check("Калининградская область", &[words(&["калининградск"]), words(&["област"])]);
        check("agreements", &[words(&["agreement"])]);
        check("\"рабочей группы\" Минск", &[phrase(&["рабоч", "групп"]), words(&["минск"])]);
        check("ростов", &[words(&["рост", "ростов"])]);
        check("\"Минск\"", &[words(&["минск"])]);
        check("NEAR(a b) OR -c*", &[words(&["near"]), words(&["a"]), words(&["b"]), words(&["or"]), words(&["c"])]);
        check("\"unclosed phrase", &[phrase(&["unclos", "phrase"])]);
        check("\"", &[]);
        check("", &[]);
    }

    #[test]
    fn all_stems_in_order() {
        let parsed = parse("\"рабочей группы\" ростов", &Stemmer::new());
        assert_eq!(parsed.all_stems(), ["рабоч", "групп", "рост", "ростов"]);
    }

    #[test]
    fn a_query_without_words_is_bad() {
        for text in ["", "  ", "\"", "…", "-- *"] {
            assert!(matches!(parse_search(text, &Stemmer::new()), Err(StoreError::BadQuery(_))), "{text:?}");
        }
        assert!(parse_search("область", &Stemmer::new()).is_ok());
    }

    #[test]
    fn hits_are_exact_slices() {
        let text = "Первое предложение. Калининградская область подписала соглашение.";
        let summary = DocumentSummary {
            id: coopatlas_document::DocumentId::of(text.as_bytes()),
            format: "text",
            size: text.len() as u64,
            language: None,
            title: None,
            date: None,
            genre: "news",
            paths: Vec::new(),
            ingested_at: String::new(),
        };
        let stemmer = Stemmer::new();
        let parsed = parse("соглашения", &stemmer);
        let hit = hit(summary, 1.5, text, &parsed.all_stems(), &stemmer);
        assert_eq!(&text[hit.snippet_range.0..hit.snippet_range.1], hit.snippet);
        let highlighted: Vec<&str> = hit.highlights.iter().map(|(start, end)| &hit.snippet[*start..*end]).collect();
        assert_eq!(highlighted, ["соглашение"]);
        assert_eq!(hit.score, 1.5);
    }
}

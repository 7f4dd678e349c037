//! Turns what a person types into an FTS5 expression over stems.
//!
//! Every word becomes a quoted stem (or an OR of the stems it may have, see
//! `Stemmer::query_stems`); a part in double quotes becomes a phrase of stems. Quoting every term
//! means no character the user types can reach FTS5's own query syntax.

use coopatlas_text::{Stemmer, tokens};

#[derive(Debug, PartialEq, Eq)]
enum Term {
    /// Any of these stems.
    Word(Vec<String>),
    /// These stems in this order.
    Phrase(Vec<String>),
}

#[derive(Debug, PartialEq, Eq)]
pub struct ParsedQuery {
    terms: Vec<Term>,
}

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

impl ParsedQuery {
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The FTS5 MATCH expression: all terms must match.
    pub fn fts_expression(&self) -> String {
        let quote = |stem: &str| format!("\"{}\"", stem.replace('"', "\"\""));
        self.terms
            .iter()
            .map(|term| match term {
                Term::Word(stems) if stems.len() == 1 => quote(&stems[0]),
                Term::Word(stems) => {
                    format!("({})", stems.iter().map(|stem| quote(stem)).collect::<Vec<_>>().join(" OR "))
                }
                Term::Phrase(stems) => quote(&stems.join(" ")),
            })
            .collect::<Vec<_>>()
            .join(" AND ")
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

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(query: &str, expected: &str) {
        assert_eq!(parse(query, &Stemmer::new()).fts_expression(), expected);
    }

    #[test]
    fn expressions() {
        check("Калининградская область", "\"калининградск\" AND \"област\"");
        check("agreements", "\"agreement\"");
        check("\"рабочей группы\" Минск", "\"рабоч групп\" AND \"минск\"");
        check("ростов", "(\"рост\" OR \"ростов\")");
        check("NEAR(a b) OR -c*", "\"near\" AND \"a\" AND \"b\" AND \"or\" AND \"c\"");
        check("\"", "");
        check("", "");
    }
}

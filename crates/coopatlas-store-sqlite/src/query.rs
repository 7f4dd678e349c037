//! Turns a parsed query ([`coopatlas_store::query`]) into an FTS5 expression over stems.
//!
//! Every word becomes a quoted stem (or an OR of the stems it may have); a phrase becomes a quoted
//! run of stems. Quoting every term means no character the user types can reach FTS5's own query
//! syntax.

use coopatlas_store::query::{ParsedQuery, Term};

/// The FTS5 MATCH expression of `parsed`: all terms must match.
pub fn fts_expression(parsed: &ParsedQuery) -> String {
    let quote = |stem: &str| format!("\"{}\"", stem.replace('"', "\"\""));
    parsed
        .terms()
        .iter()
        .map(|term| match term {
            Term::Word(stems) if stems.len() == 1 => quote(&stems[0]),
            Term::Word(stems) => format!("({})", stems.iter().map(|stem| quote(stem)).collect::<Vec<_>>().join(" OR ")),
            Term::Phrase(stems) => quote(&stems.join(" ")),
        })
        .collect::<Vec<_>>()
        .join(" AND ")
}

#[cfg(test)]
mod tests {
    use coopatlas_store::query::parse;
    use coopatlas_text::Stemmer;

    use super::*;

    #[track_caller]
    fn check(query: &str, expected: &str) {
        assert_eq!(fts_expression(&parse(query, &Stemmer::new())), expected);
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

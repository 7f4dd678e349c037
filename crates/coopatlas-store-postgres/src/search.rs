//! Full-text search over the stems `coopatlas-text` computes, as the embedded store does.
//!
//! The index is a `tsvector` per document written by [`tsvector`] as a literal: every stem quoted,
//! with its positions, so PostgreSQL's parser cannot split or change a stem and its dictionaries
//! are never used. Title stems come first with weight A (ranked three times a text stem, like the
//! embedded store's title column); text positions follow after a gap, so no phrase runs from the
//! title into the text. A query becomes a `tsquery` literal the same way ([`tsquery`]).
//!
//! PostgreSQL limits a `tsvector`: positions up to 16,383, at most 256 of them per stem, stems up
//! to 2,047 bytes and 1 MB in all. A longer text is still stored and found by every stem it has:
//! positions past the limit are kept as the last one, and when the stems of a very long text of
//! many distinct words would pass 1 MB, fewer positions are kept per stem, then none. Phrases are
//! therefore found only within the first 16,383 words of a text; single words everywhere.

use std::collections::HashMap;
use std::fmt::Write as _;

use coopatlas_document::DocumentId;
use coopatlas_store::query::{self, ParsedQuery, Term};
use coopatlas_store::{SearchHit, SearchQuery, SearchResults, StoreError};
use coopatlas_text::{StemMemo, Stemmer, tokens};

use crate::db::get;
use crate::documents::{parse_id, seq_of, summary, text};
use crate::{Db, Error};

/// The largest position a `tsvector` keeps (`MAXENTRYPOS - 1`).
const LAST_POSITION: u16 = 16_383;
/// Positions a `tsvector` keeps per stem (`MAXNUMPOS`).
const POSITIONS_PER_STEM: usize = 256;
/// The longest stem a `tsvector` or `tsquery` takes, in bytes (`MAXSTRLEN`).
const LONGEST_STEM: usize = 2_047;
/// What the stems and positions of one document may take, with room to spare under PostgreSQL's
/// limit of 1 MB.
const BUDGET: usize = 1_000_000;

/// How a document is ranked: weights of D (text) and A (title) stems, 1 : 3 as in the embedded
/// store, and the rank divided by 1 + the logarithm of the document's length.
const RANK: &str = "ts_rank('{0.33, 0.33, 0.33, 1.0}', terms, $1::text::tsquery, 1)::float8";

/// A stem as a quoted lexeme of a `tsvector` or `tsquery` literal.
fn quoted(stem: &str, into: &mut String) {
    into.push('\'');
    for character in stem.chars() {
        match character {
            '\'' => into.push_str("''"),
            '\\' => into.push_str("\\\\"),
            other => into.push(other),
        }
    }
    into.push('\'');
}

/// One stem of a document: its positions, each with whether it is in the title.
struct Entry {
    stem: String,
    positions: Vec<(u16, bool)>,
}

/// The `tsvector` literal of a document with `title` and `text`.
pub(crate) fn tsvector(title: &str, text: &str, stemmer: &Stemmer, memo: &mut StemMemo) -> String {
    let mut entries: Vec<Entry> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut position: usize = 1;
    for (part, in_title) in [(title, true), (text, false)] {
        for token in tokens(part) {
            let stem = memo.stem(stemmer, token.as_str(part));
            let at = u16::try_from(position).unwrap_or(LAST_POSITION).min(LAST_POSITION);
            position += 1;
            if stem.len() > LONGEST_STEM {
                continue;
            }
            let slot = match index.get(stem) {
                Some(&slot) => slot,
                None => {
                    index.insert(stem.to_string(), entries.len());
                    entries.push(Entry { stem: stem.to_string(), positions: Vec::new() });
                    entries.len() - 1
                }
            };
            let positions = &mut entries[slot].positions;
            if positions.len() < POSITIONS_PER_STEM && positions.last().is_none_or(|(last, _)| *last != at) {
                positions.push((at, in_title));
            }
        }
        // A gap between title and text: no phrase runs from one into the other.
        position += 1;
    }
    // Fewer positions per stem until the whole fits; stems without positions still match words.
    let mut kept = POSITIONS_PER_STEM;
    while size(&entries, kept) > BUDGET && kept > 0 {
        kept /= 4;
    }
    let mut literal = String::new();
    let mut used = 8;
    for entry in &entries {
        let positions = &entry.positions[..entry.positions.len().min(kept)];
        used += entry_size(&entry.stem, positions.len());
        if used > BUDGET {
            // Only a text of hundreds of thousands of distinct words gets here: its later words
            // are not indexed.
            tracing::warn!(stems = entries.len(), "a document has more distinct words than the index takes");
            break;
        }
        if !literal.is_empty() {
            literal.push(' ');
        }
        quoted(&entry.stem, &mut literal);
        for (number, (at, in_title)) in positions.iter().enumerate() {
            literal.push(if number == 0 { ':' } else { ',' });
            let _ = write!(literal, "{at}");
            if *in_title {
                literal.push('A');
            }
        }
    }
    literal
}

/// About what PostgreSQL stores for one stem with `positions` positions: its entry, the stem,
/// alignment, and the positions with their count.
fn entry_size(stem: &str, positions: usize) -> usize {
    4 + stem.len() + 1 + if positions > 0 { 2 + 2 * positions } else { 0 }
}

fn size(entries: &[Entry], kept: usize) -> usize {
    8 + entries.iter().map(|entry| entry_size(&entry.stem, entry.positions.len().min(kept))).sum::<usize>()
}

/// The `tsquery` literal of a parsed query: a word matches any of its stems, a phrase its stems
/// one right after another, and every term must match.
pub(crate) fn tsquery(parsed: &ParsedQuery) -> Result<String, StoreError> {
    let mut literal = String::new();
    for term in parsed.terms() {
        let (stems, operator) = match term {
            Term::Word(stems) => (stems, " | "),
            Term::Phrase(stems) => (stems, " <-> "),
        };
        if stems.iter().any(|stem| stem.len() > LONGEST_STEM) {
            return Err(StoreError::BadQuery(format!("a word of the query is longer than {LONGEST_STEM} bytes")));
        }
        if !literal.is_empty() {
            literal.push_str(" & ");
        }
        literal.push('(');
        for (number, stem) in stems.iter().enumerate() {
            if number > 0 {
                literal.push_str(operator);
            }
            quoted(stem, &mut literal);
        }
        literal.push(')');
    }
    Ok(literal)
}

/// The parsed query and its `tsquery`; a query without words is the caller's error.
fn parse(db: Db<'_>, text: &str) -> Result<(ParsedQuery, String), Error> {
    let parsed = query::parse_search(text, &db.local().stemmer)?;
    let literal = tsquery(&parsed)?;
    Ok((parsed, literal))
}

/// A failure of a statement that matches a query: the query's fault when PostgreSQL could not
/// take it as a `tsquery`, the database's otherwise.
fn matching(error: Error) -> Error {
    match error.code().map(|code| code.code()) {
        Some(code) if code.starts_with("22") || code == "42601" => {
            Error::Store(StoreError::BadQuery(StoreError::from(error).to_string()))
        }
        _ => error,
    }
}

pub(crate) async fn search(db: Db<'_>, search: &SearchQuery) -> Result<SearchResults, Error> {
    let (parsed, literal) = parse(db, &search.text)?;
    let total: i64 = get(
        &db.query_one("SELECT count(*) FROM document_search WHERE terms @@ $1::text::tsquery", &[&literal])
            .await
            .map_err(matching)?,
        0,
    )?;
    let limit = i64::try_from(search.limit).unwrap_or(i64::MAX);
    let offset = i64::try_from(search.offset).unwrap_or(i64::MAX);
    let ranked = db
        .query(
            &format!(
                "SELECT document, {RANK} AS rank FROM document_search WHERE terms @@ $1::text::tsquery
                 ORDER BY rank DESC, document LIMIT $2 OFFSET $3"
            ),
            &[&literal, &limit, &offset],
        )
        .await
        .map_err(matching)?;
    let stems = parsed.all_stems();
    let mut hits = Vec::with_capacity(ranked.len());
    for row in &ranked {
        hits.push(hit(db, get(row, 0)?, get(row, 1)?, &stems).await?);
    }
    Ok(SearchResults { total: u64::try_from(total).unwrap_or(0), hits })
}

/// Every match, best first: the same order as [`search`], so its pages are slices of this list.
pub(crate) async fn matches(db: Db<'_>, text: &str) -> Result<Vec<(DocumentId, f64)>, Error> {
    let (_, literal) = parse(db, text)?;
    db.query(
        &format!(
            "SELECT documents.id, ranked.rank FROM
               (SELECT document, {RANK} AS rank FROM document_search WHERE terms @@ $1::text::tsquery) AS ranked
             JOIN documents ON documents.seq = ranked.document
             ORDER BY ranked.rank DESC, ranked.document"
        ),
        &[&literal],
    )
    .await
    .map_err(matching)?
    .iter()
    .map(|row| Ok((parse_id(get(row, 0)?)?, get(row, 1)?)))
    .collect()
}

pub(crate) async fn hits(db: Db<'_>, text: &str, documents: &[(DocumentId, f64)]) -> Result<Vec<SearchHit>, Error> {
    let (parsed, _) = parse(db, text)?;
    let stems = parsed.all_stems();
    let mut hits = Vec::with_capacity(documents.len());
    for (id, score) in documents {
        if let Some(seq) = seq_of(db, id).await? {
            hits.push(hit(db, seq, *score, &stems).await?);
        }
    }
    Ok(hits)
}

/// The hit of document `seq`: its summary, and the snippet and highlights of `stems` in its text.
async fn hit(db: Db<'_>, seq: i64, score: f64, stems: &[String]) -> Result<SearchHit, Error> {
    let text = text(db, seq).await?;
    Ok(query::hit(summary(db, seq).await?, score, &text, stems, &db.local().stemmer))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vector(title: &str, text: &str) -> String {
        tsvector(title, text, &Stemmer::new(), &mut StemMemo::new())
    }

    #[test]
    fn title_stems_weigh_more_and_text_follows_a_gap() {
        assert_eq!(
            vector("Минск и Казань", "Минск подписал соглашение"),
            "'минск':1A,5 'и':2A 'казан':3A 'подписа':6 'соглашен':7"
        );
        assert_eq!(vector("", "agreements, agreement"), "'agreement':2,3");
    }

    #[test]
    fn positions_stop_at_the_limit_of_postgresql() {
        let text = "word ".repeat(20_000) + "end";
        let literal = vector("", &text);
        let word: Vec<&str> = literal.split(' ').collect();
        assert_eq!(word.len(), 2);
        assert_eq!(word[0].split(',').count(), POSITIONS_PER_STEM);
        assert_eq!(word[1], "'end':16383");
    }

    #[test]
    fn many_distinct_words_fit_in_the_budget() {
        // Fifty thousand distinct words, as a long text may have: all indexed, with fewer positions.
        let text: String = (0..50_000).map(|number| format!("w{number} w{number} ")).collect();
        let literal = vector("", &text);
        assert!(literal.contains("'w0':2,3 ") && literal.contains("'w49999':16383"), "every word is indexed");
        // Ten times as many: the first ones are indexed, and the whole stays within the limit.
        let text: String = (0..500_000).map(|number| format!("w{number} ")).collect();
        let literal = vector("", &text);
        assert!(literal.len() < BUDGET && literal.starts_with("'w0' 'w1' "), "{}", literal.len());
    }

    #[test]
    fn queries_quote_every_stem() {
        let stemmer = Stemmer::new();
        let literal = |text: &str| tsquery(&query::parse(text, &stemmer)).expect("query");
        assert_eq!(literal("Калининградская область"), "('калининградск') & ('област')");
        assert_eq!(literal("ростов"), "('рост' | 'ростов')");
        assert_eq!(literal("\"рабочей группы\" Минск"), "('рабоч' <-> 'групп') & ('минск')");
        assert_eq!(literal("a:b & !c | d'e <-> f\\g"), "('a') & ('b') & ('c') & ('d') & ('e') & ('f') & ('g')");
        let mut escaped = String::new();
        quoted("it's\\", &mut escaped);
        assert_eq!(escaped, "'it''s\\\\'");
    }

    #[test]
    fn a_word_too_long_to_search_is_a_bad_query() {
        let long = "а".repeat(LONGEST_STEM);
        assert!(matches!(tsquery(&query::parse(&long, &Stemmer::new())), Err(StoreError::BadQuery(_))));
    }
}

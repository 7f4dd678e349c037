//! Matching cues on stem sequences.
//!
//! Every cue is a sequence of stems (or of folded words, for [`Matching::Word`] rows). The text is
//! tokenised and stemmed once, then scanned from the left: at each token the longest cue that
//! starts there wins and the scan jumps past it. Longest-first is what makes compounds resolve:
//! "социально-экономическое" is a two-stem `none` cue, so its first half never reaches the
//! one-stem cue "социальный".

use std::cell::RefCell;
use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};

use coopatlas_text::{Stemmer, Token, fold, tokens};
// Lookups of short stem sequences are the hot loop of extraction; SipHash's DoS resistance buys
// nothing for tables we ship ourselves, and was the largest single cost (measured with perf).
use rustc_hash::FxHashMap as HashMap;

use crate::table::{CodebookError, Entry, Matching};

/// Id of a word or stem that no cue uses.
const UNKNOWN: u32 = u32::MAX;

/// The words and stems that occur in any cue, each with a number. A text's tokens are turned
/// into these numbers once; a token whose word and stem are both unknown can start no cue.
#[derive(Debug, Clone, Default)]
pub(crate) struct Vocabulary {
    words: HashMap<String, u32>,
    stems: HashMap<String, u32>,
    /// Tells one vocabulary's memo (see [`Stemmed::new`]) from another's.
    instance: u64,
}

impl Vocabulary {
    pub(crate) fn new() -> Vocabulary {
        static INSTANCES: AtomicU64 = AtomicU64::new(1);
        Vocabulary { instance: INSTANCES.fetch_add(1, Ordering::Relaxed), ..Vocabulary::default() }
    }

    fn intern(table: &mut HashMap<String, u32>, text: String) -> u32 {
        let next = table.len() as u32;
        *table.entry(text).or_insert(next)
    }

    /// The (word, stem) ids of one token of text.
    fn ids(&self, token: &str, stemmer: &Stemmer) -> (u32, u32) {
        let word = fold(token);
        let stem = stemmer.stem(&word);
        (self.words.get(&word).copied().unwrap_or(UNKNOWN), self.stems.get(&stem).copied().unwrap_or(UNKNOWN))
    }
}

/// What a cue sequence stands for: its keys (one or more), or nothing when it only blocks.
#[derive(Debug, Clone)]
struct Target<K> {
    keys: Vec<K>,
    blocks: bool,
}

impl<K> Default for Target<K> {
    fn default() -> Target<K> {
        Target { keys: Vec::new(), blocks: false }
    }
}

/// All cues of one table, indexed by their sequence of word or stem ids.
#[derive(Debug, Clone)]
pub(crate) struct CueSet<K> {
    stems: HashMap<Vec<u32>, Target<K>>,
    words: HashMap<Vec<u32>, Target<K>>,
    longest: usize,
}

impl<K: Copy + PartialEq> CueSet<K> {
    pub(crate) fn empty() -> CueSet<K> {
        CueSet { stems: HashMap::default(), words: HashMap::default(), longest: 0 }
    }

    pub(crate) fn build(
        table: &'static str,
        entries: &[Entry<K>],
        stemmer: &Stemmer,
        vocabulary: &mut Vocabulary,
    ) -> Result<CueSet<K>, CodebookError> {
        let mut set = CueSet::empty();
        for entry in entries {
            let bad = |reason: String| CodebookError::BadRow { table, line: entry.line, reason };
            let words: Vec<String> = tokens(&entry.cue).map(|token| fold(token.as_str(&entry.cue))).collect();
            if words.is_empty() {
                return Err(bad(format!("the cue {:?} has no words", entry.cue)));
            }
            let (index, sequence) = match entry.matching {
                Matching::Stem => (
                    &mut set.stems,
                    words
                        .iter()
                        .map(|word| Vocabulary::intern(&mut vocabulary.stems, stemmer.stem(word)))
                        .collect::<Vec<u32>>(),
                ),
                Matching::Word => (
                    &mut set.words,
                    words.into_iter().map(|word| Vocabulary::intern(&mut vocabulary.words, word)).collect(),
                ),
            };
            set.longest = set.longest.max(sequence.len());
            let target = index.entry(sequence).or_default();
            match entry.key {
                // A phrase cannot both block and stand for a key: the table would say two things.
                Some(_) if target.blocks => {
                    return Err(bad(format!("the cue {:?} has the same stems as a `none` cue", entry.cue)));
                }
                None if !target.keys.is_empty() => {
                    return Err(bad(format!("the `none` cue {:?} has the same stems as a keyed cue", entry.cue)));
                }
                Some(key) => {
                    if !target.keys.contains(&key) {
                        target.keys.push(key);
                    }
                }
                None => target.blocks = true,
            }
        }
        Ok(set)
    }

    /// Every match in text order: each cue's keys with the byte range it covers.
    pub(crate) fn find(&self, text: &Stemmed) -> Vec<(K, Range<usize>)> {
        let mut found = Vec::new();
        let count = text.tokens.len();
        let mut position = 0;
        while position < count {
            if text.words[position] == UNKNOWN && text.stems[position] == UNKNOWN {
                position += 1;
                continue;
            }
            let reach = (text.run_end[position] - position).min(self.longest);
            let hit = (1..=reach).rev().find_map(|length| {
                let end = position + length;
                // A whole-word row is the more specific rule, so it beats a stem row of the
                // same length.
                self.words
                    .get(&text.words[position..end])
                    .or_else(|| self.stems.get(&text.stems[position..end]))
                    .map(|target| (length, target))
            });
            match hit {
                Some((length, target)) => {
                    let range = text.tokens[position].start..text.tokens[position + length - 1].end;
                    found.extend(target.keys.iter().map(|&key| (key, range.clone())));
                    position += length;
                }
                None => position += 1,
            }
        }
        found
    }
}

/// Tokens memoised per thread: the same word comes back thousands of times in a corpus, and
/// folding and stemming it again was most of the codebook's cost (measured with perf).
struct Memo {
    instance: u64,
    ids: HashMap<Box<str>, (u32, u32)>,
}

/// A memo is dropped and started afresh past this many distinct tokens, to bound its memory.
const MEMO_LIMIT: usize = 1 << 17;

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo { instance: 0, ids: HashMap::default() });
}

/// A text tokenised, folded, stemmed and numbered once, to be matched against several tables.
#[derive(Debug, Clone)]
pub(crate) struct Stemmed {
    tokens: Vec<Token>,
    /// Per token, the id of its folded word in the vocabulary, or [`UNKNOWN`].
    words: Vec<u32>,
    /// Per token, the id of its stem in the vocabulary, or [`UNKNOWN`].
    stems: Vec<u32>,
    /// For each token, one past the last token a phrase starting there may reach: a phrase spans
    /// tokens separated only by spaces and hyphens, never a comma, dash or full stop, so "trade.
    /// With" is not "trade with".
    run_end: Vec<usize>,
}

impl Stemmed {
    pub(crate) fn new(text: &str, stemmer: &Stemmer, vocabulary: &Vocabulary) -> Stemmed {
        let tokens: Vec<Token> = tokens(text).collect();
        let mut words = Vec::with_capacity(tokens.len());
        let mut stems = Vec::with_capacity(tokens.len());
        // Stemming the folded word keeps the stemmer's rule for capitalised proper nouns out of
        // the way: a sentence-initial "Торгово" is a common word here.
        MEMO.with_borrow_mut(|memo| {
            if memo.instance != vocabulary.instance || memo.ids.len() > MEMO_LIMIT {
                memo.ids.clear();
                memo.instance = vocabulary.instance;
            }
            for token in &tokens {
                let raw = token.as_str(text);
                let (word, stem) = match memo.ids.get(raw) {
                    Some(ids) => *ids,
                    None => {
                        let ids = vocabulary.ids(raw, stemmer);
                        memo.ids.insert(raw.into(), ids);
                        ids
                    }
                };
                words.push(word);
                stems.push(stem);
            }
        });
        let mut run_end = vec![0; tokens.len()];
        for index in (0..tokens.len()).rev() {
            run_end[index] = match tokens.get(index + 1) {
                Some(next) if joins(&text[tokens[index].end..next.start]) => run_end[index + 1],
                _ => index + 1,
            };
        }
        Stemmed { tokens, words, stems, run_end }
    }
}

fn joins(gap: &str) -> bool {
    gap.chars()
        .all(|character| character.is_whitespace() || matches!(character, '-' | '\u{2010}' | '\u{2011}' | '\u{00AD}'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::Language;

    fn entry(key: Option<u8>, cue: &str, matching: Matching) -> Entry<u8> {
        Entry { key, language: Language::English, cue: cue.to_string(), matching, note: String::new(), line: 2 }
    }

    fn found(set: &CueSet<u8>, vocabulary: &Vocabulary, text: &str) -> Vec<(u8, String)> {
        let stemmer = Stemmer::new();
        set.find(&Stemmed::new(text, &stemmer, vocabulary))
            .into_iter()
            .map(|(key, range)| (key, text[range].to_string()))
            .collect()
    }

    #[test]
    fn longest_wins_and_none_blocks() {
        let stemmer = Stemmer::new();
        let entries = [
            entry(Some(1), "social", Matching::Stem),
            entry(None, "socio-economic", Matching::Stem),
            entry(Some(2), "socio", Matching::Stem),
            entry(Some(3), "trade with", Matching::Stem),
            entry(Some(4), "constructive", Matching::Word),
            entry(Some(5), "construction", Matching::Stem),
        ];
        let mut vocabulary = Vocabulary::new();
        let set = CueSet::build("test", &entries, &stemmer, &mut vocabulary).unwrap();
        assert_eq!(
            found(&set, &vocabulary, "Socio-economic and social ties; socio-cultural."),
            [(1, "social".to_string()), (2, "socio".to_string())]
        );
        assert_eq!(found(&set, &vocabulary, "trade. With"), []);
        assert_eq!(found(&set, &vocabulary, "Trade  with Minsk"), [(3, "Trade  with".to_string())]);
        assert_eq!(
            found(&set, &vocabulary, "constructive talks on construction"),
            [(4, "constructive".to_string()), (5, "construction".to_string())]
        );
    }

    #[test]
    fn conflicting_rows_are_errors() {
        let stemmer = Stemmer::new();
        let entries = [entry(Some(1), "economic", Matching::Stem), entry(None, "economics", Matching::Stem)];
        assert!(matches!(
            CueSet::build("test", &entries, &stemmer, &mut Vocabulary::new()),
            Err(CodebookError::BadRow { line: 2, .. })
        ));
        let entries = [entry(Some(1), " - ", Matching::Stem)];
        assert!(CueSet::build("test", &entries, &stemmer, &mut Vocabulary::new()).is_err());
    }
}

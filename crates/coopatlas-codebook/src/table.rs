//! The three TSV tables. Like the gazetteer's, they are parsed by hand: a cue never holds a tab, so
//! splitting lines on tabs is the whole grammar, and columns are found by their header name so a
//! table may gain columns without breaking older code.

/// A table that cannot be loaded. `table` names it (`spheres`, `forms`, `cues`); `line` is 1-based
/// and counts the header and comment lines, so it is the line an editor shows.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CodebookError {
    #[error("{table}: the table has no header row")]
    Empty { table: &'static str },
    #[error("{table}: the header lacks the column {column:?}")]
    MissingColumn { table: &'static str, column: &'static str },
    #[error("{table}, line {line}: {reason}")]
    BadRow { table: &'static str, line: usize, reason: String },
}

/// The language a cue is written in. Matching does not need it (the stemmer takes the language of
/// each word from its script); it documents the data and lets a test count cues per language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    English,
    Russian,
}

impl Language {
    /// ISO 639-1, as in the `lang` column and the contract's `language` field.
    pub fn as_str(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Russian => "ru",
        }
    }

    fn parse(code: &str) -> Option<Language> {
        match code {
            "en" => Some(Language::English),
            "ru" => Some(Language::Russian),
            _ => None,
        }
    }

    fn writes(self, cue: &str) -> bool {
        match self {
            Language::English => cue.chars().any(|character| character.is_ascii_alphabetic()),
            Language::Russian => cue.chars().any(|character| ('\u{0400}'..='\u{04FF}').contains(&character)),
        }
    }
}

/// How a cue meets the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Matching {
    /// On stems: one cue covers every case and number form ("образование" finds
    /// "образования"). The default.
    Stem,
    /// On whole folded words: for the few words whose stem is shared with an unrelated word
    /// ("constructive" stems like "construction", "уголь" like "угол").
    Word,
}

/// One row of a table: a cue, the key it stands for, and why it is there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry<K> {
    /// `None` for a row keyed `none`: a phrase that claims its words so that no shorter cue inside
    /// it matches ("социально-экономическое" keeps "социально" from meaning the social sphere).
    pub key: Option<K>,
    pub language: Language,
    pub cue: String,
    pub matching: Matching,
    pub note: String,
    /// 1-based line in the table.
    pub line: usize,
}

/// Parses one table; `key` turns the `key` column into the table's key type.
pub(crate) fn parse<K>(
    table: &'static str,
    text: &str,
    key: impl Fn(&str) -> Option<K>,
) -> Result<Vec<Entry<K>>, CodebookError> {
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(index, line)| (index + 1, line.trim_end_matches('\r')))
        .filter(|(_, line)| !line.trim().is_empty() && !line.starts_with('#'));
    let (_, header) = lines.next().ok_or(CodebookError::Empty { table })?;
    let header: Vec<&str> = header.split('\t').map(str::trim).collect();
    let column = |name: &'static str| {
        header.iter().position(|column| *column == name).ok_or(CodebookError::MissingColumn { table, column: name })
    };
    let (key_column, language_column, cue_column, note_column) =
        (column("key")?, column("lang")?, column("cue")?, column("note")?);
    let matching_column = column("match").ok();

    let mut entries = Vec::new();
    for (line, row) in lines {
        let cells: Vec<&str> = row.split('\t').map(str::trim).collect();
        let cell = |column: usize| cells.get(column).copied().unwrap_or("");
        let bad = |reason: String| CodebookError::BadRow { table, line, reason };
        let key_text = cell(key_column);
        let parsed_key = if key_text == "none" {
            None
        } else {
            Some(key(key_text).ok_or_else(|| bad(format!("unknown key {key_text:?}")))?)
        };
        let language_text = cell(language_column);
        let language =
            Language::parse(language_text).ok_or_else(|| bad(format!("unknown language {language_text:?}")))?;
        let cue = cell(cue_column);
        if cue.is_empty() {
            return Err(bad("the cue is empty".to_string()));
        }
        if !language.writes(cue) {
            return Err(bad(format!("the cue {cue:?} is not written in {:?}", language.as_str())));
        }
        let matching = match matching_column.map(cell).unwrap_or("") {
            "" | "stem" => Matching::Stem,
            "word" => Matching::Word,
            other => return Err(bad(format!("unknown match {other:?}"))),
        };
        entries.push(Entry {
            key: parsed_key,
            language,
            cue: cue.to_string(),
            matching,
            note: cell(note_column).to_string(),
            line,
        });
    }
    Ok(entries)
}

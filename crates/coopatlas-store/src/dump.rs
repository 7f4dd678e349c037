//! Dumps: a whole atlas as JSON Lines, to keep, to move between machines, or to move between
//! backends (SQLite to PostgreSQL and back). `docs/dump-format.md` describes the format; this
//! module writes and reads its version 1.
//!
//! A dump is one JSON object per line, each with a `kind`: a `header`, the `user`s, the
//! `token`s, the `document`s (text, metadata, facts, times and every path they were read at),
//! the review `decision`s and a `trailer` with the counts. Sessions are left out: people sign
//! in again after a move. Writing reads the store as it goes ([`Store::records`]), so a large
//! atlas never sits in memory; reading writes documents in batches.

use std::io::{BufRead, Write};

use coopatlas_document::facts::Facts;
use coopatlas_document::review::Decision;
use coopatlas_document::{Document, DocumentId, Format, Genre};
use serde::{Deserialize, Serialize};

use crate::{ApiToken, DocumentRecord, Role, SourceRecord, Store, StoreError, User};

/// The format's name, first field of every dump.
pub const FORMAT: &str = "coopatlas-dump";
/// The version this build writes and the newest it reads.
pub const VERSION: u32 = 1;
/// Documents written to the store per transaction while restoring.
const BATCH: usize = 200;

/// What a dump holds, as its trailer counts it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub users: u64,
    pub tokens: u64,
    pub documents: u64,
    pub decisions: u64,
}

/// Who wrote a dump and when, for its header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The program and its version, e.g. `coopatlas 0.1.0`.
    pub producer: String,
    /// RFC 3339, UTC.
    pub created_at: String,
}

/// Why a dump could not be written or read.
#[derive(Debug, thiserror::Error)]
pub enum DumpError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot write the dump: {0}")]
    Write(std::io::Error),
    #[error("cannot read the dump: {0}")]
    Read(std::io::Error),
    /// The file is not a dump this build can read; nothing was restored.
    #[error("not a dump this coopatlas can read: {0}")]
    Refused(String),
    /// The atlas already holds data: a restore goes into an empty atlas only.
    #[error("the atlas is not empty ({0}); restore into a new atlas or database")]
    NotEmpty(String),
    /// A line is malformed or out of place. What came before it was restored.
    #[error(
        "line {line}: {message}; the atlas now holds a partial restore ({restored}), delete it before trying again"
    )]
    Line { line: u64, message: String, restored: String },
}

/// One line of a dump.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum Line {
    Header(Header),
    User(UserLine),
    Token(TokenLine),
    Document(Box<DocumentLine>),
    Decision(Box<Decision>),
    Trailer(Counts),
}

#[derive(Debug, Serialize, Deserialize)]
struct Header {
    format: String,
    version: u32,
    created_at: String,
    producer: String,
}

// The lines have structs of their own, not the store's types: the format stays what
// docs/dump-format.md says even when those types change.
#[derive(Debug, Serialize, Deserialize)]
struct UserLine {
    name: String,
    role: Role,
    password_hash: String,
    created_at: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct TokenLine {
    token_hash: String,
    user: String,
    label: String,
    created_at: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct DocumentLine {
    id: DocumentId,
    format: String,
    size: u64,
    language: Option<String>,
    title: Option<String>,
    date: Option<String>,
    genre: String,
    encoding: Option<String>,
    warnings: Vec<String>,
    /// `[start, end)` byte ranges of the text, one per page.
    pages: Vec<(usize, usize)>,
    text: String,
    ingested_at: String,
    extracted_at: Option<String>,
    sources: Vec<SourceLine>,
    facts: Option<Facts>,
}

#[derive(Debug, Serialize, Deserialize)]
struct SourceLine {
    path: String,
    version: u32,
    first_seen: String,
    last_seen: String,
}

impl DocumentLine {
    fn of(record: DocumentRecord) -> DocumentLine {
        let DocumentRecord { document, ingested_at, extracted_at, sources } = record;
        DocumentLine {
            id: document.id,
            format: document.format.as_str().to_string(),
            size: document.size,
            language: document.language,
            title: document.title,
            date: document.date,
            genre: document.genre.as_str().to_string(),
            encoding: document.encoding,
            warnings: document.warnings,
            pages: document.pages.into_iter().map(|page| (page.start, page.end)).collect(),
            text: document.text,
            ingested_at,
            extracted_at,
            sources: sources
                .into_iter()
                .map(|source| SourceLine {
                    path: source.path,
                    version: source.version,
                    first_seen: source.first_seen,
                    last_seen: source.last_seen,
                })
                .collect(),
            facts: document.facts,
        }
    }

    fn into_record(self) -> Result<DocumentRecord, String> {
        let format = Format::parse(&self.format).ok_or_else(|| format!("unknown format {:?}", self.format))?;
        let genre = Genre::parse(&self.genre).ok_or_else(|| format!("unknown genre {:?}", self.genre))?;
        if DocumentId::parse(self.id.as_str()).is_none() {
            return Err(format!("{:?} is not a document id", self.id.as_str()));
        }
        if let Some((start, end)) = self.pages.iter().find(|(start, end)| {
            start > end
                || *end > self.text.len()
                || !self.text.is_char_boundary(*start)
                || !self.text.is_char_boundary(*end)
        }) {
            return Err(format!("page {start}..{end} is not a range of the text"));
        }
        if self.sources.is_empty() {
            return Err(format!("document {} has no source", self.id.short()));
        }
        Ok(DocumentRecord {
            document: Document {
                id: self.id,
                format,
                size: self.size,
                language: self.language,
                title: self.title,
                date: self.date,
                genre,
                text: self.text,
                pages: self.pages.into_iter().map(|(start, end)| start..end).collect(),
                encoding: self.encoding,
                warnings: self.warnings,
                facts: self.facts,
            },
            ingested_at: self.ingested_at,
            extracted_at: self.extracted_at,
            sources: self
                .sources
                .into_iter()
                .map(|source| SourceRecord {
                    path: source.path,
                    version: source.version,
                    first_seen: source.first_seen,
                    last_seen: source.last_seen,
                })
                .collect(),
        })
    }
}

/// Writes the whole of `store` to `out`, streaming documents one by one.
pub fn write(store: &dyn Store, origin: &Origin, out: &mut dyn Write) -> Result<Counts, DumpError> {
    let mut counts = Counts::default();
    let header = Header {
        format: FORMAT.to_string(),
        version: VERSION,
        created_at: origin.created_at.clone(),
        producer: origin.producer.clone(),
    };
    line(out, &Line::Header(header))?;
    for user in store.users()? {
        let User { name, role, password_hash, created_at } = user;
        line(out, &Line::User(UserLine { name, role, password_hash, created_at }))?;
        counts.users += 1;
    }
    for token in store.tokens()? {
        let ApiToken { token_hash, user, label, created_at } = token;
        line(out, &Line::Token(TokenLine { token_hash, user, label, created_at }))?;
        counts.tokens += 1;
    }
    // The visitor may only fail with a StoreError: a write failure is carried out beside it.
    let mut failure = None;
    let visited = store.records(&mut |record| {
        if let Err(error) = line(out, &Line::Document(Box::new(DocumentLine::of(record)))) {
            failure = Some(error);
            return Err(StoreError::Invalid("the dump could not be written".into()));
        }
        counts.documents += 1;
        Ok(())
    });
    if let Some(error) = failure {
        return Err(error);
    }
    visited?;
    for (_, decision) in store.decisions(None)? {
        line(out, &Line::Decision(Box::new(decision)))?;
        counts.decisions += 1;
    }
    line(out, &Line::Trailer(counts))?;
    out.flush().map_err(DumpError::Write)?;
    Ok(counts)
}

fn line(out: &mut dyn Write, line: &Line) -> Result<(), DumpError> {
    serde_json::to_writer(&mut *out, line).map_err(|error| DumpError::Write(error.into()))?;
    out.write_all(b"\n").map_err(DumpError::Write)
}

/// Restores a dump into `store`, which must be empty. The header is checked before anything is
/// written; a dump that ends early or whose trailer disagrees with what was read is an error
/// that says how much was restored.
pub fn read(store: &mut dyn Store, input: &mut dyn BufRead) -> Result<Counts, DumpError> {
    refuse_unless_empty(store)?;
    let mut reader = Reader { store, counts: Counts::default(), batch: Vec::new(), line: 0 };
    let mut text = String::new();
    let mut trailer = None;
    loop {
        text.clear();
        if input.read_line(&mut text).map_err(DumpError::Read)? == 0 {
            break;
        }
        reader.line += 1;
        if text.trim().is_empty() {
            continue;
        }
        if trailer.is_some() {
            return Err(reader.fail("text after the trailer"));
        }
        let parsed: Line = match serde_json::from_str(&text) {
            Ok(parsed) => parsed,
            Err(error) if reader.line == 1 => {
                return Err(DumpError::Refused(format!("the first line is not a dump header ({error})")));
            }
            Err(error) => return Err(reader.fail(&format!("not a dump line ({error})"))),
        };
        match parsed {
            Line::Header(header) if reader.line == 1 => check_header(&header)?,
            _ if reader.line == 1 => return Err(DumpError::Refused("the first line is not a dump header".into())),
            Line::Header(_) => return Err(reader.fail("a second header")),
            Line::User(user) => {
                let UserLine { name, role, password_hash, created_at } = user;
                reader
                    .store
                    .put_user(&User { name, role, password_hash, created_at })
                    .map_err(|e| reader.store_failed(e))?;
                reader.counts.users += 1;
            }
            Line::Token(token) => {
                let TokenLine { token_hash, user, label, created_at } = token;
                reader
                    .store
                    .put_token(&ApiToken { token_hash, user, label, created_at })
                    .map_err(|e| reader.store_failed(e))?;
                reader.counts.tokens += 1;
            }
            Line::Document(document) => {
                let record = document.into_record().map_err(|message| reader.fail(&message))?;
                reader.batch.push(record);
                if reader.batch.len() >= BATCH {
                    reader.flush()?;
                }
            }
            Line::Decision(decision) => {
                // Decisions name documents: the ones still in the batch must be stored first.
                reader.flush()?;
                reader.store.put_decision(&decision).map_err(|e| reader.store_failed(e))?;
                reader.counts.decisions += 1;
            }
            Line::Trailer(counts) => trailer = Some(counts),
        }
    }
    if reader.line == 0 {
        return Err(DumpError::Refused("the file is empty".into()));
    }
    reader.flush()?;
    match trailer {
        None => Err(reader.fail("the dump ends without its trailer (was it cut short?)")),
        Some(counts) if counts != reader.counts => Err(reader.fail(&format!(
            "the trailer counts {} users, {} tokens, {} documents and {} decisions",
            counts.users, counts.tokens, counts.documents, counts.decisions
        ))),
        Some(counts) => Ok(counts),
    }
}

fn check_header(header: &Header) -> Result<(), DumpError> {
    if header.format != FORMAT {
        return Err(DumpError::Refused(format!("format {:?}, not {FORMAT:?}", header.format)));
    }
    if header.version > VERSION || header.version == 0 {
        return Err(DumpError::Refused(format!(
            "version {} (written by {}); this build reads up to version {VERSION}",
            header.version, header.producer
        )));
    }
    Ok(())
}

fn refuse_unless_empty(store: &dyn Store) -> Result<(), DumpError> {
    let documents = store.stats()?.documents;
    let users = store.users()?.len();
    let tokens = store.tokens()?.len();
    if documents + users as u64 + tokens as u64 > 0 {
        return Err(DumpError::NotEmpty(format!("{documents} documents, {users} users, {tokens} tokens")));
    }
    Ok(())
}

struct Reader<'a> {
    store: &'a mut dyn Store,
    counts: Counts,
    batch: Vec<DocumentRecord>,
    line: u64,
}

impl Reader<'_> {
    fn flush(&mut self) -> Result<(), DumpError> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let batch = std::mem::take(&mut self.batch);
        self.store.restore(&batch).map_err(|error| self.store_failed(error))?;
        self.counts.documents += batch.len() as u64;
        Ok(())
    }

    fn restored(&self) -> String {
        let Counts { users, tokens, documents, decisions } = self.counts;
        format!("{users} users, {tokens} tokens, {documents} documents, {decisions} decisions")
    }

    fn fail(&self, message: &str) -> DumpError {
        DumpError::Line { line: self.line, message: message.to_string(), restored: self.restored() }
    }

    fn store_failed(&self, error: StoreError) -> DumpError {
        self.fail(&error.to_string())
    }
}

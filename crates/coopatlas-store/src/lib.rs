//! The [`Store`] trait: the atlas's memory. Documents go in with the path they were read from;
//! search, lookup and statistics come out. The embedded SQLite backend lives in
//! `coopatlas-store-sqlite`; a PostgreSQL backend implements the same trait, and both pass the
//! shared `conformance` suite (feature `conformance`).
//!
//! The trait is synchronous: the CLI is its main caller, and a server calls it from blocking
//! tasks. Every write of one document, with everything derived from it, is atomic.
//!
//! Besides documents and their facts a store keeps what people add: review decisions (kept apart
//! from the facts, which re-extraction replaces whole) and, for the web application, accounts,
//! sessions and API tokens ([`accounts`]).

pub mod accounts;
#[cfg(feature = "conformance")]
pub mod conformance;
pub mod dump;
pub mod query;

use std::collections::BTreeMap;

pub use accounts::{ApiToken, Role, Session, UnknownRole, User};
use coopatlas_document::facts::Span;
use coopatlas_document::review::{self, Decision};
use coopatlas_document::{Document, DocumentId, Facts};
use serde::Serialize;

/// Where a document was read from, as the user named it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The path as given on the command line, or a logical name (the bundled corpus).
    pub path: String,
}

/// What writing one document did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PutOutcome {
    /// A document not seen before.
    New,
    /// New content at a path that held other content before: a new version; the old one is kept.
    NewVersion,
    /// Content already stored, now also known under this path.
    NewPath,
    /// Content already stored under this path: nothing changed.
    Unchanged,
}

/// A document's metadata without its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentSummary {
    pub id: DocumentId,
    pub format: &'static str,
    pub size: u64,
    pub language: Option<String>,
    pub title: Option<String>,
    pub date: Option<String>,
    pub genre: &'static str,
    /// Paths this content was read from, oldest first.
    pub paths: Vec<String>,
    /// When it was first stored (RFC 3339, UTC).
    pub ingested_at: String,
}

/// A stored document: metadata, text and provenance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredDocument {
    #[serde(flatten)]
    pub summary: DocumentSummary,
    pub encoding: Option<String>,
    pub warnings: Vec<String>,
    /// `[start, end)` byte ranges of the text, one per page.
    pub pages: Vec<(usize, usize)>,
    /// Earlier or later versions at the same paths: (path, id, version number), oldest first.
    pub versions: Vec<Version>,
    pub text: String,
    /// What extraction found, when it has run on this document.
    pub facts: Option<Facts>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Version {
    pub path: String,
    pub id: DocumentId,
    /// 1 for the first content seen at the path, then 2, 3...
    pub version: u32,
}

/// A full-text query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    /// Words to find (all of them); a part in double quotes is a phrase.
    pub text: String,
    pub limit: usize,
    pub offset: usize,
}

impl SearchQuery {
    pub fn new(text: impl Into<String>) -> SearchQuery {
        SearchQuery { text: text.into(), limit: 10, offset: 0 }
    }
}

/// One ranked search result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    pub document: DocumentSummary,
    /// Higher is better; comparable within one result list only.
    pub score: f64,
    /// The passage that matched, exact text of the document.
    pub snippet: String,
    /// `[start, end)` byte range of the passage in the document text.
    pub snippet_range: (usize, usize),
    /// Matched words as `[start, end)` byte ranges within `snippet`.
    pub highlights: Vec<(usize, usize)>,
}

/// Search results: the hits of one page and the total number of matching documents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResults {
    pub total: u64,
    pub hits: Vec<SearchHit>,
}

/// Counts over the whole atlas.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Stats {
    /// Distinct documents (every version counts).
    pub documents: u64,
    /// Distinct source paths.
    pub paths: u64,
    /// Bytes of the original files.
    pub bytes: u64,
    pub by_format: BTreeMap<String, u64>,
    pub by_language: BTreeMap<String, u64>,
    pub by_genre: BTreeMap<String, u64>,
    /// Documents by the year of their date; "none" for undated ones.
    pub by_year: BTreeMap<String, u64>,
    /// Documents that extraction has run on.
    pub extracted: u64,
    /// Distinct places named in the atlas.
    pub places: u64,
    /// Ties, counted once per document that states them.
    pub ties: u64,
    pub figures: u64,
    /// Extracted documents by depth.
    pub by_depth: BTreeMap<String, u64>,
}

/// One path a document was read at: the `version`-th distinct content seen at `path`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct SourceRecord {
    pub path: String,
    /// 1 for the first content seen at the path, then 2, 3...
    pub version: u32,
    /// RFC 3339, UTC.
    pub first_seen: String,
    /// RFC 3339, UTC.
    pub last_seen: String,
}

/// A document with everything an atlas keeps of it: what [`Store::records`] reads and
/// [`Store::restore`] writes back as it was (a dump moves these between atlases and backends).
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentRecord {
    /// Metadata, text, pages and, when extraction has run, facts with every mention.
    pub document: Document,
    /// When it was first stored (RFC 3339, UTC).
    pub ingested_at: String,
    /// When its facts were written; `None` without facts.
    pub extracted_at: Option<String>,
    /// Every path it was read at, oldest first.
    pub sources: Vec<SourceRecord>,
}

/// One document as [`Store::scan`] hands it over: metadata and facts, no text.
#[derive(Debug, Clone, PartialEq)]
pub struct ScannedDocument {
    pub summary: DocumentSummary,
    /// `None` when extraction has not run on the document.
    pub facts: Option<Facts>,
}

/// Whether [`Store::scan`] reads the place and organisation mentions (analytics that go by ties,
/// figures and subjects need none of them, and they are the most numerous rows).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mentions {
    With,
    /// `Facts::places` and `Facts::organizations` come back empty.
    Without,
}

/// Errors of a store. User errors (a bad query, an unknown or ambiguous id) are apart from
/// backend failures.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no document matches {0:?}")]
    NotFound(String),
    #[error("{prefix:?} matches {count} documents; give more of the id")]
    Ambiguous { prefix: String, count: usize },
    #[error("bad query: {0}")]
    BadQuery(String),
    /// A value the store refuses to keep (an incoherent review decision).
    #[error("invalid: {0}")]
    Invalid(String),
    #[error("atlas at {path} was written by a newer coopatlas (schema {found}, this build knows {known})")]
    TooNew { path: String, found: i64, known: i64 },
    #[error("storage error: {0}")]
    Backend(String),
}

/// Mention rows (name, span) as backends read them, ordered by fact: consecutive rows with the
/// same name become one fact with all their mentions.
pub fn grouped_mentions(rows: Vec<(String, Span)>) -> Vec<(String, Vec<Span>)> {
    let mut grouped: Vec<(String, Vec<Span>)> = Vec::new();
    for (name, mention) in rows {
        match grouped.last_mut() {
            Some((last, spans)) if *last == name => spans.push(mention),
            _ => grouped.push((name, vec![mention])),
        }
    }
    grouped
}

/// The storage of an atlas.
pub trait Store: Send {
    /// Writes documents, each with the source it was read from, in one transaction, and says what
    /// each write did. Either all of them are stored or none. A new document's facts, when it
    /// has them, are written with it.
    fn put(&mut self, batch: &[(Document, Source)]) -> Result<Vec<PutOutcome>, StoreError>;

    /// Records that already stored content was read again at `source` (no text needed).
    fn touch(&mut self, id: &DocumentId, source: &Source) -> Result<PutOutcome, StoreError>;

    /// Ids of every stored document, to let ingestion skip known content without parsing it.
    fn document_ids(&self) -> Result<Vec<DocumentId>, StoreError>;

    /// Every stored document with the extractor that produced its facts (`None`: not extracted),
    /// so that facts from an older extractor, or missing ones, can be brought up to date.
    fn extractors(&self) -> Result<Vec<(DocumentId, Option<String>)>, StoreError>;

    /// Replaces the facts of stored documents, all in one transaction.
    fn put_facts(&mut self, batch: &[(DocumentId, Facts)]) -> Result<(), StoreError>;

    /// Looks a document up by its id or a unique prefix of it (at least 4 hex digits).
    fn document(&self, id_or_prefix: &str) -> Result<StoredDocument, StoreError>;

    /// Full-text search with Russian and English inflection, best first.
    fn search(&self, query: &SearchQuery) -> Result<SearchResults, StoreError>;

    fn stats(&self) -> Result<Stats, StoreError>;

    /// Hands every stored document with its facts to `visit`, one at a time, in the order they
    /// were first stored, so that analytics over a large atlas never hold it whole. Stops at the
    /// first error `visit` returns and returns it.
    fn scan(
        &self,
        mentions: Mentions,
        visit: &mut dyn FnMut(ScannedDocument) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;

    /// Like [`Store::scan`], but only the documents in `documents` (full ids), in the order they were
    /// first stored; unknown ids are skipped. For analyses of a small part of a large atlas
    /// (one place's profile), which need not read every document.
    fn scan_documents(
        &self,
        documents: &[DocumentId],
        mentions: Mentions,
        visit: &mut dyn FnMut(ScannedDocument) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;

    /// [`Store::scan`] (all documents) or [`Store::scan_documents`] (`Some` of them) with the
    /// reviewers' decisions laid over each document's facts ([`review::apply`]): what people
    /// corrected counts, not what the machine first said. Every analysis reads the atlas this
    /// way, so reports, exports and the web application agree.
    fn scan_reviewed(
        &self,
        documents: Option<&[DocumentId]>,
        mentions: Mentions,
        visit: &mut dyn FnMut(ScannedDocument) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let mut decisions: std::collections::HashMap<DocumentId, Vec<Decision>> = std::collections::HashMap::new();
        for (_, decision) in self.decisions(None)? {
            decisions.entry(decision.document.clone()).or_default().push(decision);
        }
        let mut reviewed = |mut scanned: ScannedDocument| {
            if let (Some(facts), Some(decided)) = (&scanned.facts, decisions.get(&scanned.summary.id)) {
                scanned.facts = Some(review::apply(facts, decided));
            }
            visit(scanned)
        };
        match documents {
            Some(documents) => self.scan_documents(documents, mentions, &mut reviewed),
            None => self.scan(mentions, &mut reviewed),
        }
    }

    /// The text of each `[start, end)` byte range of a document (evidence sentences for a
    /// report), `None` where the document is unknown or the range does not fall on its text's
    /// character boundaries.
    fn passages(&self, requests: &[(DocumentId, Span)]) -> Result<Vec<Option<String>>, StoreError>;

    /// Every document that matches a full-text query, best first, with its score (higher is
    /// better): the whole ranked list behind [`Store::search`], for counting facets of all
    /// matches. Same ranking and the same [`StoreError::BadQuery`] errors as `search`.
    fn search_matches(&self, text: &str) -> Result<Vec<(DocumentId, f64)>, StoreError>;

    /// Search hits (summary, snippet and highlights, made as [`Store::search`] makes them) for the
    /// query `text` in `documents`, in the order given, each with the score given next to it (the
    /// caller has it from [`Store::search_matches`]; ranking again would cost a search): one page
    /// of a list the caller filtered or sorted itself. Unknown ids are skipped; a document the
    /// query does not match gets a snippet from the start of its text.
    fn hits(&self, text: &str, documents: &[(DocumentId, f64)]) -> Result<Vec<SearchHit>, StoreError>;

    /// Records a review decision. Decisions are only ever appended, and writing or replacing
    /// facts leaves them alone. An incoherent decision (see [`Decision::validate`]) is refused with
    /// [`StoreError::Invalid`], a decision about an unknown document (full id) with
    /// [`StoreError::NotFound`]; nothing is written then. Returns the decision's id, which grows
    /// with every decision.
    fn put_decision(&mut self, decision: &Decision) -> Result<i64, StoreError>;

    /// The decisions about `document` (`None`: about every document), in the order they were
    /// recorded, each with its id. An unknown document has none.
    fn decisions(&self, document: Option<&DocumentId>) -> Result<Vec<(i64, Decision)>, StoreError>;

    /// A number that changes whenever documents, their paths, their facts or review decisions
    /// change, and not when they are only read or when accounts change: a server compares it to
    /// drop what it computed from the atlas, also when another process wrote.
    fn data_version(&self) -> Result<u64, StoreError>;

    /// Whether the store can still answer: `false` once its connection is gone for good (a
    /// PostgreSQL server restarted or closed it), so that a pool drops it and opens another.
    fn is_usable(&self) -> bool {
        true
    }

    /// Creates an account, or replaces the role and password hash of the account with that name
    /// (its creation time stays).
    fn put_user(&mut self, user: &User) -> Result<(), StoreError>;

    fn user(&self, name: &str) -> Result<Option<User>, StoreError>;

    /// Every account, by name.
    fn users(&self) -> Result<Vec<User>, StoreError>;

    /// Records a session, or replaces the one with the same token hash. [`StoreError::NotFound`]
    /// when its account does not exist.
    fn put_session(&mut self, session: &Session) -> Result<(), StoreError>;

    /// The session with this token hash, expired or not: the caller compares `expires_at`.
    fn session(&self, token_hash: &str) -> Result<Option<Session>, StoreError>;

    /// Ends a session; nothing happens when there is none.
    fn delete_session(&mut self, token_hash: &str) -> Result<(), StoreError>;

    /// Records an API token, or replaces the one with the same hash. [`StoreError::NotFound`]
    /// when its account does not exist.
    fn put_token(&mut self, token: &ApiToken) -> Result<(), StoreError>;

    fn token(&self, token_hash: &str) -> Result<Option<ApiToken>, StoreError>;

    /// Every API token, by account name and then hash.
    fn tokens(&self) -> Result<Vec<ApiToken>, StoreError>;

    /// Hands every document with all the atlas keeps of it (text, facts with mentions, sources and
    /// their times) to `visit`, one at a time, in the order they were first stored. Stops at the
    /// first error `visit` returns and returns it.
    fn records(&self, visit: &mut dyn FnMut(DocumentRecord) -> Result<(), StoreError>) -> Result<(), StoreError>;

    /// Writes documents back as [`Store::records`] read them, keeping their times, source versions
    /// and facts, in one transaction: either all are stored or none. A document already stored is
    /// refused with [`StoreError::Invalid`], and so is a record whose document has no source.
    fn restore(&mut self, batch: &[DocumentRecord]) -> Result<(), StoreError>;
}

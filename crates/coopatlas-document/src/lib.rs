//! A [`Document`] is one ingested text with its metadata. Its [`DocumentId`] is the hash of the
//! file's bytes, so the same content always gets the same id wherever it comes from.
//!
//! This crate also holds the rules that fill in what a file's own metadata leaves out: language,
//! title, date (from a dateline) and a genre guess. They are pure functions of the text.
//! [`review`] holds people's decisions on extracted facts and lays them over the facts.
//!
//! ```
//! use coopatlas_document::{Document, Genre};
//! use coopatlas_readers::{read, Limits};
//! let bytes = "Ярославль, 27 июня 2019 г.\n\nГубернатор подписал соглашение с Могилёвской областью.".as_bytes();
//! let document = Document::new(bytes, read(bytes, Some("txt"), &Limits::default()).unwrap());
//! assert_eq!(document.date.as_deref(), Some("2019-06-27"));
//! assert_eq!(document.language.as_deref(), Some("ru"));
//! assert_eq!(document.genre, Genre::News);
//! ```

mod date;
pub mod facts;
mod genre;
mod id;
pub mod review;
mod title;

use std::ops::Range;

pub use coopatlas_readers::Format;
pub use date::dateline_date;
pub use facts::Facts;
pub use genre::{Genre, guess_genre};
pub use id::DocumentId;
pub use title::guess_title;

/// One ingested text and its metadata.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub id: DocumentId,
    pub format: Format,
    /// Size of the original file in bytes.
    pub size: u64,
    /// ISO 639-1 code, when the text has enough letters to tell.
    pub language: Option<String>,
    pub title: Option<String>,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub date: Option<String>,
    pub genre: Genre,
    pub text: String,
    /// Byte ranges of `text`, one per page, for paged formats.
    pub pages: Vec<Range<usize>>,
    /// The character encoding a text file was decoded from.
    pub encoding: Option<String>,
    /// What the reader noticed without failing (e.g. a misleading extension).
    pub warnings: Vec<String>,
    /// What extraction found in the text; `None` until an extractor has run (or when ingestion
    /// was asked not to extract).
    pub facts: Option<Facts>,
}

/// What the rules tell of a text besides its genre: title, date and language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Metadata {
    pub title: Option<String>,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub date: Option<String>,
    /// ISO 639-1 code.
    pub language: Option<String>,
}

impl Metadata {
    /// The metadata of `text`: a file's own title and date win (a blank title does not count);
    /// otherwise the title and dateline rules guess them.
    pub fn of(text: &str, title: Option<String>, date: Option<String>) -> Metadata {
        Metadata {
            title: title.filter(|title| !title.trim().is_empty()).or_else(|| guess_title(text)),
            date: date.or_else(|| dateline_date(text)),
            language: coopatlas_text::detect_language(text).map(str::to_string),
        }
    }
}

impl Document {
    /// Builds the document for a file's `bytes` and what its reader extracted from them; the file's
    /// own metadata wins over what the rules guess from the text.
    pub fn new(bytes: &[u8], extracted: coopatlas_readers::Extracted) -> Document {
        let text = extracted.text;
        let Metadata { title, date, language } = Metadata::of(&text, extracted.title, extracted.date);
        let genre = guess_genre(title.as_deref(), &text);
        Document {
            id: DocumentId::of(bytes),
            format: extracted.format,
            size: bytes.len() as u64,
            language,
            title,
            date,
            genre,
            pages: extracted.pages,
            encoding: extracted.encoding.map(str::to_string),
            warnings: extracted.warnings,
            text,
            facts: None,
        }
    }

    /// The year of `date`, if any.
    pub fn year(&self) -> Option<i32> {
        self.date.as_deref().and_then(|date| date.get(..4)).and_then(|year| year.parse().ok())
    }

    /// The page (1-based) that holds byte `offset` of the text, for paged formats.
    pub fn page_of(&self, offset: usize) -> Option<usize> {
        self.pages.iter().position(|page| page.contains(&offset) || page.end == offset).map(|index| index + 1)
    }
}

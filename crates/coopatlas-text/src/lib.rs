//! Text primitives shared by every stage: tokens that keep byte offsets into the original text,
//! stems for Russian and English, language detection, sentence boundaries and search snippets.
//!
//! Nothing here changes the text it is given: every token, sentence and highlight is a byte range
//! into the caller's string, so evidence can always point back at the source.
//!
//! ```
//! use coopatlas_text::{tokens, Stemmer};
//! let stemmer = Stemmer::new();
//! let text = "Калининградской области";
//! let stems: Vec<String> = tokens(text).map(|token| stemmer.stem(token.as_str(text))).collect();
//! assert_eq!(stems, stemmer.stems("Калининградская область"));
//! ```

mod fingerprint;
mod language;
mod month;
mod normalize;
mod sentence;
mod snippet;
mod stem;
mod token;
pub mod tsv;

pub use fingerprint::fingerprint;
pub use language::detect_language;
pub use month::month_number;
pub use normalize::{Normalized, normalize, on_word_boundaries};
pub use sentence::sentences;
pub use snippet::{Snippet, snippet};
pub use stem::{StemMemo, Stemmer};
pub use token::{Token, fold, tokens};

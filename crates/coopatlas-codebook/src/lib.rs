//! The [`Codebook`]: the words by which a text names a sphere of cooperation (trade, education,
//! tourism...), a form of cooperation (an agreement, a visit, a working group...), or states that
//! cooperation takes place at all.
//!
//! Analysts who code regional strategies by hand decide, sentence by sentence, which spheres and
//! forms a text presents as cooperation. The codebook is that decision's vocabulary, written down
//! as cues in English and Russian with the contract's coding rules (`docs/contract/extract-v1.md`,
//! "What counts"): "торгово-экономическое" is [`Sphere::Trade`] and nothing else,
//! "научно-техническое" is [`Sphere::ScienceInnovation`], "социально-культурное" is both
//! [`Sphere::Social`] and [`Sphere::Culture`], and plain "economic cooperation" has no key.
//!
//! Cues are matched on stems from `coopatlas_text::Stemmer`, so one cue covers every case form:
//! "образование" finds "в сфере образования". At each word the longest cue wins, and a cue keyed
//! `none` claims its words without standing for anything; that is how "социально-экономическое
//! развитие" is kept from meaning the social sphere. Every match keeps its byte range in the text.
//!
//! ```
//! use coopatlas_codebook::{Codebook, Form, Sphere};
//!
//! let codebook = Codebook::bundled();
//! let text = "Стороны подписали соглашение о торгово-экономическом, научно-техническом \
//!             и социально-культурном сотрудничестве.";
//! let spheres: Vec<Sphere> = codebook.spheres(text).into_iter().map(|cue| cue.key).collect();
//! assert_eq!(
//!     spheres,
//!     [Sphere::Trade, Sphere::ScienceInnovation, Sphere::Social, Sphere::Culture]
//! );
//! let forms = codebook.forms(text);
//! assert_eq!(forms[0].key, Form::Agreement);
//! assert_eq!(&text[forms[0].range.clone()], "соглашение");
//! assert!(!codebook.cooperation_cues(text).is_empty());
//! ```
//!
//! The data is three TSV tables in `data/codebook/` (described in its README), embedded in the
//! crate; [`Codebook::from_tsv`] loads other tables. Nothing here reads files.

mod key;
mod matcher;
mod table;

use std::ops::Range;

use coopatlas_text::Stemmer;

pub use key::{Form, Signal, Sphere};
pub use table::{CodebookError, Entry, Language, Matching};

use matcher::{CueSet, Stemmed, Vocabulary};

/// The bundled tables, as they are compiled into the crate.
pub mod data {
    /// `data/codebook/spheres.tsv`: cues for the contract's spheres.
    pub const SPHERES: &str = include_str!("../../../data/codebook/spheres.tsv");
    /// `data/codebook/forms.tsv`: cues for the contract's forms.
    pub const FORMS: &str = include_str!("../../../data/codebook/forms.tsv");
    /// `data/codebook/cues.tsv`: words that state cooperation.
    pub const COOPERATION: &str = include_str!("../../../data/codebook/cues.tsv");
}

/// A key found in a text, with the byte range of the words that name it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Cue<T> {
    pub key: T,
    pub range: Range<usize>,
}

/// The spheres, forms and cooperation cues, ready to match.
#[derive(Debug)]
pub struct Codebook {
    stemmer: Stemmer,
    sphere_entries: Vec<Entry<Sphere>>,
    form_entries: Vec<Entry<Form>>,
    cooperation_entries: Vec<Entry<Signal>>,
    spheres: CueSet<Sphere>,
    forms: CueSet<Form>,
    cooperation: CueSet<Signal>,
    vocabulary: Vocabulary,
    fingerprint: u64,
}

impl Codebook {
    /// The codebook from the tables bundled with the crate.
    pub fn bundled() -> Codebook {
        match Codebook::from_tsv(data::SPHERES, data::FORMS, data::COOPERATION) {
            Ok(codebook) => codebook,
            // The bundled tables are checked by this crate's tests, so this branch is never taken
            // by a released build; an empty codebook finds nothing instead of aborting a run.
            Err(_) => Codebook::empty(),
        }
    }

    /// A codebook from three tables (the formats of `data/codebook/`): spheres, forms and
    /// cooperation cues.
    pub fn from_tsv(spheres: &str, forms: &str, cooperation: &str) -> Result<Codebook, CodebookError> {
        let stemmer = Stemmer::new();
        let sphere_entries = table::parse("spheres", spheres, Sphere::parse)?;
        let form_entries = table::parse("forms", forms, Form::parse)?;
        let cooperation_entries = table::parse("cues", cooperation, Signal::parse)?;
        let mut vocabulary = Vocabulary::new();
        Ok(Codebook {
            spheres: CueSet::build("spheres", &sphere_entries, &stemmer, &mut vocabulary)?,
            forms: CueSet::build("forms", &form_entries, &stemmer, &mut vocabulary)?,
            cooperation: CueSet::build("cues", &cooperation_entries, &stemmer, &mut vocabulary)?,
            vocabulary,
            stemmer,
            sphere_entries,
            form_entries,
            cooperation_entries,
            fingerprint: coopatlas_text::fingerprint(&[spheres, forms, cooperation]),
        })
    }

    /// A fingerprint of the tables this codebook was built from: equal fingerprints, equal
    /// codebooks.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    fn empty() -> Codebook {
        Codebook {
            spheres: CueSet::empty(),
            forms: CueSet::empty(),
            cooperation: CueSet::empty(),
            vocabulary: Vocabulary::new(),
            stemmer: Stemmer::new(),
            sphere_entries: Vec::new(),
            form_entries: Vec::new(),
            cooperation_entries: Vec::new(),
            fingerprint: 0,
        }
    }

    /// Every sphere cue in `text`, in text order. A phrase listed under two keys ("medical
    /// tourism") yields one [`Cue`] per key over the same range.
    pub fn spheres(&self, text: &str) -> Vec<Cue<Sphere>> {
        into_cues(self.spheres.find(&Stemmed::new(text, &self.stemmer, &self.vocabulary)))
    }

    /// Every form cue in `text`, in text order.
    pub fn forms(&self, text: &str) -> Vec<Cue<Form>> {
        into_cues(self.forms.find(&Stemmed::new(text, &self.stemmer, &self.vocabulary)))
    }

    /// The ranges of `text` that state cooperation ("signed", "сотрудничество", "делегация"),
    /// in text order.
    pub fn cooperation_cues(&self, text: &str) -> Vec<Range<usize>> {
        into_ranges(self.cooperation.find(&Stemmed::new(text, &self.stemmer, &self.vocabulary)))
    }

    /// Spheres, forms and cooperation cues of `text` at once, tokenising and stemming it once.
    pub fn read(&self, text: &str) -> Reading {
        let stemmed = Stemmed::new(text, &self.stemmer, &self.vocabulary);
        Reading {
            spheres: into_cues(self.spheres.find(&stemmed)),
            forms: into_cues(self.forms.find(&stemmed)),
            cooperation: into_ranges(self.cooperation.find(&stemmed)),
        }
    }

    /// The English definition of a sphere (the same text as [`Sphere::definition`]; the README of
    /// `data/codebook/` gives it in Russian too, with examples).
    pub fn definition(&self, sphere: Sphere) -> &'static str {
        sphere.definition()
    }

    /// The rows of the spheres table, in file order.
    pub fn sphere_entries(&self) -> &[Entry<Sphere>] {
        &self.sphere_entries
    }

    /// The rows of the forms table, in file order.
    pub fn form_entries(&self) -> &[Entry<Form>] {
        &self.form_entries
    }

    /// The rows of the cooperation cues table, in file order.
    pub fn cooperation_entries(&self) -> &[Entry<Signal>] {
        &self.cooperation_entries
    }
}

/// Everything the codebook finds in one text; see [`Codebook::read`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reading {
    pub spheres: Vec<Cue<Sphere>>,
    pub forms: Vec<Cue<Form>>,
    pub cooperation: Vec<Range<usize>>,
}

fn into_ranges<K>(found: Vec<(K, Range<usize>)>) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for (_, range) in found {
        // One phrase listed under two signals is still one place in the text.
        if ranges.last() != Some(&range) {
            ranges.push(range);
        }
    }
    ranges
}

fn into_cues<K>(found: Vec<(K, Range<usize>)>) -> Vec<Cue<K>> {
    found.into_iter().map(|(key, range)| Cue { key, range }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_codebook_is_shared_between_threads() {
        // Ingestion extracts on worker threads, each reading the one codebook.
        fn shared<T: Send + Sync>() {}
        shared::<Codebook>();
    }

    #[test]
    fn bundled_is_not_the_empty_fallback() {
        let codebook = Codebook::bundled();
        assert!(!codebook.sphere_entries().is_empty());
        assert!(Codebook::empty().spheres("торговля").is_empty());
        assert_eq!(codebook.spheres("торговля")[0].key, Sphere::Trade);
    }
}

//! Compact values for the rows an [`crate::Analyzer`] keeps by the million: forms and spheres as
//! bit sets over the codebook's keys, and repeated strings (units, what a figure counts, the
//! places of a figure) interned once per analysis.

use std::marker::PhantomData;

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::labels::{self, Vocabulary};

/// A vocabulary of keys a [`KeySet`] draws from.
pub trait Keys {
    const VOCABULARY: Vocabulary;
}

/// The forms of cooperation (`labels::FORMS`, the codebook's forms).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FormKeys;

impl Keys for FormKeys {
    const VOCABULARY: Vocabulary = labels::FORMS;
}

/// The spheres of cooperation (`labels::SPHERES`, the codebook's spheres).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SphereKeys;

impl Keys for SphereKeys {
    const VOCABULARY: Vocabulary = labels::SPHERES;
}

/// A set of keys of one vocabulary, one bit each, iterated in the vocabulary's order. A key the
/// vocabulary does not know is left out (the vocabularies hold every key of the codebook; a test
/// keeps them in step).
#[derive(Clone, Copy, PartialEq, Eq, Default)]
pub struct KeySet<K> {
    bits: u32,
    keys: PhantomData<K>,
}

impl<K: Keys> KeySet<K> {
    pub fn of<S: AsRef<str>>(keys: impl IntoIterator<Item = S>) -> KeySet<K> {
        let mut set = KeySet { bits: 0, keys: PhantomData };
        for key in keys {
            set.insert(key.as_ref());
        }
        set
    }

    pub fn insert(&mut self, key: &str) {
        if let Some(position) = K::VOCABULARY.iter().position(|(known, _, _)| *known == key) {
            self.bits |= 1 << position;
        }
    }

    pub fn union(self, other: KeySet<K>) -> KeySet<K> {
        KeySet { bits: self.bits | other.bits, keys: PhantomData }
    }

    pub fn contains(&self, key: &str) -> bool {
        K::VOCABULARY
            .iter()
            .position(|(known, _, _)| *known == key)
            .is_some_and(|position| self.bits & (1 << position) != 0)
    }

    pub fn is_empty(&self) -> bool {
        self.bits == 0
    }

    pub fn len(&self) -> usize {
        self.bits.count_ones() as usize
    }

    pub fn iter(&self) -> impl Iterator<Item = &'static str> + use<K> {
        let bits = self.bits;
        K::VOCABULARY
            .iter()
            .enumerate()
            .filter(move |(position, _)| bits & (1 << position) != 0)
            .map(|(_, (key, _, _))| *key)
    }
}

impl<K: Keys> std::fmt::Debug for KeySet<K> {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.debug_set().entries(self.iter()).finish()
    }
}

impl<K: Keys> Serialize for KeySet<K> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// An interned string of an analysis ([`crate::Analysis::text`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Text(pub(crate) u32);

/// An interned list of place ids ([`crate::Analysis::places`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct PlaceList(pub(crate) u32);

/// Strings and place lists kept once each.
#[derive(Debug, Clone, Default)]
pub(crate) struct Interner {
    pub texts: Vec<Box<str>>,
    text_index: FxHashMap<Box<str>, u32>,
    pub place_lists: Vec<Box<[String]>>,
    /// Lists by the hash of their sorted ids (several lists may share a hash).
    list_index: FxHashMap<u64, Vec<u32>>,
}

impl Interner {
    pub fn text(&mut self, text: &str) -> Text {
        if let Some(index) = self.text_index.get(text) {
            return Text(*index);
        }
        let index = self.texts.len() as u32;
        self.texts.push(text.into());
        self.text_index.insert(text.into(), index);
        Text(index)
    }

    /// The list of `places`, sorted and without repeats. Looked up without copying the ids:
    /// most figures name a list already seen.
    pub fn places(&mut self, places: &[String]) -> PlaceList {
        use std::hash::{Hash, Hasher};

        let mut sorted: Vec<&str> = places.iter().map(String::as_str).collect();
        sorted.sort_unstable();
        sorted.dedup();
        let mut hasher = rustc_hash::FxHasher::default();
        sorted.hash(&mut hasher);
        let hash = hasher.finish();
        let candidates = self.list_index.entry(hash).or_default();
        for candidate in candidates.iter() {
            let list = &self.place_lists[*candidate as usize];
            if list.len() == sorted.len() && list.iter().zip(&sorted).all(|(known, id)| known == id) {
                return PlaceList(*candidate);
            }
        }
        let index = self.place_lists.len() as u32;
        self.place_lists.push(sorted.iter().map(|id| id.to_string()).collect());
        candidates.push(index);
        PlaceList(index)
    }

    /// The tables without the lookup maps, for the finished analysis.
    pub fn finish(self) -> (Vec<Box<str>>, Vec<Box<[String]>>) {
        (self.texts, self.place_lists)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_sets_keep_the_vocabulary_order_and_drop_unknown_keys() {
        let set = KeySet::<FormKeys>::of(["visit", "agreement", "nonsense", "visit"]);
        assert_eq!(set.iter().collect::<Vec<_>>(), ["agreement", "visit"]);
        assert_eq!(set.len(), 2);
        assert!(set.contains("visit") && !set.contains("forum") && !set.contains("nonsense"));
        let more = set.union(KeySet::of(["forum"]));
        assert_eq!(more.iter().collect::<Vec<_>>(), ["agreement", "visit", "forum"]);
        assert_eq!(serde_json::to_string(&more).unwrap(), r#"["agreement","visit","forum"]"#);
        assert!(KeySet::<SphereKeys>::default().is_empty());
    }

    #[test]
    fn the_vocabularies_hold_every_codebook_key() {
        assert!(labels::FORMS.len() <= 32 && labels::SPHERES.len() <= 32, "a key set has 32 bits");
        for form in coopatlas_codebook::Form::ALL {
            assert!(KeySet::<FormKeys>::of([form.as_str()]).contains(form.as_str()), "{form:?}");
        }
        for sphere in coopatlas_codebook::Sphere::ALL {
            assert!(KeySet::<SphereKeys>::of([sphere.as_str()]).contains(sphere.as_str()), "{sphere:?}");
        }
        assert_eq!(labels::FORMS.len(), coopatlas_codebook::Form::ALL.len());
        assert_eq!(labels::SPHERES.len(), coopatlas_codebook::Sphere::ALL.len());
    }

    #[test]
    fn interning_gives_one_id_per_value() {
        let mut interner = Interner::default();
        assert_eq!(interner.text("USD"), interner.text("USD"));
        assert_ne!(interner.text("USD"), interner.text("RUB"));
        let ab = interner.places(&["RU-KGD".into(), "BY".into()]);
        assert_eq!(ab, interner.places(&["BY".into(), "RU-KGD".into(), "BY".into()]));
        let (texts, lists) = interner.finish();
        assert_eq!(texts.len(), 2);
        assert_eq!(&*lists[ab.0 as usize], ["BY".to_string(), "RU-KGD".to_string()]);
    }
}

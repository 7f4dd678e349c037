//! Any bytes, read as text (invalid UTF-8 replaced), through the extractor: it must not panic,
//! every evidence range must be a slice of the text on char boundaries, the sphere shares must
//! sum to 1, and a second run over the same input must give the same extraction, the same
//! contract JSON and the same stored facts.

#![no_main]

use std::sync::LazyLock;

use coopatlas_codebook::Codebook;
use coopatlas_extract::{Extraction, Extractor, Input};
use coopatlas_gazetteer::Gazetteer;
use libfuzzer_sys::fuzz_target;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| Extractor::new(Gazetteer::bundled(), Codebook::bundled()));

fuzz_target!(
    init: {
        LazyLock::force(&EXTRACTOR);
    },
    |data: &[u8]| {
        let text = String::from_utf8_lossy(data);
        // The extractor reads only the text; title, date and language pass through to the
        // contract. The first line stands in for a title so that serialisation sees arbitrary
        // strings there too.
        let input = Input {
            text: &text,
            title: text.lines().next(),
            date: text.get(..10),
            language: Some(if data.len() % 2 == 0 { "ru" } else { "en" }),
        };
        check(&input);
    }
);

fn check(input: &Input<'_>) {
    let text = input.text;
    let first = EXTRACTOR.extract(input);
    check_ranges(text, &first);
    let second = EXTRACTOR.extract(input);
    // Debug output rather than `==`: a NaN share would be unequal to itself.
    assert_eq!(format!("{first:?}"), format!("{second:?}"), "extraction is not deterministic");

    // What `extract --json` prints: the contract record serialised directly, so that an error is
    // seen (`to_contract` turns one into `null`).
    let json = serde_json::to_string(&EXTRACTOR.contract("fuzz", input, &first)).expect("the contract serialises");
    let again = serde_json::to_string(&EXTRACTOR.contract("fuzz", input, &second)).expect("the contract serialises");
    assert_eq!(json, again, "contract JSON is not deterministic");
    assert!(!EXTRACTOR.to_contract("fuzz", input, &first).is_null(), "to_contract gave null");

    // What an atlas stores.
    let facts = EXTRACTOR.facts(&first);
    for (start, end) in facts.places.iter().flat_map(|fact| &fact.mentions) {
        assert!(text.get(*start..*end).is_some(), "stored place mention {start}..{end} is not a slice");
    }
    for (start, end) in facts.organizations.iter().flat_map(|fact| &fact.mentions) {
        assert!(text.get(*start..*end).is_some(), "stored organisation mention {start}..{end} is not a slice");
    }
    for (start, end) in facts.ties.iter().map(|fact| &fact.evidence) {
        assert!(text.get(*start..*end).is_some(), "stored tie evidence {start}..{end} is not a slice");
    }
    for (start, end) in facts.figures.iter().flat_map(|fact| [&fact.span, &fact.evidence]) {
        assert!(text.get(*start..*end).is_some(), "stored figure range {start}..{end} is not a slice");
    }
    let stored = serde_json::to_string(&facts).expect("the facts serialise");
    let stored_again = serde_json::to_string(&EXTRACTOR.facts(&second)).expect("the facts serialise");
    assert_eq!(stored, stored_again, "stored facts are not deterministic");
}

fn check_ranges(text: &str, extraction: &Extraction) {
    for place in &extraction.places {
        assert!(!place.mentions.is_empty(), "a place without mentions");
        for mention in &place.mentions {
            assert!(text.get(mention.clone()).is_some(), "mention {mention:?} is not a slice of the text");
        }
    }
    for organization in &extraction.organizations {
        assert!(!organization.mentions.is_empty(), "an organisation without mentions");
        for mention in &organization.mentions {
            assert!(text.get(mention.clone()).is_some(), "mention {mention:?} is not a slice of the text");
        }
    }
    for tie in &extraction.ties {
        assert!(text.get(tie.evidence.clone()).is_some(), "tie evidence {:?} is not a slice of the text", tie.evidence);
    }
    for fact in &extraction.figures {
        assert!(text.get(fact.evidence.clone()).is_some(), "figure evidence {:?} is not a slice", fact.evidence);
        let range = &fact.figure.range;
        assert!(text.get(range.clone()).is_some(), "figure range {range:?} is not a slice of the text");
        assert!(
            fact.evidence.start <= range.start && range.end <= fact.evidence.end,
            "figure {range:?} lies outside its evidence {:?}",
            fact.evidence
        );
    }
    if !extraction.spheres.is_empty() {
        let total: f64 = extraction.spheres.iter().map(|(_, share)| share).sum();
        assert!((total - 1.0).abs() < 1e-9, "sphere shares sum to {total}");
    }
}

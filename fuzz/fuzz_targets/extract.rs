//! Any bytes, read as text (invalid UTF-8 replaced), through the extractor: it must not panic,
//! every evidence range must be a slice of the text on char boundaries, the sphere shares must
//! sum to 1, and a second run over the same input must give the same extraction and the same
//! contract JSON.

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

    let contract = EXTRACTOR.to_contract("fuzz", input, &first);
    let json = serde_json::to_string(&contract).expect("the contract serialises");
    let again = serde_json::to_string(&EXTRACTOR.to_contract("fuzz", input, &second)).expect("the contract serialises");
    assert_eq!(json, again, "contract JSON is not deterministic");
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

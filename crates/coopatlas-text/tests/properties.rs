//! Properties every input must keep: tokens, sentences and snippets are byte ranges on char
//! boundaries of the original text, in order, and never overlap; stems are deterministic.

use coopatlas_text::{Stemmer, detect_language, fold, normalize, sentences, snippet, tokens};
use proptest::prelude::*;

/// Text mixing Russian, English, digits, punctuation, whitespace and odd Unicode.
fn mixed_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("Калининградской области".to_string()),
        Just("Mogilev Region".to_string()),
        Just("ёлка Орёл".to_string()),
        Just(". ".to_string()),
        Just("! ".to_string()),
        Just("\n\n".to_string()),
        Just("г. ".to_string()),
        Just("«»—–-".to_string()),
        Just("и\u{0306}".to_string()),
        Just("12,5 млрд $".to_string()),
        any::<char>().prop_map(String::from),
        "[a-zA-Zа-яА-ЯёЁ0-9 .,!?\n]{0,12}",
    ];
    prop::collection::vec(pieces, 0..40).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn tokens_are_ordered_slices(text in mixed_text()) {
        let mut previous_end = 0;
        for token in tokens(&text) {
            prop_assert!(token.start >= previous_end && token.start < token.end && token.end <= text.len());
            prop_assert!(text.is_char_boundary(token.start) && text.is_char_boundary(token.end));
            prop_assert!(!token.as_str(&text).chars().any(char::is_whitespace));
            previous_end = token.end;
        }
    }

    #[test]
    fn sentences_are_ordered_trimmed_slices(text in mixed_text()) {
        let mut previous_end = 0;
        for sentence in sentences(&text) {
            prop_assert!(sentence.start >= previous_end && sentence.start < sentence.end && sentence.end <= text.len());
            let slice = &text[sentence.clone()];
            prop_assert_eq!(slice, slice.trim());
            previous_end = sentence.end;
        }
        // Every word of the text lies inside some sentence.
        let ranges = sentences(&text);
        for token in tokens(&text) {
            prop_assert!(ranges.iter().any(|range| range.start <= token.start && token.end <= range.end));
        }
    }

    #[test]
    fn snippets_are_exact_slices(text in mixed_text(), query in mixed_text(), width in 1usize..300) {
        let stemmer = Stemmer::new();
        let stems = stemmer.stems(&query);
        let found = snippet(&text, &stems, &stemmer, width);
        prop_assert_eq!(&text[found.range.clone()], found.text.as_str());
        for highlight in &found.highlights {
            prop_assert!(highlight.end <= found.text.len());
            prop_assert!(found.text.is_char_boundary(highlight.start) && found.text.is_char_boundary(highlight.end));
        }
    }

    #[test]
    fn stems_and_folding_are_deterministic(text in mixed_text()) {
        let stemmer = Stemmer::new();
        prop_assert_eq!(stemmer.stems(&text), Stemmer::new().stems(&text));
        let folded = fold(&text);
        prop_assert_eq!(fold(&folded), folded.clone());
        let _ = detect_language(&text);
    }

    #[test]
    fn normalized_words_map_back_to_the_original(text in mixed_text()) {
        let normalized = normalize(&text);
        for token in tokens(&normalized.text) {
            let original = normalized.original(token.range());
            prop_assert!(text.is_char_boundary(original.start) && text.is_char_boundary(original.end));
            prop_assert_eq!(normalize(&text[original]).text, token.as_str(&normalized.text));
        }
    }
}

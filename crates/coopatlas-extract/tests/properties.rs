//! Any text at all: extraction does not panic, every evidence range is a slice of the text on
//! char boundaries, and the same text gives the same output.

use std::sync::LazyLock;

use coopatlas_codebook::Codebook;
use coopatlas_extract::{Extractor, Input};
use coopatlas_gazetteer::Gazetteer;
use proptest::prelude::*;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| Extractor::new(Gazetteer::bundled(), Codebook::bundled()));

fn texts() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("Калужская область и Могилёвская область подписали соглашение. ".to_string()),
        Just("The Omsk Region signed an agreement with Pavlodar on trade worth $1.2 billion. ".to_string()),
        Just("Минск, 27 июня 2019 г. — ".to_string()),
        Just("В Минске делегация Татарстана обсудила 40 визитов и 20% рост.\n\n".to_string()),
        Just("«Орёл» и орел, Мир и мир; Владимир Путин; Kirov ".to_string()),
        Just("| 10:00–11:30 | Round table | Vitebsk |\n".to_string()),
        any::<char>().prop_map(String::from),
        "[a-zA-Zа-яА-ЯёЁ0-9 .,!?$%«»—\n-]{0,30}",
    ];
    prop::collection::vec(pieces, 0..25).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn extraction_is_total_and_keeps_offsets(text in texts()) {
        let input = Input { text: &text, ..Input::default() };
        let first = EXTRACTOR.extract(&input);
        for tie in &first.ties {
            prop_assert!(text.get(tie.evidence.clone()).is_some());
        }
        for figure in &first.figures {
            prop_assert!(text.get(figure.evidence.clone()).is_some());
            prop_assert!(text.get(figure.figure.range.clone()).is_some());
        }
        for place in &first.places {
            for mention in &place.mentions {
                prop_assert!(text.get(mention.clone()).is_some());
            }
        }
        let shares: f64 = first.spheres.iter().map(|(_, share)| share).sum();
        prop_assert!(first.spheres.is_empty() || (shares - 1.0).abs() < 1e-9);
        let second = EXTRACTOR.extract(&input);
        prop_assert_eq!(
            EXTRACTOR.to_contract("t", &input, &first).to_string(),
            EXTRACTOR.to_contract("t", &input, &second).to_string()
        );
    }
}

//! The scorer: compares extraction output (contract v1 JSON) with the hand labels.
//!
//! Places, organisations, ties, spheres and figures are scored as sets per document and summed
//! over documents (micro-averaged precision, recall, F1); date, language and depth as accuracy. An
//! organisation is its `id` (its `name` when it has none). A tie is an unordered pair of place ids. A figure matches a labelled one with the same unit and a value
//! within 0.5%. Forms are scored on the ties both sides found.
//!
//! Part of the corpus is held out from tuning: [`is_held_out`] picks it by a hash of the file
//! name, so the split is fixed and needs no list.

use std::collections::BTreeSet;

use serde_json::Value;

/// Precision, recall and F1 from counts.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Counts {
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.true_positives, self.true_positives + self.false_positives)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.true_positives, self.true_positives + self.false_negatives)
    }

    pub fn f1(&self) -> f64 {
        let (precision, recall) = (self.precision(), self.recall());
        if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) }
    }

    fn add_sets<T: Ord>(&mut self, predicted: &BTreeSet<T>, expected: &BTreeSet<T>) {
        let found = predicted.intersection(expected).count();
        self.true_positives += found;
        self.false_positives += predicted.len() - found;
        self.false_negatives += expected.len() - found;
    }
}

/// 1.0 for an empty denominator: nothing to find and nothing found is not an error.
fn ratio(numerator: usize, denominator: usize) -> f64 {
    if denominator == 0 { 1.0 } else { numerator as f64 / denominator as f64 }
}

/// Accuracy of one field.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Accuracy {
    pub correct: usize,
    pub total: usize,
}

impl Accuracy {
    pub fn value(&self) -> f64 {
        ratio(self.correct, self.total)
    }

    fn add(&mut self, correct: bool) {
        self.total += 1;
        self.correct += usize::from(correct);
    }
}

/// The scores of a set of documents.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Score {
    pub documents: usize,
    pub places: Counts,
    pub organizations: Counts,
    pub ties: Counts,
    pub forms: Counts,
    pub spheres: Counts,
    pub figures: Counts,
    pub date: Accuracy,
    pub language: Accuracy,
    pub depth: Accuracy,
}

impl Score {
    /// Adds one document: `predicted` is what `coopatlas extract --json` printed for it, `label`
    /// its label file, both contract v1 objects.
    pub fn add(&mut self, predicted: &Value, label: &Value) {
        self.documents += 1;
        self.places.add_sets(&place_ids(predicted), &place_ids(label));
        self.organizations.add_sets(&organization_keys(predicted), &organization_keys(label));
        let (predicted_ties, expected_ties) = (ties(predicted), ties(label));
        self.ties.add_sets(&predicted_ties.keys().cloned().collect(), &expected_ties.keys().cloned().collect());
        for (pair, expected_forms) in &expected_ties {
            if let Some(predicted_forms) = predicted_ties.get(pair) {
                self.forms.add_sets(predicted_forms, expected_forms);
            }
        }
        self.spheres.add_sets(&spheres(predicted), &spheres(label));
        self.add_figures(predicted, label);
        self.date.add(predicted["date"] == label["date"]);
        self.language.add(predicted["language"] == label["language"]);
        self.depth.add(predicted["depth"] == label["depth"]);
    }

    fn add_figures(&mut self, predicted: &Value, label: &Value) {
        let figures = |value: &Value| -> Vec<(f64, String)> {
            value["figures"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|figure| Some((figure["value"].as_f64()?, figure["unit"].as_str()?.to_string())))
                .collect()
        };
        let mut unmatched = figures(label);
        let predicted = figures(predicted);
        for (value, unit) in &predicted {
            let close = |(expected, expected_unit): &(f64, String)| {
                expected_unit == unit && (expected - value).abs() <= expected.abs() * 0.005 + f64::EPSILON
            };
            if let Some(position) = unmatched.iter().position(close) {
                unmatched.remove(position);
                self.figures.true_positives += 1;
            } else {
                self.figures.false_positives += 1;
            }
        }
        self.figures.false_negatives += unmatched.len();
    }

    /// A table of the scores, one line per measure.
    pub fn report(&self, name: &str) -> String {
        let line = |measure: &str, counts: &Counts| {
            format!(
                "{name:<9} {measure:<8} P {:.3}  R {:.3}  F1 {:.3}  (tp {}, fp {}, fn {})\n",
                counts.precision(),
                counts.recall(),
                counts.f1(),
                counts.true_positives,
                counts.false_positives,
                counts.false_negatives
            )
        };
        let mut report = format!("{name:<9} {} documents\n", self.documents);
        for (measure, counts) in [
            ("places", &self.places),
            ("orgs", &self.organizations),
            ("ties", &self.ties),
            ("forms", &self.forms),
            ("spheres", &self.spheres),
            ("figures", &self.figures),
        ] {
            report.push_str(&line(measure, counts));
        }
        report.push_str(&format!(
            "{name:<9} accuracy date {:.3}  language {:.3}  depth {:.3}\n",
            self.date.value(),
            self.language.value(),
            self.depth.value()
        ));
        report
    }
}

fn place_ids(value: &Value) -> BTreeSet<String> {
    value["places"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|place| place["id"].as_str().map(str::to_string))
        .collect()
}

/// Organisations by id, or by name for output that has no ids.
fn organization_keys(value: &Value) -> BTreeSet<String> {
    value["organizations"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|organization| organization["id"].as_str().or(organization["name"].as_str()).map(str::to_string))
        .collect()
}

fn ties(value: &Value) -> std::collections::BTreeMap<(String, String), BTreeSet<String>> {
    let mut ties = std::collections::BTreeMap::new();
    for tie in value["ties"].as_array().into_iter().flatten() {
        let (Some(a), Some(b)) = (tie["a"].as_str(), tie["b"].as_str()) else {
            continue;
        };
        let pair = if a <= b { (a.to_string(), b.to_string()) } else { (b.to_string(), a.to_string()) };
        let forms: BTreeSet<String> = tie["forms"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|form| form.as_str().map(str::to_string))
            .collect();
        ties.entry(pair).or_insert_with(BTreeSet::new).extend(forms);
    }
    ties
}

fn spheres(value: &Value) -> BTreeSet<String> {
    value["spheres"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|sphere| sphere["sphere"].as_str().map(str::to_string))
        .collect()
}

/// True for the documents kept out of tuning (about a third), chosen by an FNV-1a hash of the
/// file name so the split never changes.
pub fn is_held_out(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let hash = name
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325u64, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3));
    hash % 3 == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn hand_computed_scores() {
        let label = json!({
            "language": "ru", "date": "2019-06-27", "depth": "formal",
            "places": [{"id": "RU-YAR"}, {"id": "BY-MA"}, {"id": "BY"}],
            "organizations": [{"id": "union-state", "name": "Union State"}, {"id": "cis", "name": "Commonwealth of Independent States"}],
            "ties": [{"a": "BY-MA", "b": "RU-YAR", "forms": ["agreement", "visit"]}],
            "spheres": [{"sphere": "trade"}, {"sphere": "education"}],
            "figures": [{"value": 40, "unit": "count"}, {"value": 1.2e9, "unit": "USD"}]
        });
        let predicted = json!({
            "language": "ru", "date": null, "depth": "formal",
            "places": [{"id": "RU-YAR"}, {"id": "BY-MA"}, {"id": "RU"}],
            "organizations": [{"id": "union-state", "name": "Union State"}, {"id": "eaeu", "name": "Eurasian Economic Union"}, {"id": "un", "name": "United Nations"}],
            "ties": [{"a": "RU-YAR", "b": "BY-MA", "forms": ["agreement"]}, {"a": "RU", "b": "BY-MA", "forms": []}],
            "spheres": [{"sphere": "trade"}],
            "figures": [{"value": 1.201e9, "unit": "USD"}, {"value": 2019, "unit": "count"}]
        });
        let mut score = Score::default();
        score.add(&predicted, &label);
        assert_eq!(score.places, Counts { true_positives: 2, false_positives: 1, false_negatives: 1 });
        assert_eq!(score.organizations, Counts { true_positives: 1, false_positives: 2, false_negatives: 1 });
        assert_eq!(score.ties, Counts { true_positives: 1, false_positives: 1, false_negatives: 0 });
        assert_eq!(score.forms, Counts { true_positives: 1, false_positives: 0, false_negatives: 1 });
        assert_eq!(score.spheres, Counts { true_positives: 1, false_positives: 0, false_negatives: 1 });
        assert_eq!(score.figures, Counts { true_positives: 1, false_positives: 1, false_negatives: 1 });
        assert_eq!((score.date.value(), score.language.value(), score.depth.value()), (0.0, 1.0, 1.0));
        assert!((score.places.f1() - 2.0 / 3.0).abs() < 1e-9);
        assert!(score.report("test").contains("ties     P 0.500  R 1.000"));
        assert!(score.report("test").contains("orgs     P 0.333  R 0.500"));
    }

    #[test]
    fn empty_sets_are_perfect() {
        let empty = json!({"places": [], "ties": [], "spheres": [], "figures": [], "date": null, "language": "en", "depth": "none"});
        let mut score = Score::default();
        score.add(&empty, &empty);
        assert_eq!(score.places.f1(), 1.0);
        assert_eq!(score.organizations.f1(), 1.0);
        assert_eq!(score.figures.recall(), 1.0);
    }

    #[test]
    fn the_split_is_stable_and_about_a_third() {
        let held_out = crate::documents().iter().filter(|file| is_held_out(file.path)).count();
        let total = crate::documents().len();
        assert!(held_out * 4 >= total && held_out * 5 <= total * 2, "{held_out} of {total} held out");
        assert!(is_held_out("docs/x") == is_held_out("docs/x"));
    }
}

//! The codebook against the labelled corpus (`corpus/labels/`): for every tie, the label names the
//! spheres and forms of the cooperation its evidence sentence states; the codebook reads the same
//! sentence. Ties that share an evidence sentence are pooled, so a sentence is scored once.
//!
//! A label may draw a tie's spheres from the rest of the document ("the Parties shall develop
//! cooperation" stands for an agreement whose article 2 lists ten spheres), and no cue in that
//! sentence can find them; that bounds recall below 1. The floors are today's measurements,
//! rounded down: a change to the tables that lowers one fails here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::codebook;

const SPHERE_PRECISION: f64 = 0.96;
const SPHERE_RECALL: f64 = 0.52;
const SPHERE_F1: f64 = 0.67;
const FORM_PRECISION: f64 = 0.93;
const FORM_RECALL: f64 = 0.67;
const FORM_F1: f64 = 0.78;
const DOCUMENT_PRECISION: f64 = 0.77;
const DOCUMENT_RECALL: f64 = 0.93;
const DOCUMENT_F1: f64 = 0.84;

/// Counts of one key set against another, summed over sentences.
#[derive(Debug, Default)]
struct Score {
    true_positives: usize,
    false_positives: usize,
    false_negatives: usize,
}

impl Score {
    fn add(&mut self, expected: &BTreeSet<String>, found: &BTreeSet<String>) {
        self.true_positives += expected.intersection(found).count();
        self.false_positives += found.difference(expected).count();
        self.false_negatives += expected.difference(found).count();
    }

    fn precision(&self) -> f64 {
        ratio(self.true_positives, self.true_positives + self.false_positives)
    }

    fn recall(&self) -> f64 {
        ratio(self.true_positives, self.true_positives + self.false_negatives)
    }

    fn f1(&self) -> f64 {
        let (precision, recall) = (self.precision(), self.recall());
        if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) }
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 { 1.0 } else { part as f64 / whole as f64 }
}

/// One evidence sentence with the spheres and forms of every tie it is the evidence of.
#[derive(Debug, Default)]
struct Evidence {
    spheres: BTreeSet<String>,
    forms: BTreeSet<String>,
}

fn labels_folder() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
}

/// Every label file with its parsed JSON, sorted by name.
fn labels() -> Vec<(String, serde_json::Value)> {
    let folder = labels_folder().join("labels");
    let mut files: Vec<_> = std::fs::read_dir(&folder)
        .expect("corpus/labels exists")
        .map(|entry| entry.expect("a readable folder entry").path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 40, "too few labels in {}", folder.display());
    files
        .into_iter()
        .map(|file| {
            let text = std::fs::read_to_string(&file).expect("a readable label");
            let label = serde_json::from_str(&text).expect("a label is JSON");
            let name = file.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
            (name, label)
        })
        .collect()
}

fn strings(value: &serde_json::Value) -> Vec<String> {
    value
        .as_array()
        .map(|values| values.iter().filter_map(|value| value.as_str().map(str::to_string)).collect())
        .unwrap_or_default()
}

/// Every labelled evidence sentence, keyed by label file and sentence.
fn evidence() -> BTreeMap<(String, String), Evidence> {
    let mut sentences: BTreeMap<(String, String), Evidence> = BTreeMap::new();
    for (name, label) in labels() {
        for tie in label["ties"].as_array().cloned().unwrap_or_default() {
            let sentence = tie["evidence"].as_str().unwrap_or_default().to_string();
            let pooled = sentences.entry((name.clone(), sentence)).or_default();
            pooled.spheres.extend(strings(&tie["spheres"]));
            pooled.forms.extend(strings(&tie["forms"]));
        }
    }
    sentences
}

fn report(what: &str, score: &Score, misses: &[String]) {
    eprintln!(
        "{what}: precision {:.3}, recall {:.3}, F1 {:.3} \
         (true positives {}, false positives {}, false negatives {})",
        score.precision(),
        score.recall(),
        score.f1(),
        score.true_positives,
        score.false_positives,
        score.false_negatives
    );
    for miss in misses {
        eprintln!("  {miss}");
    }
}

fn check_floors(what: &str, score: &Score, [precision, recall, f1]: [f64; 3]) {
    let measured = [score.precision(), score.recall(), score.f1()];
    for (name, (value, floor)) in
        ["precision", "recall", "F1"].into_iter().zip(measured.into_iter().zip([precision, recall, f1]))
    {
        assert!(value >= floor, "{what}: {name} {value:.4} fell below {floor}");
    }
}

#[test]
fn spheres_and_forms_on_tie_evidence() {
    let codebook = codebook();
    let (mut spheres, mut forms) = (Score::default(), Score::default());
    let (mut sphere_misses, mut form_misses) = (Vec::new(), Vec::new());
    let sentences = evidence();
    for ((file, sentence), labelled) in &sentences {
        let reading = codebook.read(sentence);
        let found_spheres: BTreeSet<String> = reading.spheres.iter().map(|cue| cue.key.as_str().to_string()).collect();
        let found_forms: BTreeSet<String> = reading.forms.iter().map(|cue| cue.key.as_str().to_string()).collect();
        spheres.add(&labelled.spheres, &found_spheres);
        forms.add(&labelled.forms, &found_forms);
        for (expected, found, misses) in
            [(&labelled.spheres, &found_spheres, &mut sphere_misses), (&labelled.forms, &found_forms, &mut form_misses)]
        {
            if expected != found {
                let missing: Vec<&String> = expected.difference(found).collect();
                let extra: Vec<&String> = found.difference(expected).collect();
                misses.push(format!("{file}: missing {missing:?}, extra {extra:?}: {sentence}"));
            }
        }
    }
    eprintln!("{} evidence sentences", sentences.len());
    report("spheres on tie evidence", &spheres, &sphere_misses);
    report("forms on tie evidence", &forms, &form_misses);
    check_floors("spheres", &spheres, [SPHERE_PRECISION, SPHERE_RECALL, SPHERE_F1]);
    check_floors("forms", &forms, [FORM_PRECISION, FORM_RECALL, FORM_F1]);
}

/// The document-level view: the spheres of every sentence that states cooperation, against the
/// label's `spheres`. Only plain-text documents in UTF-8 take part (`.txt`, `.md`), since
/// reading the other formats and encodings is another crate's job. This shows what the codebook finds when the text names
/// the spheres, where the tie evidence alone often does not.
#[test]
fn spheres_of_cooperation_sentences_in_documents() {
    let codebook = codebook();
    let mut score = Score::default();
    let mut misses = Vec::new();
    let mut documents = 0;
    for (name, label) in labels() {
        let Some(document) = name.strip_suffix(".json") else {
            continue;
        };
        if !(document.ends_with(".txt") || document.ends_with(".md")) {
            continue;
        }
        let path = labels_folder().join("docs").join(document);
        let bytes = std::fs::read(&path).expect("a readable document");
        // Some plain-text documents are in Windows-1251 or KOI8-R on purpose, to exercise the
        // readers; decoding them is not this crate's business.
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        documents += 1;
        let expected: BTreeSet<String> = label["spheres"]
            .as_array()
            .map(|shares| shares.iter().filter_map(|share| share["sphere"].as_str().map(str::to_string)).collect())
            .unwrap_or_default();
        let mut found = BTreeSet::new();
        for sentence in coopatlas_text::sentences(&text) {
            let reading = codebook.read(&text[sentence]);
            if !reading.cooperation.is_empty() || !reading.forms.is_empty() {
                found.extend(reading.spheres.iter().map(|cue| cue.key.as_str().to_string()));
            }
        }
        score.add(&expected, &found);
        if expected != found {
            let missing: Vec<&String> = expected.difference(&found).collect();
            let extra: Vec<&String> = found.difference(&expected).collect();
            misses.push(format!("{document}: missing {missing:?}, extra {extra:?}"));
        }
    }
    eprintln!("{documents} plain-text documents");
    report("document spheres", &score, &misses);
    check_floors("document spheres", &score, [DOCUMENT_PRECISION, DOCUMENT_RECALL, DOCUMENT_F1]);
}

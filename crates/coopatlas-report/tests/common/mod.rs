//! A small hand-made atlas shared by the unit tests and the browser test: seven documents about
//! Kaliningrad, Grodno, Tatarstan, Heilongjiang, Amur and Sverdlovsk, one of them with a hostile
//! title, and one without extracted facts.

use std::collections::HashMap;

use coopatlas_analytics::{Analysis, Analyzer, Contest, DocumentInput, Evidence, Filter, Geography};
use coopatlas_document::Facts;
use coopatlas_document::facts::{FigureFact, SphereShare, TieFact};
use coopatlas_gazetteer::Gazetteer;

pub const HOSTILE_TITLE: &str = "<script>alert(1)</script>";
pub const HOSTILE_SENTENCE: &str = "<img src=\"http://example.invalid/x.png\" onerror=\"alert(2)\">";

pub fn geography() -> Geography {
    Geography::new(&Gazetteer::bundled(), &coopatlas_gazetteer::contested(), Contest::Iso)
}

fn tie(a: &str, b: &str, forms: &[&str], spheres: &[&str], evidence: (usize, usize)) -> TieFact {
    TieFact {
        a: a.to_string(),
        b: b.to_string(),
        forms: forms.iter().map(|form| form.to_string()).collect(),
        spheres: spheres.iter().map(|sphere| sphere.to_string()).collect(),
        evidence,
    }
}

fn spheres(spheres: &[(&str, (usize, usize))]) -> Vec<SphereShare> {
    let share = 1.0 / spheres.len() as f64;
    spheres
        .iter()
        .map(|(sphere, evidence)| SphereShare { sphere: sphere.to_string(), share, evidence: vec![*evidence] })
        .collect()
}

fn figure(
    value: f64,
    unit: &str,
    what: &str,
    places: &[&str],
    year: Option<i32>,
    evidence: (usize, usize),
) -> FigureFact {
    FigureFact {
        value,
        unit: unit.to_string(),
        what: Some(what.to_string()),
        qualifier: None,
        places: places.iter().map(|place| place.to_string()).collect(),
        year,
        span: (evidence.0 + 5, evidence.0 + 10),
        evidence,
    }
}

#[allow(clippy::too_many_arguments)]
fn document(
    id: &str,
    title: &str,
    date: Option<&str>,
    language: &str,
    genre: &str,
    subject: Option<&str>,
    depth: &str,
    ties: Vec<TieFact>,
    sphere_shares: Vec<SphereShare>,
    figures: Vec<FigureFact>,
) -> DocumentInput {
    DocumentInput {
        id: id.to_string(),
        title: Some(title.to_string()),
        date: date.map(str::to_string),
        language: Some(language.to_string()),
        genre: genre.to_string(),
        path: Some(format!("news/{id}.html")),
        facts: Some(Facts {
            extractor: "test".to_string(),
            ties,
            spheres: sphere_shares,
            figures,
            depth: depth.to_string(),
            subject: subject.map(str::to_string),
            ..Facts::default()
        }),
    }
}

pub fn inputs() -> Vec<DocumentInput> {
    vec![
        document(
            "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90",
            "Калининградская и Гродненская области подписали соглашение",
            Some("2019-05-10"),
            "ru",
            "news",
            Some("RU-KGD"),
            "formal",
            vec![tie("BY-HR", "RU-KGD", &["agreement"], &["tourism", "trade"], (0, 80))],
            spheres(&[("tourism", (0, 80)), ("trade", (0, 80))]),
            vec![figure(120e6, "USD", "товарооборот", &["BY-HR", "RU-KGD"], Some(2018), (81, 160))],
        ),
        document(
            "b1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90",
            HOSTILE_TITLE,
            Some("2020-03-01"),
            "ru",
            "news",
            Some("RU-KGD"),
            "shallow",
            vec![tie("BY", "RU-KGD", &["visit"], &["tourism"], (10, 90))],
            spheres(&[("tourism", (10, 90))]),
            vec![figure(95e6, "USD", "товарооборот", &["BY-HR", "RU-KGD"], Some(2019), (91, 150))],
        ),
        document(
            "c1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90",
            "Стратегия социально-экономического развития Калининградской области",
            Some("2021"),
            "ru",
            "strategy",
            Some("RU-KGD"),
            "detailed",
            vec![tie("RU-KGD", "RU-TA", &["agreement"], &["education"], (200, 300))],
            spheres(&[("education", (200, 300))]),
            vec![],
        ),
        document(
            "d1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90",
            "Tatarstan, Sverdlovsk and Heilongjiang at the regional forum",
            Some("2020-09-15"),
            "en",
            "forum",
            Some("RU-TA"),
            "shallow",
            vec![
                tie("CN-HL", "RU-TA", &["forum"], &["industry"], (0, 120)),
                tie("RU-SVE", "RU-TA", &["forum"], &["industry"], (0, 120)),
                tie("CN-HL", "RU-SVE", &["forum"], &["industry"], (0, 120)),
            ],
            spheres(&[("industry", (0, 120))]),
            vec![],
        ),
        document(
            "e1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90",
            "Амурская область и провинция Хэйлунцзян",
            None,
            "ru",
            "news",
            Some("RU-AMU"),
            "formal",
            vec![tie("CN-HL", "RU-AMU", &["agreement", "trade"], &["trade", "agriculture"], (0, 100))],
            spheres(&[("trade", (0, 100)), ("agriculture", (0, 100))]),
            vec![figure(40.0, "count", "визитов", &["CN-HL", "RU-AMU"], None, (101, 180))],
        ),
        document(
            "f1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90",
            "Cross-border cooperation of Grodno and Heilongjiang",
            Some("2019-11-02"),
            "en",
            "research",
            None,
            "none",
            vec![tie("BY-HR", "CN-HL", &["joint_project"], &["culture"], (50, 140))],
            spheres(&[("culture", (50, 140))]),
            vec![],
        ),
        DocumentInput {
            id: "0000000000000000000000000000000000000000000000000000000000000000".to_string(),
            title: Some("Not extracted yet".to_string()),
            genre: "other".to_string(),
            ..DocumentInput::default()
        },
    ]
}

pub fn analysis(geography: &Geography, filter: Filter) -> Analysis {
    let mut analyzer = Analyzer::new(geography, filter);
    for input in inputs() {
        analyzer.add(input);
    }
    analyzer.finish()
}

/// A sentence for each needed evidence but the last (to show a missing one); the first
/// document's first sentence tries to inject markup.
pub fn passages(analysis: &Analysis, needed: &[Evidence]) -> HashMap<Evidence, String> {
    let mut passages = HashMap::new();
    for (index, evidence) in needed.iter().enumerate() {
        if index + 1 == needed.len() && needed.len() > 1 {
            break;
        }
        let document = &analysis.documents[evidence.document as usize];
        let sentence = if document.title.as_deref() == Some(HOSTILE_TITLE) && evidence.span.0 == 10 {
            HOSTILE_SENTENCE.to_string()
        } else {
            format!(
                "Предложение {}–{} документа «{}».",
                evidence.span.0,
                evidence.span.1,
                document.title.as_deref().unwrap_or("")
            )
        };
        passages.insert(*evidence, sentence);
    }
    passages
}

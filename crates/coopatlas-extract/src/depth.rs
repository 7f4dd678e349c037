//! Depth: how concretely a document describes cooperation (the 2015 paper's Figure 1 scale).

use std::ops::Range;

use coopatlas_codebook::Reading;

use crate::{FigureFact, Tie};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Depth {
    /// Cooperation is not discussed.
    None,
    /// Mentioned in passing or as an aspiration.
    Shallow,
    /// Agreements, trade or activity counts, without a named project.
    Formal,
    /// At least one named concrete project, a roadmap with named items, or a working body with a
    /// named task.
    Detailed,
}

impl Depth {
    pub fn as_str(self) -> &'static str {
        match self {
            Depth::None => "none",
            Depth::Shallow => "shallow",
            Depth::Formal => "formal",
            Depth::Detailed => "detailed",
        }
    }
}

/// Stems of words that make a cooperation sentence concrete when a quoted name stands beside
/// them: a named project, route, centre or plant.
const CONCRETE: &[&str] = &[
    "проект",
    "project",
    "программ",
    "programme",
    "program",
    "мост",
    "bridge",
    "центр",
    "centre",
    "center",
    "завод",
    "plant",
    "терминал",
    "terminal",
    "коридор",
    "corridor",
    "маршрут",
    "route",
    "площадк",
    "park",
    "парк",
    "кластер",
    "cluster",
    "дорожн",
    "roadmap",
];

pub(crate) fn grade(
    text: &str,
    sentences: &[Range<usize>],
    readings: &[Reading],
    cooperation: &[bool],
    ties: &[Tie],
    figures: &[FigureFact],
) -> Depth {
    if !cooperation.iter().any(|&cooperates| cooperates) {
        return Depth::None;
    }
    let named_project =
        sentences.iter().zip(cooperation).filter(|(_, cooperates)| **cooperates).any(|(sentence, _)| {
            let sentence = &text[sentence.clone()];
            let quoted = sentence.contains('«') || sentence.contains('“') || sentence.matches('"').count() >= 2;
            quoted && {
                let lower = sentence.to_lowercase();
                CONCRETE.iter().any(|word| lower.contains(word))
            }
        });
    let has_form = |form: &str| ties.iter().any(|tie| tie.forms.contains(&form));
    if named_project || has_form("joint_project") || (has_form("programme") && has_form("working_group")) {
        return Depth::Detailed;
    }
    let formal_forms = readings
        .iter()
        .any(|reading| reading.forms.iter().any(|cue| matches!(cue.key.as_str(), "agreement" | "trade")));
    if !ties.is_empty() || !figures.is_empty() || formal_forms {
        return Depth::Formal;
    }
    Depth::Shallow
}

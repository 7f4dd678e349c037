//! The bundled tables: they parse, cover every key in both languages, and the README describes
//! every key. Also the errors a broken table gives.

use std::collections::HashMap;

use coopatlas_codebook::{Codebook, CodebookError, Entry, Form, Language, Matching, Signal, Sphere, data};

use super::codebook;

/// The least number of cues each key needs per language; fewer means whole phrasings go unseen.
const CUES_PER_LANGUAGE: usize = 5;

fn count<K: Copy + Eq + std::hash::Hash>(entries: &[Entry<K>]) -> HashMap<(K, Language), usize> {
    let mut counts = HashMap::new();
    for entry in entries {
        if let Some(key) = entry.key {
            *counts.entry((key, entry.language)).or_default() += 1;
        }
    }
    counts
}

#[test]
fn bundled_tables_parse() {
    assert!(Codebook::from_tsv(data::SPHERES, data::FORMS, data::COOPERATION).is_ok());
    let bundled = Codebook::bundled();
    assert!(bundled.sphere_entries().len() > 300);
    assert!(!bundled.form_entries().is_empty());
    assert!(!bundled.cooperation_entries().is_empty());
}

#[test]
fn every_key_has_cues_in_both_languages() {
    let codebook = codebook();
    let spheres = count(codebook.sphere_entries());
    let forms = count(codebook.form_entries());
    let signals = count(codebook.cooperation_entries());
    for language in [Language::English, Language::Russian] {
        for sphere in Sphere::ALL {
            let cues = spheres.get(&(sphere, language)).copied().unwrap_or(0);
            assert!(cues >= CUES_PER_LANGUAGE, "{sphere} has {cues} cues in {}", language.as_str());
        }
        for form in Form::ALL {
            let cues = forms.get(&(form, language)).copied().unwrap_or(0);
            assert!(cues >= CUES_PER_LANGUAGE, "{form} has {cues} cues in {}", language.as_str());
        }
        for signal in Signal::ALL {
            let cues = signals.get(&(signal, language)).copied().unwrap_or(0);
            assert!(cues >= CUES_PER_LANGUAGE, "{} has {cues} cues in {}", signal.as_str(), language.as_str());
        }
    }
}

/// Lines of `entries` that are `none` or whole-word rows without a note.
fn unexplained<K>(entries: &[Entry<K>]) -> Vec<usize> {
    entries
        .iter()
        .filter(|entry| entry.key.is_none() || entry.matching == Matching::Word)
        .filter(|entry| entry.note.is_empty())
        .map(|entry| entry.line)
        .collect()
}

#[test]
fn special_rows_say_why() {
    // A `none` row or a whole-word row exists for a reason the next editor must see.
    let codebook = codebook();
    assert_eq!(unexplained(codebook.sphere_entries()), Vec::<usize>::new());
    assert_eq!(unexplained(codebook.form_entries()), Vec::<usize>::new());
    assert_eq!(unexplained(codebook.cooperation_entries()), Vec::<usize>::new());
}

#[test]
fn readme_describes_every_key() {
    let readme = include_str!("../../../../data/codebook/README.md");
    for key in Sphere::ALL.iter().map(|sphere| sphere.as_str()).chain(Form::ALL.iter().map(|form| form.as_str())) {
        assert!(readme.contains(&format!("### `{key}`")), "README.md lacks a section for {key}");
    }
}

#[test]
fn definitions_are_the_enums() {
    let codebook = codebook();
    for sphere in Sphere::ALL {
        assert_eq!(codebook.definition(sphere), sphere.definition());
    }
    assert!(codebook.definition(Sphere::Trade).contains("economic cooperation is not"));
}

const HEADER: &str = "key\tlang\tcue\tnote\n";

fn spheres_table(rows: &str) -> Result<Codebook, CodebookError> {
    Codebook::from_tsv(&format!("{HEADER}{rows}"), HEADER, HEADER)
}

#[test]
fn broken_tables_are_errors() {
    assert_eq!(Codebook::from_tsv("", HEADER, HEADER).err(), Some(CodebookError::Empty { table: "spheres" }));
    assert_eq!(
        Codebook::from_tsv(HEADER, "key\tlang\tcue\n", HEADER).err(),
        Some(CodebookError::MissingColumn { table: "forms", column: "note" })
    );
    let bad_line = |result: Result<Codebook, CodebookError>| match result {
        Err(CodebookError::BadRow { line, reason, .. }) => (line, reason),
        other => panic!("expected a bad row, got {other:?}"),
    };
    let (line, reason) = bad_line(spheres_table("economy\ten\teconomy\t\n"));
    assert_eq!(line, 2);
    assert!(reason.contains("unknown key"), "{reason}");
    let (_, reason) = bad_line(spheres_table("trade\tde\tHandel\t\n"));
    assert!(reason.contains("unknown language"), "{reason}");
    let (_, reason) = bad_line(spheres_table("trade\tru\ttrade\t\n"));
    assert!(reason.contains("not written in"), "{reason}");
    let (_, reason) = bad_line(spheres_table("trade\ten\t\t\n"));
    assert!(reason.contains("empty"), "{reason}");
    let (line, reason) = bad_line(spheres_table("# a comment\ntrade\ten\ttrade\t\nnone\ten\ttrades\t\n"));
    // Line numbers count the header and comments, as an editor does.
    assert_eq!(line, 4);
    assert!(reason.contains("same stems"), "{reason}");
    let (_, reason) =
        bad_line(Codebook::from_tsv(HEADER, HEADER, "key\tlang\tcue\tmatch\tnote\ncooperation\ten\tties\tfuzzy\t\n"));
    assert!(reason.contains("unknown match"), "{reason}");
}

#[test]
fn small_tables_load() {
    let codebook = Codebook::from_tsv(
        "key\tlang\tcue\tnote\ntourism\tru\tтуризм\t\ntourism\ten\ttourism\t\n",
        "key\tlang\tcue\tnote\nvisit\ten\tvisit\t\n",
        "key\tlang\tcue\tnote\ncooperation\tru\tсотрудничество\t\n",
    )
    .expect("a small table loads");
    let text = "Сотрудничество в сфере туризма и a visit.";
    assert_eq!(codebook.spheres(text).len(), 1);
    assert_eq!(codebook.forms(text)[0].key, Form::Visit);
    assert_eq!(&text[codebook.cooperation_cues(text)[0].clone()], "Сотрудничество");
}

/// The README's examples, by key: every quoted sentence of the "Examples" bullets under the
/// key's heading.
fn readme_examples() -> Vec<(String, String)> {
    let readme = include_str!("../../../../data/codebook/README.md");
    let mut examples = Vec::new();
    let mut key: Option<String> = None;
    let mut bullet: Option<String> = None;
    let mut flush = |key: &Option<String>, bullet: &mut Option<String>| {
        if let (Some(key), Some(text)) = (key, bullet.take()) {
            let quoted = text.split('"').skip(1).step_by(2);
            examples.extend(quoted.map(|sentence| (key.clone(), sentence.to_string())));
        }
    };
    for line in readme.lines() {
        if let Some(continuation) = line.strip_prefix("  ")
            && let Some(text) = bullet.as_mut()
        {
            text.push(' ');
            text.push_str(continuation.trim());
            continue;
        }
        flush(&key, &mut bullet);
        if let Some(heading) = line.strip_prefix("### `") {
            key = heading.strip_suffix('`').map(str::to_string);
        } else if line.starts_with("- Examples") {
            bullet = Some(line.to_string());
        } else if line.starts_with("## ") {
            key = None;
        }
    }
    flush(&key, &mut bullet);
    examples
}

#[test]
fn readme_examples_find_their_key() {
    let codebook = codebook();
    let examples = readme_examples();
    assert_eq!(examples.len(), (Sphere::ALL.len() + Form::ALL.len()) * 4);
    for (key, sentence) in examples {
        let found: Vec<&str> = match (Sphere::parse(&key), Form::parse(&key)) {
            (Some(_), _) => codebook.spheres(&sentence).iter().map(|cue| cue.key.as_str()).collect(),
            (None, Some(_)) => codebook.forms(&sentence).iter().map(|cue| cue.key.as_str()).collect(),
            (None, None) => panic!("README.md has a section for the unknown key {key}"),
        };
        assert!(found.contains(&key.as_str()), "{key}: {sentence} gives {found:?}");
    }
}

//! The facts of a stored document as `show` prints them: each with its evidence, quoted from the
//! text, so a reader can check it without opening anything else.

use coopatlas_document::Facts;
use coopatlas_extract::Extractor;

/// Longest quoted evidence, in characters; longer sentences are cut with an ellipsis.
const QUOTE_CHARS: usize = 200;

pub fn describe(extractor: &Extractor, text: &str, facts: &Facts) -> String {
    let gazetteer = extractor.gazetteer();
    let name = |id: &str| match gazetteer.index_of(id) {
        Some(index) => format!("{} ({id})", gazetteer.place(index).name_en),
        None => id.to_string(),
    };
    let quote = |(start, end): (usize, usize)| {
        let sentence = text.get(start..end).unwrap_or_default().trim();
        let mut quoted: String = sentence.chars().take(QUOTE_CHARS).collect();
        if quoted.len() < sentence.len() {
            quoted.push('…');
        }
        format!("\"{}\" [{start}..{end}]", quoted.replace(['\n', '\r'], " "))
    };
    let mut out = format!("depth:    {}\n", facts.depth);
    for place in &facts.places {
        out.push_str(&format!("place:    {} ×{}\n", name(&place.place), place.mentions.len()));
    }
    for organization in &facts.organizations {
        out.push_str(&format!("org:      {} ×{}\n", organization.organization, organization.mentions.len()));
    }
    if !facts.spheres.is_empty() {
        let shares: Vec<String> =
            facts.spheres.iter().map(|share| format!("{} {:.2}", share.sphere, share.share)).collect();
        out.push_str(&format!("spheres:  {}\n", shares.join(", ")));
    }
    for tie in &facts.ties {
        out.push_str(&format!(
            "tie:      {} – {} [{}] [{}]\n          {}\n",
            name(&tie.a),
            name(&tie.b),
            tie.forms.join(", "),
            tie.spheres.join(", "),
            quote(tie.evidence)
        ));
    }
    for figure in &facts.figures {
        let places: Vec<&str> = figure.places.iter().map(String::as_str).collect();
        out.push_str(&format!(
            "figure:   {}{} {}{}{}{}\n          {}\n",
            figure.qualifier.as_deref().map(|qualifier| format!("{qualifier} ")).unwrap_or_default(),
            figure.value,
            figure.unit,
            figure.what.as_deref().map(|what| format!(" \"{what}\"")).unwrap_or_default(),
            figure.year.map(|year| format!(" in {year}")).unwrap_or_default(),
            if places.is_empty() { String::new() } else { format!(" ({})", places.join(", ")) },
            quote(figure.evidence)
        ));
    }
    out.push_str(&format!("facts by: {}\n", facts.extractor));
    out
}

//! `report` and `export`: the filter from the command line, the atlas streamed through the
//! analyzer, and the results written out.

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Context, bail};
use coopatlas_analytics::filter::FilterText;
use coopatlas_analytics::labels::Lang;
use coopatlas_analytics::network::{self, Weight};
use coopatlas_analytics::{Analysis, Analyzer, Contest, DocumentInput, Filter, Geography};
use coopatlas_document::DocumentId;
use coopatlas_gazetteer::Gazetteer;
use coopatlas_store::Store;

use crate::args::FilterArgs;

pub fn lang(text: &str) -> anyhow::Result<Lang> {
    Lang::parse(text).with_context(|| format!("unknown language {text:?}: use ru or en"))
}

pub fn filter(args: &FilterArgs, gazetteer: &Gazetteer) -> anyhow::Result<Filter> {
    if let (Some(from), Some(to)) = (args.from, args.to)
        && from > to
    {
        bail!("--from {from} is after --to {to}");
    }
    let text = FilterText {
        districts: args.district.clone(),
        places: args.place.clone(),
        from: args.from,
        to: args.to,
        languages: args.language.clone(),
        genres: args.genre.clone(),
        spheres: args.sphere.clone(),
        forms: args.form.clone(),
        scope: args.scope.clone(),
    };
    Ok(text.parse(gazetteer)?)
}

pub fn contest(text: &str) -> anyhow::Result<Contest> {
    match text.trim() {
        "iso" => Ok(Contest::Iso),
        "claimed" => Ok(Contest::Claimed),
        other => bail!("unknown --contested {other:?}: use iso or claimed"),
    }
}

/// What every analysis of the atlas starts from: the rollups, the filter, and the version of the
/// extractor this build would run (to tell stale facts).
pub struct Prepared {
    pub geography: Geography,
    pub filter: Filter,
    pub extractor: String,
}

pub fn prepare(args: &FilterArgs) -> anyhow::Result<Prepared> {
    let gazetteer = crate::commands::gazetteer()?;
    let geography = Geography::new(&gazetteer, &coopatlas_gazetteer::contested(), contest(&args.contested)?);
    let filter = filter(args, &gazetteer)?;
    let extractor = coopatlas_extract::Extractor::new(gazetteer, coopatlas_codebook::Codebook::bundled()).version();
    Ok(Prepared { geography, filter, extractor })
}

/// Streams every document of the atlas through the analyzer, with the reviewers' decisions laid
/// over the machine's facts, and warns when facts come from another extractor (before an
/// upgrade, documents have no subject place and count in no district).
pub fn analyse(store: &dyn Store, atlas: &str, prepared: &Prepared) -> anyhow::Result<Analysis> {
    let mut analyzer = Analyzer::new(&prepared.geography, prepared.filter.clone());
    let mut stale = 0usize;
    store.scan_reviewed(None, coopatlas_store::Mentions::Without, &mut |scanned| {
        let summary = scanned.summary;
        stale += usize::from(scanned.facts.as_ref().is_some_and(|facts| facts.extractor != prepared.extractor));
        analyzer.add(DocumentInput {
            id: summary.id.to_string(),
            title: summary.title,
            date: summary.date,
            language: summary.language,
            genre: summary.genre.to_string(),
            path: summary.paths.into_iter().next(),
            facts: scanned.facts,
        });
        Ok(())
    })?;
    let analysis = analyzer.finish();
    if stale > 0 {
        eprintln!(
            "warning: the facts of {stale} of {} documents come from another extractor or other gazetteer \
             data; run `coopatlas reextract --atlas {}` to bring them up to date",
            analysis.counts.scanned, atlas
        );
    }
    if analysis.counts.unextracted > 0 {
        eprintln!(
            "warning: documents without facts, counted nowhere: {}; run `coopatlas reextract --atlas {}`",
            analysis.counts.unextracted, atlas
        );
    }
    Ok(analysis)
}

/// The sentences behind `evidence`, read from the store.
pub fn passages(
    store: &dyn Store,
    analysis: &Analysis,
    evidence: &[coopatlas_analytics::Evidence],
) -> anyhow::Result<HashMap<coopatlas_analytics::Evidence, String>> {
    let requests: Vec<(DocumentId, (usize, usize))> = evidence
        .iter()
        .map(|evidence| {
            let id = &analysis.documents[evidence.document as usize].id;
            Ok((DocumentId::parse(id).with_context(|| format!("bad document id {id}"))?, evidence.range()))
        })
        .collect::<anyhow::Result<_>>()?;
    let texts = store.passages(&requests)?;
    Ok(evidence
        .iter()
        .zip(texts)
        .filter_map(|(evidence, text)| text.map(|text| (*evidence, text.trim().to_string())))
        .collect())
}

pub fn weight(text: &str) -> anyhow::Result<Weight> {
    match text.trim() {
        "documents" => Ok(Weight::Documents),
        "agreements" => Ok(Weight::Agreements),
        other => bail!("unknown --weight {other:?}: use documents or agreements"),
    }
}

/// Writes `coopatlas export`'s output.
#[allow(clippy::too_many_arguments)]
pub fn export(
    analysis: &Analysis,
    geography: &Geography,
    format: &str,
    out: &Path,
    only: &[String],
    weight: Weight,
    lang: Lang,
    bom: bool,
) -> anyhow::Result<String> {
    let format: coopatlas_export::Format = format.parse().map_err(|error| anyhow::anyhow!("{error}"))?;
    let network = network::build(analysis, geography, weight, lang);
    if !format.holds_tables() {
        coopatlas_export::write_network(format, &network, out)?;
        return Ok(format!("{} places and {} partnerships", network.nodes.len(), network.edges.len()));
    }
    let mut tables = coopatlas_analytics::tables::all(analysis, geography, &network, lang);
    if !only.is_empty() {
        for name in only {
            if !tables.iter().any(|table| &table.name == name) {
                let known: Vec<&str> = tables.iter().map(|table| table.name.as_str()).collect();
                bail!("unknown table {name:?}; known: {}", known.join(", "));
            }
        }
        tables.retain(|table| only.contains(&table.name));
    }
    coopatlas_export::write_tables_with(format, &tables, out, &coopatlas_export::Options { csv_bom: bom })?;
    let rows: usize = tables.iter().map(|table| table.len()).sum();
    Ok(format!("{} tables, {rows} rows", tables.len()))
}

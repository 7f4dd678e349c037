//! A place's profile (country, region or city): where it lies, its partners, forms and spheres,
//! agreements, figures, a yearly timeline and its documents — the analysis filtered to the place.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::Response;
use axum_extra::extract::Query;
use coopatlas_analytics::labels::{self, Vocabulary};
use coopatlas_analytics::measures;
use coopatlas_analytics::{Filter, Lang};
use coopatlas_report::svg;
use maud::{Markup, PreEscaped, html};
use serde::Serialize;

use super::{documents_link, filter_form, int, named, place_link, place_name};
use crate::auth::Viewer;
use crate::error::AppError;
use crate::layout::{Section, page as frame};
use crate::params::FilterParams;
use crate::state::{Analyzed, Atlas};

/// One partner of the place.
#[derive(Debug, Clone, Serialize)]
pub struct Partner {
    pub id: String,
    pub name: String,
    pub scope: &'static str,
    pub documents: usize,
    pub agreements: usize,
    pub forms: BTreeMap<String, usize>,
    pub spheres: BTreeMap<String, usize>,
    pub first_year: Option<i32>,
    pub last_year: Option<i32>,
    /// The first sentence stating the tie: document id and byte range.
    pub evidence: Option<(String, (u32, u32))>,
}

/// The profile's numbers, for the page and the API.
#[derive(Debug, Clone, Serialize)]
pub struct Profile {
    pub id: String,
    pub name: String,
    pub kind: &'static str,
    pub country: Option<String>,
    pub region: Option<String>,
    pub federal_district: Option<String>,
    pub documents: usize,
    pub statements: usize,
    pub partners: Vec<Partner>,
    pub forms: BTreeMap<String, usize>,
    pub spheres: BTreeMap<String, usize>,
    pub series: Vec<measures::YearRow>,
    pub figures: Vec<measures::FigureGroup>,
}

/// The place's id as the gazetteer knows it (an id or a name), and the analysis filtered to it
/// (and to the rest of the filter).
pub async fn load(
    atlas: &Arc<Atlas>,
    id: &str,
    params: &FilterParams,
) -> Result<(String, Filter, Arc<Analyzed>), AppError> {
    let place = coopatlas_analytics::filter::resolve_place(atlas.gazetteer(), id)?;
    let mut filter = params.filter(atlas.gazetteer())?;
    filter.places = vec![place.clone()];
    let analyzed = atlas.analysis(&filter).await?;
    Ok((place, filter, analyzed))
}

pub fn profile(atlas: &Atlas, place: &str, analyzed: &Analyzed, lang: Lang) -> Profile {
    let analysis = &analyzed.analysis;
    let geography = &atlas.geography;
    let gazetteer = atlas.gazetteer();
    let entry = gazetteer.index_of(place).map(|index| gazetteer.place(index));
    let inside = |id: &str| geography.lies_in(id, place);
    // A partner may be tied to several places of this one (a country and its cities): one row,
    // documents counted once.
    let mut merged: BTreeMap<&str, (Partner, std::collections::BTreeSet<u32>)> = BTreeMap::new();
    for partnership in
        analysis.partnerships.iter().filter(|partnership| inside(&partnership.a) != inside(&partnership.b))
    {
        let other = if inside(&partnership.a) { &partnership.b } else { &partnership.a };
        let (partner, documents) = merged.entry(other.as_str()).or_insert_with(|| {
            (
                Partner {
                    id: other.clone(),
                    name: place_name(atlas, other, lang),
                    scope: partnership.scope.as_str(),
                    documents: 0,
                    agreements: 0,
                    forms: BTreeMap::new(),
                    spheres: BTreeMap::new(),
                    first_year: None,
                    last_year: None,
                    evidence: partnership.evidence.first().map(|evidence| {
                        (analysis.documents[evidence.document as usize].id.clone(), (evidence.span.0, evidence.span.1))
                    }),
                },
                std::collections::BTreeSet::new(),
            )
        });
        documents.extend(partnership.documents.iter().copied());
        partner.agreements += partnership.agreements();
        for (form, count) in &partnership.forms {
            *partner.forms.entry(form.clone()).or_default() += count;
        }
        for (sphere, count) in &partnership.spheres {
            *partner.spheres.entry(sphere.clone()).or_default() += count;
        }
        partner.first_year = [partner.first_year, partnership.first_year()].into_iter().flatten().min();
        partner.last_year = [partner.last_year, partnership.last_year()].into_iter().flatten().max();
    }
    let mut partners: Vec<Partner> = merged
        .into_values()
        .map(|(mut partner, documents)| {
            partner.documents = documents.len();
            // Agreements are counted per pair of places; one document may state two of them.
            partner.agreements = partner.agreements.min(partner.documents);
            partner
        })
        .collect();
    partners.sort_by(|a, b| b.documents.cmp(&a.documents).then_with(|| a.name.cmp(&b.name)));
    let mut forms: BTreeMap<String, usize> = BTreeMap::new();
    let mut spheres: BTreeMap<String, usize> = BTreeMap::new();
    for statement in &analysis.statements {
        for form in statement.forms.iter() {
            *forms.entry(form.to_string()).or_default() += 1;
        }
        for sphere in statement.spheres.iter() {
            *spheres.entry(sphere.to_string()).or_default() += 1;
        }
    }
    let area = geography.area(place);
    Profile {
        id: place.to_string(),
        name: place_name(atlas, place, lang),
        kind: entry.map_or("place", |entry| entry.kind.as_str()),
        country: area.map(|area| area.country.clone()).filter(|country| country != place),
        region: area.and_then(|area| area.region.clone()).filter(|region| region != place),
        federal_district: area.and_then(|area| area.federal_district.clone()),
        documents: analysis.documents.len(),
        statements: analysis.statements.len(),
        partners,
        forms,
        spheres,
        series: measures::series(analysis),
        figures: measures::figure_groups(analysis),
    }
}

pub async fn page(
    State(atlas): State<Arc<Atlas>>,
    viewer: Viewer,
    Path(id): Path<String>,
    Query(params): Query<FilterParams>,
) -> Result<Response, AppError> {
    let (place, filter, analyzed) = load(&atlas, &id, &params).await?;
    let lang = viewer.lang;
    let title = place_name(&atlas, &place, lang);
    let body = analyzed.derived(format!("place-page {place} {}", lang.code()), || {
        let profile = profile(&atlas, &place, &analyzed, lang);
        body(&atlas, &profile, &filter, &analyzed, lang).into_string()
    });
    Ok(frame(&viewer, Section::Other, &title, PreEscaped(body.as_str().to_string())))
}

fn counts(title: &str, counts: &BTreeMap<String, usize>, vocabulary: Vocabulary, lang: Lang) -> Markup {
    let mut rows: Vec<(&String, &usize)> = counts.iter().collect();
    rows.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    html! {
        table.data.compact {
            caption { (title) }
            tbody { @for (key, count) in rows { tr { td { (named(vocabulary, key, lang)) } td.num { (int(*count, lang)) } } } }
        }
    }
}

fn body(atlas: &Atlas, profile: &Profile, filter: &Filter, analyzed: &Analyzed, lang: Lang) -> Markup {
    let mut place_only = filter.clone();
    place_only.places.clear();
    let analysis = &analyzed.analysis;
    let dated: Vec<&measures::YearRow> = profile.series.iter().filter(|row| row.year.is_some()).collect();
    html! {
        h1 { (profile.name) }
        dl.meta {
            dt { (lang.pick("Код", "Id")) } dd { code { (profile.id) } }
            dt { (lang.pick("Тип", "Kind")) } dd { (match profile.kind {
                "country" => lang.pick("страна", "country"),
                "region" => lang.pick("регион", "region"),
                "city" => lang.pick("город", "city"),
                other => other,
            }) }
            @if let Some(country) = &profile.country { dt { (lang.pick("Страна", "Country")) } dd { (place_link(atlas, country, lang)) } }
            @if let Some(region) = &profile.region { dt { (lang.pick("Регион", "Region")) } dd { (place_link(atlas, region, lang)) } }
            @if let Some(district) = &profile.federal_district { dt { (lang.pick("Федеральный округ", "Federal district")) } dd { (named(labels::FEDERAL_DISTRICTS, district, lang)) } }
            dt { (lang.pick("Документы", "Documents")) } dd { a href=(documents_link(filter, &[])) { (int(profile.documents, lang)) } }
            dt { (lang.pick("Упоминания связей", "Tie statements")) } dd { (int(profile.statements, lang)) }
            dt { (lang.pick("Партнёры", "Partners")) } dd { (int(profile.partners.len(), lang)) }
        }
        (filter_form(&format!("/places/{}", profile.id), &place_only, lang, html! {}))
        section #partners {
            h2 { (lang.pick("Партнёры", "Partners")) }
            @if profile.partners.is_empty() { p.empty { (lang.pick("Связей не найдено.", "No ties found.")) } }
            @else {
                table.data.sortable {
                    thead { tr {
                        th { (lang.pick("Партнёр", "Partner")) }
                        th { (lang.pick("Охват", "Scope")) }
                        th.num { (lang.pick("Документы", "Documents")) }
                        th.num { (lang.pick("Соглашения", "Agreements")) }
                        th { (lang.pick("Годы", "Years")) }
                        th { (lang.pick("Формы", "Forms")) }
                        th { (lang.pick("Доказательство", "Evidence")) }
                    } }
                    tbody {
                        @for partner in &profile.partners {
                            tr {
                                td { a href=(format!("/places/{}", partner.id)) { (partner.name) } }
                                td { (named(labels::SCOPES, partner.scope, lang)) }
                                td.num { a href=(documents_link(filter, &[("place", partner.id.clone())])) { (int(partner.documents, lang)) } }
                                td.num { (int(partner.agreements, lang)) }
                                td { @match (partner.first_year, partner.last_year) {
                                    (Some(first), Some(last)) if first != last => { (first) "–" (last) }
                                    (Some(first), _) => { (first) }
                                    _ => { "—" }
                                } }
                                td { (partner.forms.keys().map(|key| named(labels::FORMS, key, lang)).collect::<Vec<_>>().join(", ")) }
                                td { @if let Some((document, (start, end))) = &partner.evidence {
                                    a href=(format!("/documents/{document}?hl={start}-{end}#hl")) { "¶" }
                                } }
                            }
                        }
                    }
                }
            }
        }
        section #forms.columns {
            (counts(lang.pick("Формы (упоминания связей)", "Forms (tie statements)"), &profile.forms, labels::FORMS, lang))
            (counts(lang.pick("Сферы (упоминания связей)", "Spheres (tie statements)"), &profile.spheres, labels::SPHERES, lang))
        }
        section #timeline {
            h2 { (lang.pick("По годам", "Timeline")) }
            @if dated.len() > 1 {
                (PreEscaped(svg::lines(
                    lang.pick("Документы и соглашения по годам", "Documents and agreements by year"),
                    &dated.iter().filter_map(|row| row.year).collect::<Vec<_>>(),
                    &[
                        svg::Line { name: lang.pick("документы", "documents").into(), values: dated.iter().map(|row| row.documents).collect() },
                        svg::Line { name: lang.pick("соглашения", "agreements").into(), values: dated.iter().map(|row| row.forms.get("agreement").copied().unwrap_or(0)).collect() },
                    ],
                    lang.pick("число", "count"),
                    lang.pick("год", "year"),
                    lang,
                )))
            }
            ul.timeline {
                @for row in dated.iter().rev() {
                    @let year = row.year.unwrap_or_default();
                    li { strong { (year) } ": "
                        a href=(documents_link(filter, &[("year", year.to_string())])) { (int(row.documents, lang)) " " (lang.pick("док.", "docs")) }
                        " · " (int(row.statements, lang)) " " (lang.pick("упом. связей", "tie statements"))
                        @if let Some(agreements) = row.forms.get("agreement") { " · " (int(*agreements, lang)) " " (lang.pick("соглаш.", "agreements")) }
                    }
                }
            }
        }
        section #figures {
            h2 { (lang.pick("Показатели", "Figures")) }
            @if profile.figures.is_empty() { p.empty { (lang.pick("Нет.", "None.")) } }
            @else {
                table.data {
                    thead { tr {
                        th { (lang.pick("Места", "Places")) } th { (lang.pick("Мера", "Measure")) } th { (lang.pick("Единица", "Unit")) }
                        th.num { (lang.pick("Число", "Count")) } th.num { (lang.pick("Последнее", "Latest")) } th { (lang.pick("Год", "Year")) } th {}
                    } }
                    tbody {
                        @for group in profile.figures.iter().take(30) {
                            @let evidence = &group.latest_evidence;
                            tr {
                                td { (group.places.iter().map(|id| place_name(atlas, id, lang)).collect::<Vec<_>>().join(" — ")) }
                                td { (group.measure) }
                                td { (named(labels::UNITS, &group.unit, lang)) }
                                td.num { (int(group.count, lang)) }
                                td.num { (coopatlas_report::format::value(group.latest, lang)) }
                                td { @if let Some(year) = group.latest_year { (year) } }
                                td { a href=(format!("/documents/{}?hl={}-{}#hl", analysis.documents[evidence.document as usize].id, evidence.span.0, evidence.span.1)) { "¶" } }
                            }
                        }
                    }
                }
            }
        }
        section #place-documents {
            h2 { (lang.pick("Документы", "Documents")) }
            ul.documents {
                @for document in analysis.documents.iter().rev().take(30) {
                    li { a href=(format!("/documents/{}", document.id)) { (document.title.as_deref().unwrap_or(&document.id)) }
                         @if let Some(date) = &document.date { " · " (date) } }
                }
            }
            @if analysis.documents.len() > 30 { p { a href=(documents_link(filter, &[])) { (lang.pick("все документы", "all documents")) " →" } } }
        }
    }
}

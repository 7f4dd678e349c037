//! Search and browse: full text with Russian and English inflection (the store's index of
//! stems), narrowed by the analytic filter and by facets of each document — its subject's
//! district and country, year, language, genre, spheres, forms and depth — with counts per facet
//! value over the current result. Without words it lists the documents, newest first: every
//! number elsewhere links here.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::State;
use axum::response::Response;
use axum_extra::extract::Query;
use coopatlas_analytics::labels::{self, Vocabulary};
use coopatlas_analytics::{Filter, Lang};
use coopatlas_document::DocumentId;
use coopatlas_store::SearchHit;
use maud::{Markup, html};
use serde::{Deserialize, Serialize};

use super::{filter_form, int, named, place_name};
use crate::auth::Viewer;
use crate::error::AppError;
use crate::layout::{Section, page as frame};
use crate::params::{FilterParams, filter_pairs, url};
use crate::state::{Atlas, Facets};

pub const PAGE_SIZE: usize = 20;

/// The search page's query: words, the page, the analytic filter and the facets.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SearchParams {
    pub q: Option<String>,
    pub page: Option<String>,
    /// The analytic filter.
    #[serde(flatten)]
    pub filter: FilterParams,
    // Facets of the document itself.
    #[serde(deserialize_with = "crate::params::one_or_many")]
    pub subject_district: Vec<String>,
    #[serde(deserialize_with = "crate::params::one_or_many")]
    pub country: Vec<String>,
    #[serde(deserialize_with = "crate::params::one_or_many")]
    pub has_sphere: Vec<String>,
    #[serde(deserialize_with = "crate::params::one_or_many")]
    pub depth: Vec<String>,
    #[serde(deserialize_with = "crate::params::one_or_many")]
    pub year: Vec<String>,
}

/// The facets chosen, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Chosen {
    pub subject_district: Vec<String>,
    pub country: Vec<String>,
    pub has_sphere: Vec<String>,
    pub depth: Vec<String>,
    /// Years; `None` stands for undated documents (`year=none`).
    pub year: Vec<Option<i32>>,
}

/// One result: the document and, when words were searched, the matching passage.
#[derive(Debug, Clone, Serialize)]
pub struct ResultRow {
    pub id: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub language: Option<String>,
    pub genre: String,
    pub subject: Option<String>,
    pub statements: usize,
    pub hit: Option<SearchHit>,
}

/// Counts per value of each facet over the current result.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FacetCounts {
    pub subject_district: BTreeMap<String, usize>,
    pub country: BTreeMap<String, usize>,
    pub year: BTreeMap<String, usize>,
    pub language: BTreeMap<String, usize>,
    pub genre: BTreeMap<String, usize>,
    pub has_sphere: BTreeMap<String, usize>,
    pub form: BTreeMap<String, usize>,
    pub depth: BTreeMap<String, usize>,
}

/// Everything the page and the API show.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResult {
    pub query: Option<String>,
    pub filter: Filter,
    pub facets: Chosen,
    pub total: usize,
    pub page: usize,
    pub page_size: usize,
    pub results: Vec<ResultRow>,
    pub counts: FacetCounts,
    /// Documents of the atlas that extraction has not run on: they have no facets, so search
    /// does not list them until `coopatlas reextract` has run.
    pub unextracted: usize,
}

/// Facet values, checked against `vocabulary`; "none" (documents without the facet) is a value
/// too.
fn keys(what: &'static str, values: &[String], vocabulary: Vocabulary) -> Result<Vec<String>, AppError> {
    let values: Vec<String> =
        values.iter().flat_map(|value| value.split(',')).map(|value| value.trim().to_string()).collect();
    let known: Vec<String> = values.iter().filter(|value| *value != "none").cloned().collect();
    coopatlas_analytics::filter::keys(what, &known, vocabulary)?;
    Ok(values.into_iter().filter(|value| !value.is_empty()).collect())
}

/// Runs a search: the shared work of the page and of `/api/search`.
pub async fn run(atlas: &Arc<Atlas>, params: &SearchParams) -> Result<SearchResult, AppError> {
    let filter = params.filter.filter(atlas.gazetteer())?;
    let chosen = Chosen {
        subject_district: keys("federal district", &params.subject_district, labels::FEDERAL_DISTRICTS)?,
        country: params
            .country
            .iter()
            .flat_map(|value| value.split(','))
            .map(|value| value.trim().to_ascii_uppercase())
            .filter(|value| !value.is_empty())
            .collect(),
        has_sphere: keys("sphere", &params.has_sphere, labels::SPHERES)?,
        depth: keys("depth", &params.depth, labels::DEPTHS)?,
        year: params
            .year
            .iter()
            .flat_map(|value| value.split(','))
            .map(str::trim)
            .filter(|value| !value.is_empty())
            .map(|value| match value {
                "none" => Ok(None),
                _ => value.parse().map(Some).map_err(|_| {
                    AppError::bad_request("bad_year", format!("year must be a number or none, not {value:?}"))
                }),
            })
            .collect::<Result<_, _>>()?,
    };
    let page = match params.page.as_deref().map(str::trim).filter(|text| !text.is_empty()) {
        None => 1,
        Some(text) => text.parse::<usize>().ok().filter(|page| (1..=100_000).contains(page)).ok_or_else(|| {
            AppError::bad_request("bad_page", format!("page must be a positive number, not {text:?}"))
        })?,
    };
    let query = params.q.as_deref().map(str::trim).filter(|text| !text.is_empty()).map(str::to_string);
    let analyzed = atlas.analysis(&filter).await?;
    let facets = analyzed.facets(&atlas.geography);
    let matches = match &query {
        Some(text) => Some(atlas.search_matches(text, analyzed.version).await?),
        None => None,
    };
    // The selection and its facet counts, once per query and facets of this analysis: paging and
    // the next visitor with the same search reuse them.
    let key = format!("search {query:?} {chosen:?}");
    let found = analyzed.derived(key, || {
        // Candidate rows of the analysis, best first, with their scores.
        let candidates: Vec<(u32, f64)> = match &matches {
            Some(matches) => {
                matches.iter().filter_map(|(id, score)| Some((*facets.index.get(id.as_str())?, *score))).collect()
            }
            None => facets.newest_first.iter().map(|row| (*row, 0.0)).collect(),
        };
        let wanted = Wanted::new(facets, &chosen);
        let selected: Vec<(u32, f64)> =
            candidates.into_iter().filter(|(row, _)| wanted.admits(facets, *row as usize)).collect();
        let rows: Vec<u32> = selected.iter().map(|(row, _)| *row).collect();
        let counts = count(facets, &rows);
        (selected, counts)
    });
    let (selected, counts) = (&found.0, found.1.clone());
    let total = selected.len();
    let start = (page - 1) * PAGE_SIZE;
    let shown: Vec<(u32, f64)> = selected.iter().skip(start).take(PAGE_SIZE).copied().collect();
    let mut hits: BTreeMap<String, SearchHit> = BTreeMap::new();
    if let Some(text) = &query {
        let ids: Vec<(DocumentId, f64)> = shown
            .iter()
            .filter_map(|(row, score)| {
                Some((DocumentId::parse(&analyzed.analysis.documents[*row as usize].id)?, *score))
            })
            .collect();
        // Snippets read and stem whole texts: kept per query and page like the selection.
        let key = format!("hits {text:?} {ids:?}");
        let found: Arc<Vec<SearchHit>> = match analyzed.derived_get(&key) {
            Some(found) => found,
            None => {
                let text = text.clone();
                let found = atlas.with_store(move |store| Ok(store.hits(&text, &ids)?)).await?;
                analyzed.derived_put(key, found)
            }
        };
        hits = found.iter().map(|hit| (hit.document.id.to_string(), hit.clone())).collect();
    }
    let results = shown
        .iter()
        .map(|(row, _)| {
            let document = &analyzed.analysis.documents[*row as usize];
            ResultRow {
                id: document.id.clone(),
                title: document.title.clone(),
                date: document.date.clone(),
                language: document.language.clone(),
                genre: document.genre.clone(),
                subject: document.subject.clone(),
                statements: document.statements,
                hit: hits.remove(&document.id),
            }
        })
        .collect();
    let unextracted = analyzed.analysis.counts.unextracted;
    Ok(SearchResult { query, filter, facets: chosen, total, page, page_size: PAGE_SIZE, results, counts, unextracted })
}

/// The chosen facets as codes of the facet columns.
struct Wanted {
    district: Option<Vec<u32>>,
    country: Option<Vec<u32>>,
    year: Option<Vec<u32>>,
    depth: Option<Vec<u32>>,
    spheres: Vec<String>,
}

impl Wanted {
    fn new(facets: &Facets, chosen: &Chosen) -> Wanted {
        let codes = |column: &crate::state::Column, values: &[String]| {
            (!values.is_empty()).then(|| column.codes_of(values.iter().map(String::as_str)))
        };
        let years: Vec<String> =
            chosen.year.iter().map(|year| year.map_or_else(|| "none".to_string(), |year| year.to_string())).collect();
        Wanted {
            district: codes(&facets.district, &chosen.subject_district),
            country: codes(&facets.country, &chosen.country),
            year: codes(&facets.year, &years),
            depth: codes(&facets.depth, &chosen.depth),
            spheres: chosen.has_sphere.clone(),
        }
    }

    fn admits(&self, facets: &Facets, row: usize) -> bool {
        let within = |wanted: &Option<Vec<u32>>, column: &crate::state::Column| {
            wanted.as_ref().is_none_or(|codes| codes.contains(&column.codes[row]))
        };
        within(&self.district, &facets.district)
            && within(&self.country, &facets.country)
            && within(&self.year, &facets.year)
            && within(&self.depth, &facets.depth)
            && (self.spheres.is_empty() || self.spheres.iter().any(|sphere| facets.spheres[row].contains(sphere)))
    }
}

fn count(facets: &Facets, rows: &[u32]) -> FacetCounts {
    let columns = [&facets.district, &facets.country, &facets.year, &facets.language, &facets.genre, &facets.depth];
    let mut tallies: Vec<Vec<usize>> = columns.iter().map(|column| vec![0; column.names.len()]).collect();
    let mut spheres: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut forms: BTreeMap<&'static str, usize> = BTreeMap::new();
    for row in rows.iter().map(|row| *row as usize) {
        for (tally, column) in tallies.iter_mut().zip(columns) {
            tally[column.codes[row] as usize] += 1;
        }
        for sphere in facets.spheres[row].iter() {
            *spheres.entry(sphere).or_default() += 1;
        }
        for form in facets.forms[row].iter() {
            *forms.entry(form).or_default() += 1;
        }
    }
    let named = |index: usize, keep_none: bool| -> BTreeMap<String, usize> {
        columns[index]
            .names
            .iter()
            .zip(&tallies[index])
            .filter(|(name, count)| **count > 0 && (keep_none || name.as_str() != "none"))
            .map(|(name, count)| (name.clone(), *count))
            .collect()
    };
    let owned =
        |map: BTreeMap<&'static str, usize>| map.into_iter().map(|(key, count)| (key.to_string(), count)).collect();
    FacetCounts {
        subject_district: named(0, true),
        country: named(1, false),
        year: named(2, true),
        language: named(3, true),
        genre: named(4, true),
        depth: named(5, true),
        has_sphere: owned(spheres),
        form: owned(forms),
    }
}

pub async fn page(
    State(atlas): State<Arc<Atlas>>,
    viewer: Viewer,
    Query(params): Query<SearchParams>,
) -> Result<Response, AppError> {
    let result = run(&atlas, &params).await?;
    let lang = viewer.lang;
    let title = match &result.query {
        Some(query) => format!("{} — {}", lang.pick("Поиск", "Search"), query),
        None => lang.pick("Документы", "Documents").to_string(),
    };
    Ok(frame(&viewer, Section::Search, &title, body(&atlas, &result, lang)))
}

/// The page's query pairs, so facet links add to or remove from it.
fn pairs(result: &SearchResult) -> Vec<(&'static str, String)> {
    let mut pairs = Vec::new();
    if let Some(query) = &result.query {
        pairs.push(("q", query.clone()));
    }
    pairs.extend(filter_pairs(&result.filter));
    let chosen = &result.facets;
    pairs.extend(chosen.subject_district.iter().map(|value| ("subject_district", value.clone())));
    pairs.extend(chosen.country.iter().map(|value| ("country", value.clone())));
    pairs.extend(chosen.has_sphere.iter().map(|value| ("has_sphere", value.clone())));
    pairs.extend(chosen.depth.iter().map(|value| ("depth", value.clone())));
    pairs.extend(
        chosen.year.iter().map(|value| ("year", value.map_or_else(|| "none".to_string(), |year| year.to_string()))),
    );
    pairs
}

/// The link that switches one facet value on or off.
fn toggle(result: &SearchResult, key: &'static str, value: &str) -> (String, bool) {
    let mut pairs = pairs(result);
    let before = pairs.len();
    pairs.retain(|(k, v)| !(*k == key && v == value));
    let on = pairs.len() != before;
    if !on {
        pairs.push((key, value.to_string()));
    }
    (url("/search", &pairs), on)
}

fn facet_group(
    result: &SearchResult,
    title: &str,
    key: &'static str,
    counts: &BTreeMap<String, usize>,
    name: impl Fn(&str) -> String,
    lang: Lang,
    limit: usize,
) -> Markup {
    let mut entries: Vec<(&String, &usize)> = counts.iter().collect();
    if key != "year" {
        entries.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    } else {
        entries.reverse();
    }
    html! {
        @if !entries.is_empty() {
            details.facet open {
                summary { (title) }
                ul {
                    @for (value, count) in entries.into_iter().take(limit) {
                        @let (href, on) = toggle(result, key, value);
                        // "none" of a filter key (language, genre, form) is not something the filter can choose.
                        @let linkable = value != "none" || matches!(key, "year" | "subject_district");
                        li.on[on] {
                            @if linkable { a href=(href) { (name(value)) } } @else { (name(value)) }
                            " " span.count { (int(*count, lang)) }
                        }
                    }
                }
            }
        }
    }
}

fn body(atlas: &Atlas, result: &SearchResult, lang: Lang) -> Markup {
    let none = lang.pick("нет", "none");
    let vocabulary_name = |vocabulary: Vocabulary| {
        move |key: &str| if key == "none" { none.to_string() } else { named(vocabulary, key, lang) }
    };
    let pages = result.total.div_ceil(result.page_size).max(1);
    let page_link = |page: usize| {
        let mut pairs = pairs(result);
        pairs.push(("page", page.to_string()));
        url("/search", &pairs)
    };
    html! {
        h1 { (lang.pick("Поиск по документам", "Search the documents")) }
        form.search method="get" action="/search" {
            input type="search" name="q" value=[result.query.as_deref()] placeholder=(lang.pick("слова или \"фраза\"", "words or \"a phrase\"")) autofocus;
            @for (key, value) in pairs(result).into_iter().filter(|(key, _)| *key != "q") {
                input type="hidden" name=(key) value=(value);
            }
            button type="submit" { (lang.pick("Найти", "Search")) }
        }
        details.filter-box { summary { (lang.pick("Фильтр", "Filter")) }
            (filter_form("/search", &result.filter, lang, html! {
                @if let Some(query) = &result.query { input type="hidden" name="q" value=(query); }
            }))
        }
        div.search-layout {
            aside.facets {
                (facet_group(result, lang.pick("Округ субъекта", "Subject's district"), "subject_district", &result.counts.subject_district, vocabulary_name(labels::FEDERAL_DISTRICTS), lang, 12))
                (facet_group(result, lang.pick("Страна субъекта", "Subject's country"), "country", &result.counts.country, |id| place_name(atlas, id, lang), lang, 12))
                (facet_group(result, lang.pick("Год", "Year"), "year", &result.counts.year, |year| if year == "none" { none.to_string() } else { year.to_string() }, lang, 40))
                (facet_group(result, lang.pick("Сфера", "Sphere"), "has_sphere", &result.counts.has_sphere, vocabulary_name(labels::SPHERES), lang, 20))
                (facet_group(result, lang.pick("Форма", "Form"), "form", &result.counts.form, vocabulary_name(labels::FORMS), lang, 20))
                (facet_group(result, lang.pick("Язык", "Language"), "language", &result.counts.language, vocabulary_name(labels::LANGUAGES), lang, 5))
                (facet_group(result, lang.pick("Жанр", "Genre"), "genre", &result.counts.genre, vocabulary_name(labels::GENRES), lang, 10))
                (facet_group(result, lang.pick("Глубина", "Depth"), "depth", &result.counts.depth, vocabulary_name(labels::DEPTHS), lang, 5))
            }
            section.results {
                p.total { (lang.pick("Найдено документов: ", "Documents found: ")) strong { (int(result.total, lang)) } }
                @if result.unextracted > 0 {
                    p.warning { (lang.pick("Не показаны документы без извлечённых фактов: ", "Not listed: documents without extracted facts: "))
                        (int(result.unextracted, lang)) (lang.pick(" (запустите coopatlas reextract).", " (run coopatlas reextract).")) }
                }
                ol.results start=((result.page - 1) * result.page_size + 1) {
                    @for row in &result.results {
                        li {
                            a.title href=(format!("/documents/{}", row.id)) { (row.title.as_deref().unwrap_or(&row.id[..12])) }
                            div.meta {
                                @if let Some(date) = &row.date { (date) " · " }
                                @if let Some(subject) = &row.subject { (place_name(atlas, subject, lang)) " · " }
                                (named(labels::GENRES, &row.genre, lang))
                                @if let Some(language) = &row.language { " · " (named(labels::LANGUAGES, language, lang)) }
                                " · " (lang.pick("связей: ", "ties: ")) (int(row.statements, lang))
                            }
                            @if let Some(hit) = &row.hit {
                                p.snippet { (highlighted(&hit.snippet, &hit.highlights)) }
                            }
                        }
                    }
                }
                @if pages > 1 {
                    nav.pages {
                        @if result.page > 1 { a rel="prev" href=(page_link(result.page - 1)) { "← " (lang.pick("назад", "previous")) } }
                        span { (result.page) " / " (pages) }
                        @if result.page < pages { a rel="next" href=(page_link(result.page + 1)) { (lang.pick("дальше", "next")) " →" } }
                    }
                }
            }
        }
    }
}

/// A snippet with its matched words in `<mark>`; the ranges are byte ranges of the snippet.
pub fn highlighted(snippet: &str, highlights: &[(usize, usize)]) -> Markup {
    let mut pieces: Vec<(bool, &str)> = Vec::new();
    let mut at = 0;
    for &(start, end) in highlights {
        if start < at || end > snippet.len() || !snippet.is_char_boundary(start) || !snippet.is_char_boundary(end) {
            continue;
        }
        pieces.push((false, &snippet[at..start]));
        pieces.push((true, &snippet[start..end]));
        at = end;
    }
    pieces.push((false, &snippet[at..]));
    html! { @for (marked, piece) in pieces { @if marked { mark { (piece) } } @else { (piece) } } }
}

//! The registry: every partnership (pair of places) under the filter, with documents,
//! agreements, years, forms and spheres, sortable and paged, and downloadable whole as CSV or
//! XLSX — the same `partnerships` table `coopatlas export` writes.

use std::sync::Arc;

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::Query;
use coopatlas_analytics::labels;
use coopatlas_analytics::{Filter, Lang};
use coopatlas_export::Format;
use maud::{Markup, html};
use serde::{Deserialize, Serialize};

use super::{filter_form, int, named, place_link};
use crate::auth::Viewer;
use crate::error::AppError;
use crate::layout::{Section, page as frame};
use crate::params::{FilterParams, filter_pairs, url};
use crate::state::{Analyzed, Atlas};

pub const PAGE_SIZE: usize = 50;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RegistryParams {
    /// The analytic filter.
    #[serde(flatten)]
    pub filter: FilterParams,
    /// `documents` (default), `agreements`, `first`, `last`, `a` or `b`.
    pub sort: Option<String>,
    /// `desc` (default for counts and years) or `asc`.
    pub order: Option<String>,
    pub page: Option<String>,
    /// `csv` or `xlsx`: the whole registry as a file instead of the page.
    pub format: Option<String>,
}

/// The sorts the registry knows.
const SORTS: [&str; 6] = ["documents", "agreements", "first", "last", "a", "b"];

/// One partnership as the page and the API show it.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub a: String,
    pub b: String,
    pub scope: &'static str,
    pub documents: usize,
    pub agreements: usize,
    pub first_year: Option<i32>,
    pub last_year: Option<i32>,
    pub forms: std::collections::BTreeMap<String, usize>,
    pub spheres: std::collections::BTreeMap<String, usize>,
    /// The first sentence stating it: document id, byte range.
    pub evidence: Option<(String, (u32, u32))>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Registry {
    pub filter: Filter,
    pub sort: &'static str,
    pub descending: bool,
    pub total: usize,
    pub page: usize,
    pub page_size: usize,
    pub rows: Vec<Row>,
}

pub struct Request {
    pub filter: Filter,
    pub sort: &'static str,
    pub descending: bool,
    pub page: usize,
    pub format: Option<Format>,
}

impl RegistryParams {
    pub fn request(&self, atlas: &Atlas) -> Result<Request, AppError> {
        let filter = self.filter.filter(atlas.gazetteer())?;
        let sort = match self.sort.as_deref().map(str::trim).unwrap_or("") {
            "" => "documents",
            text => SORTS.into_iter().find(|sort| *sort == text).ok_or_else(|| {
                AppError::bad_request("unknown_sort", format!("unknown sort {text:?}; known: {}", SORTS.join(", ")))
            })?,
        };
        let descending = match self.order.as_deref().map(str::trim).unwrap_or("") {
            "" => !matches!(sort, "a" | "b"),
            "desc" => true,
            "asc" => false,
            other => {
                return Err(AppError::bad_request("unknown_order", format!("order is asc or desc, not {other:?}")));
            }
        };
        let page = match self.page.as_deref().map(str::trim).unwrap_or("") {
            "" => 1,
            text => text.parse::<usize>().ok().filter(|page| *page >= 1).ok_or_else(|| {
                AppError::bad_request("bad_page", format!("page must be a positive number, not {text:?}"))
            })?,
        };
        let format = match self.format.as_deref().map(str::trim).unwrap_or("") {
            "" => None,
            "csv" => Some(Format::Csv),
            "xlsx" => Some(Format::Xlsx),
            other => {
                return Err(AppError::bad_request("unknown_format", format!("format is csv or xlsx, not {other:?}")));
            }
        };
        Ok(Request { filter, sort, descending, page, format })
    }
}

pub fn registry(atlas: &Atlas, analyzed: &Analyzed, request: &Request, lang: Lang) -> Registry {
    let analysis = &analyzed.analysis;
    let name = |id: &str| atlas.geography.name(id, lang).to_lowercase();
    let mut order: Vec<usize> = (0..analysis.partnerships.len()).collect();
    let partnerships = &analysis.partnerships;
    order.sort_by(|x, y| {
        let (p, q) = (&partnerships[*x], &partnerships[*y]);
        let primary = match request.sort {
            "agreements" => p.agreements().cmp(&q.agreements()),
            "first" => p.first_year().cmp(&q.first_year()),
            "last" => p.last_year().cmp(&q.last_year()),
            "a" => name(&p.a).cmp(&name(&q.a)),
            "b" => name(&p.b).cmp(&name(&q.b)),
            _ => p.documents.len().cmp(&q.documents.len()),
        };
        let primary = if request.descending { primary.reverse() } else { primary };
        primary.then_with(|| (&p.a, &p.b).cmp(&(&q.a, &q.b)))
    });
    let total = order.len();
    let rows = order
        .into_iter()
        .skip((request.page - 1) * PAGE_SIZE)
        .take(PAGE_SIZE)
        .map(|index| {
            let partnership = &partnerships[index];
            Row {
                a: partnership.a.clone(),
                b: partnership.b.clone(),
                scope: partnership.scope.as_str(),
                documents: partnership.documents.len(),
                agreements: partnership.agreements(),
                first_year: partnership.first_year(),
                last_year: partnership.last_year(),
                forms: partnership.forms.clone(),
                spheres: partnership.spheres.clone(),
                evidence: partnership.evidence.first().map(|evidence| {
                    (analysis.documents[evidence.document as usize].id.clone(), (evidence.span.0, evidence.span.1))
                }),
            }
        })
        .collect();
    Registry {
        filter: request.filter.clone(),
        sort: request.sort,
        descending: request.descending,
        total,
        page: request.page,
        page_size: PAGE_SIZE,
        rows,
    }
}

/// The whole registry as a CSV or XLSX file, written by the export crate.
pub fn download(atlas: &Atlas, analyzed: &Analyzed, format: Format, lang: Lang) -> Result<Response, AppError> {
    let table = coopatlas_analytics::tables::partnerships(&analyzed.analysis, &atlas.geography, lang);
    let directory = tempfile::tempdir().map_err(|error| AppError::internal(error.to_string()))?;
    let (path, content_type, name) = match format {
        Format::Xlsx => (
            directory.path().join("registry.xlsx"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "registry.xlsx",
        ),
        _ => (directory.path().join("registry"), "text/csv; charset=utf-8", "registry.csv"),
    };
    coopatlas_export::write_tables_with(
        format,
        &[table],
        &path,
        &coopatlas_export::Options { csv_bom: format == Format::Csv },
    )
    .map_err(|error| AppError::internal(error.to_string()))?;
    // CSV goes to a folder with one file per table.
    let file = if format == Format::Csv { path.join("partnerships.csv") } else { path };
    let bytes = std::fs::read(&file).map_err(|error| AppError::internal(format!("{}: {error}", file.display())))?;
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
        ],
        bytes,
    )
        .into_response())
}

pub async fn page(
    State(atlas): State<Arc<Atlas>>,
    viewer: Viewer,
    Query(params): Query<RegistryParams>,
) -> Result<Response, AppError> {
    let request = params.request(&atlas)?;
    let analyzed = atlas.analysis(&request.filter).await?;
    let lang = viewer.lang;
    if let Some(format) = request.format {
        let worker = atlas.clone();
        return tokio::task::spawn_blocking(move || download(&worker, &analyzed, format, lang))
            .await
            .map_err(|error| AppError::internal(error.to_string()))?;
    }
    let registry = registry(&atlas, &analyzed, &request, lang);
    Ok(frame(
        &viewer,
        Section::Registry,
        lang.pick("Реестр партнёрств", "Registry of partnerships"),
        body(&atlas, &registry, lang),
    ))
}

fn body(atlas: &Atlas, registry: &Registry, lang: Lang) -> Markup {
    let link = |pairs: Vec<(&'static str, String)>| {
        let mut all = filter_pairs(&registry.filter);
        all.extend(pairs);
        url("/registry", &all)
    };
    let sort_link = |sort: &'static str| {
        let descending = if registry.sort == sort { !registry.descending } else { !matches!(sort, "a" | "b") };
        link(vec![("sort", sort.to_string()), ("order", if descending { "desc" } else { "asc" }.to_string())])
    };
    let current = vec![
        ("sort", registry.sort.to_string()),
        ("order", if registry.descending { "desc" } else { "asc" }.to_string()),
    ];
    let pages = registry.total.div_ceil(registry.page_size).max(1);
    let arrow = |sort: &str| if registry.sort == sort { if registry.descending { " ▼" } else { " ▲" } } else { "" };
    html! {
        h1 { (lang.pick("Реестр партнёрств и соглашений", "Registry of partnerships and agreements")) }
        (filter_form("/registry", &registry.filter, lang, html! {}))
        p {
            (lang.pick("Пар: ", "Pairs: ")) strong { (int(registry.total, lang)) } " · "
            a.download href=(link(vec![("format", "csv".into())])) download { "CSV" } " · "
            a.download href=(link(vec![("format", "xlsx".into())])) download { "XLSX" }
        }
        table.data #registry {
            thead { tr {
                th { a href=(sort_link("a")) { (lang.pick("Сторона A", "Party A")) (arrow("a")) } }
                th { a href=(sort_link("b")) { (lang.pick("Сторона B", "Party B")) (arrow("b")) } }
                th { (lang.pick("Охват", "Scope")) }
                th.num { a href=(sort_link("documents")) { (lang.pick("Документы", "Documents")) (arrow("documents")) } }
                th.num { a href=(sort_link("agreements")) { (lang.pick("Соглашения", "Agreements")) (arrow("agreements")) } }
                th.num { a href=(sort_link("first")) { (lang.pick("С", "First")) (arrow("first")) } }
                th.num { a href=(sort_link("last")) { (lang.pick("По", "Last")) (arrow("last")) } }
                th { (lang.pick("Формы", "Forms")) }
                th { (lang.pick("Сферы", "Spheres")) }
                th {}
            } }
            tbody {
                @for row in &registry.rows {
                    tr {
                        td { (place_link(atlas, &row.a, lang)) }
                        td { (place_link(atlas, &row.b, lang)) }
                        td { (named(labels::SCOPES, row.scope, lang)) }
                        td.num { a href=(super::documents_link(&registry.filter, &[("place", row.a.clone()), ("place", row.b.clone())])) { (int(row.documents, lang)) } }
                        td.num { (int(row.agreements, lang)) }
                        td.num { @if let Some(year) = row.first_year { (year) } }
                        td.num { @if let Some(year) = row.last_year { (year) } }
                        td { (row.forms.keys().map(|key| named(labels::FORMS, key, lang)).collect::<Vec<_>>().join(", ")) }
                        td { small { (row.spheres.keys().map(|key| named(labels::SPHERES, key, lang)).collect::<Vec<_>>().join(", ")) } }
                        td { @if let Some((document, (start, end))) = &row.evidence { a.evidence-link href=(format!("/documents/{document}?hl={start}-{end}#hl")) title=(lang.pick("первое предложение", "first sentence")) { "¶" } } }
                    }
                }
            }
        }
        @if pages > 1 {
            nav.pages {
                @if registry.page > 1 { a rel="prev" href=(link([current.clone(), vec![("page", (registry.page - 1).to_string())]].concat())) { "← " (lang.pick("назад", "previous")) } }
                span { (registry.page) " / " (pages) }
                @if registry.page < pages { a rel="next" href=(link([current.clone(), vec![("page", (registry.page + 1).to_string())]].concat())) { (lang.pick("дальше", "next")) " →" } }
            }
        }
    }
}

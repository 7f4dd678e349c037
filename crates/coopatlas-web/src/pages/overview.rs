//! The overview: counts, the district × sphere and district × depth tables with their charts,
//! the places with most partners, and the yearly series — each number linked to its documents.

use std::sync::Arc;

use axum::extract::State;
use axum::response::Response;
use axum_extra::extract::Query;
use coopatlas_analytics::labels::{self, Vocabulary};
use coopatlas_analytics::measures::{self, GroupTable};
use coopatlas_analytics::tables::group_name;
use coopatlas_analytics::{Filter, Lang};
use coopatlas_report::svg;
use maud::{Markup, PreEscaped, html};

use super::{documents_link, filter_form, int, percent, place_link};
use crate::auth::Viewer;
use crate::error::AppError;
use crate::layout::{Section, page as frame};
use crate::params::FilterParams;
use crate::state::{Analyzed, Atlas};

pub async fn page(
    State(atlas): State<Arc<Atlas>>,
    viewer: Viewer,
    Query(params): Query<FilterParams>,
) -> Result<Response, AppError> {
    let filter = params.filter(atlas.gazetteer())?;
    let analyzed = atlas.analysis(&filter).await?;
    let lang = viewer.lang;
    let body = body(&atlas, &analyzed, &filter, lang);
    Ok(frame(&viewer, Section::Overview, lang.pick("Обзор атласа", "Atlas overview"), body))
}

fn body(atlas: &Atlas, analyzed: &Analyzed, filter: &Filter, lang: Lang) -> Markup {
    let parts = analyzed.overview(&atlas.geography);
    let (overview, spheres, depths, places, series) =
        (&parts.counts, &parts.spheres, &parts.depths, &parts.places, &parts.series);
    html! {
        h1 { (lang.pick("Обзор атласа", "Atlas overview")) }
        (filter_form("/", filter, lang, html! {}))
        section #counts {
            dl.counts {
                div { dt { (lang.pick("Документы", "Documents")) } dd { a href=(documents_link(filter, &[])) { (int(overview.documents, lang)) } } }
                div { dt { (lang.pick("Пары партнёров", "Partner pairs")) } dd { a href=(crate::params::url("/registry", &crate::params::filter_pairs(filter))) { (int(overview.partnerships, lang)) } } }
                div { dt { (lang.pick("Упоминания связей", "Tie statements")) } dd { (int(overview.statements, lang)) } }
                div { dt { (lang.pick("Места со связями", "Places with ties")) } dd { (int(overview.places, lang)) } }
                div { dt { (lang.pick("Международные пары", "International pairs")) } dd { (int(overview.international_partnerships, lang)) } }
                div { dt { (lang.pick("Межрегиональные пары", "Interregional pairs")) } dd { (int(overview.interregional_partnerships, lang)) } }
                div { dt { (lang.pick("Показатели", "Figures")) } dd { (int(overview.figures, lang)) } }
            }
        }
        section #districts {
            h2 { (lang.pick("Сферы сотрудничества по федеральным округам", "Spheres of cooperation by federal district")) }
            p.note { (lang.pick(
                "Доля документов округа, в предложениях о сотрудничестве которых названа сфера; число — ссылка на эти документы.",
                "Share of the district's documents whose cooperation sentences name the sphere; each number links to those documents."
            )) }
            (group_table(atlas, spheres, labels::SPHERES, "has_sphere", filter, lang))
            (PreEscaped(svg::heat_map(
                lang.pick("Доля документов со сферой, %", "Share of documents with the sphere, %"),
                &row_names(atlas, spheres, lang),
                &spheres.columns.iter().map(|key| labels::name(labels::SPHERES, key, lang).to_string()).collect::<Vec<_>>(),
                &spheres.rows.iter().map(|row| (0..spheres.columns.len()).map(|column| row.share(column)).collect()).collect::<Vec<_>>(),
                lang,
            )))
        }
        section #depth {
            h2 { (lang.pick("Глубина проработки по федеральным округам", "Depth of cooperation by federal district")) }
            (group_table(atlas, depths, labels::DEPTHS, "depth", filter, lang))
            (PreEscaped(svg::stacked(
                lang.pick("Глубина, % документов округа", "Depth, % of the district's documents"),
                &depths.rows.iter().zip(row_names(atlas, depths, lang)).map(|(row, name)| (name, row.cells.iter().map(Vec::len).collect())).collect::<Vec<_>>(),
                &depths.columns.iter().zip(["#d9d9d9", "#9ecae1", "#4292c6", "#08306b"]).map(|(key, colour)| (labels::name(labels::DEPTHS, key, lang).to_string(), colour)).collect::<Vec<_>>(),
                lang,
            )))
        }
        section #partners {
            h2 { (lang.pick("Места с наибольшим числом партнёров", "Places with most partners")) }
            table.data {
                thead { tr {
                    th { (lang.pick("Место", "Place")) }
                    th.num { (lang.pick("Партнёры", "Partners")) }
                    th.num { (lang.pick("зарубежные", "abroad")) }
                    th.num { (lang.pick("в стране", "at home")) }
                    th.num { (lang.pick("с соглашениями", "with agreements")) }
                    th.num { (lang.pick("Документы", "Documents")) }
                } }
                tbody {
                    @for row in places.iter().take(20) {
                        tr {
                            td { (place_link(atlas, &row.id, lang)) }
                            td.num { (int(row.partners, lang)) }
                            td.num { (int(row.international_partners, lang)) }
                            td.num { (int(row.interregional_partners, lang)) }
                            td.num { (int(row.agreement_partners, lang)) }
                            td.num { a href=(documents_link(filter, &[("place", row.id.clone())])) { (int(row.documents, lang)) } }
                        }
                    }
                }
            }
        }
        section #series {
            h2 { (lang.pick("По годам", "By year")) }
            @let dated: Vec<&measures::YearRow> = series.iter().filter(|row| row.year.is_some()).collect();
            @if dated.len() > 1 {
                (PreEscaped(svg::lines(
                    lang.pick("Документы и упоминания связей по годам", "Documents and tie statements by year"),
                    &dated.iter().filter_map(|row| row.year).collect::<Vec<_>>(),
                    &[
                        svg::Line { name: lang.pick("документы", "documents").into(), values: dated.iter().map(|row| row.documents).collect() },
                        svg::Line { name: lang.pick("упоминания связей", "tie statements").into(), values: dated.iter().map(|row| row.statements).collect() },
                        svg::Line { name: lang.pick("новые пары", "new pairs").into(), values: dated.iter().map(|row| row.new_partnerships).collect() },
                    ],
                    lang.pick("число", "count"),
                    lang.pick("год", "year"),
                    lang,
                )))
            }
            table.data {
                thead { tr {
                    th { (lang.pick("Год", "Year")) }
                    th.num { (lang.pick("Документы", "Documents")) }
                    th.num { (lang.pick("Упоминания связей", "Tie statements")) }
                    th.num { (lang.pick("Соглашения", "Agreements")) }
                    th.num { (lang.pick("Новые пары", "New pairs")) }
                } }
                tbody {
                    @for row in series {
                        tr {
                            td { @match row.year { Some(year) => (year), None => (lang.pick("без даты", "undated")) } }
                            td.num {
                                @match row.year {
                                    Some(year) => a href=(documents_link(filter, &[("year", year.to_string())])) { (int(row.documents, lang)) },
                                    None => (int(row.documents, lang)),
                                }
                            }
                            td.num { (int(row.statements, lang)) }
                            td.num { (int(row.forms.get("agreement").copied().unwrap_or(0), lang)) }
                            td.num { (int(row.new_partnerships, lang)) }
                        }
                    }
                }
            }
        }
    }
}

fn row_names(atlas: &Atlas, table: &GroupTable, lang: Lang) -> Vec<String> {
    table.rows.iter().map(|row| group_name(table.grouping, row.key.as_deref(), &atlas.geography, lang)).collect()
}

/// A group table as HTML: share and count per cell, the count linked to the documents.
fn group_table(
    atlas: &Atlas,
    table: &GroupTable,
    vocabulary: Vocabulary,
    facet: &'static str,
    filter: &Filter,
    lang: Lang,
) -> Markup {
    let names = row_names(atlas, table, lang);
    html! {
        div.scroll { table.data.groups {
            thead { tr {
                th { (lang.pick("Округ", "District")) }
                th.num { (lang.pick("Документы", "Documents")) }
                @for key in &table.columns { th.num.vertical { span { (labels::name(vocabulary, key, lang)) } } }
            } }
            tbody {
                @for (row, name) in table.rows.iter().zip(&names) {
                    @let district = row.key.clone().unwrap_or_else(|| "none".into());
                    tr {
                        th { (name) }
                        td.num { a href=(documents_link(filter, &[("subject_district", district.clone())])) { (int(row.documents.len(), lang)) } }
                        @for (column, key) in table.columns.iter().enumerate() {
                            td.num.cell {
                                @match row.share(column) {
                                    Some(share) if !row.cells[column].is_empty() => {
                                        span.share { (percent(share, lang)) }
                                        br;
                                        a href=(documents_link(filter, &[("subject_district", district.clone()), (facet, key.clone())])) { (int(row.cells[column].len(), lang)) }
                                    }
                                    Some(_) => span.zero { "0" },
                                    None => span.zero { "—" },
                                }
                            }
                        }
                    }
                }
            }
        } }
    }
}

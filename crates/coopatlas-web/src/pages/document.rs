//! One document: its text with places, tie sentences and figures marked and linked, its
//! metadata and sources, and what extraction found — with the reviewers' decisions next to each
//! item and, for editors, the forms to accept, correct or reject it, or to add a tie.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::Query;
use coopatlas_analytics::Lang;
use coopatlas_analytics::labels::{self};
use coopatlas_document::facts::{Facts, Span};
use coopatlas_document::review::{Decision, Item, ItemKey, PlaceItem, Verdict};
use coopatlas_store::StoredDocument;
use maud::{Markup, html};
use serde::Deserialize;

use super::{int, named, place_link, place_name};
use crate::auth::Viewer;
use crate::error::AppError;
use crate::layout::{Section, page as frame};
use crate::state::Atlas;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DocumentParams {
    /// A byte range to show as the evidence followed here: `start-end`.
    pub hl: Option<String>,
}

/// A document with its decisions, for the page and the API.
pub struct Loaded {
    pub document: StoredDocument,
    pub decisions: Vec<(i64, Decision)>,
}

pub async fn load(atlas: &Arc<Atlas>, id: String) -> Result<Loaded, AppError> {
    atlas
        .with_store(move |store| {
            let document = store.document(&id)?;
            let decisions = store.decisions(Some(&document.summary.id))?;
            Ok(Loaded { document, decisions })
        })
        .await
}

fn parse_range(text: Option<&str>, length: usize) -> Result<Option<Span>, AppError> {
    let Some(text) = text.map(str::trim).filter(|text| !text.is_empty()) else { return Ok(None) };
    let bad = || AppError::bad_request("bad_range", format!("hl must be START-END byte offsets, not {text:?}"));
    let (start, end) = text.split_once('-').ok_or_else(bad)?;
    let (start, end): (usize, usize) = (start.parse().map_err(|_| bad())?, end.parse().map_err(|_| bad())?);
    if start > end || end > length {
        return Err(bad());
    }
    Ok(Some((start, end)))
}

pub async fn page(
    State(atlas): State<Arc<Atlas>>,
    viewer: Viewer,
    Path(id): Path<String>,
    Query(params): Query<DocumentParams>,
) -> Result<Response, AppError> {
    let loaded = load(&atlas, id).await?;
    let focus = parse_range(params.hl.as_deref(), loaded.document.text.len())?;
    let lang = viewer.lang;
    let title = loaded.document.summary.title.clone().unwrap_or_else(|| loaded.document.summary.id.short().to_string());
    let body = body(&atlas, &viewer, &loaded, focus);
    let _ = lang;
    Ok(frame(&viewer, Section::Search, &title, body))
}

/// The original file, when it is still at one of its recorded paths with the same content
/// (its BLAKE3 hash is the document's id): nothing else on the disk can be fetched this way.
pub async fn original(
    State(atlas): State<Arc<Atlas>>,
    _viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let loaded = load(&atlas, id).await?;
    let summary = loaded.document.summary;
    let found = tokio::task::spawn_blocking(move || {
        summary.paths.iter().find_map(|path| {
            let bytes = std::fs::read(path).ok()?;
            (coopatlas_document::DocumentId::of(&bytes) == summary.id).then(|| (path.clone(), bytes))
        })
    })
    .await
    .map_err(|error| AppError::internal(error.to_string()))?;
    let Some((path, bytes)) = found else {
        return Err(AppError::not_found("the original file is no longer at its recorded path, or has changed"));
    };
    let name: String = path
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or("document")
        .chars()
        .map(|character| if character.is_ascii_alphanumeric() || ".-_".contains(character) { character } else { '_' })
        .collect();
    Ok((
        [
            (header::CONTENT_TYPE, "application/octet-stream".to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
        ],
        bytes,
    )
        .into_response())
}

/// What marks a stretch of the text.
#[derive(Debug, Clone)]
enum Mark {
    Place(String),
    Figure,
    Evidence,
    Focus,
}

/// The text cut at every start and end of a mark, each piece with the marks over it.
fn pieces(text: &str, marks: &[(Span, Mark)]) -> Vec<(Span, Vec<usize>)> {
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for ((start, end), _) in marks {
        cuts.push(*start);
        cuts.push(*end);
    }
    cuts.retain(|cut| *cut <= text.len() && text.is_char_boundary(*cut));
    cuts.sort_unstable();
    cuts.dedup();
    // Marks sorted by start; a sweep keeps those open over each piece.
    let mut order: Vec<usize> = (0..marks.len()).collect();
    order.sort_by_key(|index| marks[*index].0);
    let mut next = 0;
    let mut open: Vec<usize> = Vec::new();
    let mut out = Vec::with_capacity(cuts.len());
    for window in cuts.windows(2) {
        let (start, end) = (window[0], window[1]);
        while next < order.len() && marks[order[next]].0.0 <= start {
            open.push(order[next]);
            next += 1;
        }
        open.retain(|index| marks[*index].0.1 > start);
        out.push(((start, end), open.clone()));
    }
    out
}

fn marked_text(atlas: &Atlas, document: &StoredDocument, focus: Option<Span>, lang: Lang) -> Markup {
    let text = &document.text;
    let mut marks: Vec<(Span, Mark)> = Vec::new();
    if let Some(facts) = &document.facts {
        for place in &facts.places {
            marks.extend(place.mentions.iter().map(|span| (*span, Mark::Place(place.place.clone()))));
        }
        marks.extend(facts.figures.iter().map(|figure| (figure.span, Mark::Figure)));
        marks.extend(facts.ties.iter().map(|tie| (tie.evidence, Mark::Evidence)));
    }
    if let Some(span) = focus {
        marks.push((span, Mark::Focus));
    }
    marks.retain(|((start, end), _)| start < end && *end <= text.len());
    let mut anchored = std::collections::HashSet::new();
    html! {
        div.text lang=[document.summary.language.as_deref()] {
            @for ((start, end), open) in pieces(text, &marks) {
                @let piece = &text[start..end];
                @let evidence = open.iter().find(|index| matches!(marks[**index].1, Mark::Evidence)).map(|index| marks[*index].0);
                @let focused = open.iter().any(|index| matches!(marks[*index].1, Mark::Focus));
                @let place = open.iter().rev().find_map(|index| match &marks[*index].1 { Mark::Place(id) => Some(id.clone()), _ => None });
                @let figure = open.iter().any(|index| matches!(marks[*index].1, Mark::Figure));
                @let anchor = evidence.filter(|span| span.0 == start && anchored.insert(*span)).map(|(s, e)| format!("e{s}-{e}"));
                @let focus_anchor = (focused && focus.is_some_and(|span| span.0 == start)).then_some("hl");
                span.evidence[evidence.is_some()].focus[focused] id=[focus_anchor.or(anchor.as_deref())] {
                    @match (&place, figure) {
                        (Some(id), _) => { a.place href=(format!("/places/{id}")) title=(place_name(atlas, id, lang)) { @if figure { mark.figure { (piece) } } @else { (piece) } } },
                        (None, true) => { mark.figure { (piece) } },
                        (None, false) => { (piece) },
                    }
                }
            }
        }
    }
}

/// The latest decision on a machine item, if any.
fn decision_on<'a>(decisions: &'a [(i64, Decision)], key: &ItemKey) -> Option<&'a Decision> {
    decisions
        .iter()
        .rev()
        .map(|(_, decision)| decision)
        .find(|decision| decision.machine.as_ref().is_some_and(|item| item.key() == *key))
}

fn verdict_badge(decision: Option<&Decision>, lang: Lang) -> Markup {
    html! {
        @match decision {
            None => span.badge.unreviewed { (lang.pick("не проверено", "not reviewed")) },
            Some(decision) => span.badge.(decision.verdict.as_str()) title=(format!("{} · {}", decision.reviewer, decision.at)) {
                (match decision.verdict {
                    Verdict::Accept => lang.pick("подтверждено", "accepted"),
                    Verdict::Correct => lang.pick("исправлено", "corrected"),
                    Verdict::Reject => lang.pick("отклонено", "rejected"),
                    Verdict::Add => lang.pick("добавлено", "added"),
                })
                " · " (decision.reviewer)
            },
        }
    }
}

/// The review cell of machine item `index` of `kind`: its latest decision and, for editors, the
/// accept and reject buttons and the correction form with `fields` (the item's own values).
fn review_cell(
    viewer: &Viewer,
    id: &str,
    kind: &str,
    index: usize,
    decision: Option<&Decision>,
    fields: Markup,
) -> Markup {
    let lang = viewer.lang;
    html! {
        (verdict_badge(decision, lang))
        @if viewer.may_edit() {
            (quick_review(viewer, id, kind, index))
            details.correct { summary { (lang.pick("исправить", "correct")) }
                form.review method="post" action=(format!("/documents/{id}/review")) {
                    input type="hidden" name="csrf" value=(viewer.csrf());
                    input type="hidden" name="kind" value=(kind);
                    input type="hidden" name="index" value=(index);
                    input type="hidden" name="verdict" value="correct";
                    (fields)
                    label { (lang.pick("заметка", "note")) " " input type="text" name="note"; }
                    button type="submit" { (lang.pick("сохранить", "save")) }
                }
            }
        }
    }
}

/// Accept and reject buttons for machine item `index` of `kind`.
fn quick_review(viewer: &Viewer, id: &str, kind: &str, index: usize) -> Markup {
    let lang = viewer.lang;
    html! {
        form.inline.review method="post" action=(format!("/documents/{id}/review")) {
            input type="hidden" name="csrf" value=(viewer.csrf());
            input type="hidden" name="kind" value=(kind);
            input type="hidden" name="index" value=(index);
            button type="submit" name="verdict" value="accept" { (lang.pick("верно", "accept")) }
            button type="submit" name="verdict" value="reject" { (lang.pick("неверно", "reject")) }
        }
    }
}

fn list(items: &[String], vocabulary: labels::Vocabulary, lang: Lang) -> String {
    items.iter().map(|key| named(vocabulary, key, lang)).collect::<Vec<_>>().join(", ")
}

fn body(atlas: &Atlas, viewer: &Viewer, loaded: &Loaded, focus: Option<Span>) -> Markup {
    let lang = viewer.lang;
    let document = &loaded.document;
    let summary = &document.summary;
    let id = summary.id.as_str();
    let empty = Facts::default();
    let facts = document.facts.as_ref().unwrap_or(&empty);
    let editor = viewer.may_edit();
    let added: Vec<&(i64, Decision)> =
        loaded.decisions.iter().filter(|(_, decision)| decision.verdict == Verdict::Add).collect();
    let quote = |span: Span| document.text.get(span.0..span.1).unwrap_or("").to_string();
    html! {
        h1 { (summary.title.as_deref().unwrap_or(summary.id.short())) }
        dl.meta {
            dt { "id" } dd { code { (id) } }
            @if let Some(date) = &summary.date { dt { (lang.pick("Дата", "Date")) } dd { (date) } }
            dt { (lang.pick("Жанр", "Genre")) } dd { (named(labels::GENRES, summary.genre, lang)) }
            @if let Some(language) = &summary.language { dt { (lang.pick("Язык", "Language")) } dd { (named(labels::LANGUAGES, language, lang)) } }
            dt { (lang.pick("Формат", "Format")) } dd { (summary.format) ", " (int(summary.size as usize, lang)) " " (lang.pick("байт", "bytes")) }
            dt { (lang.pick("Источник", "Source")) } dd {
                @for path in &summary.paths { div { code { (path) } } }
                a href=(format!("/documents/{id}/original")) { (lang.pick("исходный файл", "original file")) }
            }
            @if let Some(subject) = &facts.subject { dt { (lang.pick("Субъект", "Subject")) } dd { (place_link(atlas, subject, lang)) } }
            @if document.facts.is_some() { dt { (lang.pick("Глубина", "Depth")) } dd { (named(labels::DEPTHS, &facts.depth, lang)) } }
        }
        @if document.facts.is_none() {
            p.warning { (lang.pick("Извлечение ещё не запускалось для этого документа.", "Extraction has not run on this document yet.")) }
        }
        div.document-layout {
            section.document-text {
                h2 { (lang.pick("Текст", "Text")) }
                p.legend {
                    span.evidence { (lang.pick("предложение о связи", "tie sentence")) } " "
                    a.place href="#" { (lang.pick("место", "place")) } " "
                    mark.figure { (lang.pick("показатель", "figure")) }
                }
                (marked_text(atlas, document, focus, lang))
            }
            section.facts {
                h2 #ties { (lang.pick("Связи", "Ties")) " (" (facts.ties.len()) ")" }
                table.data.facts-table {
                    thead { tr { th { (lang.pick("Стороны", "Parties")) } th { (lang.pick("Формы и сферы", "Forms and spheres")) } th { (lang.pick("Проверка", "Review")) } } }
                    tbody {
                        @for (index, tie) in facts.ties.iter().enumerate() {
                            @let item = Item::Tie(tie.clone());
                            tr id=(format!("tie-{index}")) {
                                td { (place_link(atlas, &tie.a, lang)) " — " (place_link(atlas, &tie.b, lang))
                                     br; a.evidence-link href=(format!("#e{}-{}", tie.evidence.0, tie.evidence.1)) { "¶ " (lang.pick("предложение", "sentence")) } }
                                td { (list(&tie.forms, labels::FORMS, lang)) @if !tie.spheres.is_empty() { br; small { (list(&tie.spheres, labels::SPHERES, lang)) } } }
                                td { (review_cell(viewer, id, "tie", index, decision_on(&loaded.decisions, &item.key()), html! {
                                        label { "A " input type="text" name="a" value=(tie.a) required; }
                                        label { "B " input type="text" name="b" value=(tie.b) required; }
                                        label { (lang.pick("формы", "forms")) " " input type="text" name="forms" value=(tie.forms.join(",")); }
                                        label { (lang.pick("сферы", "spheres")) " " input type="text" name="spheres" value=(tie.spheres.join(",")); }
                                    })) }
                            }
                        }
                        @for (decision_id, decision) in &added {
                            @if let Some(Item::Tie(tie)) = &decision.human {
                                tr.added id=(format!("added-{decision_id}")) {
                                    td { (place_link(atlas, &tie.a, lang)) " — " (place_link(atlas, &tie.b, lang))
                                         br; q { (quote(tie.evidence)) } }
                                    td { (list(&tie.forms, labels::FORMS, lang)) }
                                    td { (verdict_badge(Some(decision), lang)) }
                                }
                            }
                        }
                    }
                }
                @if editor {
                    details.add-tie { summary { (lang.pick("Добавить связь", "Add a tie")) }
                        form.review method="post" action=(format!("/documents/{id}/review")) {
                            input type="hidden" name="csrf" value=(viewer.csrf());
                            input type="hidden" name="kind" value="tie";
                            input type="hidden" name="verdict" value="add";
                            label { "A " input type="text" name="a" required placeholder=(lang.pick("код или название", "id or name")); }
                            label { "B " input type="text" name="b" required placeholder=(lang.pick("код или название", "id or name")); }
                            label { (lang.pick("формы", "forms")) " " input type="text" name="forms" placeholder="agreement,visit"; }
                            label { (lang.pick("сферы", "spheres")) " " input type="text" name="spheres" placeholder="education"; }
                            label.wide { (lang.pick("предложение из текста", "the sentence from the text")) " " textarea name="sentence" rows="2" required {} }
                            label { (lang.pick("заметка", "note")) " " input type="text" name="note"; }
                            button type="submit" { (lang.pick("добавить", "add")) }
                        }
                    }
                }
                h2 #figures { (lang.pick("Показатели", "Figures")) " (" (facts.figures.len()) ")" }
                table.data.facts-table {
                    tbody {
                        @for (index, figure) in facts.figures.iter().enumerate() {
                            @let item = Item::Figure(figure.clone());
                            tr id=(format!("figure-{index}")) {
                                td { (coopatlas_report::format::value(figure.value, lang)) " " (named(labels::UNITS, &figure.unit, lang))
                                     @if let Some(what) = &figure.what { " · " (what) }
                                     @if let Some(year) = figure.year { " · " (year) }
                                     br; a.evidence-link href=(format!("?hl={}-{}#hl", figure.span.0, figure.span.1)) { "¶ " (quote(figure.span)) } }
                                td { (review_cell(viewer, id, "figure", index, decision_on(&loaded.decisions, &item.key()), html! {
                                        label { (lang.pick("значение", "value")) " " input type="text" name="value" value=(figure.value) required; }
                                        label { (lang.pick("единица", "unit")) " " input type="text" name="unit" value=(figure.unit) required; }
                                    })) }
                            }
                        }
                    }
                }
                @let mentions = place_mentions(facts);
                h2 #places { (lang.pick("Упоминания мест", "Place mentions")) " (" (mentions.len()) ")" }
                table.data.facts-table {
                    tbody {
                        @for (index, (place, span)) in mentions.into_iter().enumerate() {
                            @let item = Item::Place(PlaceItem { place: place.clone(), span });
                            tr id=(format!("place-{index}")) {
                                td { (place_link(atlas, &place, lang)) " " code { (place) } br;
                                     a.evidence-link href=(format!("?hl={}-{}#hl", span.0, span.1)) { "«" (quote(span)) "»" } }
                                td { (review_cell(viewer, id, "place", index, decision_on(&loaded.decisions, &item.key()), html! {
                                        label { (lang.pick("место", "place")) " " input type="text" name="place" value=(place) required; }
                                    })) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Every place mention of the facts, in text order: the items a reviewer judges one by one.
pub fn place_mentions(facts: &Facts) -> Vec<(String, Span)> {
    let mut mentions: Vec<(String, Span)> =
        facts.places.iter().flat_map(|place| place.mentions.iter().map(|span| (place.place.clone(), *span))).collect();
    mentions.sort_by_key(|(place, span)| (*span, place.clone()));
    mentions
}

//! Review: an editor accepts, corrects or rejects what extraction found, or adds a tie with the
//! sentence that states it; the review page shows how often the machine was right, per kind of
//! item, and the latest decisions. Decisions are kept apart from the machine's facts (with who
//! and when), so extracting again never overwrites them; analyses lay them over the facts.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use coopatlas_analytics::filter::resolve_place;
use coopatlas_analytics::labels::{self, Vocabulary};
use coopatlas_document::facts::TieFact;
use coopatlas_document::review::{self, Decision, Item, ItemKind, PlaceItem, Verdict};
use coopatlas_store::Role;
use maud::html;
use serde::Deserialize;

use super::{int, percent, place_name};
use crate::auth::Viewer;
use crate::error::AppError;
use crate::layout::{Section, page as frame};
use crate::state::Atlas;

/// A review form as posted (the same fields serve every kind and verdict).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ReviewForm {
    pub csrf: Option<String>,
    pub kind: String,
    pub verdict: String,
    /// The machine item's position among the document's items of its kind.
    pub index: Option<String>,
    pub a: Option<String>,
    pub b: Option<String>,
    pub forms: Option<String>,
    pub spheres: Option<String>,
    /// The sentence of an added tie, copied from the text.
    pub sentence: Option<String>,
    pub value: Option<String>,
    pub unit: Option<String>,
    pub place: Option<String>,
    pub note: Option<String>,
}

fn invalid(message: impl Into<String>) -> AppError {
    AppError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", message)
}

/// Comma-separated keys of a form field, checked against `vocabulary`.
fn keys(what: &'static str, text: Option<&str>, vocabulary: Vocabulary) -> Result<Vec<String>, AppError> {
    let values: Vec<String> = text.unwrap_or("").split(',').map(str::to_string).collect();
    coopatlas_analytics::filter::keys(what, &values, vocabulary).map_err(|error| invalid(error.to_string()))
}

fn place(atlas: &Atlas, text: Option<&str>) -> Result<String, AppError> {
    let text = text.map(str::trim).filter(|text| !text.is_empty()).ok_or_else(|| invalid("a place is missing"))?;
    resolve_place(atlas.gazetteer(), text).map_err(|error| invalid(error.to_string()))
}

/// The decision a form describes, checked against the document: the machine item must exist,
/// places must be known, keys must be in the codebook, an added tie's sentence must be in the text.
pub fn decision(
    atlas: &Atlas,
    document: &coopatlas_store::StoredDocument,
    form: &ReviewForm,
    reviewer: &str,
) -> Result<Decision, AppError> {
    let verdict: Verdict = form.verdict.parse().map_err(|_| invalid(format!("unknown verdict {:?}", form.verdict)))?;
    let kind: ItemKind = form.kind.parse().map_err(|_| invalid(format!("unknown kind {:?}", form.kind)))?;
    let empty = coopatlas_document::Facts::default();
    let facts = document.facts.as_ref().unwrap_or(&empty);
    let machine = if verdict == Verdict::Add {
        None
    } else {
        let index: usize = form
            .index
            .as_deref()
            .and_then(|index| index.trim().parse().ok())
            .ok_or_else(|| invalid("which item: index is missing or not a number"))?;
        let missing = || AppError::not_found(format!("the document has no {} number {index}", kind.as_str()));
        Some(match kind {
            ItemKind::Tie => Item::Tie(facts.ties.get(index).cloned().ok_or_else(missing)?),
            ItemKind::Figure => Item::Figure(facts.figures.get(index).cloned().ok_or_else(missing)?),
            ItemKind::Place => {
                let (place, span) = super::document::place_mentions(facts).get(index).cloned().ok_or_else(missing)?;
                Item::Place(PlaceItem { place, span })
            }
        })
    };
    let human = match (verdict, &machine) {
        (Verdict::Accept | Verdict::Reject, _) => None,
        (Verdict::Correct, Some(Item::Tie(tie))) => Some(Item::Tie(TieFact {
            a: place(atlas, form.a.as_deref())?,
            b: place(atlas, form.b.as_deref())?,
            forms: keys("form", form.forms.as_deref(), labels::FORMS)?,
            spheres: keys("sphere", form.spheres.as_deref(), labels::SPHERES)?,
            ..tie.clone()
        })),
        (Verdict::Correct, Some(Item::Figure(figure))) => {
            let value: f64 = form
                .value
                .as_deref()
                .map(|value| value.trim().replace(',', ".").replace([' ', '\u{a0}'], ""))
                .and_then(|value| value.parse().ok())
                .filter(|value: &f64| value.is_finite())
                .ok_or_else(|| invalid("the value must be a number"))?;
            let unit = form.unit.as_deref().map(str::trim).filter(|unit| !unit.is_empty()).unwrap_or(&figure.unit);
            keys("unit", Some(unit), labels::UNITS)?;
            Some(Item::Figure(coopatlas_document::facts::FigureFact {
                value,
                unit: unit.to_string(),
                ..figure.clone()
            }))
        }
        (Verdict::Correct, Some(Item::Place(mention))) => {
            Some(Item::Place(PlaceItem { place: place(atlas, form.place.as_deref())?, span: mention.span }))
        }
        (Verdict::Add, _) => {
            if kind != ItemKind::Tie {
                return Err(invalid("only ties can be added by hand"));
            }
            let sentence = form.sentence.as_deref().map(str::trim).filter(|text| !text.is_empty());
            let sentence = sentence.ok_or_else(|| invalid("give the sentence that states the tie"))?;
            let start = document
                .text
                .find(sentence)
                .ok_or_else(|| invalid("the sentence is not in the document's text; copy it exactly"))?;
            let (a, b) = (place(atlas, form.a.as_deref())?, place(atlas, form.b.as_deref())?);
            if a == b {
                return Err(invalid("a tie needs two different places"));
            }
            Some(Item::Tie(TieFact {
                a,
                b,
                forms: keys("form", form.forms.as_deref(), labels::FORMS)?,
                spheres: keys("sphere", form.spheres.as_deref(), labels::SPHERES)?,
                evidence: (start, start + sentence.len()),
            }))
        }
        (Verdict::Correct, None) => return Err(invalid("nothing to correct")),
    };
    let decision = Decision {
        document: document.summary.id.clone(),
        verdict,
        machine,
        human,
        reviewer: reviewer.to_string(),
        at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        note: form.note.as_deref().map(str::trim).filter(|note| !note.is_empty()).map(str::to_string),
    };
    decision.validate().map_err(|error| invalid(error.to_string()))?;
    Ok(decision)
}

/// Checks the form, stores the decision, and returns it with its id.
pub async fn record(
    atlas: &Arc<Atlas>,
    viewer: &Viewer,
    id: String,
    form: ReviewForm,
) -> Result<(i64, Decision), AppError> {
    let user = viewer.require(Role::Editor)?;
    viewer.check_csrf(form.csrf.as_deref())?;
    let reviewer = user.name.clone();
    let worker = atlas.clone();
    atlas
        .with_store(move |store| {
            let document = store.document(&id)?;
            let decision = decision(&worker, &document, &form, &reviewer)?;
            let id = store.put_decision(&decision)?;
            tracing::info!(reviewer = %decision.reviewer, verdict = decision.verdict.as_str(), document = %decision.document, "review decision");
            Ok((id, decision))
        })
        .await
}

pub async fn submit(
    State(atlas): State<Arc<Atlas>>,
    viewer: Viewer,
    Path(id): Path<String>,
    Form(form): Form<ReviewForm>,
) -> Result<Response, AppError> {
    let anchor = match (&form.index, form.verdict.as_str()) {
        (_, "add") => "ties".to_string(),
        (Some(index), _) => format!("{}-{}", form.kind, index.trim()),
        (None, _) => String::new(),
    };
    let (_, decision) = record(&atlas, &viewer, id, form).await?;
    Ok(Redirect::to(&format!("/documents/{}#{anchor}", decision.document)).into_response())
}

pub async fn page(State(atlas): State<Arc<Atlas>>, viewer: Viewer) -> Result<Response, AppError> {
    viewer.require(Role::Editor)?;
    let decisions = atlas.with_store(|store| Ok(store.decisions(None)?)).await?;
    let lang = viewer.lang;
    let only: Vec<Decision> = decisions.iter().map(|(_, decision)| decision.clone()).collect();
    let agreement = review::agreement(&only);
    let kind_name = |kind: ItemKind| match kind {
        ItemKind::Tie => lang.pick("связи", "ties"),
        ItemKind::Figure => lang.pick("показатели", "figures"),
        ItemKind::Place => lang.pick("места", "places"),
    };
    let body = html! {
        h1 { (lang.pick("Проверка извлечённого", "Review of what was extracted")) }
        p.note { (lang.pick(
            "Согласие — доля проверенных элементов, которые проверяющие подтвердили без исправлений. Учитывается последнее решение по каждому элементу.",
            "Agreement is the share of reviewed items that reviewers accepted as they were. The latest decision on each item counts."
        )) }
        table.data #agreement {
            thead { tr {
                th { (lang.pick("Вид", "Kind")) }
                th.num { (lang.pick("Проверено", "Reviewed")) }
                th.num { (lang.pick("Подтверждено", "Accepted")) }
                th.num { (lang.pick("Исправлено", "Corrected")) }
                th.num { (lang.pick("Отклонено", "Rejected")) }
                th.num { (lang.pick("Добавлено", "Added")) }
                th.num { (lang.pick("Согласие", "Agreement")) }
            } }
            tbody {
                @for row in &agreement {
                    tr {
                        td { (kind_name(row.kind)) }
                        td.num { (int(row.reviewed as usize, lang)) }
                        td.num { (int(row.accepted as usize, lang)) }
                        td.num { (int(row.corrected as usize, lang)) }
                        td.num { (int(row.rejected as usize, lang)) }
                        td.num { (int(row.added as usize, lang)) }
                        td.num { @match row.rate() { Some(rate) => (percent(rate, lang)), None => "—" } }
                    }
                }
            }
        }
        h2 { (lang.pick("Последние решения", "Latest decisions")) }
        table.data #decisions {
            thead { tr {
                th { (lang.pick("Когда", "When")) } th { (lang.pick("Кто", "Who")) } th { (lang.pick("Решение", "Decision")) }
                th { (lang.pick("Элемент", "Item")) } th { (lang.pick("Документ", "Document")) }
            } }
            tbody {
                @for (_, decision) in decisions.iter().rev().take(100) {
                    tr {
                        td { (decision.at) }
                        td { (decision.reviewer) }
                        td { span.badge.(decision.verdict.as_str()) { (decision.verdict.as_str()) } }
                        td { (describe(&atlas, decision.human.as_ref().or(decision.machine.as_ref()), lang))
                             @if let Some(note) = &decision.note { br; small { (note) } } }
                        td { a href=(format!("/documents/{}", decision.document)) { code { (decision.document.short()) } } }
                    }
                }
            }
        }
    };
    Ok(frame(&viewer, Section::Review, lang.pick("Проверка", "Review"), body))
}

fn describe(atlas: &Atlas, item: Option<&Item>, lang: coopatlas_analytics::Lang) -> String {
    match item {
        Some(Item::Tie(tie)) => format!("{} — {}", place_name(atlas, &tie.a, lang), place_name(atlas, &tie.b, lang)),
        Some(Item::Figure(figure)) => format!("{} {}", figure.value, figure.unit),
        Some(Item::Place(mention)) => place_name(atlas, &mention.place, lang),
        None => String::new(),
    }
}

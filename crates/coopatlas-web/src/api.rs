//! The JSON API: the data of every page, errors as `{"error": {"code", "message"}}` with stable
//! codes, and the OpenAPI document that describes it.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use axum_extra::extract::Query;
use coopatlas_analytics::Filter;
use coopatlas_analytics::measures;
use serde::Serialize;

use crate::auth::Viewer;
use crate::error::ApiError;
use crate::pages::{document, map, network, place, registry, review, search, upload};
use crate::params::FilterParams;
use crate::state::Atlas;

pub fn router() -> Router<Arc<Atlas>> {
    Router::new()
        .route("/api/overview", get(overview))
        .route("/api/search", get(search_api))
        .route("/api/documents/{id}", get(document_api))
        .route("/api/places/{id}", get(place_api))
        .route("/api/network", get(network_api))
        .route("/api/registry", get(registry_api))
        .route("/api/map", get(map_api))
        .route("/api/documents/{id}/decisions", axum::routing::post(decide))
        .route("/api/review", get(review_api))
        .route("/api/documents", axum::routing::post(upload_api))
        .route("/api/openapi.json", get(openapi))
        .fallback(not_found)
}

async fn not_found(uri: axum::http::Uri) -> Response {
    if uri.path().starts_with("/api/") {
        ApiError(crate::error::AppError::not_found(format!("no endpoint {}", uri.path()))).into_response()
    } else {
        crate::error::AppError::not_found(format!("no page {}", uri.path())).into_response()
    }
}

#[derive(Debug, Serialize)]
struct Overview<'a> {
    filter: &'a Filter,
    counts: &'a measures::Overview,
    district_spheres: &'a measures::GroupTable,
    district_depth: &'a measures::GroupTable,
    places: &'a [measures::PlaceRow],
    series: &'a [measures::YearRow],
}

async fn overview(
    State(atlas): State<Arc<Atlas>>,
    _viewer: Viewer,
    Query(params): Query<FilterParams>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let filter = params.filter(atlas.gazetteer())?;
    let analyzed = atlas.analysis(&filter).await?;
    let analysis = &analyzed.analysis;
    let parts = analyzed.overview(&atlas.geography);
    let overview = Overview {
        filter: &filter,
        counts: &parts.counts,
        district_spheres: &parts.spheres,
        district_depth: &parts.depths,
        places: &parts.places[..parts.places.len().min(50)],
        series: &parts.series,
    };
    let mut value =
        serde_json::to_value(&overview).map_err(|error| crate::error::AppError::internal(error.to_string()))?;
    // Group rows name documents by their row in the analysis; the API names them by id.
    let ids: Vec<&str> = analysis.documents.iter().map(|document| document.id.as_str()).collect();
    for table in ["district_spheres", "district_depth"] {
        if let Some(rows) = value[table]["rows"].as_array_mut() {
            for row in rows {
                let to_ids = |rows: &serde_json::Value| -> serde_json::Value {
                    rows.as_array()
                        .map(|rows| {
                            rows.iter()
                                .filter_map(|row| row.as_u64())
                                .map(|row| serde_json::Value::from(ids[row as usize]))
                                .collect()
                        })
                        .unwrap_or_default()
                };
                row["documents"] = to_ids(&row["documents"]);
                if let Some(cells) = row["cells"].as_array_mut() {
                    for cell in cells {
                        *cell = to_ids(cell);
                    }
                }
            }
        }
    }
    if let Some(rows) = value["places"].as_array_mut() {
        for row in rows {
            row.as_object_mut().map(|row| row.remove("partnerships"));
        }
    }
    Ok(Json(value))
}

async fn search_api(
    State(atlas): State<Arc<Atlas>>,
    _viewer: Viewer,
    Query(params): Query<search::SearchParams>,
) -> Result<Json<search::SearchResult>, ApiError> {
    Ok(Json(search::run(&atlas, &params).await?))
}

async fn document_api(
    State(atlas): State<Arc<Atlas>>,
    _viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let loaded = document::load(&atlas, id).await?;
    let decisions: Vec<serde_json::Value> =
        loaded.decisions.iter().map(|(id, decision)| serde_json::json!({"id": id, "decision": decision})).collect();
    Ok(Json(serde_json::json!({"document": loaded.document, "decisions": decisions})))
}

async fn place_api(
    State(atlas): State<Arc<Atlas>>,
    viewer: Viewer,
    Path(id): Path<String>,
    Query(params): Query<FilterParams>,
) -> Result<Json<place::Profile>, ApiError> {
    let (id, _, analyzed) = place::load(&atlas, &id, &params).await?;
    let lang = viewer.lang;
    let profile = analyzed
        .derived(format!("place-profile {id} {}", lang.code()), || place::profile(&atlas, &id, &analyzed, lang));
    Ok(Json(profile.as_ref().clone()))
}

async fn network_api(
    State(atlas): State<Arc<Atlas>>,
    _viewer: Viewer,
    Query(params): Query<network::NetworkParams>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let drawing = params.drawing(&atlas)?;
    let analyzed = atlas.analysis(&drawing.filter).await?;
    let network = analyzed.network(&atlas.geography, drawing.weight);
    let chosen = network::chosen_nodes(network, drawing.size, drawing.top);
    let mut keep = vec![false; network.nodes.len()];
    for index in &chosen {
        keep[*index] = true;
    }
    let nodes: Vec<&coopatlas_analytics::network::Node> = chosen.iter().map(|index| &network.nodes[*index]).collect();
    let edges: Vec<serde_json::Value> = network
        .edges
        .iter()
        .filter(|edge| keep[edge.source] && keep[edge.target])
        .map(|edge| {
            serde_json::json!({
                "source": network.nodes[edge.source].id, "target": network.nodes[edge.target].id,
                "weight": edge.weight, "documents": edge.documents, "agreements": edge.agreements,
                "forms": edge.forms, "spheres": edge.spheres, "years": edge.years, "scope": edge.scope,
            })
        })
        .collect();
    Ok(Json(serde_json::json!({
        "filter": drawing.filter, "weight": drawing.weight, "size": drawing.size,
        "betweenness_pivots": network.betweenness_pivots,
        "total_nodes": network.nodes.len(), "total_edges": network.edges.len(),
        "nodes": nodes, "edges": edges,
    })))
}

async fn registry_api(
    State(atlas): State<Arc<Atlas>>,
    viewer: Viewer,
    Query(params): Query<registry::RegistryParams>,
) -> Result<Response, ApiError> {
    let request = params.request(&atlas)?;
    let analyzed = atlas.analysis(&request.filter).await?;
    if let Some(format) = request.format {
        let worker = atlas.clone();
        let lang = viewer.lang;
        return Ok(tokio::task::spawn_blocking(move || registry::download(&worker, &analyzed, format, lang))
            .await
            .map_err(|error| crate::error::AppError::internal(error.to_string()))??);
    }
    Ok(Json(registry::registry(&atlas, &analyzed, &request, viewer.lang)).into_response())
}

async fn map_api(
    State(atlas): State<Arc<Atlas>>,
    _viewer: Viewer,
    Query(params): Query<FilterParams>,
) -> Result<Json<map::Maps>, ApiError> {
    let filter = params.filter(atlas.gazetteer())?;
    let analyzed = atlas.analysis(&filter).await?;
    Ok(Json(map::maps(&atlas, &analyzed, &filter)))
}

/// Records a review decision: the same form fields as the document page's forms, as JSON.
async fn decide(
    State(atlas): State<Arc<Atlas>>,
    viewer: Viewer,
    headers: axum::http::HeaderMap,
    Path(id): Path<String>,
    Json(mut form): Json<review::ReviewForm>,
) -> Result<Response, ApiError> {
    if form.csrf.is_none() {
        form.csrf = headers.get("x-csrf-token").and_then(|value| value.to_str().ok()).map(str::to_string);
    }
    let (id, decision) = review::record(&atlas, &viewer, id, form).await?;
    Ok((axum::http::StatusCode::CREATED, Json(serde_json::json!({"id": id, "decision": decision}))).into_response())
}

async fn review_api(State(atlas): State<Arc<Atlas>>, viewer: Viewer) -> Result<Json<serde_json::Value>, ApiError> {
    viewer.require(coopatlas_store::Role::Editor)?;
    let decisions = atlas.with_store(|store| Ok(store.decisions(None)?)).await?;
    let only: Vec<coopatlas_document::review::Decision> =
        decisions.iter().map(|(_, decision)| decision.clone()).collect();
    let agreement = coopatlas_document::review::agreement(&only);
    let latest: Vec<serde_json::Value> = decisions
        .iter()
        .rev()
        .take(100)
        .map(|(id, decision)| serde_json::json!({"id": id, "decision": decision}))
        .collect();
    let rates: Vec<serde_json::Value> = agreement
        .iter()
        .map(|row| {
            serde_json::json!({"kind": row.kind, "reviewed": row.reviewed, "accepted": row.accepted,
            "corrected": row.corrected, "rejected": row.rejected, "added": row.added, "agreement": row.rate()})
        })
        .collect();
    Ok(Json(serde_json::json!({"agreement": rates, "decisions": latest, "total": decisions.len()})))
}

/// Uploads documents (multipart, field `file`, repeated); editors only.
async fn upload_api(
    State(atlas): State<Arc<Atlas>>,
    viewer: Viewer,
    headers: axum::http::HeaderMap,
    multipart: axum::extract::Multipart,
) -> Result<Response, ApiError> {
    let user = viewer.require(coopatlas_store::Role::Editor)?.name.clone();
    let (csrf, files) = upload::receive(multipart).await?;
    let csrf = csrf.or_else(|| headers.get("x-csrf-token").and_then(|value| value.to_str().ok()).map(str::to_string));
    viewer.check_csrf(csrf.as_deref())?;
    let results = upload::store(&atlas, &user, files).await?;
    Ok((axum::http::StatusCode::CREATED, Json(results)).into_response())
}

/// The OpenAPI document is written by hand (`openapi.json`): deriving it would put schema
/// macros on the analytics crates' types, which are pure and shared with the CLI; a test checks
/// that it names every route of the router and nothing else.
async fn openapi() -> impl IntoResponse {
    ([(axum::http::header::CONTENT_TYPE, "application/json")], include_str!("openapi.json"))
}

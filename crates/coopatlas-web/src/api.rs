//! The JSON API: the data of every page, errors as `{"error": {"code", "message"}}` with stable
//! codes, and the OpenAPI document that describes it.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use axum_extra::extract::Query;
use coopatlas_analytics::Filter;
use coopatlas_analytics::measures::{self, Grouping};
use serde::Serialize;

use crate::auth::Viewer;
use crate::error::ApiError;
use crate::pages::{document, place, search};
use crate::params::FilterParams;
use crate::state::Atlas;

pub fn router() -> Router<Arc<Atlas>> {
    Router::new()
        .route("/api/overview", get(overview))
        .route("/api/search", get(search_api))
        .route("/api/documents/{id}", get(document_api))
        .route("/api/places/{id}", get(place_api))
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
struct Overview {
    filter: Filter,
    counts: measures::Overview,
    district_spheres: measures::GroupTable,
    district_depth: measures::GroupTable,
    places: Vec<measures::PlaceRow>,
    series: Vec<measures::YearRow>,
}

async fn overview(
    State(atlas): State<Arc<Atlas>>,
    _viewer: Viewer,
    Query(params): Query<FilterParams>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let filter = params.filter(atlas.gazetteer())?;
    let analyzed = atlas.analysis(&filter).await?;
    let analysis = &analyzed.analysis;
    let mut places = measures::places(analysis);
    places.truncate(50);
    let overview = Overview {
        filter,
        counts: measures::overview(analysis),
        district_spheres: measures::sphere_table(analysis, &atlas.geography, Grouping::FederalDistrict),
        district_depth: measures::depth_table(analysis, &atlas.geography, Grouping::FederalDistrict),
        places,
        series: measures::series(analysis),
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
    Ok(Json(place::profile(&atlas, &id, &analyzed, viewer.lang)))
}

async fn openapi() -> impl IntoResponse {
    ([(axum::http::header::CONTENT_TYPE, "application/json")], include_str!("openapi.json"))
}

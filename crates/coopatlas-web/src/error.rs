//! One error type for pages and API. User errors carry a stable code and a message meant for the
//! user; internal errors are logged and answered with a generic 500 that reveals nothing.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use coopatlas_analytics::filter::FilterError;
use coopatlas_store::StoreError;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppError {
    pub status: StatusCode,
    /// Stable, snake_case: clients may match on it.
    pub code: &'static str,
    pub message: String,
}

/// The JSON body of an API error.
#[derive(Debug, Serialize)]
pub struct ErrorBody<'a> {
    pub error: ErrorDetail<'a>,
}

#[derive(Debug, Serialize)]
pub struct ErrorDetail<'a> {
    pub code: &'a str,
    pub message: &'a str,
}

impl AppError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> AppError {
        AppError { status, code, message: message.into() }
    }

    pub fn bad_request(code: &'static str, message: impl Into<String>) -> AppError {
        AppError::new(StatusCode::BAD_REQUEST, code, message)
    }

    pub fn not_found(message: impl Into<String>) -> AppError {
        AppError::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    pub fn unauthorized() -> AppError {
        AppError::new(StatusCode::UNAUTHORIZED, "unauthorized", "sign in to see this")
    }

    pub fn forbidden(message: impl Into<String>) -> AppError {
        AppError::new(StatusCode::FORBIDDEN, "forbidden", message)
    }

    /// A failure of ours: logged in full, answered without detail.
    pub fn internal(detail: impl Into<String>) -> AppError {
        let detail = detail.into();
        tracing::error!(%detail, "internal error");
        AppError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", "something went wrong on the server")
    }

    /// The same error, answered as JSON (the API's form).
    pub fn json(self) -> ApiError {
        ApiError(self)
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "{} ({}): {}", self.status.as_u16(), self.code, self.message)
    }
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> AppError {
        match error {
            StoreError::NotFound(_) => AppError::not_found(error.to_string()),
            StoreError::Ambiguous { .. } => AppError::bad_request("ambiguous_id", error.to_string()),
            StoreError::BadQuery(message) => AppError::bad_request("bad_query", message),
            StoreError::Invalid(message) => AppError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", message),
            StoreError::TooNew { .. } | StoreError::Backend(_) => AppError::internal(error.to_string()),
        }
    }
}

impl From<FilterError> for AppError {
    fn from(error: FilterError) -> AppError {
        AppError::bad_request(error.code(), error.to_string())
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let title = self.status.canonical_reason().unwrap_or("Error");
        let page = maud::html! {
            (maud::DOCTYPE)
            html {
                head {
                    meta charset="utf-8";
                    title { (self.status.as_u16()) " " (title) }
                    link rel="stylesheet" href="/static/app.css";
                    link rel="icon" href="data:,";
                }
                body.error-page {
                    main {
                        h1 { (self.status.as_u16()) " " (title) }
                        p.error-message data-code=(self.code) { (self.message) }
                        p { a href="/" { "coopatlas" } }
                    }
                }
            }
        };
        (self.status, Html(page.into_string())).into_response()
    }
}

/// An [`AppError`] answered as `{"error": {"code": ..., "message": ...}}`.
#[derive(Debug)]
pub struct ApiError(pub AppError);

impl<E: Into<AppError>> From<E> for ApiError {
    fn from(error: E) -> ApiError {
        ApiError(error.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody { error: ErrorDetail { code: self.0.code, message: &self.0.message } };
        (self.0.status, Json(body)).into_response()
    }
}

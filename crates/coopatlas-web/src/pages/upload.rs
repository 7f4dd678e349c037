//! Uploading documents: an editor sends files; each is read, extracted and stored like an
//! ingested file (recorded under `upload/<user>/<file name>`).

use std::sync::Arc;

use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use coopatlas_store::{PutOutcome, Role, Source};
use maud::html;
use serde::Serialize;

use crate::auth::Viewer;
use crate::error::AppError;
use crate::layout::{Section, page as frame};
use crate::state::Atlas;

/// What happened to one uploaded file.
#[derive(Debug, Clone, Serialize)]
pub struct Uploaded {
    pub name: String,
    /// The document's id, when it was read.
    pub id: Option<String>,
    /// `new`, `new_version`, `new_path`, `unchanged`, or `failed`.
    pub outcome: &'static str,
    pub error: Option<String>,
}

pub async fn form(viewer: Viewer) -> Result<Response, AppError> {
    viewer.require(Role::Editor)?;
    let lang = viewer.lang;
    let body = html! {
        h1 { (lang.pick("Загрузка документов", "Upload documents")) }
        p.note { (lang.pick(
            "PDF, DOCX, ODT, RTF, HTML или текст. Каждый файл читается, из него извлекаются связи, и он сохраняется в атласе.",
            "PDF, DOCX, ODT, RTF, HTML or text. Each file is read, its ties are extracted, and it is stored in the atlas."
        )) }
        form.upload method="post" action="/upload" enctype="multipart/form-data" {
            input type="hidden" name="csrf" value=(viewer.csrf());
            input type="file" name="file" multiple required;
            button type="submit" { (lang.pick("Загрузить", "Upload")) }
        }
    };
    Ok(frame(&viewer, Section::Upload, lang.pick("Загрузка", "Upload"), body))
}

/// Reads the multipart body: the CSRF token and the files.
pub async fn receive(mut multipart: Multipart) -> Result<(Option<String>, Vec<(String, Vec<u8>)>), AppError> {
    let too_big = |error: axum::extract::multipart::MultipartError| {
        if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
            AppError::new(StatusCode::PAYLOAD_TOO_LARGE, "too_large", "the upload is larger than the server accepts")
        } else {
            AppError::bad_request("bad_upload", error.body_text())
        }
    };
    let mut csrf = None;
    let mut files = Vec::new();
    while let Some(field) = multipart.next_field().await.map_err(too_big)? {
        match field.name() {
            Some("csrf") => csrf = Some(field.text().await.map_err(too_big)?),
            Some("file") => {
                let name = field.file_name().unwrap_or("upload").to_string();
                let bytes = field.bytes().await.map_err(too_big)?;
                if !bytes.is_empty() {
                    files.push((name, bytes.to_vec()));
                }
            }
            _ => {}
        }
    }
    Ok((csrf, files))
}

/// Reads, extracts and stores the files, one transaction each.
pub async fn store(atlas: &Arc<Atlas>, user: &str, files: Vec<(String, Vec<u8>)>) -> Result<Vec<Uploaded>, AppError> {
    if files.is_empty() {
        return Err(AppError::bad_request("no_file", "choose at least one file"));
    }
    let worker = atlas.clone();
    let user = user.to_string();
    atlas
        .with_store(move |store| {
            let mut results = Vec::new();
            for (name, bytes) in files {
                let clean: String = name
                    .rsplit(['/', '\\'])
                    .next()
                    .unwrap_or("upload")
                    .chars()
                    .filter(|character| !character.is_control())
                    .collect();
                let extension = clean.rsplit_once('.').map(|(_, extension)| extension.to_ascii_lowercase());
                let limits = coopatlas_readers::Limits::default();
                // A reader's panic on a hostile file fails that file, not the server.
                let read = std::panic::catch_unwind(|| coopatlas_readers::read(&bytes, extension.as_deref(), &limits));
                let extracted = match read {
                    Ok(Ok(extracted)) => extracted,
                    Ok(Err(error)) => {
                        results.push(Uploaded {
                            name: clean,
                            id: None,
                            outcome: "failed",
                            error: Some(error.to_string()),
                        });
                        continue;
                    }
                    Err(_) => {
                        results.push(Uploaded {
                            name: clean,
                            id: None,
                            outcome: "failed",
                            error: Some("the reader crashed on this file".into()),
                        });
                        continue;
                    }
                };
                let mut document = coopatlas_document::Document::new(&bytes, extracted);
                document.facts = Some(coopatlas_ingest::extract(&worker.extractor, &document));
                let id = document.id.to_string();
                let source = Source { path: format!("upload/{user}/{clean}") };
                let outcome = store.put(&[(document, source)])?;
                let outcome = match outcome.first() {
                    Some(PutOutcome::New) => "new",
                    Some(PutOutcome::NewVersion) => "new_version",
                    Some(PutOutcome::NewPath) => "new_path",
                    Some(PutOutcome::Unchanged) | None => "unchanged",
                };
                tracing::info!(%user, file = %clean, %id, outcome, "uploaded");
                results.push(Uploaded { name: clean, id: Some(id), outcome, error: None });
            }
            Ok(results)
        })
        .await
}

pub async fn submit(
    State(atlas): State<Arc<Atlas>>,
    viewer: Viewer,
    multipart: Multipart,
) -> Result<Response, AppError> {
    let user = viewer.require(Role::Editor)?.name.clone();
    let (csrf, files) = receive(multipart).await?;
    viewer.check_csrf(csrf.as_deref())?;
    let results = store(&atlas, &user, files).await?;
    let lang = viewer.lang;
    let body = html! {
        h1 { (lang.pick("Загружено", "Uploaded")) }
        table.data #uploaded {
            tbody {
                @for result in &results {
                    tr {
                        td { (result.name) }
                        td { (result.outcome) }
                        td {
                            @if let Some(id) = &result.id { a href=(format!("/documents/{id}")) { (lang.pick("открыть", "open")) } }
                            @if let Some(error) = &result.error { span.warning { (error) } }
                        }
                    }
                }
            }
        }
        p { a href="/upload" { (lang.pick("Загрузить ещё", "Upload more")) } }
    };
    Ok(frame(&viewer, Section::Upload, lang.pick("Загружено", "Uploaded"), body))
}

//! Accounts, for admins: who may read, review and administer, and their API tokens. The same
//! operations as `coopatlas user`, in the browser.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use coopatlas_store::{ApiToken, Role, User};
use maud::html;
use serde::Deserialize;

use crate::auth::{Viewer, hash_password, new_token, token_hash};
use crate::error::AppError;
use crate::layout::{Section, page as frame};
use crate::state::Atlas;

pub async fn page(State(atlas): State<Arc<Atlas>>, viewer: Viewer) -> Result<Response, AppError> {
    viewer.require(Role::Admin)?;
    let users = atlas.with_store(|store| Ok(store.users()?)).await?;
    Ok(frame(&viewer, Section::Other, viewer.lang.pick("Пользователи", "Users"), body(&viewer, &users, None)))
}

fn body(viewer: &Viewer, users: &[User], token: Option<(&str, &str)>) -> maud::Markup {
    let lang = viewer.lang;
    html! {
        h1 { (lang.pick("Пользователи", "Users")) }
        @if let Some((user, token)) = token {
            p.warning #new-token {
                (lang.pick("Токен API для ", "API token for ")) strong { (user) } ": " code { (token) } br;
                (lang.pick("Он показан один раз: атлас хранит только его хеш.", "It is shown once: the atlas keeps only its hash."))
            }
        }
        table.data #users {
            thead { tr { th { (lang.pick("Имя", "Name")) } th { (lang.pick("Роль", "Role")) } th { (lang.pick("Создан", "Created")) } th {} } }
            tbody {
                @for user in users {
                    tr {
                        td { (user.name) }
                        td { (user.role.as_str()) }
                        td { (user.created_at) }
                        td {
                            form.inline method="post" action="/admin/tokens" {
                                input type="hidden" name="csrf" value=(viewer.csrf());
                                input type="hidden" name="name" value=(user.name);
                                button type="submit" { (lang.pick("новый токен API", "new API token")) }
                            }
                        }
                    }
                }
            }
        }
        h2 { (lang.pick("Добавить или изменить", "Add or change")) }
        form.login method="post" action="/admin/users" {
            input type="hidden" name="csrf" value=(viewer.csrf());
            label { (lang.pick("Имя", "Name")) input type="text" name="name" required autocomplete="off"; }
            label { (lang.pick("Роль", "Role"))
                select name="role" { @for role in Role::ALL { option value=(role.as_str()) selected[role == Role::Editor] { (role.as_str()) } } }
            }
            label { (lang.pick("Пароль (не короче 8 знаков)", "Password (8 characters or more)")) input type="password" name="password" required minlength="8" autocomplete="new-password"; }
            button type="submit" { (lang.pick("Сохранить", "Save")) }
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct UserForm {
    pub csrf: Option<String>,
    pub name: String,
    pub role: String,
    pub password: String,
}

fn invalid(message: impl Into<String>) -> AppError {
    AppError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", message)
}

pub async fn save_user(
    State(atlas): State<Arc<Atlas>>,
    viewer: Viewer,
    Form(form): Form<UserForm>,
) -> Result<Response, AppError> {
    viewer.require(Role::Admin)?;
    viewer.check_csrf(form.csrf.as_deref())?;
    let name = form.name.trim().to_string();
    if name.is_empty() || name.chars().any(|character| character.is_control() || character.is_whitespace()) {
        return Err(invalid("a user name needs at least one character and no spaces"));
    }
    let role: Role = form.role.parse().map_err(|_| invalid(format!("unknown role {:?}", form.role)))?;
    if form.password.chars().count() < 8 {
        return Err(invalid("the password needs at least 8 characters"));
    }
    let password = form.password.clone();
    let hash = tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|error| AppError::internal(error.to_string()))??;
    let admin = viewer.user.as_ref().map(|user| user.name.clone()).unwrap_or_default();
    atlas
        .with_store(move |store| {
            let created_at = store.user(&name)?.map_or_else(
                || chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                |user| user.created_at,
            );
            tracing::info!(%admin, user = %name, role = role.as_str(), "account saved");
            Ok(store.put_user(&User { name, role, password_hash: hash, created_at })?)
        })
        .await?;
    Ok(Redirect::to("/admin/users").into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TokenForm {
    pub csrf: Option<String>,
    pub name: String,
}

pub async fn new_api_token(
    State(atlas): State<Arc<Atlas>>,
    viewer: Viewer,
    Form(form): Form<TokenForm>,
) -> Result<Response, AppError> {
    viewer.require(Role::Admin)?;
    viewer.check_csrf(form.csrf.as_deref())?;
    let token = new_token()?;
    let stored = ApiToken {
        token_hash: token_hash(&token),
        user: form.name.clone(),
        label: "web".into(),
        created_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    };
    let users = atlas
        .with_store(move |store| {
            if store.user(&stored.user)?.is_none() {
                return Err(AppError::not_found(format!("no user {:?}", stored.user)));
            }
            store.put_token(&stored)?;
            Ok(store.users()?)
        })
        .await?;
    let lang = viewer.lang;
    Ok(frame(
        &viewer,
        Section::Other,
        lang.pick("Пользователи", "Users"),
        body(&viewer, &users, Some((&form.name, &token))),
    ))
}

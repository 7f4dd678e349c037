//! Signing in and out.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar};
use axum_extra::extract::{Form, Query};
use coopatlas_store::Session;
use maud::html;
use serde::Deserialize;

use crate::auth::{
    LOGIN_CSRF_COOKIE, SESSION_COOKIE, SESSION_DAYS, Viewer, new_token, plain_cookie, same_secret, session_cookie,
    token_hash, verify_password,
};
use crate::error::AppError;
use crate::layout::{Section, page as frame};
use crate::state::Atlas;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Next {
    pub next: Option<String>,
}

/// Only a path of this site: never an absolute URL that would send the user elsewhere.
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(path) if path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') => path.to_string(),
        _ => "/".to_string(),
    }
}

pub async fn login_form(
    State(atlas): State<Arc<Atlas>>,
    headers: HeaderMap,
    Query(next): Query<Next>,
) -> Result<Response, AppError> {
    let viewer = anonymous_viewer(&headers, "/login");
    let token = new_token()?;
    let lang = viewer.lang;
    let body = html! {
        h1 { (lang.pick("Вход", "Sign in")) }
        form.login method="post" action="/login" {
            input type="hidden" name="csrf" value=(token);
            input type="hidden" name="next" value=(safe_next(next.next.as_deref()));
            label { (lang.pick("Имя", "Name")) input type="text" name="name" autocomplete="username" required autofocus; }
            label { (lang.pick("Пароль", "Password")) input type="password" name="password" autocomplete="current-password" required; }
            button type="submit" { (lang.pick("Войти", "Sign in")) }
        }
    };
    let mut response = frame(&viewer, Section::Other, lang.pick("Вход", "Sign in"), body);
    let cookie = plain_cookie(LOGIN_CSRF_COOKIE, token, atlas.config.secure_cookies);
    if let Ok(value) = cookie.to_string().parse() {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    Ok(response)
}

/// The sign-in page is open even when anonymous reading is off; its visitor has no user.
fn anonymous_viewer(headers: &HeaderMap, here: &str) -> Viewer {
    let jar = CookieJar::from_headers(headers);
    let lang = jar
        .get(crate::auth::LANG_COOKIE)
        .and_then(|cookie| coopatlas_analytics::Lang::parse(cookie.value()))
        .unwrap_or(coopatlas_analytics::Lang::Ru);
    Viewer { lang, lang_chosen: None, user: None, here: here.to_string() }
}

#[derive(Debug, Deserialize)]
pub struct LoginForm {
    pub name: String,
    pub password: String,
    pub csrf: String,
    #[serde(default)]
    pub next: Option<String>,
}

pub async fn login(
    State(atlas): State<Arc<Atlas>>,
    jar: CookieJar,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    let expected = jar.get(LOGIN_CSRF_COOKIE).map(|cookie| cookie.value().to_string()).unwrap_or_default();
    if expected.is_empty() || !same_secret(&expected, &form.csrf) {
        return Err(AppError::forbidden("the sign-in form is stale; reload it"));
    }
    let name = form.name.trim().to_string();
    if !atlas.may_try(&name) {
        return Err(AppError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "too_many_attempts",
            "too many failed sign-ins for this name; try again in 15 minutes",
        ));
    }
    let user = {
        let name = name.clone();
        atlas.with_store(move |store| Ok(store.user(&name)?)).await?
    };
    // The hash is checked even for an unknown name, so timing tells nothing about which names exist.
    let stored = user.as_ref().map_or(DUMMY_HASH, |user| user.password_hash.as_str());
    let password = form.password.clone();
    let stored_owned = stored.to_string();
    let valid = tokio::task::spawn_blocking(move || verify_password(&password, &stored_owned))
        .await
        .map_err(|error| AppError::internal(error.to_string()))?;
    atlas.signed_in(&name, valid && user.is_some());
    let Some(user) = user.filter(|_| valid) else {
        return Err(AppError::new(StatusCode::UNAUTHORIZED, "bad_credentials", "wrong name or password"));
    };
    let token = new_token()?;
    let session = Session {
        token_hash: token_hash(&token),
        user: user.name.clone(),
        csrf: new_token()?,
        expires_at: (chrono::Utc::now() + chrono::Duration::days(SESSION_DAYS))
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    };
    atlas.with_store(move |store| Ok(store.put_session(&session)?)).await?;
    tracing::info!(user = %user.name, "signed in");
    let jar =
        jar.add(session_cookie(token, atlas.config.secure_cookies)).remove(Cookie::build(LOGIN_CSRF_COOKIE).path("/"));
    Ok((jar, Redirect::to(&safe_next(form.next.as_deref()))).into_response())
}

/// An Argon2id hash of a random password nobody knows, verified against when the name is unknown.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0mI0b7dKeRroV7Mv8hOqWPr8Ez2vmIsUDhg1VIpqy3k";

#[derive(Debug, Deserialize)]
pub struct LogoutForm {
    #[serde(default)]
    pub csrf: Option<String>,
}

pub async fn logout(
    State(atlas): State<Arc<Atlas>>,
    viewer: Viewer,
    jar: CookieJar,
    Form(form): Form<LogoutForm>,
) -> Result<Response, AppError> {
    viewer.check_csrf(form.csrf.as_deref())?;
    if let Some(session) = viewer.user.and_then(|user| user.session) {
        atlas.with_store(move |store| Ok(store.delete_session(&session)?)).await?;
    }
    Ok((jar.remove(Cookie::build(SESSION_COOKIE).path("/")), Redirect::to("/")).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_come_back_after_signing_in() {
        assert_eq!(safe_next(Some("/search?q=a")), "/search?q=a");
        assert_eq!(safe_next(Some("//evil.example/")), "/");
        assert_eq!(safe_next(Some("https://evil.example/")), "/");
        assert_eq!(safe_next(Some("/\\evil")), "/");
        assert_eq!(safe_next(None), "/");
    }

    #[test]
    fn the_dummy_hash_is_a_hash() {
        assert!(!verify_password("", DUMMY_HASH));
        assert!(argon2::password_hash::PasswordHash::new(DUMMY_HASH).is_ok());
    }
}

//! Who is asking, and what they may do.
//!
//! - Passwords are hashed with Argon2id (the `argon2` crate's defaults, a PHC string with its
//!   own salt).
//! - A browser signs in and gets a session: a random token in an `HttpOnly`, `SameSite=Lax`
//!   cookie. The store keeps only the token's BLAKE3 hash, so a copy of the database gives no
//!   one a session.
//! - Every form that changes something carries the session's CSRF token, compared with the
//!   stored one; API clients sending the session cookie send it as `X-CSRF-Token`.
//! - Scripts use API tokens (`Authorization: Bearer ...`), also stored as hashes; a bearer
//!   request carries no cookie, so it needs no CSRF token.

use std::sync::Arc;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use coopatlas_analytics::Lang;
use coopatlas_store::Role;

use crate::error::AppError;
use crate::state::Atlas;

pub const SESSION_COOKIE: &str = "coopatlas_session";
pub const LANG_COOKIE: &str = "coopatlas_lang";
/// The CSRF token of a visitor who has not signed in yet (the sign-in form), double-submitted.
pub const LOGIN_CSRF_COOKIE: &str = "coopatlas_login_csrf";
/// How long a session lasts.
pub const SESSION_DAYS: i64 = 14;

/// Hashes a password for storing (Argon2id, random salt).
pub fn hash_password(password: &str) -> Result<String, AppError> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|error| AppError::internal(format!("no randomness: {error}")))?;
    let salt = SaltString::encode_b64(&salt).map_err(|error| AppError::internal(error.to_string()))?;
    argon2::Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|error| AppError::internal(format!("cannot hash a password: {error}")))
}

pub fn verify_password(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .is_ok_and(|hash| argon2::Argon2::default().verify_password(password.as_bytes(), &hash).is_ok())
}

/// A fresh random token (32 bytes, hex) for a session, a CSRF check or an API client.
pub fn new_token() -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|error| AppError::internal(format!("no randomness: {error}")))?;
    Ok(bytes.iter().map(|byte| format!("{byte:02x}")).collect())
}

/// What the store keeps of a token.
pub fn token_hash(token: &str) -> String {
    blake3::hash(token.as_bytes()).to_hex().to_string()
}

/// Compares secrets in time that does not depend on where they first differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
}

/// A signed-in user.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub name: String,
    pub role: Role,
    /// The session's CSRF token; `None` for API tokens, which need none.
    pub csrf: Option<String>,
    /// The hash of the session token, to sign out.
    pub session: Option<String>,
}

/// The visitor of a request: language and, when signed in, the user. Extracting it enforces
/// read access: without anonymous reading, a visitor who has not signed in is refused.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub lang: Lang,
    /// The language came from `?lang=` and should be remembered in a cookie.
    pub lang_chosen: Option<Lang>,
    pub user: Option<SignedIn>,
    /// The path and query of the request, to come back to after signing in.
    pub here: String,
}

impl Viewer {
    pub fn role(&self) -> Option<Role> {
        self.user.as_ref().map(|user| user.role)
    }

    pub fn may_edit(&self) -> bool {
        self.role().is_some_and(|role| role >= Role::Editor)
    }

    /// Refuses unless the visitor has `role` or a higher one.
    pub fn require(&self, role: Role) -> Result<&SignedIn, AppError> {
        match &self.user {
            None => Err(AppError::unauthorized()),
            Some(user) if user.role >= role => Ok(user),
            Some(_) => Err(AppError::forbidden(format!("this needs the {} role", role.as_str()))),
        }
    }

    /// Checks a form's CSRF token against the session's (bearer-token requests need none).
    pub fn check_csrf(&self, sent: Option<&str>) -> Result<(), AppError> {
        match self.user.as_ref().and_then(|user| user.csrf.as_deref()) {
            None => Ok(()),
            Some(expected) if sent.is_some_and(|sent| same_secret(sent, expected)) => Ok(()),
            Some(_) => Err(AppError::forbidden("the form is stale or came from another site; reload the page")),
        }
    }

    /// The CSRF token to put into forms.
    pub fn csrf(&self) -> &str {
        self.user.as_ref().and_then(|user| user.csrf.as_deref()).unwrap_or("")
    }
}

fn is_api(parts: &Parts) -> bool {
    parts.uri.path().starts_with("/api/")
}

/// An error answered as JSON under `/api/`, as a page elsewhere.
pub fn reject(api: bool, error: AppError) -> Response {
    if api { error.json().into_response() } else { error.into_response() }
}

impl FromRequestParts<Arc<Atlas>> for Viewer {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, atlas: &Arc<Atlas>) -> Result<Viewer, Response> {
        let api = is_api(parts);
        let jar = CookieJar::from_headers(&parts.headers);
        let lang_chosen = query_lang(parts.uri.query());
        let lang = lang_chosen
            .or_else(|| jar.get(LANG_COOKIE).and_then(|cookie| Lang::parse(cookie.value())))
            .unwrap_or_else(|| accept_language(&parts.headers));
        let user = identify(atlas, &parts.headers, &jar).await.map_err(|error| reject(api, error))?;
        if user.is_none() && !atlas.config.anonymous_read {
            return Err(reject(api, AppError::unauthorized()));
        }
        let here = parts.uri.path_and_query().map_or_else(|| "/".to_string(), |value| value.as_str().to_string());
        Ok(Viewer { lang, lang_chosen, user, here })
    }
}

/// The user behind a bearer token or a session cookie, if any. A wrong or expired credential
/// is refused rather than silently treated as anonymous, so a client notices.
async fn identify(atlas: &Arc<Atlas>, headers: &HeaderMap, jar: &CookieJar) -> Result<Option<SignedIn>, AppError> {
    if let Some(value) = headers.get(header::AUTHORIZATION) {
        let token = value
            .to_str()
            .ok()
            .and_then(|value| value.strip_prefix("Bearer "))
            .ok_or_else(|| {
                AppError::new(axum::http::StatusCode::UNAUTHORIZED, "bad_token", "use Authorization: Bearer TOKEN")
            })?
            .trim()
            .to_string();
        let hash = token_hash(&token);
        let found = atlas
            .with_store(move |store| {
                let Some(token) = store.token(&hash)? else { return Ok(None) };
                Ok(store.user(&token.user)?.map(|user| (user.name, user.role)))
            })
            .await?;
        return match found {
            Some((name, role)) => Ok(Some(SignedIn { name, role, csrf: None, session: None })),
            None => Err(AppError::new(axum::http::StatusCode::UNAUTHORIZED, "bad_token", "unknown API token")),
        };
    }
    let Some(cookie) = jar.get(SESSION_COOKIE) else { return Ok(None) };
    let hash = token_hash(cookie.value());
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    atlas
        .with_store(move |store| {
            let Some(session) = store.session(&hash)? else { return Ok(None) };
            if session.expires_at.as_str() <= now.as_str() {
                return Ok(None);
            }
            let Some(user) = store.user(&session.user)? else { return Ok(None) };
            Ok(Some(SignedIn { name: user.name, role: user.role, csrf: Some(session.csrf), session: Some(hash) }))
        })
        .await
}

fn query_lang(query: Option<&str>) -> Option<Lang> {
    query?.split('&').find_map(|pair| pair.strip_prefix("lang=")).and_then(Lang::parse)
}

/// The first of Russian or English in the browser's list of languages; Russian when neither.
fn accept_language(headers: &HeaderMap) -> Lang {
    let Some(value) = headers.get(header::ACCEPT_LANGUAGE).and_then(|value| value.to_str().ok()) else {
        return Lang::Ru;
    };
    let mut best: Option<(f32, Lang)> = None;
    for part in value.split(',') {
        let mut pieces = part.trim().split(';');
        let tag = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
        let quality =
            pieces.find_map(|piece| piece.trim().strip_prefix("q=")).and_then(|q| q.parse::<f32>().ok()).unwrap_or(1.0);
        let lang = match tag.split('-').next() {
            Some("ru") => Lang::Ru,
            Some("en") => Lang::En,
            _ => continue,
        };
        if best.is_none_or(|(q, _)| quality > q) {
            best = Some((quality, lang));
        }
    }
    best.map_or(Lang::Ru, |(_, lang)| lang)
}

/// A session cookie for `token`: it lasts as long as the browser runs; the server ends the
/// session after [`SESSION_DAYS`] in any case.
pub fn session_cookie(token: String, secure: bool) -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, token)).http_only(true).same_site(SameSite::Lax).secure(secure).path("/").build()
}

pub fn plain_cookie(name: &'static str, value: String, secure: bool) -> Cookie<'static> {
    Cookie::build((name, value)).http_only(true).same_site(SameSite::Lax).secure(secure).path("/").build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_verify_only_themselves() {
        let hash = hash_password("correct horse").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse", &hash));
        assert!(!verify_password("correct horsf", &hash));
        assert!(!verify_password("correct horse", "not a hash"));
    }

    #[test]
    fn tokens_are_random_and_hashed() {
        let (a, b) = (new_token().unwrap(), new_token().unwrap());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_ne!(token_hash(&a), a);
        assert!(same_secret(&a, &a.clone()));
        assert!(!same_secret(&a, &b));
    }

    #[test]
    fn the_browsers_language_decides_when_nothing_else_does() {
        let mut headers = HeaderMap::new();
        assert_eq!(accept_language(&headers), Lang::Ru);
        headers.insert(header::ACCEPT_LANGUAGE, "de-DE,en-US;q=0.8,ru;q=0.5".parse().unwrap());
        assert_eq!(accept_language(&headers), Lang::En);
        headers.insert(header::ACCEPT_LANGUAGE, "ru-RU,ru;q=0.9,en;q=0.8".parse().unwrap());
        assert_eq!(accept_language(&headers), Lang::Ru);
        assert_eq!(query_lang(Some("q=x&lang=en")), Some(Lang::En));
        assert_eq!(query_lang(Some("lang=de")), None);
    }
}

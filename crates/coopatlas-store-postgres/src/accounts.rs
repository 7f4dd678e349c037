//! Accounts, sessions and API tokens of the web application: rows of strings, hashed and checked
//! by the server. None of these writes changes the data version.

use coopatlas_store::{ApiToken, Session, StoreError, User};
use tokio_postgres::Row;
use tokio_postgres::error::SqlState;

use crate::db::{corrupt, get};
use crate::{Db, Error};

const USER_COLUMNS: &str = "name, role, password_hash, created_at";

fn user_of(row: &Row) -> Result<User, Error> {
    let role: &str = get(row, 1)?;
    Ok(User {
        name: get(row, 0)?,
        role: role.parse().map_err(|_| corrupt(format!("role {role:?}")))?,
        password_hash: get(row, 2)?,
        created_at: get(row, 3)?,
    })
}

pub(crate) async fn put_user(db: Db<'_>, user: &User) -> Result<(), Error> {
    // An existing account keeps its creation time: only what an administrator may change is
    // replaced.
    db.execute(
        &format!(
            "INSERT INTO users ({USER_COLUMNS}) VALUES ($1, $2, $3, $4)
             ON CONFLICT (name) DO UPDATE SET role = excluded.role, password_hash = excluded.password_hash"
        ),
        &[&user.name, &user.role.as_str(), &user.password_hash, &user.created_at],
    )
    .await?;
    Ok(())
}

pub(crate) async fn user(db: Db<'_>, name: &str) -> Result<Option<User>, Error> {
    db.query_opt(&format!("SELECT {USER_COLUMNS} FROM users WHERE name = $1"), &[&name])
        .await?
        .map(|row| user_of(&row))
        .transpose()
}

pub(crate) async fn users(db: Db<'_>) -> Result<Vec<User>, Error> {
    db.query(&format!("SELECT {USER_COLUMNS} FROM users ORDER BY name"), &[]).await?.iter().map(user_of).collect()
}

/// A session or token of nobody is a caller's mistake, better named than reported as a broken
/// foreign key.
fn unknown_user(name: &str) -> impl FnOnce(Error) -> Error {
    move |error| match error.code() {
        Some(code) if *code == SqlState::FOREIGN_KEY_VIOLATION => StoreError::NotFound(format!("user {name}")).into(),
        _ => error,
    }
}

pub(crate) async fn put_session(db: Db<'_>, session: &Session) -> Result<(), Error> {
    db.execute(
        "INSERT INTO sessions (token_hash, user_name, csrf, expires_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (token_hash) DO UPDATE
         SET user_name = excluded.user_name, csrf = excluded.csrf, expires_at = excluded.expires_at",
        &[&session.token_hash, &session.user, &session.csrf, &session.expires_at],
    )
    .await
    .map_err(unknown_user(&session.user))?;
    Ok(())
}

pub(crate) async fn session(db: Db<'_>, token_hash: &str) -> Result<Option<Session>, Error> {
    db.query_opt("SELECT token_hash, user_name, csrf, expires_at FROM sessions WHERE token_hash = $1", &[&token_hash])
        .await?
        .map(|row| {
            Ok(Session {
                token_hash: get(&row, 0)?,
                user: get(&row, 1)?,
                csrf: get(&row, 2)?,
                expires_at: get(&row, 3)?,
            })
        })
        .transpose()
}

pub(crate) async fn delete_session(db: Db<'_>, token_hash: &str) -> Result<(), Error> {
    db.execute("DELETE FROM sessions WHERE token_hash = $1", &[&token_hash]).await?;
    Ok(())
}

pub(crate) async fn put_token(db: Db<'_>, token: &ApiToken) -> Result<(), Error> {
    db.execute(
        "INSERT INTO api_tokens (token_hash, user_name, label, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (token_hash) DO UPDATE
         SET user_name = excluded.user_name, label = excluded.label, created_at = excluded.created_at",
        &[&token.token_hash, &token.user, &token.label, &token.created_at],
    )
    .await
    .map_err(unknown_user(&token.user))?;
    Ok(())
}

fn token_of(row: &Row) -> Result<ApiToken, Error> {
    Ok(ApiToken { token_hash: get(row, 0)?, user: get(row, 1)?, label: get(row, 2)?, created_at: get(row, 3)? })
}

pub(crate) async fn token(db: Db<'_>, token_hash: &str) -> Result<Option<ApiToken>, Error> {
    db.query_opt(
        "SELECT token_hash, user_name, label, created_at FROM api_tokens WHERE token_hash = $1",
        &[&token_hash],
    )
    .await?
    .map(|row| token_of(&row))
    .transpose()
}

pub(crate) async fn tokens(db: Db<'_>) -> Result<Vec<ApiToken>, Error> {
    db.query("SELECT token_hash, user_name, label, created_at FROM api_tokens ORDER BY user_name, token_hash", &[])
        .await?
        .iter()
        .map(token_of)
        .collect()
}

//! Accounts, sessions and API tokens of the web application: rows of strings, hashed and checked
//! by the server.

use coopatlas_store::{ApiToken, Session, StoreError, User};
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::backend;

const USER_COLUMNS: &str = "name, role, password_hash, created_at";

fn user_of(row: &Row<'_>) -> rusqlite::Result<User> {
    let role: String = row.get(1)?;
    Ok(User {
        name: row.get(0)?,
        role: role.parse().map_err(|_| rusqlite::Error::InvalidColumnType(1, role, rusqlite::types::Type::Text))?,
        password_hash: row.get(2)?,
        created_at: row.get(3)?,
    })
}

pub fn put_user(connection: &Connection, user: &User) -> Result<(), StoreError> {
    // An existing account keeps its creation time: only what an administrator may change is
    // replaced.
    connection
        .prepare_cached(&format!(
            "INSERT INTO users ({USER_COLUMNS}) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (name) DO UPDATE SET role = excluded.role, password_hash = excluded.password_hash"
        ))
        .and_then(|mut statement| {
            statement.execute(params![user.name, user.role.as_str(), user.password_hash, user.created_at])
        })
        .map_err(backend)?;
    Ok(())
}

pub fn user(connection: &Connection, name: &str) -> Result<Option<User>, StoreError> {
    connection
        .prepare_cached(&format!("SELECT {USER_COLUMNS} FROM users WHERE name = ?1"))
        .and_then(|mut statement| statement.query_row([name], user_of).optional())
        .map_err(backend)
}

pub fn users(connection: &Connection) -> Result<Vec<User>, StoreError> {
    let mut statement =
        connection.prepare_cached(&format!("SELECT {USER_COLUMNS} FROM users ORDER BY name")).map_err(backend)?;
    statement.query_map([], user_of).map_err(backend)?.collect::<Result<_, _>>().map_err(backend)
}

/// `NotFound` unless the account exists: a session or token of nobody is a caller's mistake,
/// better named than reported as a broken foreign key.
fn require_user(connection: &Connection, name: &str) -> Result<(), StoreError> {
    match user(connection, name)? {
        Some(_) => Ok(()),
        None => Err(StoreError::NotFound(format!("user {name}"))),
    }
}

pub fn put_session(connection: &Connection, session: &Session) -> Result<(), StoreError> {
    require_user(connection, &session.user)?;
    connection
        .prepare_cached(
            "INSERT OR REPLACE INTO sessions (token_hash, user_name, csrf, expires_at) VALUES (?1, ?2, ?3, ?4)",
        )
        .and_then(|mut statement| {
            statement.execute(params![session.token_hash, session.user, session.csrf, session.expires_at])
        })
        .map_err(backend)?;
    Ok(())
}

pub fn session(connection: &Connection, token_hash: &str) -> Result<Option<Session>, StoreError> {
    connection
        .prepare_cached("SELECT token_hash, user_name, csrf, expires_at FROM sessions WHERE token_hash = ?1")
        .and_then(|mut statement| {
            statement
                .query_row([token_hash], |row| {
                    Ok(Session {
                        token_hash: row.get(0)?,
                        user: row.get(1)?,
                        csrf: row.get(2)?,
                        expires_at: row.get(3)?,
                    })
                })
                .optional()
        })
        .map_err(backend)
}

pub fn delete_session(connection: &Connection, token_hash: &str) -> Result<(), StoreError> {
    connection
        .prepare_cached("DELETE FROM sessions WHERE token_hash = ?1")
        .and_then(|mut statement| statement.execute([token_hash]))
        .map_err(backend)?;
    Ok(())
}

pub fn put_token(connection: &Connection, token: &ApiToken) -> Result<(), StoreError> {
    require_user(connection, &token.user)?;
    connection
        .prepare_cached(
            "INSERT OR REPLACE INTO api_tokens (token_hash, user_name, label, created_at) VALUES (?1, ?2, ?3, ?4)",
        )
        .and_then(|mut statement| {
            statement.execute(params![token.token_hash, token.user, token.label, token.created_at])
        })
        .map_err(backend)?;
    Ok(())
}

fn token_of(row: &Row<'_>) -> rusqlite::Result<ApiToken> {
    Ok(ApiToken { token_hash: row.get(0)?, user: row.get(1)?, label: row.get(2)?, created_at: row.get(3)? })
}

pub fn token(connection: &Connection, token_hash: &str) -> Result<Option<ApiToken>, StoreError> {
    connection
        .prepare_cached("SELECT token_hash, user_name, label, created_at FROM api_tokens WHERE token_hash = ?1")
        .and_then(|mut statement| statement.query_row([token_hash], token_of).optional())
        .map_err(backend)
}

pub fn tokens(connection: &Connection) -> Result<Vec<ApiToken>, StoreError> {
    connection
        .prepare_cached(
            "SELECT token_hash, user_name, label, created_at FROM api_tokens ORDER BY user_name, token_hash",
        )
        .and_then(|mut statement| statement.query_map([], token_of)?.collect())
        .map_err(backend)
}

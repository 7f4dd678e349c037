//! Who may use an atlas served on the web: accounts, their sessions and their API tokens.
//!
//! The store keeps only strings. Hashing passwords, making and hashing tokens and checking expiry
//! are the server's job, so that no backend holds a secret it could leak and every backend treats
//! them alike.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// What an account may do; each role may do everything the ones below it may.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Reads the atlas.
    Reader,
    /// Also reviews facts.
    Editor,
    /// Also manages accounts.
    Admin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Reader, Role::Editor, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Reader => "reader",
            Role::Editor => "editor",
            Role::Admin => "admin",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

/// A name that is not a role.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role {0:?} (reader, editor or admin)")]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;

    fn from_str(text: &str) -> Result<Role, UnknownRole> {
        Role::ALL.into_iter().find(|role| role.as_str() == text).ok_or_else(|| UnknownRole(text.to_string()))
    }
}

/// An account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    /// Unique; what the account signs in with and what review decisions name.
    pub name: String,
    pub role: Role,
    /// The password hash in the hasher's own string format (PHC for Argon2).
    pub password_hash: String,
    /// RFC 3339, UTC.
    pub created_at: String,
}

/// A signed-in browser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// The hash of the cookie's token: a copy of the database does not let anyone sign in.
    pub token_hash: String,
    /// The account's name.
    pub user: String,
    /// The token forms of this session must carry.
    pub csrf: String,
    /// RFC 3339, UTC.
    pub expires_at: String,
}

/// A token for scripts that call the API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiToken {
    /// The hash of the token; the token itself is shown once, when it is made.
    pub token_hash: String,
    /// The account's name.
    pub user: String,
    /// What the token is for, in the owner's words.
    pub label: String,
    /// RFC 3339, UTC.
    pub created_at: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_by_name_and_rank() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
        }
        assert_eq!("root".parse::<Role>(), Err(UnknownRole("root".into())));
        assert!(Role::Admin > Role::Editor && Role::Editor > Role::Reader);
        assert_eq!(serde_json::to_string(&Role::Editor).unwrap(), "\"editor\"");
    }
}

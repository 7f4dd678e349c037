//! `serve` and `user`: the web application over an atlas, and its accounts.

use std::io::BufRead;
use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::{Context, bail};
use coopatlas_analytics::{Contest, Geography};
use coopatlas_store::{ApiToken, Role, Store, User};
use coopatlas_store_postgres::PostgresStore;
use coopatlas_store_sqlite::SqliteStore;

use crate::args::{AtlasArg, UserAction};

/// What `serve` needs besides the atlas.
pub struct ServeOptions {
    pub listen: String,
    pub private: bool,
    pub upload_limit: u64,
    pub secure_cookies: bool,
}

pub fn serve(atlas: &AtlasArg, options: &ServeOptions) -> anyhow::Result<()> {
    let address: SocketAddr = options
        .listen
        .parse()
        .with_context(|| format!("--listen {:?} is not an address such as 127.0.0.1:8080", options.listen))?;
    // Opened once here so that a missing or newer atlas is reported before the server starts.
    let first = crate::commands::open_existing(atlas)?;
    let name = crate::commands::atlas_name(atlas);
    let users = first.users()?;
    drop(first);
    let gazetteer = crate::commands::gazetteer()?;
    let geography = Geography::new(&gazetteer, &coopatlas_gazetteer::contested(), Contest::Iso);
    let extractor = crate::commands::extractor()?;
    // Each request takes a connection from the server's pool; several servers may share one
    // PostgreSQL atlas, and each sees the others' writes through the data version.
    let open: coopatlas_web::Opener = match atlas.database.clone() {
        Some(url) => Box::new(move || PostgresStore::connect(&url).map(|store| Box::new(store) as Box<dyn Store>)),
        None => {
            let directory = atlas.atlas.clone();
            Box::new(move || SqliteStore::open(&directory).map(|store| Box::new(store) as Box<dyn Store>))
        }
    };
    let config = coopatlas_web::Config {
        anonymous_read: !options.private,
        upload_limit: usize::try_from(options.upload_limit).unwrap_or(usize::MAX),
        secure_cookies: options.secure_cookies,
        name: name.clone(),
        ..coopatlas_web::Config::default()
    };
    let state = Arc::new(coopatlas_web::Atlas::new(open, extractor, geography, config));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the server's runtime")?;
    let no_editor = !users.iter().any(|user| user.role >= Role::Editor);
    runtime
        .block_on(coopatlas_web::serve(state, address, |bound| {
            eprintln!("coopatlas serves {name} at http://{bound}/ (Ctrl-C stops it)");
            if no_editor {
                let option = match atlas.database {
                    Some(_) => format!("--database {name}"),
                    None => format!("--atlas {name}"),
                };
                eprintln!("No editor can sign in yet: `coopatlas user add NAME --role admin {option}` creates one.");
            }
        }))
        .with_context(|| format!("cannot serve at {address}"))
}

fn password() -> anyhow::Result<String> {
    let password = match std::env::var("COOPATLAS_PASSWORD") {
        Ok(password) => password,
        Err(_) => {
            let mut line = String::new();
            std::io::stdin().lock().read_line(&mut line).context("cannot read the password from standard input")?;
            line.trim_end_matches(['\n', '\r']).to_string()
        }
    };
    if password.chars().count() < 8 {
        bail!("the password needs at least 8 characters");
    }
    Ok(password)
}

pub fn user(action: UserAction) -> anyhow::Result<()> {
    match action {
        UserAction::Add { name, role, atlas } => {
            let role: Role =
                role.parse().map_err(|_| anyhow::anyhow!("unknown role {role:?}: use reader, editor or admin"))?;
            let name = name.trim().to_string();
            if name.is_empty() || name.chars().any(|character| character.is_control() || character.is_whitespace()) {
                bail!("a user name needs at least one character and no spaces");
            }
            let mut store = crate::commands::open_existing(&atlas)?;
            let hash =
                coopatlas_web::hash_password(&password()?).map_err(|error| anyhow::anyhow!("{}", error.message))?;
            let existing = store.user(&name)?;
            let created_at = existing.as_ref().map_or_else(
                || chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                |user| user.created_at.clone(),
            );
            store.put_user(&User { name: name.clone(), role, password_hash: hash, created_at })?;
            println!("{} {name} ({})", if existing.is_some() { "Updated" } else { "Added" }, role.as_str());
        }
        UserAction::List { atlas } => {
            let store = crate::commands::open_existing(&atlas)?;
            for user in store.users()? {
                println!("{}\t{}\t{}", user.name, user.role.as_str(), user.created_at);
            }
        }
        UserAction::Token { name, label, atlas } => {
            let mut store = crate::commands::open_existing(&atlas)?;
            if store.user(&name)?.is_none() {
                bail!("no user {name:?}; add one with `coopatlas user add`");
            }
            let token = coopatlas_web::new_token().map_err(|error| anyhow::anyhow!("{}", error.message))?;
            store.put_token(&ApiToken {
                token_hash: coopatlas_web::token_hash(&token),
                user: name,
                label,
                created_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            })?;
            println!("{token}");
        }
    }
    Ok(())
}

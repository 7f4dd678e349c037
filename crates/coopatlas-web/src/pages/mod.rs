//! The pages: one module each, one `router` here. Handlers read the request, ask the atlas,
//! and render with `maud`; what they show is computed by the analytics crate.

mod account;
mod admin;
pub mod document;
pub mod map;
pub mod network;
mod overview;
pub mod place;
pub mod registry;
pub mod review;
pub mod search;
pub mod upload;

use std::sync::Arc;

use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use coopatlas_analytics::labels::{self, Vocabulary};
use coopatlas_analytics::{Filter, Lang};
use maud::{Markup, html};

use crate::params::{filter_pairs, url};
use crate::state::Atlas;

pub fn router() -> Router<Arc<Atlas>> {
    Router::new()
        .route("/", get(overview::page))
        .route("/search", get(search::page))
        .route("/documents/{id}", get(document::page))
        .route("/documents/{id}/original", get(document::original))
        .route("/places/{id}", get(place::page))
        .route("/network", get(network::page))
        .route("/map", get(map::page))
        .route("/registry", get(registry::page))
        .route("/documents/{id}/review", axum::routing::post(review::submit))
        .route("/review", get(review::page))
        .route("/admin/users", get(admin::page).post(admin::save_user))
        .route("/admin/tokens", axum::routing::post(admin::new_api_token))
        .route("/upload", get(upload::form).post(upload::submit))
        .route("/login", get(account::login_form).post(account::login))
        .route("/logout", axum::routing::post(account::logout))
        .route("/static/app.css", get(stylesheet))
        .route("/static/app.js", get(script))
}

async fn stylesheet() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "max-age=3600")], STYLE)
}

async fn script() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "max-age=3600")], SCRIPT)
}

const STYLE: &str = include_str!("../../static/app.css");
const SCRIPT: &str = include_str!("../../static/app.js");

/// Integers as the language writes them (thin spaces or commas between thousands).
pub fn int(value: usize, lang: Lang) -> String {
    coopatlas_report::format::int(value, lang)
}

pub fn percent(share: f64, lang: Lang) -> String {
    coopatlas_report::format::percent(share, lang)
}

/// The name of a key of a vocabulary in the page's language.
pub fn named(vocabulary: Vocabulary, key: &str, lang: Lang) -> String {
    labels::name(vocabulary, key, lang).to_string()
}

/// A place's name in the page's language.
pub fn place_name(atlas: &Atlas, id: &str, lang: Lang) -> String {
    atlas.geography.name(id, lang).to_string()
}

/// A link to a place's profile.
pub fn place_link(atlas: &Atlas, id: &str, lang: Lang) -> Markup {
    html! { a href=(format!("/places/{}", crate::params::encode(id))) { (place_name(atlas, id, lang)) } }
}

/// The search page listing the documents behind a number: the filter plus `extra` pairs.
pub fn documents_link(filter: &Filter, extra: &[(&'static str, String)]) -> String {
    let mut pairs = filter_pairs(filter);
    for (key, value) in extra {
        if !pairs.iter().any(|(k, v)| k == key && v == value) {
            pairs.push((key, value.clone()));
        }
    }
    url("/search", &pairs)
}

/// A `<select>` of a vocabulary's keys, the chosen one selected, an empty choice first.
fn select(name: &str, vocabulary: Vocabulary, chosen: &[String], lang: Lang, any: &str) -> Markup {
    html! {
        select name=(name) {
            option value="" { (any) }
            @for (key, _, _) in vocabulary {
                option value=(key) selected[chosen.iter().any(|value| value == key)] { (named(vocabulary, key, lang)) }
            }
        }
    }
}

/// The filter form every analytic page carries; it submits to `action` with GET, so the
/// result is a URL.
pub fn filter_form(action: &str, filter: &Filter, lang: Lang, extra: Markup) -> Markup {
    let any = lang.pick("все", "all");
    html! {
        form.filters method="get" action=(action) {
            (extra)
            label { (lang.pick("Округ", "District")) " " (select("district", labels::FEDERAL_DISTRICTS, &filter.districts, lang, any)) }
            label { (lang.pick("Место", "Place")) " "
                input type="text" name="place" value=(filter.places.join(",")) placeholder=(lang.pick("код или название", "id or name")) size="14";
            }
            label { (lang.pick("С", "From")) " " input type="number" name="from" min="1900" max="2100" value=[filter.from]; }
            label { (lang.pick("по", "to")) " " input type="number" name="to" min="1900" max="2100" value=[filter.to]; }
            label { (lang.pick("Сфера", "Sphere")) " " (select("sphere", labels::SPHERES, &filter.spheres, lang, any)) }
            label { (lang.pick("Форма", "Form")) " " (select("form", labels::FORMS, &filter.forms, lang, any)) }
            label { (lang.pick("Язык", "Language")) " " (select("language", labels::LANGUAGES, &filter.languages, lang, any)) }
            label { (lang.pick("Жанр", "Genre")) " " (select("genre", labels::GENRES, &filter.genres, lang, any)) }
            label { (lang.pick("Охват", "Scope")) " "
                select name="scope" {
                    option value="" { (any) }
                    @for (key, _, _) in labels::SCOPES {
                        option value=(key) selected[filter.scope.is_some_and(|scope| scope.as_str() == *key)] { (named(labels::SCOPES, key, lang)) }
                    }
                }
            }
            button type="submit" { (lang.pick("Показать", "Apply")) }
            @if !filter.is_empty() { " " a href=(action) { (lang.pick("сбросить", "clear")) } }
        }
    }
}

//! The frame every page shares: header, navigation, language switch, sign-in state.

use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use coopatlas_analytics::Lang;
use maud::{DOCTYPE, Markup, html};

use crate::auth::{LANG_COOKIE, Viewer};

/// The sections of the navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Overview,
    Search,
    Network,
    Map,
    Registry,
    Review,
    Upload,
    Other,
}

/// The same page in the other language: the current URL with `lang=` set.
fn switch_lang(here: &str, lang: Lang) -> String {
    let (path, query) = here.split_once('?').unwrap_or((here, ""));
    let mut pairs: Vec<&str> = query.split('&').filter(|pair| !pair.is_empty() && !pair.starts_with("lang=")).collect();
    let setting = format!("lang={}", lang.code());
    pairs.push(&setting);
    format!("{path}?{}", pairs.join("&"))
}

/// A whole page: `<title>`, the frame, and `body`.
pub fn page(viewer: &Viewer, section: Section, title: &str, body: Markup) -> Response {
    let lang = viewer.lang;
    let nav: [(Section, &str, &str); 5] = [
        (Section::Overview, "/", lang.pick("Обзор", "Overview")),
        (Section::Search, "/search", lang.pick("Поиск", "Search")),
        (Section::Network, "/network", lang.pick("Сеть", "Network")),
        (Section::Map, "/map", lang.pick("Карта", "Map")),
        (Section::Registry, "/registry", lang.pick("Реестр", "Registry")),
    ];
    let markup = html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · coopatlas" }
                link rel="stylesheet" href="/static/app.css";
                // No icon file: an empty one keeps browsers from asking for /favicon.ico.
                link rel="icon" href="data:,";
                script src="/static/app.js" defer {}
            }
            body {
                header.top {
                    a.brand href="/" { "coopatlas" }
                    nav {
                        @for (item, href, label) in nav {
                            a href=(href) aria-current=[(item == section).then_some("page")] { (label) }
                        }
                        @if viewer.may_edit() {
                            a href="/review" aria-current=[(section == Section::Review).then_some("page")] {
                                (lang.pick("Проверка", "Review"))
                            }
                            a href="/upload" aria-current=[(section == Section::Upload).then_some("page")] {
                                (lang.pick("Загрузка", "Upload"))
                            }
                        }
                        @if viewer.role() == Some(coopatlas_store::Role::Admin) {
                            a href="/admin/users" { (lang.pick("Пользователи", "Users")) }
                        }
                    }
                    div.account {
                        @match lang {
                            Lang::Ru => { a href=(switch_lang(&viewer.here, Lang::En)) hreflang="en" lang="en" { "English" } }
                            Lang::En => { a href=(switch_lang(&viewer.here, Lang::Ru)) hreflang="ru" lang="ru" { "Русский" } }
                        }
                        @if let Some(user) = &viewer.user {
                            span.user { (user.name) " (" (user.role.as_str()) ")" }
                            form.inline method="post" action="/logout" {
                                input type="hidden" name="csrf" value=(viewer.csrf());
                                button type="submit" { (lang.pick("Выйти", "Sign out")) }
                            }
                        } @else {
                            a href=(format!("/login?next={}", crate::params::encode(&viewer.here))) {
                                (lang.pick("Войти", "Sign in"))
                            }
                        }
                    }
                }
                main { (body) }
                footer {
                    (lang.pick(
                        "Каждое число ведёт к предложениям, из которых оно получено.",
                        "Every number leads to the sentences it was counted from."
                    ))
                    " · " a href="/api/openapi.json" { "API" }
                }
            }
        }
    };
    let mut response = Html(markup.into_string()).into_response();
    if let Some(chosen) = viewer.lang_chosen {
        let cookie = crate::auth::plain_cookie(LANG_COOKIE, chosen.code().to_string(), false);
        if let Ok(value) = cookie.to_string().parse() {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_switch_keeps_the_query() {
        assert_eq!(switch_lang("/search?q=a&lang=ru", Lang::En), "/search?q=a&lang=en");
        assert_eq!(switch_lang("/", Lang::Ru), "/?lang=ru");
    }
}

//! The router without a socket: every page and endpoint, who may do what, and the bad requests.
//! The atlas is the bundled sample corpus plus one hostile document.

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use coopatlas_analytics::{Contest, Geography};
mod common;

use coopatlas_ingest::{IngestConfig, Quiet};
use coopatlas_store::{ApiToken, Role, Store, User};
use coopatlas_store_sqlite::SqliteStore;
use coopatlas_web::{Atlas, Config};
use http_body_util::BodyExt;
use tower::ServiceExt;

const HOSTILE: &str = "Опасный текст\n\n<script>window.__pwned=1</script><img src=x onerror=\"alert(1)\"> \
    Калининградская область и Республика Беларусь подписали соглашение о сотрудничестве в сфере образования.";

struct Fixture {
    _directory: tempfile::TempDir,
    path: std::path::PathBuf,
    atlas: Arc<Atlas>,
    /// API tokens of a reader, an editor and an admin.
    tokens: [String; 3],
    hostile: String,
}

fn extractor() -> coopatlas_extract::Extractor {
    coopatlas_extract::Extractor::new(
        coopatlas_gazetteer::Gazetteer::bundled(),
        coopatlas_codebook::Codebook::bundled(),
    )
}

fn fixture(config: Config) -> Fixture {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("atlas");
    let mut store = SqliteStore::open(&path).unwrap();
    let inputs = common::corpus_inputs(&[("hostile.txt", HOSTILE.as_bytes())]);
    let config_ingest = IngestConfig { extractor: Some(Arc::new(extractor())), threads: 2, ..IngestConfig::default() };
    let summary = coopatlas_ingest::ingest(&mut store, inputs, &config_ingest, &mut Quiet).unwrap();
    assert_eq!(summary.failed, 0);
    let hostile = coopatlas_document::DocumentId::of(HOSTILE.as_bytes()).to_string();
    let mut tokens = Vec::new();
    for (name, role) in [("rita", Role::Reader), ("eddie", Role::Editor), ("ada", Role::Admin)] {
        store
            .put_user(&User {
                name: name.into(),
                role,
                password_hash: coopatlas_web::hash_password(&format!("{name}-password")).unwrap(),
                created_at: "2026-11-24T00:00:00Z".into(),
            })
            .unwrap();
        let token = coopatlas_web::new_token().unwrap();
        store
            .put_token(&ApiToken {
                token_hash: coopatlas_web::token_hash(&token),
                user: name.into(),
                label: "test".into(),
                created_at: "2026-11-24T00:00:00Z".into(),
            })
            .unwrap();
        tokens.push(token);
    }
    drop(store);
    let directory_of_atlas = path.clone();
    let open: coopatlas_web::Opener =
        Box::new(move || SqliteStore::open(&directory_of_atlas).map(|store| Box::new(store) as Box<dyn Store>));
    let gazetteer = coopatlas_gazetteer::Gazetteer::bundled();
    let geography = Geography::new(&gazetteer, &coopatlas_gazetteer::contested(), Contest::Iso);
    let atlas = Arc::new(Atlas::new(open, extractor(), geography, config));
    Fixture { _directory: directory, path, atlas, tokens: tokens.try_into().unwrap(), hostile }
}

struct Answer {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: Vec<u8>,
}

impl Answer {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|error| panic!("not JSON ({error}): {}", self.text()))
    }

    fn code(&self) -> String {
        self.json()["error"]["code"].as_str().unwrap_or("").to_string()
    }
}

async fn send(app: &Router, request: Request<Body>) -> Answer {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.unwrap().to_bytes().to_vec();
    Answer { status, headers, body }
}

fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).unwrap()
}

fn with_token(mut request: Request<Body>, token: &str) -> Request<Body> {
    request.headers_mut().insert(header::AUTHORIZATION, format!("Bearer {token}").parse().unwrap());
    request
}

fn json_post(uri: &str, value: serde_json::Value) -> Request<Body> {
    Request::post(uri).header(header::CONTENT_TYPE, "application/json").body(Body::from(value.to_string())).unwrap()
}

fn form_post(uri: &str, pairs: &[(&str, &str)], cookie: Option<&str>) -> Request<Body> {
    let body: Vec<String> = pairs.iter().map(|(key, value)| format!("{key}={}", urlencode(value))).collect();
    let mut builder = Request::post(uri).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(cookie) = cookie {
        builder = builder.header(header::COOKIE, cookie);
    }
    builder.body(Body::from(body.join("&"))).unwrap()
}

fn urlencode(value: &str) -> String {
    value
        .bytes()
        .map(|byte| if byte.is_ascii_alphanumeric() { (byte as char).to_string() } else { format!("%{byte:02X}") })
        .collect()
}

/// A document of the corpus that has ties.
async fn document_with_ties(app: &Router) -> (String, serde_json::Value) {
    let search = send(app, get("/api/search?q=%D1%81%D0%BE%D0%B3%D0%BB%D0%B0%D1%88%D0%B5%D0%BD%D0%B8%D0%B5")).await;
    assert_eq!(search.status, StatusCode::OK, "{}", search.text());
    for result in search.json()["results"].as_array().unwrap() {
        let id = result["id"].as_str().unwrap().to_string();
        let document = send(app, get(&format!("/api/documents/{id}"))).await.json();
        if document["document"]["facts"]["ties"].as_array().is_some_and(|ties| !ties.is_empty()) {
            return (id, document);
        }
    }
    panic!("no document with ties found");
}

/// Signs in through the form and returns the session cookie and the CSRF token of its pages.
async fn sign_in(app: &Router, name: &str) -> (String, String) {
    let form = send(app, get("/login")).await;
    assert_eq!(form.status, StatusCode::OK);
    let login_cookie =
        form.headers.get(header::SET_COOKIE).unwrap().to_str().unwrap().split(';').next().unwrap().to_string();
    let page = form.text();
    let csrf = value_of(&page, "csrf");
    let password = format!("{name}-password");
    let answer = send(
        app,
        form_post(
            "/login",
            &[("name", name), ("password", &password), ("csrf", &csrf), ("next", "/")],
            Some(&login_cookie),
        ),
    )
    .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.text());
    let session = answer
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|value| value.to_str().unwrap())
        .find(|value| value.starts_with("coopatlas_session="))
        .unwrap();
    assert!(session.contains("HttpOnly") && session.contains("SameSite=Lax"), "{session}");
    let cookie = session.split(';').next().unwrap().to_string();
    let mut request = get("/");
    request.headers_mut().insert(header::COOKIE, cookie.parse().unwrap());
    let page = send(app, request).await.text();
    (cookie, value_of(&page, "csrf"))
}

/// The value of the first hidden input called `name`.
fn value_of(page: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = page.find(&marker).unwrap_or_else(|| panic!("no {name} in the page")) + marker.len();
    page[start..].split('"').next().unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_and_endpoint_answers() {
    let fixture = fixture(Config::default());
    let app = coopatlas_web::app(fixture.atlas.clone());
    let (id, _) = document_with_ties(&app).await;
    let pages = [
        "/".to_string(),
        "/?lang=en".into(),
        "/?district=northwestern&from=2015&to=2025&sphere=education".into(),
        "/search".into(),
        "/search?year=none&language=ru".into(),
        "/search?q=%22twin+cities%22".into(),
        "/search?q=%D0%9A%D0%B0%D0%BB%D0%B8%D0%BD%D0%B8%D0%BD%D0%B3%D1%80%D0%B0%D0%B4%D1%81%D0%BA%D0%BE%D0%B9&has_sphere=education&page=1".into(),
        format!("/documents/{id}"),
        format!("/documents/{}?hl=0-5", &id[..8]),
        "/places/RU-KGD".into(),
        "/places/BY?from=2010".into(),
        "/places/%D0%9A%D0%B0%D0%B7%D0%B0%D0%BD%D1%8C".into(),
        "/network".into(),
        "/network?weight=agreements&size=pagerank&top=20".into(),
        "/registry".into(),
        "/map".into(),
        "/map?measure=international&contested=on".into(),
        "/api/map?from=2015".into(),
        "/registry?sort=a&order=asc&page=1".into(),
        "/login".into(),
        "/static/app.css".into(),
        "/static/app.js".into(),
        "/api/overview".into(),
        "/api/search?q=twin".into(),
        format!("/api/documents/{id}"),
        "/api/places/RU-KGD".into(),
        "/api/network?size=betweenness".into(),
        "/api/registry?sort=agreements".into(),
        "/api/openapi.json".into(),
    ];
    for uri in &pages {
        let answer = send(&app, get(uri)).await;
        assert_eq!(answer.status, StatusCode::OK, "{uri}: {}", answer.text());
        let policy = answer.headers.get(header::CONTENT_SECURITY_POLICY).unwrap().to_str().unwrap();
        assert!(policy.contains("default-src 'none'"), "{uri}");
        assert_eq!(answer.headers.get(header::X_CONTENT_TYPE_OPTIONS).unwrap(), "nosniff");
    }
    // The maps: a tile per region, Kaliningrad's partners counted, countries with links.
    let map = send(&app, get("/map")).await.text();
    assert!(map.contains("data-id=\"RU-KGD\"") && map.contains("data-id=\"RU-CHU\""));
    let maps = send(&app, get("/api/map")).await.json();
    assert!(maps["regions"]["RU-KGD"]["partners"].as_u64().unwrap() > 0);
    assert!(maps["countries"]["BY"].as_u64().unwrap() > 0);
    // The registry downloads: CSV with a header and rows, XLSX as a zip.
    let csv = send(&app, get("/registry?format=csv")).await;
    assert_eq!(csv.status, StatusCode::OK);
    let text = csv.text();
    assert!(text.trim_start_matches('\u{feff}').starts_with("a,a_name,b,b_name"), "{}", &text[..80.min(text.len())]);
    assert!(text.lines().count() > 5);
    let xlsx = send(&app, get("/api/registry?format=xlsx")).await;
    assert_eq!(xlsx.status, StatusCode::OK);
    assert!(xlsx.body.starts_with(b"PK"));
    // The overview counts agree with the registry's total.
    let overview = send(&app, get("/api/overview")).await.json();
    let registry = send(&app, get("/api/registry")).await.json();
    assert_eq!(overview["counts"]["partnerships"], registry["total"]);
    assert!(registry["total"].as_u64().unwrap() > 10);
    // A language from the URL is remembered in a cookie and used by the page.
    let english = send(&app, get("/?lang=en")).await;
    assert!(english.text().contains("<html lang=\"en\""));
    assert!(english.headers.get(header::SET_COOKIE).unwrap().to_str().unwrap().starts_with("coopatlas_lang=en"));
    let mut request = get("/");
    request.headers_mut().insert(header::ACCEPT_LANGUAGE, "en-GB,en;q=0.9".parse().unwrap());
    assert!(send(&app, request).await.text().contains("Atlas overview"));
    assert!(send(&app, get("/")).await.text().contains("Обзор атласа"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_document_names_only_routes_that_exist() {
    let fixture = fixture(Config::default());
    let app = coopatlas_web::app(fixture.atlas.clone());
    let document = send(&app, get("/api/openapi.json")).await.json();
    assert_eq!(document["openapi"], "3.1.0");
    let paths = document["paths"].as_object().unwrap();
    assert!(paths.len() >= 10);
    for (path, methods) in paths {
        let concrete = path.replace("{id}", "RU-KGD");
        for method in methods.as_object().unwrap().keys() {
            let request = Request::builder()
                .method(Method::from_bytes(method.to_uppercase().as_bytes()).unwrap())
                .uri(&concrete)
                .body(Body::empty())
                .unwrap();
            let answer = send(&app, request).await;
            assert_ne!(answer.status, StatusCode::METHOD_NOT_ALLOWED, "{method} {path}");
            assert!(!answer.text().contains("no endpoint"), "{method} {path} is not routed");
        }
    }
    let unknown = send(&app, get("/api/nothing-here")).await;
    assert_eq!((unknown.status, unknown.code().as_str()), (StatusCode::NOT_FOUND, "not_found"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn who_may_do_what() {
    let fixture = fixture(Config::default());
    let app = coopatlas_web::app(fixture.atlas.clone());
    let (id, document) = document_with_ties(&app).await;
    let [reader, editor, admin] = fixture.tokens.clone();
    // Reading is open; reviewing and uploading are not.
    assert_eq!(send(&app, get("/review")).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(send(&app, with_token(get("/review"), &reader)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(send(&app, with_token(get("/review"), &editor)).await.status, StatusCode::OK);
    assert_eq!(send(&app, with_token(get("/review"), &admin)).await.status, StatusCode::OK);
    assert_eq!(send(&app, get("/upload")).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(send(&app, with_token(get("/upload"), &reader)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(send(&app, with_token(get("/upload"), &editor)).await.status, StatusCode::OK);
    // Accounts are the admin's.
    assert_eq!(send(&app, get("/admin/users")).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(send(&app, with_token(get("/admin/users"), &reader)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(send(&app, with_token(get("/admin/users"), &editor)).await.status, StatusCode::FORBIDDEN);
    let users = send(&app, with_token(get("/admin/users"), &admin)).await;
    assert_eq!(users.status, StatusCode::OK);
    assert!(users.text().contains("eddie"));
    let new_user = [("name", "zoe"), ("role", "editor"), ("password", "zoe-password")];
    assert_eq!(
        send(&app, with_token(form_post("/admin/users", &new_user, None), &editor)).await.status,
        StatusCode::FORBIDDEN
    );
    let short = [("name", "zoe"), ("role", "editor"), ("password", "short")];
    assert_eq!(
        send(&app, with_token(form_post("/admin/users", &short, None), &admin)).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        send(&app, with_token(form_post("/admin/users", &new_user, None), &admin)).await.status,
        StatusCode::SEE_OTHER
    );
    sign_in(&app, "zoe").await;
    let token_page = send(&app, with_token(form_post("/admin/tokens", &[("name", "zoe")], None), &admin)).await;
    assert_eq!(token_page.status, StatusCode::OK);
    let html = token_page.text();
    let start = html.find("<code>").unwrap() + "<code>".len();
    let zoe_token = &html[start..start + 64];
    assert_eq!(send(&app, with_token(get("/review"), zoe_token)).await.status, StatusCode::OK);
    let api_review = send(&app, get("/api/review")).await;
    assert_eq!((api_review.status, api_review.code().as_str()), (StatusCode::UNAUTHORIZED, "unauthorized"));
    // A wrong token is refused, not taken for an anonymous visitor.
    let wrong = send(&app, with_token(get("/api/overview"), "not-a-token")).await;
    assert_eq!((wrong.status, wrong.code().as_str()), (StatusCode::UNAUTHORIZED, "bad_token"));

    let accept = serde_json::json!({"kind": "tie", "verdict": "accept", "index": "0"});
    let uri = format!("/api/documents/{id}/decisions");
    assert_eq!(send(&app, json_post(&uri, accept.clone())).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(send(&app, with_token(json_post(&uri, accept.clone()), &reader)).await.status, StatusCode::FORBIDDEN);
    let version = fixture.atlas.with_store(|store| Ok(store.data_version()?)).await.unwrap();
    let recorded = send(&app, with_token(json_post(&uri, accept.clone()), &editor)).await;
    assert_eq!(recorded.status, StatusCode::CREATED, "{}", recorded.text());
    assert_eq!(recorded.json()["decision"]["reviewer"], "eddie");
    assert_eq!(recorded.json()["decision"]["machine"], {
        let mut tie = document["document"]["facts"]["ties"][0].clone();
        tie["kind"] = "tie".into();
        tie
    });
    assert!(fixture.atlas.with_store(|store| Ok(store.data_version()?)).await.unwrap() > version);
    assert_eq!(send(&app, with_token(json_post(&uri, accept), &admin)).await.status, StatusCode::CREATED);
    let review = send(&app, with_token(get("/api/review"), &editor)).await.json();
    assert_eq!(review["agreement"][0]["kind"], "tie");
    assert_eq!(review["agreement"][0]["reviewed"], 1, "the latest decision per item counts once");
    assert_eq!(review["total"], 2);

    // Browser forms need the session's CSRF token.
    let (cookie, csrf) = sign_in(&app, "eddie").await;
    let form_uri = format!("/documents/{id}/review");
    let forged = send(
        &app,
        form_post(
            &form_uri,
            &[("kind", "tie"), ("verdict", "reject"), ("index", "0"), ("csrf", "forged")],
            Some(&cookie),
        ),
    )
    .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let good = send(
        &app,
        form_post(&form_uri, &[("kind", "tie"), ("verdict", "reject"), ("index", "0"), ("csrf", &csrf)], Some(&cookie)),
    )
    .await;
    assert_eq!(good.status, StatusCode::SEE_OTHER, "{}", good.text());
    let mut page = get(&format!("/documents/{id}"));
    page.headers_mut().insert(header::COOKIE, cookie.parse().unwrap());
    let page = send(&app, page).await.text();
    assert!(page.contains("badge reject"), "the rejection shows on the page");
    // A reader signed in sees no review forms.
    let (reader_cookie, _) = sign_in(&app, "rita").await;
    let mut page = get(&format!("/documents/{id}"));
    page.headers_mut().insert(header::COOKIE, reader_cookie.parse().unwrap());
    assert!(!send(&app, page).await.text().contains("/review\" method"));
    // Signing out ends the session.
    let out = send(&app, form_post("/logout", &[("csrf", &csrf)], Some(&cookie))).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    let cleared = out.headers.get(header::SET_COOKIE).unwrap().to_str().unwrap();
    assert!(cleared.starts_with("coopatlas_session=;") && cleared.contains("Path=/"), "{cleared}");
    let mut after = get("/review");
    after.headers_mut().insert(header::COOKIE, cookie.parse().unwrap());
    assert_eq!(send(&app, after).await.status, StatusCode::UNAUTHORIZED);
    // A wrong password.
    let form = send(&app, get("/login")).await;
    let login_cookie =
        form.headers.get(header::SET_COOKIE).unwrap().to_str().unwrap().split(';').next().unwrap().to_string();
    let token = value_of(&form.text(), "csrf");
    let bad = send(
        &app,
        form_post("/login", &[("name", "eddie"), ("password", "wrong"), ("csrf", &token)], Some(&login_cookie)),
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn private_atlases_need_a_user() {
    let fixture = fixture(Config { anonymous_read: false, ..Config::default() });
    let app = coopatlas_web::app(fixture.atlas.clone());
    assert_eq!(send(&app, get("/")).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(send(&app, get("/api/search?q=twin")).await.code(), "unauthorized");
    assert_eq!(send(&app, get("/login")).await.status, StatusCode::OK, "the sign-in page stays open");
    assert_eq!(send(&app, with_token(get("/"), &fixture.tokens[0])).await.status, StatusCode::OK);
    let (cookie, _) = sign_in(&app, "rita").await;
    let mut request = get("/network");
    request.headers_mut().insert(header::COOKIE, cookie.parse().unwrap());
    assert_eq!(send(&app, request).await.status, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_requests_are_clear_and_change_nothing() {
    let fixture = fixture(Config { upload_limit: 64 * 1024, ..Config::default() });
    let app = coopatlas_web::app(fixture.atlas.clone());
    let (id, _) = document_with_ties(&app).await;
    let editor = fixture.tokens[1].clone();
    for (uri, status, code) in [
        ("/api/documents/0123456789abcdef", StatusCode::NOT_FOUND, "not_found"),
        ("/api/documents/zz", StatusCode::BAD_REQUEST, "bad_query"),
        ("/api/search?from=20x", StatusCode::BAD_REQUEST, "bad_year"),
        ("/api/search?from=2022&to=2020", StatusCode::BAD_REQUEST, "bad_period"),
        ("/api/search?sphere=magic", StatusCode::BAD_REQUEST, "unknown_key"),
        ("/api/search?page=0", StatusCode::BAD_REQUEST, "bad_page"),
        ("/api/search?q=%22%22", StatusCode::BAD_REQUEST, "bad_query"),
        ("/api/overview?place=%D0%9D%D0%B0%D1%80%D0%BD%D0%B8%D1%8F", StatusCode::BAD_REQUEST, "unknown_place"),
        ("/api/overview?scope=galactic", StatusCode::BAD_REQUEST, "unknown_scope"),
        ("/api/places/Atlantis", StatusCode::BAD_REQUEST, "unknown_place"),
        ("/api/network?weight=love", StatusCode::BAD_REQUEST, "unknown_weight"),
        ("/api/network?top=0", StatusCode::BAD_REQUEST, "bad_top"),
        ("/api/registry?sort=price", StatusCode::BAD_REQUEST, "unknown_sort"),
        ("/api/registry?format=docx", StatusCode::BAD_REQUEST, "unknown_format"),
    ] {
        let answer = send(&app, get(uri)).await;
        assert_eq!((answer.status, answer.code().as_str()), (status, code), "{uri}: {}", answer.text());
        assert!(!answer.json()["error"]["message"].as_str().unwrap().is_empty());
    }
    // Pages answer the same errors as HTML.
    let page = send(&app, get("/documents/0123456789abcdef")).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.text().contains("data-code=\"not_found\""));
    assert_eq!(send(&app, get(&format!("/documents/{id}?hl=9-2"))).await.status, StatusCode::BAD_REQUEST);
    let map = send(&app, get("/map?measure=height")).await;
    assert_eq!(map.status, StatusCode::BAD_REQUEST);
    assert!(map.text().contains("data-code=\"unknown_measure\""));

    let version = || async { fixture.atlas.with_store(|store| Ok(store.data_version()?)).await.unwrap() };
    let before = version().await;
    let uri = format!("/api/documents/{id}/decisions");
    for (body, status) in [
        (serde_json::json!({"kind": "tie", "verdict": "accept", "index": "999"}), StatusCode::NOT_FOUND),
        (serde_json::json!({"kind": "tie", "verdict": "maybe", "index": "0"}), StatusCode::UNPROCESSABLE_ENTITY),
        (serde_json::json!({"kind": "tie", "verdict": "accept"}), StatusCode::UNPROCESSABLE_ENTITY),
        (
            serde_json::json!({"kind": "tie", "verdict": "correct", "index": "0", "a": "Atlantis", "b": "BY"}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            serde_json::json!({"kind": "tie", "verdict": "correct", "index": "0", "a": "RU-KGD", "b": "BY", "forms": "duel"}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            serde_json::json!({"kind": "tie", "verdict": "add", "a": "RU-KGD", "b": "BY", "sentence": "Этого предложения нет в тексте."}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            serde_json::json!({"kind": "figure", "verdict": "add", "a": "RU-KGD", "b": "BY", "sentence": "x"}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ] {
        let answer = send(&app, with_token(json_post(&uri, body.clone()), &editor)).await;
        assert_eq!(answer.status, status, "{body}: {}", answer.text());
    }
    let unknown = send(
        &app,
        with_token(
            json_post(
                "/api/documents/0123456789abcdef/decisions",
                serde_json::json!({"kind": "tie", "verdict": "accept", "index": "0"}),
            ),
            &editor,
        ),
    )
    .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(version().await, before, "no refused decision was stored");
    let decisions = fixture.atlas.with_store(|store| Ok(store.decisions(None)?)).await.unwrap();
    assert!(decisions.is_empty());

    // An upload over the limit is refused whole.
    let documents = fixture.atlas.with_store(|store| Ok(store.document_ids()?.len())).await.unwrap();
    let big = "Калининградская область и Республика Беларусь. ".repeat(4000);
    let answer = send(&app, with_token(multipart("/api/documents", "big.txt", big.as_bytes()), &editor)).await;
    assert_eq!(
        (answer.status, answer.code().as_str()),
        (StatusCode::PAYLOAD_TOO_LARGE, "too_large"),
        "{}",
        answer.text()
    );
    assert_eq!(fixture.atlas.with_store(|store| Ok(store.document_ids()?.len())).await.unwrap(), documents);
    // A small one is stored and extracted.
    let small = "Псковская область и Эстония провели совместный форум по туризму в 2024 году.";
    let answer = send(&app, with_token(multipart("/api/documents", "small.txt", small.as_bytes()), &editor)).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text());
    let uploaded = answer.json();
    assert_eq!(uploaded[0]["outcome"], "new");
    let id = uploaded[0]["id"].as_str().unwrap();
    let stored = send(&app, get(&format!("/api/documents/{id}"))).await.json();
    assert_eq!(stored["document"]["paths"][0], "upload/eddie/small.txt");
    assert!(stored["document"]["facts"].is_object());
    assert_eq!(fixture.atlas.with_store(|store| Ok(store.document_ids()?.len())).await.unwrap(), documents + 1);
}

fn multipart(uri: &str, name: &str, bytes: &[u8]) -> Request<Body> {
    let boundary = "coopatlas-test-boundary";
    let mut body = Vec::new();
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: text/plain\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    Request::post(uri)
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
        .body(Body::from(body))
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn document_text_is_shown_never_run() {
    let fixture = fixture(Config::default());
    let app = coopatlas_web::app(fixture.atlas.clone());
    let page = send(&app, get(&format!("/documents/{}", fixture.hostile))).await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(html.contains("&lt;script&gt;window.__pwned=1&lt;/script&gt;"));
    assert!(!html.contains("<script>window"));
    assert!(!html.contains("<img src=x"));
    // The only script is the application's own file.
    assert_eq!(html.matches("<script").count(), 1);
    assert!(html.contains("<script src=\"/static/app.js\""));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn decisions_outlive_reextraction_and_count_in_the_analysis() {
    let fixture = fixture(Config::default());
    let app = coopatlas_web::app(fixture.atlas.clone());
    let editor = fixture.tokens[1].clone();
    let hostile = fixture.hostile.clone();
    let before = send(&app, get("/api/places/RU-KGD")).await.json();
    let partners = |profile: &serde_json::Value| -> Vec<String> {
        profile["partners"]
            .as_array()
            .unwrap()
            .iter()
            .map(|partner| partner["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(partners(&before).contains(&"BY".to_string()));
    // Add a tie the machine missed (Kaliningrad – Kazakhstan), stated by a sentence of the text.
    let added = send(
        &app,
        with_token(
            json_post(
                &format!("/api/documents/{hostile}/decisions"),
                serde_json::json!({"kind": "tie", "verdict": "add", "a": "RU-KGD", "b": "Казахстан", "forms": "agreement",
                    "sentence": "Калининградская область и Республика Беларусь подписали соглашение"}),
            ),
            &editor,
        ),
    )
    .await;
    assert_eq!(added.status, StatusCode::CREATED, "{}", added.text());
    assert_eq!(added.json()["decision"]["human"]["b"], "KZ");
    let after = send(&app, get("/api/places/RU-KGD")).await.json();
    assert!(partners(&after).contains(&"KZ".to_string()), "the added tie counts at once");
    // Extraction runs again over every document: the decision stays and still counts.
    let path = fixture.path.clone();
    tokio::task::spawn_blocking(move || {
        let mut store = SqliteStore::open(&path).unwrap();
        let extractor = Arc::new(extractor());
        let summary = coopatlas_ingest::reextract(&mut store, &extractor, true, 2, &mut Quiet).unwrap();
        assert!(summary.extracted > 60);
    })
    .await
    .unwrap();
    let decisions = fixture.atlas.with_store(|store| Ok(store.decisions(None)?)).await.unwrap();
    assert_eq!(decisions.len(), 1);
    let again = send(&app, get("/api/places/RU-KGD")).await.json();
    assert!(partners(&again).contains(&"KZ".to_string()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn documents_without_facts_are_named_not_hidden() {
    let fixture = fixture(Config::default());
    let app = coopatlas_web::app(fixture.atlas.clone());
    assert_eq!(send(&app, get("/api/search")).await.json()["unextracted"], 0);
    let bytes = b"Tomsk Oblast and Kazakhstan signed an agreement on education.";
    let extracted =
        coopatlas_readers::read(bytes, Some("txt"), &coopatlas_readers::Limits::default()).expect("plain text reads");
    let document = coopatlas_document::Document::new(bytes, extracted);
    let id = document.id.to_string();
    let path = fixture.path.clone();
    tokio::task::spawn_blocking(move || {
        let mut store = SqliteStore::open(&path).unwrap();
        store.put(&[(document, coopatlas_store::Source { path: "no-facts.txt".into() })]).unwrap();
    })
    .await
    .unwrap();
    let search = send(&app, get("/api/search")).await.json();
    assert_eq!(search["unextracted"], 1, "the new data version is seen at once");
    assert!(send(&app, get("/search")).await.text().contains("coopatlas reextract"));
    // The document itself opens, saying extraction has not run.
    let page = send(&app, get(&format!("/documents/{id}"))).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text().contains("Извлечение ещё не запускалось"));
}

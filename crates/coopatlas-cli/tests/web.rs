//! `user` and `serve` end to end: accounts made from the command line sign in to a server the
//! binary runs on a free port.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::Stdio;

use common::{coopatlas, run, text};

/// One HTTP/1.1 request with a closed connection: status line and body.
fn http(address: &str, request: &str) -> (String, String) {
    let mut stream = TcpStream::connect(address).expect("connect");
    stream.write_all(request.as_bytes()).expect("send");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("read");
    let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((&answer, ""));
    (head.lines().next().unwrap_or("").to_string(), body.to_string())
}

#[test]
fn users_tokens_and_a_served_atlas() {
    let work = tempfile::tempdir().expect("temporary directory");
    let atlas = work.path().join("atlas");
    let atlas = atlas.to_str().expect("utf-8");
    // Reading commands never create an atlas, and neither do these.
    let missing = run(&["user", "list", "--atlas", atlas]);
    assert_eq!(missing.status.code(), Some(2), "{}", text(&missing.stderr));
    assert!(text(&missing.stderr).contains("no atlas"));
    assert!(run(&["demo", "--atlas", atlas]).status.success());

    let short = coopatlas()
        .args(["user", "add", "anna", "--atlas", atlas])
        .env("COOPATLAS_PASSWORD", "short")
        .output()
        .unwrap();
    assert_eq!(short.status.code(), Some(2));
    assert!(text(&short.stderr).contains("at least 8"));
    let bad_role = coopatlas()
        .args(["user", "add", "anna", "--role", "king", "--atlas", atlas])
        .env("COOPATLAS_PASSWORD", "long enough")
        .output()
        .unwrap();
    assert!(text(&bad_role.stderr).contains("unknown role"));
    // The password may come on standard input.
    let mut add = coopatlas()
        .args(["user", "add", "anna", "--role", "admin", "--atlas", atlas])
        .env_remove("COOPATLAS_PASSWORD")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    add.stdin.take().unwrap().write_all(b"correct horse battery\n").unwrap();
    let added = add.wait_with_output().unwrap();
    assert!(added.status.success());
    assert_eq!(text(&added.stdout).trim(), "Added anna (admin)");
    let listed = run(&["user", "list", "--atlas", atlas]);
    assert!(text(&listed.stdout).starts_with("anna\tadmin\t"));
    let token = run(&["user", "token", "anna", "--atlas", atlas]);
    assert!(token.status.success());
    let token = text(&token.stdout).trim().to_string();
    assert_eq!(token.len(), 64);
    assert!(!run(&["user", "token", "nobody", "--atlas", atlas]).status.success());

    let mut server = coopatlas()
        .args(["serve", "--atlas", atlas, "--listen", "127.0.0.1:0", "--private"])
        .stderr(Stdio::piped())
        .spawn()
        .expect("serve");
    let mut lines = BufReader::new(server.stderr.take().unwrap()).lines();
    let first = lines.next().expect("a line").expect("text");
    let address = first.split("http://").nth(1).and_then(|rest| rest.split('/').next()).expect("address").to_string();
    let anonymous = http(&address, "GET /api/overview HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    let with_token = http(
        &address,
        &format!("GET /api/overview HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nConnection: close\r\n\r\n"),
    );
    server.kill().ok();
    server.wait().ok();
    assert!(anonymous.0.contains("401"), "{anonymous:?}");
    assert!(with_token.0.contains("200"), "{:?}", with_token.0);
    assert!(with_token.1.contains("\"partnerships\""));
}

/// A served atlas's overview, as JSON.
fn overview(address: &str) -> serde_json::Value {
    let (status, body) = http(address, "GET /api/overview HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assert!(status.contains("200"), "{status}: {body}");
    serde_json::from_str(&body).expect("overview json")
}

#[test]
fn two_servers_share_one_postgresql_atlas() {
    let Some(database) =
        coopatlas_store_postgres::testing::fresh_database("two `coopatlas serve` processes on one PostgreSQL atlas")
    else {
        return;
    };
    // A password the server must not show (the test server trusts loopback and ignores it).
    let url = match database.url().split_once("://").and_then(|(scheme, rest)| Some((scheme, rest.split_once('@')?))) {
        Some((scheme, (user, host))) if !user.contains(':') => format!("{scheme}://{user}:secret@{host}"),
        _ => database.url().to_string(),
    };
    let url = url.as_str();
    let work = tempfile::tempdir().expect("temporary directory");
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/docs");
    let ingested = run(&["ingest", corpus.to_str().unwrap(), "--database", url, "--quiet"]);
    assert!(ingested.status.success(), "{}", text(&ingested.stderr));
    let servers: Vec<(std::process::Child, String)> = (0..2)
        .map(|_| {
            let mut server = coopatlas()
                .args(["serve", "--database", url, "--listen", "127.0.0.1:0"])
                .stderr(Stdio::piped())
                .spawn()
                .expect("serve");
            let mut lines = BufReader::new(server.stderr.take().unwrap()).lines();
            let first = lines.next().expect("a line").expect("text");
            assert!(!first.contains("secret"), "the address is shown without its password: {first}");
            let address =
                first.split("http://").nth(1).and_then(|rest| rest.split('/').next()).expect("address").to_string();
            // The server writes more lines; reading them keeps its stderr open.
            std::thread::spawn(move || lines.for_each(drop));
            (server, address)
        })
        .collect();
    let before: Vec<serde_json::Value> = servers.iter().map(|(_, address)| overview(address)).collect();
    assert_eq!(before[0], before[1]);
    let search = "GET /api/search?q=%D0%B1%D0%B5%D0%BB%D0%B0%D1%80%D1%83%D1%81%D1%8C HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    let (first, second) = (http(&servers[0].1, search), http(&servers[1].1, search));
    assert!(first.0.contains("200") && first.1.contains("\"total\""), "{first:?}");
    assert_eq!(first, second, "the same search on both servers");

    // A write through the database shows on both servers.
    let extra = work.path().join("extra.txt");
    std::fs::write(
        &extra,
        "Псковская область и Витебская область подписали соглашение о сотрудничестве в сфере туризма.\n",
    )
    .expect("write");
    let added = run(&["ingest", extra.to_str().unwrap(), "--database", url, "--quiet"]);
    assert!(added.status.success(), "{}", text(&added.stderr));
    let after: Vec<serde_json::Value> = servers.iter().map(|(_, address)| overview(address)).collect();
    assert_eq!(after[0], after[1]);
    assert_ne!(after[0], before[0], "both servers see the new document");
    for (mut server, _) in servers {
        server.kill().ok();
        server.wait().ok();
    }
}

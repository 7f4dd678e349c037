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

//! The web application in a real browser: an atlas of the bundled corpus (plus one document with
//! hostile text) is served on a free local port, and `e2e/run.mjs` drives headless Chromium
//! through it with Playwright — overview, language switch, search with facets, a document and its
//! evidence, a place profile, signing in and reviewing a tie, the review page, escaping of
//! hostile text and the registry's CSV download. The script fails on any console error, content
//! security policy violation or error response; screenshots are kept under
//! `target/web-screenshots/` for people to look at.
//!
//! The browser is `COOPATLAS_CHROMIUM`, else `chromium`, `chromium-browser` or `google-chrome` on
//! the PATH; the script needs `node`, and installs its packages with `npm ci` when they are
//! missing. Without a browser or Node the test says it is skipped; with `COOPATLAS_CHROMIUM` set
//! (as CI does), any failure fails.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use coopatlas_analytics::{Contest, Geography};
use coopatlas_codebook::Codebook;
use coopatlas_document::DocumentId;
use coopatlas_extract::Extractor;
use coopatlas_gazetteer::Gazetteer;
mod common;

use coopatlas_ingest::{IngestConfig, Quiet};
use coopatlas_store::{Role, Store, User};
use coopatlas_store_sqlite::SqliteStore;

/// How long the browser script may run before it is stopped and the test fails.
const SCRIPT_LIMIT: Duration = Duration::from_secs(120);
/// How long `npm ci` may take.
const INSTALL_LIMIT: Duration = Duration::from_secs(300);

const EDITOR: &str = "e2e-editor";
const PASSWORD: &str = "correct horse battery";

/// A document whose text is markup and script: the pages must show it as text and run nothing.
/// It starts with a sentence, so the reader takes it for plain text, and states a tie, so the
/// document page marks spans around the hostile part.
const HOSTILE: &[u8] = "Новость для проверки экранирования.\n\
    <script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">\n\
    Калининградская область и Республика Беларусь подписали соглашение о сотрудничестве в сфере образования.\n"
    .as_bytes();

/// A program found on the PATH.
fn on_path(names: &[&str]) -> Option<PathBuf> {
    let paths = std::env::var_os("PATH")?;
    names.iter().find_map(|name| {
        std::env::split_paths(&paths).map(|directory| directory.join(name)).find(|candidate| candidate.is_file())
    })
}

/// The browser, and whether the environment named it (then everything must work).
fn browser() -> (Option<PathBuf>, bool) {
    match std::env::var_os("COOPATLAS_CHROMIUM").filter(|path| !path.is_empty()) {
        Some(path) => (Some(PathBuf::from(path)), true),
        None => (on_path(&["chromium", "chromium-browser", "google-chrome"]), false),
    }
}

fn target_directory() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"))
}

struct Finished {
    success: bool,
    output: String,
}

/// Runs `command` to the end or until `limit`, its standard output and error kept in files
/// (a full pipe cannot stall it).
fn run(mut command: Command, what: &str, limit: Duration) -> Finished {
    let logs = tempfile::tempdir().expect("tempdir");
    let stdout_path = logs.path().join("stdout.txt");
    let stderr_path = logs.path().join("stderr.txt");
    let mut child = command
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&stdout_path).expect("stdout file"))
        .stderr(std::fs::File::create(&stderr_path).expect("stderr file"))
        .spawn()
        .unwrap_or_else(|error| panic!("cannot start {what}: {error}"));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break Some(status);
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let mut output = std::fs::read_to_string(&stdout_path).unwrap_or_default();
    let stderr = std::fs::read_to_string(&stderr_path).unwrap_or_default();
    if !stderr.is_empty() {
        output.push_str("--- stderr\n");
        output.push_str(&stderr);
    }
    if status.is_none() {
        output.push_str(&format!("--- {what} did not finish in {limit:?} and was stopped\n"));
    }
    Finished { success: status.is_some_and(|status| status.success()), output }
}

/// Installs the script's packages (the pinned lock file) unless they are there.
fn install(e2e: &Path) {
    if e2e.join("node_modules/playwright-core/package.json").is_file() {
        return;
    }
    let mut npm = Command::new("npm");
    npm.args(["ci", "--no-audit", "--no-fund"]).current_dir(e2e).env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    let finished = run(npm, "npm ci", INSTALL_LIMIT);
    assert!(finished.success, "npm ci in {} failed:\n{}", e2e.display(), finished.output);
}

/// An atlas of the bundled corpus and the hostile document, with one editor; returns the
/// hostile document's id.
fn build_atlas(directory: &Path, extractor: &Arc<Extractor>) -> String {
    let mut store = SqliteStore::open(directory).expect("open the atlas");
    let inputs = common::corpus_inputs(&[("e2e/hostile.txt", HOSTILE)]);
    let config = IngestConfig { extractor: Some(extractor.clone()), ..IngestConfig::default() };
    let summary = coopatlas_ingest::ingest(&mut store, inputs, &config, &mut Quiet).expect("ingest");
    assert_eq!(summary.failed, 0, "some corpus documents failed: {:?}", summary.failures);
    let hash = coopatlas_web::hash_password(PASSWORD).expect("hash");
    store
        .put_user(&User {
            name: EDITOR.into(),
            role: Role::Editor,
            password_hash: hash,
            created_at: "2024-01-01T00:00:00Z".into(),
        })
        .expect("add the editor");
    let hostile = DocumentId::of(HOSTILE);
    store.document(hostile.as_str()).expect("the hostile document is stored");
    hostile.to_string()
}

/// Serves the atlas in a thread of its own for the rest of the test process; returns the address.
fn start_server(directory: PathBuf, extractor: Extractor) -> std::net::SocketAddr {
    let geography = Geography::new(extractor.gazetteer(), &coopatlas_gazetteer::contested(), Contest::Iso);
    let open: coopatlas_web::Opener =
        Box::new(move || SqliteStore::open(&directory).map(|store| Box::new(store) as Box<dyn Store>));
    let atlas = Arc::new(coopatlas_web::Atlas::new(open, extractor, geography, coopatlas_web::Config::default()));
    let (sender, receiver) = mpsc::channel::<Result<std::net::SocketAddr, String>>();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("the server's runtime");
        let ready = sender.clone();
        let address = "127.0.0.1:0".parse().expect("address");
        let served = runtime.block_on(coopatlas_web::serve(atlas, address, move |bound| {
            let _ = ready.send(Ok(bound));
        }));
        if let Err(error) = served {
            let _ = sender.send(Err(error.to_string()));
        }
    });
    match receiver.recv_timeout(Duration::from_secs(30)) {
        Ok(Ok(address)) => address,
        Ok(Err(error)) => panic!("the server did not start: {error}"),
        Err(error) => panic!("the server did not start: {error}"),
    }
}

#[test]
fn pages_work_in_headless_chromium() {
    let started = Instant::now();
    let (browser, required) = browser();
    let node = on_path(&["node", "nodejs"]);
    let (browser, node) = match (browser, node) {
        (Some(browser), Some(node)) => (browser, node),
        (browser, node) => {
            let missing = if browser.is_none() { "chromium" } else { "node" };
            if required {
                panic!("COOPATLAS_CHROMIUM is set but {missing} is missing: {browser:?}, {node:?}");
            }
            eprintln!("SKIPPED: no {missing} (install chromium and nodejs, or set COOPATLAS_CHROMIUM)");
            return;
        }
    };
    if required {
        assert!(browser.is_file(), "COOPATLAS_CHROMIUM={} is not a file", browser.display());
    }
    let e2e = Path::new(env!("CARGO_MANIFEST_DIR")).join("e2e");
    install(&e2e);

    let work = tempfile::tempdir().expect("tempdir");
    let extractor = Arc::new(Extractor::new(Gazetteer::bundled(), Codebook::bundled()));
    let hostile = build_atlas(work.path(), &extractor);
    let extractor = Arc::into_inner(extractor).expect("ingestion keeps no extractor");
    let address = start_server(work.path().to_path_buf(), extractor);
    let built = started.elapsed();

    let screenshots = target_directory().join("web-screenshots");
    std::fs::create_dir_all(&screenshots).expect("screenshot directory");
    let mut script = Command::new(&node);
    script
        .arg(e2e.join("run.mjs"))
        .current_dir(&e2e)
        .env("BASE_URL", format!("http://{address}"))
        .env("E2E_USER", EDITOR)
        .env("E2E_PASSWORD", PASSWORD)
        .env("HOSTILE_ID", &hostile)
        .env("SCREENSHOTS", &screenshots)
        .env("COOPATLAS_CHROMIUM", &browser);
    let finished = run(script, "the browser script", SCRIPT_LIMIT);
    println!("{}", finished.output);
    println!(
        "atlas and server ready in {:.1} s, whole test {:.1} s; screenshots in {}",
        built.as_secs_f64(),
        started.elapsed().as_secs_f64(),
        std::fs::canonicalize(&screenshots).unwrap_or(screenshots).display()
    );
    assert!(finished.success, "the browser script failed:\n{}", finished.output);
}

//! The report in a real browser: headless Chromium opens the rendered pages from files, and the
//! test checks the DOM it built (sections, tables, charts, every in-page link) and its console
//! (no error, no content security policy violation: the page must fetch nothing). It also keeps
//! screenshots under `target/report-screenshots/` for people to look at.
//!
//! The browser is `COOPATLAS_CHROMIUM`, else `chromium`, `chromium-browser` or `google-chrome` on
//! the PATH. Without one the test says it is skipped; with `COOPATLAS_CHROMIUM` set (as CI does),
//! any failure fails.

mod common;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use coopatlas_analytics::{Filter, Lang};
use coopatlas_report::{Options, evidence_needed, render};
use scraper::{Html, Selector};

const TIME_LIMIT: Duration = Duration::from_secs(90);

/// The browser, and whether the environment named it (then it must work).
fn browser() -> Option<(PathBuf, bool)> {
    if let Some(path) = std::env::var_os("COOPATLAS_CHROMIUM").filter(|path| !path.is_empty()) {
        return Some((PathBuf::from(path), true));
    }
    let paths = std::env::var_os("PATH")?;
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        for directory in std::env::split_paths(&paths) {
            let candidate = directory.join(name);
            if candidate.is_file() {
                return Some((candidate, false));
            }
        }
    }
    None
}

struct Run {
    success: bool,
    stdout: String,
    stderr: String,
}

/// Runs the browser headless on `page` with `extra` arguments and a fresh profile directory.
fn run(browser: &Path, work: &Path, page: &Path, extra: &[String]) -> Result<Run, String> {
    let profile = tempfile::tempdir_in(work).map_err(|error| error.to_string())?;
    let logs = tempfile::tempdir_in(work).map_err(|error| error.to_string())?;
    let stdout_path = logs.path().join("stdout.txt");
    let stderr_path = logs.path().join("stderr.txt");
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&stdout_path).map_err(|error| error.to_string())?)
        .stderr(std::fs::File::create(&stderr_path).map_err(|error| error.to_string())?)
        .spawn()
        .map_err(|error| format!("cannot start {}: {error}", browser.display()))?;
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|error| error.to_string())? {
            break status;
        }
        if started.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("{} did not finish in {TIME_LIMIT:?}", browser.display()));
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    Ok(Run {
        success: status.success(),
        stdout: std::fs::read_to_string(&stdout_path).unwrap_or_default(),
        stderr: std::fs::read_to_string(&stderr_path).unwrap_or_default(),
    })
}

/// Lines of the browser's log that report a console message or a blocked fetch. Chromium logs
/// console messages as `...:INFO:CONSOLE...] "message", source: ...`.
fn console_problems(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|line| {
            line.contains(":CONSOLE") || line.contains("Content Security Policy") || line.contains("Uncaught")
        })
        .collect()
}

/// Checks the DOM Chromium built: the sections, tables and charts are there and every in-page
/// link has its target.
fn check_dom(dom: &str, sections: &[&str]) -> Result<(), String> {
    let document = Html::parse_document(dom);
    let select = |selector: &str| document.select(&Selector::parse(selector).expect("selector")).collect::<Vec<_>>();
    let ids: HashSet<&str> = select("[id]").iter().filter_map(|element| element.value().attr("id")).collect();
    for section in sections {
        if select(&format!("section#{section}")).is_empty() {
            return Err(format!("no section #{section} in the DOM"));
        }
    }
    if select("table").len() < 3 {
        return Err("fewer than 3 tables in the DOM".into());
    }
    if select("svg").is_empty() || select("svg text").is_empty() {
        return Err("no SVG chart with text in the DOM".into());
    }
    let links = select("a[href]");
    for link in &links {
        let href = link.value().attr("href").unwrap_or_default();
        match href.strip_prefix('#') {
            Some(target) if ids.contains(target) => {}
            _ => return Err(format!("link {href:?} has no target in the page")),
        }
    }
    if links.len() < 10 {
        return Err(format!("only {} links", links.len()));
    }
    Ok(())
}

fn reports() -> Vec<(&'static str, String, Vec<&'static str>)> {
    let geography = common::geography();
    let atlas = common::analysis(&geography, Filter::default());
    let kaliningrad = common::analysis(&geography, Filter { places: vec!["RU-KGD".into()], ..Filter::default() });
    let atlas_sections =
        vec!["overview", "districts", "partners", "scope", "series", "figures", "methods", "evidence", "documents"];
    let profile_sections =
        vec!["place", "partners", "forms", "figures", "series", "place-documents", "methods", "evidence", "documents"];
    let mut reports = Vec::new();
    for (name, analysis, lang, place, sections) in [
        ("report-ru", &atlas, Lang::Ru, None, &atlas_sections),
        ("report-en", &atlas, Lang::En, None, &atlas_sections),
        ("profile-ru", &kaliningrad, Lang::Ru, Some("RU-KGD".to_string()), &profile_sections),
    ] {
        let options = Options {
            lang,
            place,
            generated: "sample atlas · coopatlas test".into(),
            command: "coopatlas report --out report.html".into(),
            ..Options::default()
        };
        let needed = evidence_needed(analysis, &geography, &options);
        let passages: HashMap<_, _> = common::passages(analysis, &needed);
        reports.push((name, render(analysis, &geography, &passages, &options), sections.clone()));
    }
    reports
}

fn screenshots_directory() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    target.join("report-screenshots")
}

#[test]
fn reports_open_in_headless_chromium() {
    let Some((browser, required)) = browser() else {
        println!("SKIPPED: no chromium (set COOPATLAS_CHROMIUM or install chromium)");
        return;
    };
    let work = tempfile::tempdir().expect("tempdir");

    // First a page that breaks the policy on purpose: the check below must see it, or it could
    // never fail.
    let broken = work.path().join("broken.html");
    let (_, html, _) = reports().remove(0);
    let html = html.replacen("<main>", "<main><img src=\"http://example.invalid/x.png\" alt=\"\">", 1);
    std::fs::write(&broken, html).expect("write");
    let run_broken = match run(&browser, work.path(), &broken, &["--dump-dom".to_string()]) {
        Ok(run) if run.success => run,
        Ok(run) if !required => {
            println!("SKIPPED: {} exited with failure: {}", browser.display(), run.stderr);
            return;
        }
        Err(error) if !required => {
            println!("SKIPPED: {error}");
            return;
        }
        Ok(run) => panic!("{} failed: {}", browser.display(), run.stderr),
        Err(error) => panic!("{error}"),
    };
    assert!(
        console_problems(&run_broken.stderr).iter().any(|line| line.contains("Content Security Policy")),
        "an image from the network must show up as a policy violation; the browser said:\n{}",
        run_broken.stderr
    );

    let screenshots = screenshots_directory();
    std::fs::create_dir_all(&screenshots).expect("screenshot directory");
    for (name, html, sections) in reports() {
        let page = work.path().join(format!("{name}.html"));
        std::fs::write(&page, &html).expect("write");
        let dom =
            run(&browser, work.path(), &page, &["--dump-dom".to_string()]).unwrap_or_else(|error| panic!("{error}"));
        assert!(dom.success, "{name}: the browser failed:\n{}", dom.stderr);
        let problems = console_problems(&dom.stderr);
        assert!(problems.is_empty(), "{name}: console errors or blocked fetches:\n{}", problems.join("\n"));
        if let Err(error) = check_dom(&dom.stdout, &sections) {
            panic!("{name}: {error}");
        }

        let png = work.path().join(format!("{name}.png"));
        let shot = run(
            &browser,
            work.path(),
            &page,
            &[format!("--screenshot={}", png.display()), "--window-size=1280,4000".into(), "--hide-scrollbars".into()],
        )
        .unwrap_or_else(|error| panic!("{error}"));
        assert!(shot.success, "{name}: the screenshot failed:\n{}", shot.stderr);
        let problems = console_problems(&shot.stderr);
        assert!(problems.is_empty(), "{name}: console errors or blocked fetches:\n{}", problems.join("\n"));
        let bytes = std::fs::read(&png).unwrap_or_else(|error| panic!("{name}: no screenshot: {error}"));
        assert!(bytes.starts_with(b"\x89PNG") && bytes.len() > 10_000, "{name}: not a screenshot");
        std::fs::copy(&png, screenshots.join(format!("{name}.png"))).expect("keep the screenshot");
        std::fs::write(screenshots.join(format!("{name}.html")), &html).expect("keep the page");
    }
    let screenshots = std::fs::canonicalize(&screenshots).unwrap_or(screenshots);
    println!("screenshots in {}", screenshots.display());
}

//! One function per command. Each builds the core objects from the arguments, calls the library
//! and prints the result.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, bail};
use coopatlas_ingest::{IngestConfig, Input, Observer, Origin, Summary};
use coopatlas_store::{SearchQuery, SearchResults, Stats, Store};
use coopatlas_store_postgres::PostgresStore;
use coopatlas_store_sqlite::SqliteStore;

use crate::args::{Args, AtlasArg, Command};
use crate::progress::Bar;

pub enum Outcome {
    Success,
    /// Some inputs failed; the rest was done.
    PartialFailure,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    match args.command {
        Command::Ingest { paths, atlas, queue: true, max_file_size, quiet, .. } => {
            crate::worker::enqueue(&paths, &atlas, max_file_size, quiet)
        }
        Command::Ingest { paths, atlas, max_file_size, threads, no_extract, quiet, queue: false } => {
            let mut store = open_store(&atlas)?;
            let mut config = IngestConfig { max_file_bytes: max_file_size, ..IngestConfig::default() };
            if let Some(threads) = threads {
                config.threads = threads.max(1);
            }
            if !no_extract {
                config.extractor = Some(Arc::new(extractor()?));
            }
            let (inputs, failures) = coopatlas_ingest::discover(&paths, config.max_file_bytes);
            let summary = ingest_with_progress(store.as_mut(), inputs, &failures, &config, quiet)?;
            if !quiet {
                eprintln!("{}", summary_line(&summary));
            }
            Ok(if summary.failed > 0 { Outcome::PartialFailure } else { Outcome::Success })
        }
        Command::Reextract { atlas, all, threads, quiet } => {
            let mut store = open_existing(&atlas)?;
            let extractor = extractor()?;
            let threads = threads.unwrap_or_else(|| IngestConfig::default().threads);
            let mut bar = Bar::documents(quiet, "documents");
            let done = coopatlas_ingest::reextract(store.as_mut(), &extractor, all, threads, &mut bar)?;
            bar.finish();
            if !quiet {
                eprintln!("extracted {} documents, {} already up to date", done.extracted, done.current);
            }
            Ok(Outcome::Success)
        }
        Command::Search { query, atlas, limit, offset, json } => {
            let store = open_existing(&atlas)?;
            let results = store.search(&SearchQuery { text: query, limit, offset })?;
            if json {
                print_json(&results)?;
            } else {
                print_hits(&results, offset);
            }
            Ok(Outcome::Success)
        }
        Command::Show { id, atlas, json } => {
            let store = open_existing(&atlas)?;
            let document = store.document(&id)?;
            if json {
                print_json(&document)?;
            } else {
                let summary = &document.summary;
                let mut out = String::new();
                out.push_str(&format!("id:       {}\n", summary.id));
                out.push_str(&format!("title:    {}\n", summary.title.as_deref().unwrap_or("-")));
                out.push_str(&format!("date:     {}\n", summary.date.as_deref().unwrap_or("-")));
                out.push_str(&format!("language: {}\n", summary.language.as_deref().unwrap_or("-")));
                out.push_str(&format!("genre:    {}\n", summary.genre));
                out.push_str(&format!(
                    "format:   {} ({} bytes{})\n",
                    summary.format,
                    summary.size,
                    document.encoding.as_deref().map(|encoding| format!(", {encoding}")).unwrap_or_default()
                ));
                if !document.pages.is_empty() {
                    out.push_str(&format!("pages:    {}\n", document.pages.len()));
                }
                for path in &summary.paths {
                    out.push_str(&format!("path:     {path}\n"));
                }
                for version in document.versions.iter().filter(|version| version.id != summary.id) {
                    out.push_str(&format!(
                        "version:  {} of {} is {}\n",
                        version.version,
                        version.path,
                        version.id.short()
                    ));
                }
                for warning in &document.warnings {
                    out.push_str(&format!("warning:  {warning}\n"));
                }
                if let Some(facts) = &document.facts {
                    out.push_str(&crate::facts::describe(&extractor()?, &document.text, facts));
                }
                out.push('\n');
                if document.pages.is_empty() {
                    out.push_str(&document.text);
                } else {
                    // Page markers let a reader cite the page a passage stands on.
                    for (number, (start, end)) in document.pages.iter().enumerate() {
                        let page = document.text.get(*start..*end).unwrap_or_default();
                        out.push_str(&format!("--- page {} ---\n{}\n", number + 1, page.trim()));
                    }
                }
                out.push('\n');
                write_stdout(&out)?;
            }
            Ok(Outcome::Success)
        }
        Command::Stats { atlas, json } => {
            let store = open_existing(&atlas)?;
            let stats = store.stats()?;
            if json {
                print_json(&stats)?;
            } else {
                write_stdout(&stats_table(&stats))?;
            }
            Ok(Outcome::Success)
        }
        Command::Extract { paths, json, threads, max_file_size } => {
            crate::extract::run(&paths, json, threads, max_file_size)
        }
        Command::Report { atlas, filter, out, lang, evidence } => {
            let store = open_existing(&atlas)?;
            let command = std::env::args().collect::<Vec<_>>().join(" ");
            let message = report(
                store.as_ref(),
                &atlas_name(&atlas),
                &filter,
                crate::analyze::lang(&lang)?,
                evidence,
                &out,
                command,
            )?;
            eprintln!("{message}");
            Ok(Outcome::Success)
        }
        Command::Export { atlas, filter, format, out, table, weight, lang, bom } => {
            let lang = crate::analyze::lang(&lang)?;
            let weight = crate::analyze::weight(&weight)?;
            let store = open_existing(&atlas)?;
            let prepared = crate::analyze::prepare(&filter)?;
            let analysis = crate::analyze::analyse(store.as_ref(), &atlas_name(&atlas), &prepared)?;
            let geography = &prepared.geography;
            let what = crate::analyze::export(&analysis, geography, &format, &out, &table, weight, lang, bom)?;
            eprintln!("wrote {} ({what})", out.display());
            Ok(Outcome::Success)
        }
        Command::Demo { atlas, serve } => {
            let outcome = demo(&atlas)?;
            if let Some(listen) = serve {
                let options =
                    crate::web::ServeOptions { listen, private: false, upload_limit: 32 << 20, secure_cookies: false };
                let atlas = AtlasArg { atlas, database: None };
                crate::web::serve(&atlas, &options)?;
            }
            Ok(outcome)
        }
        Command::Serve { atlas, listen, private, upload_limit, secure_cookies } => {
            crate::web::serve(&atlas, &crate::web::ServeOptions { listen, private, upload_limit, secure_cookies })?;
            Ok(Outcome::Success)
        }
        Command::Worker { atlas, batch, lease, exit_when_empty, name, no_extract, quiet, hold_before_commit } => {
            let options = crate::worker::WorkerOptions {
                batch,
                lease: Duration::from_secs(lease.max(1)),
                exit_when_empty,
                name,
                extract: !no_extract,
                quiet,
                hold_before_commit: Duration::from_secs_f64(hold_before_commit.max(0.0)),
            };
            crate::worker::work(&atlas, &options)
        }
        Command::Queue { action } => crate::worker::queue(action),
        Command::Dump { atlas, out } => {
            crate::dump::dump(&atlas, out.as_deref())?;
            Ok(Outcome::Success)
        }
        Command::Restore { file, atlas } => {
            crate::dump::restore(&file, &atlas)?;
            Ok(Outcome::Success)
        }
        Command::User { action } => {
            crate::web::user(action)?;
            Ok(Outcome::Success)
        }
    }
}

/// The extractor with the bundled gazetteer and codebook, plus the user's own places and
/// aliases from the files named by COOPATLAS_PLACES and COOPATLAS_ALIASES (the gazetteer's TSV
/// format), so a team can add names without a rebuild.
pub fn extractor() -> anyhow::Result<coopatlas_extract::Extractor> {
    Ok(coopatlas_extract::Extractor::new(gazetteer()?, coopatlas_codebook::Codebook::bundled()))
}

/// The bundled gazetteer with the user's places and aliases (COOPATLAS_PLACES, COOPATLAS_ALIASES).
pub fn gazetteer() -> anyhow::Result<coopatlas_gazetteer::Gazetteer> {
    let read = |variable: &str| -> anyhow::Result<String> {
        match std::env::var_os(variable) {
            Some(path) => std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read {variable}={}", Path::new(&path).display())),
            None => Ok(String::new()),
        }
    };
    let (places, aliases) = (read("COOPATLAS_PLACES")?, read("COOPATLAS_ALIASES")?);
    let mut gazetteer = coopatlas_gazetteer::Gazetteer::bundled();
    if !places.is_empty() || !aliases.is_empty() {
        gazetteer = gazetteer.with_overrides(&places, &aliases).context("cannot add the user's places and aliases")?;
    }
    Ok(gazetteer)
}

fn open(atlas: &Path) -> anyhow::Result<SqliteStore> {
    SqliteStore::open(atlas).with_context(|| format!("cannot open the atlas at {}", atlas.display()))
}

/// Opens the atlas the arguments name: the PostgreSQL database of `--database` (or
/// COOPATLAS_DATABASE) when given, else the directory of `--atlas`, created when missing.
pub fn open_store(atlas: &AtlasArg) -> anyhow::Result<Box<dyn Store>> {
    match &atlas.database {
        Some(url) => Ok(Box::new(
            PostgresStore::connect(url).with_context(|| format!("cannot open the atlas at {}", redacted(url)))?,
        )),
        None => Ok(Box::new(open(&atlas.atlas)?)),
    }
}

/// Opens an atlas that must already exist: reading commands never create an empty one by typo.
/// (A PostgreSQL database is opened as it is: it was made on purpose, and its tables are
/// created the first time.)
pub fn open_existing(atlas: &AtlasArg) -> anyhow::Result<Box<dyn Store>> {
    if atlas.database.is_none() && !atlas.atlas.join(coopatlas_store_sqlite::DATABASE_FILE).is_file() {
        bail!(
            "no atlas at {} (run `coopatlas ingest PATH --atlas {}` or `coopatlas demo` first)",
            atlas.atlas.display(),
            atlas.atlas.display()
        );
    }
    open_store(atlas)
}

/// How messages name the atlas: its directory, or its database's address without a password.
pub fn atlas_name(atlas: &AtlasArg) -> String {
    match &atlas.database {
        Some(url) => redacted(url),
        None => atlas.atlas.display().to_string(),
    }
}

/// A connection address without its password, fit for messages and report footers.
fn redacted(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_string() };
    match rest.split_once('@') {
        Some((credentials, host)) if credentials.contains(':') => {
            let user = credentials.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}:***@{host}")
        }
        _ => url.to_string(),
    }
}

fn ingest_with_progress(
    store: &mut dyn Store,
    inputs: Vec<Input>,
    failures: &[coopatlas_ingest::Failure],
    config: &IngestConfig,
    quiet: bool,
) -> anyhow::Result<Summary> {
    let mut bar = Bar::new(quiet);
    for failure in failures {
        bar.failed(failure);
    }
    let mut summary = coopatlas_ingest::ingest(store, inputs, config, &mut bar)?;
    bar.finish();
    summary.add_failures(failures);
    Ok(summary)
}

fn summary_line(summary: &Summary) -> String {
    let versions =
        if summary.new_versions > 0 { format!(" ({} new versions)", summary.new_versions) } else { String::new() };
    format!(
        "read {}, new {}{versions}, unchanged {}, failed {}, {:.1} MB in {:.2} s",
        summary.read,
        summary.new,
        summary.unchanged,
        summary.failed,
        summary.bytes as f64 / 1e6,
        summary.elapsed.as_secs_f64()
    )
}

fn print_json(value: &impl serde::Serialize) -> anyhow::Result<()> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    write_stdout(&text)
}

/// Writes to stdout; a closed pipe (`| head`) is not an error.
fn write_stdout(text: &str) -> anyhow::Result<()> {
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

fn print_hits(results: &SearchResults, offset: usize) {
    let (open, close) = if std::io::stdout().is_terminal() { ("\x1b[1;33m", "\x1b[0m") } else { ("[", "]") };
    let mut out = format!("{} documents match\n", results.total);
    for (index, hit) in results.hits.iter().enumerate() {
        let document = &hit.document;
        out.push_str(&format!(
            "\n{}. {}  {}  [{} {} {}]  score {:.2}\n",
            offset + index + 1,
            document.id.short(),
            document.title.as_deref().unwrap_or("(untitled)"),
            document.language.as_deref().unwrap_or("?"),
            document.genre,
            document.date.as_deref().unwrap_or("undated"),
            hit.score
        ));
        let mut marked = String::new();
        let mut position = 0;
        for (start, end) in &hit.highlights {
            marked.push_str(&hit.snippet[position..*start]);
            marked.push_str(open);
            marked.push_str(&hit.snippet[*start..*end]);
            marked.push_str(close);
            position = *end;
        }
        marked.push_str(&hit.snippet[position..]);
        out.push_str(&format!("   {}\n", marked.split_whitespace().collect::<Vec<_>>().join(" ")));
    }
    let _ = write_stdout(&out);
}

fn stats_table(stats: &Stats) -> String {
    let mut out =
        format!("documents {}  paths {}  size {:.1} MB\n", stats.documents, stats.paths, stats.bytes as f64 / 1e6);
    for (name, counts) in [
        ("format", &stats.by_format),
        ("language", &stats.by_language),
        ("genre", &stats.by_genre),
        ("year", &stats.by_year),
    ] {
        let cells: Vec<String> = counts.iter().map(|(key, count)| format!("{key} {count}")).collect();
        out.push_str(&format!("{name:<9} {}\n", cells.join(", ")));
    }
    out.push_str(&format!(
        "facts     {} documents extracted: {} places, {} ties, {} figures\n",
        stats.extracted, stats.places, stats.ties, stats.figures
    ));
    if !stats.by_depth.is_empty() {
        let cells: Vec<String> = stats.by_depth.iter().map(|(key, count)| format!("{key} {count}")).collect();
        out.push_str(&format!("depth     {}\n", cells.join(", ")));
    }
    out
}

/// Builds the demo atlas from the bundled corpus and shows what is in it.
fn demo(atlas: &Path) -> anyhow::Result<Outcome> {
    if atlas.exists() {
        let is_demo = atlas.join(coopatlas_store_sqlite::DATABASE_FILE).is_file() || is_empty_dir(atlas);
        if !is_demo {
            bail!("{} exists and is not an atlas; choose another place with --atlas", atlas.display());
        }
        std::fs::remove_dir_all(atlas).with_context(|| format!("cannot replace {}", atlas.display()))?;
    }
    let mut store = open(atlas)?;
    let inputs: Vec<Input> = coopatlas_corpus::documents()
        .iter()
        .map(|file| Input {
            display: format!("corpus/{}", file.path),
            key: format!("corpus/{}", file.path),
            origin: Origin::Bytes(file.bytes),
            size: file.bytes.len() as u64,
        })
        .collect();
    let config = IngestConfig { extractor: Some(Arc::new(extractor()?)), ..IngestConfig::default() };
    let summary = ingest_with_progress(&mut store, inputs, &[], &config, false)?;
    let mut out = format!("Built the demo atlas in {}\n{}\n\n", atlas.display(), summary_line(&summary));
    out.push_str(&stats_table(&store.stats()?));
    write_stdout(&out)?;
    for query in ["Могилёвская область", "twin cities"] {
        write_stdout(&format!("\n$ coopatlas search {query:?} --atlas {}\n", atlas.display()))?;
        print_hits(&store.search(&SearchQuery { text: query.to_string(), limit: 3, offset: 0 })?, 0);
    }
    let report_path = atlas.join("report.html");
    let command = format!("coopatlas report --atlas {} --out {}", atlas.display(), report_path.display());
    let message = report(
        &store,
        &atlas.display().to_string(),
        &crate::args::FilterArgs { contested: "iso".into(), ..Default::default() },
        coopatlas_analytics::Lang::Ru,
        10,
        &report_path,
        command.clone(),
    )?;
    write_stdout(&format!("\n$ {command}\n{message}\n"))?;
    write_stdout(&format!(
        "\nNext: coopatlas search QUERY --atlas {0} | coopatlas show ID --atlas {0} | coopatlas report --atlas {0} \
         --lang en | coopatlas export --atlas {0} --format xlsx --out atlas.xlsx\n",
        atlas.display()
    ))?;
    Ok(if summary.failed > 0 { Outcome::PartialFailure } else { Outcome::Success })
}

/// Writes the HTML report of `store` (a profile when the filter names one place) and says what it
/// holds.
fn report(
    store: &dyn Store,
    atlas: &str,
    filter: &crate::args::FilterArgs,
    lang: coopatlas_analytics::Lang,
    evidence: usize,
    out: &Path,
    command: String,
) -> anyhow::Result<String> {
    let prepared = crate::analyze::prepare(filter)?;
    let place = match prepared.filter.places.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    };
    let analysis = crate::analyze::analyse(store, atlas, &prepared)?;
    let geography = &prepared.geography;
    let options = coopatlas_report::Options {
        lang,
        title: None,
        place,
        generated: format!(
            "{} · coopatlas {} · {}",
            atlas,
            env!("CARGO_PKG_VERSION"),
            chrono::Utc::now().format("%Y-%m-%d %H:%M UTC")
        ),
        command,
        evidence_per_cell: evidence,
    };
    let mut quoted = 0;
    let html = coopatlas_report::render_with(&analysis, geography, &options, |needed| {
        let passages = crate::analyze::passages(store, &analysis, needed)?;
        quoted = passages.len();
        anyhow::Ok(passages)
    })?;
    std::fs::write(out, html).with_context(|| format!("cannot write {}", out.display()))?;
    Ok(format!(
        "wrote {} ({} documents, {} partnerships, {quoted} quoted sentences)",
        out.display(),
        analysis.documents.len(),
        analysis.partnerships.len(),
    ))
}

fn is_empty_dir(path: &Path) -> bool {
    std::fs::read_dir(path).is_ok_and(|mut entries| entries.next().is_none())
}

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_stay_out_of_messages() {
        assert_eq!(super::redacted("postgres://atlas:secret@db:5432/atlas"), "postgres://atlas:***@db:5432/atlas");
        assert_eq!(super::redacted("postgres://atlas@127.0.0.1/atlas"), "postgres://atlas@127.0.0.1/atlas");
        assert_eq!(super::redacted("host=db user=atlas"), "host=db user=atlas");
    }
}

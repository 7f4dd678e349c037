//! The command line as clap sees it. Nothing past `commands` looks at these types.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "coopatlas",
    version,
    about = "An atlas of interregional and international cooperation of regions and cities"
)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, clap::Args)]
pub struct AtlasArg {
    /// The atlas directory (created when missing).
    #[arg(long, env = "COOPATLAS_ATLAS", default_value = "atlas", global = true)]
    pub atlas: PathBuf,
    /// A PostgreSQL atlas instead of the directory, as postgres://USER:PASSWORD@HOST:PORT/DB (the
    /// password and port may be left out); its tables are created when missing. Several machines
    /// and servers may share one.
    #[arg(long, env = "COOPATLAS_DATABASE", global = true)]
    pub database: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read files and folders (recursively) into the atlas.
    Ingest {
        /// Files and folders to ingest.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        atlas: AtlasArg,
        /// Refuse files larger than this (bytes, or with K, M, G: 100M).
        #[arg(long, default_value = "100M", value_parser = parse_size)]
        max_file_size: u64,
        /// Worker threads that read and extract (default: one per core).
        #[arg(long)]
        threads: Option<usize>,
        /// Store text and metadata only; `coopatlas reextract` can add the facts later.
        #[arg(long)]
        no_extract: bool,
        /// Print nothing but errors.
        #[arg(long, short)]
        quiet: bool,
        /// Only record the files as jobs in the PostgreSQL atlas (--database): `coopatlas worker`
        /// processes, on this machine or others, read and store them.
        #[arg(long)]
        queue: bool,
    },
    /// Take ingestion jobs from the PostgreSQL atlas's queue (see `ingest --queue`), read and
    /// extract them, and store the documents. Run as many as there are cores, on any machines.
    Worker {
        #[command(flatten)]
        atlas: AtlasArg,
        /// Jobs taken, and written, at once (one transaction per batch).
        #[arg(long, default_value_t = 8)]
        batch: usize,
        /// Seconds a worker may hold a job; a job not done by then is given to another worker
        /// (the first worker's write, if it comes later, is refused).
        #[arg(long, default_value_t = 600)]
        lease: u64,
        /// Stop when no job is waiting or held by anyone (by default wait for more).
        #[arg(long)]
        exit_when_empty: bool,
        /// How the queue names this worker (default: host name and process id).
        #[arg(long)]
        name: Option<String>,
        /// Store text and metadata only; `coopatlas reextract` can add the facts later.
        #[arg(long)]
        no_extract: bool,
        /// Print nothing but errors.
        #[arg(long, short)]
        quiet: bool,
        /// Keep each job's write open this many seconds before committing it (for tests that
        /// stop a worker in the middle of a write).
        #[arg(long, hide = true, default_value_t = 0.0)]
        hold_before_commit: f64,
    },
    /// The ingestion queue of a PostgreSQL atlas.
    Queue {
        #[command(subcommand)]
        action: QueueAction,
    },
    /// Extract the facts of stored documents again: those without facts, or with facts from
    /// another extractor or other gazetteer data (after an upgrade, or with new COOPATLAS_PLACES).
    Reextract {
        #[command(flatten)]
        atlas: AtlasArg,
        /// Extract every document, even those whose facts are up to date.
        #[arg(long)]
        all: bool,
        /// Threads that extract (default: one per core).
        #[arg(long)]
        threads: Option<usize>,
        /// Print nothing but errors.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Full-text search with Russian and English inflection.
    Search {
        /// Words to find; put a phrase in double quotes.
        query: String,
        #[command(flatten)]
        atlas: AtlasArg,
        /// Number of hits to show.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Skip this many hits (paging).
        #[arg(long, default_value_t = 0)]
        offset: usize,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show one document: metadata, extracted facts with their evidence, and text.
    Show {
        /// The document's id, or a unique prefix of it (at least 4 hex digits).
        id: String,
        #[command(flatten)]
        atlas: AtlasArg,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Counts by format, language, genre and year, and of the extracted facts.
    Stats {
        #[command(flatten)]
        atlas: AtlasArg,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Extract places, ties, spheres, figures and depth from documents (no atlas needed).
    ///
    /// Prints one line per document; with --json, the extraction contract v1 as JSON Lines.
    Extract {
        /// Files and folders, or "-" for JSON Lines of {"id", "text"} on standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Print contract v1 JSON Lines.
        #[arg(long)]
        json: bool,
        /// Threads that extract (default: one per core).
        #[arg(long)]
        threads: Option<usize>,
        /// Refuse files larger than this (bytes, or with K, M, G).
        #[arg(long, default_value = "100M", value_parser = parse_size)]
        max_file_size: u64,
    },
    /// Write one self-contained HTML report (tables, charts, evidence) of the atlas, or with
    /// --place the profile of one region, city or country.
    Report {
        #[command(flatten)]
        atlas: AtlasArg,
        #[command(flatten)]
        filter: FilterArgs,
        /// The file to write.
        #[arg(long, short, default_value = "report.html")]
        out: PathBuf,
        /// Language of the report: ru or en.
        #[arg(long, default_value = "ru")]
        lang: String,
        /// Documents quoted per table cell in the evidence appendix.
        #[arg(long, default_value_t = 10)]
        evidence: usize,
    },
    /// Export analytics as CSV (a folder of tables), XLSX (one sheet per table), JSON, or the
    /// partner network as GEXF, GraphML or CSV node and edge lists.
    Export {
        #[command(flatten)]
        atlas: AtlasArg,
        #[command(flatten)]
        filter: FilterArgs,
        /// csv, xlsx, json (tables), gexf, graphml, edgelist (the partner network).
        #[arg(long, short)]
        format: String,
        /// The file (or, for csv and edgelist, the folder) to write.
        #[arg(long, short)]
        out: PathBuf,
        /// Only these tables (documents, ties, partnerships, places, figures, figure_groups,
        /// district_spheres, district_depth, group_spheres, series, place_years,
        /// partnership_years, agreement_distribution, network_years); comma-separated or
        /// repeated. Default: all.
        #[arg(long, value_delimiter = ',')]
        table: Vec<String>,
        /// What the network's edge weight counts: documents or agreements.
        #[arg(long, default_value = "documents")]
        weight: String,
        /// Language of the name columns: ru or en.
        #[arg(long, default_value = "ru")]
        lang: String,
        /// Start each CSV file with a UTF-8 byte order mark, so that Excel reads Cyrillic
        /// (other readers may then see the mark in the first column's name).
        #[arg(long)]
        bom: bool,
    },
    /// Build an atlas from the bundled sample corpus in a fresh directory and show what is in it.
    Demo {
        /// Where to build the demo atlas; replaced if it holds an earlier demo.
        #[arg(long, default_value = "coopatlas-demo")]
        atlas: PathBuf,
        /// Then serve it in the browser (see `serve`) at this address, e.g. 127.0.0.1:8080.
        #[arg(long)]
        serve: Option<String>,
    },
    /// Serve the atlas as a web application and JSON API (pages, search, review) until Ctrl-C.
    Serve {
        #[command(flatten)]
        atlas: AtlasArg,
        /// Address to listen on; port 0 picks a free port.
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: String,
        /// Refuse visitors who have not signed in (by default anyone may read; only editors
        /// review and upload).
        #[arg(long)]
        private: bool,
        /// Largest upload, in bytes or with K, M, G.
        #[arg(long, default_value = "32M", value_parser = parse_size)]
        upload_limit: u64,
        /// Mark session cookies Secure (when the server is reached over HTTPS).
        #[arg(long)]
        secure_cookies: bool,
    },
    /// Write the whole atlas (documents, facts, sources, accounts, review decisions) as JSON
    /// Lines, the format of docs/dump-format.md; with `restore`, moves an atlas between machines
    /// and between SQLite and PostgreSQL.
    Dump {
        #[command(flatten)]
        atlas: AtlasArg,
        /// Write here instead of standard output.
        #[arg(long, short)]
        out: Option<PathBuf>,
    },
    /// Read a dump into an empty atlas (a new directory, or an empty PostgreSQL database).
    Restore {
        /// The dump file; `-` reads standard input.
        file: PathBuf,
        #[command(flatten)]
        atlas: AtlasArg,
    },
    /// Accounts of the web application.
    User {
        #[command(subcommand)]
        action: UserAction,
    },
}

#[derive(Debug, Subcommand)]
pub enum QueueAction {
    /// Jobs by state, the workers holding jobs, jobs tried more than once and failures.
    Status {
        #[command(flatten)]
        atlas: AtlasArg,
        #[arg(long)]
        json: bool,
    },
    /// Put failed jobs back in the queue (after fixing what made them fail).
    Retry {
        #[command(flatten)]
        atlas: AtlasArg,
    },
    /// Forget finished jobs (done and failed); waiting and held ones stay.
    Clear {
        #[command(flatten)]
        atlas: AtlasArg,
    },
}

#[derive(Debug, Subcommand)]
pub enum UserAction {
    /// Create a user, or set the role and password of an existing one. The password is read
    /// from COOPATLAS_PASSWORD, or from the first line of standard input.
    Add {
        name: String,
        /// reader, editor or admin.
        #[arg(long, default_value = "editor")]
        role: String,
        #[command(flatten)]
        atlas: AtlasArg,
    },
    /// List users and their roles.
    List {
        #[command(flatten)]
        atlas: AtlasArg,
    },
    /// Make an API token for a user and print it once (only its hash is kept).
    Token {
        name: String,
        /// What the token is for.
        #[arg(long, default_value = "api")]
        label: String,
        #[command(flatten)]
        atlas: AtlasArg,
    },
}

/// The one filter of every analysis (report, export): which documents, ties and figures count.
/// Lists are comma-separated or repeated; values within one option are alternatives, options
/// combine with "and".
#[derive(Debug, Clone, Default, clap::Args)]
pub struct FilterArgs {
    /// Federal districts: central, northwestern, southern, north_caucasian, volga, ural,
    /// siberian, far_eastern.
    #[arg(long, value_delimiter = ',', help_heading = "Filters")]
    pub district: Vec<String>,
    /// Places by id (RU-KGD, BY, geonames:625144) or name (Калининградская область, Minsk):
    /// ties with an end in one of them (or inside one), documents about one. In `report`, one
    /// place makes a profile of it.
    #[arg(long, value_delimiter = ',', help_heading = "Filters")]
    pub place: Vec<String>,
    /// First year (of the document's date).
    #[arg(long, help_heading = "Filters")]
    pub from: Option<i32>,
    /// Last year, inclusive.
    #[arg(long, help_heading = "Filters")]
    pub to: Option<i32>,
    /// Document languages: ru, en.
    #[arg(long, value_delimiter = ',', help_heading = "Filters")]
    pub language: Vec<String>,
    /// Genres: news, strategy, agreement, programme, forum, research, other.
    #[arg(long, value_delimiter = ',', help_heading = "Filters")]
    pub genre: Vec<String>,
    /// Spheres of cooperation (trade, education, tourism...).
    #[arg(long, value_delimiter = ',', help_heading = "Filters")]
    pub sphere: Vec<String>,
    /// Forms of cooperation (agreement, visit, forum, twinning...).
    #[arg(long, value_delimiter = ',', help_heading = "Filters")]
    pub form: Vec<String>,
    /// interregional (both ends in one country) or international.
    #[arg(long, help_heading = "Filters")]
    pub scope: Option<String>,
    /// How contested territories roll up: iso (default: as ISO 3166 lists them) or claimed.
    #[arg(long, default_value = "iso", help_heading = "Filters")]
    pub contested: String,
}

/// Parses "1048576", "64K", "100M", "1G" (binary multiples). Hand-written: four suffixes do not
/// justify a dependency.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let split = text.find(|character: char| !character.is_ascii_digit()).unwrap_or(text.len());
    let (digits, suffix) = text.split_at(split);
    let number: u64 = digits.parse().map_err(|_| format!("{text:?} is not a size like 100M"))?;
    let multiplier: u64 = match suffix.trim().to_ascii_uppercase().trim_end_matches(['B', 'I']) {
        "" => 1,
        "K" => 1 << 10,
        "M" => 1 << 20,
        "G" => 1 << 30,
        _ => return Err(format!("{text:?}: unknown unit (use K, M or G)")),
    };
    number.checked_mul(multiplier).ok_or_else(|| format!("{text:?} is too large"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("123"), Ok(123));
        assert_eq!(parse_size("64K"), Ok(65_536));
        assert_eq!(parse_size("100M"), Ok(104_857_600));
        assert_eq!(parse_size("1GiB"), Ok(1 << 30));
        assert_eq!(parse_size("2 mb"), Ok(2 << 20));
        assert!(parse_size("M").is_err());
        assert!(parse_size("5T").is_err());
        assert!(parse_size("99999999999999G").is_err());
    }
}

//! What every request shares: the store (a small pool of connections used from blocking tasks),
//! the reference data, and the analyses already computed.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use coopatlas_analytics::keys::{FormKeys, KeySet, SphereKeys};
use coopatlas_analytics::measures::{self, Grouping};
use coopatlas_analytics::network::{self, Network, Weight};
use coopatlas_analytics::{Analysis, Analyzer, DocumentInput, Filter, Geography, Lang};
use coopatlas_document::DocumentId;
use coopatlas_extract::Extractor;
use coopatlas_gazetteer::Gazetteer;
use coopatlas_store::{Mentions, Store, StoreError};

use crate::error::AppError;

/// Opens one more connection to the atlas.
pub type Opener = Box<dyn Fn() -> Result<Box<dyn Store>, StoreError> + Send + Sync>;

/// Settings of a server.
#[derive(Debug, Clone)]
pub struct Config {
    /// Whether visitors who have not signed in may read. Reviewing and uploading always need an
    /// editor.
    pub anonymous_read: bool,
    /// Largest request body (uploads), in bytes.
    pub upload_limit: usize,
    pub request_timeout: Duration,
    /// Marks session cookies `Secure` (set it when the server sits behind HTTPS).
    pub secure_cookies: bool,
    /// A name for the atlas, shown in the header.
    pub name: String,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            anonymous_read: true,
            upload_limit: 32 * 1024 * 1024,
            request_timeout: crate::DEFAULT_TIMEOUT,
            secure_cookies: false,
            name: "coopatlas".into(),
        }
    }
}

/// One atlas as the server sees it.
pub struct Atlas {
    open: Opener,
    /// Idle connections. The `Store` trait is `Send` but not `Sync`: each blocking task takes one
    /// connection for itself and puts it back. A pool crate would add nothing to these few lines.
    idle: Mutex<Vec<Box<dyn Store>>>,
    pub extractor: Extractor,
    pub geography: Geography,
    pub config: Config,
    analyses: Mutex<Analyses>,
    /// Ranked matches of recent queries, for one data version.
    searches: Mutex<Searches>,
    /// Failed sign-ins per name: (count, when the first of them happened).
    failures: Mutex<HashMap<String, (u32, std::time::Instant)>>,
    /// One analysis is computed at a time: with two cores, two scans at once only slow each other,
    /// and the second request for the same filter finds the first one's result.
    computing: tokio::sync::Mutex<()>,
}

/// Analyses of one data version, most recently used last.
#[derive(Default)]
struct Analyses {
    version: u64,
    entries: Vec<(Filter, Arc<Analyzed>)>,
}

/// Every document a query matches, best first, with its score.
pub type Matches = Arc<Vec<(DocumentId, f64)>>;

/// Ranked matches of recent full-text queries, most recently used last.
#[derive(Default)]
struct Searches {
    version: u64,
    entries: Vec<(String, Matches)>,
}

/// How many queries' matches are kept: a facet click or the next page repeats the query.
const CACHED_SEARCHES: usize = 64;

/// Failed sign-ins of one name before it has to wait, and how long.
pub const SIGN_IN_ATTEMPTS: u32 = 5;
pub const SIGN_IN_WINDOW: Duration = Duration::from_secs(15 * 60);

/// How many filtered analyses are kept besides the whole atlas's.
const CACHED_ANALYSES: usize = 24;

/// An analysis with what pages derive from it, each computed once on first use.
pub struct Analyzed {
    pub analysis: Analysis,
    /// The data version it was computed from.
    pub version: u64,
    networks: [OnceLock<Network>; 2],
    facets: OnceLock<Facets>,
    overview: OnceLock<OverviewParts>,
    /// Whatever else pages derive from the analysis (a profile, a network drawing), by key.
    derived: Mutex<HashMap<String, Arc<dyn std::any::Any + Send + Sync>>>,
}

/// The overview's tables: a pass over every statement each, so computed once per analysis.
#[derive(Debug)]
pub struct OverviewParts {
    pub counts: measures::Overview,
    pub spheres: measures::GroupTable,
    pub depths: measures::GroupTable,
    pub places: Vec<measures::PlaceRow>,
    pub series: Vec<measures::YearRow>,
}

/// What the search page counts and filters documents by, per document of an analysis, as small
/// codes: a search may hold most of the atlas, and counting codes in arrays is what keeps its
/// facets cheap.
#[derive(Debug, Default)]
pub struct Facets {
    /// Row of each document id.
    pub index: HashMap<String, u32>,
    /// Rows newest first (then by title and id): the listing without words.
    pub newest_first: Vec<u32>,
    /// The federal district and country of the subject, year, language, genre and depth; "none"
    /// where there is none.
    pub district: Column,
    pub country: Column,
    pub year: Column,
    pub language: Column,
    pub genre: Column,
    pub depth: Column,
    /// The spheres its cooperation sentences name, and the forms of its tie statements.
    pub spheres: Vec<KeySet<SphereKeys>>,
    pub forms: Vec<KeySet<FormKeys>>,
}

/// One facet: the names of its values and each document's code (an index into the names).
#[derive(Debug, Default)]
pub struct Column {
    pub names: Vec<String>,
    pub codes: Vec<u32>,
    lookup: HashMap<String, u32>,
}

impl Column {
    fn push(&mut self, value: &str) {
        let code = match self.lookup.get(value) {
            Some(code) => *code,
            None => {
                let code = self.names.len() as u32;
                self.names.push(value.to_string());
                self.lookup.insert(value.to_string(), code);
                code
            }
        };
        self.codes.push(code);
    }

    /// The codes of `values` (values no document has are left out).
    pub fn codes_of<'a>(&self, values: impl IntoIterator<Item = &'a str>) -> Vec<u32> {
        values.into_iter().filter_map(|value| self.lookup.get(value).copied()).collect()
    }
}

impl Analyzed {
    /// The partner network weighted by documents or agreements (names in Russian: pages use ids
    /// and name nodes themselves).
    pub fn network(&self, geography: &Geography, weight: Weight) -> &Network {
        let slot = match weight {
            Weight::Documents => 0,
            Weight::Agreements => 1,
        };
        self.networks[slot].get_or_init(|| network::build(&self.analysis, geography, weight, Lang::Ru))
    }

    pub fn overview(&self, geography: &Geography) -> &OverviewParts {
        self.overview.get_or_init(|| OverviewParts {
            counts: measures::overview(&self.analysis),
            spheres: measures::sphere_table(&self.analysis, geography, Grouping::FederalDistrict),
            depths: measures::depth_table(&self.analysis, geography, Grouping::FederalDistrict),
            places: measures::places(&self.analysis),
            series: measures::series(&self.analysis),
        })
    }

    /// `make()`, computed once per analysis and `key` (the analysis never changes: a new data
    /// version makes a new analysis). Two requests may compute the same key at once; both results
    /// are equal and the first kept wins.
    pub fn derived<T: Send + Sync + 'static>(&self, key: String, make: impl FnOnce() -> T) -> Arc<T> {
        if let Some(value) = self.derived_get(&key) {
            return value;
        }
        self.derived_put(key, make())
    }

    /// What [`Analyzed::derived`] or [`Analyzed::derived_put`] kept under `key`, if anything.
    pub fn derived_get<T: Send + Sync + 'static>(&self, key: &str) -> Option<Arc<T>> {
        let found = self.derived.lock().expect("derived cache").get(key).cloned();
        found.and_then(|value| value.downcast::<T>().ok())
    }

    /// Keeps `value` under `key` (for values made by async work) and returns it.
    pub fn derived_put<T: Send + Sync + 'static>(&self, key: String, value: T) -> Arc<T> {
        let value = Arc::new(value);
        let mut derived = self.derived.lock().expect("derived cache");
        // Bounded: a crawler walking every combination of parameters must not grow it forever.
        if derived.len() >= 1024 {
            derived.clear();
        }
        derived.entry(key).or_insert_with(|| value.clone());
        value
    }

    pub fn facets(&self, geography: &Geography) -> &Facets {
        self.facets.get_or_init(|| {
            let documents = &self.analysis.documents;
            let mut facets = Facets {
                index: documents.iter().enumerate().map(|(row, document)| (document.id.clone(), row as u32)).collect(),
                spheres: Vec::with_capacity(documents.len()),
                forms: vec![KeySet::default(); documents.len()],
                ..Facets::default()
            };
            for document in documents {
                let subject = document.subject.as_deref();
                facets.district.push(subject.and_then(|place| geography.federal_district(place)).unwrap_or("none"));
                facets.country.push(subject.map_or("none", |place| geography.country(place)));
                facets.year.push(&document.year.map_or_else(|| "none".to_string(), |year| year.to_string()));
                facets.language.push(document.language.as_deref().unwrap_or("none"));
                facets.genre.push(&document.genre);
                facets.depth.push(&document.depth);
                facets.spheres.push(KeySet::of(document.spheres.iter().map(|(sphere, _)| sphere)));
            }
            for statement in &self.analysis.statements {
                let forms = &mut facets.forms[statement.document as usize];
                *forms = forms.union(statement.forms);
            }
            facets.newest_first = (0..documents.len() as u32).collect();
            facets.newest_first.sort_by(|a, b| {
                let (a, b) = (&documents[*a as usize], &documents[*b as usize]);
                b.date.cmp(&a.date).then_with(|| a.title.cmp(&b.title)).then_with(|| a.id.cmp(&b.id))
            });
            facets
        })
    }
}

impl std::fmt::Debug for Atlas {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.debug_struct("Atlas").field("config", &self.config).finish_non_exhaustive()
    }
}

impl Atlas {
    pub fn new(open: Opener, extractor: Extractor, geography: Geography, config: Config) -> Atlas {
        Atlas {
            open,
            idle: Mutex::new(Vec::new()),
            extractor,
            geography,
            config,
            analyses: Mutex::new(Analyses::default()),
            searches: Mutex::new(Searches::default()),
            failures: Mutex::new(HashMap::new()),
            computing: tokio::sync::Mutex::new(()),
        }
    }

    /// Whether `name` may try to sign in now: after `SIGN_IN_ATTEMPTS` failures it must wait
    /// until `SIGN_IN_WINDOW` has passed since the first of them, which makes guessing
    /// passwords slow.
    pub fn may_try(&self, name: &str) -> bool {
        let failures = self.failures.lock().expect("sign-in failures");
        failures.get(name).is_none_or(|(count, since)| *count < SIGN_IN_ATTEMPTS || since.elapsed() > SIGN_IN_WINDOW)
    }

    /// Records a sign-in of `name` that failed (`false`) or succeeded (`true`, which forgets the failures).
    pub fn signed_in(&self, name: &str, succeeded: bool) {
        let mut failures = self.failures.lock().expect("sign-in failures");
        if succeeded {
            failures.remove(name);
            return;
        }
        if failures.len() > 10_000 {
            failures.retain(|_, (_, since)| since.elapsed() <= SIGN_IN_WINDOW);
        }
        let entry = failures.entry(name.to_string()).or_insert((0, std::time::Instant::now()));
        if entry.1.elapsed() > SIGN_IN_WINDOW {
            *entry = (0, std::time::Instant::now());
        }
        entry.0 += 1;
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        self.extractor.gazetteer()
    }

    /// Runs `work` with a connection of its own on a blocking thread.
    pub async fn with_store<T, F>(self: &Arc<Self>, work: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut dyn Store) -> Result<T, AppError> + Send + 'static,
    {
        let atlas = self.clone();
        tokio::task::spawn_blocking(move || {
            let taken = atlas.idle.lock().expect("store pool").pop();
            let mut store = match taken {
                Some(store) => store,
                None => (atlas.open)()?,
            };
            let result = work(store.as_mut());
            let mut idle = atlas.idle.lock().expect("store pool");
            // A store whose connection died (a database server restarted) is not kept.
            if idle.len() < 8 && store.is_usable() {
                idle.push(store);
            }
            result
        })
        .await
        .map_err(|error| AppError::internal(format!("a blocking task failed: {error}")))?
    }

    /// The analysis of the atlas under `filter`, from the cache when the data have not changed
    /// since it was computed.
    pub async fn analysis(self: &Arc<Self>, filter: &Filter) -> Result<Arc<Analyzed>, AppError> {
        let version = self.with_store(|store| Ok(store.data_version()?)).await?;
        if let Some(found) = self.cached(version, filter) {
            return Ok(found);
        }
        // A filtered analysis starts from the whole atlas's, which names the documents it needs.
        let whole = match filter.is_empty() {
            true => None,
            false => Some(Box::pin(self.analysis(&Filter::default())).await?),
        };
        let _turn = self.computing.lock().await;
        if let Some(found) = self.cached(version, filter) {
            return Ok(found);
        }
        let atlas = self.clone();
        let chosen = filter.clone();
        let analyzed = self
            .with_store(move |store| {
                let whole = whole.as_ref().filter(|whole| whole.version == version).map(|whole| &whole.analysis);
                let analysis = analyse(store, &atlas.geography, chosen, whole)?;
                Ok(Arc::new(Analyzed {
                    analysis,
                    version,
                    networks: Default::default(),
                    facets: OnceLock::new(),
                    overview: OnceLock::new(),
                    derived: Mutex::new(HashMap::new()),
                }))
            })
            .await?;
        let mut analyses = self.analyses.lock().expect("analysis cache");
        if analyses.version != version {
            analyses.version = version;
            analyses.entries.clear();
        }
        analyses.entries.push((filter.clone(), analyzed.clone()));
        // The whole atlas's analysis stays: the overview and the search facets use it.
        while analyses.entries.len() > CACHED_ANALYSES + 1 {
            let Some(oldest) = analyses.entries.iter().position(|(key, _)| !key.is_empty()) else { break };
            analyses.entries.remove(oldest);
        }
        Ok(analyzed)
    }

    /// Every document matching `text`, best first, as of data version `version` (from the cache
    /// when this query was asked since the data last changed).
    pub async fn search_matches(self: &Arc<Self>, text: &str, version: u64) -> Result<Matches, AppError> {
        {
            let mut searches = self.searches.lock().expect("search cache");
            if searches.version == version
                && let Some(position) = searches.entries.iter().position(|(query, _)| query == text)
            {
                let entry = searches.entries.remove(position);
                let found = entry.1.clone();
                searches.entries.push(entry);
                return Ok(found);
            }
        }
        let query = text.to_string();
        let matches = Arc::new(self.with_store(move |store| Ok(store.search_matches(&query)?)).await?);
        let mut searches = self.searches.lock().expect("search cache");
        if searches.version != version {
            searches.version = version;
            searches.entries.clear();
        }
        searches.entries.push((text.to_string(), matches.clone()));
        if searches.entries.len() > CACHED_SEARCHES {
            searches.entries.remove(0);
        }
        Ok(matches)
    }

    fn cached(&self, version: u64, filter: &Filter) -> Option<Arc<Analyzed>> {
        let mut analyses = self.analyses.lock().expect("analysis cache");
        if analyses.version != version {
            return None;
        }
        let position = analyses.entries.iter().position(|(key, _)| key == filter)?;
        let entry = analyses.entries.remove(position);
        let found = entry.1.clone();
        analyses.entries.push(entry);
        Some(found)
    }
}

/// Streams the atlas, reviewed (`Store::scan_reviewed`), through the analyzer. With `whole` (the unfiltered analysis of the same data), reads only the documents that may
/// count under the filter when they are under a quarter of the atlas: reading a subset costs
/// about as much per document as the full scan.
fn analyse(
    store: &dyn Store,
    geography: &Geography,
    filter: Filter,
    whole: Option<&Analysis>,
) -> Result<Analysis, AppError> {
    let subset: Option<(Vec<DocumentId>, &Analysis)> = whole.and_then(|whole| {
        let rows = whole.candidates(geography, &filter)?;
        (rows.len() * 4 < whole.counts.scanned).then(|| {
            let ids = rows.iter().filter_map(|row| DocumentId::parse(&whole.documents[*row as usize].id)).collect();
            (ids, whole)
        })
    });
    let mut analyzer = Analyzer::new(geography, filter);
    let mut visit = |scanned: coopatlas_store::ScannedDocument| {
        let (summary, facts) = (scanned.summary, scanned.facts);
        analyzer.add(DocumentInput {
            id: summary.id.to_string(),
            title: summary.title,
            date: summary.date,
            language: summary.language,
            genre: summary.genre.to_string(),
            path: summary.paths.into_iter().next(),
            facts,
        });
        Ok(())
    };
    let documents = subset.as_ref().map(|(ids, _)| ids.as_slice());
    store.scan_reviewed(documents, Mentions::Without, &mut visit)?;
    let mut analysis = analyzer.finish();
    if let Some((_, whole)) = subset {
        analysis.count_as_whole(whole);
    }
    Ok(analysis)
}

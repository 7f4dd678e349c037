//! The accumulator: documents with their facts go in one at a time ([`Analyzer::add`]), filtered
//! by one [`Filter`]; [`Analyzer::finish`] gives the [`Analysis`] that every table, report and
//! network is computed from. It keeps what the results need — per document a row of metadata,
//! per tie statement a row, per pair of places a partnership — and never the documents' text.

use std::collections::BTreeMap;

use coopatlas_document::Facts;
use coopatlas_document::facts::Span;
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::filter::{Filter, Scope};
use crate::geo::{Contest, Geography};
use crate::keys::{FormKeys, Interner, KeySet, PlaceList, SphereKeys, Text};

/// One document as analytics needs it: metadata and facts (no text).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DocumentInput {
    pub id: String,
    pub title: Option<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub date: Option<String>,
    pub language: Option<String>,
    pub genre: String,
    /// The first path it was read from.
    pub path: Option<String>,
    /// `None` when extraction has not run on it.
    pub facts: Option<Facts>,
}

/// A sentence of a document: what every number leads back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Evidence {
    /// Index into [`Analysis::documents`].
    pub document: u32,
    /// `[start, end)` bytes of the sentence in the document's text (32 bits: rows are kept by the
    /// million, and a document's text is far below 4 GB).
    pub span: (u32, u32),
}

impl Evidence {
    pub fn new(document: u32, span: Span) -> Evidence {
        Evidence { document, span: narrow(span) }
    }

    /// The byte range as the document's facts give it.
    pub fn range(&self) -> Span {
        (self.span.0 as usize, self.span.1 as usize)
    }
}

/// A byte range in 32 bits (saturating; texts are far smaller).
fn narrow((start, end): Span) -> (u32, u32) {
    (u32::try_from(start).unwrap_or(u32::MAX), u32::try_from(end).unwrap_or(u32::MAX))
}

/// What a figure measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Trade volumes and turnover, exports and imports.
    Trade,
    Other,
}

impl Measure {
    pub fn as_str(self) -> &'static str {
        match self {
            Measure::Trade => "trade",
            Measure::Other => "other",
        }
    }
}

/// A document that passed the filter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentRow {
    pub id: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub year: Option<i32>,
    pub language: Option<String>,
    pub genre: String,
    pub path: Option<String>,
    /// The place the document is about; its district and country are the document's.
    pub subject: Option<String>,
    pub depth: String,
    /// The spheres its cooperation sentences name, each with the first such sentence.
    pub spheres: Vec<(String, Option<Span>)>,
    /// Tie statements (pairs of places) and figures counted from it.
    pub statements: usize,
    pub figures: usize,
}

impl DocumentRow {
    pub fn has_sphere(&self, sphere: &str) -> bool {
        self.spheres.iter().any(|(key, _)| key == sphere)
    }
}

/// One document's statement that two places cooperate: the document's ties between the pair,
/// merged (forms and spheres united, the first sentence kept).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Statement {
    pub document: u32,
    /// Index into [`Analysis::partnerships`].
    pub partnership: u32,
    pub forms: KeySet<FormKeys>,
    pub spheres: KeySet<SphereKeys>,
    pub year: Option<i32>,
    /// The first sentence stating the tie.
    pub evidence: Evidence,
    /// True when every sentence stating it names three or more parties (a forum of regions, a
    /// multilateral agreement) rather than two.
    pub multilateral: bool,
}

/// Every statement about one pair of places, aggregated: the registry's row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Partnership {
    /// The place whose id sorts first.
    pub a: String,
    pub b: String,
    pub scope: Scope,
    /// Documents stating the tie.
    pub documents: Vec<u32>,
    /// Documents per form and per sphere.
    pub forms: BTreeMap<String, usize>,
    pub spheres: BTreeMap<String, usize>,
    /// Documents per year (undated documents are not in it).
    pub years: BTreeMap<i32, usize>,
    /// Documents stating an agreement, per year.
    pub agreement_years: BTreeMap<i32, usize>,
    /// Documents whose statement is bilateral and multilateral.
    pub bilateral: usize,
    pub multilateral: usize,
    /// The first sentence of each document that states it, in document order.
    pub evidence: Vec<Evidence>,
}

impl Partnership {
    /// Documents stating an agreement between the two.
    pub fn agreements(&self) -> usize {
        self.forms.get("agreement").copied().unwrap_or(0)
    }

    pub fn first_year(&self) -> Option<i32> {
        self.years.keys().next().copied()
    }

    pub fn last_year(&self) -> Option<i32> {
        self.years.keys().next_back().copied()
    }
}

/// A figure of a document that passed the filter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureRow {
    pub document: u32,
    pub value: f64,
    /// [`Analysis::text`] gives the unit, what is counted and the qualifier.
    pub unit: Text,
    pub what: Option<Text>,
    pub qualifier: Option<Text>,
    /// The places its sentence names, sorted ([`Analysis::places`]).
    pub places: PlaceList,
    /// The year the sentence names, else the document's year.
    pub year: Option<i32>,
    pub measure: Measure,
    /// The number in the text.
    pub span: (u32, u32),
    pub evidence: Evidence,
}

/// Counts of what was scanned and what passed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Counts {
    /// Documents handed to the analyzer.
    pub scanned: usize,
    /// Of those, documents extraction has not run on (left out of every number).
    pub unextracted: usize,
    /// Documents with facts that the filter left out.
    pub filtered_out: usize,
    /// Ties left out because one end lies inside the other (a city and its own region or
    /// country): a place does not cooperate with itself.
    pub nested_ties: usize,
}

/// Everything the results are computed from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    pub filter: Filter,
    pub contest: Contest,
    pub counts: Counts,
    pub documents: Vec<DocumentRow>,
    pub statements: Vec<Statement>,
    /// Sorted by documents (most first), then by ids.
    pub partnerships: Vec<Partnership>,
    pub figures: Vec<FigureRow>,
    texts: Vec<Box<str>>,
    place_lists: Vec<Box<[String]>>,
}

impl Analysis {
    /// The rows of this analysis, made without a filter, whose documents may count under
    /// `filter`: every document that counts is among them (in stored order), so analysing only
    /// these documents gives the same analysis as scanning the whole atlas, once
    /// [`Analysis::count_as_whole`] has set the counts. A place's profile then reads a few
    /// documents instead of all. `None` when this analysis was itself filtered.
    ///
    /// The test is the filter's own, made on what the unfiltered rows keep: the metadata, and for
    /// places and districts the subject or an end of a statement (forms, spheres and scope are
    /// left to the analyzer).
    pub fn candidates(&self, geography: &Geography, filter: &Filter) -> Option<Vec<u32>> {
        if !self.filter.is_empty() {
            return None;
        }
        let metadata =
            |document: &DocumentRow| filter.metadata(document.year, document.language.as_deref(), &document.genre);
        let mut keep: Vec<bool> = self
            .documents
            .iter()
            .map(|document| {
                metadata(document)
                    && (!filter.geographic()
                        || document.subject.as_deref().is_some_and(|subject| filter.place(geography, subject)))
            })
            .collect();
        if filter.geographic() {
            for statement in &self.statements {
                let row = statement.document as usize;
                if keep[row] || !metadata(&self.documents[row]) {
                    continue;
                }
                let partnership = &self.partnerships[statement.partnership as usize];
                keep[row] = filter.place(geography, &partnership.a) || filter.place(geography, &partnership.b);
            }
        }
        Some(keep.iter().enumerate().filter(|(_, keep)| **keep).map(|(row, _)| row as u32).collect())
    }

    /// Sets the counts of an analysis of [`Analysis::candidates`] to those a scan of the whole
    /// atlas would have given (`whole` is the unfiltered analysis the candidates came from).
    pub fn count_as_whole(&mut self, whole: &Analysis) {
        self.counts.scanned = whole.counts.scanned;
        self.counts.unextracted = whole.counts.unextracted;
        self.counts.filtered_out = whole.counts.scanned - whole.counts.unextracted - self.documents.len();
    }

    /// An interned string (a figure's unit, what it counts, its qualifier).
    pub fn text(&self, text: Text) -> &str {
        &self.texts[text.0 as usize]
    }

    /// An interned list of place ids, sorted.
    pub fn places(&self, list: PlaceList) -> &[String] {
        &self.place_lists[list.0 as usize]
    }
}

/// Builds an [`Analysis`] from documents handed over one at a time.
#[derive(Debug)]
pub struct Analyzer<'g> {
    geography: &'g Geography,
    filter: Filter,
    counts: Counts,
    documents: Vec<DocumentRow>,
    statements: Vec<Statement>,
    partnerships: Vec<Partnership>,
    /// Place ids numbered, and each pair of numbers with its partnership.
    place_numbers: FxHashMap<String, u32>,
    pairs: FxHashMap<(u32, u32), u32>,
    /// Whether an interned `what` speaks of trade.
    trade: FxHashMap<Text, bool>,
    figures: Vec<FigureRow>,
    interner: Interner,
}

/// The year of a date (`2019-06-27` → 2019).
pub fn year_of(date: Option<&str>) -> Option<i32> {
    let date = date?;
    date.get(..4).filter(|year| year.bytes().all(|byte| byte.is_ascii_digit()))?.parse().ok()
}

/// True for a figure about trade volumes or turnover, from the words the text uses for it.
fn is_trade(what: Option<&str>) -> bool {
    what.is_some_and(|what| {
        let what = what.to_lowercase();
        ["товарооборот", "торгов", "экспорт", "импорт", "trade", "export", "import", "turnover"]
            .iter()
            .any(|stem| what.contains(stem))
    })
}

impl<'g> Analyzer<'g> {
    pub fn new(geography: &'g Geography, filter: Filter) -> Analyzer<'g> {
        Analyzer {
            geography,
            filter,
            counts: Counts::default(),
            documents: Vec::new(),
            statements: Vec::new(),
            partnerships: Vec::new(),
            place_numbers: FxHashMap::default(),
            pairs: FxHashMap::default(),
            trade: FxHashMap::default(),
            figures: Vec::new(),
            interner: Interner::default(),
        }
    }

    pub fn add(&mut self, input: DocumentInput) {
        self.counts.scanned += 1;
        let Some(facts) = input.facts else {
            self.counts.unextracted += 1;
            return;
        };
        let year = year_of(input.date.as_deref());
        let filter = &self.filter;
        let geography = self.geography;
        if !filter.metadata(year, input.language.as_deref(), &input.genre) {
            self.counts.filtered_out += 1;
            return;
        }
        let (ties, nested): (Vec<_>, Vec<_>) = facts
            .ties
            .iter()
            .filter(|tie| filter.tie(geography, &tie.a, &tie.b, &tie.forms, &tie.spheres))
            .partition(|tie| !geography.lies_in(&tie.a, &tie.b) && !geography.lies_in(&tie.b, &tie.a));

        let subject_passes = facts.subject.as_deref().is_some_and(|subject| filter.place(geography, subject));
        let passes = (!filter.geographic() || subject_passes || !ties.is_empty())
            && (!filter.needs_ties() || !ties.is_empty())
            && (filter.spheres.is_empty()
                || !ties.is_empty()
                || facts.spheres.iter().any(|share| filter.spheres.contains(&share.sphere)));
        if !passes {
            self.counts.filtered_out += 1;
            return;
        }
        self.counts.nested_ties += nested.len();
        let document = self.documents.len() as u32;

        // Ties of one document between one pair become one statement; a sentence naming three
        // or more parties makes a multilateral statement.
        let mut parties_per_sentence: BTreeMap<Span, Vec<&str>> = BTreeMap::new();
        for tie in &ties {
            let parties = parties_per_sentence.entry(tie.evidence).or_default();
            for place in [tie.a.as_str(), tie.b.as_str()] {
                if !parties.contains(&place) {
                    parties.push(place);
                }
            }
        }
        let mut statements: Vec<(String, String, Statement, bool)> = Vec::new();
        for tie in &ties {
            let (a, b) = if tie.a <= tie.b { (&tie.a, &tie.b) } else { (&tie.b, &tie.a) };
            let bilateral = parties_per_sentence[&tie.evidence].len() < 3;
            match statements.iter_mut().find(|(left, right, _, _)| left == a && right == b) {
                Some((_, _, statement, any_bilateral)) => {
                    statement.forms = statement.forms.union(KeySet::of(&tie.forms));
                    statement.spheres = statement.spheres.union(KeySet::of(&tie.spheres));
                    *any_bilateral |= bilateral;
                }
                None => {
                    let statement = Statement {
                        document,
                        partnership: 0,
                        forms: KeySet::of(&tie.forms),
                        spheres: KeySet::of(&tie.spheres),
                        year,
                        evidence: Evidence::new(document, tie.evidence),
                        multilateral: false,
                    };
                    statements.push((a.clone(), b.clone(), statement, bilateral));
                }
            }
        }
        let statement_count = statements.len();
        for (a, b, mut statement, bilateral) in statements {
            statement.multilateral = !bilateral;
            let mut number = |place: &String| match self.place_numbers.get(place.as_str()) {
                Some(number) => *number,
                None => {
                    let number = self.place_numbers.len() as u32;
                    self.place_numbers.insert(place.clone(), number);
                    number
                }
            };
            let key = (number(&a), number(&b));
            let index = match self.pairs.get(&key) {
                Some(index) => *index,
                None => {
                    let index = self.partnerships.len() as u32;
                    self.partnerships.push(Partnership {
                        scope: Scope::of(geography, &a, &b),
                        a: a.clone(),
                        b: b.clone(),
                        documents: Vec::new(),
                        forms: BTreeMap::new(),
                        spheres: BTreeMap::new(),
                        years: BTreeMap::new(),
                        agreement_years: BTreeMap::new(),
                        bilateral: 0,
                        multilateral: 0,
                        evidence: Vec::new(),
                    });
                    self.pairs.insert(key, index);
                    index
                }
            };
            let partnership = &mut self.partnerships[index as usize];
            partnership.documents.push(document);
            for form in statement.forms.iter() {
                *partnership.forms.entry(form.to_string()).or_default() += 1;
            }
            for sphere in statement.spheres.iter() {
                *partnership.spheres.entry(sphere.to_string()).or_default() += 1;
            }
            if let Some(year) = year {
                *partnership.years.entry(year).or_default() += 1;
                if statement.forms.contains("agreement") {
                    *partnership.agreement_years.entry(year).or_default() += 1;
                }
            }
            if statement.multilateral {
                partnership.multilateral += 1;
            } else {
                partnership.bilateral += 1;
            }
            partnership.evidence.push(statement.evidence);
            statement.partnership = index;
            self.statements.push(statement);
        }

        let mut figure_count = 0;
        for figure in &facts.figures {
            let in_place = !filter.geographic()
                || figure.places.iter().any(|place| filter.place(geography, place))
                || (figure.places.is_empty() && subject_passes);
            if !in_place {
                continue;
            }
            figure_count += 1;
            let interner = &mut self.interner;
            let what = figure.what.as_deref().map(|what| interner.text(what));
            let trade =
                what.is_some_and(|text| *self.trade.entry(text).or_insert_with(|| is_trade(figure.what.as_deref())));
            self.figures.push(FigureRow {
                document,
                value: figure.value,
                unit: interner.text(&figure.unit),
                what,
                qualifier: figure.qualifier.as_deref().map(|qualifier| interner.text(qualifier)),
                places: interner.places(&figure.places),
                year: figure.year.or(year),
                measure: if trade { Measure::Trade } else { Measure::Other },
                span: narrow(figure.span),
                evidence: Evidence::new(document, figure.evidence),
            });
        }

        self.documents.push(DocumentRow {
            id: input.id,
            title: input.title,
            date: input.date,
            year,
            language: input.language,
            genre: input.genre,
            path: input.path,
            subject: facts.subject,
            depth: facts.depth,
            spheres: facts
                .spheres
                .into_iter()
                .filter(|share| share.share > 0.0)
                .map(|share| (share.sphere, share.evidence.first().copied()))
                .collect(),
            statements: statement_count,
            figures: figure_count,
        });
    }

    pub fn finish(self) -> Analysis {
        let mut order: Vec<u32> = (0..self.partnerships.len() as u32).collect();
        let by_rank = |index: &u32| {
            let partnership = &self.partnerships[*index as usize];
            (std::cmp::Reverse(partnership.documents.len()), partnership.a.clone(), partnership.b.clone())
        };
        order.sort_by_cached_key(by_rank);
        let mut new_index = vec![0u32; order.len()];
        for (rank, old) in order.iter().enumerate() {
            new_index[*old as usize] = rank as u32;
        }
        let mut slots: Vec<Option<Partnership>> = self.partnerships.into_iter().map(Some).collect();
        let partnerships = order.iter().filter_map(|old| slots[*old as usize].take()).collect();
        let mut statements = self.statements;
        // The rows are kept for the whole report or export: give back what growing them left over.
        statements.shrink_to_fit();
        let mut figures = self.figures;
        figures.shrink_to_fit();
        let mut documents = self.documents;
        documents.shrink_to_fit();
        for statement in &mut statements {
            statement.partnership = new_index[statement.partnership as usize];
        }
        let (texts, place_lists) = self.interner.finish();
        Analysis {
            contest: self.geography.contest(),
            filter: self.filter,
            counts: self.counts,
            documents,
            statements,
            partnerships,
            figures,
            texts,
            place_lists,
        }
    }
}

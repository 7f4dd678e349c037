//! What is computed from an [`Analysis`]: the district × sphere and district × depth tables,
//! yearly series, places with their partners, the distribution of agreements, figures summarised
//! without mixing units, and the overview's counts. How each number is counted is written next to
//! it; the report's methods section says the same in words.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::analysis::{Analysis, Evidence};
use crate::filter::Scope;
use crate::geo::Geography;
use crate::labels::{self, Vocabulary};

/// What documents are grouped by: the rollup of the document's subject place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Grouping {
    FederalDistrict,
    EconomicRegion,
    Association,
    Country,
}

impl Grouping {
    pub fn parse(text: &str) -> Option<Grouping> {
        match text.trim() {
            "district" | "federal_district" => Some(Grouping::FederalDistrict),
            "economic_region" => Some(Grouping::EconomicRegion),
            "association" => Some(Grouping::Association),
            "country" => Some(Grouping::Country),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Grouping::FederalDistrict => "federal_district",
            Grouping::EconomicRegion => "economic_region",
            Grouping::Association => "association",
            Grouping::Country => "country",
        }
    }

    /// The fixed list of groups, when there is one (every district is a row, even an empty one).
    pub fn vocabulary(self) -> Option<Vocabulary> {
        match self {
            Grouping::FederalDistrict => Some(labels::FEDERAL_DISTRICTS),
            Grouping::EconomicRegion => Some(labels::ECONOMIC_REGIONS),
            Grouping::Association => Some(labels::ASSOCIATIONS),
            Grouping::Country => None,
        }
    }

    /// The groups a place belongs to (an association region may be in two).
    fn keys(self, geography: &Geography, place: &str) -> Vec<String> {
        let Some(area) = geography.area(place) else { return Vec::new() };
        match self {
            Grouping::FederalDistrict => area.federal_district.iter().cloned().collect(),
            Grouping::EconomicRegion => area.economic_region.iter().cloned().collect(),
            Grouping::Association => area.associations.clone(),
            Grouping::Country => vec![area.country.clone()],
        }
    }
}

/// One row of a group table: the documents of one group and, per column, those that count.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupRow {
    /// The group's key; `None` for documents whose subject lies in no group (foreign or unknown).
    pub key: Option<String>,
    /// Documents of the group (indexes into `Analysis::documents`).
    pub documents: Vec<u32>,
    /// Per column, the documents of the group that have it.
    pub cells: Vec<Vec<u32>>,
}

impl GroupRow {
    /// The share of the group's documents that have column `column`; `None` for an empty group.
    pub fn share(&self, column: usize) -> Option<f64> {
        (!self.documents.is_empty()).then(|| self.cells[column].len() as f64 / self.documents.len() as f64)
    }
}

/// Documents per group and column: the paper's "share of strategies naming a sphere, per federal
/// district".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupTable {
    pub grouping: Grouping,
    /// Column keys: spheres or depths.
    pub columns: Vec<String>,
    pub rows: Vec<GroupRow>,
}

/// Spheres × groups: a document has a sphere when a cue of that sphere stands in one of its
/// cooperation sentences.
pub fn sphere_table(analysis: &Analysis, geography: &Geography, grouping: Grouping) -> GroupTable {
    let columns: Vec<String> = labels::SPHERES.iter().map(|(key, _, _)| key.to_string()).collect();
    group_table(analysis, geography, grouping, columns, |document, column| document.has_sphere(column))
}

/// Depths × groups: every document has exactly one depth.
pub fn depth_table(analysis: &Analysis, geography: &Geography, grouping: Grouping) -> GroupTable {
    let columns: Vec<String> = labels::DEPTHS.iter().map(|(key, _, _)| key.to_string()).collect();
    group_table(analysis, geography, grouping, columns, |document, column| document.depth == column)
}

fn group_table(
    analysis: &Analysis,
    geography: &Geography,
    grouping: Grouping,
    columns: Vec<String>,
    has: impl Fn(&crate::analysis::DocumentRow, &str) -> bool,
) -> GroupTable {
    let mut groups: BTreeMap<Option<String>, GroupRow> = BTreeMap::new();
    if let Some(vocabulary) = grouping.vocabulary() {
        for (key, _, _) in vocabulary {
            let key = Some(key.to_string());
            groups.insert(key.clone(), GroupRow { key, documents: Vec::new(), cells: vec![Vec::new(); columns.len()] });
        }
    }
    for (index, document) in analysis.documents.iter().enumerate() {
        let mut keys: Vec<Option<String>> = document
            .subject
            .as_deref()
            .map(|subject| grouping.keys(geography, subject))
            .unwrap_or_default()
            .into_iter()
            .map(Some)
            .collect();
        if keys.is_empty() {
            keys.push(None);
        }
        for key in keys {
            let row = groups.entry(key.clone()).or_insert_with(|| GroupRow {
                key,
                documents: Vec::new(),
                cells: vec![Vec::new(); columns.len()],
            });
            row.documents.push(index as u32);
            for (column, cell) in columns.iter().zip(row.cells.iter_mut()) {
                if has(document, column) {
                    cell.push(index as u32);
                }
            }
        }
    }
    let mut rows: Vec<GroupRow> = groups.into_values().collect();
    match grouping.vocabulary() {
        Some(vocabulary) => {
            rows.sort_by_key(|row| row.key.as_deref().map_or(usize::MAX, |key| labels::rank(vocabulary, key)))
        }
        None => rows.sort_by(|left, right| {
            (left.key.is_none(), std::cmp::Reverse(left.documents.len()), &left.key).cmp(&(
                right.key.is_none(),
                std::cmp::Reverse(right.documents.len()),
                &right.key,
            ))
        }),
    }
    GroupTable { grouping, columns, rows }
}

/// One year of the series.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct YearRow {
    /// `None` for undated documents.
    pub year: Option<i32>,
    pub documents: usize,
    /// Tie statements (a document stating a tie between a pair).
    pub statements: usize,
    /// Statements per form (agreements, visits, forums...).
    pub forms: BTreeMap<String, usize>,
    /// Pairs of places stated for the first time that year.
    pub new_partnerships: usize,
    pub figures: usize,
}

/// Counts per year, ascending, undated last.
pub fn series(analysis: &Analysis) -> Vec<YearRow> {
    let mut years: BTreeMap<(bool, Option<i32>), YearRow> = BTreeMap::new();
    let mut row = |year: Option<i32>| {
        years.entry((year.is_none(), year)).or_insert_with(|| YearRow { year, ..YearRow::default() });
        (year.is_none(), year)
    };
    let mut keys = Vec::new();
    for document in &analysis.documents {
        keys.push(row(document.year));
    }
    let statement_keys: Vec<_> = analysis.statements.iter().map(|statement| row(statement.year)).collect();
    let figure_keys: Vec<_> = analysis.figures.iter().map(|figure| row(figure.year)).collect();
    let first_keys: Vec<_> = analysis
        .partnerships
        .iter()
        .filter_map(|partnership| partnership.first_year())
        .map(|year| row(Some(year)))
        .collect();
    for key in keys {
        years.get_mut(&key).expect("row made above").documents += 1;
    }
    for (key, statement) in statement_keys.into_iter().zip(&analysis.statements) {
        let row = years.get_mut(&key).expect("row made above");
        row.statements += 1;
        for form in statement.forms.iter() {
            *row.forms.entry(form.to_string()).or_default() += 1;
        }
    }
    for key in figure_keys {
        years.get_mut(&key).expect("row made above").figures += 1;
    }
    for key in first_keys {
        years.get_mut(&key).expect("row made above").new_partnerships += 1;
    }
    years.into_values().collect()
}

/// A place with its partners: the registry seen from one side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlaceRow {
    pub id: String,
    /// Distinct partners.
    pub partners: usize,
    pub international_partners: usize,
    pub interregional_partners: usize,
    /// Partners with which a document states an agreement.
    pub agreement_partners: usize,
    /// Statements naming it (a document counts once per partner).
    pub statements: usize,
    /// Distinct documents stating a tie of it.
    pub documents: usize,
    /// Statements per form and per sphere.
    pub forms: BTreeMap<String, usize>,
    pub spheres: BTreeMap<String, usize>,
    /// Indexes of its partnerships, most documents first.
    pub partnerships: Vec<u32>,
}

/// Every place that has a tie, most partners first.
pub fn places(analysis: &Analysis) -> Vec<PlaceRow> {
    let mut rows: BTreeMap<&str, (PlaceRow, Vec<u32>)> = BTreeMap::new();
    for (index, partnership) in analysis.partnerships.iter().enumerate() {
        for place in [&partnership.a, &partnership.b] {
            let (row, documents) = rows.entry(place.as_str()).or_insert_with(|| {
                let row = PlaceRow {
                    id: place.clone(),
                    partners: 0,
                    international_partners: 0,
                    interregional_partners: 0,
                    agreement_partners: 0,
                    statements: 0,
                    documents: 0,
                    forms: BTreeMap::new(),
                    spheres: BTreeMap::new(),
                    partnerships: Vec::new(),
                };
                (row, Vec::new())
            });
            row.partners += 1;
            match partnership.scope {
                Scope::International => row.international_partners += 1,
                Scope::Interregional => row.interregional_partners += 1,
            }
            if partnership.agreements() > 0 {
                row.agreement_partners += 1;
            }
            row.statements += partnership.documents.len();
            documents.extend(partnership.documents.iter().copied());
            for (form, count) in &partnership.forms {
                *row.forms.entry(form.clone()).or_default() += count;
            }
            for (sphere, count) in &partnership.spheres {
                *row.spheres.entry(sphere.clone()).or_default() += count;
            }
            row.partnerships.push(index as u32);
        }
    }
    let mut rows: Vec<PlaceRow> = rows
        .into_values()
        .map(|(mut row, mut documents)| {
            documents.sort_unstable();
            documents.dedup();
            row.documents = documents.len();
            row
        })
        .collect();
    rows.sort_by(|left, right| {
        (std::cmp::Reverse(left.partners), std::cmp::Reverse(left.statements), &left.id).cmp(&(
            std::cmp::Reverse(right.partners),
            std::cmp::Reverse(right.statements),
            &right.id,
        ))
    });
    rows
}

/// How many places have k partners with agreements, for k = 1, 2, ...: among the places with at
/// least one agreement, of the kinds given (regions, say).
pub fn agreement_distribution(rows: &[PlaceRow], keep: impl Fn(&str) -> bool) -> BTreeMap<usize, usize> {
    let mut distribution = BTreeMap::new();
    for row in rows.iter().filter(|row| row.agreement_partners > 0 && keep(&row.id)) {
        *distribution.entry(row.agreement_partners).or_default() += 1;
    }
    distribution
}

/// Figures of one measure and unit about one place or pair. Values in different units are never
/// added up; values about the same thing from different documents are not summed either (two
/// reports of one trade volume would count twice), so a group shows its range and its latest value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureGroup {
    /// The places the figures' sentences name (one place, a pair, or more), sorted.
    pub places: Vec<String>,
    pub measure: &'static str,
    pub unit: String,
    pub count: usize,
    pub min: f64,
    pub max: f64,
    /// The value of the latest year (the first such figure), with its year and evidence.
    pub latest: f64,
    pub latest_year: Option<i32>,
    pub latest_evidence: Evidence,
    /// Indexes into `Analysis::figures`.
    pub figures: Vec<u32>,
}

/// Figures grouped by places, measure and unit: trade first, then by number of figures.
pub fn figure_groups(analysis: &Analysis) -> Vec<FigureGroup> {
    // Grouped on interned ids (cheap to hash), ordered by names afterwards.
    let mut groups: rustc_hash::FxHashMap<
        (crate::keys::PlaceList, crate::analysis::Measure, crate::keys::Text),
        Vec<u32>,
    > = rustc_hash::FxHashMap::default();
    for (index, figure) in analysis.figures.iter().enumerate() {
        groups.entry((figure.places, figure.measure, figure.unit)).or_default().push(index as u32);
    }
    let mut result: Vec<FigureGroup> = groups
        .into_iter()
        .map(|((places, measure, unit), figures)| {
            let (places, unit) = (analysis.places(places), analysis.text(unit));
            let values = figures.iter().map(|index| &analysis.figures[*index as usize]);
            let latest = figures
                .iter()
                .map(|index| &analysis.figures[*index as usize])
                .max_by_key(|figure| (figure.year, std::cmp::Reverse(figure.evidence)))
                .expect("a group has figures");
            FigureGroup {
                places: places.to_vec(),
                measure: measure.as_str(),
                unit: unit.to_string(),
                count: figures.len(),
                min: values.clone().map(|figure| figure.value).fold(f64::INFINITY, f64::min),
                max: values.map(|figure| figure.value).fold(f64::NEG_INFINITY, f64::max),
                latest: latest.value,
                latest_year: latest.year,
                latest_evidence: latest.evidence,
                figures,
            }
        })
        .collect();
    result.sort_by(|left, right| {
        (left.measure != "trade", std::cmp::Reverse(left.count), &left.places, &left.unit).cmp(&(
            right.measure != "trade",
            std::cmp::Reverse(right.count),
            &right.places,
            &right.unit,
        ))
    });
    result
}

/// The headline counts.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Overview {
    pub documents: usize,
    pub undated: usize,
    pub statements: usize,
    pub partnerships: usize,
    /// Distinct places with at least one tie.
    pub places: usize,
    pub international_partnerships: usize,
    pub interregional_partnerships: usize,
    pub international_statements: usize,
    pub interregional_statements: usize,
    pub bilateral_statements: usize,
    pub multilateral_statements: usize,
    pub figures: usize,
    pub by_language: BTreeMap<String, usize>,
    pub by_genre: BTreeMap<String, usize>,
    pub by_depth: BTreeMap<String, usize>,
}

pub fn overview(analysis: &Analysis) -> Overview {
    let mut overview = Overview {
        documents: analysis.documents.len(),
        statements: analysis.statements.len(),
        partnerships: analysis.partnerships.len(),
        figures: analysis.figures.len(),
        ..Overview::default()
    };
    let mut places = BTreeSet::new();
    for partnership in &analysis.partnerships {
        places.insert(&partnership.a);
        places.insert(&partnership.b);
        match partnership.scope {
            Scope::International => {
                overview.international_partnerships += 1;
                overview.international_statements += partnership.documents.len();
            }
            Scope::Interregional => {
                overview.interregional_partnerships += 1;
                overview.interregional_statements += partnership.documents.len();
            }
        }
        overview.bilateral_statements += partnership.bilateral;
        overview.multilateral_statements += partnership.multilateral;
    }
    overview.places = places.len();
    for document in &analysis.documents {
        overview.undated += usize::from(document.year.is_none());
        *overview.by_language.entry(document.language.clone().unwrap_or_else(|| "none".into())).or_default() += 1;
        *overview.by_genre.entry(document.genre.clone()).or_default() += 1;
        *overview.by_depth.entry(document.depth.clone()).or_default() += 1;
    }
    overview
}

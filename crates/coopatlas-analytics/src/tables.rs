//! Every result as plain [`Table`]s: what `coopatlas export` writes as CSV, XLSX or JSON. Keys
//! stay machine-readable (`far_eastern`, `RU-KGD`); `*_name` columns carry names in the chosen
//! language. Evidence is given as document id and byte range, so a spreadsheet row leads back to
//! its sentence (`coopatlas show ID`).

use crate::analysis::{Analysis, Evidence};
use crate::geo::Geography;
use crate::labels::{self, Lang};
use crate::measures::{self, GroupTable, Grouping};
use crate::network::{Network, measures_by_year};
use crate::table::{Cell, Table};

/// All tables, in the order a workbook shows them.
pub fn all<'a>(analysis: &'a Analysis, geography: &'a Geography, network: &Network, lang: Lang) -> Vec<Table<'a>> {
    let mut tables = vec![
        documents(analysis, geography, lang),
        statements(analysis, geography, lang),
        partnerships(analysis, geography, lang),
        places(analysis, geography, lang),
        figures(analysis, lang),
        figure_groups(analysis, geography, lang),
    ];
    let districts = measures::sphere_table(analysis, geography, Grouping::FederalDistrict);
    tables.push(wide(&districts, "district_spheres", geography, lang));
    let depths = measures::depth_table(analysis, geography, Grouping::FederalDistrict);
    tables.push(wide(&depths, "district_depth", geography, lang));
    let mut long = Table::new(
        "group_spheres",
        &["grouping", "group", "group_name", "documents", "sphere", "sphere_name", "documents_with", "share"],
    );
    for grouping in [Grouping::FederalDistrict, Grouping::EconomicRegion, Grouping::Association, Grouping::Country] {
        let table = measures::sphere_table(analysis, geography, grouping);
        for row in &table.rows {
            for (column, sphere) in table.columns.iter().enumerate() {
                long.push(vec![
                    grouping.as_str().into(),
                    row.key.clone().into(),
                    group_name(grouping, row.key.as_deref(), geography, lang).into(),
                    row.documents.len().into(),
                    sphere.as_str().into(),
                    labels::name(labels::SPHERES, sphere, lang).into(),
                    row.cells[column].len().into(),
                    row.share(column).map_or(Cell::Empty, Cell::from),
                ]);
            }
        }
    }
    tables.push(long);
    tables.push(series(analysis));
    tables.push(place_years(analysis, geography, lang));
    tables.push(partnership_years(analysis, geography, lang));
    tables.push(agreement_distribution(analysis, geography));
    tables.push(network_years(analysis, network));
    tables
}

fn text(value: &Option<String>) -> Cell {
    value.clone().into()
}

fn evidence(analysis: &Analysis, evidence: Evidence) -> [Cell; 3] {
    [
        analysis.documents[evidence.document as usize].id.as_str().into(),
        Cell::Int(evidence.span.0.into()),
        Cell::Int(evidence.span.1.into()),
    ]
}

fn joined(values: impl IntoIterator<Item = impl AsRef<str>>) -> Cell {
    let values: Vec<String> = values.into_iter().map(|value| value.as_ref().to_string()).collect();
    if values.is_empty() { Cell::Empty } else { values.join(";").into() }
}

/// The name of a group: a district, economic region, association or country; the empty key
/// names the documents outside every group.
pub fn group_name(grouping: Grouping, key: Option<&str>, geography: &Geography, lang: Lang) -> String {
    match (grouping, grouping.vocabulary(), key) {
        (Grouping::FederalDistrict, _, None) => {
            lang.pick("вне федеральных округов", "outside the federal districts").to_string()
        }
        (Grouping::Country, _, None) => lang.pick("страна не определена", "no country").to_string(),
        (_, _, None) => lang.pick("вне групп", "outside every group").to_string(),
        (_, Some(vocabulary), Some(key)) => labels::name(vocabulary, key, lang).to_string(),
        (_, None, Some(key)) => geography.name(key, lang).to_string(),
    }
}

pub fn documents<'a>(analysis: &'a Analysis, geography: &'a Geography, lang: Lang) -> Table<'a> {
    let columns = [
        "id",
        "title",
        "date",
        "year",
        "language",
        "genre",
        "path",
        "subject",
        "subject_name",
        "federal_district",
        "depth",
        "spheres",
        "statements",
        "figures",
    ];
    Table::lazy("documents", &columns, analysis.documents.len(), move |index, row| {
        let document = &analysis.documents[index];
        let subject = document.subject.as_deref();
        row.extend([
            document.id.as_str().into(),
            text(&document.title),
            text(&document.date),
            document.year.into(),
            text(&document.language),
            document.genre.as_str().into(),
            text(&document.path),
            subject.map(str::to_string).into(),
            subject.map(|subject| geography.name(subject, lang).to_string()).into(),
            subject.and_then(|subject| geography.federal_district(subject)).map(str::to_string).into(),
            document.depth.as_str().into(),
            joined(document.spheres.iter().map(|(sphere, _)| sphere)),
            document.statements.into(),
            document.figures.into(),
        ]);
    })
}

pub fn statements<'a>(analysis: &'a Analysis, geography: &'a Geography, lang: Lang) -> Table<'a> {
    let columns = [
        "document",
        "a",
        "a_name",
        "b",
        "b_name",
        "scope",
        "forms",
        "spheres",
        "year",
        "multilateral",
        "evidence_document",
        "evidence_start",
        "evidence_end",
    ];
    Table::lazy("ties", &columns, analysis.statements.len(), move |index, row| {
        let statement = &analysis.statements[index];
        let partnership = &analysis.partnerships[statement.partnership as usize];
        row.extend([
            analysis.documents[statement.document as usize].id.as_str().into(),
            partnership.a.as_str().into(),
            geography.name(&partnership.a, lang).into(),
            partnership.b.as_str().into(),
            geography.name(&partnership.b, lang).into(),
            partnership.scope.as_str().into(),
            joined(statement.forms.iter()),
            joined(statement.spheres.iter()),
            statement.year.into(),
            Cell::Int(statement.multilateral.into()),
        ]);
        row.extend(evidence(analysis, statement.evidence));
    })
}

fn counts(map: &std::collections::BTreeMap<String, usize>) -> Cell {
    joined(map.iter().map(|(key, count)| format!("{key}:{count}")))
}

pub fn partnerships<'a>(analysis: &'a Analysis, geography: &'a Geography, lang: Lang) -> Table<'a> {
    let columns = [
        "a",
        "a_name",
        "b",
        "b_name",
        "scope",
        "documents",
        "agreements",
        "bilateral",
        "multilateral",
        "first_year",
        "last_year",
        "forms",
        "spheres",
        "evidence_document",
        "evidence_start",
        "evidence_end",
    ];
    Table::lazy("partnerships", &columns, analysis.partnerships.len(), move |index, row| {
        let partnership = &analysis.partnerships[index];
        row.extend([
            partnership.a.as_str().into(),
            geography.name(&partnership.a, lang).into(),
            partnership.b.as_str().into(),
            geography.name(&partnership.b, lang).into(),
            partnership.scope.as_str().into(),
            partnership.documents.len().into(),
            partnership.agreements().into(),
            partnership.bilateral.into(),
            partnership.multilateral.into(),
            partnership.first_year().into(),
            partnership.last_year().into(),
            counts(&partnership.forms),
            counts(&partnership.spheres),
        ]);
        row.extend(evidence(analysis, partnership.evidence[0]));
    })
}

pub fn places(analysis: &Analysis, geography: &Geography, lang: Lang) -> Table<'static> {
    let mut table = Table::new(
        "places",
        &[
            "id",
            "name",
            "kind",
            "country",
            "federal_district",
            "partners",
            "international_partners",
            "interregional_partners",
            "agreement_partners",
            "statements",
            "documents",
            "forms",
            "spheres",
        ],
    );
    for row in measures::places(analysis) {
        let area = geography.area(&row.id);
        table.push(vec![
            row.id.as_str().into(),
            geography.name(&row.id, lang).into(),
            area.map_or("unknown", |area| area.kind.as_str()).into(),
            geography.country(&row.id).into(),
            geography.federal_district(&row.id).map(str::to_string).into(),
            row.partners.into(),
            row.international_partners.into(),
            row.interregional_partners.into(),
            row.agreement_partners.into(),
            row.statements.into(),
            row.documents.into(),
            counts(&row.forms),
            counts(&row.spheres),
        ]);
    }
    table
}

pub fn figures(analysis: &Analysis, lang: Lang) -> Table<'_> {
    let columns = [
        "document",
        "value",
        "unit",
        "unit_name",
        "qualifier",
        "what",
        "measure",
        "places",
        "year",
        "start",
        "end",
        "evidence_document",
        "evidence_start",
        "evidence_end",
    ];
    Table::lazy("figures", &columns, analysis.figures.len(), move |index, row| {
        let figure = &analysis.figures[index];
        row.extend([
            analysis.documents[figure.document as usize].id.as_str().into(),
            figure.value.into(),
            analysis.text(figure.unit).into(),
            labels::name(labels::UNITS, analysis.text(figure.unit), lang).into(),
            figure.qualifier.map(|qualifier| analysis.text(qualifier)).map_or(Cell::Empty, Cell::from),
            figure.what.map(|what| analysis.text(what)).map_or(Cell::Empty, Cell::from),
            figure.measure.as_str().into(),
            joined(analysis.places(figure.places)),
            figure.year.into(),
            Cell::Int(figure.span.0.into()),
            Cell::Int(figure.span.1.into()),
        ]);
        row.extend(evidence(analysis, figure.evidence));
    })
}

pub fn figure_groups(analysis: &Analysis, geography: &Geography, lang: Lang) -> Table<'static> {
    let mut table = Table::new(
        "figure_groups",
        &[
            "places",
            "places_names",
            "measure",
            "unit",
            "count",
            "min",
            "max",
            "latest",
            "latest_year",
            "evidence_document",
            "evidence_start",
            "evidence_end",
        ],
    );
    for group in measures::figure_groups(analysis) {
        let mut row = vec![
            joined(&group.places),
            joined(group.places.iter().map(|place| geography.name(place, lang))),
            group.measure.into(),
            group.unit.as_str().into(),
            group.count.into(),
            group.min.into(),
            group.max.into(),
            group.latest.into(),
            group.latest_year.into(),
        ];
        row.extend(evidence(analysis, group.latest_evidence));
        table.push(row);
    }
    table
}

/// A group table as the paper prints it: one row per group, one share column per key, then one
/// count column per key.
pub fn wide(table: &GroupTable, name: &str, geography: &Geography, lang: Lang) -> Table<'static> {
    let mut columns = vec![table.grouping.as_str().to_string(), "name".into(), "documents".into()];
    columns.extend(table.columns.iter().map(|column| format!("share_{column}")));
    columns.extend(table.columns.iter().map(|column| format!("documents_{column}")));
    let names: Vec<&str> = columns.iter().map(String::as_str).collect();
    let mut result = Table::new(name, &names);
    for row in &table.rows {
        let mut cells: Vec<Cell> = vec![
            row.key.clone().into(),
            group_name(table.grouping, row.key.as_deref(), geography, lang).into(),
            row.documents.len().into(),
        ];
        cells.extend((0..table.columns.len()).map(|column| row.share(column).map_or(Cell::Empty, Cell::from)));
        cells.extend(row.cells.iter().map(|cell| Cell::from(cell.len())));
        result.push(cells);
    }
    result
}

pub fn series(analysis: &Analysis) -> Table<'static> {
    let forms: Vec<&str> = labels::FORMS.iter().map(|(key, _, _)| *key).collect();
    let mut columns = vec!["year", "documents", "statements", "new_partnerships", "figures"];
    columns.extend(forms.iter().copied());
    let mut table = Table::new("series", &columns);
    for row in measures::series(analysis) {
        let mut cells: Vec<Cell> = vec![
            row.year.into(),
            row.documents.into(),
            row.statements.into(),
            row.new_partnerships.into(),
            row.figures.into(),
        ];
        cells.extend(forms.iter().map(|form| Cell::from(row.forms.get(*form).copied().unwrap_or(0))));
        table.push(cells);
    }
    table
}

/// Per place and year: statements of its ties, partners named that year, and statements of an
/// agreement (dated documents only).
pub fn place_years(analysis: &Analysis, geography: &Geography, lang: Lang) -> Table<'static> {
    use std::collections::BTreeMap;

    // (statements, partners, agreements) per (place, year).
    let mut counts: BTreeMap<(&str, i32), (usize, usize, usize)> = BTreeMap::new();
    for partnership in &analysis.partnerships {
        for (year, documents) in &partnership.years {
            let agreements = partnership.agreement_years.get(year).copied().unwrap_or(0);
            for place in [partnership.a.as_str(), partnership.b.as_str()] {
                let entry = counts.entry((place, *year)).or_default();
                entry.0 += documents;
                entry.1 += 1;
                entry.2 += agreements;
            }
        }
    }
    let mut table = Table::new("place_years", &["place", "name", "year", "statements", "partners", "agreements"]);
    for ((place, year), (statements, partners, agreements)) in counts {
        table.push(vec![
            place.into(),
            geography.name(place, lang).into(),
            Cell::Int(year.into()),
            statements.into(),
            partners.into(),
            agreements.into(),
        ]);
    }
    table
}

/// Per pair of places and year: documents stating the tie and documents stating an agreement
/// (dated documents only).
pub fn partnership_years(analysis: &Analysis, geography: &Geography, lang: Lang) -> Table<'static> {
    let mut table = Table::new("partnership_years", &["a", "a_name", "b", "b_name", "year", "documents", "agreements"]);
    for partnership in &analysis.partnerships {
        for (year, documents) in &partnership.years {
            table.push(vec![
                partnership.a.as_str().into(),
                geography.name(&partnership.a, lang).into(),
                partnership.b.as_str().into(),
                geography.name(&partnership.b, lang).into(),
                Cell::Int((*year).into()),
                (*documents).into(),
                partnership.agreement_years.get(year).copied().unwrap_or(0).into(),
            ]);
        }
    }
    table
}

/// How many Russian regions have k partners with agreements.
pub fn agreement_distribution(analysis: &Analysis, geography: &Geography) -> Table<'static> {
    let rows = measures::places(analysis);
    let distribution = measures::agreement_distribution(&rows, |id| {
        geography
            .area(id)
            .is_some_and(|area| area.kind == coopatlas_gazetteer::PlaceKind::Region && area.country == "RU")
    });
    let mut table = Table::new("agreement_distribution", &["agreement_partners", "regions"]);
    for (partners, regions) in distribution {
        table.push(vec![partners.into(), regions.into()]);
    }
    table
}

pub fn network_years(analysis: &Analysis, network: &Network) -> Table<'static> {
    let mut table = Table::new(
        "network_years",
        &["year", "place", "degree", "weighted_degree", "betweenness", "pagerank", "community"],
    );
    for row in measures_by_year(analysis, network) {
        table.push(vec![
            Cell::Int(row.year.into()),
            network.nodes[row.node].id.as_str().into(),
            row.degree.into(),
            row.weighted_degree.into(),
            row.betweenness.into(),
            row.pagerank.into(),
            row.community.into(),
        ]);
    }
    table
}

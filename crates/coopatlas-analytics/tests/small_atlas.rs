//! Analytics on a small atlas written by hand, with every expected value computed by hand from
//! the six documents below (the comments show the arithmetic).

use std::collections::BTreeMap;

use coopatlas_analytics::filter::Scope;
use coopatlas_analytics::measures::{self, Grouping};
use coopatlas_analytics::network::{self, Weight};
use coopatlas_analytics::{Analysis, Analyzer, Contest, DocumentInput, Filter, Geography, Lang};
use coopatlas_document::Facts;
use coopatlas_document::facts::{FigureFact, SphereShare, TieFact};
use coopatlas_gazetteer::Gazetteer;

fn geography() -> Geography {
    Geography::new(&Gazetteer::bundled(), &coopatlas_gazetteer::contested(), Contest::Iso)
}

fn tie(a: &str, b: &str, forms: &[&str], spheres: &[&str], sentence: usize) -> TieFact {
    TieFact {
        a: a.into(),
        b: b.into(),
        forms: forms.iter().map(|form| form.to_string()).collect(),
        spheres: spheres.iter().map(|sphere| sphere.to_string()).collect(),
        evidence: (sentence * 100, sentence * 100 + 90),
    }
}

fn figure(
    value: f64,
    unit: &str,
    what: Option<&str>,
    places: &[&str],
    year: Option<i32>,
    sentence: usize,
) -> FigureFact {
    FigureFact {
        value,
        unit: unit.into(),
        what: what.map(str::to_string),
        qualifier: None,
        places: places.iter().map(|place| place.to_string()).collect(),
        year,
        span: (sentence * 100 + 10, sentence * 100 + 20),
        evidence: (sentence * 100, sentence * 100 + 90),
    }
}

fn spheres(keys: &[&str]) -> Vec<SphereShare> {
    keys.iter()
        .enumerate()
        .map(|(index, key)| SphereShare {
            sphere: key.to_string(),
            share: 1.0 / keys.len() as f64,
            evidence: vec![(index * 100, index * 100 + 90)],
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn document(
    id: &str,
    language: &str,
    genre: &str,
    date: Option<&str>,
    subject: &str,
    depth: &str,
    ties: Vec<TieFact>,
    sphere_keys: &[&str],
    figures: Vec<FigureFact>,
) -> DocumentInput {
    DocumentInput {
        id: id.into(),
        title: Some(format!("Document {id}")),
        date: date.map(str::to_string),
        language: Some(language.into()),
        genre: genre.into(),
        path: Some(format!("{id}.txt")),
        facts: Some(Facts {
            extractor: "test".into(),
            places: Vec::new(),
            organizations: Vec::new(),
            ties,
            spheres: spheres(sphere_keys),
            figures,
            depth: depth.into(),
            subject: Some(subject.into()),
        }),
    }
}

/// D0–D5; D4 has no facts.
fn documents() -> Vec<DocumentInput> {
    vec![
        document(
            "d0",
            "ru",
            "news",
            Some("2019-05-20"),
            "RU-KGD",
            "formal",
            vec![tie("BY-HR", "RU-KGD", &["agreement"], &["tourism"], 0)],
            &["tourism"],
            vec![figure(1.0, "count", Some("соглашение"), &["RU-KGD", "BY-HR"], Some(2019), 0)],
        ),
        document(
            "d1",
            "ru",
            "strategy",
            Some("2020-01-01"),
            "RU-KGD",
            "detailed",
            vec![
                tie("BY-HR", "RU-KGD", &["visit"], &["culture"], 1),
                tie("LT", "RU-KGD", &["agreement"], &["trade"], 2),
                tie("RU-KGD", "RU-SPE", &["working_group"], &["transport_logistics"], 4),
            ],
            &["tourism", "culture", "trade"],
            vec![figure(250e6, "USD", Some("товарооборот"), &["RU-KGD", "BY"], Some(2019), 2)],
        ),
        // One sentence naming three parties: a multilateral statement for each of its pairs.
        document(
            "d2",
            "en",
            "strategy",
            Some("2021"),
            "RU-TA",
            "shallow",
            vec![
                tie("BY", "RU-TA", &["forum"], &[], 3),
                tie("CN-HL", "RU-TA", &["forum"], &[], 3),
                tie("BY", "CN-HL", &["forum"], &[], 3),
            ],
            &["industry"],
            Vec::new(),
        ),
        document(
            "d3",
            "ru",
            "news",
            None,
            "RU-AMU",
            "detailed",
            vec![tie("CN-HL", "RU-AMU", &["agreement", "trade"], &["trade"], 5)],
            &["trade", "transport_logistics"],
            vec![
                figure(1.2e9, "USD", Some("trade turnover"), &["RU-AMU", "CN-HL"], None, 5),
                figure(90e9, "RUB", Some("товарооборот"), &["CN-HL", "RU-AMU"], None, 6),
                figure(15.0, "percent", None, &["CN-HL", "RU-AMU"], None, 6),
            ],
        ),
        DocumentInput { id: "d4".into(), genre: "news".into(), ..DocumentInput::default() },
        document(
            "d5",
            "ru",
            "news",
            Some("2021-09-01"),
            "BY-HR",
            "formal",
            // Grodno (the city) lies in Grodno Region: not a tie between two parties.
            vec![
                tie("BY-HR", "RU-SVE", &["agreement"], &["education"], 7),
                tie("BY-HR", "geonames:627904", &["agreement"], &[], 7),
            ],
            &["education"],
            Vec::new(),
        ),
    ]
}

fn analyse(filter: Filter) -> Analysis {
    let geography = geography();
    let mut analyzer = Analyzer::new(&geography, filter);
    for document in documents() {
        analyzer.add(document);
    }
    analyzer.finish()
}

fn ids(analysis: &Analysis) -> Vec<&str> {
    analysis.documents.iter().map(|document| document.id.as_str()).collect()
}

fn pairs(analysis: &Analysis) -> Vec<(&str, &str)> {
    analysis.partnerships.iter().map(|partnership| (partnership.a.as_str(), partnership.b.as_str())).collect()
}

#[test]
fn counts_and_registry_without_a_filter() {
    let analysis = analyse(Filter::default());
    assert_eq!((analysis.counts.scanned, analysis.counts.unextracted, analysis.counts.filtered_out), (6, 1, 0));
    assert_eq!(analysis.counts.nested_ties, 1, "Grodno and its own region");
    assert_eq!(ids(&analysis), ["d0", "d1", "d2", "d3", "d5"]);
    // BY-HR–RU-KGD is stated by d0 and d1 (2 documents); every other pair by one, in id order.
    assert_eq!(
        pairs(&analysis),
        [
            ("BY-HR", "RU-KGD"),
            ("BY", "CN-HL"),
            ("BY", "RU-TA"),
            ("BY-HR", "RU-SVE"),
            ("CN-HL", "RU-AMU"),
            ("CN-HL", "RU-TA"),
            ("LT", "RU-KGD"),
            ("RU-KGD", "RU-SPE"),
        ]
    );
    let first = &analysis.partnerships[0];
    assert_eq!(first.documents, [0, 1]);
    assert_eq!(first.forms, BTreeMap::from([("agreement".into(), 1), ("visit".into(), 1)]));
    assert_eq!(first.spheres, BTreeMap::from([("culture".into(), 1), ("tourism".into(), 1)]));
    assert_eq!((first.first_year(), first.last_year(), first.agreements()), (Some(2019), Some(2020), 1));
    assert_eq!((first.bilateral, first.multilateral), (2, 0));
    assert_eq!(
        first.evidence.iter().map(|evidence| (evidence.document, evidence.span)).collect::<Vec<_>>(),
        [(0, (0, 90)), (1, (100, 190))]
    );
    assert_eq!(first.scope, Scope::International);
    assert_eq!(analysis.partnerships[7].scope, Scope::Interregional);
    // The forum sentence of d2 names three parties: its three pairs are multilateral.
    for index in [1, 2, 5] {
        assert_eq!((analysis.partnerships[index].bilateral, analysis.partnerships[index].multilateral), (0, 1));
    }
    // d3 is undated: its partnership has no years.
    assert_eq!(analysis.partnerships[4].first_year(), None);

    let overview = measures::overview(&analysis);
    assert_eq!((overview.documents, overview.undated, overview.statements, overview.partnerships), (5, 1, 9, 8));
    // Places: BY, BY-HR, CN-HL, LT, RU-AMU, RU-KGD, RU-SPE, RU-SVE, RU-TA.
    assert_eq!(overview.places, 9);
    assert_eq!((overview.international_partnerships, overview.interregional_partnerships), (7, 1));
    assert_eq!((overview.international_statements, overview.interregional_statements), (8, 1));
    assert_eq!((overview.bilateral_statements, overview.multilateral_statements), (6, 3));
    assert_eq!(overview.by_language, BTreeMap::from([("en".into(), 1), ("ru".into(), 4)]));
    assert_eq!(overview.by_depth["detailed"], 2);
}

#[test]
fn district_tables_count_documents_by_their_subject() {
    let geography = geography();
    let analysis = analyse(Filter::default());
    let table = measures::sphere_table(&analysis, &geography, Grouping::FederalDistrict);
    // Eight districts in the statistical order, then the documents whose subject is in none (d5:
    // Grodno Region).
    let keys: Vec<Option<&str>> = table.rows.iter().map(|row| row.key.as_deref()).collect();
    assert_eq!(
        keys,
        [
            Some("central"),
            Some("northwestern"),
            Some("southern"),
            Some("north_caucasian"),
            Some("volga"),
            Some("ural"),
            Some("siberian"),
            Some("far_eastern"),
            None
        ]
    );
    let column = |sphere: &str| table.columns.iter().position(|key| key == sphere).expect("sphere column");
    let northwestern = &table.rows[1];
    assert_eq!(northwestern.documents, [0, 1]);
    // tourism: d0 and d1 of 2 = 1.0; culture and trade: d1 of 2 = 0.5; industry: 0 of 2.
    assert_eq!(northwestern.share(column("tourism")), Some(1.0));
    assert_eq!(northwestern.share(column("culture")), Some(0.5));
    assert_eq!(northwestern.share(column("trade")), Some(0.5));
    assert_eq!(northwestern.share(column("industry")), Some(0.0));
    assert_eq!(northwestern.cells[column("culture")], [1]);
    assert_eq!(table.rows[4].share(column("industry")), Some(1.0), "volga: d2");
    assert_eq!(table.rows[5].documents, Vec::<u32>::new(), "ural: d5's tie reaches Sverdlovsk, its subject does not");
    assert_eq!(table.rows[5].share(0), None, "an empty district has no share");
    assert_eq!(table.rows[7].share(column("transport_logistics")), Some(1.0), "far eastern: d3");
    assert_eq!(table.rows[8].documents, [4]);
    assert_eq!(table.rows[8].share(column("education")), Some(1.0));

    let depth = measures::depth_table(&analysis, &geography, Grouping::FederalDistrict);
    // northwestern: d0 formal, d1 detailed.
    assert_eq!(depth.columns, ["none", "shallow", "formal", "detailed"]);
    assert_eq!(
        (depth.rows[1].share(2), depth.rows[1].share(3), depth.rows[1].share(0)),
        (Some(0.5), Some(0.5), Some(0.0))
    );

    let countries = measures::sphere_table(&analysis, &geography, Grouping::Country);
    let keys: Vec<(Option<&str>, usize)> =
        countries.rows.iter().map(|row| (row.key.as_deref(), row.documents.len())).collect();
    assert_eq!(keys, [(Some("RU"), 4), (Some("BY"), 1)]);

    let associations = measures::sphere_table(&analysis, &geography, Grouping::Association);
    let north_west = associations.rows.iter().find(|row| row.key.as_deref() == Some("north_west")).expect("row");
    assert_eq!(north_west.documents, [0, 1]);
}

#[test]
fn places_series_and_agreements() {
    let geography = geography();
    let analysis = analyse(Filter::default());
    let places = measures::places(&analysis);
    let kaliningrad = places.iter().find(|row| row.id == "RU-KGD").expect("row");
    // Partners BY-HR, LT, RU-SPE; agreements with BY-HR (d0) and LT (d1); statements 2 + 1 + 1;
    // documents d0, d1.
    assert_eq!(
        (kaliningrad.partners, kaliningrad.agreement_partners, kaliningrad.statements, kaliningrad.documents),
        (3, 2, 4, 2)
    );
    assert_eq!((kaliningrad.international_partners, kaliningrad.interregional_partners), (2, 1));
    assert_eq!(places[0].id, "RU-KGD", "most partners first");

    // Russian regions with agreement partners: RU-KGD 2, RU-AMU 1, RU-SVE 1 (RU-TA none).
    let distribution = measures::agreement_distribution(&places, |id| id.starts_with("RU-"));
    assert_eq!(distribution, BTreeMap::from([(1, 2), (2, 1)]));

    let series = measures::series(&analysis);
    let years: Vec<Option<i32>> = series.iter().map(|row| row.year).collect();
    assert_eq!(years, [Some(2019), Some(2020), Some(2021), None]);
    // 2019: d0 (one statement, an agreement; BY-HR–RU-KGD is new) and two figures (d0's, and
    // d1's trade figure, which names 2019).
    assert_eq!(
        (series[0].documents, series[0].statements, series[0].new_partnerships, series[0].figures),
        (1, 1, 1, 2)
    );
    assert_eq!(series[0].forms, BTreeMap::from([("agreement".into(), 1)]));
    // 2020: d1, three statements (visit, agreement, working group), two new pairs.
    assert_eq!(
        (series[1].documents, series[1].statements, series[1].new_partnerships, series[1].figures),
        (1, 3, 2, 0)
    );
    // 2021: d2 and d5; 3 forum statements and one agreement; 4 new pairs.
    assert_eq!((series[2].documents, series[2].statements, series[2].new_partnerships), (2, 4, 4));
    assert_eq!(series[2].forms, BTreeMap::from([("agreement".into(), 1), ("forum".into(), 3)]));
    // Undated: d3 with its statement and three figures.
    assert_eq!((series[3].documents, series[3].statements, series[3].figures), (1, 1, 3));

    let _ = geography;
}

#[test]
fn figures_are_grouped_never_summed_across_units() {
    let analysis = analyse(Filter::default());
    let groups = measures::figure_groups(&analysis);
    let summary: Vec<(Vec<&str>, &str, &str, usize, f64)> = groups
        .iter()
        .map(|group| {
            (
                group.places.iter().map(String::as_str).collect(),
                group.measure,
                group.unit.as_str(),
                group.count,
                group.latest,
            )
        })
        .collect();
    // Trade first; d3's USD and RUB volumes about one pair stay apart.
    assert_eq!(
        summary,
        [
            (vec!["BY", "RU-KGD"], "trade", "USD", 1, 250e6),
            (vec!["CN-HL", "RU-AMU"], "trade", "RUB", 1, 90e9),
            (vec!["CN-HL", "RU-AMU"], "trade", "USD", 1, 1.2e9),
            (vec!["BY-HR", "RU-KGD"], "other", "count", 1, 1.0),
            (vec!["CN-HL", "RU-AMU"], "other", "percent", 1, 15.0),
        ]
    );
    assert_eq!(analysis.figures[1].year, Some(2019), "the year the sentence names");
}

#[test]
fn filters_select_documents_ties_and_figures() {
    let district = analyse(Filter { districts: vec!["northwestern".into()], ..Filter::default() });
    assert_eq!(ids(&district), ["d0", "d1"]);
    assert_eq!(pairs(&district), [("BY-HR", "RU-KGD"), ("LT", "RU-KGD"), ("RU-KGD", "RU-SPE")]);
    assert_eq!(district.counts.filtered_out, 3);

    // Belarus and everything in it: d0, d1 (Grodno ties, the trade figure naming BY), d2 (the
    // pairs with BY), d5 (its subject is Grodno Region).
    let belarus = analyse(Filter { places: vec!["BY".into()], ..Filter::default() });
    assert_eq!(ids(&belarus), ["d0", "d1", "d2", "d5"]);
    assert_eq!(pairs(&belarus), [("BY-HR", "RU-KGD"), ("BY", "CN-HL"), ("BY", "RU-TA"), ("BY-HR", "RU-SVE")]);
    assert_eq!(belarus.figures.len(), 2);

    let agreements = analyse(Filter { forms: vec!["agreement".into()], ..Filter::default() });
    assert_eq!(ids(&agreements), ["d0", "d1", "d3", "d5"]);
    assert_eq!(agreements.partnerships.len(), 4);

    let interregional = analyse(Filter { scope: Some(Scope::Interregional), ..Filter::default() });
    assert_eq!(ids(&interregional), ["d1"]);
    assert_eq!(pairs(&interregional), [("RU-KGD", "RU-SPE")]);

    let period = analyse(Filter { from: Some(2020), to: Some(2021), ..Filter::default() });
    assert_eq!(ids(&period), ["d1", "d2", "d5"], "undated d3 is left out of a period");

    let english = analyse(Filter { languages: vec!["en".into()], ..Filter::default() });
    assert_eq!(ids(&english), ["d2"]);
    let strategies = analyse(Filter { genres: vec!["strategy".into()], ..Filter::default() });
    assert_eq!(ids(&strategies), ["d1", "d2"]);

    let trade = analyse(Filter { spheres: vec!["trade".into()], ..Filter::default() });
    assert_eq!(ids(&trade), ["d1", "d3"]);
    assert_eq!(pairs(&trade), [("CN-HL", "RU-AMU"), ("LT", "RU-KGD")]);
}

#[test]
fn a_filter_that_matches_nothing_gives_empty_results() {
    let geography = geography();
    let analysis = analyse(Filter { places: vec!["JP".into()], ..Filter::default() });
    assert!(analysis.documents.is_empty() && analysis.partnerships.is_empty() && analysis.figures.is_empty());
    assert_eq!(analysis.counts.filtered_out, 5);
    let table = measures::sphere_table(&analysis, &geography, Grouping::FederalDistrict);
    assert_eq!(table.rows.len(), 8, "the districts stay, empty");
    assert!(table.rows.iter().all(|row| row.share(0).is_none()));
    assert!(measures::series(&analysis).is_empty());
    assert!(measures::figure_groups(&analysis).is_empty());
    assert_eq!(measures::overview(&analysis).documents, 0);
    let network = network::build(&analysis, &geography, Weight::Documents, Lang::En);
    assert!(network.nodes.is_empty() && network.edges.is_empty());
    let tables = coopatlas_analytics::tables::all(&analysis, &geography, &network, Lang::Ru);
    for table in &tables {
        assert!((0..table.len()).all(|index| table.row(index).len() == table.columns.len()), "{}", table.name);
    }
    assert_eq!(tables[0].len(), 0);
}

#[test]
fn the_partner_network_and_its_years() {
    let geography = geography();
    let analysis = analyse(Filter::default());
    let network = network::build(&analysis, &geography, Weight::Documents, Lang::En);
    let ids: Vec<&str> = network.nodes.iter().map(|node| node.id.as_str()).collect();
    assert_eq!(ids, ["BY", "BY-HR", "CN-HL", "LT", "RU-AMU", "RU-KGD", "RU-SPE", "RU-SVE", "RU-TA"]);
    assert_eq!(network.edges.len(), 8);
    let node = |id: &str| &network.nodes[ids.iter().position(|known| *known == id).expect("node")];
    // RU-KGD: partners BY-HR (2 documents), LT (1), RU-SPE (1).
    assert_eq!((node("RU-KGD").degree, node("RU-KGD").weighted_degree), (3, 4.0));
    assert_eq!((node("BY-HR").degree, node("BY-HR").weighted_degree), (2, 3.0));
    assert_eq!(node("RU-KGD").label, "Kaliningrad Oblast");
    assert_eq!(node("RU-KGD").federal_district.as_deref(), Some("northwestern"));
    assert_eq!(node("RU-KGD").years, [2019, 2020]);
    assert_eq!(node("RU-AMU").years, Vec::<i32>::new(), "only undated documents");
    let total: f64 = network.nodes.iter().map(|node| node.pagerank).sum();
    assert!((total - 1.0).abs() < 1e-9);
    // RU-KGD lies on every shortest path between its three partners' sides: it has the highest
    // betweenness.
    let top = network.nodes.iter().max_by(|left, right| left.betweenness.total_cmp(&right.betweenness)).expect("node");
    assert_eq!(top.id, "RU-KGD");

    let agreements = network::build(&analysis, &geography, Weight::Agreements, Lang::Ru);
    // Edges with an agreement: BY-HR–RU-KGD, LT–RU-KGD, CN-HL–RU-AMU, BY-HR–RU-SVE.
    assert_eq!(agreements.edges.len(), 4);
    assert_eq!(agreements.nodes.len(), 6);
    assert!(agreements.edges.iter().all(|edge| edge.weight == 1.0));
    assert_eq!(
        agreements.nodes.iter().find(|node| node.id == "RU-KGD").expect("node").label,
        "Калининградская область"
    );

    let by_year = network::measures_by_year(&analysis, &network);
    let degree = |year: i32, id: &str| {
        by_year.iter().find(|row| row.year == year && network.nodes[row.node].id == id).map(|row| row.degree)
    };
    assert_eq!(degree(2019, "RU-KGD"), Some(1));
    assert_eq!(degree(2020, "RU-KGD"), Some(3));
    assert_eq!(degree(2021, "BY"), Some(2));
    assert_eq!(degree(2021, "RU-KGD"), None);
    let row = |year: i32, id: &str| {
        by_year.iter().find(|row| row.year == year && network.nodes[row.node].id == id).expect("row").clone()
    };
    // 2020: a star around RU-KGD (BY-HR, LT, RU-SPE, one document each): RU-KGD lies on all three
    // paths between its partners, betweenness 3 / 3 = 1; each leaf 0. PageRank of a 4-node star
    // with damping 0.85: centre (1 + 0.85 * 3) / (4 * 1.85) = 3.55 / 7.4.
    assert_eq!(row(2020, "RU-KGD").betweenness, 1.0);
    assert_eq!(row(2020, "LT").betweenness, 0.0);
    assert!((row(2020, "RU-KGD").pagerank - 3.55 / 7.4).abs() < 1e-9);
    // 2021: the forum triangle BY, CN-HL, RU-TA and the separate pair BY-HR–RU-SVE: two
    // communities, nobody in between.
    assert_ne!(row(2021, "BY").community, row(2021, "BY-HR").community);
    assert_eq!(row(2021, "BY").community, row(2021, "RU-TA").community);
    assert_eq!(row(2021, "BY").betweenness, 0.0);
    let total: f64 = by_year.iter().filter(|row| row.year == 2021).map(|row| row.pagerank).sum();
    assert!((total - 1.0).abs() < 1e-9, "PageRank sums to 1 within a year");
}

#[test]
fn tables_have_a_cell_per_column_and_typed_numbers() {
    let geography = geography();
    let analysis = analyse(Filter::default());
    let network = network::build(&analysis, &geography, Weight::Documents, Lang::Ru);
    let tables = coopatlas_analytics::tables::all(&analysis, &geography, &network, Lang::Ru);
    let names: Vec<&str> = tables.iter().map(|table| table.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "documents",
            "ties",
            "partnerships",
            "places",
            "figures",
            "figure_groups",
            "district_spheres",
            "district_depth",
            "group_spheres",
            "series",
            "place_years",
            "partnership_years",
            "agreement_distribution",
            "network_years"
        ]
    );
    for table in &tables {
        assert!((0..table.len()).all(|index| table.row(index).len() == table.columns.len()), "{}", table.name);
    }
    let districts = &tables[6];
    let share_tourism = districts.columns.iter().position(|column| column == "share_tourism").expect("column");
    assert_eq!(districts.row(1)[1], coopatlas_analytics::Cell::Text("Северо-Западный ФО".into()));
    assert_eq!(districts.row(1)[share_tourism], coopatlas_analytics::Cell::Float(1.0));
    assert_eq!(tables[0].len(), 5);
    assert_eq!(tables[1].len(), 9, "one row per statement");
    let table = |name: &str| tables.iter().find(|table| table.name == name).expect("table");
    let rows = |name: &str| (0..table(name).len()).map(|index| table(name).row(index)).collect::<Vec<_>>();
    use coopatlas_analytics::Cell::{Int, Text};
    // RU-KGD: 2019 one statement (d0, an agreement with BY-HR); 2020 three statements with three
    // partners, one of them an agreement (LT).
    let kaliningrad: Vec<Vec<coopatlas_analytics::Cell>> = rows("place_years")
        .into_iter()
        .filter(|row| row[0] == Text("RU-KGD".into()))
        .map(|row| row[2..].to_vec())
        .collect();
    assert_eq!(kaliningrad, [vec![Int(2019), Int(1), Int(1), Int(1)], vec![Int(2020), Int(3), Int(3), Int(1)]]);
    // BY-HR–RU-KGD: one document in 2019 (an agreement), one in 2020 (a visit).
    let pair: Vec<Vec<coopatlas_analytics::Cell>> = rows("partnership_years")
        .into_iter()
        .filter(|row| row[0] == Text("BY-HR".into()) && row[2] == Text("RU-KGD".into()))
        .map(|row| row[4..].to_vec())
        .collect();
    assert_eq!(pair, [vec![Int(2019), Int(1), Int(1)], vec![Int(2020), Int(1), Int(0)]]);
    assert!(rows("partnership_years").iter().all(|row| row[2] != Text("RU-AMU".into())), "undated d3 has no year");
}

/// Analysing only the candidates of a filter gives what a scan of every document gives.
#[test]
fn the_candidates_of_a_filter_analyse_the_same_as_every_document() {
    let geography = geography();
    let whole = analyse(Filter::default());
    let filters = [
        Filter { districts: vec!["northwestern".into()], ..Filter::default() },
        Filter { places: vec!["BY".into()], ..Filter::default() },
        Filter { places: vec!["RU-KGD".into()], from: Some(2020), ..Filter::default() },
        Filter { places: vec!["geonames:627904".into()], ..Filter::default() },
        Filter { forms: vec!["agreement".into()], districts: vec!["ural".into()], ..Filter::default() },
        Filter { scope: Some(Scope::Interregional), ..Filter::default() },
        Filter { from: Some(2020), to: Some(2021), ..Filter::default() },
        Filter { languages: vec!["en".into()], ..Filter::default() },
        Filter { spheres: vec!["trade".into()], places: vec!["RU".into()], ..Filter::default() },
        Filter { places: vec!["ZW".into()], ..Filter::default() },
    ];
    for filter in filters {
        let full = analyse(filter.clone());
        let candidates = whole.candidates(&geography, &filter).unwrap();
        let chosen: Vec<&str> = candidates.iter().map(|row| whole.documents[*row as usize].id.as_str()).collect();
        let mut analyzer = Analyzer::new(&geography, filter.clone());
        for document in documents().into_iter().filter(|document| chosen.contains(&document.id.as_str())) {
            analyzer.add(document);
        }
        let mut part = analyzer.finish();
        part.count_as_whole(&whole);
        assert_eq!(part, full, "{filter:?}");
        if filter.places == ["BY"] {
            assert!(candidates.len() < whole.documents.len(), "a place filter reads fewer documents");
        }
    }
    assert!(full_filtered_has_no_candidates());
}

fn full_filtered_has_no_candidates() -> bool {
    let filtered = analyse(Filter { languages: vec!["ru".into()], ..Filter::default() });
    filtered.candidates(&geography(), &Filter::default()).is_none()
}

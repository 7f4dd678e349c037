//! Every format written to files and read back by other programs' readers: Python's `csv` and
//! `json`, openpyxl for XLSX, networkx (and ElementTree) for GEXF and GraphML. `readback.py`
//! compares what it reads with the values this test gives it in `expected.json`. A workbook
//! written three rows to a sheet checks that long tables continue on further sheets, in order.
//!
//! Python: `COOPATLAS_TEST_PYTHON` if set (then a failure of the script fails the test), else
//! `python3` if it imports openpyxl and networkx, else the test says it skipped and passes.
//! CI sets `COOPATLAS_TEST_PYTHON` to a virtual environment made from `tests/requirements.txt`.

use std::path::{Path, PathBuf};
use std::process::Command;

use coopatlas_analytics::network::{Edge, Network, Node, Weight};
use coopatlas_export::{Cell, Format, Table, write_network, write_tables, write_xlsx_with_rows_per_sheet};
use serde_json::json;

fn tables() -> Vec<Table<'static>> {
    let mut ties = Table::new("связи: 2019/2020 [все]", &["место", "партнёр", "документы", "доля", "примечание"]);
    ties.push(vec![
        "Калининградская область".into(),
        "Гродненская область".into(),
        Cell::Int(12),
        Cell::Float(0.25),
        "соглашение \"о побратимстве\" & план, 2019".into(),
    ]);
    ties.push(vec![
        "Москва".into(),
        "Минск".into(),
        Cell::Int(-3),
        Cell::Float(3.0),
        "две\nстроки; с точкой с запятой".into(),
    ]);
    ties.push(vec!["Санкт-Петербург".into(), Cell::Empty, Cell::Int(0), Cell::Empty, Cell::Empty]);
    // Text that looks like a number or a formula stays text.
    ties.push(vec![
        "007".into(),
        "=1+1".into(),
        Cell::Int(9_007_199_254_740_993),
        Cell::Float(1e-7),
        "'quoted'".into(),
    ]);

    let mut shares = Table::new(
        "Партнёрства регионов Северо-Западного федерального округа",
        &["region", "documents", "pagerank", "betweenness"],
    );
    shares.push(vec!["RU-KGD".into(), Cell::Int(40), Cell::Float(0.123456789012345), Cell::Float(0.5)]);
    shares.push(vec!["RU-PSK".into(), Cell::Int(7), Cell::Float(2.5e20), Cell::Float(-1.75)]);

    let empty = Table::new("empty", &["a", "b"]);
    let mut empty_too = Table::new("Empty", &["c"]);
    empty_too.push(vec![Cell::Empty]);
    vec![ties, shares, empty, empty_too]
}

/// Sheet and file names as the crate's documentation says they come out.
const SHEETS: [&str; 4] = ["связи_ 2019_2020 _все_", "Партнёрства регионов Северо-Зап", "empty", "Empty (2)"];
const FILES: [&str; 4] = [
    "связи_ 2019_2020 [все].csv",
    "Партнёрства регионов Северо-Западного федерального округа.csv",
    "empty.csv",
    "Empty-2.csv",
];

/// Rows per sheet of `split.xlsx`.
const ROWS_PER_SHEET: usize = 3;

/// Tables for `split.xlsx`, written [`ROWS_PER_SHEET`] rows to a sheet, and the sheets each
/// should take.
fn split_tables() -> Vec<(Table<'static>, Vec<&'static str>)> {
    let [ties, shares, empty, _] = <[Table; 4]>::try_from(tables()).unwrap();
    let numbers = Table::lazy("numbers", &["n", "half_square", "text"], 7, |index, row| {
        let n = index as i64;
        row.extend([Cell::Int(n), Cell::Float((n * n) as f64 / 2.0), format!("строка {n}").into()]);
    });
    let long = Table::lazy(shares.name.clone(), &["region", "documents"], 4, |index, row| {
        row.extend([format!("RU-{index}").into(), Cell::Int(index as i64 * 10)]);
    });
    vec![
        (ties, vec![SHEETS[0], "связи_ 2019_2020 _все_ (2)"]),
        (numbers, vec!["numbers", "numbers (2)", "numbers (3)"]),
        (long, vec![SHEETS[1], "Партнёрства регионов Северо (2)"]),
        (empty, vec!["empty"]),
    ]
}

/// All rows of a table.
fn rows(table: &Table) -> Vec<Vec<Cell>> {
    (0..table.len()).map(|index| table.row(index)).collect()
}

fn network() -> Network {
    #[allow(clippy::too_many_arguments)]
    fn node(
        id: &str,
        label: &str,
        kind: &str,
        country: &str,
        district: Option<&str>,
        coordinates: Option<(f64, f64)>,
        (degree, weighted_degree): (usize, f64),
        (betweenness, pagerank, community): (f64, f64, usize),
        years: &[i32],
    ) -> Node {
        Node {
            id: id.to_string(),
            label: label.to_string(),
            kind: kind.to_string(),
            country: country.to_string(),
            federal_district: district.map(str::to_string),
            coordinates,
            degree,
            weighted_degree,
            betweenness,
            pagerank,
            community,
            years: years.to_vec(),
        }
    }
    fn edge(source: usize, target: usize, documents: usize, agreements: usize, years: &[i32]) -> Edge {
        Edge {
            source,
            target,
            weight: documents as f64,
            documents,
            agreements,
            forms: if agreements > 0 { vec!["agreement".into(), "visit".into()] } else { Vec::new() },
            spheres: vec!["culture".into(), "trade".into()],
            years: years.to_vec(),
            scope: "international".into(),
        }
    }
    Network {
        weight: Weight::Documents,
        nodes: vec![
            node(
                "BY-HR",
                "Гродненская область «Неман» & \"Co\" <1>",
                "region",
                "BY",
                None,
                Some((53.6884, 23.8258)),
                (2, 5.0),
                (1.0, 0.3125, 0),
                &[2019, 2020, 2021],
            ),
            node(
                "RU-KGD",
                "Калининградская область",
                "region",
                "RU",
                Some("northwestern"),
                Some((54.71, 20.51)),
                (2, 4.0),
                (0.0, 0.123456789012345, 0),
                &[2019, 2021],
            ),
            node(
                "RU-MOW",
                "Москва",
                "region",
                "RU",
                Some("central"),
                Some((55.7558, 37.6173)),
                (1, 2.0),
                (1e-7, 0.25, 1),
                &[2020],
            ),
            node("geonames:627904", "Гродно", "city", "BY", None, None, (1, 1.0), (0.0, 0.2, 1), &[]),
        ],
        edges: vec![edge(0, 1, 3, 1, &[2019, 2021]), edge(0, 2, 2, 0, &[2020]), edge(1, 3, 1, 0, &[])],
        betweenness_pivots: Some(256),
    }
}

#[test]
fn every_format_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let tables = tables();
    let network = network();

    write_tables(Format::Csv, &tables, &out.join("tables")).unwrap();
    write_tables(Format::Csv, &tables[..1], &out.join("single.csv")).unwrap();
    write_tables(Format::Xlsx, &tables, &out.join("tables.xlsx")).unwrap();
    write_tables(Format::Json, &tables, &out.join("tables.json")).unwrap();
    write_network(Format::Gexf, &network, &out.join("network.gexf")).unwrap();
    write_network(Format::Graphml, &network, &out.join("network.graphml")).unwrap();
    write_network(Format::Json, &network, &out.join("network.json")).unwrap();
    write_network(Format::EdgeList, &network, &out.join("edgelist")).unwrap();
    write_network(Format::Xlsx, &network, &out.join("network.xlsx")).unwrap();
    write_network(Format::Gexf, &Network::default(), &out.join("empty.gexf")).unwrap();
    write_network(Format::Graphml, &Network::default(), &out.join("empty.graphml")).unwrap();
    let (split, split_sheets): (Vec<Table>, Vec<Vec<&str>>) = split_tables().into_iter().unzip();
    let file = std::fs::File::create(out.join("split.xlsx")).unwrap();
    write_xlsx_with_rows_per_sheet(&split, std::io::BufWriter::new(file), ROWS_PER_SHEET).unwrap();

    let expected = json!({
        "dir": out,
        "tables": tables.iter().zip(SHEETS).zip(FILES).map(|((table, sheet), file)| json!({
            "name": table.name,
            "columns": table.columns,
            "rows": rows(table),
            "sheet": sheet,
            "file": file,
        })).collect::<Vec<_>>(),
        "split": {
            "rows_per_sheet": ROWS_PER_SHEET,
            "tables": split.iter().zip(split_sheets).map(|(table, sheets)| json!({
                "name": table.name,
                "columns": table.columns,
                "rows": rows(table),
                "sheets": sheets,
            })).collect::<Vec<_>>(),
        },
        "network": network,
    });
    let expected_path = out.join("expected.json");
    std::fs::write(&expected_path, serde_json::to_vec_pretty(&expected).unwrap()).unwrap();

    let Some(python) = python() else {
        println!("SKIPPED: read-back needs python3 with openpyxl and networkx (set COOPATLAS_TEST_PYTHON)");
        return;
    };
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/readback.py");
    let output = Command::new(&python)
        .arg(&script)
        .arg(&expected_path)
        .output()
        .unwrap_or_else(|error| panic!("cannot run {}: {error}", python.display()));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    print!("{stdout}");
    assert!(output.status.success(), "readback.py failed ({}):\n{stdout}\n{stderr}", output.status);
    assert!(stdout.contains("readback: all checks passed"), "readback.py did not finish:\n{stdout}\n{stderr}");
}

/// The Python to read back with, if any.
fn python() -> Option<PathBuf> {
    if let Some(python) = std::env::var_os("COOPATLAS_TEST_PYTHON").filter(|python| !python.is_empty()) {
        return Some(PathBuf::from(python));
    }
    let usable = Command::new("python3")
        .args(["-c", "import openpyxl, networkx"])
        .output()
        .is_ok_and(|output| output.status.success());
    usable.then(|| PathBuf::from("python3"))
}

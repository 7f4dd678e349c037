//! The partner network's attributes, shared by every network format, and the network as CSV
//! node and edge lists and as JSON.

use std::collections::HashSet;
use std::fmt::Display;
use std::io::Write;

use coopatlas_analytics::network::{Edge, Network, Node};
use coopatlas_analytics::{Cell, Table};

use crate::ExportError;
use crate::tables::CsvWriter;

/// The type of an attribute, declared in GEXF and GraphML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Text,
    Int,
    Float,
}

/// A node or edge attribute: its name in every format, and its type.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Attribute {
    pub name: &'static str,
    pub kind: Kind,
}

const fn attribute(name: &'static str, kind: Kind) -> Attribute {
    Attribute { name, kind }
}

/// Node attributes besides id and label. `latitude` and `longitude` are the names Gephi's geo
/// layout looks for; lists are joined with `;`.
pub(crate) const NODE_ATTRIBUTES: [Attribute; 11] = [
    attribute("kind", Kind::Text),
    attribute("country", Kind::Text),
    attribute("federal_district", Kind::Text),
    attribute("latitude", Kind::Float),
    attribute("longitude", Kind::Float),
    attribute("degree", Kind::Int),
    attribute("weighted_degree", Kind::Float),
    attribute("betweenness", Kind::Float),
    attribute("pagerank", Kind::Float),
    attribute("community", Kind::Int),
    attribute("years", Kind::Text),
];

/// Edge attributes besides its ends and weight; lists are joined with `;`.
pub(crate) const EDGE_ATTRIBUTES: [Attribute; 6] = [
    attribute("documents", Kind::Int),
    attribute("agreements", Kind::Int),
    attribute("forms", Kind::Text),
    attribute("spheres", Kind::Text),
    attribute("years", Kind::Text),
    attribute("scope", Kind::Text),
];

/// The values of [`NODE_ATTRIBUTES`] for a node; a missing district or position is empty.
pub(crate) fn node_attributes(node: &Node) -> [Cell; 11] {
    let (latitude, longitude) = match node.coordinates {
        Some((latitude, longitude)) => (Cell::Float(latitude), Cell::Float(longitude)),
        None => (Cell::Empty, Cell::Empty),
    };
    [
        Cell::Text(node.kind.clone()),
        Cell::Text(node.country.clone()),
        node.federal_district.clone().into(),
        latitude,
        longitude,
        node.degree.into(),
        Cell::Float(node.weighted_degree),
        Cell::Float(node.betweenness),
        Cell::Float(node.pagerank),
        node.community.into(),
        joined(&node.years),
    ]
}

/// The values of [`EDGE_ATTRIBUTES`] for an edge.
pub(crate) fn edge_attributes(edge: &Edge) -> [Cell; 6] {
    [
        edge.documents.into(),
        edge.agreements.into(),
        joined(&edge.forms),
        joined(&edge.spheres),
        joined(&edge.years),
        Cell::Text(edge.scope.clone()),
    ]
}

/// Items joined with `;`, or an empty cell for none.
pub(crate) fn joined<T: Display>(items: &[T]) -> Cell {
    if items.is_empty() {
        return Cell::Empty;
    }
    let mut text = String::new();
    for (index, item) in items.iter().enumerate() {
        if index > 0 {
            text.push(';');
        }
        text.push_str(&item.to_string());
    }
    Cell::Text(text)
}

/// Columns of the node list: Gephi's spreadsheet import takes `Id` and `Label` as such and the
/// rest as attributes.
fn node_columns() -> Vec<&'static str> {
    ["Id", "Label"].into_iter().chain(NODE_ATTRIBUTES.iter().map(|attribute| attribute.name)).collect()
}

/// Columns of the edge list: Gephi's spreadsheet import takes `Source`, `Target` (node ids),
/// `Type` (`Undirected`) and `Weight` as such; the labels of the two ends are there for people.
fn edge_columns() -> Vec<&'static str> {
    ["Source", "Target", "Type", "Weight", "source_label", "target_label"]
        .into_iter()
        .chain(EDGE_ATTRIBUTES.iter().map(|attribute| attribute.name))
        .collect()
}

/// The node's row of the node list into `row` (cleared first).
fn node_row(node: &Node, row: &mut Vec<Cell>) {
    row.clear();
    row.push(Cell::Text(node.id.clone()));
    row.push(Cell::Text(node.label.clone()));
    row.extend(node_attributes(node));
}

/// The edge's row of the edge list into `row` (cleared first).
fn edge_row(network: &Network, edge: &Edge, row: &mut Vec<Cell>) {
    let (source, target) = (&network.nodes[edge.source], &network.nodes[edge.target]);
    row.clear();
    row.push(Cell::Text(source.id.clone()));
    row.push(Cell::Text(target.id.clone()));
    row.push(Cell::Text("Undirected".to_string()));
    row.push(Cell::Float(edge.weight));
    row.push(Cell::Text(source.label.clone()));
    row.push(Cell::Text(target.label.clone()));
    row.extend(edge_attributes(edge));
}

/// Every edge names two nodes of the network, and no two nodes share an id (GEXF, GraphML and
/// the edge list name nodes by id).
pub(crate) fn check_network(network: &Network) -> Result<(), ExportError> {
    let nodes = network.nodes.len();
    for (index, edge) in network.edges.iter().enumerate() {
        if let Some(node) = [edge.source, edge.target].into_iter().find(|&node| node >= nodes) {
            return Err(ExportError::EdgeOutOfRange { edge: index, node, nodes });
        }
    }
    let mut ids = HashSet::with_capacity(nodes);
    match network.nodes.iter().find(|node| !ids.insert(node.id.as_str())) {
        Some(node) => Err(ExportError::DuplicateNode { id: node.id.clone() }),
        None => Ok(()),
    }
}

/// The node and edge lists as two tables, `nodes` and `edges`, with the columns of
/// [`write_node_list`] and [`write_edge_list`]: the network in a workbook. Their rows are
/// stored (a network has a row per place and per partnership, not per statement).
pub fn network_tables(network: &Network) -> Result<[Table<'static>; 2], ExportError> {
    check_network(network)?;
    let mut nodes = Table::new("nodes", &node_columns());
    for node in &network.nodes {
        let mut row = Vec::with_capacity(nodes.columns.len());
        node_row(node, &mut row);
        nodes.push(row);
    }
    let mut edges = Table::new("edges", &edge_columns());
    for edge in &network.edges {
        let mut row = Vec::with_capacity(edges.columns.len());
        edge_row(network, edge, &mut row);
        edges.push(row);
    }
    Ok([nodes, edges])
}

/// Writes the nodes as CSV (the rules of [`crate::write_csv`]), one row per node: `Id`, `Label`,
/// `kind`, `country`, `federal_district`, `latitude`, `longitude`, `degree`, `weighted_degree`,
/// `betweenness`, `pagerank`, `community`, `years` (`2019;2021`).
pub fn write_node_list<W: Write>(network: &Network, w: W) -> Result<(), ExportError> {
    check_network(network)?;
    let mut csv = CsvWriter::new(&node_columns(), w)?;
    let mut row = Vec::new();
    for node in &network.nodes {
        node_row(node, &mut row);
        csv.row(&row)?;
    }
    csv.finish()
}

/// Writes the edges as CSV, one row per edge: `Source`, `Target` (node ids), `Type`
/// (`Undirected`), `Weight`, `source_label`, `target_label`, `documents`, `agreements`, `forms`,
/// `spheres`, `years` (lists joined with `;`), `scope`.
pub fn write_edge_list<W: Write>(network: &Network, w: W) -> Result<(), ExportError> {
    check_network(network)?;
    let mut csv = CsvWriter::new(&edge_columns(), w)?;
    let mut row = Vec::new();
    for edge in &network.edges {
        edge_row(network, edge, &mut row);
        csv.row(&row)?;
    }
    csv.finish()
}

/// Writes the network in its serde form (`{"weight", "nodes", "edges"}`, edges naming nodes by
/// index, coordinates as `[latitude, longitude]`), streamed to `w`: give it a buffered writer.
/// Ends with a line feed; `w` is flushed at the end.
pub fn write_network_json<W: Write>(network: &Network, mut w: W) -> Result<(), ExportError> {
    check_network(network)?;
    serde_json::to_writer(&mut w, network)?;
    w.write_all(b"\n")?;
    w.flush()?;
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use coopatlas_analytics::network::Weight;

    /// A small network with the awkward cases: quotes, ampersands and Cyrillic in labels, a
    /// node without district or coordinates, an edge without years.
    pub(crate) fn sample() -> Network {
        let node = |id: &str, label: &str, district: Option<&str>, coordinates, years: Vec<i32>| Node {
            id: id.to_string(),
            label: label.to_string(),
            kind: "region".to_string(),
            country: "RU".to_string(),
            federal_district: district.map(str::to_string),
            coordinates,
            degree: 1,
            weighted_degree: 2.0,
            betweenness: 0.0,
            pagerank: 0.5,
            community: 0,
            years,
        };
        Network {
            weight: Weight::Documents,
            nodes: vec![
                node("RU-KGD", "Калининградская область", Some("northwestern"), Some((54.7, 20.5)), vec![2019, 2021]),
                node("BY-HR", "Гродно & \"Неман\" <обл.>", None, None, vec![2019]),
            ],
            edges: vec![Edge {
                source: 0,
                target: 1,
                weight: 2.0,
                documents: 2,
                agreements: 1,
                forms: vec!["agreement".to_string(), "visit".to_string()],
                spheres: vec!["trade".to_string()],
                years: vec![2019, 2021],
                scope: "international".to_string(),
            }],
            ..Network::default()
        }
    }

    /// What `write` writes, as text.
    pub(crate) fn written(write: impl FnOnce(&mut Vec<u8>) -> Result<(), ExportError>) -> String {
        let mut out = Vec::new();
        write(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn node_and_edge_lists() {
        let network = sample();
        assert_eq!(
            written(|out| write_node_list(&network, out)),
            "Id,Label,kind,country,federal_district,latitude,longitude,degree,weighted_degree,betweenness,pagerank,community,years\r\n\
             RU-KGD,Калининградская область,region,RU,northwestern,54.7,20.5,1,2,0,0.5,0,2019;2021\r\n\
             BY-HR,\"Гродно & \"\"Неман\"\" <обл.>\",region,RU,,,,1,2,0,0.5,0,2019\r\n"
        );
        assert_eq!(
            written(|out| write_edge_list(&network, out)),
            "Source,Target,Type,Weight,source_label,target_label,documents,agreements,forms,spheres,years,scope\r\n\
             RU-KGD,BY-HR,Undirected,2,Калининградская область,\"Гродно & \"\"Неман\"\" <обл.>\",2,1,agreement;visit,trade,2019;2021,international\r\n"
        );
    }

    #[test]
    fn empty_network() {
        let network = Network::default();
        assert_eq!(written(|out| write_edge_list(&network, out)).lines().count(), 1);
        let json = written(|out| write_network_json(&network, out));
        assert!(json.ends_with("]}\n"), "{json}");
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value, serde_json::to_value(&network).unwrap());
        assert_eq!(value["nodes"], serde_json::json!([]));
        let [nodes, edges] = network_tables(&network).unwrap();
        assert!(nodes.is_empty() && edges.is_empty());
    }

    #[test]
    fn broken_networks_are_refused() {
        let mut network = sample();
        network.edges[0].target = 5;
        assert!(matches!(check_network(&network), Err(ExportError::EdgeOutOfRange { edge: 0, node: 5, nodes: 2 })));
        let mut network = sample();
        network.nodes[1].id = "RU-KGD".to_string();
        assert!(matches!(check_network(&network), Err(ExportError::DuplicateNode { .. })));
    }
}

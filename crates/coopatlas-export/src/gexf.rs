//! The network as GEXF 1.3, dynamic over years, for Gephi.

use std::io::{self, Write};

use coopatlas_analytics::Cell;
use coopatlas_analytics::network::{Edge, Network, Node};
use quick_xml::Writer;
use quick_xml::events::BytesText;

use crate::ExportError;
use crate::names::float_text;
use crate::network::{Attribute, EDGE_ATTRIBUTES, Kind, NODE_ATTRIBUTES, edge_attributes, node_attributes};
use crate::xml::{XSI, description, text, value, write_document};

const GEXF: &str = "http://gexf.net/1.3";
const SCHEMA_LOCATION: &str = "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd";

/// Writes the network as GEXF 1.3 (namespace `http://gexf.net/1.3`), streamed to `w`: give it a
/// buffered writer; `w` is flushed at the end.
///
/// The graph is `mode="dynamic"`, `timeformat="integer"`, `timerepresentation="interval"`,
/// `defaultedgetype="undirected"`: every node and edge carries `<spells>` with one spell per
/// year it was seen (`start` = `end` = the year), which Gephi's timeline plays (a node or edge
/// with no years has no spells and is always there). Node ids are the gazetteer ids, labels the
/// node labels; node attributes `kind`, `country`, `federal_district` (string), `latitude`,
/// `longitude` (double, the names Gephi's geo layout looks for), `degree` (integer),
/// `weighted_degree`, `betweenness`, `pagerank` (double), `community` (integer) and `years`
/// (string, `2019;2021`); edge attributes `documents`, `agreements` (integer), `forms`,
/// `spheres`, `years` (`;`-joined strings) and `scope` (string), and the edge `weight`. A value
/// that is missing (no district, no coordinates) or not finite is left out.
pub fn write_gexf<W: Write>(network: &Network, w: W) -> Result<(), ExportError> {
    write_document(network, w, |xml| {
        xml.create_element("gexf")
            .with_attributes([
                ("xmlns", GEXF),
                ("xmlns:xsi", XSI),
                ("xsi:schemaLocation", SCHEMA_LOCATION),
                ("version", "1.3"),
            ])
            .write_inner_content(|xml| {
                xml.create_element("meta").write_inner_content(|xml| {
                    xml.create_element("creator").write_text_content(BytesText::new("coopatlas"))?;
                    xml.create_element("description").write_text_content(BytesText::new(&description(network)))?;
                    Ok(())
                })?;
                xml.create_element("graph")
                    .with_attributes([
                        ("mode", "dynamic"),
                        ("defaultedgetype", "undirected"),
                        ("timeformat", "integer"),
                        ("timerepresentation", "interval"),
                    ])
                    .write_inner_content(|xml| {
                        declare(xml, "node", &NODE_ATTRIBUTES)?;
                        declare(xml, "edge", &EDGE_ATTRIBUTES)?;
                        let count = network.nodes.len().to_string();
                        xml.create_element("nodes").with_attribute(("count", count.as_str())).write_inner_content(
                            |xml| network.nodes.iter().try_for_each(|node| write_node(xml, node)),
                        )?;
                        let count = network.edges.len().to_string();
                        xml.create_element("edges").with_attribute(("count", count.as_str())).write_inner_content(
                            |xml| {
                                network
                                    .edges
                                    .iter()
                                    .enumerate()
                                    .try_for_each(|(index, edge)| write_edge(xml, network, index, edge))
                            },
                        )?;
                        Ok(())
                    })?;
                Ok(())
            })?;
        Ok(())
    })
}

/// `<attributes class="node|edge" mode="static">`, attribute ids being their titles.
fn declare<W: Write>(xml: &mut Writer<W>, class: &str, attributes: &[Attribute]) -> io::Result<()> {
    xml.create_element("attributes").with_attributes([("class", class), ("mode", "static")]).write_inner_content(
        |xml| {
            for attribute in attributes {
                let kind = match attribute.kind {
                    Kind::Text => "string",
                    Kind::Int => "integer",
                    Kind::Float => "double",
                };
                xml.create_element("attribute")
                    .with_attributes([("id", attribute.name), ("title", attribute.name), ("type", kind)])
                    .write_empty()?;
            }
            Ok(())
        },
    )?;
    Ok(())
}

fn write_node<W: Write>(xml: &mut Writer<W>, node: &Node) -> io::Result<()> {
    let (id, label) = (text(&node.id), text(&node.label));
    xml.create_element("node").with_attributes([("id", &*id), ("label", &*label)]).write_inner_content(|xml| {
        attvalues(xml, &NODE_ATTRIBUTES, &node_attributes(node))?;
        spells(xml, &node.years)
    })?;
    Ok(())
}

fn write_edge<W: Write>(xml: &mut Writer<W>, network: &Network, index: usize, edge: &Edge) -> io::Result<()> {
    let id = index.to_string();
    let source = text(&network.nodes[edge.source].id);
    let target = text(&network.nodes[edge.target].id);
    let weight = edge.weight.is_finite().then(|| float_text(edge.weight));
    let mut element =
        xml.create_element("edge").with_attributes([("id", id.as_str()), ("source", &*source), ("target", &*target)]);
    if let Some(weight) = &weight {
        element = element.with_attribute(("weight", weight.as_str()));
    }
    element.write_inner_content(|xml| {
        attvalues(xml, &EDGE_ATTRIBUTES, &edge_attributes(edge))?;
        spells(xml, &edge.years)
    })?;
    Ok(())
}

/// `<attvalues>` with the values that are there; nothing if none is.
fn attvalues<W: Write>(xml: &mut Writer<W>, attributes: &[Attribute], cells: &[Cell]) -> io::Result<()> {
    let values: Vec<_> =
        attributes.iter().zip(cells).filter_map(|(attribute, cell)| Some((attribute.name, value(cell)?))).collect();
    if values.is_empty() {
        return Ok(());
    }
    xml.create_element("attvalues").write_inner_content(|xml| {
        for (name, value) in &values {
            xml.create_element("attvalue").with_attributes([("for", *name), ("value", &**value)]).write_empty()?;
        }
        Ok(())
    })?;
    Ok(())
}

/// `<spells>` with one spell per year; nothing without years (GEXF wants at least one spell).
fn spells<W: Write>(xml: &mut Writer<W>, years: &[i32]) -> io::Result<()> {
    if years.is_empty() {
        return Ok(());
    }
    xml.create_element("spells").write_inner_content(|xml| {
        for year in years {
            let year = year.to_string();
            xml.create_element("spell")
                .with_attributes([("start", year.as_str()), ("end", year.as_str())])
                .write_empty()?;
        }
        Ok(())
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::tests::{sample, written};

    fn gexf(network: &Network) -> String {
        written(|out| write_gexf(network, out))
    }

    #[test]
    fn labels_are_escaped_and_years_are_spells() {
        let out = gexf(&sample());
        assert!(out.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gexf xmlns=\"http://gexf.net/1.3\""));
        assert!(out.contains(
            r#"<graph mode="dynamic" defaultedgetype="undirected" timeformat="integer" timerepresentation="interval">"#
        ));
        assert!(out.contains(r#"<node id="BY-HR" label="Гродно &amp; &quot;Неман&quot; &lt;обл.&gt;">"#), "{out}");
        assert!(out.contains(r#"<attribute id="latitude" title="latitude" type="double"/>"#));
        assert!(out.contains(r#"<attvalue for="latitude" value="54.7"/>"#));
        assert!(out.contains(r#"<spell start="2019" end="2019"/>"#));
        assert!(out.contains(r#"<spell start="2021" end="2021"/>"#));
        assert!(out.contains(r#"<edge id="0" source="RU-KGD" target="BY-HR" weight="2">"#));
        assert!(out.contains(r#"<attvalue for="spheres" value="trade"/>"#));
        // The node without a district has no federal_district value.
        let grodno = &out[out.find("BY-HR").unwrap()..];
        let grodno = &grodno[..grodno.find("</node>").unwrap()];
        assert!(!grodno.contains("federal_district") && !grodno.contains("latitude"));
    }

    #[test]
    fn control_characters_and_line_breaks() {
        let mut network = sample();
        network.nodes[0].label = "a\u{1}b\nc".to_string();
        let out = gexf(&network);
        assert!(out.contains("label=\"a\u{FFFD}b&#10;c\""), "{out}");
    }

    #[test]
    fn empty_network() {
        let out = gexf(&Network::default());
        assert!(out.contains("<nodes count=\"0\">") && out.contains("<edges count=\"0\">"), "{out}");
        assert!(out.ends_with("</gexf>\n"));
    }
}

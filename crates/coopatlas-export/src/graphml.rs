//! The network as GraphML.

use std::io::{self, Write};

use coopatlas_analytics::Cell;
use coopatlas_analytics::network::Network;
use quick_xml::Writer;
use quick_xml::events::BytesText;

use crate::ExportError;
use crate::names::float_text;
use crate::network::{Attribute, EDGE_ATTRIBUTES, Kind, NODE_ATTRIBUTES, edge_attributes, node_attributes};
use crate::xml::{XSI, description, text, value, write_document};

const GRAPHML: &str = "http://graphml.graphdrawing.org/xmlns";
const SCHEMA_LOCATION: &str =
    "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd";

/// Writes the network as GraphML (namespace `http://graphml.graphdrawing.org/xmlns`), streamed
/// to `w`: give it a buffered writer; `w` is flushed at the end.
///
/// One undirected graph (`edgedefault="undirected"`). Keys are declared with `attr.name` and
/// `attr.type`: for nodes `label` and the attributes of [`crate::write_gexf`] (`int` for counts
/// and `community`, `double` for measures and coordinates, `string` for the rest, years joined
/// with `;`); for edges `weight` (double) and the edge attributes. Key ids are `node_<name>` and
/// `edge_<name>` (`weight` and `label` as such, the names Gephi and yEd look for). A value that
/// is missing or not finite has no `<data>`.
pub fn write_graphml<W: Write>(network: &Network, w: W) -> Result<(), ExportError> {
    write_document(network, w, |xml| {
        xml.create_element("graphml")
            .with_attributes([("xmlns", GRAPHML), ("xmlns:xsi", XSI), ("xsi:schemaLocation", SCHEMA_LOCATION)])
            .write_inner_content(|xml| {
                key(xml, "label", "node", "label", "string")?;
                for attribute in &NODE_ATTRIBUTES {
                    key(xml, &format!("node_{}", attribute.name), "node", attribute.name, kind(attribute))?;
                }
                key(xml, "weight", "edge", "weight", "double")?;
                for attribute in &EDGE_ATTRIBUTES {
                    key(xml, &format!("edge_{}", attribute.name), "edge", attribute.name, kind(attribute))?;
                }
                xml.create_element("graph")
                    .with_attributes([("id", "partners"), ("edgedefault", "undirected")])
                    .write_inner_content(|xml| {
                        xml.create_element("desc").write_text_content(BytesText::new(&description(network)))?;
                        for node in &network.nodes {
                            let id = text(&node.id);
                            xml.create_element("node").with_attribute(("id", &*id)).write_inner_content(|xml| {
                                data(xml, "label", &text(&node.label))?;
                                datas(xml, "node", &NODE_ATTRIBUTES, &node_attributes(node))
                            })?;
                        }
                        for (index, edge) in network.edges.iter().enumerate() {
                            let id = format!("e{index}");
                            let source = text(&network.nodes[edge.source].id);
                            let target = text(&network.nodes[edge.target].id);
                            xml.create_element("edge")
                                .with_attributes([("id", id.as_str()), ("source", &*source), ("target", &*target)])
                                .write_inner_content(|xml| {
                                    if edge.weight.is_finite() {
                                        data(xml, "weight", &float_text(edge.weight))?;
                                    }
                                    datas(xml, "edge", &EDGE_ATTRIBUTES, &edge_attributes(edge))
                                })?;
                        }
                        Ok(())
                    })?;
                Ok(())
            })?;
        Ok(())
    })
}

fn kind(attribute: &Attribute) -> &'static str {
    match attribute.kind {
        Kind::Text => "string",
        Kind::Int => "int",
        Kind::Float => "double",
    }
}

fn key<W: Write>(xml: &mut Writer<W>, id: &str, class: &str, name: &str, kind: &str) -> io::Result<()> {
    xml.create_element("key")
        .with_attributes([("id", id), ("for", class), ("attr.name", name), ("attr.type", kind)])
        .write_empty()?;
    Ok(())
}

fn data<W: Write>(xml: &mut Writer<W>, key: &str, value: &str) -> io::Result<()> {
    xml.create_element("data").with_attribute(("key", key)).write_text_content(BytesText::new(value))?;
    Ok(())
}

fn datas<W: Write>(xml: &mut Writer<W>, class: &str, attributes: &[Attribute], cells: &[Cell]) -> io::Result<()> {
    for (attribute, cell) in attributes.iter().zip(cells) {
        if let Some(value) = value(cell) {
            data(xml, &format!("{class}_{}", attribute.name), &value)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::tests::{sample, written};

    fn graphml(network: &Network) -> String {
        written(|out| write_graphml(network, out))
    }

    #[test]
    fn keys_and_escaped_values() {
        let out = graphml(&sample());
        assert!(out.contains(r#"<key id="node_degree" for="node" attr.name="degree" attr.type="int"/>"#), "{out}");
        assert!(out.contains(r#"<key id="weight" for="edge" attr.name="weight" attr.type="double"/>"#));
        assert!(out.contains(r#"<graph id="partners" edgedefault="undirected">"#));
        assert!(out.contains("<data key=\"label\">Гродно &amp; &quot;Неман&quot; &lt;обл.&gt;</data>"), "{out}");
        assert!(out.contains(r#"<edge id="e0" source="RU-KGD" target="BY-HR">"#));
        assert!(out.contains(r#"<data key="edge_forms">agreement;visit</data>"#));
    }

    #[test]
    fn empty_network() {
        let out = graphml(&Network::default());
        assert!(out.contains("<graph id=\"partners\" edgedefault=\"undirected\">") && out.ends_with("</graphml>\n"));
    }
}

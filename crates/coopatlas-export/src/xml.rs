//! What the two XML formats share: the writer, the declaration, attribute values as text.

use std::borrow::Cow;
use std::io::{self, Write};

use coopatlas_analytics::Cell;
use coopatlas_analytics::network::{Network, Weight};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, Event};

use crate::ExportError;
use crate::names::{float_text, xml_safe};
use crate::network::check_network;

pub(crate) const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// Writes the network as one XML file to `w`: checks it, writes the declaration, then `root`
/// (the root element) with an XML writer indenting by two spaces, and a closing line feed;
/// flushes `w`. quick-xml escapes attribute values (`& < > " '`, tabs and line breaks as
/// character references) and text; characters XML cannot hold at all are replaced before (see
/// [`text`]).
pub(crate) fn write_document<W: Write>(
    network: &Network,
    mut w: W,
    root: impl FnOnce(&mut Writer<&mut W>) -> io::Result<()>,
) -> Result<(), ExportError> {
    check_network(network)?;
    let mut xml = Writer::new_with_indent(&mut w, b' ', 2);
    xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    root(&mut xml)?;
    w.write_all(b"\n")?;
    w.flush()?;
    Ok(())
}

/// Text for an attribute value or element: the characters XML can hold.
pub(crate) fn text(text: &str) -> Cow<'_, str> {
    xml_safe(text)
}

/// A cell as the text of an attribute value; `None` for an empty cell or a non-finite float,
/// which the formats leave out.
pub(crate) fn value(cell: &Cell) -> Option<Cow<'_, str>> {
    match cell {
        Cell::Empty => None,
        Cell::Text(value) => Some(xml_safe(value)),
        Cell::Int(value) => Some(Cow::Owned(value.to_string())),
        Cell::Float(value) if value.is_finite() => Some(Cow::Owned(float_text(*value))),
        Cell::Float(_) => None,
    }
}

/// What the network is, for the files' descriptions: what the weight counts, and whether
/// betweenness is an estimate.
pub(crate) fn description(network: &Network) -> String {
    let weight = match network.weight {
        Weight::Documents => "documents stating the tie",
        Weight::Agreements => "documents stating an agreement",
    };
    let mut description =
        format!("Partner network of regions and cities: places and their ties; edge weight = {weight}");
    if let Some(pivots) = network.betweenness_pivots {
        description.push_str(&format!("; betweenness estimated from {pivots} source nodes"));
    }
    description
}

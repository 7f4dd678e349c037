//! What the DOCX and ODT readers share about XML: walking a part's events with damage and
//! skipped subtrees handled, entity references, and the Dublin Core title of their metadata.
//!
//! quick-xml does not expand entities declared in a DTD, so an entity-expansion bomb
//! ("billion laughs") in a hostile part comes out as unknown references, which are dropped.

use quick_xml::events::{BytesRef, Event};
use quick_xml::reader::Reader;

use crate::ReadError;

/// The events of one XML part (`word/document.xml`, `content.xml`) as a reader wants them.
///
/// A parse error before any text makes the whole file malformed; after some text it becomes a
/// warning and the walk ends, keeping the text so far. A subtree the caller chose to skip with
/// [`PartEvents::skip_current`] is swallowed whole.
pub(crate) struct PartEvents<'a> {
    reader: Reader<&'a [u8]>,
    format: &'static str,
    part: &'static str,
    /// Depth inside a skipped subtree; 0 when reading.
    skipping: usize,
}

impl<'a> PartEvents<'a> {
    pub(crate) fn new(xml: &'a str, format: &'static str, part: &'static str) -> PartEvents<'a> {
        PartEvents { reader: Reader::from_str(xml), format, part, skipping: 0 }
    }

    /// Skips the element whose start was just returned, up to its end.
    pub(crate) fn skip_current(&mut self) {
        self.skipping = 1;
    }

    /// The next event outside skipped subtrees; `None` at the end or after damage.
    pub(crate) fn next(&mut self, have_text: bool, warnings: &mut Vec<String>) -> Result<Option<Event<'a>>, ReadError> {
        loop {
            let event = match self.reader.read_event() {
                Ok(Event::Eof) => return Ok(None),
                Ok(event) => event,
                Err(error) if !have_text => {
                    return Err(ReadError::Malformed {
                        format: self.format,
                        reason: format!("{}: {error}", self.part),
                    });
                }
                Err(_) => {
                    warnings.push(format!(
                        "{} is damaged after {} bytes, text may be incomplete",
                        self.part,
                        self.reader.buffer_position()
                    ));
                    return Ok(None);
                }
            };
            match (self.skipping, &event) {
                (0, _) => return Ok(Some(event)),
                (_, Event::Start(_)) => self.skipping += 1,
                (_, Event::End(_)) => self.skipping -= 1,
                _ => {}
            }
        }
    }
}

/// The text an entity or character reference stands for; `None` for unknown entities.
pub(crate) fn resolve_reference(reference: &BytesRef<'_>) -> Option<String> {
    if reference.is_char_ref() {
        return reference.resolve_char_ref().ok().flatten().map(String::from);
    }
    quick_xml::escape::resolve_predefined_entity(reference).map(str::to_owned)
}

/// Text of the first element with this local name (`title` for `dc:title`), whitespace
/// collapsed; `None` when absent, empty or unreadable.
pub(crate) fn first_element_text(xml: &str, local_name: &str) -> Option<String> {
    let mut reader = Reader::from_str(xml);
    let mut depth = 0usize;
    let mut text = String::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(element)) => {
                if depth > 0 || element.local_name().as_ref() == local_name {
                    depth += 1;
                }
            }
            Ok(Event::End(_)) if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            Ok(Event::Text(content)) if depth > 0 => text.push_str(&content.xml10_content()),
            Ok(Event::CData(content)) if depth > 0 => text.push_str(&content),
            Ok(Event::GeneralRef(reference)) if depth > 0 => {
                text.push_str(&resolve_reference(&reference).unwrap_or_default());
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dublin_core_title_is_found() {
        let core = r#"<?xml version="1.0"?><cp:coreProperties xmlns:dc="http://purl.org/dc/elements/1.1/"
            xmlns:cp="x"><dc:creator>Иванов</dc:creator><dc:title> Соглашение  о
            побратимстве &amp; дружбе &#x41;</dc:title></cp:coreProperties>"#;
        assert_eq!(first_element_text(core, "title").as_deref(), Some("Соглашение о побратимстве & дружбе A"));
        assert_eq!(first_element_text("<a><dc:title/></a>", "title"), None);
        assert_eq!(first_element_text("<a><dc:title>", "title"), None);
        assert_eq!(first_element_text("not xml at all", "title"), None);
    }
}

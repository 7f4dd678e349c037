//! ODT (OpenDocument text): the text of `content.xml`, the title of `meta.xml`.
//!
//! Paragraphs and headings (`text:p`, `text:h`) are separated by blank lines. ODF collapses
//! whitespace in paragraphs as HTML does, and writes extra spaces as `text:s text:c="N"`,
//! tabs as `text:tab`, line breaks as `text:line-break`. Tables come out row by row, cells
//! separated by tabs. Footnotes and endnotes (`text:note`), comments (`office:annotation`),
//! tracked deletions and generated indexes (a table of contents repeats the headings) are
//! left out. Only `office:body` is read: styles and settings hold no document text.

use quick_xml::events::{BytesStart, Event};

use crate::builder::{Break, TextBuilder};
use crate::xml::{PartEvents, first_element_text, resolve_reference};
use crate::zip_guard::{Archive, xml_text};
use crate::{Extracted, Format, Limits, ReadError};

const FORMAT: &str = "odt";

/// Most spaces one `text:s` may stand for: a hostile `text:c="4000000000"` must not
/// allocate gigabytes.
const MAX_SPACES: usize = 256;

/// Elements whose subtree is not part of the running text.
const SKIPPED: &[&str] = &[
    "note",             // text:note: footnote or endnote, written where it is cited
    "annotation",       // office:annotation: a comment
    "tracked-changes",  // text:tracked-changes: deleted text kept for review
    "table-of-content", // generated from the headings
    "alphabetical-index",
    "illustration-index",
    "table-index",
    "object-index",
    "user-index",
    "bibliography",
    "sequence-decls",
    "variable-decls",
    "user-field-decls",
    "forms", // office:forms
];

/// Descriptions of drawings: alternative text, not running text. Matched by qualified name,
/// since `text:title` (a field showing the document title) shares the local name.
const SKIPPED_QUALIFIED: &[&str] = &["svg:desc", "svg:title"];

pub(crate) fn read(bytes: &[u8], limits: &Limits) -> Result<Extracted, ReadError> {
    let mut archive = Archive::open(bytes, limits, FORMAT)?;
    let content = archive
        .read("content.xml")?
        .ok_or_else(|| ReadError::Malformed { format: FORMAT, reason: "no content.xml".to_owned() })?;
    let (text, warnings) = content_text(&xml_text(&content))?;
    if text.is_empty() {
        return Err(ReadError::NoText { format: FORMAT });
    }
    let title = match archive.read_small("meta.xml") {
        Ok(Some(meta)) => first_element_text(&xml_text(&meta), "title"),
        Ok(None) => None,
        Err(error) => {
            tracing::debug!(%error, "meta.xml unreadable");
            None
        }
    };
    Ok(Extracted { format: Format::Odt, text, title, date: None, pages: Vec::new(), encoding: None, warnings })
}

/// The number of spaces a `text:s` stands for.
fn space_count(element: &BytesStart<'_>) -> usize {
    element
        .attributes()
        .flatten()
        .find(|attribute| attribute.key.local_name().as_ref() == "c")
        .and_then(|attribute| attribute.value.trim().parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, MAX_SPACES)
}

/// The text of `content.xml`, and warnings.
fn content_text(xml: &str) -> Result<(String, Vec<String>), ReadError> {
    let mut events = PartEvents::new(xml, FORMAT, "content.xml");
    let mut builder = TextBuilder::new();
    let mut warnings = Vec::new();
    let mut in_body = 0usize;
    let mut paragraphs = 0usize;
    let mut cells = 0usize;
    while let Some(event) = events.next(!builder.is_empty(), &mut warnings)? {
        match event {
            Event::Start(element) => match element.local_name().as_ref() {
                "body" => in_body += 1,
                _ if in_body == 0 => {}
                name if SKIPPED.contains(&name) => events.skip_current(),
                _ if SKIPPED_QUALIFIED.contains(&element.name().as_ref()) => events.skip_current(),
                "p" | "h" => {
                    paragraphs += 1;
                    builder.brk(if cells > 0 { Break::Space } else { Break::Paragraph });
                }
                "table-cell" => cells += 1,
                "covered-table-cell" => events.skip_current(),
                _ => {}
            },
            Event::End(element) => match element.local_name().as_ref() {
                "body" => in_body = in_body.saturating_sub(1),
                _ if in_body == 0 => {}
                "p" | "h" => {
                    paragraphs = paragraphs.saturating_sub(1);
                    builder.brk(if cells > 0 { Break::Space } else { Break::Paragraph });
                }
                "table-cell" => {
                    cells = cells.saturating_sub(1);
                    builder.brk(Break::Tab);
                }
                "table-row" => builder.brk(Break::Line),
                "table" => builder.brk(if cells > 0 { Break::Line } else { Break::Paragraph }),
                _ => {}
            },
            Event::Empty(element) if in_body > 0 => match element.local_name().as_ref() {
                "p" | "h" => builder.brk(if cells > 0 { Break::Space } else { Break::Paragraph }),
                "s" if paragraphs > 0 => builder.push_raw(&" ".repeat(space_count(&element))),
                "tab" if paragraphs > 0 => builder.brk(Break::Tab),
                "line-break" if paragraphs > 0 => builder.brk(Break::Line),
                "table-cell" => builder.brk(Break::Tab),
                _ => {}
            },
            Event::Text(content) if paragraphs > 0 => builder.push_collapsed(&content.xml10_content()),
            Event::CData(content) if paragraphs > 0 => builder.push_collapsed(&content),
            Event::GeneralRef(reference) if paragraphs > 0 => {
                if let Some(text) = resolve_reference(&reference) {
                    builder.push_collapsed(&text);
                }
            }
            _ => {}
        }
    }
    Ok((builder.finish(), warnings))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::zip_guard::tests::build_zip;

    /// An ODT with this inside of `office:text` and, if given, this title.
    pub(crate) fn build_odt(body: &str, title: Option<&str>) -> Vec<u8> {
        let content = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:automatic-styles><style:style xmlns:style="s"><text:p>not text</text:p></style:style></office:automatic-styles><office:body><office:text>{body}</office:text></office:body></office:document-content>"#
        );
        let manifest = r#"<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/></manifest:manifest>"#;
        let meta = format!(
            r#"<?xml version="1.0"?><office:document-meta xmlns:office="o" xmlns:dc="http://purl.org/dc/elements/1.1/"><office:meta><dc:title>{}</dc:title></office:meta></office:document-meta>"#,
            title.unwrap_or_default()
        );
        build_zip(
            &[
                ("mimetype", b"application/vnd.oasis.opendocument.text"),
                ("content.xml", content.as_bytes()),
                ("meta.xml", meta.as_bytes()),
                ("META-INF/manifest.xml", manifest.as_bytes()),
            ],
            true,
        )
    }

    fn text_of(body: &str) -> String {
        read(&build_odt(body, None), &Limits::default()).unwrap().text
    }

    #[test]
    fn paragraphs_spans_spaces_tabs_and_line_breaks() {
        let body = r#"<text:h text:outline-level="1">Побратимы</text:h>
            <text:p>Псков   и
              <text:span text:style-name="T1">Тарту</text:span>.<text:s text:c="3"/>Точка</text:p>
            <text:p/>
            <text:p>Город<text:tab/>Страна<text:line-break/>Гродно<text:tab/>Беларусь &amp; &#1056;</text:p>"#;
        assert_eq!(text_of(body), "Побратимы\n\nПсков и Тарту.   Точка\n\nГород\tСтрана\nГродно\tБеларусь & Р");
    }

    #[test]
    fn notes_indexes_and_tables() {
        let body = r#"<text:table-of-content><text:index-body><text:p>Побратимы ..... 1</text:p></text:index-body></text:table-of-content>
            <text:p>Текст<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Сноска</text:p></text:note-body></text:note> дальше.</text:p>
            <table:table><table:table-row><table:table-cell><text:p>А</text:p></table:table-cell><table:covered-table-cell><text:p>скрыто</text:p></table:covered-table-cell><table:table-cell><text:p>Б</text:p><text:p>В</text:p></table:table-cell></table:table-row>
            <table:table-row><table:table-cell/><table:table-cell><text:p>Г</text:p></table:table-cell></table:table-row></table:table>"#;
        assert_eq!(text_of(body), "Текст дальше.\n\nА\tБ В\nГ");
    }

    #[test]
    fn huge_space_counts_are_capped() {
        let text = text_of(r#"<text:p>a<text:s text:c="4000000000"/>b</text:p>"#);
        assert_eq!(text.len(), MAX_SPACES + 2);
    }

    #[test]
    fn title_comes_from_meta() {
        let bytes = build_odt("<text:p>Текст</text:p>", Some("Договор о дружбе"));
        let extracted = read(&bytes, &Limits::default()).unwrap();
        assert_eq!((extracted.format, extracted.title.as_deref()), (Format::Odt, Some("Договор о дружбе")));
        assert_eq!(extracted.date, None);
    }

    #[test]
    fn an_odt_without_text_has_no_text() {
        let bytes = build_odt("<text:p/><text:p>   </text:p>", None);
        assert_eq!(read(&bytes, &Limits::default()), Err(ReadError::NoText { format: "odt" }));
    }
}

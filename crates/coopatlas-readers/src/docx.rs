//! DOCX (Office Open XML word processing): the text of the main document part.
//!
//! Paragraphs (`w:p`) are separated by blank lines, like every reader's paragraphs; `w:t`
//! runs are kept as written, `w:tab` is a tab and `w:br`/`w:cr` a line break. Tables come out
//! row by row: cells separated by tabs, one row a line. Deleted text of tracked changes,
//! field instructions and the fallback copies of `mc:AlternateContent` are left out (the
//! fallback repeats the text box it stands in for). Headers, footers, footnotes and comments
//! live in other parts and are not read.
//!
//! Names are matched by local name: the `w` prefix is a convention, not a rule.
//! The document's date is not taken from `dcterms:created`/`dcterms:modified`: those say when
//! a file was saved, not when the text was published.

use quick_xml::events::Event;

use crate::builder::{Break, TextBuilder};
use crate::xml::{PartEvents, first_element_text, resolve_reference};
use crate::zip_guard::{Archive, xml_text};
use crate::{Extracted, Format, Limits, ReadError};

const FORMAT: &str = "docx";

/// Elements whose whole subtree holds no text of the document as it reads now.
const SKIPPED: &[&str] = &[
    "Fallback",     // mc:Fallback, a copy of the mc:Choice before it
    "delText",      // deleted text (tracked changes)
    "delInstrText", // deleted field instruction
    "instrText",    // field instruction: HYPERLINK "...", PAGE, TOC \o ...
    "moveFrom",     // moved text, present again at its new place (w:moveTo)
    "rPr",
    "pPr",
    "sectPr",
    "tblPr",
    "trPr",
    "tcPr",
    "binData",
];

pub(crate) fn read(bytes: &[u8], limits: &Limits) -> Result<Extracted, ReadError> {
    let mut archive = Archive::open(bytes, limits, FORMAT)?;
    let Some(part) = archive.docx_main_part()? else {
        return Err(ReadError::Malformed { format: FORMAT, reason: "no word/document.xml".to_owned() });
    };
    let document =
        archive.read(&part)?.ok_or_else(|| ReadError::Malformed { format: FORMAT, reason: format!("no {part}") })?;
    let (text, warnings) = document_text(&xml_text(&document))?;
    if text.is_empty() {
        return Err(ReadError::NoText { format: FORMAT });
    }
    let title = match archive.read_small("docProps/core.xml") {
        Ok(Some(core)) => first_element_text(&xml_text(&core), "title"),
        Ok(None) => None,
        // The text is there; a broken metadata part costs only the title.
        Err(error) => {
            tracing::debug!(%error, "docProps/core.xml unreadable");
            None
        }
    };
    Ok(Extracted { format: Format::Docx, text, title, date: None, pages: Vec::new(), encoding: None, warnings })
}

/// The text of `word/document.xml`, and warnings.
fn document_text(xml: &str) -> Result<(String, Vec<String>), ReadError> {
    let mut events = PartEvents::new(xml, FORMAT, "document.xml");
    let mut builder = TextBuilder::new();
    let mut warnings = Vec::new();
    let mut in_text = false;
    let mut runs = 0usize;
    let mut cells = 0usize;
    while let Some(event) = events.next(!builder.is_empty(), &mut warnings)? {
        match event {
            Event::Start(element) => match element.local_name().as_ref() {
                name if SKIPPED.contains(&name) => events.skip_current(),
                "t" => in_text = true,
                "r" => runs += 1,
                "tc" => cells += 1,
                _ => {}
            },
            Event::End(element) => match element.local_name().as_ref() {
                "t" => in_text = false,
                "r" => runs = runs.saturating_sub(1),
                "p" => builder.brk(if cells > 0 { Break::Space } else { Break::Paragraph }),
                "tc" => {
                    cells = cells.saturating_sub(1);
                    builder.brk(Break::Tab);
                }
                "tr" => builder.brk(Break::Line),
                "tbl" => builder.brk(if cells > 0 { Break::Line } else { Break::Paragraph }),
                _ => {}
            },
            Event::Empty(element) => match element.local_name().as_ref() {
                "p" => builder.brk(if cells > 0 { Break::Space } else { Break::Paragraph }),
                // w:tab also sets tab stops in paragraph properties: only a tab in a run is text.
                "tab" | "ptab" if runs > 0 => builder.brk(Break::Tab),
                "br" | "cr" if runs > 0 => builder.brk(Break::Line),
                "noBreakHyphen" if runs > 0 => builder.push_char('-'),
                "tc" => builder.brk(Break::Tab),
                _ => {}
            },
            Event::Text(content) if in_text => builder.push_raw(&content.xml10_content()),
            Event::CData(content) if in_text => builder.push_raw(&content),
            Event::GeneralRef(reference) if in_text => {
                if let Some(text) = resolve_reference(&reference) {
                    builder.push_raw(&text);
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

    const NAMESPACES: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

    /// A DOCX with this body (the inside of `w:body`) and, if given, this title.
    pub(crate) fn build_docx(body: &str, title: Option<&str>) -> Vec<u8> {
        let document = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NAMESPACES}><w:body>{body}</w:body></w:document>"#
        );
        let types = r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
        let mut entries: Vec<(&str, Vec<u8>)> =
            vec![("[Content_Types].xml", types.as_bytes().to_vec()), ("word/document.xml", document.into_bytes())];
        if let Some(title) = title {
            let core = format!(
                r#"<?xml version="1.0"?><cp:coreProperties xmlns:cp="x" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"><dc:title>{title}</dc:title><dcterms:created>2020-01-02T00:00:00Z</dcterms:created></cp:coreProperties>"#
            );
            entries.push(("docProps/core.xml", core.into_bytes()));
        }
        let entries: Vec<(&str, &[u8])> = entries.iter().map(|(name, content)| (*name, content.as_slice())).collect();
        build_zip(&entries, false)
    }

    fn text_of(body: &str) -> String {
        read(&build_docx(body, None), &Limits::default()).unwrap().text
    }

    #[test]
    fn paragraphs_runs_tabs_and_breaks() {
        let body = r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>
            <w:r><w:t xml:space="preserve">Псковская область </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>и Тарту</w:t></w:r></w:p>
            <w:p/><w:p></w:p>
            <w:p><w:r><w:t>Стороны</w:t><w:tab/><w:t>договорились:</w:t><w:br/><w:t>A &amp; B &#x2014; C</w:t></w:r></w:p>"#;
        assert_eq!(text_of(body), "Псковская область и Тарту\n\nСтороны\tдоговорились:\nA & B \u{2014} C");
    }

    #[test]
    fn tables_come_out_row_by_row() {
        let body = r#"<w:p><w:r><w:t>Before</w:t></w:r></w:p><w:tbl><w:tblPr/>
            <w:tr><w:tc><w:p><w:r><w:t>Регион</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Партнёр</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:p><w:r><w:t>Псков</w:t></w:r></w:p><w:p><w:r><w:t>область</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Тарту</w:t></w:r></w:p></w:tc></w:tr>
            </w:tbl><w:p><w:r><w:t>After</w:t></w:r></w:p>"#;
        assert_eq!(text_of(body), "Before\n\nРегион\tПартнёр\nПсков область\tТарту\n\nAfter");
    }

    #[test]
    fn deleted_text_field_codes_and_fallbacks_are_left_out() {
        let body = r#"<w:p><w:del><w:r><w:delText>старый </w:delText></w:r></w:del><w:ins><w:r><w:t>новый</w:t></w:r></w:ins>
            <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "http://x" </w:instrText></w:r>
            <w:r><w:t xml:space="preserve"> текст</w:t></w:r>
            <mc:AlternateContent><mc:Choice Requires="wps"><w:r><w:t xml:space="preserve"> в рамке</w:t></w:r></mc:Choice>
            <mc:Fallback><w:r><w:t> в рамке</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>"#;
        assert_eq!(text_of(body), "новый текст в рамке");
    }

    #[test]
    fn title_comes_from_core_properties_and_no_date_is_taken() {
        let bytes = build_docx("<w:p><w:r><w:t>Текст</w:t></w:r></w:p>", Some("Соглашение &amp; протокол"));
        let extracted = read(&bytes, &Limits::default()).unwrap();
        assert_eq!(extracted.format, Format::Docx);
        assert_eq!(extracted.title.as_deref(), Some("Соглашение & протокол"));
        assert_eq!(extracted.date, None);
        assert_eq!(extracted.encoding, None);
    }

    #[test]
    fn a_docx_without_text_has_no_text() {
        let bytes = build_docx("<w:p/><w:p><w:r><w:t>  </w:t></w:r></w:p>", None);
        assert_eq!(read(&bytes, &Limits::default()), Err(ReadError::NoText { format: "docx" }));
    }

    #[test]
    fn broken_xml_is_malformed_or_keeps_the_text_before_the_damage() {
        assert!(matches!(document_text("<w:document><w:body><w:p></w:r>"), Err(ReadError::Malformed { .. })));
        let (text, warnings) =
            document_text("<w:document><w:body><w:p><w:r><w:t>Начало</w:t></w:r></w:p><w:p></w:tbl>").unwrap();
        assert_eq!(text, "Начало");
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn a_zip_without_a_document_part_is_malformed() {
        let bytes = build_zip(&[("word/styles.xml", b"<w:styles/>")], false);
        assert!(matches!(read(&bytes, &Limits::default()), Err(ReadError::Malformed { format: "docx", .. })));
    }
}

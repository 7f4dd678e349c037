//! PDF: the text layer, page by page, with pdf-extract (lopdf underneath).
//!
//! pdf-extract panics on some fonts and damaged files and can loop for a long time on
//! others, so it runs in a thread of its own under `catch_unwind`, and the caller waits at
//! most `Limits::pdf_timeout`. A thread that runs past the limit cannot be stopped from the
//! outside in Rust: it is abandoned, keeps its copy of the bytes, and ends when pdf-extract
//! returns (or with the process). Each page is also extracted under its own `catch_unwind`,
//! so a font that breaks one page costs that page, not the document.
//!
//! Pages are joined with a blank line ("\n\n"), like paragraphs, rather than a form feed:
//! the sentence splitter and the snippets downstream treat a blank line as a boundary
//! already, and `Extracted::pages` keeps the exact byte range of every page.
//!
//! pdf-extract and lopdf report through the `log` crate (not `tracing`) and print nothing
//! themselves; a caught panic is still printed to stderr by the process's panic hook.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

use pdf_extract::{Document, Object, OutputError, PlainTextOutput};

use crate::builder::tidy;
use crate::{Extracted, Format, Limits, ReadError};

const FORMAT: &str = "pdf";

/// Stack of the extraction thread: lopdf and pdf-extract recurse over nested objects and
/// content streams; a generous stack turns deep nesting into an error instead of an abort.
const THREAD_STACK: usize = 64 * 1024 * 1024;

/// Text of one page, or why it could not be had.
type PageResult = Result<String, String>;

#[derive(Debug)]
struct Pages {
    pages: Vec<PageResult>,
    title: Option<String>,
}

pub(crate) fn read(bytes: &[u8], limits: &Limits) -> Result<Extracted, ReadError> {
    let bytes: Arc<[u8]> = Arc::from(bytes);
    let pages = run_with_timeout(move || extract(&bytes), limits.pdf_timeout)?;
    assemble(pages)
}

/// Runs `work` in a thread of its own under `catch_unwind`, waiting at most `timeout`.
fn run_with_timeout<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, String> + Send + 'static,
    timeout: Duration,
) -> Result<T, ReadError> {
    let (sender, receiver) = mpsc::sync_channel(1);
    let spawned =
        std::thread::Builder::new().name(crate::PDF_THREAD_NAME.to_owned()).stack_size(THREAD_STACK).spawn(move || {
            let result = catch_unwind(AssertUnwindSafe(work))
                .unwrap_or_else(|_| Err("the PDF parser failed on this file".to_owned()));
            // The receiver is gone when the caller gave up waiting: nothing left to do.
            let _ = sender.send(result);
        });
    if let Err(error) = spawned {
        return Err(ReadError::Malformed {
            format: FORMAT,
            reason: format!("cannot start the reader thread: {error}"),
        });
    }
    match receiver.recv_timeout(timeout) {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(reason)) => Err(ReadError::Malformed { format: FORMAT, reason }),
        Err(mpsc::RecvTimeoutError::Timeout) => {
            // The thread is abandoned, see the module documentation.
            tracing::warn!(?timeout, "PDF extraction abandoned");
            Err(ReadError::Timeout { format: FORMAT, seconds: timeout.as_secs() })
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Err(ReadError::Malformed { format: FORMAT, reason: "the PDF reader thread died".to_owned() })
        }
    }
}

/// Loads the document and extracts every page. Runs in the extraction thread.
///
/// Pages are extracted one by one with `output_doc_page` rather than with
/// `extract_text_from_mem_by_pages`, which stops at the first page that fails and loses the
/// rest, and loses everything when one page panics.
fn extract(bytes: &[u8]) -> Result<Pages, String> {
    let mut document = Document::load_mem(bytes).map_err(|error| error.to_string())?;
    if document.is_encrypted() {
        // Many PDFs are encrypted with an empty user password (print or copy restrictions
        // only); those open without asking anyone.
        document.decrypt("").map_err(|_| "encrypted, a password is needed".to_owned())?;
    }
    let numbers: Vec<u32> = document.get_pages().keys().copied().collect();
    if numbers.is_empty() {
        return Err("no pages".to_owned());
    }
    let pages = numbers
        .into_iter()
        .map(|number| {
            let page = catch_unwind(AssertUnwindSafe(|| page_text(&document, number)));
            match page {
                Ok(Ok(text)) => Ok(text),
                Ok(Err(error)) => Err(format!("page {number}: {error}")),
                Err(_) => Err(format!("page {number}: the PDF parser failed on this page")),
            }
        })
        .collect();
    Ok(Pages { pages, title: info_title(&document) })
}

fn page_text(document: &Document, number: u32) -> Result<String, OutputError> {
    let mut text = String::new();
    let mut output = PlainTextOutput::new(&mut text);
    pdf_extract::output_doc_page(document, &mut output, number)?;
    Ok(text)
}

/// Joins the pages, recording each page's range.
fn assemble(extracted: Pages) -> Result<Extracted, ReadError> {
    let mut text = String::new();
    let mut pages = Vec::with_capacity(extracted.pages.len());
    let mut warnings = Vec::new();
    let mut failures = 0;
    let mut first_failure = None;
    for page in &extracted.pages {
        let page_text = match page {
            Ok(page_text) => tidy(page_text),
            Err(reason) => {
                tracing::debug!(%reason, "PDF page unreadable");
                failures += 1;
                first_failure.get_or_insert_with(|| reason.clone());
                warnings.push(reason.clone());
                String::new()
            }
        };
        if !page_text.is_empty() && !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(&page_text);
        pages.push(start..text.len());
    }
    if failures == extracted.pages.len() {
        return Err(ReadError::Malformed {
            format: FORMAT,
            reason: first_failure.unwrap_or_else(|| "no readable page".to_owned()),
        });
    }
    if text.is_empty() {
        // Pages there, text not: a scan without a text layer.
        return Err(ReadError::NoText { format: FORMAT });
    }
    Ok(Extracted { format: Format::Pdf, text, title: extracted.title, date: None, pages, encoding: None, warnings })
}

/// `/Title` of the document information dictionary, unless it is empty or a file name
/// ("Microsoft Word - Документ1.docx").
fn info_title(document: &Document) -> Option<String> {
    let info = document.trailer.get(b"Info").ok()?;
    let info = match info {
        Object::Reference(id) => document.get_object(*id).ok()?,
        other => other,
    };
    let Object::String(bytes, _) = info.as_dict().ok()?.get(b"Title").ok()? else {
        return None;
    };
    let title = decode_text_string(bytes);
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    let lower = title.to_lowercase();
    let file_name = [".doc", ".docx", ".rtf", ".odt", ".pdf", ".indd", ".xls", ".xlsx", ".ppt", ".pptx", ".tmp"]
        .iter()
        .any(|extension| lower.ends_with(extension));
    let placeholder = matches!(lower.as_str(), "untitled" | "без названия" | "документ1" | "document1");
    (!title.is_empty() && !file_name && !placeholder && !lower.starts_with("microsoft word -")).then_some(title)
}

/// A PDF text string: UTF-16BE with its BOM, UTF-8 with its BOM (PDF 2.0), else
/// PDFDocEncoding, which Windows-1252 matches for the letters.
fn decode_text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return encoding_rs::UTF_16BE.decode_without_bom_handling(rest).0.into_owned();
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8_lossy(rest).into_owned();
    }
    encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A minimal PDF with one page per string, Helvetica, each string drawn on one line;
    /// with `title`, an Info dictionary. The cross-reference table has correct offsets.
    pub(crate) fn build_pdf(pages: &[&str], title: Option<&str>) -> Vec<u8> {
        let mut objects: Vec<String> = Vec::new();
        let page_count = pages.len();
        // 1: catalog, 2: pages, 3: font, then per page a page object and a content stream.
        objects.push("<< /Type /Catalog /Pages 2 0 R >>".to_owned());
        let kids: Vec<String> = (0..page_count).map(|index| format!("{} 0 R", 4 + index * 2)).collect();
        objects.push(format!("<< /Type /Pages /Kids [{}] /Count {page_count} >>", kids.join(" ")));
        objects.push("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_owned());
        for (index, text) in pages.iter().enumerate() {
            let content =
                if text.is_empty() { String::new() } else { format!("BT /F1 12 Tf 72 720 Td ({text}) Tj ET") };
            objects.push(format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
                5 + index * 2
            ));
            objects.push(format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()));
        }
        let info = title.map(|title| {
            objects.push(format!("<< /Title ({title}) >>"));
            objects.len()
        });
        let mut pdf = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (index, object) in objects.iter().enumerate() {
            offsets.push(pdf.len());
            pdf.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", index + 1).as_bytes());
        }
        let xref = pdf.len();
        pdf.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
        for offset in offsets {
            pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
        }
        let info = info.map(|id| format!(" /Info {id} 0 R")).unwrap_or_default();
        pdf.extend_from_slice(
            format!("trailer\n<< /Size {} /Root 1 0 R{info} >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1)
                .as_bytes(),
        );
        pdf
    }

    fn limits() -> Limits {
        Limits::default()
    }

    #[test]
    fn pages_are_extracted_with_their_ranges() {
        let bytes = build_pdf(&["Pskov and Tartu", "", "signed an agreement"], Some("Twin cities"));
        let extracted = read(&bytes, &limits()).unwrap();
        assert_eq!(extracted.format, Format::Pdf);
        assert_eq!(extracted.text, "Pskov and Tartu\n\nsigned an agreement");
        assert_eq!(extracted.pages.len(), 3);
        assert_eq!(&extracted.text[extracted.pages[0].clone()], "Pskov and Tartu");
        assert!(extracted.pages[1].is_empty());
        assert_eq!(&extracted.text[extracted.pages[2].clone()], "signed an agreement");
        assert_eq!(extracted.title.as_deref(), Some("Twin cities"));
    }

    #[test]
    fn a_pdf_without_a_text_layer_has_no_text() {
        let bytes = build_pdf(&["", ""], None);
        assert_eq!(read(&bytes, &limits()), Err(ReadError::NoText { format: "pdf" }));
    }

    #[test]
    fn truncated_and_garbage_pdfs_are_malformed() {
        let bytes = build_pdf(&["Pskov"], None);
        for cut in [9, 40, bytes.len() / 2] {
            assert!(
                matches!(read(&bytes[..cut], &limits()), Err(ReadError::Malformed { format: "pdf", .. })),
                "cut at {cut}"
            );
        }
        assert!(matches!(read(b"%PDF-1.7\n\xff\xfe garbage", &limits()), Err(ReadError::Malformed { .. })));
    }

    #[test]
    fn slow_work_times_out_and_panics_are_caught() {
        let slow = || {
            std::thread::sleep(Duration::from_secs(3));
            Ok(())
        };
        assert_eq!(
            run_with_timeout(slow, Duration::from_millis(50)),
            Err(ReadError::Timeout { format: "pdf", seconds: 0 })
        );
        let broken = || -> Result<(), String> { panic!("font table out of range") };
        assert!(matches!(
            run_with_timeout(broken, Duration::from_secs(5)),
            Err(ReadError::Malformed { format: "pdf", .. })
        ));
        assert_eq!(run_with_timeout(|| Ok(7), Duration::from_secs(5)), Ok(7));
    }

    #[test]
    fn titles_that_are_file_names_are_dropped() {
        let bytes = build_pdf(&["x"], Some("Microsoft Word - Dogovor.docx"));
        assert_eq!(read(&bytes, &limits()).unwrap().title, None);
        assert_eq!(decode_text_string(b"\xFE\xFF\x04\x1C\x04\x38\x04\x40"), "Мир");
    }
}

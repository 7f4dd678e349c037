//! Format detection by content.
//!
//! Magic bytes decide; the extension only tells Markdown from plain text, and lets a file
//! named `.html` whose markup does not start at the top still be read as HTML. A file whose
//! extension names another format is read by content, with a warning.

use crate::zip_guard::Archive;
use crate::{Format, Limits, ReadError};

/// How far into the file a PDF header may start (Acrobat accepts junk before it).
const PDF_HEADER_WINDOW: usize = 1024;
/// How many leading bytes the binary test looks at.
const BINARY_SAMPLE: usize = 64 * 1024;
/// How many leading characters the HTML test looks at.
const HTML_WINDOW: usize = 4096;

/// Signatures of common non-document files, checked before the text tests so that an image
/// is reported as binary rather than as text in some single-byte encoding.
const BINARY_MAGIC: &[&[u8]] = &[
    b"\x89PNG\r\n\x1a\n",
    b"\xFF\xD8\xFF", // JPEG
    b"GIF87a",
    b"GIF89a",
    b"\x1F\x8B",                         // gzip
    b"BZh",                              // bzip2 (followed by a block-size digit, checked below)
    b"\xFD7zXZ\x00",                     // xz
    b"\x28\xB5\x2F\xFD",                 // zstd
    b"7z\xBC\xAF\x27\x1C",               // 7-Zip
    b"Rar!\x1A\x07",                     // RAR
    b"PK\x05\x06",                       // empty zip
    b"PK\x07\x08",                       // spanned zip
    b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", // OLE2: legacy .doc/.xls/.ppt
    b"\x7FELF",
    b"MZ\x90\x00", // Windows executable
    b"II*\x00",    // TIFF
    b"MM\x00*",
    b"OggS",
    b"ID3",                  // MP3
    b"\x00\x00\x00\x18ftyp", // MP4
    b"\x00\x00\x00\x20ftyp",
    b"\x00asm", // WebAssembly
];

const ODT_MIMETYPE: &str = "application/vnd.oasis.opendocument.text";
const DOCX_MAIN_CONTENT_TYPE: &str = "wordprocessingml.document.main+xml";

/// Detects the format of `bytes`; `extension` is lowercase, without a dot.
pub(crate) fn detect(bytes: &[u8], extension: Option<&str>, limits: &Limits) -> Result<Format, ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    let head = &bytes[..bytes.len().min(PDF_HEADER_WINDOW)];
    if find(head, b"%PDF-").is_some() {
        return Ok(Format::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return detect_zip(bytes, extension, limits);
    }
    let start = skip_bom_and_whitespace(bytes);
    if bytes[start..].starts_with(b"{\\rtf") {
        return Ok(Format::Rtf);
    }
    if is_binary_magic(bytes) {
        return Err(ReadError::Binary);
    }
    // UTF-16 is text with NULs in it: decode a prefix to look for markup.
    let utf16 = encoding_rs::Encoding::for_bom(bytes)
        .map(|(encoding, _)| encoding)
        .filter(|encoding| *encoding != encoding_rs::UTF_8)
        .or_else(|| crate::text::utf16_without_bom(bytes));
    let prefix = match utf16 {
        Some(encoding) => {
            let sample = &bytes[..bytes.len().min(HTML_WINDOW * 2)];
            encoding.decode_with_bom_removal(sample).0.into_owned()
        }
        None => {
            if looks_binary(bytes) {
                return Err(ReadError::Binary);
            }
            // Markup is ASCII in every encoding that is not UTF-16, so a lossy view of the
            // prefix is enough to find it.
            let sample = &bytes[start..bytes.len().min(start + HTML_WINDOW)];
            String::from_utf8_lossy(sample).into_owned()
        }
    };
    if prefix.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    let markdown = matches!(extension, Some("md" | "markdown"));
    match html_evidence(&prefix) {
        HtmlEvidence::Strong => return Ok(Format::Html),
        HtmlEvidence::Weak if !markdown => return Ok(Format::Html),
        HtmlEvidence::Weak | HtmlEvidence::Tags if matches!(extension, Some("html" | "htm" | "xhtml")) => {
            return Ok(Format::Html);
        }
        _ => {}
    }
    Ok(if markdown { Format::Markdown } else { Format::Text })
}

/// The format an extension promises, for the mismatch warning.
fn format_of_extension(extension: &str) -> Option<Format> {
    Some(match extension {
        "txt" | "text" => Format::Text,
        "md" | "markdown" => Format::Markdown,
        "html" | "htm" | "xhtml" => Format::Html,
        "pdf" => Format::Pdf,
        "docx" => Format::Docx,
        "odt" => Format::Odt,
        "rtf" => Format::Rtf,
        _ => return None,
    })
}

/// "extension .txt, content is pdf" when the name and the content disagree.
pub(crate) fn extension_warning(extension: Option<&str>, format: Format) -> Option<String> {
    let extension = extension?;
    let promised = format_of_extension(extension)?;
    if promised == format {
        return None;
    }
    Some(format!("extension .{extension}, content is {}", format.as_str()))
}

fn detect_zip(bytes: &[u8], extension: Option<&str>, limits: &Limits) -> Result<Format, ReadError> {
    // Name the error after what the file claims to be, if it claims a zip-based format.
    let claimed = match extension {
        Some("docx") => "docx",
        Some("odt") => "odt",
        _ => "zip",
    };
    let mut archive = Archive::open(bytes, limits, claimed)?;
    if archive.contains("word/document.xml") {
        return Ok(Format::Docx);
    }
    if archive.contains("mimetype") {
        let mimetype = archive.read_small("mimetype")?.unwrap_or_default();
        let mimetype = String::from_utf8_lossy(&mimetype);
        let mimetype = mimetype.trim();
        if mimetype == ODT_MIMETYPE {
            return Ok(Format::Odt);
        }
        if !mimetype.is_empty() {
            return Err(ReadError::Malformed {
                format: claimed,
                reason: format!("archive holds {mimetype}, not a text document"),
            });
        }
    }
    if archive.contains("content.xml") && archive.contains("META-INF/manifest.xml") {
        let manifest = archive.read_small("META-INF/manifest.xml")?.unwrap_or_default();
        if find(&manifest, ODT_MIMETYPE.as_bytes()).is_some() {
            return Ok(Format::Odt);
        }
    }
    // A DOCX whose main part has another name: [Content_Types].xml says which part it is.
    if archive.docx_main_part()?.is_some() {
        return Ok(Format::Docx);
    }
    Err(ReadError::Malformed {
        format: claimed,
        reason: "zip archive is neither a DOCX nor an ODT document".to_owned(),
    })
}

impl Archive<'_> {
    /// The main document part of a DOCX: `word/document.xml`, or the part that
    /// `[Content_Types].xml` marks as the main document.
    pub(crate) fn docx_main_part(&mut self) -> Result<Option<String>, ReadError> {
        if self.contains("word/document.xml") {
            return Ok(Some("word/document.xml".to_owned()));
        }
        let Some(types) = self.read_small("[Content_Types].xml")? else {
            return Ok(None);
        };
        let types = String::from_utf8_lossy(&types);
        let Some(at) = types.find(DOCX_MAIN_CONTENT_TYPE) else {
            return Ok(None);
        };
        // The Override element around the content type carries PartName="/word/x.xml".
        let element_start = types[..at].rfind('<').unwrap_or(0);
        let element_end = types[at..].find('>').map_or(types.len(), |end| at + end);
        let element = &types[element_start..element_end];
        let Some(name_at) = element.find("PartName=") else {
            return Ok(None);
        };
        let rest = &element[name_at + "PartName=".len()..];
        let quote = rest.chars().next().filter(|quote| matches!(quote, '"' | '\''));
        let Some(quote) = quote else { return Ok(None) };
        let rest = &rest[1..];
        let Some(end) = rest.find(quote) else {
            return Ok(None);
        };
        let part = rest[..end].trim_start_matches('/').to_owned();
        Ok(self.contains(&part).then_some(part))
    }
}

fn is_binary_magic(bytes: &[u8]) -> bool {
    BINARY_MAGIC.iter().any(|magic| {
        bytes.starts_with(magic)
            && (*magic != b"BZh" || bytes.get(3).is_some_and(|digit| (b'1'..=b'9').contains(digit)))
    }) || (bytes.starts_with(b"RIFF")
        && bytes.get(8..12).is_some_and(|kind| kind == b"WEBP" || kind == b"WAVE" || kind == b"AVI "))
}

/// NUL bytes (UTF-16 was ruled out before) or more than one byte in twenty being a control
/// character that text does not use.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(BINARY_SAMPLE)];
    if sample.contains(&0) {
        return true;
    }
    let controls = sample
        .iter()
        .filter(|byte| {
            (**byte < 0x20 && !matches!(byte, b'\t' | b'\n' | b'\r' | b'\x0c' | b'\x1a' | b'\x1b')) || **byte == 0x7f
        })
        .count();
    controls * 20 > sample.len()
}

fn skip_bom_and_whitespace(bytes: &[u8]) -> usize {
    let start = if bytes.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
    start + bytes[start..].iter().take_while(|byte| byte.is_ascii_whitespace()).count()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

#[derive(Debug, PartialEq, Eq)]
enum HtmlEvidence {
    /// Starts with a doctype or `<html>`, possibly after comments or an XML declaration.
    Strong,
    /// Starts with a tag that only HTML uses (`<head>`, `<body>`, `<p>`, `<div>`...).
    Weak,
    /// Has HTML tags somewhere near the start, but does not start with one.
    Tags,
    None,
}

/// Tags that, at the very start of a file, make it HTML.
const LEADING_TAGS: &[&str] = &[
    "head",
    "body",
    "meta",
    "title",
    "link",
    "style",
    "script",
    "base",
    "div",
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "ul",
    "ol",
    "section",
    "article",
    "main",
    "header",
    "nav",
    "span",
    "br",
    "a",
    "font",
    "center",
    "b",
    "i",
    "blockquote",
    "pre",
];

fn html_evidence(prefix: &str) -> HtmlEvidence {
    let lower = prefix.trim_start_matches('\u{feff}').to_ascii_lowercase();
    let mut rest = lower.trim_start();
    loop {
        if let Some(after) = rest.strip_prefix("<!--") {
            let Some(end) = after.find("-->") else {
                return HtmlEvidence::None;
            };
            rest = after[end + 3..].trim_start();
        } else if rest.starts_with("<?xml") {
            let Some(end) = rest.find("?>") else {
                return HtmlEvidence::None;
            };
            rest = rest[end + 2..].trim_start();
        } else {
            break;
        }
    }
    if rest.starts_with("<!doctype html") || starts_with_tag(rest, "html") {
        return HtmlEvidence::Strong;
    }
    if LEADING_TAGS.iter().any(|tag| starts_with_tag(rest, tag)) {
        return HtmlEvidence::Weak;
    }
    let has_tags =
        ["<p>", "<p ", "<br", "<div", "</p>", "</a>", "<a href", "<h1", "<h2", "<table", "<li>", "<b>", "<i>"]
            .iter()
            .any(|tag| rest.contains(tag));
    if has_tags { HtmlEvidence::Tags } else { HtmlEvidence::None }
}

/// `<tag` followed by the end of the name (`>`, `/`, whitespace).
fn starts_with_tag(text: &str, tag: &str) -> bool {
    text.strip_prefix('<')
        .and_then(|rest| rest.strip_prefix(tag))
        .and_then(|rest| rest.chars().next())
        .is_some_and(|next| next == '>' || next == '/' || next.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sniff(bytes: &[u8], extension: Option<&str>) -> Result<Format, ReadError> {
        detect(bytes, extension, &Limits::default())
    }

    #[test]
    fn magic_bytes_decide() {
        assert_eq!(sniff(b"%PDF-1.7\n", Some("txt")), Ok(Format::Pdf));
        assert_eq!(sniff(b"junk before the header %PDF-1.4\n", None), Ok(Format::Pdf));
        assert_eq!(sniff(b"{\\rtf1\\ansi hello}", None), Ok(Format::Rtf));
        assert_eq!(sniff(b"\xEF\xBB\xBF {\\rtf1 hello}", None), Ok(Format::Rtf));
    }

    #[test]
    fn html_is_found_by_its_start() {
        let cases: &[(&str, Option<&str>, Format)] = &[
            ("<!DOCTYPE html><p>x", None, Format::Html),
            ("\u{feff}  <HTML lang=ru>", Some("txt"), Format::Html),
            ("<!-- saved from url --> \n<!doctype html>", None, Format::Html),
            ("<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">", None, Format::Html),
            ("<head><title>x</title></head>", None, Format::Html),
            ("<p>Абзац</p>", None, Format::Html),
            ("<div align=center>logo</div>\n# Readme", Some("md"), Format::Markdown),
            ("Text with <b>bold</b> inside", Some("html"), Format::Html),
            ("Text with <b>bold</b> inside", Some("txt"), Format::Text),
            ("<protocol> is not a tag we know", None, Format::Text),
            ("# Заголовок", Some("md"), Format::Markdown),
            ("# Заголовок", Some("markdown"), Format::Markdown),
            ("Просто текст", None, Format::Text),
        ];
        for (input, extension, expected) in cases {
            assert_eq!(sniff(input.as_bytes(), *extension), Ok(*expected), "{input}");
        }
    }

    #[test]
    fn utf16_html_is_html() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend("<!DOCTYPE html><p>Псков</p>".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(sniff(&bytes, None), Ok(Format::Html));
        let without_bom: Vec<u8> =
            "<html><body><p>Pskov and Tartu</p></body></html>".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(sniff(&without_bom, None), Ok(Format::Html));
    }

    #[test]
    fn binary_and_empty_content_is_refused() {
        assert_eq!(sniff(b"", None), Err(ReadError::Empty));
        assert_eq!(sniff(b" \n\t\r\n", Some("txt")), Err(ReadError::Empty));
        assert_eq!(sniff(b"\xEF\xBB\xBF\n", Some("txt")), Err(ReadError::Empty));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", Some("txt")), Err(ReadError::Binary));
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0\0\x10JFIF", None), Err(ReadError::Binary));
        assert_eq!(sniff(b"GIF89a\x01\0", None), Err(ReadError::Binary));
        assert_eq!(sniff(b"\x1F\x8B\x08\0", None), Err(ReadError::Binary));
        assert_eq!(sniff(b"some text\0with a NUL", None), Err(ReadError::Binary));
        assert_eq!(sniff(b"\x01\x02\x03\x04\x05 abc \x06\x07\x08", None), Err(ReadError::Binary));
        assert_eq!(sniff(b"BZh is how the name starts", None), Ok(Format::Text));
    }

    #[test]
    fn mismatched_extensions_are_reported() {
        assert_eq!(extension_warning(Some("txt"), Format::Pdf).as_deref(), Some("extension .txt, content is pdf"));
        assert_eq!(extension_warning(Some("md"), Format::Markdown), None);
        assert_eq!(extension_warning(Some("csv"), Format::Text), None);
        assert_eq!(extension_warning(None, Format::Html), None);
    }
}

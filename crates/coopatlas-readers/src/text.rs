//! Plain text and Markdown, and the character-encoding detection every text format shares.
//!
//! Order of evidence: a byte order mark; the NUL pattern of UTF-16 without one; valid UTF-8;
//! a label the document declares itself (HTML `<meta charset>`); last, chardetng's guess,
//! which tells Windows-1251 from KOI8-R and IBM866 on Russian text.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

use crate::builder::normalise_newlines;
use crate::{Extracted, Format, ReadError};

/// Text decoded from bytes, with what it was decoded from.
#[derive(Debug)]
pub(crate) struct Decoded {
    pub(crate) text: String,
    pub(crate) encoding: &'static Encoding,
    pub(crate) warnings: Vec<String>,
}

/// How many leading bytes the UTF-16 pattern test looks at.
const UTF16_SAMPLE: usize = 4096;

/// Decodes bytes of unknown encoding. `declared` is the document's own label, if any: it is
/// trusted over chardetng but not over valid UTF-8 (pages transcoded by a server keep their
/// old label).
pub(crate) fn decode(bytes: &[u8], declared: Option<&'static Encoding>) -> Decoded {
    let (encoding, body) = if let Some((encoding, bom_length)) = Encoding::for_bom(bytes) {
        (encoding, &bytes[bom_length..])
    } else if let Some(encoding) = utf16_without_bom(bytes) {
        (encoding, bytes)
    } else if std::str::from_utf8(bytes).is_ok() {
        (UTF_8, bytes)
    } else if let Some(encoding) = declared.filter(|encoding| {
        // A document in an ASCII-compatible encoding cannot declare itself UTF-16, and a
        // UTF-8 label on bytes that are not UTF-8 is wrong: let the detector decide.
        *encoding != UTF_8 && *encoding != UTF_16LE && *encoding != UTF_16BE
    }) {
        (encoding, bytes)
    } else {
        let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        detector.feed(bytes, true);
        (koi8_variant(detector.guess(None, chardetng::Utf8Detection::Deny), bytes), bytes)
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    let mut warnings = Vec::new();
    if had_errors {
        warnings.push(format!("invalid {} byte sequences replaced", encoding.name()));
    }
    tracing::debug!(encoding = encoding.name(), had_errors, "decoded text");
    Decoded { text: text.into_owned(), encoding, warnings }
}

/// chardetng names the KOI8 family KOI8-U, its superset. The two differ in eight byte values
/// only (Ukrainian letters in KOI8-U, box drawing in KOI8-R); without them the text is the
/// same in both, and Russian text is far more often labelled KOI8-R.
fn koi8_variant(guess: &'static Encoding, bytes: &[u8]) -> &'static Encoding {
    const UKRAINIAN: [u8; 8] = [0xA4, 0xA6, 0xA7, 0xAD, 0xB4, 0xB6, 0xB7, 0xBD];
    if guess == encoding_rs::KOI8_U && !bytes.iter().any(|byte| UKRAINIAN.contains(byte)) {
        encoding_rs::KOI8_R
    } else {
        guess
    }
}

/// Detects UTF-16 without a byte order mark by where its NUL bytes fall: ASCII characters
/// (and the space between Cyrillic words) have a zero high byte, so NULs gather on the odd
/// positions for little-endian and on the even ones for big-endian.
pub(crate) fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(UTF16_SAMPLE)];
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    // At least one character in ten with a zero high byte (Russian prose has a space every
    // seven or eight letters), and almost none on the other side.
    let clear = |zeros: usize, other: usize| zeros * 10 >= pairs && other * 20 <= zeros;
    let encoding = if clear(odd, even) {
        UTF_16LE
    } else if clear(even, odd) {
        UTF_16BE
    } else {
        return None;
    };
    // Text in one script has few distinct high bytes (0x00 and 0x04 for Russian); ASCII
    // bytes read as UTF-16 by mistake have high bytes all over the place.
    let mut high_bytes = [0usize; 256];
    for pair in sample.chunks_exact(2) {
        high_bytes[usize::from(if encoding == UTF_16LE { pair[1] } else { pair[0] })] += 1;
    }
    let most_common_other = high_bytes[1..].iter().copied().max().unwrap_or(0);
    if (high_bytes[0] + most_common_other) * 10 < pairs * 9 {
        return None;
    }
    // Binary data can have a lopsided NUL pattern too; real text decodes without unpaired
    // surrogates and with few control characters. A surrogate pair cut by the sample's end
    // is not an error.
    let mut length = pairs * 2;
    if sample.len() < bytes.len() {
        let last = &sample[length - 2..length];
        let unit = if encoding == UTF_16LE {
            u16::from_le_bytes([last[0], last[1]])
        } else {
            u16::from_be_bytes([last[0], last[1]])
        };
        if (0xD800..0xDC00).contains(&unit) {
            length -= 2;
        }
    }
    let (text, had_errors) = encoding.decode_without_bom_handling(&sample[..length]);
    let controls = text
        .chars()
        .filter(|character| character.is_control() && !matches!(character, '\t' | '\n' | '\r' | '\x0c'))
        .count();
    let characters = text.chars().count().max(1);
    if had_errors || controls * 20 > characters {
        return None;
    }
    Some(encoding)
}

/// Reads plain text or Markdown. The text is kept as it is, line endings aside.
pub(crate) fn read(bytes: &[u8], format: Format) -> Result<Extracted, ReadError> {
    let decoded = decode(bytes, None);
    let text = normalise_newlines(&decoded.text);
    if text.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    let (title, date) = match format {
        Format::Markdown => markdown_metadata(&text),
        _ => (None, None),
    };
    Ok(Extracted {
        format,
        text,
        title,
        date,
        pages: Vec::new(),
        encoding: Some(decoded.encoding.name()),
        warnings: decoded.warnings,
    })
}

/// Title and date of a Markdown document: the title is the first level-one ATX heading
/// (`# Title`) outside code blocks, else the front matter's `title:`; the date comes from the
/// front matter's `date:` only.
fn markdown_metadata(text: &str) -> (Option<String>, Option<String>) {
    let mut lines = text.lines().peekable();
    let mut front_title = None;
    let mut front_date = None;
    if lines.peek().is_some_and(|line| line.trim_end() == "---") {
        lines.next();
        for line in lines.by_ref() {
            let line = line.trim_end();
            if line == "---" || line == "..." {
                break;
            }
            if let Some((key, value)) = line.split_once(':') {
                let value = value.trim().trim_matches(|c| c == '"' || c == '\'').trim();
                match key.trim().to_ascii_lowercase().as_str() {
                    "title" if !value.is_empty() => front_title = Some(value.to_owned()),
                    "date" => front_date = crate::date::normalise(value),
                    _ => {}
                }
            }
        }
    }
    let mut fence: Option<&str> = None;
    for line in lines {
        let trimmed = line.trim_start();
        if let Some(open) = fence {
            if trimmed.starts_with(open) {
                fence = None;
            }
            continue;
        }
        if trimmed.starts_with("```") {
            fence = Some("```");
            continue;
        }
        if trimmed.starts_with("~~~") {
            fence = Some("~~~");
            continue;
        }
        // More than three spaces of indentation make a code block, not a heading.
        if line.len() - trimmed.len() > 3 {
            continue;
        }
        if let Some(heading) = trimmed.strip_prefix("# ") {
            let heading = heading.trim().trim_end_matches('#').trim();
            if !heading.is_empty() {
                return (Some(heading.to_owned()), front_date);
            }
        }
    }
    (front_title, front_date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(bytes: &[u8]) -> &'static str {
        decode(bytes, None).encoding.name()
    }

    const RUSSIAN: &str = "Правительство Калининградской области и Гродненский облисполком подписали \
        соглашение о сотрудничестве в торгово-экономической, научно-технической и культурной сферах.";

    #[test]
    fn boms_win() {
        let mut utf8 = b"\xEF\xBB\xBF".to_vec();
        utf8.extend_from_slice("Минск".as_bytes());
        let decoded = decode(&utf8, None);
        assert_eq!((decoded.encoding.name(), decoded.text.as_str()), ("UTF-8", "Минск"));

        let mut le = vec![0xFF, 0xFE];
        le.extend("Минск".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&le, None).text, "Минск");
        assert_eq!(name(&le), "UTF-16LE");

        let mut be = vec![0xFE, 0xFF];
        be.extend("Минск".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(&be, None).text, "Минск");
        assert_eq!(name(&be), "UTF-16BE");
    }

    #[test]
    fn utf16_without_bom_is_found_by_its_nul_pattern() {
        let le: Vec<u8> = RUSSIAN.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = RUSSIAN.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(name(&le), "UTF-16LE");
        assert_eq!(decode(&le, None).text, RUSSIAN);
        assert_eq!(name(&be), "UTF-16BE");
        let english: Vec<u8> = "Twin cities agreement".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(decode(&english, None).text, "Twin cities agreement");
    }

    #[test]
    fn legacy_cyrillic_encodings_are_told_apart() {
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(RUSSIAN);
        let (koi8, _, _) = encoding_rs::KOI8_R.encode(RUSSIAN);
        assert_eq!(name(&cp1251), "windows-1251");
        assert_eq!(decode(&cp1251, None).text, RUSSIAN);
        assert_eq!(name(&koi8), "KOI8-R");
        assert_eq!(decode(&koi8, None).text, RUSSIAN);
    }

    #[test]
    fn valid_utf8_beats_a_declared_label_and_a_declared_label_beats_the_guess() {
        assert_eq!(decode(RUSSIAN.as_bytes(), Some(encoding_rs::WINDOWS_1251)).encoding, UTF_8);
        let (koi8, _, _) = encoding_rs::KOI8_R.encode("Мир");
        assert_eq!(decode(&koi8, Some(encoding_rs::KOI8_R)).text, "Мир");
    }

    #[test]
    fn plain_text_keeps_its_text_and_normalises_line_endings() {
        let extracted = read("Строка 1\r\nСтрока 2\rСтрока 3\n".as_bytes(), Format::Text).unwrap();
        assert_eq!(extracted.text, "Строка 1\nСтрока 2\nСтрока 3\n");
        assert_eq!(extracted.encoding, Some("UTF-8"));
        assert_eq!(extracted.title, None);
        assert_eq!(read(b" \r\n\t ", Format::Text), Err(ReadError::Empty));
    }

    #[test]
    fn markdown_title_is_the_first_level_one_heading() {
        let markdown = "Intro line\n\n```\n# not a heading\n```\n## Sub\n# Pskov and Tartu #\n\ntext\n";
        let extracted = read(markdown.as_bytes(), Format::Markdown).unwrap();
        assert_eq!(extracted.title.as_deref(), Some("Pskov and Tartu"));
        assert_eq!(extracted.text, markdown);
    }

    #[test]
    fn markdown_front_matter_gives_a_fallback_title_and_a_date() {
        let markdown = "---\ntitle: \"Побратимы\"\ndate: 2024-03-05T10:00:00+03:00\n---\nТекст\n";
        let extracted = read(markdown.as_bytes(), Format::Markdown).unwrap();
        assert_eq!(extracted.title.as_deref(), Some("Побратимы"));
        assert_eq!(extracted.date.as_deref(), Some("2024-03-05"));
    }
}

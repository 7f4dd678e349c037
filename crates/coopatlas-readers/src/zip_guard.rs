//! Zip archives (DOCX, ODT) opened with a guard against zip bombs.
//!
//! The sizes in zip headers are written by whoever made the file, so none is trusted to be
//! small: every entry is read through [`Read::take`] with what is left of the budget, and
//! reading stops when the budget is spent (an entry that declares more than the budget is
//! refused at once). The entry count is checked against the end-of-central-directory
//! record before the directory is parsed, and again after.

use std::io::{Cursor, Read};

use zip::ZipArchive;
use zip::result::ZipError;

use crate::{Limits, ReadError};

/// Small parts read while sniffing (`mimetype`, `[Content_Types].xml`, the ODF manifest).
const SMALL_PART_LIMIT: u64 = 1024 * 1024;

pub(crate) struct Archive<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    /// Uncompressed bytes that may still be read.
    budget: u64,
    limit: u64,
    format: &'static str,
}

impl<'a> Archive<'a> {
    /// Opens an archive; `format` names it in errors ("docx", "odt", "zip").
    pub(crate) fn open(bytes: &'a [u8], limits: &Limits, format: &'static str) -> Result<Archive<'a>, ReadError> {
        if declared_entries(bytes).is_some_and(|entries| entries > limits.max_archive_entries) {
            return Err(ReadError::TooManyEntries { limit: limits.max_archive_entries });
        }
        let zip = ZipArchive::new(Cursor::new(bytes)).map_err(|error| malformed(format, &error))?;
        if zip.len() > limits.max_archive_entries {
            return Err(ReadError::TooManyEntries { limit: limits.max_archive_entries });
        }
        Ok(Archive { zip, budget: limits.max_uncompressed_bytes, limit: limits.max_uncompressed_bytes, format })
    }

    pub(crate) fn contains(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// Reads one entry; `None` when the archive has no such entry.
    pub(crate) fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, ReadError> {
        self.read_at_most(name, u64::MAX)
    }

    /// Reads one small entry, at most [`SMALL_PART_LIMIT`] bytes of it, within the budget.
    pub(crate) fn read_small(&mut self, name: &str) -> Result<Option<Vec<u8>>, ReadError> {
        self.read_at_most(name, SMALL_PART_LIMIT)
    }

    fn read_at_most(&mut self, name: &str, cap: u64) -> Result<Option<Vec<u8>>, ReadError> {
        let format = self.format;
        let mut entry = match self.zip.by_name(name) {
            Ok(entry) => entry,
            Err(ZipError::FileNotFound) => return Ok(None),
            Err(error) => return Err(malformed(format, &error)),
        };
        // A declared size is never trusted to be small, but one beyond the budget is taken
        // at its word: the bomb is refused before a byte is inflated.
        if entry.size() > self.budget && cap >= self.budget {
            return Err(ReadError::ArchiveTooLarge { limit: self.limit });
        }
        let allowed = self.budget.min(cap);
        let mut content = Vec::new();
        // One byte more than allowed tells "exactly at the limit" from "beyond it".
        (&mut entry)
            .take(allowed.saturating_add(1))
            .read_to_end(&mut content)
            .map_err(|error| ReadError::Malformed { format, reason: format!("{name}: {error}") })?;
        let read = content.len() as u64;
        if read > self.budget {
            return Err(ReadError::ArchiveTooLarge { limit: self.limit });
        }
        if read > allowed {
            // Only a small part can be cut here: it is used as far as it was read.
            content.truncate(allowed as usize);
        }
        self.budget -= content.len() as u64;
        Ok(Some(content))
    }
}

fn malformed(format: &'static str, error: &ZipError) -> ReadError {
    ReadError::Malformed { format, reason: error.to_string() }
}

/// The entry count in the end-of-central-directory record, if one is found; `None` also for
/// ZIP64 archives, whose count the zip crate reads (and is checked after opening).
fn declared_entries(bytes: &[u8]) -> Option<usize> {
    const RECORD: usize = 22;
    const MAX_COMMENT: usize = 0xFFFF;
    if bytes.len() < RECORD {
        return None;
    }
    let earliest = bytes.len().saturating_sub(RECORD + MAX_COMMENT);
    let record = (earliest..=bytes.len() - RECORD).rev().find(|&at| bytes[at..].starts_with(b"PK\x05\x06"))?;
    let total = u16::from_le_bytes([bytes[record + 10], bytes[record + 11]]);
    (total != 0xFFFF).then_some(usize::from(total))
}

/// Decodes an XML part: UTF-8 unless a byte order mark says otherwise; invalid bytes are
/// replaced rather than refused, so one bad byte does not lose a document.
pub(crate) fn xml_text(bytes: &[u8]) -> String {
    match encoding_rs::Encoding::for_bom(bytes) {
        Some((encoding, bom_length)) => encoding.decode_without_bom_handling(&bytes[bom_length..]).0.into_owned(),
        None => String::from_utf8_lossy(bytes).into_owned(),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::io::Write;

    use zip::write::SimpleFileOptions;

    use super::*;

    /// Builds a zip in memory; stored entries when `stored`, else deflated.
    pub(crate) fn build_zip(entries: &[(&str, &[u8])], stored: bool) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let method = if stored { zip::CompressionMethod::Stored } else { zip::CompressionMethod::Deflated };
        let options = SimpleFileOptions::default().compression_method(method);
        for (name, content) in entries {
            writer.start_file(*name, options).unwrap();
            writer.write_all(content).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    #[test]
    fn entries_are_read_within_the_budget() {
        let bytes = build_zip(&[("a.xml", b"0123456789"), ("b.xml", b"abcdefghij")], false);
        let limits = Limits { max_uncompressed_bytes: 15, ..Limits::default() };
        let mut archive = Archive::open(&bytes, &limits, "zip").unwrap();
        assert!(archive.contains("a.xml"));
        assert_eq!(archive.read("missing").unwrap(), None);
        assert_eq!(archive.read("a.xml").unwrap().unwrap(), b"0123456789");
        assert_eq!(archive.read("b.xml"), Err(ReadError::ArchiveTooLarge { limit: 15 }));
    }

    #[test]
    fn a_zip_bomb_is_stopped_whatever_its_headers_say() {
        let zeros = vec![0u8; 4 * 1024 * 1024];
        let bytes = build_zip(&[("word/document.xml", &zeros)], false);
        assert!(bytes.len() < 64 * 1024, "deflate should squeeze zeros");
        let limits = Limits { max_uncompressed_bytes: 1024 * 1024, ..Limits::default() };
        let mut archive = Archive::open(&bytes, &limits, "docx").unwrap();
        assert_eq!(archive.read("word/document.xml"), Err(ReadError::ArchiveTooLarge { limit: 1024 * 1024 }));
    }

    #[test]
    fn a_bomb_that_lies_about_its_size_is_stopped_too() {
        let zeros = vec![0u8; 4 * 1024 * 1024];
        let mut bytes = build_zip(&[("word/document.xml", &zeros)], false);
        // Declare 100 bytes uncompressed in the local header and in the central directory.
        let local = bytes.windows(4).position(|window| window == b"PK\x03\x04").unwrap();
        bytes[local + 22..local + 26].copy_from_slice(&100u32.to_le_bytes());
        let central = bytes.windows(4).position(|window| window == b"PK\x01\x02").unwrap();
        bytes[central + 24..central + 28].copy_from_slice(&100u32.to_le_bytes());
        let limits = Limits { max_uncompressed_bytes: 1024 * 1024, ..Limits::default() };
        let mut archive = Archive::open(&bytes, &limits, "docx").unwrap();
        match archive.read("word/document.xml") {
            Err(ReadError::ArchiveTooLarge { .. } | ReadError::Malformed { .. }) => {}
            other => panic!("a lying bomb was read: {:?}", other.map(|content| content.map(|content| content.len()))),
        }
    }

    #[test]
    fn too_many_entries_are_refused() {
        let names: Vec<String> = (0..20).map(|index| format!("part{index}.xml")).collect();
        let entries: Vec<(&str, &[u8])> = names.iter().map(|name| (name.as_str(), &b"x"[..])).collect();
        let bytes = build_zip(&entries, true);
        assert_eq!(declared_entries(&bytes), Some(20));
        let limits = Limits { max_archive_entries: 10, ..Limits::default() };
        assert!(matches!(Archive::open(&bytes, &limits, "zip"), Err(ReadError::TooManyEntries { limit: 10 })));
    }

    #[test]
    fn a_truncated_zip_is_malformed() {
        let bytes = build_zip(&[("word/document.xml", b"<w:document/>")], false);
        for cut in [4, 10, bytes.len() / 2, bytes.len() - 1] {
            let result = Archive::open(&bytes[..cut], &Limits::default(), "docx");
            assert!(matches!(result, Err(ReadError::Malformed { format: "docx", .. })), "cut at {cut}");
        }
    }

    #[test]
    fn a_corrupted_entry_is_malformed() {
        let text = "Соглашение о сотрудничестве между Псковской областью и Тартумаа. ".repeat(50);
        let mut bytes = build_zip(&[("word/document.xml", text.as_bytes())], false);
        // Flip bytes in the middle of the compressed data: deflate or the CRC check fails.
        for byte in &mut bytes[60..120] {
            *byte ^= 0x5A;
        }
        let mut archive = Archive::open(&bytes, &Limits::default(), "docx").unwrap();
        assert!(matches!(archive.read("word/document.xml"), Err(ReadError::Malformed { .. })));
    }
}

//! Tests through the public entry points: one per error, extension mismatches, hostile
//! bytes, and the sample documents of the repository.

use std::path::{Path, PathBuf};

use crate::docx::tests::build_docx;
use crate::odt::tests::build_odt;
use crate::pdf::tests::build_pdf;
use crate::zip_guard::tests::build_zip;
use crate::{Format, Limits, PANIC_REASON, ReadError, read, sniff};

fn limits() -> Limits {
    Limits::default()
}

#[test]
fn every_format_is_read_through_read() {
    let docx = build_docx("<w:p><w:r><w:t>Псков</w:t></w:r></w:p>", None);
    let odt = build_odt("<text:p>Тарту</text:p>", None);
    let pdf = build_pdf(&["Grodno"], None);
    let cases: Vec<(&[u8], Option<&str>, Format, &str)> = vec![
        ("Минск".as_bytes(), Some("txt"), Format::Text, "Минск"),
        ("# Минск".as_bytes(), Some("md"), Format::Markdown, "# Минск"),
        ("<p>Минск</p>".as_bytes(), Some("html"), Format::Html, "Минск"),
        (br"{\rtf1 Minsk}", Some("rtf"), Format::Rtf, "Minsk"),
        (&docx, Some("docx"), Format::Docx, "Псков"),
        (&odt, Some("odt"), Format::Odt, "Тарту"),
        (&pdf, Some("pdf"), Format::Pdf, "Grodno"),
    ];
    for (bytes, extension, format, text) in cases {
        assert_eq!(sniff(bytes, extension), Ok(format));
        let extracted = read(bytes, extension, &limits()).unwrap();
        assert_eq!((extracted.format, extracted.text.as_str()), (format, text));
        assert!(extracted.warnings.is_empty(), "{:?}", extracted.warnings);
    }
}

#[test]
fn content_wins_over_the_extension_with_a_warning() {
    let pdf = build_pdf(&["Grodno"], None);
    let extracted = read(&pdf, Some("txt"), &limits()).unwrap();
    assert_eq!(extracted.format, Format::Pdf);
    assert_eq!(extracted.warnings, vec!["extension .txt, content is pdf".to_owned()]);

    let docx = build_docx("<w:p><w:r><w:t>Псков</w:t></w:r></w:p>", None);
    let extracted = read(&docx, Some(".ODT"), &limits()).unwrap();
    assert_eq!(extracted.format, Format::Docx);
    assert_eq!(extracted.warnings, vec!["extension .odt, content is docx".to_owned()]);

    let extracted = read("<!DOCTYPE html><p>Минск</p>".as_bytes(), Some("md"), &limits()).unwrap();
    assert_eq!(extracted.format, Format::Html);
    assert_eq!(extracted.warnings, vec!["extension .md, content is html".to_owned()]);
}

#[test]
fn each_error_has_its_case() {
    assert_eq!(read(b"", Some("txt"), &limits()), Err(ReadError::Empty));
    assert_eq!(read(b" \n \r\n", Some("txt"), &limits()), Err(ReadError::Empty));
    assert_eq!(read(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", Some("txt"), &limits()), Err(ReadError::Binary));

    let spreadsheet =
        build_zip(&[("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", b"<x/>")], true);
    assert!(matches!(read(&spreadsheet, Some("odt"), &limits()), Err(ReadError::Malformed { format: "odt", .. })));
    let other_zip = build_zip(&[("readme.txt", b"hello")], false);
    assert!(matches!(read(&other_zip, None, &limits()), Err(ReadError::Malformed { format: "zip", .. })));

    let big = format!("<w:p><w:r><w:t>{}</w:t></w:r></w:p>", "a".repeat(100_000));
    let docx = build_docx(&big, None);
    let small = Limits { max_uncompressed_bytes: 10_000, ..Limits::default() };
    assert_eq!(read(&docx, Some("docx"), &small), Err(ReadError::ArchiveTooLarge { limit: 10_000 }));

    let few = Limits { max_archive_entries: 1, ..Limits::default() };
    assert_eq!(read(&docx, Some("docx"), &few), Err(ReadError::TooManyEntries { limit: 1 }));

    let scanned = build_pdf(&[""], None);
    assert_eq!(read(&scanned, Some("pdf"), &limits()), Err(ReadError::NoText { format: "pdf" }));

    // Timeout: see pdf::tests::slow_work_times_out_and_panics_are_caught, which does not
    // depend on how fast this machine parses a PDF.
    let message = ReadError::Timeout { format: "pdf", seconds: 30 }.to_string();
    assert_eq!(message, "pdf reader gave up after 30 s");
}

#[test]
fn error_messages_are_short_and_lowercase() {
    let errors = [
        ReadError::Empty,
        ReadError::Binary,
        ReadError::Malformed { format: "pdf", reason: "no pages".to_owned() },
        ReadError::ArchiveTooLarge { limit: 10 },
        ReadError::TooManyEntries { limit: 10 },
        ReadError::NoText { format: "odt" },
    ];
    for error in errors {
        let message = error.to_string();
        assert!(message.chars().next().is_some_and(char::is_lowercase), "{message}");
    }
}

/// A deterministic xorshift generator, so failures can be replayed.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound.max(1) as u64) as usize
    }
}

/// Damages `seed` at random: truncation, flipped bytes, inserted and deleted runs.
fn mutate(random: &mut XorShift, seed: &[u8]) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for _ in 0..=random.below(4) {
        match random.below(4) {
            0 => bytes.truncate(random.below(bytes.len() + 1)),
            1 => {
                for _ in 0..=random.below(8) {
                    if !bytes.is_empty() {
                        let at = random.below(bytes.len());
                        bytes[at] = random.next() as u8;
                    }
                }
            }
            2 => {
                let at = random.below(bytes.len() + 1);
                let run: Vec<u8> = (0..random.below(64)).map(|_| random.next() as u8).collect();
                bytes.splice(at..at, run);
            }
            _ => {
                let at = random.below(bytes.len() + 1);
                let end = (at + random.below(64)).min(bytes.len());
                bytes.drain(at..end);
            }
        }
    }
    bytes
}

#[test]
fn hostile_bytes_never_panic() {
    let seeds: Vec<Vec<u8>> = vec![
        build_docx("<w:p><w:r><w:t>Псков</w:t><w:tab/></w:r></w:p><w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>", Some("T")),
        build_odt("<text:p>Тарту<text:s text:c=\"3\"/></text:p>", Some("T")),
        build_pdf(&["Grodno", "Minsk"], Some("T")),
        br"{\rtf1\ansi\ansicpg1251{\fonttbl{\f0\fcharset204 Arial;}}{\info{\title T}}\f0\'cf\u1089?\par}".to_vec(),
        "<!doctype html><html><head><meta charset=utf-8><title>T</title></head><body><article><p>Минск</p></article></body></html>".as_bytes().to_vec(),
        "# Заголовок\n\nТекст".as_bytes().to_vec(),
        "Калининград".encode_utf16().flat_map(u16::to_le_bytes).collect(),
    ];
    let limits = Limits { pdf_timeout: std::time::Duration::from_secs(20), ..Limits::default() };
    let mut random = XorShift(0x9E37_79B9_7F4A_7C15);
    let mut outcomes = std::collections::BTreeMap::<String, usize>::new();
    for round in 0..3000 {
        let seed = &seeds[round % seeds.len()];
        let bytes = if round % 10 == 9 {
            (0..random.below(2048)).map(|_| random.next() as u8).collect()
        } else {
            mutate(&mut random, seed)
        };
        let extension = ["txt", "pdf", "docx", "odt", "rtf", "html", "md"][random.below(7)];
        let result = read(&bytes, Some(extension), &limits);
        if let Err(ReadError::Malformed { reason, .. }) = &result {
            assert_ne!(reason, PANIC_REASON, "a reader panicked on round {round}: {bytes:?}");
        }
        if let Ok(extracted) = &result {
            for page in &extracted.pages {
                assert!(extracted.text.get(page.clone()).is_some(), "page range off a char boundary");
            }
        }
        let outcome = match result {
            Ok(extracted) => extracted.format.as_str().to_owned(),
            Err(error) => format!("{error:?}").split([' ', '{', '(']).next().unwrap_or_default().to_owned(),
        };
        *outcomes.entry(outcome).or_default() += 1;
    }
    // The mutations reach past the sniffer into every reader.
    for reached in ["docx", "odt", "pdf", "rtf", "html", "Malformed"] {
        assert!(outcomes.contains_key(reached), "{reached} never reached: {outcomes:?}");
    }
}

/// Files under `folder`, in subfolders too, sorted; none when the folder is absent.
fn files_in(folder: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![folder.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for path in entries.flatten().map(|entry| entry.path()) {
            if path.is_dir() {
                folders.push(path);
            } else if path.is_file() {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn extension_of(path: &Path) -> Option<String> {
    path.extension().and_then(|extension| extension.to_str()).map(str::to_ascii_lowercase)
}

/// Every sample document of the corpus is read. The folder may not exist yet in a
/// checkout; then there is nothing to check.
#[test]
fn corpus_documents_are_read() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/docs");
    for path in files_in(&folder) {
        let name = path.file_name().and_then(|name| name.to_str()).unwrap_or_default();
        if name.starts_with('.') || name.ends_with(".json") || name.ends_with(".yaml") || name.ends_with(".yml") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let extension = extension_of(&path);
        let extracted =
            read(&bytes, extension.as_deref(), &limits()).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        assert!(!extracted.text.trim().is_empty(), "{}", path.display());
    }
}

/// Every bad file of the command line's fixtures is refused or read, never a panic; the
/// files described in its README give the outcome described there.
#[test]
fn bad_fixtures_do_not_panic() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../coopatlas-cli/tests/fixtures/bad");
    let limits = Limits { pdf_timeout: std::time::Duration::from_secs(20), ..Limits::default() };
    for path in files_in(&folder) {
        let bytes = std::fs::read(&path).unwrap();
        let extension = extension_of(&path);
        let result = read(&bytes, extension.as_deref(), &limits);
        if let Err(ReadError::Malformed { reason, .. }) = &result {
            assert_ne!(reason, PANIC_REASON, "{}", path.display());
        }
        let name = path.file_name().and_then(|name| name.to_str()).unwrap_or_default();
        let outcome = match &result {
            Ok(extracted) => extracted.format.as_str().to_owned(),
            Err(error) => format!("{error:?}").split([' ', '{']).next().unwrap_or_default().to_owned(),
        };
        let expected = match name {
            "empty.txt" | "blank.txt" => "Empty",
            "binary.txt" | "image.html" => "Binary",
            "truncated.pdf" | "garbage.pdf" | "truncated.docx" | "not-a-docx.docx" => "Malformed",
            "bomb.docx" => "ArchiveTooLarge",
            "many-entries.docx" => "TooManyEntries",
            "wrong-extension.txt" => "pdf",
            "text-named.pdf" => "text",
            _ => continue,
        };
        assert_eq!(outcome, expected, "{}: {result:?}", path.display());
    }
}

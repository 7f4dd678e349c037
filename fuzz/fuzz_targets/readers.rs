//! Any bytes as a document file: the readers must not panic (their `catch_unwind` guard is the
//! second line of defence, and a panic it catches is still reported here as a crash), the pages
//! must be slices of the text, and the text read must then go through the extractor, the
//! contract JSON and the stored facts.
//!
//! One exception: panics in the PDF thread. pdf-extract panics on many malformed files, and the
//! PDF reader runs it in a thread of its own to catch exactly that; those panics are expected.

#![no_main]

use std::sync::LazyLock;
use std::time::Duration;

use coopatlas_codebook::Codebook;
use coopatlas_extract::{Extractor, Input};
use coopatlas_gazetteer::Gazetteer;
use coopatlas_readers::{Limits, PDF_THREAD_NAME, read};
use libfuzzer_sys::fuzz_target;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| Extractor::new(Gazetteer::bundled(), Codebook::bundled()));

static LIMITS: LazyLock<Limits> = LazyLock::new(|| Limits {
    max_uncompressed_bytes: 16 * 1024 * 1024,
    max_archive_entries: 1_000,
    pdf_timeout: Duration::from_secs(5),
});

/// The extension only tells Markdown from plain text and HTML-looking text from HTML, and breaks
/// ties between archive formats; the input's length picks one so that every input is read the
/// same way each time.
const EXTENSIONS: [Option<&str>; 6] = [None, Some("txt"), Some("md"), Some("html"), Some("docx"), Some("odt")];

fuzz_target!(
    init: {
        LazyLock::force(&EXTRACTOR);
        // libfuzzer-sys's hook aborts on any panic, even one caught later; keep that for every
        // thread but the PDF reader's.
        let abort = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().name() != Some(PDF_THREAD_NAME) {
                abort(info);
            }
        }));
    },
    |data: &[u8]| {
        let extension = EXTENSIONS[data.len() % EXTENSIONS.len()];
        let Ok(extracted) = read(data, extension, &LIMITS) else {
            return;
        };
        for page in &extracted.pages {
            assert!(extracted.text.get(page.clone()).is_some(), "page {page:?} is not a slice of the text");
        }
        let input = Input {
            text: &extracted.text,
            title: extracted.title.as_deref(),
            date: extracted.date.as_deref(),
            language: None,
        };
        let extraction = EXTRACTOR.extract(&input);
        serde_json::to_string(&EXTRACTOR.contract("fuzz", &input, &extraction)).expect("the contract serialises");
        serde_json::to_string(&EXTRACTOR.facts(&extraction)).expect("the facts serialise");
    }
);

//! Generates the table of bundled corpus files. `include_bytes!` makes rustc track each file, and
//! the folder itself is watched so that an added or removed document triggers a rebuild.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let corpus = Path::new(&manifest).join("../../corpus");
    let mut generated = String::from("pub static DOCUMENTS: &[CorpusFile] = &[\n");
    for (folder, label) in [("docs", false), ("labels", true)] {
        let directory = corpus.join(folder);
        println!("cargo:rerun-if-changed={}", directory.display());
        if label {
            generated.push_str("];\npub static LABELS: &[CorpusFile] = &[\n");
        }
        let mut names: Vec<String> = std::fs::read_dir(&directory)
            .map(|entries| {
                entries.filter_map(Result::ok).map(|entry| entry.file_name().to_string_lossy().into_owned()).collect()
            })
            .unwrap_or_default();
        names.retain(|name| !name.starts_with('.'));
        names.sort();
        for name in names {
            let path = directory.join(&name).canonicalize().expect("corpus file");
            writeln!(
                generated,
                "    CorpusFile {{ path: {:?}, bytes: include_bytes!({:?}) }},",
                format!("{folder}/{name}"),
                path
            )
            .expect("write to string");
        }
    }
    generated.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("corpus.rs");
    std::fs::write(out, generated).expect("write generated corpus table");
}

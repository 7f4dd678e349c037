mod cooperation;
mod corpus;
mod data;
mod forms;
mod spheres;

use std::sync::OnceLock;

use coopatlas_codebook::Codebook;

/// The bundled codebook, built once for the whole binary: stemming every cue takes a moment.
pub fn codebook() -> &'static Codebook {
    static CODEBOOK: OnceLock<Codebook> = OnceLock::new();
    CODEBOOK.get_or_init(|| {
        Codebook::from_tsv(
            coopatlas_codebook::data::SPHERES,
            coopatlas_codebook::data::FORMS,
            coopatlas_codebook::data::COOPERATION,
        )
        .expect("the bundled tables parse")
    })
}

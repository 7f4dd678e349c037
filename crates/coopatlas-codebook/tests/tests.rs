//! One test binary for the codebook: data-driven checks of spheres, forms and cooperation cues,
//! the coverage of the bundled tables, and precision and recall against the labelled corpus.

mod suite;

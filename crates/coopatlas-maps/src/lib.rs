//! Maps as inline SVG strings, drawn by hand: a tile-grid cartogram of Russia's regions
//! ([`cartogram_svg`]) and a world map of partner countries and links ([`world_svg`]).
//!
//! A tile-grid cartogram gives every federal subject one equal square, so Moscow and Sevastopol are
//! as visible as Yakutia; the tiles sit roughly where their regions are (`data/maps/russia-tiles.tsv`,
//! a layout written by hand). The world map draws Natural Earth's 1:110m country outlines, projected
//! once at build time (`data/maps/world.tsv`, made by `tools/maps/build.py`); [`project`] places
//! anything with coordinates on the same map.
//!
//! The maps are plain SVG elements with presentation attributes: no script, no style sheet, no
//! font, no network. Every piece of text from the caller (names, titles, formatted values, links)
//! is escaped. The data is embedded in the crate and parsed once, on first use.
//!
//! ```
//! use coopatlas_maps::{Cartogram, Lang, cartogram_svg};
//!
//! let value = |id: &str| (id == "RU-MOW").then_some(42.0);
//! let name = |id: &str| id.to_string();
//! let href = |id: &str| Some(format!("/places/{id}"));
//! let format = |value: f64| format!("{value:.0}");
//! let svg = cartogram_svg(&Cartogram {
//!     lang: Lang::En,
//!     title: "Documents by region",
//!     show_contested: false,
//!     value: &value,
//!     name: &name,
//!     href: &href,
//!     format: &format,
//! });
//! assert!(svg.starts_with("<svg"));
//! assert!(svg.contains("<title>RU-MOW — 42</title>"));
//! ```

mod scale;
mod tiles;
mod world;

pub use tiles::{Cartogram, Tile, cartogram_svg, russia_tiles};
pub use world::{Country, Link, VIEW_HEIGHT, VIEW_WIDTH, WorldMap, anchor, countries, project, world_svg};

/// The language of the words a map writes itself (legend, "no data", tile labels).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Ru,
    En,
}

impl Lang {
    fn pick(self, ru: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Ru => ru,
            Lang::En => en,
        }
    }
}

/// Text made safe for element content and quoted attribute values: `& < > " ' /` become
/// references, and control characters, which XML and HTML forbid, become U+FFFD.
fn esc(text: &str) -> String {
    let forbidden = |character: char| {
        (character.is_control() && !matches!(character, '\t' | '\n' | '\r')) || character == '\u{fffe}'
    };
    if text.chars().any(forbidden) {
        let cleaned: String =
            text.chars().map(|character| if forbidden(character) { '\u{fffd}' } else { character }).collect();
        html_escape::encode_safe(&cleaned).into_owned()
    } else {
        html_escape::encode_safe(text).into_owned()
    }
}

/// The estimated width of a label in pixels: about 0.6 em a character in a sans-serif font.
fn text_width(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * size * 0.6
}

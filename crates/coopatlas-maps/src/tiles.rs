//! The tile-grid cartogram of Russia's regions: one equal square per federal subject, laid out by
//! hand in `data/maps/russia-tiles.tsv` so that each tile sits roughly where its region is —
//! Kaliningrad alone in the west, Chukotka in the north-east, the North Caucasus at the bottom left.
//! The territories in dispute (Crimea, Sevastopol and the four Ukrainian regions Russia declared
//! annexed in 2022) have tiles where they lie; they are drawn with a dashed outline, and only when
//! the caller asks for them.

use std::fmt::Write;
use std::sync::OnceLock;

use crate::scale::{Classes, FONT, LegendItem, Swatch, legend_column, scale_items};
use crate::{Lang, esc};

const TILES_TSV: &str = include_str!("../../../data/maps/russia-tiles.tsv");

/// The side of a tile and the gap between tiles, in pixels.
const TILE: f64 = 40.0;
const GAP: f64 = 3.0;
const MARGIN: f64 = 8.0;
/// The first row whose east is empty: the legend sits there, east of that part of the grid.
const LEGEND_ROW: u16 = 6;

/// One tile of the cartogram.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tile {
    /// The gazetteer id of the region (`RU-MOW`, `UA-43`).
    pub id: &'static str,
    /// Column from the west, from 0.
    pub col: u16,
    /// Row from the north, from 0.
    pub row: u16,
    /// A two-to-four-letter Russian label (`МСК`).
    pub short_ru: &'static str,
    /// A two-to-four-letter English label (`MOW`).
    pub short_en: &'static str,
    /// A territory whose status is disputed (its id is not a Russian one: `UA-43`).
    pub contested: bool,
}

/// Every tile: the 83 federal subjects of Russia by ISO 3166-2, then the contested territories by
/// their ISO (Ukrainian) codes; in the table's order, north to south, west to east.
pub fn russia_tiles() -> &'static [Tile] {
    static TILES: OnceLock<Vec<Tile>> = OnceLock::new();
    TILES.get_or_init(|| {
        TILES_TSV
            .lines()
            .skip(1)
            .filter(|line| !line.is_empty())
            .map(|line| {
                let fields: Vec<&'static str> = line.split('\t').collect();
                let [id, col, row, short_ru, short_en] = fields[..] else {
                    panic!("russia-tiles.tsv: five columns expected in {line:?}");
                };
                let number = |text: &str| text.parse::<u16>().expect("russia-tiles.tsv: col and row are numbers");
                Tile { id, col: number(col), row: number(row), short_ru, short_en, contested: !id.starts_with("RU-") }
            })
            .collect()
    })
}

/// What a cartogram shows and how.
pub struct Cartogram<'a> {
    /// The language of the tile labels and the legend.
    pub lang: Lang,
    /// The accessible name of the map (its `<title>`); put a visible caption around the SVG.
    pub title: &'a str,
    /// Whether the contested territories get tiles.
    pub show_contested: bool,
    /// The measure of a region by id; `None` means no data (grey).
    pub value: &'a dyn Fn(&str) -> Option<f64>,
    /// The full name of a region, for tooltips.
    pub name: &'a dyn Fn(&str) -> String,
    /// Where a tile links to, if anywhere.
    pub href: &'a dyn Fn(&str) -> Option<String>,
    /// How values are written in tooltips and the legend.
    pub format: &'a dyn Fn(f64) -> String,
}

/// The cartogram as one `<svg>` element.
///
/// Tiles are coloured on a sequential scale of up to five classes by **quantiles** of the values
/// of the tiles shown (classes whose bounds coincide merge, so few distinct values give one class
/// each); tiles without a value are grey. Each tile has a `<title>` tooltip "Name — value", is a
/// link when `href` gives one, and carries its id in `data-id`. The legend sits in the empty
/// south-east of the grid.
pub fn cartogram_svg(map: &Cartogram) -> String {
    let tiles: Vec<&Tile> = russia_tiles().iter().filter(|tile| map.show_contested || !tile.contested).collect();
    let values: Vec<Option<f64>> =
        tiles.iter().map(|tile| (map.value)(tile.id).filter(|value| value.is_finite())).collect();
    let classes = Classes::quantiles(values.iter().flatten().copied());

    let columns = tiles.iter().map(|tile| tile.col + 1).max().unwrap_or(0);
    let rows = tiles.iter().map(|tile| tile.row + 1).max().unwrap_or(0);
    let step = TILE + GAP;
    let mut body = String::new();
    for (tile, value) in tiles.iter().zip(&values) {
        write_tile(&mut body, map, tile, *value, &classes);
    }

    let mut items = scale_items(&classes, map.format, map.lang);
    if map.show_contested && tiles.iter().any(|tile| tile.contested) {
        items.push(LegendItem {
            label: map.lang.pick("спорная территория", "contested territory").to_string(),
            swatch: Swatch::Dashed,
        });
    }
    let heading = if classes.is_empty() { "" } else { map.title };
    let east_of = tiles.iter().filter(|tile| tile.row >= LEGEND_ROW).map(|tile| tile.col + 1).max().unwrap_or(0);
    let legend_x = MARGIN + f64::from(east_of) * step + 2.0 * GAP + 12.0;
    let legend_y = MARGIN + f64::from(LEGEND_ROW) * step + 24.0;
    let (legend_width, legend_height) = legend_column(&mut body, legend_x, legend_y, heading, &items);

    let width = (MARGIN * 2.0 + f64::from(columns) * step - GAP).max(legend_x + legend_width + MARGIN);
    let height = (MARGIN * 2.0 + f64::from(rows) * step - GAP).max(legend_y + legend_height + MARGIN);
    let mut out = String::with_capacity(body.len() + 400);
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width:.0} {height:.0}\" width=\"{width:.0}\" \
         height=\"{height:.0}\" role=\"img\" font-family=\"sans-serif\" font-size=\"{FONT}\"><title>{}</title>",
        esc(map.title)
    );
    out.push_str(&body);
    out.push_str("</svg>");
    out
}

fn write_tile(out: &mut String, map: &Cartogram, tile: &Tile, value: Option<f64>, classes: &Classes) {
    let (x, y) = (MARGIN + f64::from(tile.col) * (TILE + GAP), MARGIN + f64::from(tile.row) * (TILE + GAP));
    let (fill, dark) = classes.fill(value);
    let shown = match value {
        Some(value) => (map.format)(value),
        None => map.lang.pick("нет данных", "no data").to_string(),
    };
    let mut tooltip = format!("{} — {shown}", (map.name)(tile.id));
    if tile.contested {
        tooltip.push_str(map.lang.pick(" (спорная территория)", " (contested territory)"));
    }
    let href = (map.href)(tile.id);
    if let Some(href) = &href {
        let _ = write!(out, "<a href=\"{}\">", esc(href));
    }
    let outline = if tile.contested {
        " stroke=\"#333\" stroke-width=\"1.5\" stroke-dasharray=\"4 2.5\""
    } else {
        " stroke=\"#fff\" stroke-width=\"0.5\""
    };
    let label = match map.lang {
        Lang::Ru => tile.short_ru,
        Lang::En => tile.short_en,
    };
    let _ = write!(
        out,
        "<g><title>{}</title><rect data-id=\"{}\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{TILE}\" height=\"{TILE}\" rx=\"3\" \
         fill=\"{fill}\"{outline}/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"11\" fill=\"{}\">{}</text></g>",
        esc(&tooltip),
        esc(tile.id),
        x + TILE / 2.0,
        y + TILE / 2.0 + 4.0,
        if dark { "#fff" } else { "#222" },
        esc(label)
    );
    if href.is_some() {
        out.push_str("</a>");
    }
}

//! The world map: Natural Earth's 1:110m country outlines (public domain), projected and simplified
//! once by `tools/maps/build.py` into `data/maps/world.tsv`, and links between places drawn as
//! curves over them.
//!
//! The projection is Natural Earth's (Šavrič, Jenny, Patterson and Hurni, 2011), centred on 11.6°E:
//! the map's edge is the meridian 168.4°W in the Bering Strait, so Russia and the Americas are both
//! whole. Latitudes run from 84°N (the top) to 57°S; Antarctica is left out. [`project`] is the same
//! projection with the same constants as the script, so anything with coordinates lands where the
//! outlines are.
//!
//! Crimea is a feature of its own, `UA-43`: Natural Earth draws it as part of Russia, the gazetteer
//! lists it as a Ukrainian region that Russia claims, and the map draws it with a dashed outline.

use std::fmt::Write;
use std::sync::OnceLock;

use crate::scale::{Classes, FONT, LegendItem, Swatch, legend_rows, scale_items};
use crate::{Lang, esc};

const WORLD_TSV: &str = include_str!("../../../data/maps/world.tsv");

/// The width of the map's coordinate space (`viewBox`), in map units.
pub const VIEW_WIDTH: f32 = 1000.0;
/// The height of the map's coordinate space: the projected span from 84°N to 57°S, rounded up.
pub const VIEW_HEIGHT: f32 = 435.0;

const CENTRAL_MERIDIAN: f64 = 11.6;
const LAT_TOP: f64 = 84.0;
const LAT_BOTTOM: f64 = -57.0;

pub(crate) const LINK_COLOUR: &str = "#d55e00";
const CONTESTED_OUTLINE: &str = " stroke=\"#333\" stroke-width=\"0.6\" stroke-dasharray=\"1.5 1\"";

/// One country's outline, or a place's: ISO 3166-1 alpha-2 codes, plus `XK` (Kosovo, as the
/// gazetteer has it) and `UA-43` (Crimea with Sevastopol, drawn apart as contested).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Country {
    pub iso2: &'static str,
    /// Where a label or a link's end goes: the point of the largest polygon farthest from its
    /// edges, in map units.
    pub anchor: (f32, f32),
    /// SVG path data in map units, absolute `M`, `L` and `Z` only; empty for the countries too small
    /// for the 1:110m outlines (Singapore, Malta, Bahrain...), which have an anchor only.
    pub path: &'static str,
}

/// Every country of ISO 3166-1 but Antarctica, sorted by code.
pub fn countries() -> &'static [Country] {
    static COUNTRIES: OnceLock<Vec<Country>> = OnceLock::new();
    COUNTRIES.get_or_init(|| {
        WORLD_TSV
            .lines()
            .skip(1)
            .filter(|line| !line.is_empty())
            .map(|line| {
                let fields: Vec<&'static str> = line.split('\t').collect();
                let [iso2, x, y, path] = fields[..] else {
                    panic!("world.tsv: four columns expected in {line:?}");
                };
                let number = |text: &str| text.parse::<f32>().expect("world.tsv: the anchor is two numbers");
                Country { iso2, anchor: (number(x), number(y)), path }
            })
            .collect()
    })
}

/// The anchor of a country by code, if the map has it.
pub fn anchor(iso2: &str) -> Option<(f32, f32)> {
    let countries = countries();
    countries.binary_search_by(|country| country.iso2.cmp(iso2)).ok().map(|index| countries[index].anchor)
}

/// Map units of a point in WGS84 degrees; latitudes beyond the map's are put on its edge.
pub fn project(lat: f64, lon: f64) -> (f32, f32) {
    fn raw(lat: f64, lon: f64) -> (f64, f64) {
        let lambda = ((lon - CENTRAL_MERIDIAN + 540.0).rem_euclid(360.0) - 180.0).to_radians();
        let phi = lat.to_radians();
        let (phi2, phi4) = (phi * phi, phi.powi(4));
        let x = lambda * (0.8707 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4)));
        let y = phi * (1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4)));
        (x, y)
    }
    let x_edge = raw(0.0, CENTRAL_MERIDIAN + 180.0 - 1e-12).0;
    let scale = f64::from(VIEW_WIDTH) / (2.0 * x_edge);
    let y_top = raw(LAT_TOP, CENTRAL_MERIDIAN).1;
    let (x, y) = raw(lat.clamp(LAT_BOTTOM, LAT_TOP), lon);
    (((x + x_edge) * scale) as f32, ((y_top - y) * scale) as f32)
}

/// A link between two points of the map (from [`anchor`] or [`project`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub from: (f32, f32),
    pub to: (f32, f32),
    /// The link's strength; widths are scaled to the strongest link.
    pub weight: f64,
    /// Its tooltip.
    pub title: String,
    pub href: Option<String>,
}

/// What a world map shows.
pub struct WorldMap<'a> {
    /// The language of the legend.
    pub lang: Lang,
    /// The accessible name of the map (its `<title>`); put a visible caption around the SVG.
    pub title: &'a str,
    /// The partner intensity of a country by code (`None`: grey).
    pub highlight: &'a dyn Fn(&str) -> Option<f64>,
    /// The name of a country, for tooltips.
    pub name: &'a dyn Fn(&str) -> String,
    /// Where a country links to, if anywhere.
    pub href: &'a dyn Fn(&str) -> Option<String>,
    /// How highlight values are written in tooltips and the legend.
    pub format: &'a dyn Fn(f64) -> String,
    pub links: &'a [Link],
}

/// The world map as one `<svg>` element.
///
/// Countries are filled by their highlight value on the same scale as the cartogram (up to five
/// quantile classes, grey for none); countries too small for an outline show as a dot when they
/// have a value. Links are quadratic curves bowing northwards, their width growing with the square
/// root of their weight, the strongest drawn last. Every country with an outline and every link has
/// a `<title>` tooltip; countries carry their code in `data-id`.
pub fn world_svg(map: &WorldMap) -> String {
    let countries = countries();
    let values: Vec<Option<f64>> =
        countries.iter().map(|country| (map.highlight)(country.iso2).filter(|value| value.is_finite())).collect();
    let classes = Classes::quantiles(values.iter().flatten().copied());

    let mut body = String::new();
    let _ = write!(body, "<rect width=\"{VIEW_WIDTH}\" height=\"{VIEW_HEIGHT}\" fill=\"#f4f8fb\"/>");
    body.push_str("<g stroke=\"#fff\" stroke-width=\"0.4\" fill-rule=\"evenodd\">");
    for (country, value) in countries.iter().zip(&values) {
        if !country.path.is_empty() {
            write_country(&mut body, map, country, *value, &classes);
        }
    }
    body.push_str("</g>");
    // Small countries with a value: a dot where their outline would be.
    for (country, value) in countries.iter().zip(&values) {
        if country.path.is_empty() && value.is_some() {
            write_dot(&mut body, map, country, *value, &classes);
        }
    }
    write_links(&mut body, map.links);

    let mut items = scale_items(&classes, map.format, map.lang);
    if classes.is_empty() {
        items.clear();
    }
    if !map.links.is_empty() {
        let label = map.lang.pick("связь (толщина — вес)", "link (width: weight)").to_string();
        items.push(LegendItem { label, swatch: Swatch::Line });
    }
    let legend_height = if items.is_empty() {
        0.0
    } else {
        legend_rows(&mut body, 10.0, VIEW_HEIGHT as f64 + 20.0, 980.0, &items) + 8.0
    };

    let height = f64::from(VIEW_HEIGHT) + legend_height;
    let mut out = String::with_capacity(body.len() + 400);
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {VIEW_WIDTH} {height:.0}\" width=\"{VIEW_WIDTH}\" \
         height=\"{height:.0}\" role=\"img\" font-family=\"sans-serif\" font-size=\"{FONT}\"><title>{}</title>",
        esc(map.title)
    );
    out.push_str(&body);
    out.push_str("</svg>");
    out
}

fn tooltip(map: &WorldMap, iso2: &str, value: Option<f64>) -> String {
    match value {
        Some(value) => format!("{} — {}", (map.name)(iso2), (map.format)(value)),
        None => (map.name)(iso2),
    }
}

fn write_country(out: &mut String, map: &WorldMap, country: &Country, value: Option<f64>, classes: &Classes) {
    let href = (map.href)(country.iso2);
    if let Some(href) = &href {
        let _ = write!(out, "<a href=\"{}\">", esc(href));
    }
    let (fill, _) = classes.fill(value);
    let outline = if country.iso2.contains('-') { CONTESTED_OUTLINE } else { "" };
    let _ = write!(
        out,
        "<path data-id=\"{}\" d=\"{}\" fill=\"{fill}\"{outline}><title>{}</title></path>",
        esc(country.iso2),
        country.path,
        esc(&tooltip(map, country.iso2, value))
    );
    if href.is_some() {
        out.push_str("</a>");
    }
}

fn write_dot(out: &mut String, map: &WorldMap, country: &Country, value: Option<f64>, classes: &Classes) {
    let href = (map.href)(country.iso2);
    if let Some(href) = &href {
        let _ = write!(out, "<a href=\"{}\">", esc(href));
    }
    let (fill, _) = classes.fill(value);
    let (x, y) = country.anchor;
    let _ = write!(
        out,
        "<circle data-id=\"{}\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"2.5\" fill=\"{fill}\" stroke=\"#555\" stroke-width=\"0.5\">\
         <title>{}</title></circle>",
        esc(country.iso2),
        esc(&tooltip(map, country.iso2, value))
    );
    if href.is_some() {
        out.push_str("</a>");
    }
}

fn write_links(out: &mut String, links: &[Link]) {
    let strongest = links.iter().map(|link| link.weight).filter(|weight| weight.is_finite()).fold(0.0, f64::max);
    let mut order: Vec<&Link> = links.iter().collect();
    order.sort_by(|a, b| a.weight.total_cmp(&b.weight));
    let _ = write!(out, "<g fill=\"none\" stroke=\"{LINK_COLOUR}\" stroke-opacity=\"0.75\" stroke-linecap=\"round\">");
    for link in order {
        let share = if strongest > 0.0 && link.weight.is_finite() { (link.weight / strongest).max(0.0) } else { 1.0 };
        let width = 0.8 + 3.2 * share.sqrt();
        let (x0, y0) = (f64::from(link.from.0), f64::from(link.from.1));
        let (x1, y1) = (f64::from(link.to.0), f64::from(link.to.1));
        // The control point: off the middle by a quarter of the length, on the northern side.
        let (dx, dy) = (x1 - x0, y1 - y0);
        let (mut nx, mut ny) = (-dy * 0.25, dx * 0.25);
        if ny > 0.0 {
            (nx, ny) = (-nx, -ny);
        }
        let (cx, cy) = ((x0 + x1) / 2.0 + nx, ((y0 + y1) / 2.0 + ny).max(0.0));
        if let Some(href) = &link.href {
            let _ = write!(out, "<a href=\"{}\">", esc(href));
        }
        let _ = write!(
            out,
            "<path d=\"M{x0:.1},{y0:.1}Q{cx:.1},{cy:.1} {x1:.1},{y1:.1}\" stroke-width=\"{width:.2}\"><title>{}</title></path>",
            esc(&link.title)
        );
        if link.href.is_some() {
            out.push_str("</a>");
        }
    }
    out.push_str("</g>");
    // The ends of the links, once each.
    let mut ends: Vec<(i64, i64)> = links
        .iter()
        .flat_map(|link| [link.from, link.to])
        .map(|(x, y)| ((f64::from(x) * 10.0).round() as i64, (f64::from(y) * 10.0).round() as i64))
        .collect();
    ends.sort_unstable();
    ends.dedup();
    let _ = write!(out, "<g fill=\"{LINK_COLOUR}\" stroke=\"#fff\" stroke-width=\"0.5\">");
    for (x, y) in ends {
        let _ = write!(out, "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"2\"/>", x as f64 / 10.0, y as f64 / 10.0);
    }
    out.push_str("</g>");
}

//! The maps against the gazetteer, the SVG they write against an XML parser, and both maps written
//! to `target/tmp/maps/` for a look.

use std::collections::{HashMap, HashSet};

use coopatlas_gazetteer::{Gazetteer, PlaceKind};
use coopatlas_maps::{
    Cartogram, Lang, Link, VIEW_HEIGHT, VIEW_WIDTH, WorldMap, anchor, cartogram_svg, countries, project, russia_tiles,
    world_svg,
};
use quick_xml::Reader;
use quick_xml::events::Event;

fn gazetteer() -> &'static Gazetteer {
    static GAZETTEER: std::sync::OnceLock<Gazetteer> = std::sync::OnceLock::new();
    GAZETTEER.get_or_init(Gazetteer::bundled)
}

/// Parses the whole document; panics at the first error. Returns the element names in order.
fn well_formed(svg: &str) -> Vec<String> {
    let mut reader = Reader::from_str(svg);
    let mut names = Vec::new();
    let mut depth = 0i32;
    loop {
        match reader.read_event() {
            Ok(Event::Start(element)) => {
                depth += 1;
                names.push(element.name().into_inner().to_string());
            }
            Ok(Event::Empty(element)) => names.push(element.name().into_inner().to_string()),
            Ok(Event::End(_)) => depth -= 1,
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(error) => panic!("not well-formed at {}: {error}", reader.buffer_position()),
        }
    }
    assert_eq!(depth, 0, "unclosed elements");
    assert_eq!(names.first().map(String::as_str), Some("svg"));
    names
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

#[test]
fn every_russian_region_has_exactly_one_tile() {
    let tiles = russia_tiles();
    let regions: HashSet<&str> = gazetteer()
        .places()
        .iter()
        .filter(|place| place.kind == PlaceKind::Region && place.country == "RU")
        .map(|place| place.id.as_str())
        .collect();
    assert_eq!(regions.len(), 83);
    let mut per_id: HashMap<&str, usize> = HashMap::new();
    for tile in tiles {
        *per_id.entry(tile.id).or_default() += 1;
    }
    for region in &regions {
        assert_eq!(per_id.get(region), Some(&1), "{region} needs exactly one tile");
    }
    assert!(per_id.values().all(|count| *count == 1), "a region with two tiles");
}

#[test]
fn contested_tiles_are_the_territories_russia_claims() {
    let claimed: HashSet<String> =
        coopatlas_gazetteer::contested().into_iter().filter(|c| c.claimed_by == "RU").map(|c| c.id).collect();
    let contested: HashSet<String> =
        russia_tiles().iter().filter(|tile| tile.contested).map(|tile| tile.id.to_string()).collect();
    assert_eq!(contested, claimed);
    assert_eq!(russia_tiles().len(), 83 + claimed.len());
}

#[test]
fn tiles_are_gazetteer_regions_in_cells_of_their_own() {
    let mut cells = HashSet::new();
    let mut labels_ru = HashSet::new();
    let mut labels_en = HashSet::new();
    for tile in russia_tiles() {
        let place = gazetteer().index_of(tile.id).map(|index| gazetteer().place(index));
        assert!(matches!(place, Some(place) if place.kind == PlaceKind::Region), "{} is no gazetteer region", tile.id);
        assert!(cells.insert((tile.col, tile.row)), "{} shares its cell", tile.id);
        for label in [tile.short_ru, tile.short_en] {
            assert!((2..=4).contains(&label.chars().count()), "{}: label {label:?}", tile.id);
        }
        assert!(labels_ru.insert(tile.short_ru), "{}: Russian label taken", tile.id);
        assert!(labels_en.insert(tile.short_en), "{}: English label taken", tile.id);
    }
}

#[test]
fn the_layout_keeps_its_landmarks() {
    let at = |id: &str| russia_tiles().iter().find(|tile| tile.id == id).map(|tile| (tile.col, tile.row)).unwrap();
    let westmost = russia_tiles().iter().map(|tile| tile.col).min().unwrap();
    let eastmost = russia_tiles().iter().map(|tile| tile.col).max().unwrap();
    assert_eq!(at("RU-KGD").0, westmost);
    assert_eq!(at("RU-CHU").0, eastmost);
    // Kaliningrad stands apart: no tile touches it.
    let (kx, ky) = at("RU-KGD");
    assert!(russia_tiles().iter().all(|tile| tile.id == "RU-KGD" || kx.abs_diff(tile.col) + ky.abs_diff(tile.row) > 1));
    // Moscow and Moscow Oblast are neighbours.
    let (mow, mos) = (at("RU-MOW"), at("RU-MOS"));
    assert_eq!(mow.0.abs_diff(mos.0) + mow.1.abs_diff(mos.1), 1);
    // Crimea sits next to Krasnodar Krai (across the Kerch Strait), Sevastopol next to Crimea.
    let (crimea, krasnodar, sevastopol) = (at("UA-43"), at("RU-KDA"), at("UA-40"));
    assert_eq!(crimea.0.abs_diff(krasnodar.0) + crimea.1.abs_diff(krasnodar.1), 1);
    assert_eq!(crimea.0.abs_diff(sevastopol.0) + crimea.1.abs_diff(sevastopol.1), 1);
    // The North Caucasus is the bottom row.
    let bottom = russia_tiles().iter().map(|tile| tile.row).max().unwrap();
    for id in ["RU-DA", "RU-CE", "RU-IN", "RU-SE", "RU-KB", "RU-KC"] {
        assert!(at(id).1 >= bottom - 1, "{id}");
    }
}

const HOSTILE: &str = "<script>alert(\"x&y\")</script>\u{1}";

fn cartogram(lang: Lang, show_contested: bool, value: &dyn Fn(&str) -> Option<f64>) -> String {
    let name = |id: &str| if id == "RU-MOW" { HOSTILE.to_string() } else { format!("Region {id}") };
    let href = |id: &str| Some(format!("/places/{id}?a=1&b=\"2\""));
    let format = |value: f64| format!("{value:.0}");
    cartogram_svg(&Cartogram {
        lang,
        title: "Documents <by> region",
        show_contested,
        value,
        name: &name,
        href: &href,
        format: &format,
    })
}

fn sample_value(id: &str) -> Option<f64> {
    let sum: u32 = id.bytes().map(u32::from).sum();
    (!sum.is_multiple_of(7)).then_some(f64::from(sum % 97) * if id == "RU-MOW" { 40.0 } else { 1.0 })
}

#[test]
fn cartogram_is_well_formed_escaped_and_has_a_tile_each() {
    let svg = cartogram(Lang::En, true, &sample_value);
    well_formed(&svg);
    assert!(!svg.contains("<script"));
    assert!(svg.contains("&lt;script&gt;"));
    assert!(svg.contains("Documents &lt;by&gt; region"));
    assert!(!svg.contains('\u{1}'));
    assert_eq!(count(&svg, "<rect data-id="), russia_tiles().len());
    assert_eq!(count(&svg, "<a href="), russia_tiles().len());
    assert!(svg.contains("href=\"&#x2F;places&#x2F;RU-MOW?a=1&amp;b=&quot;2&quot;\""));
    // The legend: five classes, "no data" and the contested swatch.
    assert!(svg.contains(">no data</text>"));
    assert!(svg.contains(">contested territory</text>"));
    assert_eq!(count(&svg, "stroke-dasharray=\"4 2.5\""), 6);
    assert!(svg.contains("<title>Region RU-TA — "));
    assert!(svg.contains(">TA</text>"));
}

#[test]
fn cartogram_without_contested_territories() {
    let svg = cartogram(Lang::Ru, false, &sample_value);
    well_formed(&svg);
    assert_eq!(count(&svg, "<rect data-id="), 83);
    assert!(!svg.contains("UA-43"));
    assert!(!svg.contains("спорная"));
    assert!(svg.contains(">МСК</text>"));
    assert!(svg.contains(">нет данных</text>"));
}

#[test]
fn cartogram_without_any_value() {
    let svg = cartogram(Lang::En, false, &|_| None);
    well_formed(&svg);
    assert_eq!(count(&svg, "fill=\"#e8e8e8\""), 83 + 1);
    assert!(svg.contains("<title>Region RU-TA — no data</title>"));
}

/// Path data with absolute M, L and Z only, inside the view box, each subpath closed.
fn check_path(iso2: &str, path: &str) {
    let mut rest = path;
    let mut numbers = Vec::new();
    let mut commands = String::new();
    while let Some(character) = rest.chars().next() {
        if matches!(character, 'M' | 'L' | 'Z') {
            commands.push(character);
            rest = &rest[1..];
        } else if character == ' ' || character == ',' {
            rest = &rest[1..];
        } else {
            let end = rest.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-')).unwrap_or(rest.len());
            let number: f32 = rest[..end].parse().unwrap_or_else(|_| panic!("{iso2}: not a number in {rest:.20}"));
            numbers.push(number);
            rest = &rest[end..];
        }
    }
    assert!(commands.starts_with('M') && commands.ends_with('Z'), "{iso2}: {commands:.10}");
    assert_eq!(count(&commands, "M"), count(&commands, "Z"), "{iso2}: every ring closed");
    assert_eq!(numbers.len() % 2, 0, "{iso2}: pairs");
    for pair in numbers.chunks(2) {
        assert!((0.0..=VIEW_WIDTH).contains(&pair[0]) && (0.0..=VIEW_HEIGHT).contains(&pair[1]), "{iso2}: {pair:?}");
    }
}

fn bounds(path: &str) -> (f32, f32, f32, f32) {
    let numbers: Vec<f32> = path.split(['M', 'L', 'Z', ' ', ',']).filter_map(|n| n.parse().ok()).collect();
    let xs = numbers.iter().step_by(2);
    let ys = numbers.iter().skip(1).step_by(2);
    let (x0, x1) = xs.fold((f32::MAX, f32::MIN), |(lo, hi), x| (lo.min(*x), hi.max(*x)));
    let (y0, y1) = ys.fold((f32::MAX, f32::MIN), |(lo, hi), y| (lo.min(*y), hi.max(*y)));
    (x0, x1, y0, y1)
}

fn inside(point: (f32, f32), (x0, x1, y0, y1): (f32, f32, f32, f32)) -> bool {
    (x0..=x1).contains(&point.0) && (y0..=y1).contains(&point.1)
}

fn path_of(iso2: &str) -> &'static str {
    countries().iter().find(|country| country.iso2 == iso2).unwrap().path
}

#[test]
fn country_paths_are_plain_path_data_inside_the_view_box() {
    let countries = countries();
    assert!(countries.windows(2).all(|pair| pair[0].iso2 < pair[1].iso2), "sorted by code");
    let with_outline = countries.iter().filter(|country| !country.path.is_empty()).count();
    assert!(with_outline > 170, "{with_outline} outlines");
    for country in countries {
        if !country.path.is_empty() {
            check_path(country.iso2, country.path);
        }
        let (x, y) = country.anchor;
        assert!((0.0..=VIEW_WIDTH).contains(&x) && (0.0..=VIEW_HEIGHT).contains(&y), "{}", country.iso2);
    }
}

#[test]
fn every_country_of_the_gazetteer_has_an_anchor() {
    for place in gazetteer().places().iter().filter(|place| place.kind == PlaceKind::Country) {
        assert!(anchor(&place.id).is_some(), "{} has no anchor", place.id);
    }
    assert!(anchor("UA-43").is_some());
    assert_eq!(anchor("ZZ"), None);
}

#[test]
fn projection_agrees_with_the_outlines() {
    let russia = bounds(path_of("RU"));
    for (lat, lon) in [(55.75, 37.62), (43.1, 131.9), (54.71, 20.51), (64.73, 177.5)] {
        assert!(inside(project(lat, lon), russia), "{lat} {lon}: {:?} outside {russia:?}", project(lat, lon));
    }
    // The anchor of Russia is inside its outline's box, and other capitals land in their countries' boxes.
    assert!(inside(anchor("RU").unwrap(), russia));
    for (iso2, lat, lon) in [("AU", -35.28, 149.13), ("US", 38.9, -77.04), ("BR", -15.79, -47.88), ("CN", 39.9, 116.4)]
    {
        assert!(inside(project(lat, lon), bounds(path_of(iso2))), "{iso2}");
    }
    // Sevastopol is in the Crimean outline, drawn apart from Russia's.
    assert!(inside(project(44.6, 33.52), bounds(path_of("UA-43"))));
    // The edges: west is the Bering Strait, north 84°N, south 57°S.
    let (west, _) = project(0.0, -168.3);
    let (east, _) = project(0.0, -168.5);
    assert!(west < 1.0 && east > VIEW_WIDTH - 1.0, "{west} {east}");
    assert!(project(90.0, 0.0).1.abs() < 0.01);
    assert!((project(-90.0, 0.0).1 - VIEW_HEIGHT).abs() < 1.0);
}

fn sample_world(links: &[Link]) -> String {
    let highlight = |iso2: &str| match iso2 {
        "CN" => Some(120.0),
        "BY" => Some(300.0),
        "KZ" => Some(80.0),
        "DE" => Some(40.0),
        "SG" => Some(7.0),
        "UA-43" => None,
        "IN" | "TR" | "MN" | "UZ" => Some(15.0),
        _ => None,
    };
    let name = |iso2: &str| if iso2 == "FR" { HOSTILE.to_string() } else { format!("Country {iso2}") };
    let href = |iso2: &str| (iso2 != "AQ").then(|| format!("/countries/{iso2}"));
    let format = |value: f64| format!("{value:.0}");
    world_svg(&WorldMap {
        lang: Lang::En,
        title: "Partners & <links>",
        highlight: &highlight,
        name: &name,
        href: &href,
        format: &format,
        links,
    })
}

fn sample_links() -> Vec<Link> {
    let moscow = project(55.75, 37.62);
    let novosibirsk = project(55.03, 82.92);
    let vladivostok = project(43.1, 131.9);
    vec![
        Link { from: moscow, to: anchor("BY").unwrap(), weight: 300.0, title: HOSTILE.to_string(), href: None },
        Link {
            from: moscow,
            to: anchor("DE").unwrap(),
            weight: 40.0,
            title: "Moscow — Germany".into(),
            href: Some("/l?a&b".into()),
        },
        Link {
            from: novosibirsk,
            to: anchor("KZ").unwrap(),
            weight: 80.0,
            title: "Novosibirsk — Kazakhstan".into(),
            href: None,
        },
        Link {
            from: vladivostok,
            to: anchor("CN").unwrap(),
            weight: 120.0,
            title: "Vladivostok — China".into(),
            href: None,
        },
        Link { from: moscow, to: anchor("SG").unwrap(), weight: 7.0, title: "Moscow — Singapore".into(), href: None },
        Link { from: moscow, to: anchor("BR").unwrap(), weight: 3.0, title: "Moscow — Brazil".into(), href: None },
    ]
}

#[test]
fn world_map_is_well_formed_escaped_and_complete() {
    let links = sample_links();
    let svg = sample_world(&links);
    let names = well_formed(&svg);
    assert!(!svg.contains("<script"));
    assert!(svg.contains("Partners &amp; &lt;links&gt;"));
    let outlines = countries().iter().filter(|country| !country.path.is_empty()).count();
    assert_eq!(count(&svg, "<path data-id="), outlines);
    assert_eq!(count(&svg, "<circle data-id=\"SG\""), 1);
    assert_eq!(count(&svg, "stroke-dasharray=\"1.5 1\""), 1);
    assert!(svg.contains("<title>Country CN — 120</title>"));
    assert!(svg.contains("<title>&lt;script&gt;"));
    assert_eq!(names.iter().filter(|name| *name == "path").count(), outlines + links.len() + 1);
    assert!(svg.contains(">no data</text>") && svg.contains(">link (width: weight)</text>"));
    assert!(svg.contains("href=\"&#x2F;l?a&amp;b\""));
}

#[test]
fn world_map_without_values_or_links() {
    let highlight = |_: &str| None;
    let name = |iso2: &str| iso2.to_string();
    let href = |_: &str| None;
    let format = |value: f64| value.to_string();
    let svg = world_svg(&WorldMap {
        lang: Lang::Ru,
        title: "Мир",
        highlight: &highlight,
        name: &name,
        href: &href,
        format: &format,
        links: &[],
    });
    well_formed(&svg);
    assert!(!svg.contains("<a "));
    assert!(!svg.contains("<circle"));
    assert!(!svg.contains("нет данных"), "no legend without values");
}

/// Writes both maps for a look (in the browser, or as PNG with a headless one).
#[test]
fn write_maps_for_a_look() {
    let folder = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("maps");
    std::fs::create_dir_all(&folder).unwrap();
    let files = [
        ("cartogram-en.svg", cartogram(Lang::En, true, &sample_value)),
        ("cartogram-ru.svg", cartogram(Lang::Ru, false, &sample_value)),
        ("world.svg", sample_world(&sample_links())),
    ];
    for (file, svg) in files {
        std::fs::write(folder.join(file), svg).unwrap();
    }
}

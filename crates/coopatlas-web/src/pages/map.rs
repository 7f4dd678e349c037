//! Maps: Russia's regions as a tile-grid cartogram coloured by a chosen measure, and the
//! partner links between countries on a world map (Natural Earth outlines shipped with the
//! project). Both are inline SVG from `coopatlas-maps`; each tile and country links onward.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use axum::extract::State;
use axum::response::Response;
use axum_extra::extract::Query;
use coopatlas_analytics::{Filter, Lang, Scope};
use maud::{Markup, PreEscaped, html};
use serde::{Deserialize, Serialize};

use super::{filter_form, int, place_name};
use crate::auth::Viewer;
use crate::error::AppError;
use crate::layout::{Section, page as frame};
use crate::params::FilterParams;
use crate::state::{Analyzed, Atlas};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct MapParams {
    /// The analytic filter.
    #[serde(flatten)]
    pub filter: FilterParams,
    /// What colours the regions: `partners`, `international`, `interregional`, `agreements` or
    /// `documents`.
    pub measure: Option<String>,
    /// Show the contested territories (as the gazetteer's policy describes them).
    pub contested: Option<String>,
}

const MEASURES: [&str; 5] = ["partners", "international", "interregional", "agreements", "documents"];

fn measure_name(measure: &str, lang: Lang) -> &'static str {
    match measure {
        "international" => lang.pick("зарубежные партнёры", "partners abroad"),
        "interregional" => lang.pick("партнёры в России", "partners in Russia"),
        "agreements" => lang.pick("партнёры с соглашениями", "partners with agreements"),
        "documents" => lang.pick("документы о регионе", "documents about the region"),
        _ => lang.pick("все партнёры", "all partners"),
    }
}

/// Per Russian region (cities rolled up into their region): the partners of its places outside
/// it, by scope and with agreements, and the documents whose subject lies in it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RegionCounts {
    pub partners: usize,
    pub international: usize,
    pub interregional: usize,
    pub agreements: usize,
    pub documents: usize,
}

/// Country pairs of international partnerships.
#[derive(Debug, Clone, Serialize)]
pub struct CountryLink {
    pub a: String,
    pub b: String,
    /// Partnerships (pairs of places) between the two countries.
    pub partnerships: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Maps {
    pub filter: Filter,
    pub regions: BTreeMap<String, RegionCounts>,
    pub countries: BTreeMap<String, usize>,
    pub links: Vec<CountryLink>,
}

pub fn maps(atlas: &Atlas, analyzed: &Analyzed, filter: &Filter) -> Maps {
    let geography = &atlas.geography;
    let analysis = &analyzed.analysis;
    let region_of = |id: &str| -> Option<String> {
        let area = geography.area(id)?;
        (area.country == "RU" || geography.federal_district(id).is_some()).then(|| area.region.clone()).flatten()
    };
    let mut partners: BTreeMap<String, [BTreeSet<&str>; 4]> = BTreeMap::new();
    let mut pairs: BTreeMap<(String, String), usize> = BTreeMap::new();
    for partnership in &analysis.partnerships {
        for (here, there) in [(&partnership.a, &partnership.b), (&partnership.b, &partnership.a)] {
            let Some(region) = region_of(here) else { continue };
            if geography.lies_in(there, &region) {
                continue;
            }
            let sets = partners.entry(region).or_default();
            sets[0].insert(there);
            if partnership.scope == Scope::International {
                sets[1].insert(there);
            } else {
                sets[2].insert(there);
            }
            if partnership.agreements() > 0 {
                sets[3].insert(there);
            }
        }
        if partnership.scope == Scope::International {
            let (a, b) = (geography.country(&partnership.a).to_string(), geography.country(&partnership.b).to_string());
            let key = if a <= b { (a, b) } else { (b, a) };
            *pairs.entry(key).or_default() += 1;
        }
    }
    let mut regions: BTreeMap<String, RegionCounts> = partners
        .into_iter()
        .map(|(region, sets)| {
            let counts = RegionCounts {
                partners: sets[0].len(),
                international: sets[1].len(),
                interregional: sets[2].len(),
                agreements: sets[3].len(),
                documents: 0,
            };
            (region, counts)
        })
        .collect();
    for document in &analysis.documents {
        if let Some(region) = document.subject.as_deref().and_then(region_of) {
            regions.entry(region).or_default().documents += 1;
        }
    }
    let mut countries: BTreeMap<String, usize> = BTreeMap::new();
    for ((a, b), count) in &pairs {
        *countries.entry(a.clone()).or_default() += count;
        *countries.entry(b.clone()).or_default() += count;
    }
    let links = pairs.into_iter().map(|((a, b), partnerships)| CountryLink { a, b, partnerships }).collect();
    Maps { filter: filter.clone(), regions, countries, links }
}

pub async fn page(
    State(atlas): State<Arc<Atlas>>,
    viewer: Viewer,
    Query(params): Query<MapParams>,
) -> Result<Response, AppError> {
    let filter = params.filter.filter(atlas.gazetteer())?;
    let measure = match params.measure.as_deref().map(str::trim).unwrap_or("") {
        "" => "partners",
        text => MEASURES.into_iter().find(|measure| *measure == text).ok_or_else(|| {
            AppError::bad_request(
                "unknown_measure",
                format!("unknown measure {text:?}; known: {}", MEASURES.join(", ")),
            )
        })?,
    };
    let show_contested = matches!(params.contested.as_deref(), Some("on" | "true" | "1"));
    let analyzed = atlas.analysis(&filter).await?;
    let lang = viewer.lang;
    let maps = maps(&atlas, &analyzed, &filter);
    let body = body(&atlas, &maps, measure, show_contested, lang);
    Ok(frame(&viewer, Section::Map, lang.pick("Карта", "Map"), body))
}

fn body(atlas: &Atlas, maps: &Maps, measure: &'static str, show_contested: bool, lang: Lang) -> Markup {
    let maps_lang = match lang {
        Lang::Ru => coopatlas_maps::Lang::Ru,
        Lang::En => coopatlas_maps::Lang::En,
    };
    let value = |id: &str| -> Option<f64> {
        let counts = maps.regions.get(id)?;
        Some(match measure {
            "international" => counts.international,
            "interregional" => counts.interregional,
            "agreements" => counts.agreements,
            "documents" => counts.documents,
            _ => counts.partners,
        } as f64)
    };
    let name = |id: &str| place_name(atlas, id, lang);
    let href = |id: &str| Some(format!("/places/{}", crate::params::encode(id)));
    let format = |value: f64| int(value.round() as usize, lang);
    let title = measure_name(measure, lang);
    let cartogram = coopatlas_maps::cartogram_svg(&coopatlas_maps::Cartogram {
        lang: maps_lang,
        title,
        show_contested,
        value: &value,
        name: &name,
        href: &href,
        format: &format,
    });
    let links: Vec<coopatlas_maps::Link> = maps
        .links
        .iter()
        .filter_map(|link| {
            Some(coopatlas_maps::Link {
                from: coopatlas_maps::anchor(&link.a)?,
                to: coopatlas_maps::anchor(&link.b)?,
                weight: link.partnerships as f64,
                title: format!("{} — {}: {}", name(&link.a), name(&link.b), link.partnerships),
                href: Some(crate::params::url("/registry", &[("place", link.a.clone()), ("place", link.b.clone())])),
            })
        })
        .collect();
    let highlight = |id: &str| maps.countries.get(id).map(|count| *count as f64);
    let world_title = lang.pick("Международные пары партнёров по странам", "International partner pairs by country");
    let world = coopatlas_maps::world_svg(&coopatlas_maps::WorldMap {
        lang: maps_lang,
        title: world_title,
        highlight: &highlight,
        name: &name,
        href: &href,
        format: &format,
        links: &links,
    });
    let controls = html! {
        label { (lang.pick("Мера", "Measure")) " "
            select name="measure" {
                @for key in MEASURES { option value=(key) selected[key == measure] { (measure_name(key, lang)) } }
            }
        }
        label { (lang.pick("Спорные территории", "Contested territories")) " "
            input type="checkbox" name="contested" value="on" checked[show_contested];
        }
    };
    let mut ranked: Vec<(&String, &usize)> = maps.countries.iter().filter(|(id, _)| *id != "RU").collect();
    ranked.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    html! {
        h1 { (lang.pick("Карта сотрудничества", "Map of cooperation")) }
        (filter_form("/map", &maps.filter, lang, controls))
        figure.map #cartogram {
            figcaption { (lang.pick("Регионы России: ", "Russia's regions: ")) (title)
                " " small { (lang.pick("(города учтены в своих регионах; наведите на клетку)", "(cities count in their regions; hover a tile)")) } }
            div.map-view data-pan-zoom { (PreEscaped(cartogram)) }
        }
        figure.map #world {
            figcaption { (world_title) }
            div.map-view data-pan-zoom { (PreEscaped(world)) }
        }
        h2 { (lang.pick("Страны-партнёры", "Partner countries")) }
        table.data #countries {
            thead { tr { th { (lang.pick("Страна", "Country")) } th.num { (lang.pick("Пары партнёров", "Partner pairs")) } } }
            tbody {
                @for (id, count) in ranked.into_iter().take(30) {
                    tr { td { a href=(format!("/places/{id}")) { (name(id)) } } td.num { (int(*count, lang)) } }
                }
            }
        }
    }
}

//! Where places roll up: city → region → country, and a Russian region into its federal
//! district, economic region and associations — with the contested-territories policy of
//! `data/gazetteer/README.md` as an explicit choice.

use coopatlas_gazetteer::{Contested, Gazetteer, PlaceKind};
use rustc_hash::FxHashMap;
use serde::Serialize;

/// How places whose status is disputed roll up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Contest {
    /// ISO 3166: Crimea is `UA-43` in Ukraine, in no federal district (the default).
    #[default]
    Iso,
    /// The claimant's administrative view: the territory rolls up into the claiming state and the
    /// federal district it assigns.
    Claimed,
}

/// Everything a place rolls up into.
#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    pub id: String,
    pub kind: PlaceKind,
    pub country: String,
    /// The first-level region (the place itself for a region; its parent region for a city).
    pub region: Option<String>,
    pub federal_district: Option<String>,
    pub economic_region: Option<String>,
    pub associations: Vec<String>,
    /// The place and every place it lies in, innermost first.
    pub chain: Vec<String>,
    pub name_en: String,
    pub name_ru: Option<String>,
    pub coordinates: Option<(f64, f64)>,
}

impl Area {
    pub fn name(&self, lang: crate::Lang) -> &str {
        match lang {
            crate::Lang::Ru => self.name_ru.as_deref().unwrap_or(&self.name_en),
            crate::Lang::En => &self.name_en,
        }
    }
}

/// Rollups of every place of a gazetteer under one policy.
#[derive(Debug, Clone)]
pub struct Geography {
    areas: FxHashMap<String, Area>,
    contest: Contest,
}

impl Geography {
    pub fn new(gazetteer: &Gazetteer, contested: &[Contested], contest: Contest) -> Geography {
        let claims: FxHashMap<&str, &Contested> =
            contested.iter().map(|territory| (territory.id.as_str(), territory)).collect();
        let mut areas = FxHashMap::default();
        for place in gazetteer.places() {
            let mut chain = vec![place.id.clone()];
            let mut parent = place.parent.clone();
            while let Some(id) = parent {
                if chain.contains(&id) || chain.len() > 4 {
                    break;
                }
                parent = gazetteer.index_of(&id).and_then(|index| gazetteer.place(index).parent.clone());
                chain.push(id);
            }
            let region = match place.kind {
                PlaceKind::Region => Some(place.id.clone()),
                PlaceKind::City => chain[1..]
                    .iter()
                    .find(|id| {
                        gazetteer.index_of(id).is_some_and(|index| gazetteer.place(index).kind == PlaceKind::Region)
                    })
                    .cloned(),
                _ => None,
            };
            let mut area = Area {
                id: place.id.clone(),
                kind: place.kind,
                country: place.country.clone(),
                region: region.clone(),
                federal_district: place.federal_district.clone(),
                economic_region: place.economic_region.clone(),
                associations: place.associations.clone(),
                chain,
                name_en: place.name_en.clone(),
                name_ru: place.name_ru.clone(),
                coordinates: place.coordinates,
            };
            if contest == Contest::Claimed
                && let Some(claim) = region.as_deref().and_then(|region| claims.get(region))
            {
                area.country = claim.claimed_by.clone();
                area.federal_district = claim.claimed_federal_district.clone();
                if let Some(last) = area.chain.last_mut()
                    && gazetteer.index_of(last).is_some_and(|index| gazetteer.place(index).kind == PlaceKind::Country)
                {
                    *last = claim.claimed_by.clone();
                }
            }
            areas.insert(place.id.clone(), area);
        }
        Geography { areas, contest }
    }

    pub fn contest(&self) -> Contest {
        self.contest
    }

    pub fn area(&self, id: &str) -> Option<&Area> {
        self.areas.get(id)
    }

    /// True when `place` is `within` or lies inside it (a city inside its region or country).
    pub fn lies_in(&self, place: &str, within: &str) -> bool {
        match self.areas.get(place) {
            Some(area) => area.chain.iter().any(|id| id == within),
            None => place == within,
        }
    }

    pub fn federal_district(&self, place: &str) -> Option<&str> {
        self.areas.get(place).and_then(|area| area.federal_district.as_deref())
    }

    pub fn country<'a>(&'a self, place: &'a str) -> &'a str {
        self.areas.get(place).map_or(place, |area| area.country.as_str())
    }

    /// The place's name in `lang`, or its id when the gazetteer does not know it.
    pub fn name<'a>(&'a self, place: &'a str, lang: crate::Lang) -> &'a str {
        self.areas.get(place).map_or(place, |area| area.name(lang))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cities_roll_up_into_regions_districts_and_countries() {
        let gazetteer = Gazetteer::bundled();
        let geography = Geography::new(&gazetteer, &coopatlas_gazetteer::contested(), Contest::Iso);
        let kazan = gazetteer.places().iter().find(|place| place.name_en == "Kazan").expect("Kazan");
        let area = geography.area(&kazan.id).expect("area");
        assert_eq!(area.region.as_deref(), Some("RU-TA"));
        assert_eq!(area.federal_district.as_deref(), Some("volga"));
        assert!(geography.lies_in(&kazan.id, "RU-TA"));
        assert!(geography.lies_in(&kazan.id, "RU"));
        assert!(!geography.lies_in(&kazan.id, "RU-BA"));
        assert!(geography.lies_in("RU-KGD", "RU-KGD"));
        assert_eq!(geography.federal_district("BY-MI"), None);
        assert!(geography.lies_in("unknown:1", "unknown:1"));
    }

    #[test]
    fn the_contested_rollup_is_a_choice() {
        let gazetteer = Gazetteer::bundled();
        let contested = coopatlas_gazetteer::contested();
        let iso = Geography::new(&gazetteer, &contested, Contest::Iso);
        let claimed = Geography::new(&gazetteer, &contested, Contest::Claimed);
        assert_eq!((iso.country("UA-43"), iso.federal_district("UA-43")), ("UA", None));
        assert_eq!((claimed.country("UA-43"), claimed.federal_district("UA-43")), ("RU", Some("southern")));
        assert!(iso.lies_in("UA-43", "UA") && !iso.lies_in("UA-43", "RU"));
        assert!(claimed.lies_in("UA-43", "RU") && !claimed.lies_in("UA-43", "UA"));
        assert_eq!(claimed.country("UA-30"), "UA", "Kyiv city is not claimed");
    }
}

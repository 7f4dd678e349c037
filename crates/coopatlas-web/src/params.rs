//! Query parameters: the filter every analytic page shares, read from the URL and written back
//! into links, so that a page's URL is its state and can be shared.

use coopatlas_analytics::filter::FilterText;
use coopatlas_analytics::{Filter, Scope};
use coopatlas_gazetteer::Gazetteer;
use serde::Deserialize;

use crate::error::AppError;

/// The filter as it arrives in a query string: repeated keys (`district=a&district=b`) or one
/// key with commas. Blank values (an unselected `<select>`) mean "no choice".
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct FilterParams {
    #[serde(deserialize_with = "one_or_many")]
    pub district: Vec<String>,
    #[serde(deserialize_with = "one_or_many")]
    pub place: Vec<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    #[serde(deserialize_with = "one_or_many")]
    pub language: Vec<String>,
    #[serde(deserialize_with = "one_or_many")]
    pub genre: Vec<String>,
    #[serde(deserialize_with = "one_or_many")]
    pub sphere: Vec<String>,
    #[serde(deserialize_with = "one_or_many")]
    pub form: Vec<String>,
    pub scope: Option<String>,
}

/// A key given once or repeated. Needed because pages embed this struct with `#[serde(flatten)]`,
/// which hands a lone value over as a string, not as a list of one.
pub fn one_or_many<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(deserializer)? {
        OneOrMany::One(value) => vec![value],
        OneOrMany::Many(values) => values,
    })
}

fn split(values: &[String]) -> Vec<String> {
    values
        .iter()
        .flat_map(|value| value.split(','))
        .map(|value| value.trim().to_string())
        .filter(|value| !value.is_empty())
        .collect()
}

fn year(name: &str, value: Option<&str>) -> Result<Option<i32>, AppError> {
    match value.map(str::trim).filter(|value| !value.is_empty()) {
        None => Ok(None),
        Some(text) => match text.parse::<i32>() {
            Ok(year) if (1000..=9999).contains(&year) => Ok(Some(year)),
            _ => Err(AppError::bad_request("bad_year", format!("{name} must be a year such as 2021, not {text:?}"))),
        },
    }
}

impl FilterParams {
    /// The checked filter, or a 400 that says what was wrong.
    pub fn filter(&self, gazetteer: &Gazetteer) -> Result<Filter, AppError> {
        let text = FilterText {
            districts: split(&self.district),
            places: split(&self.place),
            from: year("from", self.from.as_deref())?,
            to: year("to", self.to.as_deref())?,
            languages: split(&self.language),
            genres: split(&self.genre),
            spheres: split(&self.sphere),
            forms: split(&self.form),
            scope: self.scope.clone(),
        };
        Ok(text.parse(gazetteer)?)
    }
}

/// A filter as query pairs, in a fixed order, so equal filters give equal URLs.
pub fn filter_pairs(filter: &Filter) -> Vec<(&'static str, String)> {
    let mut pairs = Vec::new();
    pairs.extend(filter.districts.iter().map(|value| ("district", value.clone())));
    pairs.extend(filter.places.iter().map(|value| ("place", value.clone())));
    if let Some(from) = filter.from {
        pairs.push(("from", from.to_string()));
    }
    if let Some(to) = filter.to {
        pairs.push(("to", to.to_string()));
    }
    pairs.extend(filter.languages.iter().map(|value| ("language", value.clone())));
    pairs.extend(filter.genres.iter().map(|value| ("genre", value.clone())));
    pairs.extend(filter.spheres.iter().map(|value| ("sphere", value.clone())));
    pairs.extend(filter.forms.iter().map(|value| ("form", value.clone())));
    if let Some(scope) = filter.scope {
        pairs.push(("scope", Scope::as_str(scope).to_string()));
    }
    pairs
}

/// `path?key=value&...` with every part percent-encoded.
pub fn url(path: &str, pairs: &[(&str, String)]) -> String {
    if pairs.is_empty() {
        return path.to_string();
    }
    let query: Vec<String> = pairs.iter().map(|(key, value)| format!("{key}={}", encode(value))).collect();
    format!("{path}?{}", query.join("&"))
}

/// Percent-encoding of a query value (RFC 3986 unreserved characters stay).
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filter_survives_its_url() {
        let gazetteer = Gazetteer::bundled();
        let params = FilterParams {
            district: vec!["far_eastern,central".into()],
            place: vec!["Амурской области".into()],
            from: Some("2019".into()),
            to: Some(" ".into()),
            sphere: vec!["".into(), "education".into()],
            ..FilterParams::default()
        };
        let filter = params.filter(&gazetteer).unwrap();
        assert_eq!(filter.districts, ["far_eastern", "central"]);
        assert_eq!(filter.places, ["RU-AMU"]);
        assert_eq!((filter.from, filter.to), (Some(2019), None));
        assert_eq!(filter.spheres, ["education"]);
        let link = url("/", &filter_pairs(&filter));
        assert_eq!(link, "/?district=far_eastern&district=central&place=RU-AMU&from=2019&sphere=education");
    }

    #[test]
    fn bad_values_are_named() {
        let gazetteer = Gazetteer::bundled();
        let bad = |params: FilterParams| params.filter(&gazetteer).unwrap_err();
        assert_eq!(bad(FilterParams { from: Some("20x".into()), ..Default::default() }).code, "bad_year");
        assert_eq!(bad(FilterParams { sphere: vec!["magic".into()], ..Default::default() }).code, "unknown_key");
        assert_eq!(bad(FilterParams { place: vec!["Нарния".into()], ..Default::default() }).code, "unknown_place");
        let period = bad(FilterParams { from: Some("2022".into()), to: Some("2020".into()), ..Default::default() });
        assert_eq!(period.code, "bad_period");
        assert_eq!(bad(FilterParams { scope: Some("galactic".into()), ..Default::default() }).code, "unknown_scope");
    }

    #[test]
    fn query_values_are_encoded() {
        assert_eq!(encode("Москва & <b>"), "%D0%9C%D0%BE%D1%81%D0%BA%D0%B2%D0%B0%20%26%20%3Cb%3E");
    }
}

#[cfg(test)]
mod flatten_tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    struct Page {
        #[serde(default)]
        q: Option<String>,
        #[serde(flatten)]
        filter: FilterParams,
    }

    #[test]
    fn a_page_query_carries_the_filter_with_repeated_keys() {
        let uri: axum::http::Uri = "/x?q=a&district=ural&district=central&from=2020&sphere=trade".parse().unwrap();
        let axum_extra::extract::Query(page) = axum_extra::extract::Query::<Page>::try_from_uri(&uri).unwrap();
        assert_eq!(page.q.as_deref(), Some("a"));
        assert_eq!(page.filter.district, ["ural", "central"]);
        assert_eq!(page.filter.from.as_deref(), Some("2020"));
        assert_eq!(page.filter.sphere, ["trade"]);
        let uri: axum::http::Uri = "/x?district=ural".parse().unwrap();
        let axum_extra::extract::Query(page) = axum_extra::extract::Query::<Page>::try_from_uri(&uri).unwrap();
        assert_eq!(page.filter.district, ["ural"]);
    }
}

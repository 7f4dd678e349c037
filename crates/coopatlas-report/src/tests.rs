use std::collections::{HashMap, HashSet};

use coopatlas_analytics::{Analyzer, Filter, Lang};
use scraper::{ElementRef, Html, Selector};

use super::*;

#[path = "../tests/common/mod.rs"]
#[allow(dead_code)]
mod common;

fn options(lang: Lang) -> Options {
    Options {
        lang,
        generated: "test atlas · 2026-01-01 · coopatlas 0.1.0".into(),
        command: "coopatlas report --out report.html".into(),
        ..Options::default()
    }
}

/// Renders the sample atlas with its passages.
fn sample(lang: Lang, options_change: impl FnOnce(&mut Options)) -> String {
    let geography = common::geography();
    let analysis = common::analysis(&geography, Filter::default());
    let mut options = options(lang);
    options_change(&mut options);
    let needed = evidence_needed(&analysis, &geography, &options);
    let passages = common::passages(&analysis, &needed);
    render(&analysis, &geography, &passages, &options)
}

fn select<'a>(document: &'a Html, selector: &str) -> Vec<ElementRef<'a>> {
    document.select(&Selector::parse(selector).expect("selector")).collect()
}

fn text(element: ElementRef) -> String {
    element.text().collect::<String>()
}

/// Every id is unique and valid, and every in-page link has its target.
fn check_links(html: &str) {
    let document = Html::parse_document(html);
    let mut ids = HashSet::new();
    for element in select(&document, "[id]") {
        let id = element.value().attr("id").expect("id");
        assert!(!id.is_empty() && !id.contains(char::is_whitespace), "invalid id {id:?}");
        assert!(ids.insert(id.to_string()), "duplicate id {id:?}");
    }
    let mut links = 0;
    for element in select(&document, "a[href]") {
        let href = element.value().attr("href").expect("href");
        let target = href.strip_prefix('#').unwrap_or_else(|| panic!("a link out of the page: {href}"));
        assert!(ids.contains(target), "link to a missing id: {href}");
        links += 1;
    }
    assert!(links > 0);
}

fn headings(html: &str) -> Vec<String> {
    let document = Html::parse_document(html);
    select(&document, "h2").into_iter().map(text).collect()
}

/// The text of the district × sphere cell.
fn district_cell(html: &str, district: &str, sphere: &str) -> String {
    let document = Html::parse_document(html);
    let table = select(&document, "table.grid").into_iter().next().expect("district table");
    let column = labels::SPHERES.iter().position(|(key, _, _)| *key == sphere).expect("sphere");
    let row_selector = Selector::parse("tbody tr").expect("selector");
    let cell_selector = Selector::parse("td").expect("selector");
    let header_selector = Selector::parse("th").expect("selector");
    for row in table.select(&row_selector) {
        let name = row.select(&header_selector).next().map(text).unwrap_or_default();
        if name == district {
            let cells: Vec<ElementRef> = row.select(&cell_selector).collect();
            // The share and, below it, the count.
            return cells[1 + column].text().collect::<Vec<_>>().join("|");
        }
    }
    panic!("no row {district}");
}

use coopatlas_analytics::labels;

#[test]
fn every_link_resolves_and_ids_are_unique() {
    for lang in [Lang::Ru, Lang::En] {
        let html = sample(lang, |_| {});
        check_links(&html);
        assert!(html.starts_with("<!DOCTYPE html>\n"));
        assert!(html.contains(&format!("<html lang=\"{}\">", lang.code())));
        assert!(html.contains("<meta charset=\"utf-8\">"));
        assert!(html.contains("default-src 'none'; style-src 'unsafe-inline'; img-src data:"));
        assert!(!html.contains("<script"), "no script, and no script from documents");
        assert!(!html.contains("http://example.invalid"), "a sentence's markup is escaped");
    }
}

#[test]
fn a_hostile_title_and_sentence_stay_text() {
    let html = sample(Lang::Ru, |_| {});
    let document = Html::parse_document(&html);
    assert!(select(&document, "script").is_empty());
    assert!(select(&document, "img").is_empty());
    let body = text(select(&document, "body")[0]);
    assert!(body.contains(common::HOSTILE_TITLE), "the title is shown as text");
    assert!(body.contains("onerror=\"alert(2)\""), "the sentence is shown as text");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;"));
}

#[test]
fn headings_in_the_reports_language() {
    let ru = headings(&sample(Lang::Ru, |_| {}));
    for heading in [
        "Обзор",
        "Федеральные округа, сферы и глубина",
        "Динамика по годам",
        "Числовые показатели",
        "Методика",
        "Приложение А. Доказательства",
        "Приложение Б. Документы",
    ] {
        assert!(ru.iter().any(|h| h == heading), "{heading} in {ru:?}");
    }
    let en = headings(&sample(Lang::En, |_| {}));
    for heading in [
        "Overview",
        "Federal districts, spheres and depth",
        "Per year",
        "Figures",
        "Methods",
        "Appendix A. Evidence",
        "Appendix B. Documents",
    ] {
        assert!(en.iter().any(|h| h == heading), "{heading} in {en:?}");
    }
    let ru_html = sample(Lang::Ru, |_| {});
    assert!(
        ru_html.contains("Северо-Западный ФО") && ru_html.contains("туризм") && ru_html.contains("Гродненская область")
    );
    assert!(!ru_html.contains("Northwestern FD"));
    let en_html = sample(Lang::En, |_| {});
    assert!(en_html.contains("Northwestern FD") && en_html.contains("tourism") && en_html.contains("Grodno Region"));
}

#[test]
fn the_district_sphere_cell_is_the_share_of_the_districts_documents() {
    // Three documents about Kaliningrad (northwestern), two of them with tourism.
    let ru = district_cell(&sample(Lang::Ru, |_| {}), "Северо-Западный ФО", "tourism");
    assert_eq!(ru, "66,7|2");
    let en = district_cell(&sample(Lang::En, |_| {}), "Northwestern FD", "tourism");
    assert_eq!(en, "66.7|2");
    let volga = district_cell(&sample(Lang::En, |_| {}), "Volga FD", "industry");
    assert_eq!(volga, "100.0|1");
    let empty = district_cell(&sample(Lang::En, |_| {}), "Central FD", "industry");
    assert_eq!(empty, "—");
    let none = district_cell(&sample(Lang::En, |_| {}), "Volga FD", "tourism");
    assert_eq!(none, "0");
    // The document without a subject makes the row outside the districts.
    let outside = district_cell(&sample(Lang::Ru, |_| {}), "вне федеральных округов", "culture");
    assert_eq!(outside, "100,0|1");
}

#[test]
fn evidence_quotes_the_needed_sentences_and_caps_each_cell() {
    let geography = common::geography();
    let analysis = common::analysis(&geography, Filter::default());
    let options = Options { evidence_per_cell: 1, ..options(Lang::Ru) };
    let needed = evidence_needed(&analysis, &geography, &options);
    assert!(!needed.is_empty());
    let mut sorted = needed.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted, needed, "sorted, once each");
    let passages = common::passages(&analysis, &needed);
    let html = render(&analysis, &geography, &passages, &options);
    check_links(&html);
    assert!(html.contains("… и ещё 1 документ<"), "the tourism cell of the northwestern district quotes one of two");
    assert!(html.contains("(предложение недоступно)"), "one passage is missing on purpose");
    let quoted = passages.values().find(|sentence| sentence.starts_with("Предложение")).expect("a sentence");
    assert!(html.contains(&html::esc(quoted)));
    // Every quoted document has its row in the documents appendix, and only those.
    let document = Html::parse_document(&html);
    let rows = select(&document, "table.docs tbody tr");
    assert!(!rows.is_empty() && rows.len() <= analysis.documents.len());
    assert!(rows.iter().all(|row| row.value().attr("id").is_some_and(|id| id.starts_with("doc-"))));
    assert!(html.contains("id=\"doc-a1b2c3d4e5f6\""));
    let en = render(&analysis, &geography, &HashMap::new(), &Options { lang: Lang::En, ..options });
    assert!(en.contains("(sentence not available)") && en.contains("… and 1 more document<"));
}

#[test]
fn counts_and_numbers_in_the_overview() {
    let html = sample(Lang::Ru, |_| {});
    let document = Html::parse_document(&html);
    let cards: Vec<String> = select(&document, ".card").into_iter().map(text).collect();
    assert!(cards.contains(&"6документов учтено".to_string()), "{cards:?}");
    assert!(cards.contains(&"1из них без даты".to_string()), "{cards:?}");
    assert!(html.contains("без фильтра"));
    assert!(html.contains("по ISO 3166"));
    assert!(html.contains("без извлечённых фактов (не учтены): 1"));
    // Trade figures are never summed: the pair's group shows 2 figures from 120 and 95 million.
    assert!(html.contains("95\u{a0}млн") && html.contains("120\u{a0}млн"));
    assert!(!html.contains("215\u{a0}млн"));
    assert!(html.contains("<svg"));
    assert!(html.contains("coopatlas report --out report.html"));
    let en = sample(Lang::En, |options| options.title = Some("Border regions & <friends>".into()));
    assert!(en.contains("<title>Border regions &amp; &lt;friends&gt;</title>"));
    assert!(en.contains("no filter"));
}

#[test]
fn a_filter_is_printed_in_words() {
    let geography = common::geography();
    let filter = Filter {
        districts: vec!["northwestern".into()],
        from: Some(2019),
        to: Some(2021),
        spheres: vec!["tourism".into()],
        ..Filter::default()
    };
    let analysis = common::analysis(&geography, filter);
    let html = render(&analysis, &geography, &HashMap::new(), &options(Lang::Ru));
    assert!(html.contains("федеральные округа: Северо-Западный ФО; годы: 2019–2021; сферы: туризм"), "filter in words");
    check_links(&html);
}

#[test]
fn an_empty_analysis_says_there_is_nothing() {
    let geography = common::geography();
    let analysis = Analyzer::new(&geography, Filter::default()).finish();
    assert!(evidence_needed(&analysis, &geography, &options(Lang::Ru)).is_empty());
    let ru = render(&analysis, &geography, &HashMap::new(), &options(Lang::Ru));
    assert!(ru.contains("Нет данных: ни один документ не учтён"));
    check_links(&ru);
    let en = render(&analysis, &geography, &HashMap::new(), &options(Lang::En));
    assert!(en.contains("Nothing to report"));
    check_links(&en);
    let profile =
        render(&analysis, &geography, &HashMap::new(), &Options { place: Some("RU-KGD".into()), ..options(Lang::Ru) });
    assert!(profile.contains("Нет данных"));
    check_links(&profile);
}

#[test]
fn a_place_profile() {
    let geography = common::geography();
    let analysis = common::analysis(&geography, Filter { places: vec!["RU-KGD".into()], ..Filter::default() });
    for lang in [Lang::Ru, Lang::En] {
        let options = Options { place: Some("RU-KGD".into()), ..options(lang) };
        let needed = evidence_needed(&analysis, &geography, &options);
        assert!(!needed.is_empty());
        let passages = common::passages(&analysis, &needed);
        let html = render(&analysis, &geography, &passages, &options);
        check_links(&html);
        let headings = headings(&html);
        let (name, partner, district) = match lang {
            Lang::Ru => ("Калининградская область", "Гродненская область", "Северо-Западный ФО"),
            Lang::En => ("Kaliningrad Oblast", "Grodno Region", "Northwestern FD"),
        };
        assert!(headings.iter().any(|heading| heading == name), "{headings:?}");
        assert!(html.contains(partner) && html.contains(district));
        let document = Html::parse_document(&html);
        let listed = select(&document, "#place-documents tbody tr");
        assert_eq!(listed.len(), 3, "the three Kaliningrad documents");
        assert!(!html.contains("<script"));
    }
}

#[test]
fn a_large_atlas_stays_a_reasonable_size() {
    // 100,000 documents over many regions, years and pairs: the appendices are bounded by the
    // cells shown, not by the documents.
    let geography = common::geography();
    let regions = ["RU-KGD", "RU-TA", "RU-AMU", "RU-SVE", "RU-MOW", "RU-SPE", "RU-NVS", "RU-KDA", "RU-PRI", "RU-BA"];
    let partners = ["BY-HR", "BY", "CN-HL", "BY-MI", "BY-HM", "KZ", "CN", "RU-TA", "RU-SVE", "RU-MOS"];
    let sphere_keys: Vec<&str> = labels::SPHERES.iter().map(|(key, _, _)| *key).collect();
    let base = common::inputs().remove(0);
    let mut analyzer = Analyzer::new(&geography, Filter::default());
    for index in 0..100_000usize {
        let mut input = base.clone();
        input.id = format!("{index:064x}");
        input.title = Some(format!("Document {index}"));
        input.date = Some(format!("{}-01-01", 2000 + index % 25));
        let facts = input.facts.as_mut().expect("facts");
        let subject = regions[index % regions.len()];
        let partner = partners[(index / 7) % partners.len()];
        facts.subject = Some(subject.to_string());
        facts.ties[0].a = subject.to_string();
        facts.ties[0].b = partner.to_string();
        facts.ties[0].spheres = vec![sphere_keys[index % sphere_keys.len()].to_string()];
        facts.spheres[0].sphere = sphere_keys[index % sphere_keys.len()].to_string();
        facts.depth = ["none", "shallow", "formal", "detailed"][index % 4].to_string();
        analyzer.add(input);
    }
    let analysis = analyzer.finish();
    let options = options(Lang::Ru);
    let needed = evidence_needed(&analysis, &geography, &options);
    let passages: HashMap<_, _> =
        needed.iter().map(|evidence| (*evidence, "Предложение о сотрудничестве. ".repeat(20))).collect();
    let html = render(&analysis, &geography, &passages, &options);
    assert!(html.len() < 8 << 20, "{} bytes", html.len());
    let document = Html::parse_document(&html);
    let rows = select(&document, "table.docs tbody tr").len();
    assert!(rows < 5_000, "{rows} documents in the appendix");
    check_links(&html);
}

#[test]
fn one_pass_rendering_gives_the_same_page() {
    for place in [None, Some("RU-KGD".to_string())] {
        let geography = common::geography();
        let analysis = common::analysis(&geography, Filter::default());
        let options = Options { place: place.clone(), ..Options::default() };
        let needed = evidence_needed(&analysis, &geography, &options);
        let passages: HashMap<Evidence, String> =
            needed.iter().map(|evidence| (*evidence, format!("sentence {}", evidence.span.0))).collect();
        let two_passes = render(&analysis, &geography, &passages, &options);
        let mut asked = Vec::new();
        let one_pass = render_with(&analysis, &geography, &options, |evidence| {
            asked = evidence.to_vec();
            Ok::<_, ()>(passages.clone())
        })
        .unwrap();
        assert_eq!(asked, needed, "{place:?}");
        assert_eq!(one_pass, two_passes, "{place:?}");
    }
}

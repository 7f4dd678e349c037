//! The profile of one place: who it is, its partners, the forms and spheres of its ties, its
//! agreements, figures about it, its timeline and its documents. The analysis is already
//! filtered to the place, so every tie counted has an end in it (or in a place inside it).

use std::collections::BTreeSet;
use std::fmt::Write;

use coopatlas_analytics::labels::{self, Vocabulary};
use coopatlas_analytics::measures;

use crate::atlas::partnership_table;
use crate::format::{self, int};
use crate::html::esc;
use crate::page::Page;
use crate::svg;

/// Partnerships listed in the profile.
const PARTNERSHIPS: usize = 100;
/// Documents listed in the profile (newest first).
const DOCUMENTS: usize = 100;

pub(crate) fn write(page: &mut Page, place: &str) {
    let lang = page.lang;
    let analysis = page.analysis;
    let geography = page.geography;
    let name = page.place(place);
    let title =
        page.options.title.clone().unwrap_or_else(|| format!("{}: {name}", page.t("Профиль места", "Place profile")));
    let toc = [
        ("place", page.t("Место", "Place")),
        ("partners", page.t("Партнёры", "Partners")),
        ("forms", page.t("Формы и сферы", "Forms and spheres")),
        ("figures", page.t("Числовые показатели", "Figures")),
        ("series", page.t("Динамика по годам", "Per year")),
        ("place-documents", page.t("Документы места", "The place's documents")),
        ("methods", page.t("Методика", "Methods")),
        ("evidence", page.t("Доказательства", "Evidence")),
        ("documents", page.t("Документы", "Documents")),
    ];
    page.head(
        &title,
        page.t(
            "Сотрудничество места: партнёры, формы, сферы, показатели",
            "A place's cooperation: partners, forms, spheres, figures",
        ),
        &toc,
    );

    page.section("place", &name);
    let area = geography.area(place);
    let mut facts =
        vec![(page.t("Идентификатор", "Id"), place.to_string()), (page.t("Тип", "Kind"), page.kind(place).to_string())];
    if let Some(area) = area {
        if area.country != place {
            facts.push((page.t("Страна", "Country"), page.place(&area.country)));
        }
        if let Some(region) = area.region.as_deref().filter(|region| *region != place) {
            facts.push((page.t("Регион", "Region"), page.place(region)));
        }
        if let Some(district) = &area.federal_district {
            facts.push((
                page.t("Федеральный округ", "Federal district"),
                labels::name(labels::FEDERAL_DISTRICTS, district, lang).to_string(),
            ));
        }
        if let Some(region) = &area.economic_region {
            facts.push((
                page.t("Экономический район", "Economic region"),
                labels::name(labels::ECONOMIC_REGIONS, region, lang).to_string(),
            ));
        }
        if !area.associations.is_empty() {
            let names: Vec<&str> =
                area.associations.iter().map(|key| labels::name(labels::ASSOCIATIONS, key, lang)).collect();
            facts.push((page.t("Ассоциации", "Associations"), names.join(", ")));
        }
    }
    facts.push((page.t("Фильтр", "Filter"), page.filter_words(&analysis.filter)));
    facts.push((page.t("Спорные территории", "Contested territories"), page.contest_words().to_string()));
    page.push("<dl class=\"facts\">");
    for (label, value) in &facts {
        let _ = write!(page.out, "<dt>{}</dt><dd>{}</dd>", esc(label), esc(value));
    }
    page.push("</dl>\n");
    if analysis.documents.is_empty() {
        page.empty(page.t(
            "Нет данных: ни один документ об этом месте не учтён.",
            "Nothing to report: no document about this place counts.",
        ));
    }

    let inside = |id: &str| geography.lies_in(id, place);
    let partners: BTreeSet<&str> = analysis
        .partnerships
        .iter()
        .flat_map(|partnership| [partnership.a.as_str(), partnership.b.as_str()])
        .filter(|id| !inside(id))
        .collect();
    let all: Vec<u32> = (0..analysis.documents.len() as u32).collect();
    let statements: Vec<u32> = (0..analysis.statements.len() as u32).collect();
    let agreements: Vec<u32> = statements.iter().copied().filter(|index| has_form(page, *index, "agreement")).collect();
    let documents_cell = page.documents_link(
        &all,
        "place-all-documents",
        format!("{name}: {}", page.t("все документы", "all documents")),
    );
    let statements_cell = page.statements_link(
        &statements,
        "place-all-statements",
        format!("{name}: {}", page.t("утверждения о связях", "tie statements")),
    );
    let agreements_cell = page.statements_link(
        &agreements,
        "place-all-agreements",
        format!("{name}: {}", page.t("соглашения", "agreements")),
    );
    let figures: Vec<u32> = (0..analysis.figures.len() as u32).collect();
    let figures_cell = page.figures_link(
        &figures,
        "place-all-figures",
        format!("{name}: {}", page.t("числовые показатели", "figures")),
    );
    let cards = [
        (documents_cell, page.t("документов", "documents")),
        (statements_cell, page.t("утверждений о связях", "tie statements")),
        (esc(&int(partners.len(), lang)), page.t("партнёров", "partners")),
        (agreements_cell, page.t("утверждений о соглашениях", "agreement statements")),
        (figures_cell, page.t("числовых показателей", "figures")),
    ];
    page.cards(&cards);
    if let Some(row) = measures::places(analysis).into_iter().find(|row| row.id == place) {
        let text = match lang {
            crate::Lang::Ru => format!(
                "Собственные связи места (без входящих в него мест): партнёров {}, из них международных {}, межрегиональных {}, с соглашениями {}; документов {}.",
                int(row.partners, lang),
                int(row.international_partners, lang),
                int(row.interregional_partners, lang),
                int(row.agreement_partners, lang),
                int(row.documents, lang)
            ),
            crate::Lang::En => format!(
                "The place's own ties (not counting places within it): {} partners, {} international, {} interregional, {} with agreements; {} documents.",
                int(row.partners, lang),
                int(row.international_partners, lang),
                int(row.interregional_partners, lang),
                int(row.agreement_partners, lang),
                int(row.documents, lang)
            ),
        };
        page.paragraph(&text);
    }
    page.end_section();

    page.section("partners", page.t("Партнёры", "Partners"));
    if analysis.partnerships.is_empty() {
        page.empty(page.t("Связей не найдено.", "No ties were found."));
    } else {
        let listed: Vec<u32> = (0..analysis.partnerships.len() as u32).take(PARTNERSHIPS).collect();
        partnership_table(page, &listed, Some(place));
        if analysis.partnerships.len() > PARTNERSHIPS {
            let text = match lang {
                crate::Lang::Ru => {
                    format!("Показаны {PARTNERSHIPS} пар из {}.", int(analysis.partnerships.len(), lang))
                }
                crate::Lang::En => format!("{PARTNERSHIPS} pairs of {} shown.", int(analysis.partnerships.len(), lang)),
            };
            page.paragraph(&text);
        }
    }
    page.end_section();

    page.section("forms", page.t("Формы и сферы связей", "Forms and spheres of the ties"));
    if analysis.statements.is_empty() {
        page.empty(page.t("Связей не найдено.", "No ties were found."));
    } else {
        page.paragraph(page.t(
            "Число утверждений о связях, в которых названа форма или сфера (одно утверждение может называть несколько).",
            "Tie statements naming each form or sphere (one statement may name several).",
        ));
        page.push("<div class=\"side\">");
        for (vocabulary, caption, is_form) in
            [(labels::FORMS, page.t("Формы", "Forms"), true), (labels::SPHERES, page.t("Сферы", "Spheres"), false)]
        {
            counts_table(page, vocabulary, caption, is_form, &name);
        }
        page.push("</div>\n");
        let bars: Vec<(String, f64, String)> = labels::SPHERES
            .iter()
            .map(|(key, _, _)| {
                let count = statements.iter().filter(|index| has_sphere(page, **index, key)).count();
                (labels::name(labels::SPHERES, key, lang).to_string(), count as f64, int(count, lang))
            })
            .filter(|(_, count, _)| *count > 0.0)
            .collect();
        if !bars.is_empty() {
            let chart = svg::bars(
                page.t("Сферы связей места", "Spheres of the place's ties"),
                &bars,
                svg::CATEGORICAL[0],
                page.t("число утверждений о связях", "tie statements"),
            );
            page.push(&chart);
        }
    }
    page.end_section();

    page.section("figures", page.t("Числовые показатели", "Figures"));
    page.figures();
    page.end_section();

    page.section("series", page.t("Динамика по годам", "Per year"));
    page.series();
    page.end_section();

    page.section("place-documents", page.t("Документы места", "The place's documents"));
    documents_list(page);
    page.end_section();

    page.section("methods", page.t("Методика", "Methods"));
    page.methods();
    page.end_section();
}

fn has_form(page: &Page, statement: u32, form: &str) -> bool {
    page.analysis.statements[statement as usize].forms.iter().any(|key| key == form)
}

fn has_sphere(page: &Page, statement: u32, sphere: &str) -> bool {
    page.analysis.statements[statement as usize].spheres.iter().any(|key| key == sphere)
}

/// Statements per form or sphere, each count linked to its sentences.
fn counts_table(page: &mut Page, vocabulary: Vocabulary, caption: &str, is_form: bool, name: &str) {
    let lang = page.lang;
    let total = page.analysis.statements.len();
    let mut rows = Vec::new();
    for (key, _, _) in vocabulary {
        let matching: Vec<u32> = (0..total as u32)
            .filter(|index| if is_form { has_form(page, *index, key) } else { has_sphere(page, *index, key) })
            .collect();
        if matching.is_empty() {
            continue;
        }
        let label = labels::name(vocabulary, key, lang);
        let cell = page.statements_link(&matching, &format!("place-{key}"), format!("{name}: {label}"));
        rows.push((label.to_string(), cell, format::share(matching.len(), total, lang)));
    }
    page.share_table(caption, page.t("Утверждения", "Statements"), &rows);
}

/// The place's documents, newest first, each leading to its entry in the documents appendix.
fn documents_list(page: &mut Page) {
    let lang = page.lang;
    let analysis = page.analysis;
    if analysis.documents.is_empty() {
        page.empty(page.t("Нет документов.", "No documents."));
        return;
    }
    let mut order: Vec<u32> = (0..analysis.documents.len() as u32).collect();
    order.sort_by(|a, b| {
        let (left, right) = (&analysis.documents[*a as usize], &analysis.documents[*b as usize]);
        (right.date.is_some(), &right.date).cmp(&(left.date.is_some(), &left.date)).then(a.cmp(b))
    });
    let mut html = format!(
        "<div class=\"scroll\"><table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th></tr></thead><tbody>\n",
        page.t("Дата", "Date"),
        page.t("Заголовок", "Title"),
        page.t("Жанр", "Genre"),
        page.t("Глубина", "Depth"),
        page.t("Утверждения о связях", "Tie statements"),
        page.t("Показатели", "Figures"),
    );
    let listed: BTreeSet<u32> = order.iter().copied().take(DOCUMENTS).collect();
    let mut statements_of: std::collections::BTreeMap<u32, Vec<u32>> = std::collections::BTreeMap::new();
    let mut figures_of: std::collections::BTreeMap<u32, Vec<u32>> = std::collections::BTreeMap::new();
    for (statement, row) in analysis.statements.iter().enumerate() {
        if listed.contains(&row.document) {
            statements_of.entry(row.document).or_default().push(statement as u32);
        }
    }
    for (index, figure) in analysis.figures.iter().enumerate() {
        if listed.contains(&figure.document) {
            figures_of.entry(figure.document).or_default().push(index as u32);
        }
    }
    let nothing = Vec::new();
    for index in order.iter().take(DOCUMENTS) {
        let document = &analysis.documents[*index as usize];
        let short = crate::evidence::short_id(&document.id).to_string();
        let statements = statements_of.get(index).unwrap_or(&nothing);
        let statements_cell = page.statements_link(
            statements,
            &format!("doc-{short}-statements"),
            format!("{short}: {}", page.t("утверждения о связях", "tie statements")),
        );
        let figures_cell = page.figures_link(
            figures_of.get(index).unwrap_or(&nothing),
            &format!("doc-{short}-figures"),
            format!("{short}: {}", page.t("числовые показатели", "figures")),
        );
        let anchor = page.registry.document(*index);
        let title = document.title.as_deref().filter(|title| !title.trim().is_empty());
        let title =
            title.map_or_else(|| page.t("(без заголовка)", "(untitled)").to_string(), |title| format::clip(title, 160));
        let _ = writeln!(
            html,
            "<tr><td class=\"nw\">{}</td><td><a href=\"#{anchor}\">{}</a></td><td>{}</td><td>{}</td><td class=\"n\">{statements_cell}</td><td class=\"n\">{figures_cell}</td></tr>",
            esc(document.date.as_deref().unwrap_or("—")),
            esc(&title),
            esc(labels::name(labels::GENRES, &document.genre, lang)),
            esc(labels::name(labels::DEPTHS, &document.depth, lang)),
        );
    }
    html.push_str("</tbody></table></div>\n");
    page.push(&html);
    if analysis.documents.len() > DOCUMENTS {
        let text = match lang {
            crate::Lang::Ru => {
                format!("Показаны {DOCUMENTS} самых новых документов из {}.", int(analysis.documents.len(), lang))
            }
            crate::Lang::En => {
                format!("The {DOCUMENTS} newest of {} documents shown.", int(analysis.documents.len(), lang))
            }
        };
        page.paragraph(&text);
    }
}

//! The atlas report: overview, districts by sphere and depth, partners and their network,
//! scope, the yearly series, figures, methods and the appendices.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write;

use coopatlas_analytics::labels;
use coopatlas_analytics::measures::{self, GroupTable, Grouping};
use coopatlas_analytics::network::{self, Weight};
use coopatlas_analytics::{Lang, Scope};

use crate::evidence::{Entry, Head, Unit};
use crate::format::{self, int};
use crate::html::esc;
use crate::page::Page;
use crate::svg;

const TOP_PLACES: usize = 20;
const TOP_PARTNERSHIPS: usize = 50;
const TOP_COUNTRIES: usize = 15;
const TOP_NODES: usize = 15;
const DRAWN_NODES: usize = 40;
const LISTED_COMMUNITIES: usize = 8;

pub(crate) fn write(page: &mut Page) {
    let title = page.options.title.clone().unwrap_or_else(|| {
        page.t(
            "Атлас межрегионального и международного сотрудничества",
            "Atlas of interregional and international cooperation",
        )
        .into()
    });
    let subtitle = page.t(
        "Сотрудничество регионов и городов: связи, формы, сферы, показатели — каждое число со ссылкой на документы",
        "Cooperation of regions and cities: ties, forms, spheres and figures, each number linked to its documents",
    );
    let toc = [
        ("overview", page.t("Обзор", "Overview")),
        ("districts", page.t("Округа и сферы", "Districts and spheres")),
        ("partners", page.t("Партнёры и сеть", "Partners and network")),
        ("scope", page.t("Масштаб связей", "Scope of ties")),
        ("series", page.t("Динамика по годам", "Per year")),
        ("figures", page.t("Числовые показатели", "Figures")),
        ("methods", page.t("Методика", "Methods")),
        ("evidence", page.t("Доказательства", "Evidence")),
        ("documents", page.t("Документы", "Documents")),
    ];
    page.head(&title, subtitle, &toc);
    overview(page);
    districts(page);
    partners(page);
    scope(page);
    page.section("series", page.t("Динамика по годам", "Per year"));
    page.series();
    page.end_section();
    page.section("figures", page.t("Числовые показатели", "Figures"));
    page.figures();
    agreement_distribution(page);
    page.end_section();
    page.section("methods", page.t("Методика", "Methods"));
    page.methods();
    page.end_section();
}

fn overview(page: &mut Page) {
    let lang = page.lang;
    let analysis = page.analysis;
    let overview = measures::overview(analysis);
    page.section("overview", page.t("Обзор", "Overview"));
    let counts = &analysis.counts;
    let (scanned, unextracted, filtered_out, nested) = (
        int(counts.scanned, lang),
        int(counts.unextracted, lang),
        int(counts.filtered_out, lang),
        int(counts.nested_ties, lang),
    );
    if analysis.documents.is_empty() {
        let text = match lang {
            Lang::Ru => format!(
                "Нет данных: ни один документ не учтён. Просмотрено документов: {scanned}, без извлечённых фактов: {unextracted}, отсеяно фильтром: {filtered_out}."
            ),
            Lang::En => format!(
                "Nothing to report: no document counts. Documents scanned: {scanned}, without extracted facts: {unextracted}, left out by the filter: {filtered_out}."
            ),
        };
        page.empty(&text);
    }
    let all: Vec<u32> = (0..analysis.documents.len() as u32).collect();
    let undated: Vec<u32> =
        all.iter().copied().filter(|index| analysis.documents[*index as usize].year.is_none()).collect();
    let statements: Vec<u32> = (0..analysis.statements.len() as u32).collect();
    let documents_cell = page.documents_link(&all, "all-documents", page.t("Все документы", "All documents").into());
    let undated_cell =
        page.documents_link(&undated, "undated-documents", page.t("Документы без даты", "Undated documents").into());
    let statements_cell = page.statements_link(
        &statements,
        "all-statements",
        page.t("Все утверждения о связях", "All tie statements").into(),
    );
    let figures: Vec<u32> = (0..analysis.figures.len() as u32).collect();
    debug_assert_eq!(figures.len(), overview.figures);
    let figures_cell =
        page.figures_link(&figures, "all-figures", page.t("Все числовые показатели", "All figures").into());
    let cards = [
        (documents_cell, page.t("документов учтено", "documents counted")),
        (undated_cell, page.t("из них без даты", "of them undated")),
        (statements_cell, page.t("утверждений о связях", "tie statements")),
        (esc(&int(overview.partnerships, lang)), page.t("пар мест (партнёрств)", "pairs of places (partnerships)")),
        (esc(&int(overview.places, lang)), page.t("мест со связями", "places with ties")),
        (figures_cell, page.t("числовых показателей", "figures")),
    ];
    page.cards(&cards);
    let text = match lang {
        Lang::Ru => format!(
            "Просмотрено документов: {scanned}; без извлечённых фактов (не учтены): {unextracted}; отсеяно фильтром: {filtered_out}; не учтено связей места с местом внутри него (город и его регион): {nested}."
        ),
        Lang::En => format!(
            "Documents scanned: {scanned}; without extracted facts (not counted): {unextracted}; left out by the filter: {filtered_out}; ties left out between a place and a place inside it (a city and its region): {nested}."
        ),
    };
    page.paragraph(&text);
    let filter_words = page.filter_words(&analysis.filter);
    let contest_words = page.contest_words();
    let _ = writeln!(
        page.out,
        "<dl class=\"facts\"><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd></dl>",
        page.t("Фильтр", "Filter"),
        esc(&filter_words),
        page.t("Спорные территории", "Contested territories"),
        esc(contest_words)
    );
    if analysis.documents.is_empty() {
        page.end_section();
        return;
    }
    page.push("<div class=\"side\">");
    let breakdowns = [
        ("language", "По языку", "By language", labels::LANGUAGES, &overview.by_language),
        ("genre", "По жанру", "By genre", labels::GENRES, &overview.by_genre),
        ("depth", "По глубине", "By depth", labels::DEPTHS, &overview.by_depth),
    ];
    for (key, ru, en, vocabulary, counts) in breakdowns {
        let mut rows: Vec<(&String, &usize)> = counts.iter().collect();
        rows.sort_by_key(|(name, _)| labels::rank(vocabulary, name));
        let mut table = Vec::with_capacity(rows.len());
        for (value, count) in rows {
            let name = if key == "language" && value == "none" {
                page.t("не определён", "unknown").to_string()
            } else {
                labels::name(vocabulary, value, lang).to_string()
            };
            let documents: Vec<u32> = all
                .iter()
                .copied()
                .filter(|index| {
                    let document = &analysis.documents[*index as usize];
                    match key {
                        "language" => document.language.as_deref().unwrap_or("none") == value,
                        "genre" => &document.genre == value,
                        _ => &document.depth == value,
                    }
                })
                .collect();
            debug_assert_eq!(documents.len(), *count);
            let cell =
                page.documents_link(&documents, &format!("{key}-{value}"), format!("{}: {name}", lang.pick(ru, en)));
            table.push((name, cell, format::share(*count, analysis.documents.len(), lang)));
        }
        page.share_table(lang.pick(ru, en), page.t("Документы", "Documents"), &table);
    }
    page.push("</div>\n");
    page.end_section();
}

/// What a group table's columns are.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Columns {
    Spheres,
    Depths,
}

fn districts(page: &mut Page) {
    let lang = page.lang;
    let analysis = page.analysis;
    page.section("districts", page.t("Федеральные округа, сферы и глубина", "Federal districts, spheres and depth"));
    if analysis.documents.is_empty() {
        page.empty(page.t("Нет документов.", "No documents."));
        page.end_section();
        return;
    }
    page.h3(page.t(
        "Доля документов, называющих сферу, по федеральным округам",
        "Share of documents naming a sphere, by federal district",
    ));
    page.paragraph(page.t(
        "В ячейке — доля документов округа, в предложениях о сотрудничестве которых названа сфера, и под ней число таких документов. Цвет — та же доля.",
        "Each cell gives the share of the district's documents whose cooperation sentences name the sphere, with the number of such documents below it. The colour shows the same share.",
    ));
    let spheres = measures::sphere_table(analysis, page.geography, Grouping::FederalDistrict);
    group_table(page, &spheres, Columns::Spheres, false, None);
    let row_names: Vec<String> =
        spheres.rows.iter().map(|row| page.group_name(Grouping::FederalDistrict, row.key.as_deref())).collect();
    let column_names: Vec<String> =
        spheres.columns.iter().map(|key| labels::name(labels::SPHERES, key, lang).to_string()).collect();
    let values: Vec<Vec<Option<f64>>> =
        spheres.rows.iter().map(|row| (0..spheres.columns.len()).map(|column| row.share(column)).collect()).collect();
    let chart = svg::heat_map(
        page.t(
            "Доля документов со сферой, % (строки — федеральные округа)",
            "Share of documents with the sphere, % (rows: federal districts)",
        ),
        &row_names,
        &column_names,
        &values,
        lang,
    );
    page.push(&chart);

    page.h3(
        page.t("Глубина проработки сотрудничества по федеральным округам", "Depth of cooperation by federal district")
    );
    let depths = measures::depth_table(analysis, page.geography, Grouping::FederalDistrict);
    group_table(page, &depths, Columns::Depths, false, None);
    let depth_colours = ["#d9d9d9", "#9ecae1", "#4292c6", "#08306b"];
    let categories: Vec<(String, &str)> = depths
        .columns
        .iter()
        .enumerate()
        .map(|(index, key)| {
            (labels::name(labels::DEPTHS, key, lang).to_string(), depth_colours[index % depth_colours.len()])
        })
        .collect();
    let rows: Vec<(String, Vec<usize>)> = depths
        .rows
        .iter()
        .map(|row| {
            (page.group_name(Grouping::FederalDistrict, row.key.as_deref()), row.cells.iter().map(Vec::len).collect())
        })
        .collect();
    let chart = svg::stacked(
        page.t(
            "Глубина по федеральным округам, % документов округа",
            "Depth by federal district, % of the district's documents",
        ),
        &rows,
        &categories,
        lang,
    );
    page.push(&chart);

    page.h3(page.t("Сферы по другим группировкам", "Spheres by other groupings"));
    page.paragraph(page.t(
        "Доля документов группы (%), называющих сферу; число — ссылка на документы.",
        "Share of the group's documents (%) that name the sphere; each number links to the documents.",
    ));
    for (grouping, ru, en, limit) in [
        (Grouping::EconomicRegion, "Экономические районы", "Economic regions", None),
        (
            Grouping::Association,
            "Межрегиональные ассоциации экономического взаимодействия",
            "Interregional associations of economic interaction",
            None,
        ),
        (
            Grouping::Country,
            "Страны (по субъекту документа)",
            "Countries (of the document's subject)",
            Some(TOP_COUNTRIES),
        ),
    ] {
        page.h3(lang.pick(ru, en));
        let table = measures::sphere_table(analysis, page.geography, grouping);
        group_table(page, &table, Columns::Spheres, true, limit);
    }
    page.end_section();
}

/// A group table: one row per group (and all documents, in the full form), one column per
/// sphere or depth, each cell a share linked to its documents.
fn group_table(page: &mut Page, table: &GroupTable, columns: Columns, compact: bool, limit: Option<usize>) {
    let lang = page.lang;
    let analysis = page.analysis;
    let vocabulary = match columns {
        Columns::Spheres => labels::SPHERES,
        Columns::Depths => labels::DEPTHS,
    };
    let vertical = columns == Columns::Spheres;
    let grouping = table.grouping;
    let caption = match (columns, compact) {
        (Columns::Spheres, false) => page.t(
            "Доля документов, %; под ней — число документов",
            "Share of documents, %; below it, the number of documents",
        ),
        (Columns::Depths, false) => page.t(
            "Доля документов, %; под ней — число документов; в строке в сумме 100 %",
            "Share of documents, %; below it, the number of documents; a row adds up to 100%",
        ),
        (_, true) => page.t("Доля документов группы, %", "Share of the group's documents, %"),
    };
    let mut html =
        format!("<div class=\"scroll\"><table class=\"grid\"><caption>{}</caption><thead><tr>", esc(caption));
    let _ = write!(
        html,
        "<th>{}</th><th class=\"n\">{}</th>",
        esc(&grouping_name(grouping, lang)),
        page.t("Документы", "Documents")
    );
    for key in &table.columns {
        let name = esc(labels::name(vocabulary, key, lang));
        if vertical {
            let _ = write!(html, "<th class=\"v\"><span>{name}</span></th>");
        } else {
            let _ = write!(html, "<th class=\"n\">{name}</th>");
        }
    }
    html.push_str("</tr></thead><tbody>\n");
    let mut rows: Vec<&measures::GroupRow> = table.rows.iter().collect();
    let mut hidden = 0;
    if let Some(limit) = limit {
        // The row outside every group stays, whatever the limit.
        let (named, outside): (Vec<_>, Vec<_>) = rows.into_iter().partition(|row| row.key.is_some());
        hidden = named.len().saturating_sub(limit);
        rows = named.into_iter().take(limit).chain(outside).collect();
    }
    let prefix = grouping.as_str();
    let depth_note = (columns == Columns::Depths).then(|| {
        page.t(
            "Глубина оценивается по документу целиком, поэтому отдельного предложения-доказательства у неё нет.",
            "Depth is judged on the whole document, so no single sentence states it.",
        )
        .to_string()
    });
    let all: Vec<u32> = (0..analysis.documents.len() as u32).collect();
    let total_row = (!compact).then(|| {
        let cells: Vec<Vec<u32>> = table
            .columns
            .iter()
            .map(|key| {
                all.iter()
                    .copied()
                    .filter(|index| {
                        let document = &analysis.documents[*index as usize];
                        match columns {
                            Columns::Spheres => document.has_sphere(key),
                            Columns::Depths => &document.depth == key,
                        }
                    })
                    .collect()
            })
            .collect();
        Line {
            name: page.t("Все документы", "All documents").to_string(),
            key: "all".into(),
            documents: all.clone(),
            cells,
            total: true,
        }
    });
    let lines: Vec<Line> = rows
        .iter()
        .map(|row| Line {
            name: page.group_name(grouping, row.key.as_deref()),
            key: format!("{prefix}-{}", row.key.as_deref().unwrap_or("none")),
            documents: row.documents.clone(),
            cells: row.cells.clone(),
            total: false,
        })
        .chain(total_row)
        .collect();
    for Line { name, key: key_part, documents, cells, total: is_total } in lines {
        let documents_cell = page.documents_link(
            &documents,
            &format!("{key_part}-documents"),
            format!("{name}: {}", page.t("все документы", "all documents")),
        );
        let _ = write!(
            html,
            "<tr{}><th scope=\"row\">{}</th><td class=\"n\">{documents_cell}</td>",
            if is_total { " class=\"total\"" } else { "" },
            esc(&name)
        );
        for (column, key) in table.columns.iter().enumerate() {
            let members = &cells[column];
            if documents.is_empty() {
                html.push_str("<td class=\"n muted\">—</td>");
                continue;
            }
            if members.is_empty() {
                html.push_str("<td class=\"n heat zero\">0</td>");
                continue;
            }
            let share = members.len() as f64 / documents.len() as f64;
            // Percent without its sign: the sign is in the table's caption, and 18 columns must fit.
            let shown = format::decimal(share * 100.0, 1, lang);
            let column_name = labels::name(vocabulary, key, lang);
            let title = format!("{name} — {column_name}");
            let entries: Vec<Entry> = members
                .iter()
                .take(page.options.evidence_per_cell)
                .map(|document| match columns {
                    Columns::Spheres => Page::sphere_entry(analysis, *document, key),
                    Columns::Depths => Entry { document: *document, evidence: None },
                })
                .collect();
            let head = Head {
                key: format!("{key_part}-{key}"),
                title,
                unit: Unit::Documents,
                total: members.len(),
                note: depth_note.clone(),
            };
            let link = page.link_head(&shown, head, entries);
            let (fill, dark) = svg::heat(share);
            let count = if compact {
                String::new()
            } else {
                format!("<span class=\"cnt\">{}</span>", int(members.len(), lang))
            };
            let _ = write!(
                html,
                "<td class=\"n heat{}\" style=\"background:{fill}\">{link}{count}</td>",
                if dark { " dark" } else { "" }
            );
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</tbody></table></div>\n");
    page.push(&html);
    if hidden > 0 {
        let text = match lang {
            Lang::Ru => format!("Ещё {} стран с меньшим числом документов не показаны.", int(hidden, lang)),
            Lang::En => format!("{} more countries with fewer documents are not shown.", int(hidden, lang)),
        };
        page.paragraph(&text);
    }
}

/// A row of a group table.
struct Line {
    name: String,
    key: String,
    documents: Vec<u32>,
    cells: Vec<Vec<u32>>,
    /// The row of all documents.
    total: bool,
}

fn grouping_name(grouping: Grouping, lang: Lang) -> String {
    match grouping {
        Grouping::FederalDistrict => lang.pick("Федеральный округ", "Federal district"),
        Grouping::EconomicRegion => lang.pick("Экономический район", "Economic region"),
        Grouping::Association => lang.pick("Ассоциация", "Association"),
        Grouping::Country => lang.pick("Страна", "Country"),
    }
    .to_string()
}

fn partners(page: &mut Page) {
    let lang = page.lang;
    let analysis = page.analysis;
    page.section("partners", page.t("Партнёры и сеть партнёрств", "Partners and the partner network"));
    if analysis.partnerships.is_empty() {
        page.empty(page.t("Связей между местами не найдено.", "No ties between places were found."));
        page.end_section();
        return;
    }
    page.h3(page.t("Места с наибольшим числом партнёров", "Places with the most partners"));
    let places = measures::places(analysis);
    let mut html = format!(
        "<div class=\"scroll\"><table><thead><tr><th class=\"n\">№</th><th>{}</th><th>{}</th><th>{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th></tr></thead><tbody>\n",
        page.t("Место", "Place"),
        page.t("Тип", "Kind"),
        page.t("Страна", "Country"),
        page.t("Партнёры", "Partners"),
        page.t("международные", "international"),
        page.t("межрегиональные", "interregional"),
        page.t("с соглашениями", "with agreements"),
        page.t("Утверждения", "Statements"),
        page.t("Документы", "Documents"),
    );
    for (rank, row) in places.iter().take(TOP_PLACES).enumerate() {
        let name = page.place(&row.id);
        let statements: Vec<u32> = row
            .partnerships
            .iter()
            .flat_map(|index| page.indexes.statements_by_partnership[*index as usize].iter().copied())
            .collect();
        debug_assert_eq!(statements.len(), row.statements);
        let statements_cell = page.statements_link(
            &statements,
            &format!("place-{}-statements", row.id),
            format!("{name}: {}", page.t("утверждения о связях", "tie statements")),
        );
        let mut seen = HashSet::new();
        let entries: Vec<Entry> = statements
            .iter()
            .map(|index| &analysis.statements[*index as usize])
            .filter(|statement| seen.insert(statement.document))
            .take(page.options.evidence_per_cell)
            .map(|statement| Entry { document: statement.document, evidence: Some(statement.evidence) })
            .collect();
        let documents_cell = page.link(
            &int(row.documents, lang),
            row.documents,
            &format!("place-{}-documents", row.id),
            format!("{name}: {}", page.t("документы о его связях", "documents stating its ties")),
            Unit::Documents,
            entries,
        );
        let country = page.geography.country(&row.id).to_string();
        let _ = writeln!(
            html,
            "<tr><td class=\"n\">{}</td><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{statements_cell}</td><td class=\"n\">{documents_cell}</td></tr>",
            rank + 1,
            esc(&name),
            esc(page.kind(&row.id)),
            esc(&page.place(&country)),
            int(row.partners, lang),
            int(row.international_partners, lang),
            int(row.interregional_partners, lang),
            int(row.agreement_partners, lang),
        );
    }
    html.push_str("</tbody></table></div>\n");
    page.push(&html);
    let bars: Vec<(String, f64, String)> = places
        .iter()
        .take(TOP_PLACES)
        .map(|row| (page.place(&row.id), row.partners as f64, int(row.partners, lang)))
        .collect();
    let chart = svg::bars(
        page.t(
            "Число партнёров у мест с наибольшим числом партнёров",
            "Number of partners of the places with the most partners",
        ),
        &bars,
        svg::CATEGORICAL[0],
        page.t("число различных партнёров", "distinct partners"),
    );
    page.push(&chart);

    page.h3(page.t(
        "Реестр партнёрств: пары с наибольшим числом документов",
        "Registry of partnerships: the pairs with the most documents",
    ));
    partnership_table(page, &(0..analysis.partnerships.len() as u32).take(TOP_PARTNERSHIPS).collect::<Vec<_>>(), None);
    if analysis.partnerships.len() > TOP_PARTNERSHIPS {
        let text = match lang {
            Lang::Ru => format!(
                "Показаны {TOP_PARTNERSHIPS} пар из {}; весь реестр — в выгрузке (coopatlas export).",
                int(analysis.partnerships.len(), lang)
            ),
            Lang::En => format!(
                "{TOP_PARTNERSHIPS} pairs of {} shown; the whole registry is in the export (coopatlas export).",
                int(analysis.partnerships.len(), lang)
            ),
        };
        page.paragraph(&text);
    }
    if page.full {
        network_section(page);
    }
    page.end_section();
}

/// Rows of the partnership registry. With `side`, the place of the profile: the pair is shown
/// as its end inside the place and the partner.
pub(crate) fn partnership_table(page: &mut Page, partnerships: &[u32], side: Option<&str>) {
    let analysis = page.analysis;
    let (first, second) = match side {
        Some(_) => (page.t("Сторона", "Side"), page.t("Партнёр", "Partner")),
        None => (page.t("Место А", "Place A"), page.t("Место Б", "Place B")),
    };
    let mut html = format!(
        "<div class=\"scroll\"><table><thead><tr><th class=\"n\">№</th><th>{first}</th><th>{second}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th></tr></thead><tbody>\n",
        page.t("Масштаб", "Scope"),
        page.t("Формы (документы)", "Forms (documents)"),
        page.t("Сферы (документы)", "Spheres (documents)"),
        page.t("Годы", "Years"),
        page.t("Документы", "Documents"),
        page.t("Соглашения", "Agreements"),
        page.t("Дву- / многосторонние", "Bi- / multilateral"),
    );
    for (rank, index) in partnerships.iter().enumerate() {
        let partnership = &analysis.partnerships[*index as usize];
        let (a, b) = match side {
            Some(place)
                if !page.geography.lies_in(&partnership.a, place) && page.geography.lies_in(&partnership.b, place) =>
            {
                (&partnership.b, &partnership.a)
            }
            _ => (&partnership.a, &partnership.b),
        };
        let pair = format!("{} — {}", page.place(a), page.place(b));
        let key = format!("pair-{}-{}", partnership.a, partnership.b);
        let statements = page.indexes.statements_by_partnership[*index as usize].clone();
        // A partnership has one statement per document, so its statements are its documents.
        let documents_cell = page.statements_link_as(
            &statements,
            &format!("{key}-documents"),
            format!("{pair}: {}", page.t("документы о связи", "documents stating the tie")),
            Unit::Documents,
        );
        let agreements: Vec<u32> = statements
            .iter()
            .copied()
            .filter(|statement| analysis.statements[*statement as usize].forms.iter().any(|form| form == "agreement"))
            .collect();
        let agreements_cell = page.statements_link(
            &agreements,
            &format!("{key}-agreements"),
            format!("{pair}: {}", page.t("соглашения", "agreements")),
        );
        let (bilateral, multilateral): (Vec<u32>, Vec<u32>) =
            statements.iter().copied().partition(|statement| !analysis.statements[*statement as usize].multilateral);
        let bilateral_cell = page.statements_link(
            &bilateral,
            &format!("{key}-bilateral"),
            format!("{pair}: {}", page.t("двусторонние утверждения", "bilateral statements")),
        );
        let multilateral_cell = page.statements_link(
            &multilateral,
            &format!("{key}-multilateral"),
            format!("{pair}: {}", page.t("многосторонние утверждения", "multilateral statements")),
        );
        let years = match (partnership.first_year(), partnership.last_year()) {
            (Some(first), Some(last)) if first == last => first.to_string(),
            (Some(first), Some(last)) => format!("{first}–{last}"),
            _ => "—".to_string(),
        };
        let _ = writeln!(
            html,
            "<tr><td class=\"n\">{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"list\">{}</td><td class=\"list\">{}</td><td class=\"nw\">{}</td><td class=\"n\">{documents_cell}</td><td class=\"n\">{agreements_cell}</td><td class=\"n\">{bilateral_cell} / {multilateral_cell}</td></tr>",
            rank + 1,
            esc(&page.place_with_country(a)),
            esc(&page.place_with_country(b)),
            esc(page.scope_name(partnership.scope)),
            esc(&page.named_counts(labels::FORMS, &partnership.forms)),
            esc(&page.named_counts(labels::SPHERES, &partnership.spheres)),
            esc(&years),
        );
    }
    html.push_str("</tbody></table></div>\n");
    page.push(&html);
}

fn network_section(page: &mut Page) {
    let lang = page.lang;
    page.h3(page.t("Сеть партнёрств", "The partner network"));
    let network = network::build(page.analysis, page.geography, Weight::Documents, lang);
    let communities = network.nodes.iter().map(|node| node.community + 1).max().unwrap_or(0);
    let text = match lang {
        Lang::Ru => format!(
            "Узлов (мест): {}; рёбер (партнёрств): {}; сообществ: {}. Вес ребра — число документов, утверждающих связь.",
            int(network.nodes.len(), lang),
            int(network.edges.len(), lang),
            int(communities, lang)
        ),
        Lang::En => format!(
            "Nodes (places): {}; edges (partnerships): {}; communities: {}. An edge's weight is the number of documents stating the tie.",
            int(network.nodes.len(), lang),
            int(network.edges.len(), lang),
            int(communities, lang)
        ),
    };
    page.paragraph(&text);
    if let Some(pivots) = network.betweenness_pivots {
        let text = match lang {
            Lang::Ru => format!(
                "Сеть велика, поэтому посредничество оценено по кратчайшим путям из {} узлов (детерминированная выборка), а не из всех.",
                int(pivots, lang)
            ),
            Lang::En => format!(
                "The network is large, so betweenness is estimated from the shortest paths out of {} nodes (a deterministic sample) rather than all.",
                int(pivots, lang)
            ),
        };
        page.paragraph(&text);
    }
    let mut by_pagerank: Vec<usize> = (0..network.nodes.len()).collect();
    by_pagerank.sort_by(|a, b| network.nodes[*b].pagerank.total_cmp(&network.nodes[*a].pagerank).then(a.cmp(b)));
    let mut by_betweenness: Vec<usize> = (0..network.nodes.len()).collect();
    by_betweenness
        .sort_by(|a, b| network.nodes[*b].betweenness.total_cmp(&network.nodes[*a].betweenness).then(a.cmp(b)));
    page.push("<div class=\"side\">");
    for (caption, order) in [
        (page.t("Наибольший PageRank", "Highest PageRank"), &by_pagerank),
        (page.t("Наибольшее посредничество (betweenness)", "Highest betweenness"), &by_betweenness),
    ] {
        let mut html = format!(
            "<table class=\"small\"><caption>{}</caption><thead><tr><th>{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">PageRank</th><th class=\"n\">{}</th><th class=\"n\">{}</th></tr></thead><tbody>",
            esc(caption),
            page.t("Место", "Place"),
            page.t("Партнёры", "Partners"),
            page.t("Взвеш. степень", "Weighted degree"),
            page.t("Посредничество", "Betweenness"),
            page.t("Сообщество", "Community"),
        );
        for node in order.iter().take(TOP_NODES).map(|index| &network.nodes[*index]) {
            let _ = write!(
                html,
                "<tr><th scope=\"row\">{}</th><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                esc(&node.label),
                int(node.degree, lang),
                format::decimal(node.weighted_degree, 0, lang),
                format::decimal(node.pagerank, 4, lang),
                format::decimal(node.betweenness, 3, lang),
                node.community + 1,
            );
        }
        html.push_str("</tbody></table>");
        page.push(&html);
    }
    page.push("</div>\n");

    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for index in &by_pagerank {
        members.entry(network.nodes[*index].community).or_default().push(*index);
    }
    let mut html = format!(
        "<table><caption>{}</caption><thead><tr><th class=\"n\">{}</th><th class=\"n\">{}</th><th>{}</th></tr></thead><tbody>",
        page.t("Крупнейшие сообщества (метод Лувена)", "The largest communities (Louvain)"),
        page.t("Сообщество", "Community"),
        page.t("Мест", "Places"),
        page.t("Главные по PageRank", "Leading by PageRank"),
    );
    let mut communities_by_size: Vec<(&usize, &Vec<usize>)> = members.iter().collect();
    communities_by_size.sort_by_key(|(community, nodes)| (std::cmp::Reverse(nodes.len()), **community));
    for (community, nodes) in communities_by_size.iter().take(LISTED_COMMUNITIES) {
        let names: Vec<&str> = nodes.iter().take(10).map(|index| network.nodes[*index].label.as_str()).collect();
        let more = if nodes.len() > 10 { format!(" {}", lang.pick("и др.", "and others")) } else { String::new() };
        let _ = write!(
            html,
            "<tr><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}{more}</td></tr>",
            *community + 1,
            int(nodes.len(), lang),
            esc(&names.join(", "))
        );
    }
    html.push_str("</tbody></table>\n");
    page.push(&html);

    // The drawing: the places with the highest PageRank, grouped by community around a circle.
    let mut drawn: Vec<usize> = by_pagerank.iter().copied().take(DRAWN_NODES).collect();
    drawn.sort_by(|a, b| {
        let (left, right) = (&network.nodes[*a], &network.nodes[*b]);
        left.community.cmp(&right.community).then(right.pagerank.total_cmp(&left.pagerank)).then(a.cmp(b))
    });
    let position: BTreeMap<usize, usize> = drawn.iter().enumerate().map(|(position, node)| (*node, position)).collect();
    let nodes: Vec<svg::Node> = drawn
        .iter()
        .map(|index| {
            let node = &network.nodes[*index];
            svg::Node { label: node.label.clone(), community: node.community, size: node.pagerank }
        })
        .collect();
    let edges: Vec<(usize, usize, f64)> = network
        .edges
        .iter()
        .filter_map(|edge| Some((*position.get(&edge.source)?, *position.get(&edge.target)?, edge.weight)))
        .collect();
    let title = match lang {
        Lang::Ru => format!("Сеть партнёрств: {} мест с наибольшим PageRank", int(nodes.len(), lang)),
        Lang::En => format!("The partner network: the {} places with the highest PageRank", int(nodes.len(), lang)),
    };
    let chart = svg::network(
        &title,
        &nodes,
        &edges,
        page.t(
            "Цвет — сообщество; размер узла — PageRank; толщина линии — число документов",
            "Colour: community; node size: PageRank; line width: documents",
        ),
    );
    page.push(&chart);
}

fn scope(page: &mut Page) {
    let lang = page.lang;
    let analysis = page.analysis;
    page.section(
        "scope",
        page.t(
            "Межрегиональные и международные, двусторонние и многосторонние связи",
            "Interregional and international, bilateral and multilateral ties",
        ),
    );
    let overview = measures::overview(analysis);
    if analysis.statements.is_empty() {
        page.empty(page.t("Связей между местами не найдено.", "No ties between places were found."));
        page.end_section();
        return;
    }
    let by_scope = |scope: Scope| -> Vec<u32> {
        (0..analysis.statements.len() as u32)
            .filter(|index| {
                analysis.partnerships[analysis.statements[*index as usize].partnership as usize].scope == scope
            })
            .collect()
    };
    let mut html = format!(
        "<table><thead><tr><th></th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th></tr></thead><tbody>",
        page.t("Партнёрства (пары)", "Partnerships (pairs)"),
        page.t("Доля", "Share"),
        page.t("Утверждения о связях", "Tie statements"),
        page.t("Доля", "Share"),
    );
    let total_statements = analysis.statements.len();
    for (scope, partnerships) in [
        (Scope::Interregional, overview.interregional_partnerships),
        (Scope::International, overview.international_partnerships),
    ] {
        let statements = by_scope(scope);
        let name = page.scope_name(scope);
        let cell = page.statements_link(
            &statements,
            &format!("scope-{}", scope.as_str()),
            format!("{}: {name}", page.t("Утверждения о связях", "Tie statements")),
        );
        let _ = write!(
            html,
            "<tr><th scope=\"row\">{}</th><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{cell}</td><td class=\"n\">{}</td></tr>",
            esc(name),
            int(partnerships, lang),
            esc(&format::share(partnerships, overview.partnerships, lang)),
            esc(&format::share(statements.len(), total_statements, lang)),
        );
    }
    let (bilateral, multilateral): (Vec<u32>, Vec<u32>) =
        (0..total_statements as u32).partition(|index| !analysis.statements[*index as usize].multilateral);
    for (name, statements, key) in [
        (page.t("двусторонние", "bilateral"), &bilateral, "bilateral"),
        (page.t("многосторонние", "multilateral"), &multilateral, "multilateral"),
    ] {
        let cell = page.statements_link(
            statements,
            &format!("scope-{key}"),
            format!("{}: {name}", page.t("Утверждения о связях", "Tie statements")),
        );
        let _ = write!(
            html,
            "<tr><th scope=\"row\">{}</th><td class=\"n muted\">—</td><td class=\"n muted\">—</td><td class=\"n\">{cell}</td><td class=\"n\">{}</td></tr>",
            esc(name),
            esc(&format::share(statements.len(), total_statements, lang)),
        );
    }
    html.push_str("</tbody></table>\n");
    page.push(&html);
    let rows = vec![
        (page.scope_name(Scope::Interregional).to_string(), overview.interregional_statements),
        (page.scope_name(Scope::International).to_string(), overview.international_statements),
        (page.t("двусторонние", "bilateral").to_string(), overview.bilateral_statements),
        (page.t("многосторонние", "multilateral").to_string(), overview.multilateral_statements),
    ];
    let bars: Vec<(String, f64, String)> = rows
        .into_iter()
        .map(|(name, count)| (name, count as f64, svg::count_and_share(count, total_statements, lang)))
        .collect();
    let chart = svg::bars(
        page.t("Утверждения о связях по масштабу и числу сторон", "Tie statements by scope and by number of parties"),
        &bars,
        svg::CATEGORICAL[2],
        page.t("число утверждений (доля от всех)", "statements (share of all)"),
    );
    page.push(&chart);
    page.end_section();
}

fn agreement_distribution(page: &mut Page) {
    let lang = page.lang;
    let analysis = page.analysis;
    page.h3(page.t("Сколько партнёров с соглашениями у регионов", "How many agreement partners regions have"));
    let places = measures::places(analysis);
    let geography = page.geography;
    let distribution = measures::agreement_distribution(&places, |id| {
        geography.area(id).is_some_and(|area| area.kind.as_str() == "region")
    });
    if distribution.is_empty() {
        page.empty(
            page.t("Ни у одного региона нет партнёров с соглашениями.", "No region has a partner with an agreement."),
        );
        return;
    }
    page.paragraph(page.t(
        "Для регионов, у которых есть хотя бы один партнёр с соглашением: сколько регионов имеют k таких партнёров.",
        "For regions with at least one agreement partner: how many regions have k such partners.",
    ));
    let mut html = format!(
        "<table class=\"small\"><thead><tr><th class=\"n\">{}</th><th class=\"n\">{}</th></tr></thead><tbody>",
        page.t("Партнёров с соглашениями", "Agreement partners"),
        page.t("Регионов", "Regions"),
    );
    for (partners, regions) in &distribution {
        let _ = write!(
            html,
            "<tr><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            int(*partners, lang),
            int(*regions, lang)
        );
    }
    html.push_str("</tbody></table>\n");
    page.push(&html);
    let bars: Vec<(String, f64, String)> = distribution
        .iter()
        .map(|(partners, regions)| (int(*partners, lang), *regions as f64, int(*regions, lang)))
        .collect();
    let chart = svg::bars(
        page.t("Регионы по числу партнёров с соглашениями", "Regions by number of agreement partners"),
        &bars,
        svg::CATEGORICAL[1],
        page.t(
            "строки — число партнёров с соглашениями; длина — число регионов",
            "rows: agreement partners; length: regions",
        ),
    );
    page.push(&chart);
}

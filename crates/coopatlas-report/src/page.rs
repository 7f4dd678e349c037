//! What the atlas report and the place profile share: the page being written, links from
//! numbers to their evidence, the head and the parts both print (series, figures, methods,
//! appendices).

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

use coopatlas_analytics::analysis::DocumentRow;
use coopatlas_analytics::labels::{self, Vocabulary};
use coopatlas_analytics::measures::{self, Grouping};
use coopatlas_analytics::{Analysis, Evidence, Filter, Geography, Lang, Scope};

use crate::Options;
use crate::evidence::{Entry, Head, Registry, Unit};
use crate::format::{self, int};
use crate::html::esc;
use crate::svg;

/// Figure groups shown in the figures table.
const FIGURE_GROUPS: usize = 40;

/// Lookups built once per report.
pub(crate) struct Indexes {
    /// Per document, the sentence that stands for it in a list: its first tie statement's
    /// sentence, else the first sentence naming a sphere.
    pub first_evidence: Vec<Option<Evidence>>,
    /// Statement indexes per partnership.
    pub statements_by_partnership: Vec<Vec<u32>>,
}

impl Indexes {
    fn new(analysis: &Analysis) -> Indexes {
        let mut first_evidence: Vec<Option<Evidence>> = analysis
            .documents
            .iter()
            .enumerate()
            .map(|(index, document)| {
                document.spheres.iter().find_map(|(_, span)| *span).map(|span| Evidence::new(index as u32, span))
            })
            .collect();
        let mut seen = vec![false; analysis.documents.len()];
        let mut statements_by_partnership = vec![Vec::new(); analysis.partnerships.len()];
        for (index, statement) in analysis.statements.iter().enumerate() {
            let document = statement.document as usize;
            if !seen[document] {
                seen[document] = true;
                first_evidence[document] = Some(statement.evidence);
            }
            statements_by_partnership[statement.partnership as usize].push(index as u32);
        }
        Indexes { first_evidence, statements_by_partnership }
    }
}

/// The report being written.
pub(crate) struct Page<'a> {
    pub analysis: &'a Analysis,
    pub geography: &'a Geography,
    pub options: &'a Options,
    pub lang: Lang,
    pub out: String,
    pub registry: Registry<'a>,
    pub indexes: Indexes,
    /// False when only the evidence is wanted: the network, which quotes nothing, is skipped.
    pub full: bool,
    section: String,
}

impl<'a> Page<'a> {
    pub(crate) fn new(analysis: &'a Analysis, geography: &'a Geography, options: &'a Options, full: bool) -> Page<'a> {
        Page {
            analysis,
            geography,
            options,
            lang: options.lang,
            out: String::with_capacity(1 << 16),
            registry: Registry::new(analysis, options.evidence_per_cell),
            indexes: Indexes::new(analysis),
            full,
            section: String::new(),
        }
    }

    /// Russian or English.
    pub(crate) fn t(&self, ru: &'static str, en: &'static str) -> &'static str {
        self.lang.pick(ru, en)
    }

    pub(crate) fn push(&mut self, html: &str) {
        self.out.push_str(html);
    }

    /// Opens a `<section>` whose heading is `title`; numbers registered until the next section
    /// lead back here from the evidence appendix.
    pub(crate) fn section(&mut self, id: &str, title: &str) {
        self.section = id.to_string();
        let _ = write!(self.out, "<section id=\"{id}\">\n<h2>{}</h2>\n", esc(title));
    }

    pub(crate) fn end_section(&mut self) {
        self.out.push_str("</section>\n");
    }

    pub(crate) fn h3(&mut self, text: &str) {
        let _ = writeln!(self.out, "<h3>{}</h3>", esc(text));
    }

    pub(crate) fn paragraph(&mut self, text: &str) {
        let _ = writeln!(self.out, "<p>{}</p>", esc(text));
    }

    pub(crate) fn empty(&mut self, text: &str) {
        let _ = writeln!(self.out, "<p class=\"empty\">{}</p>", esc(text));
    }

    /// `shown` (already formatted) as a link to the evidence of `total` things; a zero is
    /// plain text, since there is nothing to show.
    pub(crate) fn link(
        &mut self,
        shown: &str,
        total: usize,
        key: &str,
        title: String,
        unit: Unit,
        entries: impl IntoIterator<Item = Entry>,
    ) -> String {
        self.link_head(shown, Head { key: key.to_string(), title, unit, total, note: None }, entries)
    }

    /// `shown` as a link to the evidence the head describes; a zero stays plain text.
    pub(crate) fn link_head(&mut self, shown: &str, head: Head, entries: impl IntoIterator<Item = Entry>) -> String {
        if head.total == 0 {
            return esc(shown);
        }
        let anchor = self.registry.cell(head, entries, &self.section);
        format!("<a href=\"#{anchor}\">{}</a>", esc(shown))
    }

    /// A count of documents, linked to the documents with their representative sentences.
    pub(crate) fn documents_link(&mut self, documents: &[u32], key: &str, title: String) -> String {
        let first = &self.indexes.first_evidence;
        let entries: Vec<Entry> = documents
            .iter()
            .take(self.options.evidence_per_cell)
            .map(|document| Entry { document: *document, evidence: first[*document as usize] })
            .collect();
        self.link(&int(documents.len(), self.lang), documents.len(), key, title, Unit::Documents, entries)
    }

    /// A count of statements, linked to their sentences.
    pub(crate) fn statements_link(&mut self, statements: &[u32], key: &str, title: String) -> String {
        self.statements_link_as(statements, key, title, Unit::Statements)
    }

    /// Statements counted as `unit` (documents, where each statement is another document).
    pub(crate) fn statements_link_as(&mut self, statements: &[u32], key: &str, title: String, unit: Unit) -> String {
        let analysis = self.analysis;
        let entries: Vec<Entry> = statements
            .iter()
            .take(self.options.evidence_per_cell)
            .map(|index| {
                let statement = &analysis.statements[*index as usize];
                Entry { document: statement.document, evidence: Some(statement.evidence) }
            })
            .collect();
        self.link(&int(statements.len(), self.lang), statements.len(), key, title, unit, entries)
    }

    /// A count of figures, linked to their sentences.
    pub(crate) fn figures_link(&mut self, figures: &[u32], key: &str, title: String) -> String {
        let analysis = self.analysis;
        let entries: Vec<Entry> = figures
            .iter()
            .take(self.options.evidence_per_cell)
            .map(|index| {
                let figure = &analysis.figures[*index as usize];
                Entry { document: figure.document, evidence: Some(figure.evidence) }
            })
            .collect();
        self.link(&int(figures.len(), self.lang), figures.len(), key, title, Unit::Figures, entries)
    }

    /// The headline numbers: a card per (number, already HTML, and its label).
    pub(crate) fn cards(&mut self, cards: &[(String, &str)]) {
        self.push("<div class=\"cards\">");
        for (number, label) in cards {
            let _ = write!(
                self.out,
                "<div class=\"card\"><div class=\"num\">{number}</div><div class=\"lbl\">{}</div></div>",
                esc(label)
            );
        }
        self.push("</div>\n");
    }

    /// A small table of counts and their shares under `caption`: a row per (name, linked
    /// count, share), the counts' column headed `counted`.
    pub(crate) fn share_table(&mut self, caption: &str, counted: &str, rows: &[(String, String, String)]) {
        let mut html = format!(
            "<table class=\"small\"><caption>{}</caption><thead><tr><th></th><th class=\"n\">{}</th><th class=\"n\">{}</th></tr></thead><tbody>",
            esc(caption),
            esc(counted),
            self.t("Доля", "Share"),
        );
        for (name, cell, share) in rows {
            let _ = write!(
                html,
                "<tr><th scope=\"row\">{}</th><td class=\"n\">{cell}</td><td class=\"n\">{}</td></tr>",
                esc(name),
                esc(share)
            );
        }
        html.push_str("</tbody></table>");
        self.push(&html);
    }

    pub(crate) fn place(&self, id: &str) -> String {
        self.geography.name(id, self.lang).to_string()
    }

    /// "Kaliningrad Oblast (RU)": a place with its country, for lists that mix countries.
    pub(crate) fn place_with_country(&self, id: &str) -> String {
        let country = self.geography.country(id);
        if country == id || country.is_empty() { self.place(id) } else { format!("{} ({country})", self.place(id)) }
    }

    pub(crate) fn kind(&self, id: &str) -> &'static str {
        match self.geography.area(id).map(|area| area.kind.as_str()) {
            Some("country") => self.t("страна", "country"),
            Some("region") => self.t("регион", "region"),
            Some("city") => self.t("город", "city"),
            _ => self.t("нет в справочнике", "not in the gazetteer"),
        }
    }

    /// Names of keys with counts, most first, at most `NAMED` of them: "agreements (3), visits (1)".
    pub(crate) fn named_counts(&self, vocabulary: Vocabulary, counts: &BTreeMap<String, usize>) -> String {
        const NAMED: usize = 4;
        let mut keys: Vec<(&String, &usize)> = counts.iter().collect();
        keys.sort_by_key(|(key, count)| (std::cmp::Reverse(**count), labels::rank(vocabulary, key)));
        let mut text = keys
            .iter()
            .take(NAMED)
            .map(|(key, count)| format!("{} ({})", labels::name(vocabulary, key, self.lang), int(**count, self.lang)))
            .collect::<Vec<_>>()
            .join(", ");
        if keys.len() > NAMED {
            let more = keys.len() - NAMED;
            let _ = match self.lang {
                Lang::Ru => write!(text, " и ещё {more}"),
                Lang::En => write!(text, " and {more} more"),
            };
        }
        text
    }

    pub(crate) fn group_name(&self, grouping: Grouping, key: Option<&str>) -> String {
        coopatlas_analytics::tables::group_name(grouping, key, self.geography, self.lang)
    }

    pub(crate) fn scope_name(&self, scope: Scope) -> &'static str {
        labels::name(labels::SCOPES, scope.as_str(), self.lang)
    }

    /// The filter in words, or "no filter".
    pub(crate) fn filter_words(&self, filter: &Filter) -> String {
        if filter.is_empty() {
            return self
                .t(
                    "без фильтра: учтены все документы с извлечёнными фактами",
                    "no filter: every document with extracted facts counts",
                )
                .into();
        }
        let lang = self.lang;
        let names = |vocabulary: Vocabulary, keys: &[String]| {
            keys.iter().map(|key| labels::name(vocabulary, key, lang).to_string()).collect::<Vec<_>>().join(", ")
        };
        let mut parts = Vec::new();
        if !filter.districts.is_empty() {
            parts.push(format!(
                "{}: {}",
                self.t("федеральные округа", "federal districts"),
                names(labels::FEDERAL_DISTRICTS, &filter.districts)
            ));
        }
        if !filter.places.is_empty() {
            let places: Vec<String> = filter.places.iter().map(|id| format!("{} ({id})", self.place(id))).collect();
            parts.push(format!(
                "{}: {}",
                self.t("места (с входящими в них)", "places (and places within them)"),
                places.join(", ")
            ));
        }
        match (filter.from, filter.to) {
            (Some(from), Some(to)) => parts.push(format!("{}: {from}–{to}", self.t("годы", "years"))),
            (Some(from), None) => parts.push(format!("{} {from}", self.t("годы: начиная с", "years: from"))),
            (None, Some(to)) => parts.push(format!("{} {to}", self.t("годы: по", "years: up to"))),
            (None, None) => {}
        }
        if !filter.languages.is_empty() {
            parts.push(format!("{}: {}", self.t("языки", "languages"), names(labels::LANGUAGES, &filter.languages)));
        }
        if !filter.genres.is_empty() {
            parts.push(format!("{}: {}", self.t("жанры", "genres"), names(labels::GENRES, &filter.genres)));
        }
        if !filter.spheres.is_empty() {
            parts.push(format!("{}: {}", self.t("сферы", "spheres"), names(labels::SPHERES, &filter.spheres)));
        }
        if !filter.forms.is_empty() {
            parts.push(format!("{}: {}", self.t("формы", "forms"), names(labels::FORMS, &filter.forms)));
        }
        if let Some(scope) = filter.scope {
            parts.push(format!("{}: {}", self.t("масштаб связей", "scope of ties"), self.scope_name(scope)));
        }
        parts.join("; ")
    }

    pub(crate) fn contest_words(&self) -> &'static str {
        match self.analysis.contest {
            coopatlas_analytics::Contest::Iso => self.t(
                "по ISO 3166: Крым (UA-43), Севастополь (UA-40) и области, присоединение которых Россия объявила в 2022 году, считаются в составе Украины и не входят ни в один федеральный округ",
                "ISO 3166: Crimea (UA-43), Sevastopol (UA-40) and the oblasts Russia declared annexed in 2022 count as part of Ukraine and lie in no federal district",
            ),
            coopatlas_analytics::Contest::Claimed => self.t(
                "по заявленной принадлежности: Крым, Севастополь и области, присоединение которых Россия объявила в 2022 году, считаются в составе России и в том федеральном округе, к которому она их относит (коды ISO сохраняются)",
                "as claimed: Crimea, Sevastopol and the oblasts Russia declared annexed in 2022 roll up into Russia and the federal district it assigns them (their ISO codes are kept)",
            ),
        }
    }

    /// The yearly series: a line chart and a table with linked counts.
    pub(crate) fn series(&mut self) {
        let lang = self.lang;
        let analysis = self.analysis;
        let rows = measures::series(analysis);
        if rows.is_empty() {
            self.empty(self.t("Нет документов.", "No documents."));
            return;
        }
        let dated: Vec<&measures::YearRow> = rows.iter().filter(|row| row.year.is_some()).collect();
        let form = |row: &measures::YearRow, key: &str| row.forms.get(key).copied().unwrap_or(0);
        if let (Some(first), Some(last)) =
            (dated.first().and_then(|row| row.year), dated.last().and_then(|row| row.year))
        {
            let years: Vec<i32> = (first..=last).collect();
            let by_year: HashMap<i32, &measures::YearRow> =
                dated.iter().map(|row| (row.year.unwrap_or_default(), *row)).collect();
            let values = |get: &dyn Fn(&measures::YearRow) -> usize| -> Vec<usize> {
                years.iter().map(|year| by_year.get(year).map_or(0, |row| get(row))).collect()
            };
            let lines = vec![
                svg::Line {
                    name: self.t("документы", "documents").into(), values: values(&|row| row.documents)
                },
                svg::Line {
                    name: self.t("утверждения о связях", "tie statements").into(),
                    values: values(&|row| row.statements),
                },
                svg::Line {
                    name: self.t("соглашения", "agreements").into(),
                    values: values(&|row| form(row, "agreement")),
                },
                svg::Line {
                    name: self.t("визиты и делегации", "visits and delegations").into(),
                    values: values(&|row| form(row, "visit")),
                },
            ];
            let chart = svg::lines(
                self.t(
                    "Документы, утверждения о связях, соглашения и визиты по годам",
                    "Documents, tie statements, agreements and visits per year",
                ),
                &years,
                &lines,
                self.t("число", "count"),
                self.t("год", "year"),
                lang,
            );
            self.push(&chart);
        }
        let undated = rows.iter().find(|row| row.year.is_none()).map_or(0, |row| row.documents);
        if undated > 0 {
            let text = match lang {
                Lang::Ru => format!(
                    "Документы без даты ({}) в график не входят; они в последней строке таблицы.",
                    int(undated, lang)
                ),
                Lang::En => format!(
                    "Undated documents ({}) are left out of the chart; they are the table's last row.",
                    int(undated, lang)
                ),
            };
            self.paragraph(&text);
        }
        let mut documents_by_year: BTreeMap<Option<i32>, Vec<u32>> = BTreeMap::new();
        for (index, document) in analysis.documents.iter().enumerate() {
            documents_by_year.entry(document.year).or_default().push(index as u32);
        }
        let mut statements_by_year: BTreeMap<Option<i32>, Vec<u32>> = BTreeMap::new();
        for (index, statement) in analysis.statements.iter().enumerate() {
            statements_by_year.entry(statement.year).or_default().push(index as u32);
        }
        let mut figures_by_year: BTreeMap<Option<i32>, Vec<u32>> = BTreeMap::new();
        for (index, figure) in analysis.figures.iter().enumerate() {
            figures_by_year.entry(figure.year).or_default().push(index as u32);
        }
        let mut html = format!(
            "<div class=\"scroll\"><table><thead><tr><th>{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th></tr></thead><tbody>\n",
            self.t("Год", "Year"),
            self.t("Документы", "Documents"),
            self.t("Утверждения о связях", "Tie statements"),
            self.t("Соглашения", "Agreements"),
            self.t("Визиты", "Visits"),
            self.t("Новые пары", "New pairs"),
            self.t("Числовые показатели", "Figures"),
        );
        let empty = Vec::new();
        for row in &rows {
            let year_label =
                row.year.map_or_else(|| self.t("без даты", "undated").to_string(), |year| year.to_string());
            let key = row.year.map_or_else(|| "undated".to_string(), |year| year.to_string());
            let documents = documents_by_year.get(&row.year).unwrap_or(&empty);
            let statements = statements_by_year.get(&row.year).unwrap_or(&empty);
            let documents_cell = self.documents_link(
                documents,
                &format!("year-{key}-documents"),
                format!("{year_label}: {}", self.t("документы", "documents")),
            );
            let statements_cell = self.statements_link(
                statements,
                &format!("year-{key}-statements"),
                format!("{year_label}: {}", self.t("утверждения о связях", "tie statements")),
            );
            let mut form_cells = Vec::new();
            for (form, ru, en) in
                [("agreement", "соглашения", "agreements"), ("visit", "визиты и делегации", "visits and delegations")]
            {
                let with_form: Vec<u32> = statements
                    .iter()
                    .copied()
                    .filter(|index| analysis.statements[*index as usize].forms.iter().any(|key| key == form))
                    .collect();
                debug_assert_eq!(with_form.len(), form_cell_count(row, form));
                form_cells.push(self.statements_link(
                    &with_form,
                    &format!("year-{key}-{form}"),
                    format!("{year_label}: {}", lang.pick(ru, en)),
                ));
            }
            let figures_cell = self.figures_link(
                figures_by_year.get(&row.year).unwrap_or(&empty),
                &format!("year-{key}-figures"),
                format!("{year_label}: {}", self.t("числовые показатели", "figures")),
            );
            let _ = writeln!(
                html,
                "<tr><th scope=\"row\">{}</th><td class=\"n\">{documents_cell}</td><td class=\"n\">{statements_cell}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{figures_cell}</td></tr>",
                esc(&year_label),
                form_cells[0],
                form_cells[1],
                int(row.new_partnerships, lang),
            );
        }
        html.push_str("</tbody></table></div>\n");
        self.push(&html);
    }

    /// Figure groups (trade first, units never mixed) and, for the atlas, the distribution of
    /// agreement partners.
    pub(crate) fn figures(&mut self) {
        let lang = self.lang;
        let analysis = self.analysis;
        let groups = measures::figure_groups(analysis);
        self.paragraph(self.t(
            "Числа не суммируются: ни между единицами измерения, ни между документами (два сообщения об одном товарообороте дали бы двойной счёт). Для каждой группы — одно место или пара мест, вид показателя и единица — приведены число упоминаний, минимум, максимум и последнее значение с годом и предложением-источником.",
            "Figures are never added up: not across units, not across documents (two reports of one trade volume would count twice). Each group — one place or pair, one measure, one unit — shows how many figures it has, their minimum and maximum, and the latest value with its year and source sentence.",
        ));
        if groups.is_empty() {
            self.empty(self.t("Числовых показателей нет.", "No figures."));
            return;
        }
        let mut html = format!(
            "<div class=\"scroll\"><table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th></tr></thead><tbody>\n",
            self.t("Места", "Places"),
            self.t("Показатель", "Measure"),
            self.t("Что измеряется", "What"),
            self.t("Единица", "Unit"),
            self.t("Упоминаний", "Figures"),
            self.t("Минимум", "Min"),
            self.t("Максимум", "Max"),
            self.t("Последнее значение", "Latest value"),
            self.t("Год", "Year"),
        );
        for group in groups.iter().take(FIGURE_GROUPS) {
            let places = if group.places.is_empty() {
                self.t("(места не названы)", "(no place named)").to_string()
            } else {
                group.places.iter().map(|id| self.place(id)).collect::<Vec<_>>().join(" — ")
            };
            let measure = if group.measure == "trade" {
                self.t("торговля и товарооборот", "trade and turnover")
            } else {
                self.t("прочее", "other")
            };
            let latest = group
                .figures
                .iter()
                .map(|index| &analysis.figures[*index as usize])
                .find(|figure| figure.evidence == group.latest_evidence && figure.value == group.latest);
            let what = latest.and_then(|figure| figure.what).map(|what| analysis.text(what)).unwrap_or_default();
            let unit = labels::name(labels::UNITS, &group.unit, lang).to_string();
            let key = format!("figures-{}-{}-{}", group.places.join("-"), group.measure, group.unit);
            let title = format!("{places}: {measure}, {unit}");
            debug_assert_eq!(group.count, group.figures.len());
            let count = self.figures_link(&group.figures, &key, title.clone());
            let qualifier = latest
                .and_then(|figure| figure.qualifier)
                .map(|qualifier| analysis.text(qualifier))
                .map(|key| format!("{} ", labels::name(labels::QUALIFIERS, key, lang)))
                .unwrap_or_default();
            let latest_text = format!("{qualifier}{}", format::value(group.latest, lang));
            let latest_cell = self.link(
                &latest_text,
                1,
                &format!("{key}-latest"),
                format!("{title}: {}", self.t("последнее значение", "latest value")),
                Unit::Figures,
                [Entry { document: group.latest_evidence.document, evidence: Some(group.latest_evidence) }],
            );
            let _ = writeln!(
                html,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{count}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{latest_cell}</td><td class=\"n\">{}</td></tr>",
                esc(&places),
                esc(measure),
                esc(&format::clip(what, 80)),
                esc(&unit.replace(' ', "\u{a0}")),
                esc(&format::value(group.min, lang)),
                esc(&format::value(group.max, lang)),
                group.latest_year.map_or_else(|| "—".to_string(), |year| year.to_string()),
            );
        }
        html.push_str("</tbody></table></div>\n");
        self.push(&html);
        if groups.len() > FIGURE_GROUPS {
            let text = match lang {
                Lang::Ru => format!(
                    "Показаны {FIGURE_GROUPS} групп из {}; все — в выгрузке (coopatlas export).",
                    int(groups.len(), lang)
                ),
                Lang::En => format!(
                    "{FIGURE_GROUPS} groups of {} shown; all are in the export (coopatlas export).",
                    int(groups.len(), lang)
                ),
            };
            self.paragraph(&text);
        }
    }

    /// How every number is counted, and the command that reproduces the report.
    pub(crate) fn methods(&mut self) {
        let items: &[(&str, &str)] = &[
            (
                "<b>Документ</b> — один загруженный текст с извлечёнными фактами. Документы, из которых факты ещё не извлекались, не учитываются нигде; сколько их, сказано в обзоре.",
                "<b>A document</b> is one ingested text with extracted facts. Documents that extraction has not run on count nowhere; the overview says how many there are.",
            ),
            (
                "<b>Округ, регион и страна документа</b> — это округ, регион и страна его <i>субъекта</i>: места, о котором документ (регион, чья это стратегия; регион портала, опубликовавшего новость). Документ без субъекта или с зарубежным субъектом попадает в строку «вне федеральных округов».",
                "<b>A document's district, region and country</b> are those of its <i>subject</i>: the place the document is about (the region whose strategy it is, the region of the portal that published the news). A document with no subject, or a foreign one, falls into the row “outside the federal districts”.",
            ),
            (
                "<b>Документ «со сферой»</b> — в одном из его предложений о сотрудничестве стоит маркер этой сферы из кодификатора. Доля в ячейке «округ × сфера» = документы округа со сферой / все документы округа. Один документ может иметь несколько сфер, поэтому доли в строке не складываются в 100 %.",
                "<b>A document “with” a sphere</b> has a cue of that sphere from the codebook in one of its cooperation sentences. The share in a district × sphere cell = the district's documents with the sphere / all the district's documents. A document may have several spheres, so a row's shares do not add up to 100%.",
            ),
            (
                "<b>Глубина</b> (нет, упоминание, формальная, детальная) оценивается по документу целиком; у каждого документа ровно одна глубина, поэтому доли в строке складываются в 100 %.",
                "<b>Depth</b> (none, shallow, formal, detailed) is judged on the whole document; every document has exactly one, so a row's shares add up to 100%.",
            ),
            (
                "<b>Утверждение о связи</b> — документ, утверждающий, что два места сотрудничают: все связи одной пары мест в одном документе сливаются в одно утверждение (формы и сферы объединяются, цитируется первое предложение). <b>Партнёрство</b> — пара мест со всеми утверждениями о ней из всех документов. Связь <b>межрегиональная</b>, если оба места в одной стране, иначе <b>международная</b>. Утверждение <b>многостороннее</b>, если каждое его предложение называет три стороны и более (форум регионов, многостороннее соглашение), иначе <b>двустороннее</b>. Связь места с местом внутри него (город и его регион или страна) не учитывается: место не сотрудничает само с собой.",
                "<b>A tie statement</b> is one document stating that two places cooperate: all of a document's ties between one pair merge into one statement (forms and spheres united, the first sentence quoted). <b>A partnership</b> is a pair of places with every statement about it from every document. A tie is <b>interregional</b> when both places are in one country, <b>international</b> otherwise. A statement is <b>multilateral</b> when every sentence stating it names three or more parties (a forum of regions, a multilateral agreement), <b>bilateral</b> otherwise. A tie between a place and a place inside it (a city and its own region or country) is left out: a place does not cooperate with itself.",
            ),
            (
                "<b>Партнёры места</b> — различные места, с которыми у него есть партнёрство; «с соглашениями» — партнёры, о соглашении с которыми говорит хотя бы один документ. Соглашения и визиты по годам — утверждения, среди форм которых есть соглашение или визит (делегация).",
                "<b>A place's partners</b> are the distinct places it has a partnership with; “with agreements” are partners with which at least one document states an agreement. Agreements and visits per year are statements whose forms include an agreement or a visit (delegation).",
            ),
            (
                "<b>Сеть партнёров</b>: узлы — места, рёбра — партнёрства; <b>вес ребра</b> — число документов, утверждающих связь. <b>Посредничество</b> (betweenness) считается по кратчайшим путям, где длина ребра = 1 / вес (частые связи — короткие), и нормируется к отрезку [0, 1]; на очень больших сетях оно оценивается по детерминированной выборке узлов (об этом сказано у сети). <b>PageRank</b> — с коэффициентом затухания 0,85 по взвешенным рёбрам, в сумме 1. <b>Сообщества</b> найдены методом Лувена (оптимизация модулярности) и пронумерованы по убыванию размера.",
                "<b>The partner network</b>: nodes are places, edges are partnerships; <b>an edge's weight</b> is the number of documents stating the tie. <b>Betweenness</b> is computed over shortest paths where an edge's length is 1 / weight (frequent ties are short), normalised to [0, 1]; on very large networks it is estimated from a deterministic sample of nodes (the network section says so). <b>PageRank</b> uses damping 0.85 over the weighted edges and sums to 1. <b>Communities</b> are found by Louvain modularity optimisation and numbered by size, largest first.",
            ),
            (
                "<b>Числовые показатели</b> (объём торговли, число визитов, подписанных документов) группируются по местам, виду показателя и единице. Они не суммируются ни между единицами, ни между документами: показываются число упоминаний, минимум, максимум и последнее значение (по году, названному в предложении, иначе по году документа).",
                "<b>Figures</b> (trade volumes, numbers of visits, documents signed) are grouped by places, measure and unit. They are never added up, neither across units nor across documents: a group shows its count, minimum, maximum and latest value (by the year its sentence names, else the document's year).",
            ),
            (
                "<b>Фильтр.</b> Период, язык и жанр отбирают документы по метаданным; документ без года при заданном периоде не учитывается. Места и федеральные округа отбирают по географии: связь учитывается, если хотя бы один её конец лежит в выбранном месте или округе; документ — если там его субъект или учитывается одна из его связей; числовой показатель — если там одно из названных в его предложении мест (если мест не названо — субъект документа). Формы, сферы и масштаб отбирают связи; документ учитывается, если учитывается одна из его связей (для сфер — также если сфера названа в его предложениях о сотрудничестве).",
                "<b>The filter.</b> Period, language and genre select documents by their metadata; with a period set, a document without a year is left out. Places and federal districts select by geography: a tie counts when either end lies in a chosen place or district; a document when its subject does or one of its ties counts; a figure when one of the places its sentence names does (naming none, when its document's subject does). Forms, spheres and scope select ties; a document counts when one of its ties does (for spheres, also when its cooperation sentences name the sphere).",
            ),
            (
                "<b>Спорные территории</b> сводятся так, как выбрано при построении отчёта (см. обзор): по ISO 3166 или по заявленной принадлежности.",
                "<b>Contested territories</b> roll up as chosen when the report was made (see the overview): by ISO 3166 or as claimed.",
            ),
            (
                "<b>Доказательства.</b> Каждое число документов или утверждений — ссылка на приложение, где процитированы предложения первых документов ячейки (не более заданного числа) и сказано, сколько ещё осталось. Доли даны с одним знаком после запятой.",
                "<b>Evidence.</b> Every count of documents or statements links to the appendix, which quotes the sentences of the cell's first documents (up to the chosen number) and says how many more there are. Shares are given with one decimal.",
            ),
        ];
        self.push("<ul class=\"methods\">\n");
        for (ru, en) in items {
            // The texts are this crate's own, with their markup; nothing from documents.
            let _ = writeln!(self.out, "<li>{}</li>", self.lang.pick(ru, en));
        }
        self.push("</ul>\n");
        self.h3(self.t("Как получить этот отчёт снова", "How to make this report again"));
        let command =
            if self.options.command.trim().is_empty() { "coopatlas report" } else { self.options.command.as_str() };
        let _ = writeln!(self.out, "<pre class=\"command\"><code>{}</code></pre>", esc(command));
    }

    /// The two appendices.
    pub(crate) fn appendices(&mut self, passages: &HashMap<Evidence, String>) {
        let lang = self.lang;
        self.section("evidence", self.t("Приложение А. Доказательства", "Appendix A. Evidence"));
        if self.registry.is_empty() {
            self.empty(self.t(
                "Ссылаться не на что: в отчёте нет ненулевых счётчиков.",
                "Nothing to cite: the report has no non-zero counts.",
            ));
        } else {
            let per_cell = self.options.evidence_per_cell;
            let text = match lang {
                Lang::Ru => format!(
                    "Для каждого числа — до {} документов с цитатой из каждого; заголовок ведёт к описанию документа в приложении Б.",
                    int(per_cell, lang)
                ),
                Lang::En => format!(
                    "For every number, up to {} documents, each with its quoted sentence; a title leads to the document's entry in Appendix B.",
                    int(per_cell, lang)
                ),
            };
            self.paragraph(&text);
            let mut html = String::new();
            self.registry.write_evidence(&mut html, passages, lang);
            self.push(&html);
        }
        self.end_section();
        self.section("documents", self.t("Приложение Б. Документы", "Appendix B. Documents"));
        let text = match lang {
            Lang::Ru => format!(
                "Документы, процитированные или перечисленные в отчёте ({} из {}).",
                int(self.registry.document_count(), lang),
                int(self.analysis.documents.len(), lang)
            ),
            Lang::En => format!(
                "The documents quoted or listed in the report ({} of {}).",
                int(self.registry.document_count(), lang),
                int(self.analysis.documents.len(), lang)
            ),
        };
        self.paragraph(&text);
        let mut html = String::new();
        self.registry.write_documents(&mut html, lang);
        self.push(&html);
        self.end_section();
    }

    /// The opening of the page: doctype, head with the style and the content security policy,
    /// and the header.
    pub(crate) fn head(&mut self, title: &str, subtitle: &str, toc: &[(&str, &str)]) {
        let lang = self.lang;
        let _ = write!(
            self.out,
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"coopatlas\">\n\
             <link rel=\"icon\" href=\"data:,\">\n<title>{}</title>\n<style>\n{}</style>\n</head>\n<body>\n",
            lang.code(),
            esc(title),
            include_str!("style.css")
        );
        let _ = write!(self.out, "<header class=\"top\" id=\"top\">\n<h1>{}</h1>\n", esc(title));
        if !subtitle.is_empty() {
            let _ = writeln!(self.out, "<p class=\"subtitle\">{}</p>", esc(subtitle));
        }
        if !self.options.generated.trim().is_empty() {
            let _ = writeln!(self.out, "<p class=\"generated\">{}</p>", esc(&self.options.generated));
        }
        let _ = write!(self.out, "<nav class=\"toc\" aria-label=\"{}\"><ol>", self.t("Содержание", "Contents"));
        for (id, name) in toc {
            let _ = write!(self.out, "<li><a href=\"#{id}\">{}</a></li>", esc(name));
        }
        self.out.push_str("</ol></nav>\n</header>\n<main>\n");
    }

    pub(crate) fn foot(&mut self) {
        let _ = write!(
            self.out,
            "</main>\n<footer><p>{} · <a href=\"#top\">{}</a></p></footer>\n</body>\n</html>\n",
            self.t("Отчёт coopatlas", "coopatlas report"),
            self.t("↑ в начало", "↑ to the top")
        );
    }

    /// The sphere entry of a document for a sphere cell: the first sentence naming it.
    pub(crate) fn sphere_entry(analysis: &Analysis, document: u32, sphere: &str) -> Entry {
        let row: &DocumentRow = &analysis.documents[document as usize];
        let span = row.spheres.iter().find(|(key, _)| key == sphere).and_then(|(_, span)| *span);
        Entry { document, evidence: span.map(|span| Evidence::new(document, span)) }
    }
}

fn form_cell_count(row: &measures::YearRow, form: &str) -> usize {
    row.forms.get(form).copied().unwrap_or(0)
}

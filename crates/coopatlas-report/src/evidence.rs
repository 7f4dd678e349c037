//! The evidence behind the numbers. Every count of documents or statements in the report is a
//! link to an entry of the evidence appendix, which quotes the first few sentences behind it;
//! every quoted document has a row in the documents appendix. Cells are registered while the
//! tables are written, so a link and its target cannot drift apart, and the caller learns which
//! sentences to read (`evidence_needed`) by the same pass that writes the report.

use std::collections::{BTreeMap, HashMap, HashSet};

use coopatlas_analytics::{Analysis, Evidence, Lang, labels};

use crate::format::{self, clip, int, plural_ru};
use crate::html::{esc, slug};

/// Quoted sentences are cut to this many characters: a "sentence" of a scanned PDF can run to
/// pages, and one cell may quote ten of them.
const QUOTE_CHARS: usize = 400;
const TITLE_CHARS: usize = 160;
const PATH_CHARS: usize = 120;

/// What a cell counts, for "… and N more".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Documents,
    Statements,
    Figures,
}

impl Unit {
    fn more(self, count: usize, lang: Lang) -> String {
        let number = int(count, lang);
        match (lang, self) {
            (Lang::Ru, Unit::Documents) => {
                format!("… и ещё {number} {}", plural_ru(count, "документ", "документа", "документов"))
            }
            (Lang::Ru, Unit::Statements) => {
                format!("… и ещё {number} {}", plural_ru(count, "утверждение", "утверждения", "утверждений"))
            }
            (Lang::Ru, Unit::Figures) => {
                format!("… и ещё {number} {}", plural_ru(count, "показатель", "показателя", "показателей"))
            }
            (Lang::En, Unit::Documents) => format!("… and {number} more document{}", if count == 1 { "" } else { "s" }),
            (Lang::En, Unit::Statements) => {
                format!("… and {number} more statement{}", if count == 1 { "" } else { "s" })
            }
            (Lang::En, Unit::Figures) => format!("… and {number} more figure{}", if count == 1 { "" } else { "s" }),
        }
    }

    fn total(self, count: usize, lang: Lang) -> String {
        let number = int(count, lang);
        match (lang, self) {
            (_, Unit::Documents) => format::documents(count, lang),
            (Lang::Ru, Unit::Statements) => {
                format!(
                    "{number} {}",
                    plural_ru(count, "утверждение о связи", "утверждения о связи", "утверждений о связи")
                )
            }
            (Lang::Ru, Unit::Figures) => {
                format!("{number} {}", plural_ru(count, "показатель", "показателя", "показателей"))
            }
            (Lang::En, Unit::Statements) => format!("{number} tie statement{}", if count == 1 { "" } else { "s" }),
            (Lang::En, Unit::Figures) => format!("{number} figure{}", if count == 1 { "" } else { "s" }),
        }
    }
}

/// One document of a cell, with the sentence to quote (none for a count, such as depth, that no
/// single sentence states).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Entry {
    pub document: u32,
    pub evidence: Option<Evidence>,
}

/// What a cell with evidence counts and how its appendix entry is headed.
pub(crate) struct Head {
    /// Makes the anchor readable (`ev-12-federal-district-northwestern-tourism`); the running
    /// number makes it unique.
    pub key: String,
    pub title: String,
    pub unit: Unit,
    pub total: usize,
    /// Printed above the entries (why there is no sentence, say).
    pub note: Option<String>,
}

struct Cell {
    anchor: String,
    title: String,
    unit: Unit,
    total: usize,
    entries: Vec<Entry>,
    /// The section the cell's table stands in, for the way back.
    back: String,
    note: Option<String>,
}

/// The cells with evidence and the documents they quote.
pub(crate) struct Registry<'a> {
    analysis: &'a Analysis,
    per_cell: usize,
    cells: Vec<Cell>,
    /// Anchors of the documents shown, by document index.
    documents: BTreeMap<u32, String>,
    used: HashSet<String>,
}

impl<'a> Registry<'a> {
    pub(crate) fn new(analysis: &'a Analysis, per_cell: usize) -> Registry<'a> {
        Registry { analysis, per_cell, cells: Vec::new(), documents: BTreeMap::new(), used: HashSet::new() }
    }

    /// Registers a cell and keeps its first entries; returns the anchor its number links to.
    pub(crate) fn cell(&mut self, head: Head, entries: impl IntoIterator<Item = Entry>, back: &str) -> String {
        let mut key = slug(&head.key);
        key.truncate(48);
        let anchor = format!("ev-{}-{}", self.cells.len() + 1, key.trim_end_matches('-'));
        let entries: Vec<Entry> = entries.into_iter().take(self.per_cell).collect();
        for entry in &entries {
            self.document(entry.document);
        }
        let Head { title, unit, total, note, .. } = head;
        self.cells.push(Cell { anchor: anchor.clone(), title, unit, total, entries, back: back.to_string(), note });
        anchor
    }

    /// The anchor of a document's row in the documents appendix, which will list it.
    pub(crate) fn document(&mut self, document: u32) -> String {
        if let Some(anchor) = self.documents.get(&document) {
            return anchor.clone();
        }
        let id = &self.analysis.documents[document as usize].id;
        let mut short: String = id.chars().filter(char::is_ascii_alphanumeric).take(12).collect();
        short.make_ascii_lowercase();
        let mut anchor = format!("doc-{short}");
        // Twelve hex digits of BLAKE3 collide about once in 10^14 pairs; ids from elsewhere may
        // share a prefix more often.
        if !self.used.insert(anchor.clone()) {
            anchor = format!("doc-{short}-{document}");
            self.used.insert(anchor.clone());
        }
        self.documents.insert(document, anchor.clone());
        anchor
    }

    /// Every sentence the report quotes, sorted, once each.
    pub(crate) fn evidences(&self) -> Vec<Evidence> {
        let mut evidences: Vec<Evidence> =
            self.cells.iter().flat_map(|cell| cell.entries.iter().filter_map(|entry| entry.evidence)).collect();
        evidences.sort();
        evidences.dedup();
        evidences
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// The evidence appendix.
    pub(crate) fn write_evidence(&self, out: &mut String, passages: &HashMap<Evidence, String>, lang: Lang) {
        let missing = lang.pick("(предложение недоступно)", "(sentence not available)");
        for cell in &self.cells {
            out.push_str(&format!(
                "<div class=\"ev\" id=\"{}\"><h3>{}</h3><p class=\"meta\">{} · <a href=\"#{}\">{}</a></p>\n",
                cell.anchor,
                esc(&capitalised(&cell.title)),
                esc(&cell.unit.total(cell.total, lang)),
                cell.back,
                lang.pick("↑ к таблице", "↑ back to the table")
            ));
            if let Some(note) = &cell.note {
                out.push_str(&format!("<p class=\"note\">{}</p>\n", esc(note)));
            }
            out.push_str("<ol>\n");
            for entry in &cell.entries {
                let document = &self.analysis.documents[entry.document as usize];
                let anchor = &self.documents[&entry.document];
                let title = document.title.as_deref().filter(|title| !title.trim().is_empty());
                let title = title.map_or_else(
                    || lang.pick("(без заголовка)", "(untitled)").to_string(),
                    |title| clip(title, TITLE_CHARS),
                );
                let mut meta =
                    vec![document.date.clone().unwrap_or_else(|| lang.pick("без даты", "undated").to_string())];
                meta.push(short_id(&document.id).to_string());
                if let Some(path) = &document.path {
                    meta.push(clip_path(path));
                }
                out.push_str(&format!(
                    "<li><a href=\"#{anchor}\">{}</a> <span class=\"meta\">{}</span>",
                    esc(&title),
                    esc(&meta.join(" · "))
                ));
                if let Some(evidence) = entry.evidence {
                    match passages.get(&evidence) {
                        Some(sentence) => {
                            out.push_str(&format!("<blockquote>{}</blockquote>", esc(&clip(sentence, QUOTE_CHARS))))
                        }
                        None => out.push_str(&format!("<blockquote class=\"missing\">{missing}</blockquote>")),
                    }
                }
                out.push_str("</li>\n");
            }
            out.push_str("</ol>\n");
            if cell.total > cell.entries.len() {
                out.push_str(&format!(
                    "<p class=\"more\">{}</p>\n",
                    esc(&cell.unit.more(cell.total - cell.entries.len(), lang))
                ));
            }
            out.push_str("</div>\n");
        }
    }

    /// The documents appendix: every document quoted or listed, with its metadata.
    pub(crate) fn write_documents(&self, out: &mut String, lang: Lang) {
        out.push_str(&format!(
            "<div class=\"scroll\"><table class=\"docs\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>\n",
            lang.pick("Заголовок", "Title"),
            lang.pick("Дата", "Date"),
            lang.pick("Язык", "Language"),
            lang.pick("Жанр", "Genre"),
            lang.pick("Путь", "Path"),
            lang.pick("Идентификатор", "Id"),
        ));
        for (index, anchor) in &self.documents {
            let document = &self.analysis.documents[*index as usize];
            let title = document.title.as_deref().unwrap_or("");
            out.push_str(&format!(
                "<tr id=\"{anchor}\"><td>{}</td><td class=\"nw\">{}</td><td>{}</td><td>{}</td><td class=\"path\">{}</td><td class=\"id\">{}</td></tr>\n",
                esc(&clip(title, 400)),
                esc(document.date.as_deref().unwrap_or("—")),
                esc(document.language.as_deref().map_or("—", |language| labels::name(labels::LANGUAGES, language, lang))),
                esc(labels::name(labels::GENRES, &document.genre, lang)),
                esc(document.path.as_deref().unwrap_or("—")),
                esc(&document.id),
            ));
        }
        out.push_str("</tbody></table></div>\n");
    }

    pub(crate) fn document_count(&self) -> usize {
        self.documents.len()
    }
}

/// The title with its first letter in capitals ("вне федеральных округов…" heads an entry).
fn capitalised(text: &str) -> String {
    let mut characters = text.chars();
    characters.next().map_or_else(String::new, |first| first.to_uppercase().chain(characters).collect())
}

/// The first 12 characters of a document id: enough to find it (`coopatlas show`).
pub(crate) fn short_id(id: &str) -> &str {
    id.char_indices().nth(12).map_or(id, |(end, _)| &id[..end])
}

/// A long path keeps its end, where the file name is.
fn clip_path(path: &str) -> String {
    let count = path.chars().count();
    if count <= PATH_CHARS {
        path.to_string()
    } else {
        format!("…{}", path.chars().skip(count - PATH_CHARS).collect::<String>())
    }
}

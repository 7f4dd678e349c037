//! HTML: the main text of a page, its title and publication date.
//!
//! The page is parsed with scraper (html5ever), which decodes entities and repairs broken
//! markup as browsers do. The main content is the element marked `itemprop=articleBody`, else
//! a single `<article>`, else `<main>`, else the longest of several articles, else `<body>`; a
//! candidate holding less than an eighth of the page's text is passed over (a comment or a
//! teaser marked up as an article). Scripts, styles, forms, navigation, page headers and
//! footers, sidebars, elements whose class or id says navigation, menu, sidebar,
//! breadcrumbs or cookie banner, and containers whose text is mostly link text are left out.
//!
//! Block elements become paragraph breaks (blank lines), list items, table rows and `<br>`
//! line breaks, table cells tabs; whitespace inside a paragraph collapses to single spaces.
//! The tree is walked with an explicit stack: a page of a hundred thousand nested `<div>`s
//! must not overflow the call stack.

use std::collections::HashMap;

use ego_tree::NodeId;
use ego_tree::iter::Edge;
use encoding_rs::Encoding;
use scraper::{ElementRef, Html, Node};

use crate::builder::{Break, TextBuilder};
use crate::{Extracted, Format, ReadError};

const FORMAT: &str = "html";

/// How far into the bytes `<meta charset>` is looked for (the HTML standard's prescan
/// looks at 1024 bytes; pages with long comments or scripts first put it later).
const CHARSET_PRESCAN: usize = 4096;

/// Deepest nesting of elements handed to the parser. html5ever walks the stack of open
/// elements for every start tag, so a page of n nested `<div>`s costs n² steps (minutes for
/// a 500 KB file); browsers cap the depth at 512 too.
const MAX_MARKUP_DEPTH: usize = 512;

/// Elements that never hold the text of the document.
const SKIPPED_TAGS: &[&str] = &[
    "head", "script", "style", "noscript", "template", "nav", "footer", "aside", "svg", "math", "iframe", "object",
    "embed", "canvas", "select", "button", "textarea", "input", "audio", "video", "map", "dialog", "menu",
];

/// ARIA roles of page furniture.
const SKIPPED_ROLES: &[&str] =
    &["navigation", "menu", "menubar", "search", "complementary", "contentinfo", "banner", "dialog", "alertdialog"];

/// Words in class names and ids that mark page furniture. Matched against the parts of a
/// class or id split at `-` and `_`, so `main-menu` matches and `menuet` does not.
const FURNITURE_WORDS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "navmenu",
    "menu",
    "submenu",
    "topmenu",
    "mainmenu",
    "sidebar",
    "breadcrumb",
    "breadcrumbs",
    "crumbs",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "header",
    "footer",
    "banner",
    "advert",
    "advertisement",
    "share",
    "sharing",
    "logo",
    "masthead",
    "topbar",
    "top",
    "bottom",
    "copyright",
];

/// Containers whose text is mostly link text are lists of links: menus, "read also",
/// tag clouds, news tickers in a sidebar.
const LINK_LIST_TAGS: &[&str] = &["div", "ul", "ol", "table", "section", "dl", "center"];
/// Share of a container's text inside links above which it is a list of links, in percent.
const LINK_LIST_SHARE: usize = 60;

/// Paragraph-level elements: a blank line before and after.
const PARAGRAPH_TAGS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "div",
    "section",
    "article",
    "main",
    "header",
    "blockquote",
    "ul",
    "ol",
    "dl",
    "table",
    "pre",
    "figure",
    "figcaption",
    "hr",
    "address",
    "fieldset",
    "details",
    "summary",
    "center",
    "form",
    "body",
    "html",
    "legend",
];

/// Line-level elements: a line break before and after.
const LINE_TAGS: &[&str] = &["li", "dt", "dd", "tr", "caption", "option"];

pub(crate) fn read(bytes: &[u8]) -> Result<Extracted, ReadError> {
    let decoded = crate::text::decode(bytes, declared_charset(bytes));
    let mut warnings = decoded.warnings;
    let markup = flatten_deep_markup(&decoded.text, MAX_MARKUP_DEPTH);
    if let std::borrow::Cow::Owned(_) = markup {
        warnings.push(format!("markup nested deeper than {MAX_MARKUP_DEPTH} levels flattened"));
    }
    let document = Html::parse_document(&markup);
    let root = main_content(&document);
    let text = visible_text(root);
    if text.is_empty() {
        return Err(ReadError::NoText { format: FORMAT });
    }
    Ok(Extracted {
        format: Format::Html,
        text,
        title: title(&document, root),
        date: date(&document, root),
        pages: Vec::new(),
        encoding: Some(decoded.encoding.name()),
        warnings,
    })
}

/// Elements without content: they never nest.
const VOID_TAGS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    "keygen", "basefont", "bgsound", "frame", "image",
];

/// Elements whose end tag may be left out: the parser closes them, so they are not counted.
const IMPLIED_END_TAGS: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup", "caption",
    "rb", "rt", "rp", "rtc", "html", "head", "body",
];

/// Elements whose content is not markup.
const RAW_TEXT_TAGS: &[&str] =
    &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"];

/// Drops the tags that would nest elements deeper than `limit` (their text stays), counting
/// the nesting roughly as the parser will: void elements and elements with implied end tags
/// do not count. Borrows when nothing is that deep, which is every page made by a person.
fn flatten_deep_markup(html: &str, limit: usize) -> std::borrow::Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    let mut dropped: Vec<std::ops::Range<usize>> = Vec::new();
    let mut position = 0;
    while let Some(offset) = memchr_lt(&bytes[position..]) {
        let start = position + offset;
        let rest = &html[start..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            position = comment.find("-->").map_or(bytes.len(), |end| start + 4 + end + 3);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            position = rest.find('>').map_or(bytes.len(), |end| start + end + 1);
            continue;
        }
        let closing = rest.starts_with("</");
        let name_start = start + if closing { 2 } else { 1 };
        let name_length = bytes[name_start..].iter().take_while(|byte| byte.is_ascii_alphanumeric()).count();
        if name_length == 0 || !bytes[name_start].is_ascii_alphabetic() {
            position = start + 1;
            continue;
        }
        let name = html[name_start..name_start + name_length].to_ascii_lowercase();
        let end = tag_end(bytes, name_start + name_length);
        position = end;
        let self_closing = !closing && end >= 2 && bytes[end - 2] == b'/';
        if !closing && RAW_TEXT_TAGS.contains(&name.as_str()) {
            // Skip the content up to the matching end tag; it is dropped with nothing else.
            let close = format!("</{name}");
            let lower_rest = html[end..].to_ascii_lowercase();
            position = lower_rest.find(&close).map_or(bytes.len(), |at| end + at);
            continue;
        }
        // The end tag of a raw-text element was not counted open either.
        if self_closing
            || VOID_TAGS.contains(&name.as_str())
            || IMPLIED_END_TAGS.contains(&name.as_str())
            || RAW_TEXT_TAGS.contains(&name.as_str())
        {
            continue;
        }
        if closing {
            if depth > limit {
                dropped.push(start..end);
            }
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            if depth > limit {
                dropped.push(start..end);
            }
        }
    }
    if dropped.is_empty() {
        return std::borrow::Cow::Borrowed(html);
    }
    let mut flattened = String::with_capacity(html.len());
    let mut kept_from = 0;
    for range in dropped {
        flattened.push_str(&html[kept_from..range.start]);
        kept_from = range.end;
    }
    flattened.push_str(&html[kept_from..]);
    std::borrow::Cow::Owned(flattened)
}

fn memchr_lt(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|byte| *byte == b'<')
}

/// Index just past the `>` closing a tag whose name ends at `from`, skipping quoted
/// attribute values; the end of the text if the tag is never closed.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut position = from;
    let mut quote: Option<u8> = None;
    while let Some(&byte) = bytes.get(position) {
        position += 1;
        match (quote, byte) {
            (Some(open), _) if byte == open => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(byte),
            (None, b'>') => return position,
            _ => {}
        }
    }
    bytes.len()
}

/// The encoding a page declares in `<meta charset>`, `<meta http-equiv content="...;
/// charset=...">` or an XML declaration.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(CHARSET_PRESCAN)]).to_ascii_lowercase();
    if head.trim_start().starts_with("<?xml") {
        let declaration = &head[..head.find("?>").unwrap_or(head.len())];
        if let Some(encoding) = label_after(declaration, "encoding") {
            return Some(encoding);
        }
    }
    let mut rest = head.as_str();
    while let Some(at) = rest.find("<meta") {
        let tag = &rest[at..];
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        if let Some(encoding) = label_after(tag, "charset") {
            return Some(encoding);
        }
        rest = &rest[at + 5..];
    }
    None
}

/// The encoding named after `key=` in `text`, quoted or not.
fn label_after(text: &str, key: &str) -> Option<&'static Encoding> {
    let at = text.find(key)?;
    let rest = text[at + key.len()..].trim_start().strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let end =
        rest.find(|character: char| matches!(character, '"' | '\'' | ';' | '/' | '>') || character.is_whitespace());
    Encoding::for_label(&rest.as_bytes()[..end.unwrap_or(rest.len())])
}

fn main_content(document: &Html) -> ElementRef<'_> {
    let root = document.root_element();
    let body = root.descendent_elements().find(|element| element.value().name() == "body").unwrap_or(root);
    let body_length = visible_text(body).chars().count();
    let big_enough = |element: &ElementRef<'_>| {
        let length = visible_text(*element).chars().count();
        length > 0 && length * 8 >= body_length
    };

    let article_body = body.descendent_elements().find(|element| {
        element
            .value()
            .attr("itemprop")
            .is_some_and(|itemprop| itemprop.split_whitespace().any(|word| word == "articleBody"))
    });
    // Outermost articles only: an article nested in another (a comment) is part of it.
    let articles: Vec<ElementRef<'_>> = body
        .descendent_elements()
        .filter(|element| element.value().name() == "article")
        .filter(|element| {
            !element
                .ancestors()
                .any(|ancestor| ancestor.value().as_element().is_some_and(|ancestor| ancestor.name() == "article"))
        })
        .collect();
    let single_article = if articles.len() == 1 { articles.first().copied() } else { None };
    let main = body.descendent_elements().find(|element| {
        element.value().name() == "main"
            || element.value().attr("role").is_some_and(|role| role.eq_ignore_ascii_case("main"))
    });
    let longest_article = articles.iter().copied().max_by_key(|article| visible_text(*article).chars().count());

    [article_body, single_article, main, longest_article]
        .into_iter()
        .flatten()
        .find(big_enough)
        .inspect(|element| tracing::debug!(element = element.value().name(), "main content"))
        .unwrap_or(body)
}

/// Whether an element flagged as furniture by its class or id, or a form, holds the
/// document after all: pages built with ASP.NET wrap everything in one `<form>`, and a
/// `<div class="with-sidebar">` can wrap the whole page.
fn holds_main_content(share: TextShare) -> bool {
    share.marks_content || share.paragraphs >= 3
}

fn marks_content(element: &scraper::node::Element) -> bool {
    matches!(element.name(), "article" | "main" | "h1")
        || element.attr("itemprop").is_some_and(|itemprop| itemprop.contains("articleBody"))
}

fn is_furniture_name(value: &str) -> bool {
    value
        .split(|character: char| character.is_whitespace() || character == '-' || character == '_')
        .any(|word| FURNITURE_WORDS.iter().any(|furniture| word.eq_ignore_ascii_case(furniture)))
}

/// Characters of visible text under an element, and how many of them are inside links.
#[derive(Debug, Default, Clone, Copy)]
struct TextShare {
    total: usize,
    linked: usize,
    /// `<p>` elements inside.
    paragraphs: usize,
    /// An `<article>`, `<main>`, `<h1>` or `itemprop=articleBody` element inside.
    marks_content: bool,
}

/// [`TextShare`] of every element under `root`, in one pass over the tree.
fn text_shares(root: ElementRef<'_>) -> HashMap<NodeId, TextShare> {
    let mut shares = HashMap::new();
    // Open elements and what has been counted in them so far.
    let mut open: Vec<TextShare> = Vec::new();
    let mut links = 0usize;
    let mut hidden = 0usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(element) => {
                    open.push(TextShare::default());
                    links += usize::from(element.name() == "a");
                    hidden += usize::from(SKIPPED_TAGS.contains(&element.name()));
                }
                Node::Text(text) if hidden == 0 => {
                    if let Some(share) = open.last_mut() {
                        let length = text.chars().filter(|character| !character.is_whitespace()).count();
                        share.total += length;
                        if links > 0 {
                            share.linked += length;
                        }
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(element) = node.value() {
                    links -= usize::from(element.name() == "a");
                    hidden -= usize::from(SKIPPED_TAGS.contains(&element.name()));
                    let share = open.pop().unwrap_or_default();
                    if let Some(parent) = open.last_mut() {
                        parent.total += share.total;
                        parent.linked += share.linked;
                        parent.paragraphs += share.paragraphs + usize::from(element.name() == "p");
                        parent.marks_content |= share.marks_content || marks_content(element);
                    }
                    shares.insert(node.id(), share);
                }
            }
        }
    }
    shares
}

/// Whether the walk leaves this element (and everything in it) out.
fn is_skipped(element: ElementRef<'_>, inside_article: bool, shares: &HashMap<NodeId, TextShare>) -> bool {
    let value = element.value();
    let name = value.name();
    if SKIPPED_TAGS.contains(&name) {
        return true;
    }
    // An article's own <header> holds its headline and date; the page's <header> holds the
    // site's name and menu.
    if name == "header" && !inside_article {
        return true;
    }
    if value.attr("hidden").is_some()
        || value.attr("aria-hidden").is_some_and(|hidden| hidden.eq_ignore_ascii_case("true"))
    {
        return true;
    }
    if value.attr("style").is_some_and(|style| {
        let style: String = style.chars().filter(|character| !character.is_whitespace()).collect();
        style.to_ascii_lowercase().contains("display:none")
    }) {
        return true;
    }
    if value.attr("role").is_some_and(|role| SKIPPED_ROLES.iter().any(|skipped| role.eq_ignore_ascii_case(skipped))) {
        return true;
    }
    if LINK_LIST_TAGS.contains(&name)
        && shares
            .get(&element.id())
            .is_some_and(|share| share.total > 0 && share.linked * 100 > share.total * LINK_LIST_SHARE)
    {
        return true;
    }
    let flagged = name == "form"
        || value.attr("class").is_some_and(is_furniture_name)
        || value.attr("id").is_some_and(is_furniture_name);
    flagged && !shares.get(&element.id()).copied().is_some_and(holds_main_content)
}

/// The text of an element as a reader sees it.
fn visible_text(root: ElementRef<'_>) -> String {
    let shares = text_shares(root);
    let mut builder = TextBuilder::new();
    let mut preformatted = 0usize;
    let mut articles = usize::from(root.value().name() == "article")
        + usize::from(
            root.ancestors()
                .any(|ancestor| ancestor.value().as_element().is_some_and(|element| element.name() == "article")),
        );
    // Two <br> in a row mean a new paragraph on pages laid out without <p>.
    let mut after_br = false;
    let mut stack = vec![(root, root.children())];
    open(&mut builder, root);
    while let Some((_, children)) = stack.last_mut() {
        let Some(child) = children.next() else {
            if let Some((element, _)) = stack.pop() {
                close(&mut builder, element);
                match element.value().name() {
                    "pre" => preformatted = preformatted.saturating_sub(1),
                    "article" => articles = articles.saturating_sub(1),
                    _ => {}
                }
            }
            continue;
        };
        match child.value() {
            Node::Text(text) => {
                if preformatted > 0 {
                    builder.push_raw(text);
                } else {
                    builder.push_collapsed(text);
                }
                if !text.trim().is_empty() {
                    after_br = false;
                }
            }
            Node::Element(element) => {
                let Some(element_ref) = ElementRef::wrap(child) else {
                    continue;
                };
                if is_skipped(element_ref, articles > 0, &shares) {
                    continue;
                }
                match element.name() {
                    "br" => {
                        builder.brk(if after_br { Break::Paragraph } else { Break::Line });
                        after_br = true;
                        continue;
                    }
                    "pre" => preformatted += 1,
                    "article" => articles += 1,
                    _ => {}
                }
                open(&mut builder, element_ref);
                stack.push((element_ref, element_ref.children()));
            }
            _ => {}
        }
    }
    builder.finish()
}

fn open(builder: &mut TextBuilder, element: ElementRef<'_>) {
    let name = element.value().name();
    if PARAGRAPH_TAGS.contains(&name) {
        builder.brk(Break::Paragraph);
    } else if LINE_TAGS.contains(&name) {
        builder.brk(Break::Line);
    }
}

fn close(builder: &mut TextBuilder, element: ElementRef<'_>) {
    let name = element.value().name();
    if PARAGRAPH_TAGS.contains(&name) {
        builder.brk(Break::Paragraph);
    } else if LINE_TAGS.contains(&name) {
        builder.brk(Break::Line);
    } else if matches!(name, "td" | "th") {
        builder.brk(Break::Tab);
    }
}

/// Text of an element with whitespace collapsed; `None` when empty.
fn collapsed_text(element: ElementRef<'_>) -> Option<String> {
    let text = element.text().flat_map(str::split_whitespace).collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// `content` of the first `<meta>` whose `property` or `name` is one of `keys`
/// (case-insensitive), in the order of `keys`.
fn meta_content(document: &Html, keys: &[&str]) -> Option<String> {
    let metas: Vec<ElementRef<'_>> =
        document.root_element().descendent_elements().filter(|element| element.value().name() == "meta").collect();
    keys.iter().find_map(|key| {
        metas.iter().find_map(|meta| {
            let value = meta.value();
            let named = [value.attr("property"), value.attr("name")]
                .into_iter()
                .flatten()
                .any(|name| name.trim().eq_ignore_ascii_case(key));
            let content = value.attr("content")?.split_whitespace().collect::<Vec<_>>().join(" ");
            (named && !content.is_empty()).then_some(content)
        })
    })
}

fn title(document: &Html, root: ElementRef<'_>) -> Option<String> {
    meta_content(document, &["og:title"])
        .or_else(|| root.descendent_elements().find(|element| element.value().name() == "h1").and_then(collapsed_text))
        .or_else(|| {
            document
                .root_element()
                .descendent_elements()
                .find(|element| element.value().name() == "title")
                .and_then(collapsed_text)
        })
}

fn date(document: &Html, root: ElementRef<'_>) -> Option<String> {
    let normalise = |value: String| crate::date::normalise(&value);
    if let Some(date) = meta_content(document, &["article:published_time", "og:published_time"]).and_then(normalise) {
        return Some(date);
    }
    if let Some(date) = meta_content(document, &["date", "pubdate", "dc.date", "dc.date.issued"]).and_then(normalise) {
        return Some(date);
    }
    let published = document.root_element().descendent_elements().find_map(|element| {
        let value = element.value();
        if !value
            .attr("itemprop")
            .is_some_and(|itemprop| itemprop.split_whitespace().any(|word| word == "datePublished"))
        {
            return None;
        }
        [value.attr("content"), value.attr("datetime")]
            .into_iter()
            .flatten()
            .map(str::to_owned)
            .chain(collapsed_text(element))
            .find_map(normalise)
    });
    if published.is_some() {
        return published;
    }
    root.descendent_elements()
        .filter(|element| element.value().name() == "time")
        .find_map(|element| element.value().attr("datetime").and_then(crate::date::normalise))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(html: &str) -> Extracted {
        read(html.as_bytes()).unwrap()
    }

    #[test]
    fn blocks_become_paragraphs_and_lines() {
        let html = "<!doctype html><html><head><title>T</title><style>p{}</style></head><body>
            <h1>Заголовок</h1><p>Первый   абзац
            с &laquo;кавычками&raquo; &amp; <b>жирным</b>.</p><div>Второй<br>строка<br><br>третий</div>
            <ul><li>один</li><li>два</li></ul><table><tr><td>А</td><td>Б</td></tr><tr><th>В</th><td>Г</td></tr></table>
            <pre>  код
   с отступом</pre><script>var x = 1;</script></body></html>";
        assert_eq!(
            read_str(html).text,
            "Заголовок\n\nПервый абзац с «кавычками» & жирным.\n\nВторой\nстрока\n\nтретий\n\nодин\nдва\n\nА\tБ\nВ\tГ\n\n  код\n   с отступом"
        );
    }

    #[test]
    fn page_furniture_is_left_out_and_the_article_preferred() {
        let html = r#"<html><body>
            <header><a href="/">Сайт</a><ul class="main-menu"><li>Главная</li></ul></header>
            <nav>Навигация</nav>
            <div class="breadcrumbs">Главная / Новости</div>
            <div id="cookie-banner">Мы используем cookies</div>
            <div class="layout with-sidebar"><div class="content">
            <article><header><h1>Псков и Тарту подписали соглашение</h1><time datetime="2024-03-05T10:00">5 марта</time></header>
              <p>Стороны договорились о сотрудничестве в сфере культуры и туризма.</p>
              <p>Документ подписан в Пскове.</p><p>Третий абзац.</p>
              <footer>Теги: культура</footer></article>
            <aside>Читайте также</aside></div></div>
            <form><input value="Поиск"></form>
            <footer>© 2024</footer></body></html>"#;
        let extracted = read_str(html);
        assert_eq!(
            extracted.text,
            "Псков и Тарту подписали соглашение\n\n5 марта\n\nСтороны договорились о сотрудничестве в сфере культуры и туризма.\n\nДокумент подписан в Пскове.\n\nТретий абзац."
        );
        assert_eq!(extracted.title.as_deref(), Some("Псков и Тарту подписали соглашение"));
        assert_eq!(extracted.date.as_deref(), Some("2024-03-05"));
    }

    #[test]
    fn lists_of_links_are_left_out() {
        let html = r#"<html><body><div id="top"><span class="logo">Вестник</span></div>
            <div class="col"><p>Могилёв принял форум регионов.</p><p>Подробнее <a href="/x">здесь</a> и в программе.</p></div>
            <div class="block"><h4>Новости района</h4><a href="/1">В Бобруйске отремонтируют мост</a><br><a href="/2">В Шклове прошёл фестиваль</a></div>
            <ul><li><a href="/a">Главная</a></li><li><a href="/b">Регион</a></li></ul>
            <div id="bottom">Вестник &copy; 2018</div></body></html>"#;
        assert_eq!(read_str(html).text, "Могилёв принял форум регионов.\n\nПодробнее здесь и в программе.");
    }

    #[test]
    fn a_form_wrapping_the_page_is_kept() {
        let html = r#"<html><body><form id="form1"><div class="menu">Меню</div>
            <p>Один.</p><p>Два.</p><p>Три.</p></form></body></html>"#;
        assert_eq!(read_str(html).text, "Один.\n\nДва.\n\nТри.");
    }

    #[test]
    fn a_small_article_does_not_hide_the_page() {
        let long = "Длинный текст страницы о сотрудничестве регионов. ".repeat(20);
        let html = format!("<html><body><p>{long}</p><article>Комментарий</article></body></html>");
        let extracted = read_str(&html);
        assert!(extracted.text.starts_with("Длинный текст"));
        assert!(extracted.text.ends_with("Комментарий"));
    }

    #[test]
    fn article_body_and_main_are_preferred() {
        let html = r#"<html><body><div>Шапка сайта</div><div itemprop="articleBody"><p>Тело статьи.</p></div><div>Подвал</div></body></html>"#;
        assert_eq!(read_str(html).text, "Тело статьи.");
        let html = r#"<html><body><div>Шапка</div><main><p>Основное.</p></main><div>Подвал</div></body></html>"#;
        assert_eq!(read_str(html).text, "Основное.");
    }

    #[test]
    fn title_prefers_og_title_then_h1_then_title() {
        let html = r#"<html><head><title>Сайт | Новость</title><meta property="og:title" content="Новость  дня"></head><body><h1>H1</h1><p>x</p></body></html>"#;
        assert_eq!(read_str(html).title.as_deref(), Some("Новость дня"));
        let html = r#"<html><head><title>Сайт | Новость</title></head><body><h1> Заголовок <small>статьи</small></h1><p>x</p></body></html>"#;
        assert_eq!(read_str(html).title.as_deref(), Some("Заголовок статьи"));
        let html = r#"<html><head><title> Сайт | Новость </title></head><body><p>x</p></body></html>"#;
        assert_eq!(read_str(html).title.as_deref(), Some("Сайт | Новость"));
    }

    #[test]
    fn dates_come_from_metadata_in_order() {
        let cases = [
            (
                r#"<meta property="article:published_time" content="2023-11-02T08:00:00Z"><meta name="date" content="2020-01-01">"#,
                Some("2023-11-02"),
            ),
            (r#"<meta property="og:published_time" content="2023-11">"#, Some("2023-11")),
            (r#"<meta name="DC.date.issued" content="02.11.2023">"#, Some("2023-11-02")),
            (r#"<meta name="pubdate" content="20231102">"#, Some("2023-11-02")),
            (r#"<meta itemprop="datePublished" content="2021-05-06">"#, Some("2021-05-06")),
            (r#"<meta name="date" content="not a date">"#, None),
        ];
        for (head, expected) in cases {
            let html = format!("<html><head>{head}</head><body><p>Текст</p></body></html>");
            assert_eq!(read_str(&html).date.as_deref(), expected, "{head}");
        }
        let html = r#"<html><body><p>Текст <span itemprop="datePublished">12 мая 2022</span></p></body></html>"#;
        assert_eq!(read_str(html).date.as_deref(), Some("2022-05-12"));
    }

    #[test]
    fn declared_charsets_are_honoured() {
        let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"></head><body><p>Мир</p></body></html>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(page);
        let extracted = read(&bytes).unwrap();
        assert_eq!((extracted.text.as_str(), extracted.encoding), ("Мир", Some("windows-1251")));
        let page = "<html><head><meta charset='koi8-r'></head><body><p>Мир</p></body></html>";
        let (bytes, _, _) = encoding_rs::KOI8_R.encode(page);
        assert_eq!(read(&bytes).unwrap().text, "Мир");
        assert_eq!(
            declared_charset(b"<?xml version=\"1.0\" encoding=\"windows-1251\"?><html>"),
            Some(encoding_rs::WINDOWS_1251)
        );
    }

    #[test]
    fn pages_without_text_have_no_text() {
        let html = "<html><head><title>Пусто</title></head><body><script>x()</script><nav>Меню</nav></body></html>";
        assert_eq!(read(html.as_bytes()), Err(ReadError::NoText { format: "html" }));
    }

    #[test]
    fn deep_nesting_is_flattened_before_parsing() {
        let html = format!(
            "<html><body>{}глубоко{}<p>дальше</p></body></html>",
            "<div class=x>".repeat(100_000),
            "</div>".repeat(100_000)
        );
        let started = std::time::Instant::now();
        let extracted = read_str(&html);
        assert_eq!(extracted.text, "глубоко\n\nдальше");
        assert_eq!(extracted.warnings, vec![format!("markup nested deeper than {MAX_MARKUP_DEPTH} levels flattened")]);
        assert!(started.elapsed() < std::time::Duration::from_secs(30), "{:?}", started.elapsed());
    }

    #[test]
    fn flattening_counts_nesting_as_the_parser_does() {
        let page = "<div><p>a<p>b<br><img src='x>y'><script>if (a<b) {}</script><!-- <div> --><span/></div>";
        assert!(matches!(flatten_deep_markup(page, 1), std::borrow::Cow::Borrowed(_)));
        assert_eq!(flatten_deep_markup("<div><div><b>x</b></div></div>", 1), "<div>x</div>");
        assert_eq!(
            flatten_deep_markup("<div><script>a</script><div>b</div></div>", 1),
            "<div><script>a</script>b</div>"
        );
        assert_eq!(flatten_deep_markup("<DIV><div title=\"a>b\">x</DIV></div>", 1), "<DIV>x</div>");
    }
}

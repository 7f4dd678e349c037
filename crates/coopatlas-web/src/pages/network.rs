//! The network explorer: the partner network under the filter, weighted by documents or
//! agreements, nodes sized by a chosen centrality and coloured by community, laid out by force,
//! with hover titles, links to profiles, and pan and zoom (the page's one script; without it the
//! drawing is still whole).

use std::fmt::Write;
use std::sync::Arc;

use axum::extract::State;
use axum::response::Response;
use axum_extra::extract::Query;
use coopatlas_analytics::network::{Network, Weight};
use coopatlas_analytics::{Filter, Lang};
use maud::{Markup, PreEscaped, html};
use serde::{Deserialize, Serialize};

use super::{filter_form, int, place_name};
use crate::auth::Viewer;
use crate::error::AppError;
use crate::layout::{Section, page as frame};
use crate::params::FilterParams;
use crate::state::Atlas;

/// The network page's query: the filter plus how to draw.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct NetworkParams {
    /// The analytic filter.
    #[serde(flatten)]
    pub filter: FilterParams,
    /// `documents` or `agreements`.
    pub weight: Option<String>,
    /// `degree`, `weighted`, `betweenness` or `pagerank`.
    pub size: Option<String>,
    /// How many nodes to draw, the largest by `size` first.
    pub top: Option<String>,
}

/// Centralities a node can be sized by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Size {
    Degree,
    Weighted,
    Betweenness,
    Pagerank,
}

impl Size {
    const ALL: [Size; 4] = [Size::Degree, Size::Weighted, Size::Betweenness, Size::Pagerank];

    fn key(self) -> &'static str {
        match self {
            Size::Degree => "degree",
            Size::Weighted => "weighted",
            Size::Betweenness => "betweenness",
            Size::Pagerank => "pagerank",
        }
    }

    fn name(self, lang: Lang) -> &'static str {
        match self {
            Size::Degree => lang.pick("число партнёров", "partners (degree)"),
            Size::Weighted => lang.pick("взвешенная степень", "weighted degree"),
            Size::Betweenness => lang.pick("посредничество", "betweenness"),
            Size::Pagerank => lang.pick("PageRank", "PageRank"),
        }
    }

    fn of(self, node: &coopatlas_analytics::network::Node) -> f64 {
        match self {
            Size::Degree => node.degree as f64,
            Size::Weighted => node.weighted_degree,
            Size::Betweenness => node.betweenness,
            Size::Pagerank => node.pagerank,
        }
    }
}

/// What the page draws, checked.
#[derive(Debug, Clone)]
pub struct Drawing {
    pub filter: Filter,
    pub weight: Weight,
    pub size: Size,
    pub top: usize,
}

impl NetworkParams {
    pub fn drawing(&self, atlas: &Atlas) -> Result<Drawing, AppError> {
        let filter = self.filter.filter(atlas.gazetteer())?;
        let weight = match self.weight.as_deref().map(str::trim).unwrap_or("") {
            "" | "documents" => Weight::Documents,
            "agreements" => Weight::Agreements,
            other => {
                return Err(AppError::bad_request(
                    "unknown_weight",
                    format!("unknown weight {other:?}: use documents or agreements"),
                ));
            }
        };
        let size = match self.size.as_deref().map(str::trim).unwrap_or("") {
            "" => Size::Degree,
            text => Size::ALL.into_iter().find(|size| size.key() == text).ok_or_else(|| {
                AppError::bad_request(
                    "unknown_size",
                    format!("unknown size {text:?}: use degree, weighted, betweenness or pagerank"),
                )
            })?,
        };
        let top = match self.top.as_deref().map(str::trim).unwrap_or("") {
            "" => 120,
            text => text
                .parse::<usize>()
                .ok()
                .filter(|top| (1..=2000).contains(top))
                .ok_or_else(|| AppError::bad_request("bad_top", format!("top must be 1 to 2000, not {text:?}")))?,
        };
        Ok(Drawing { filter, weight, size, top })
    }
}

/// The nodes drawn (indexes into the network) and their positions in a 1000 × 700 box.
pub fn chosen_nodes(network: &Network, size: Size, top: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..network.nodes.len()).collect();
    order.sort_by(|a, b| {
        size.of(&network.nodes[*b])
            .total_cmp(&size.of(&network.nodes[*a]))
            .then_with(|| network.nodes[*a].id.cmp(&network.nodes[*b].id))
    });
    order.truncate(top);
    order
}

/// A force-directed layout (Fruchterman–Reingold), deterministic: nodes start on a circle in
/// community order, and a fixed number of cooling steps follows. Written here because the
/// graph crates do not lay out graphs, and layout crates bring a renderer this page does not need;
/// it is sixty lines.
pub fn layout(
    count: usize,
    edges: &[(usize, usize, f64)],
    communities: &[usize],
    width: f64,
    height: f64,
) -> Vec<(f64, f64)> {
    if count == 0 {
        return Vec::new();
    }
    let mut order: Vec<usize> = (0..count).collect();
    order.sort_by_key(|index| (communities[*index], *index));
    let mut positions = vec![(0.0, 0.0); count];
    for (slot, index) in order.iter().enumerate() {
        let angle = std::f64::consts::TAU * slot as f64 / count as f64;
        positions[*index] = (width / 2.0 + width * 0.35 * angle.cos(), height / 2.0 + height * 0.35 * angle.sin());
    }
    let area = width * height;
    let k = (area / count as f64).sqrt() * 0.4;
    let max_weight = edges.iter().map(|edge| edge.2).fold(0.0, f64::max).max(1e-9);
    let steps = 150;
    let mut temperature = width / 8.0;
    for _ in 0..steps {
        let mut shift = vec![(0.0f64, 0.0f64); count];
        for i in 0..count {
            for j in (i + 1)..count {
                let (dx, dy) = (positions[i].0 - positions[j].0, positions[i].1 - positions[j].1);
                let distance = (dx * dx + dy * dy).sqrt().max(0.01);
                // Repulsion only between near nodes (Fruchterman and Reingold's grid variant):
                // pushed apart by every node, loose ones end on a ring round the rest.
                if distance > 3.0 * k {
                    continue;
                }
                let force = k * k / distance;
                let (fx, fy) = (dx / distance * force, dy / distance * force);
                shift[i].0 += fx;
                shift[i].1 += fy;
                shift[j].0 -= fx;
                shift[j].1 -= fy;
            }
        }
        for &(a, b, weight) in edges {
            let (dx, dy) = (positions[a].0 - positions[b].0, positions[a].1 - positions[b].1);
            let distance = (dx * dx + dy * dy).sqrt().max(0.01);
            let force = distance * distance / k * (0.5 + 0.5 * weight / max_weight);
            let (fx, fy) = (dx / distance * force, dy / distance * force);
            shift[a].0 -= fx;
            shift[a].1 -= fy;
            shift[b].0 += fx;
            shift[b].1 += fy;
        }
        for (position, (sx, sy)) in positions.iter_mut().zip(shift) {
            let length = (sx * sx + sy * sy).sqrt().max(0.01);
            position.0 += sx / length * length.min(temperature);
            position.1 += sy / length * length.min(temperature);
            // Gravity keeps separate components on the canvas.
            position.0 += (width / 2.0 - position.0) * 0.04;
            position.1 += (height / 2.0 - position.1) * 0.04;
            position.0 = position.0.clamp(20.0, width - 20.0);
            position.1 = position.1.clamp(20.0, height - 20.0);
        }
        temperature *= 0.97;
    }
    // Gravity keeps the drawing compact; stretched back to the box, it uses the whole canvas.
    let (mut low_x, mut high_x, mut low_y, mut high_y) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for (x, y) in &positions {
        (low_x, high_x, low_y, high_y) = (low_x.min(*x), high_x.max(*x), low_y.min(*y), high_y.max(*y));
    }
    let margin = 30.0;
    let stretch = |value: f64, low: f64, high: f64, size: f64| {
        if high - low < 1e-9 { size / 2.0 } else { margin + (value - low) / (high - low) * (size - 2.0 * margin) }
    };
    for position in &mut positions {
        *position = (stretch(position.0, low_x, high_x, width), stretch(position.1, low_y, high_y, height));
    }
    positions
}

/// Escapes text and attribute values of the SVG written by hand (maud escapes the rest).
fn escape(text: &str) -> String {
    html_escape::encode_safe(text).into_owned()
}

/// The drawing as inline SVG: edges with titles, nodes in links with titles, labels of the
/// largest nodes.
pub fn svg(atlas: &Atlas, network: &Network, drawing: &Drawing, lang: Lang) -> String {
    let (width, height) = (1000.0, 700.0);
    let chosen = chosen_nodes(network, drawing.size, drawing.top);
    let mut slot = vec![usize::MAX; network.nodes.len()];
    for (position, index) in chosen.iter().enumerate() {
        slot[*index] = position;
    }
    let edges: Vec<(usize, usize, f64, usize)> = network
        .edges
        .iter()
        .enumerate()
        .filter(|(_, edge)| slot[edge.source] != usize::MAX && slot[edge.target] != usize::MAX)
        .map(|(index, edge)| (slot[edge.source], slot[edge.target], edge.weight, index))
        .collect();
    let communities: Vec<usize> = chosen.iter().map(|index| network.nodes[*index].community).collect();
    let simple: Vec<(usize, usize, f64)> = edges.iter().map(|(a, b, weight, _)| (*a, *b, *weight)).collect();
    let positions = layout(chosen.len(), &simple, &communities, width, height);
    let max_size = chosen.iter().map(|index| drawing.size.of(&network.nodes[*index])).fold(0.0, f64::max);
    let max_weight = edges.iter().map(|edge| edge.2).fold(0.0, f64::max);
    let palette = coopatlas_report::svg::CATEGORICAL;
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{}\">",
        escape(lang.pick("Сеть партнёров", "Partner network"))
    );
    out.push_str("<g class=\"edges\">");
    for (a, b, weight, index) in &edges {
        let edge = &network.edges[*index];
        let ((x1, y1), (x2, y2)) = (positions[*a], positions[*b]);
        let stroke = if max_weight > 0.0 { 0.5 + 4.0 * weight / max_weight } else { 1.0 };
        let title = format!(
            "{} — {}: {} {}, {} {}",
            place_name(atlas, &network.nodes[edge.source].id, lang),
            place_name(atlas, &network.nodes[edge.target].id, lang),
            edge.documents,
            lang.pick("док.", "documents"),
            edge.agreements,
            lang.pick("соглаш.", "agreements")
        );
        let _ = write!(
            out,
            "<line x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\" stroke=\"#8a94a6\" stroke-opacity=\"0.5\" stroke-width=\"{stroke:.2}\"><title>{}</title></line>",
            escape(&title)
        );
    }
    out.push_str("</g><g class=\"nodes\">");
    for (position, index) in chosen.iter().enumerate() {
        let node = &network.nodes[*index];
        let (x, y) = positions[position];
        let value = drawing.size.of(node);
        let r = if max_size > 0.0 { 3.0 + 14.0 * (value / max_size).sqrt() } else { 5.0 };
        let name = place_name(atlas, &node.id, lang);
        let title = format!(
            "{name}\n{}: {}\n{}: {:.1}\n{}: {:.4}\nPageRank: {:.4}\n{}: {}",
            lang.pick("партнёров", "partners"),
            node.degree,
            lang.pick("взвешенная степень", "weighted degree"),
            node.weighted_degree,
            lang.pick("посредничество", "betweenness"),
            node.betweenness,
            node.pagerank,
            lang.pick("сообщество", "community"),
            node.community + 1
        );
        let _ = write!(
            out,
            "<a href=\"/places/{}\" class=\"node\" data-id=\"{}\"><circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\" fill=\"{}\" stroke=\"#fff\" stroke-width=\"1\"><title>{}</title></circle></a>",
            escape(&crate::params::encode(&node.id)),
            escape(&node.id),
            palette[node.community % palette.len()],
            escape(&title)
        );
    }
    out.push_str("</g><g class=\"labels\">");
    for (position, index) in chosen.iter().enumerate().take(30) {
        let (x, y) = positions[position];
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" class=\"small\" text-anchor=\"middle\" pointer-events=\"none\">{}</text>",
            x,
            y - 8.0,
            escape(&place_name(atlas, &network.nodes[*index].id, lang))
        );
    }
    out.push_str("</g></svg>");
    out
}

pub async fn page(
    State(atlas): State<Arc<Atlas>>,
    viewer: Viewer,
    Query(params): Query<NetworkParams>,
) -> Result<Response, AppError> {
    let drawing = params.drawing(&atlas)?;
    let analyzed = atlas.analysis(&drawing.filter).await?;
    let lang = viewer.lang;
    let key = format!("network-page {:?} {:?} {} {}", drawing.weight, drawing.size, drawing.top, lang.code());
    let body = analyzed.derived(key, || {
        let network = analyzed.network(&atlas.geography, drawing.weight);
        body(&atlas, network, &drawing, lang).into_string()
    });
    let body = PreEscaped(body.as_str().to_string());
    Ok(frame(&viewer, Section::Network, lang.pick("Сеть партнёров", "Partner network"), body))
}

fn body(atlas: &Atlas, network: &Network, drawing: &Drawing, lang: Lang) -> Markup {
    let chosen = chosen_nodes(network, drawing.size, drawing.top);
    let controls = html! {
        label { (lang.pick("Вес связи", "Edge weight")) " "
            select name="weight" {
                option value="documents" selected[drawing.weight == Weight::Documents] { (lang.pick("документы", "documents")) }
                option value="agreements" selected[drawing.weight == Weight::Agreements] { (lang.pick("соглашения", "agreements")) }
            }
        }
        label { (lang.pick("Размер узла", "Node size")) " "
            select name="size" {
                @for size in Size::ALL { option value=(size.key()) selected[size == drawing.size] { (size.name(lang)) } }
            }
        }
        label { (lang.pick("Узлов", "Nodes")) " " input type="number" name="top" min="1" max="2000" value=(drawing.top); }
    };
    html! {
        h1 { (lang.pick("Сеть партнёров", "Partner network")) }
        (filter_form("/network", &drawing.filter, lang, controls))
        p.legend {
            (int(network.nodes.len(), lang)) " " (lang.pick("мест", "places")) ", "
            (int(network.edges.len(), lang)) " " (lang.pick("пар", "pairs")) ". "
            (lang.pick("Показаны ", "Showing ")) (int(chosen.len(), lang)) " " (lang.pick("крупнейших по мере «", "largest by ")) (drawing.size.name(lang)) (lang.pick("»", ""))
            ". " (lang.pick("Цвет — сообщество (Лувен). Колесо мыши — масштаб, перетаскивание — сдвиг.", "Colour: community (Louvain). Wheel to zoom, drag to pan."))
            @if let Some(pivots) = network.betweenness_pivots { " " (lang.pick("Посредничество оценено по ", "Betweenness estimated from ")) (pivots) (lang.pick(" опорным узлам.", " pivot nodes.")) }
        }
        div.zoom-buttons {
            button type="button" data-zoom="in" { "+" } " " button type="button" data-zoom="out" { "−" } " " button type="button" data-zoom="reset" { (lang.pick("сброс", "reset")) }
        }
        div.network-view data-pan-zoom { (PreEscaped(svg(atlas, network, drawing, lang))) }
        h2 { (lang.pick("Узлы", "Nodes")) }
        table.data #nodes {
            thead { tr {
                th { (lang.pick("Место", "Place")) }
                th.num { (lang.pick("Партнёры", "Partners")) }
                th.num { (lang.pick("Взвеш. степень", "Weighted degree")) }
                th.num { (lang.pick("Посредничество", "Betweenness")) }
                th.num { "PageRank" }
                th.num { (lang.pick("Сообщество", "Community")) }
            } }
            tbody {
                @for index in chosen.iter().take(50) {
                    @let node = &network.nodes[*index];
                    tr {
                        td { a href=(format!("/places/{}", crate::params::encode(&node.id))) { (place_name(atlas, &node.id, lang)) } }
                        td.num { (int(node.degree, lang)) }
                        td.num { (format!("{:.1}", node.weighted_degree)) }
                        td.num { (format!("{:.4}", node.betweenness)) }
                        td.num { (format!("{:.4}", node.pagerank)) }
                        td.num { (node.community + 1) }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_layout_is_deterministic_and_inside_the_box() {
        let edges = [(0, 1, 1.0), (1, 2, 2.0), (2, 0, 1.0), (3, 4, 1.0)];
        let communities = [0, 0, 0, 1, 1];
        let first = layout(5, &edges, &communities, 1000.0, 700.0);
        assert_eq!(first, layout(5, &edges, &communities, 1000.0, 700.0));
        for (x, y) in &first {
            assert!((20.0..=980.0).contains(x) && (20.0..=680.0).contains(y));
        }
        // Connected nodes end closer than unconnected ones.
        let distance =
            |a: usize, b: usize| ((first[a].0 - first[b].0).powi(2) + (first[a].1 - first[b].1).powi(2)).sqrt();
        assert!(distance(3, 4) < distance(0, 3));
        assert!(layout(0, &[], &[], 10.0, 10.0).is_empty());
    }
}

//! Charts as inline SVG, written by hand. The report needs a handful of simple charts (bars, a
//! heat map, lines, a circle of nodes), and inline SVG lets the browser lay out the text with the
//! reader's own fonts: the page needs no font file, no script and no network. Plotting crates
//! would have to rasterise or measure text with a font file shipped in the binary for the same
//! result. Text widths are estimated (about two thirds of an em a character), which is enough to leave room for
//! labels.
//!
//! Colours: the Okabe–Ito palette for categories and a single-hue blue scale for shares, both
//! readable with the common colour-vision deficiencies; lines also differ by dash pattern.

use std::fmt::Write;

use coopatlas_analytics::Lang;

use crate::format::{int, percent};
use crate::html::esc;

/// Okabe & Ito's palette for categories, black left out (it is the text colour).
pub const CATEGORICAL: [&str; 7] = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"];

/// Dash patterns that go with [`CATEGORICAL`], so that lines differ without colour.
pub const DASHES: [&str; 4] = ["", "7 4", "2 3", "9 3 2 3"];

/// ColorBrewer's "Blues", light to dark.
const BLUES: [(u8, u8, u8); 9] = [
    (0xf7, 0xfb, 0xff),
    (0xde, 0xeb, 0xf7),
    (0xc6, 0xdb, 0xef),
    (0x9e, 0xca, 0xe1),
    (0x6b, 0xae, 0xd6),
    (0x42, 0x92, 0xc6),
    (0x21, 0x71, 0xb5),
    (0x08, 0x51, 0x9c),
    (0x08, 0x30, 0x6b),
];

const FONT: f64 = 12.0;

/// The colour of a share (0..=1) on the blue scale, and whether text on it should be white.
pub fn heat(share: f64) -> (String, bool) {
    let position = share.clamp(0.0, 1.0) * (BLUES.len() - 1) as f64;
    let low = position.floor() as usize;
    let high = (low + 1).min(BLUES.len() - 1);
    let fraction = position - low as f64;
    let mix = |a: u8, b: u8| (a as f64 + (b as f64 - a as f64) * fraction).round() as u8;
    let (from, to) = (BLUES[low], BLUES[high]);
    (format!("#{:02x}{:02x}{:02x}", mix(from.0, to.0), mix(from.1, to.1), mix(from.2, to.2)), share > 0.5)
}

/// The estimated width of a label in pixels.
fn width(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * size * 0.66
}

fn longest(labels: &[String], size: f64) -> f64 {
    labels.iter().map(|label| width(label, size)).fold(0.0, f64::max)
}

/// Opens a chart: the `<figure>`, its caption (the title) and the `<svg>` with a text
/// alternative.
fn open(out: &mut String, title: &str, w: f64, h: f64) {
    let _ = write!(
        out,
        "<figure class=\"chart\"><figcaption>{t}</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" \
         viewBox=\"0 0 {w:.0} {h:.0}\" width=\"{w:.0}\" height=\"{h:.0}\"><title>{t}</title>",
        t = esc(title)
    );
}

fn close(out: &mut String) {
    out.push_str("</svg></figure>\n");
}

fn text(out: &mut String, x: f64, y: f64, anchor: &str, class: &str, content: &str) {
    let _ = write!(
        out,
        "<text x=\"{x:.1}\" y=\"{y:.1}\" text-anchor=\"{anchor}\"{}>{}</text>",
        if class.is_empty() { String::new() } else { format!(" class=\"{class}\"") },
        esc(content)
    );
}

/// `label` centred in the box of width `w` and height `h` at (x, y), light on a dark fill.
fn centred(out: &mut String, x: f64, y: f64, w: f64, h: f64, label: &str, dark: bool) {
    text(out, x + w / 2.0, y + h / 2.0 + 4.0, "middle", if dark { "on-dark" } else { "" }, label);
}

/// A legend in one or more rows of swatches from (x, y); returns the height used.
fn legend(out: &mut String, x: f64, y: f64, max_width: f64, items: &[(String, &str, &str)]) -> f64 {
    let (mut cx, mut cy) = (x, y);
    for (label, colour, dash) in items {
        let item_width = 28.0 + width(label, FONT) + 16.0;
        if cx > x && cx + item_width > x + max_width {
            cx = x;
            cy += 18.0;
        }
        if dash.is_empty() {
            let _ =
                write!(out, "<rect x=\"{cx:.1}\" y=\"{:.1}\" width=\"22\" height=\"10\" fill=\"{colour}\"/>", cy - 9.0);
        } else {
            let _ = write!(
                out,
                "<line x1=\"{cx:.1}\" y1=\"{y0:.1}\" x2=\"{:.1}\" y2=\"{y0:.1}\" stroke=\"{colour}\" stroke-width=\"2.5\" stroke-dasharray=\"{dash}\"/>",
                cx + 22.0,
                y0 = cy - 4.0
            );
        }
        text(out, cx + 28.0, cy, "start", "", label);
        cx += item_width;
    }
    cy - y + 18.0
}

/// A step for about five gridlines up to `max`, on whole numbers.
fn tick_step(max: f64) -> f64 {
    if max <= 5.0 {
        return 1.0;
    }
    let rough = max / 5.0;
    let magnitude = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0].into_iter().map(|factor| factor * magnitude).find(|step| *step >= rough);
    step.unwrap_or(10.0 * magnitude).max(1.0)
}

/// A heat map of shares: rows × columns, each cell coloured and labelled with its percentage.
pub fn heat_map(title: &str, rows: &[String], columns: &[String], values: &[Vec<Option<f64>>], lang: Lang) -> String {
    let (cell_w, cell_h) = (40.0, 24.0);
    let left = longest(rows, FONT) + 14.0;
    let top = longest(columns, FONT) + 16.0;
    let w = left + cell_w * columns.len() as f64 + 20.0;
    let h = top + cell_h * rows.len() as f64 + 56.0;
    let mut out = String::new();
    open(&mut out, title, w, h);
    for (column, label) in columns.iter().enumerate() {
        let x = left + cell_w * column as f64 + cell_w / 2.0 + 4.0;
        let _ = write!(
            out,
            "<text transform=\"translate({x:.1},{:.1}) rotate(-90)\" text-anchor=\"start\">{}</text>",
            top - 6.0,
            esc(label)
        );
    }
    for (row, label) in rows.iter().enumerate() {
        let y = top + cell_h * row as f64;
        text(&mut out, left - 8.0, y + cell_h / 2.0 + 4.0, "end", "", label);
        for (column, value) in values[row].iter().enumerate() {
            let x = left + cell_w * column as f64;
            match value {
                Some(share) => {
                    let (fill, dark) = heat(*share);
                    let _ = write!(
                        out,
                        "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{cell_w}\" height=\"{cell_h}\" fill=\"{fill}\" stroke=\"#fff\"/>"
                    );
                    centred(&mut out, x, y, cell_w, cell_h, &format!("{:.0}", share * 100.0), dark);
                }
                None => {
                    let _ = write!(
                        out,
                        "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{cell_w}\" height=\"{cell_h}\" fill=\"#fff\" stroke=\"#ddd\"/>"
                    );
                }
            }
        }
    }
    // The scale: four swatches, labelled at their edges from 0 to 100 %.
    let y = top + cell_h * rows.len() as f64 + 18.0;
    text(&mut out, left, y + 12.0, "end", "small", lang.pick("доля, %  ", "share, %  "));
    for step in 0..4 {
        let x = left + 6.0 + step as f64 * 48.0;
        let (fill, _) = heat((step as f64 + 0.5) / 4.0);
        let _ =
            write!(out, "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"48\" height=\"14\" fill=\"{fill}\" stroke=\"#ccc\"/>");
    }
    for step in 0..=4 {
        text(&mut out, left + 6.0 + step as f64 * 48.0, y + 28.0, "middle", "small", &(step * 25).to_string());
    }
    close(&mut out);
    out
}

/// Horizontal bars, each split into categories and drawn as a share of its row (100 % stacked).
pub fn stacked(title: &str, rows: &[(String, Vec<usize>)], categories: &[(String, &str)], lang: Lang) -> String {
    let labels: Vec<String> = rows.iter().map(|(label, _)| label.clone()).collect();
    let left = longest(&labels, FONT) + 14.0;
    let bar_w = 560.0;
    let w = left + bar_w + 90.0;
    let mut out = String::new();
    let mut body = String::new();
    let legend_items: Vec<(String, &str, &str)> =
        categories.iter().map(|(label, colour)| (label.clone(), *colour, "")).collect();
    let legend_h = legend(&mut body, left, 16.0, bar_w, &legend_items);
    let top = 16.0 + legend_h;
    let bar_h = 20.0;
    let gap = 8.0;
    for (row, (label, counts)) in rows.iter().enumerate() {
        let y = top + row as f64 * (bar_h + gap);
        text(&mut body, left - 8.0, y + bar_h / 2.0 + 4.0, "end", "", label);
        let total: usize = counts.iter().sum();
        if total == 0 {
            let _ = write!(
                body,
                "<rect x=\"{left:.1}\" y=\"{y:.1}\" width=\"{bar_w}\" height=\"{bar_h}\" fill=\"none\" stroke=\"#ccc\"/>"
            );
            text(
                &mut body,
                left + 6.0,
                y + bar_h / 2.0 + 4.0,
                "start",
                "small",
                lang.pick("нет документов", "no documents"),
            );
            continue;
        }
        let mut x = left;
        for (category, count) in counts.iter().enumerate() {
            if *count == 0 {
                continue;
            }
            let share = *count as f64 / total as f64;
            let segment = share * bar_w;
            let colour = categories.get(category).map_or("#999", |(_, colour)| colour);
            let _ = write!(
                body,
                "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{segment:.1}\" height=\"{bar_h}\" fill=\"{colour}\" stroke=\"#fff\"/>"
            );
            let label = format!("{:.0}", share * 100.0);
            if segment >= width(&label, FONT) + 6.0 {
                let dark = matches!(colour, "#4292c6" | "#08306b" | "#0072B2" | "#009E73" | "#D55E00");
                centred(&mut body, x, y, segment, bar_h, &label, dark);
            }
            x += segment;
        }
        text(
            &mut body,
            left + bar_w + 8.0,
            y + bar_h / 2.0 + 4.0,
            "start",
            "small",
            &format!("n = {}", int(total, lang)),
        );
    }
    let h = top + rows.len() as f64 * (bar_h + gap) + 24.0;
    text(
        &mut body,
        left,
        h - 6.0,
        "start",
        "small",
        lang.pick("доля документов строки, %", "share of the row's documents, %"),
    );
    open(&mut out, title, w, h);
    out.push_str(&body);
    close(&mut out);
    out
}

/// Horizontal bars with their value printed at the end.
pub fn bars(title: &str, rows: &[(String, f64, String)], colour: &str, axis: &str) -> String {
    let labels: Vec<String> = rows.iter().map(|(label, _, _)| label.clone()).collect();
    let value_labels: Vec<String> = rows.iter().map(|(_, _, value)| value.clone()).collect();
    let left = longest(&labels, FONT) + 14.0;
    let bar_w = 420.0;
    let w = left + bar_w + longest(&value_labels, FONT) + 24.0;
    let (bar_h, gap, top) = (18.0, 8.0, 10.0);
    let h = top + rows.len() as f64 * (bar_h + gap) + 26.0;
    let max = rows.iter().map(|(_, value, _)| *value).fold(0.0, f64::max);
    let mut out = String::new();
    open(&mut out, title, w, h);
    for (row, (label, value, value_label)) in rows.iter().enumerate() {
        let y = top + row as f64 * (bar_h + gap);
        text(&mut out, left - 8.0, y + bar_h / 2.0 + 4.0, "end", "", label);
        let length = if max > 0.0 { value / max * bar_w } else { 0.0 };
        let _ = write!(
            out,
            "<rect x=\"{left:.1}\" y=\"{y:.1}\" width=\"{length:.1}\" height=\"{bar_h}\" fill=\"{colour}\"/>"
        );
        text(&mut out, left + length + 6.0, y + bar_h / 2.0 + 4.0, "start", "", value_label);
    }
    let _ = write!(out, "<line x1=\"{left:.1}\" y1=\"{top}\" x2=\"{left:.1}\" y2=\"{:.1}\" class=\"axis\"/>", h - 22.0);
    text(&mut out, left, h - 6.0, "start", "small", axis);
    close(&mut out);
    out
}

/// One line of a line chart.
pub struct Line {
    pub name: String,
    pub values: Vec<usize>,
}

/// Lines over consecutive years, with gridlines, axis titles and a legend.
pub fn lines(title: &str, years: &[i32], series: &[Line], y_axis: &str, x_axis: &str, lang: Lang) -> String {
    let max = series.iter().flat_map(|line| line.values.iter().copied()).max().unwrap_or(0) as f64;
    let step = tick_step(max);
    let top_value = (max / step).ceil().max(1.0) * step;
    let tick_labels: Vec<String> =
        (0..=((top_value / step) as usize)).map(|tick| int((tick as f64 * step) as usize, lang)).collect();
    let left = longest(&tick_labels, FONT) + 34.0;
    let plot_w = 760.0;
    let w = left + plot_w + 24.0;
    let mut body = String::new();
    let items: Vec<(String, &str, &str)> = series
        .iter()
        .enumerate()
        .map(|(index, line)| (line.name.clone(), CATEGORICAL[index % CATEGORICAL.len()], DASHES[index % DASHES.len()]))
        .collect();
    let legend_items: Vec<(String, &str, &str)> = items
        .iter()
        .map(|(name, colour, dash)| (name.clone(), *colour, if dash.is_empty() { "1 0" } else { *dash }))
        .collect();
    let legend_h = legend(&mut body, left, 14.0, plot_w, &legend_items);
    let top = 14.0 + legend_h + 6.0;
    let plot_h = 260.0;
    let bottom = top + plot_h;
    let h = bottom + 48.0;
    let y_of = |value: f64| bottom - value / top_value * plot_h;
    let x_of = |index: usize| {
        if years.len() <= 1 { left + plot_w / 2.0 } else { left + plot_w * index as f64 / (years.len() - 1) as f64 }
    };
    for (tick, label) in tick_labels.iter().enumerate() {
        let y = y_of(tick as f64 * step);
        let _ = write!(
            body,
            "<line x1=\"{left:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" class=\"grid\"/>",
            left + plot_w
        );
        text(&mut body, left - 6.0, y + 4.0, "end", "small", label);
    }
    let every = years.len().div_ceil(16).max(1);
    for (index, year) in years.iter().enumerate() {
        if index % every == 0 || index + 1 == years.len() {
            text(&mut body, x_of(index), bottom + 16.0, "middle", "small", &year.to_string());
        }
    }
    let _ = write!(
        body,
        "<line x1=\"{left:.1}\" y1=\"{bottom:.1}\" x2=\"{:.1}\" y2=\"{bottom:.1}\" class=\"axis\"/>",
        left + plot_w
    );
    let _ = write!(body, "<line x1=\"{left:.1}\" y1=\"{top:.1}\" x2=\"{left:.1}\" y2=\"{bottom:.1}\" class=\"axis\"/>");
    for (line, (_, colour, dash)) in series.iter().zip(&items) {
        let points: Vec<String> = line
            .values
            .iter()
            .enumerate()
            .map(|(index, value)| format!("{:.1},{:.1}", x_of(index), y_of(*value as f64)))
            .collect();
        if points.len() > 1 {
            let _ = write!(
                body,
                "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.2\"{}/>",
                points.join(" "),
                if dash.is_empty() { String::new() } else { format!(" stroke-dasharray=\"{dash}\"") }
            );
        }
        for (index, value) in line.values.iter().enumerate() {
            let _ = write!(
                body,
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"2.6\" fill=\"{colour}\"/>",
                x_of(index),
                y_of(*value as f64)
            );
        }
    }
    text(&mut body, left + plot_w / 2.0, h - 8.0, "middle", "", x_axis);
    let _ = write!(
        body,
        "<text transform=\"translate(14,{:.1}) rotate(-90)\" text-anchor=\"middle\">{}</text>",
        top + plot_h / 2.0,
        esc(y_axis)
    );
    let mut out = String::new();
    open(&mut out, title, w, h);
    out.push_str(&body);
    close(&mut out);
    out
}

/// A node of the network drawing.
pub struct Node {
    pub label: String,
    pub community: usize,
    /// Drawn as the circle's area.
    pub size: f64,
}

/// Nodes on a circle, grouped by community (one colour each, a gap between groups), edges as
/// chords whose width follows their weight. Deterministic: the order of `nodes` is the order
/// around the circle.
pub fn network(title: &str, nodes: &[Node], edges: &[(usize, usize, f64)], legend_title: &str) -> String {
    let labels: Vec<String> = nodes.iter().map(|node| node.label.clone()).collect();
    let label_room = longest(&labels, 11.0).min(180.0) + 16.0;
    let radius = 250.0;
    let centre = radius + label_room + 10.0;
    let w = centre * 2.0;
    let h = centre * 2.0;
    let groups = nodes.windows(2).filter(|pair| pair[0].community != pair[1].community).count() + 1;
    let slots = nodes.len() + if groups > 1 { groups } else { 0 };
    let mut angles = Vec::with_capacity(nodes.len());
    let mut slot = 0usize;
    for (index, node) in nodes.iter().enumerate() {
        if index > 0 && nodes[index - 1].community != node.community {
            slot += 1;
        }
        angles.push(std::f64::consts::TAU * slot as f64 / slots.max(1) as f64 - std::f64::consts::FRAC_PI_2);
        slot += 1;
    }
    let point = |index: usize, r: f64| (centre + r * angles[index].cos(), centre + r * angles[index].sin());
    let max_weight = edges.iter().map(|(_, _, weight)| *weight).fold(0.0, f64::max);
    let max_size = nodes.iter().map(|node| node.size).fold(0.0, f64::max);
    let colour = |community: usize| CATEGORICAL[community % CATEGORICAL.len()];
    let mut out = String::new();
    open(&mut out, title, w, h);
    for (source, target, weight) in edges {
        let (x1, y1) = point(*source, radius);
        let (x2, y2) = point(*target, radius);
        let stroke = if max_weight > 0.0 { 0.6 + 3.4 * weight / max_weight } else { 1.0 };
        // A curve bent towards the centre: chords between neighbours stay apart from the rim,
        // chords across the circle stay nearly straight.
        let (cx, cy) = (centre + ((x1 + x2) / 2.0 - centre) * 0.4, centre + ((y1 + y2) / 2.0 - centre) * 0.4);
        let _ = write!(
            out,
            "<path d=\"M{x1:.1},{y1:.1} Q{cx:.1},{cy:.1} {x2:.1},{y2:.1}\" fill=\"none\" stroke=\"#777\" stroke-opacity=\"0.45\" stroke-width=\"{stroke:.2}\"/>"
        );
    }
    for (index, node) in nodes.iter().enumerate() {
        let (x, y) = point(index, radius);
        let r = if max_size > 0.0 { 3.0 + 9.0 * (node.size / max_size).sqrt() } else { 4.0 };
        let _ = write!(
            out,
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\" fill=\"{}\" stroke=\"#fff\" stroke-width=\"1\"/>",
            colour(node.community)
        );
        let (lx, ly) = point(index, radius + 16.0);
        let degrees = angles[index].to_degrees();
        // Labels read outwards; on the left half they are turned round so they are not upside down.
        let left_half = angles[index].cos() < 0.0;
        let (rotation, anchor) = if left_half { (degrees + 180.0, "end") } else { (degrees, "start") };
        let label = crate::format::clip(&node.label, 28);
        let _ = write!(
            out,
            "<text transform=\"translate({lx:.1},{ly:.1}) rotate({rotation:.1})\" text-anchor=\"{anchor}\" dy=\"4\" class=\"small\">{}</text>",
            esc(&label)
        );
    }
    text(&mut out, 8.0, h - 8.0, "start", "small", legend_title);
    close(&mut out);
    out
}

/// The share of a count for a bar's label: "12 (30,0 %)".
pub fn count_and_share(count: usize, total: usize, lang: Lang) -> String {
    if total == 0 {
        return int(count, lang);
    }
    format!("{} ({})", int(count, lang), percent(count as f64 / total as f64, lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heat_runs_light_to_dark() {
        assert_eq!(heat(0.0), ("#f7fbff".to_string(), false));
        assert_eq!(heat(1.0), ("#08306b".to_string(), true));
        assert_eq!(heat(7.0).0, "#08306b");
    }

    #[test]
    fn ticks_are_round() {
        assert_eq!(tick_step(3.0), 1.0);
        assert_eq!(tick_step(37.0), 10.0);
        assert_eq!(tick_step(120.0), 50.0);
        assert_eq!(tick_step(9_000.0), 2_000.0);
    }
}

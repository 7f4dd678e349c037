//! The colour scale both maps share: values fall into at most five classes by quantiles, each class
//! one step of ColorBrewer's sequential "Blues"; places without a value are light grey. Quantiles rather
//! than equal steps because the measures are skewed: Moscow alone would otherwise take the top class
//! and leave the rest of the country in the first.

use std::fmt::Write;

use crate::{Lang, esc, text_width};

/// Five steps of ColorBrewer's "Blues", light to dark; the lightest of its scale is left out, as it
/// is too close to the grey of "no data" and to the background.
const BLUES: [&str; 5] = ["#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];
/// The fill of a place without a value.
pub(crate) const NO_DATA: &str = "#e8e8e8";
pub(crate) const FONT: f64 = 12.0;

/// Classes of values: each the closed range of values it holds, ascending.
#[derive(Debug)]
pub(crate) struct Classes {
    ranges: Vec<(f64, f64)>,
}

impl Classes {
    /// Up to five quantile classes of `values` (non-finite values are left out): the upper bound of
    /// class `i` of five is the value at rank ⌈n·i/5⌉, and classes whose bounds coincide are merged,
    /// so five distinct values or fewer give one class each.
    pub(crate) fn quantiles(values: impl IntoIterator<Item = f64>) -> Classes {
        let mut sorted: Vec<f64> = values.into_iter().filter(|value| value.is_finite()).collect();
        sorted.sort_by(f64::total_cmp);
        let mut uppers: Vec<f64> = (1..=BLUES.len())
            .filter_map(|class| {
                let rank = (sorted.len() * class).div_ceil(BLUES.len());
                rank.checked_sub(1).and_then(|index| sorted.get(index).copied())
            })
            .collect();
        uppers.dedup();
        let ranges = uppers
            .iter()
            .enumerate()
            .map(|(class, &upper)| {
                let lower = match class {
                    0 => sorted[0],
                    _ => sorted.iter().copied().find(|value| *value > uppers[class - 1]).unwrap_or(upper),
                };
                (lower, upper)
            })
            .collect();
        Classes { ranges }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// The fill of a value and whether text on it should be white.
    pub(crate) fn fill(&self, value: Option<f64>) -> (&'static str, bool) {
        let Some(value) = value.filter(|value| value.is_finite()) else {
            return (NO_DATA, false);
        };
        let class = self.ranges.iter().position(|(_, upper)| value <= *upper).unwrap_or(self.ranges.len() - 1);
        self.colour(class)
    }

    /// Fewer than five classes spread over the scale, so that two classes are light and dark.
    fn colour(&self, class: usize) -> (&'static str, bool) {
        let count = self.ranges.len();
        let step = if count <= 1 { 3 } else { (class * (BLUES.len() - 1) + (count - 1) / 2) / (count - 1) };
        (BLUES[step], step >= 3)
    }

    /// The legend entries: the colour of each class and its range as the caller formats values.
    pub(crate) fn entries(&self, format: &dyn Fn(f64) -> String) -> Vec<(String, &'static str)> {
        self.ranges
            .iter()
            .enumerate()
            .map(|(class, &(lower, upper))| {
                let label =
                    if lower == upper { format(lower) } else { format!("{} – {}", format(lower), format(upper)) };
                (label, self.colour(class).0)
            })
            .collect()
    }
}

/// How a legend entry is drawn.
pub(crate) enum Swatch {
    Fill(&'static str),
    /// A square with a dashed outline: the contested territories.
    Dashed,
    /// A line: a link of the world map.
    Line,
}

pub(crate) struct LegendItem {
    pub(crate) label: String,
    pub(crate) swatch: Swatch,
}

/// The legend items of a colour scale: the classes, then "no data".
pub(crate) fn scale_items(classes: &Classes, format: &dyn Fn(f64) -> String, lang: Lang) -> Vec<LegendItem> {
    let mut items: Vec<LegendItem> = classes
        .entries(format)
        .into_iter()
        .map(|(label, colour)| LegendItem { label, swatch: Swatch::Fill(colour) })
        .collect();
    items.push(LegendItem {
        label: lang.pick("нет данных", "no data").to_string(), swatch: Swatch::Fill(NO_DATA)
    });
    items
}

fn swatch(out: &mut String, x: f64, y: f64, swatch: &Swatch) {
    let _ = match swatch {
        Swatch::Fill(colour) => write!(
            out,
            "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"14\" height=\"14\" fill=\"{colour}\" stroke=\"#999\" stroke-width=\"0.5\"/>",
            y - 11.0
        ),
        Swatch::Dashed => write!(
            out,
            "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"14\" height=\"14\" fill=\"#fff\" stroke=\"#333\" stroke-width=\"1.2\" \
             stroke-dasharray=\"3 2\"/>",
            y - 11.0
        ),
        Swatch::Line => write!(
            out,
            "<path d=\"M{x:.1},{y0:.1}Q{:.1},{:.1} {:.1},{y0:.1}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"/>",
            x + 7.0,
            y - 12.0,
            x + 14.0,
            crate::world::LINK_COLOUR,
            y0 = y - 2.0
        ),
    };
}

/// A legend as one column from (x, y), under an optional heading; returns its width and height.
pub(crate) fn legend_column(out: &mut String, x: f64, y: f64, heading: &str, items: &[LegendItem]) -> (f64, f64) {
    let mut line = y;
    let mut width: f64 = 0.0;
    if !heading.is_empty() {
        let _ = write!(out, "<text x=\"{x:.1}\" y=\"{line:.1}\" font-weight=\"bold\">{}</text>", esc(heading));
        width = text_width(heading, FONT);
        line += 20.0;
    }
    for item in items {
        swatch(out, x, line, &item.swatch);
        let _ = write!(out, "<text x=\"{:.1}\" y=\"{line:.1}\">{}</text>", x + 20.0, esc(&item.label));
        width = width.max(20.0 + text_width(&item.label, FONT));
        line += 19.0;
    }
    (width, line - y)
}

/// A legend in rows from (x, y), wrapped at `max_width`; returns the height used.
pub(crate) fn legend_rows(out: &mut String, x: f64, y: f64, max_width: f64, items: &[LegendItem]) -> f64 {
    let (mut left, mut line) = (x, y);
    for item in items {
        let item_width = 20.0 + text_width(&item.label, FONT) + 16.0;
        if left > x && left + item_width > x + max_width {
            left = x;
            line += 19.0;
        }
        swatch(out, left, line, &item.swatch);
        let _ = write!(out, "<text x=\"{:.1}\" y=\"{line:.1}\">{}</text>", left + 20.0, esc(&item.label));
        left += item_width;
    }
    line - y + 19.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranges(values: &[f64]) -> Vec<(f64, f64)> {
        Classes::quantiles(values.iter().copied()).ranges
    }

    #[test]
    fn quantile_classes() {
        assert_eq!(ranges(&[]), vec![]);
        assert_eq!(ranges(&[3.0]), vec![(3.0, 3.0)]);
        assert_eq!(ranges(&[1.0, 1.0, 2.0]), vec![(1.0, 1.0), (2.0, 2.0)]);
        let ten: Vec<f64> = (1..=10).map(f64::from).collect();
        assert_eq!(ranges(&ten), vec![(1.0, 2.0), (3.0, 4.0), (5.0, 6.0), (7.0, 8.0), (9.0, 10.0)]);
        // A skewed measure: one huge value takes only the top class.
        let skewed = [1.0, 1.0, 2.0, 2.0, 3.0, 3.0, 4.0, 5.0, 6.0, 1000.0];
        assert_eq!(ranges(&skewed), vec![(1.0, 1.0), (2.0, 2.0), (3.0, 3.0), (4.0, 5.0), (6.0, 1000.0)]);
        assert_eq!(ranges(&[f64::NAN, 2.0]), vec![(2.0, 2.0)]);
    }

    #[test]
    fn fills_spread_over_the_scale() {
        let two = Classes::quantiles([1.0, 2.0]);
        assert_eq!(two.fill(Some(1.0)).0, BLUES[0]);
        assert_eq!(two.fill(Some(2.0)).0, BLUES[4]);
        assert_eq!(two.fill(None).0, NO_DATA);
        assert_eq!(two.fill(Some(f64::NAN)).0, NO_DATA);
        let one = Classes::quantiles([5.0]);
        assert_eq!(one.fill(Some(5.0)), (BLUES[3], true));
        let five = Classes::quantiles((1..=5).map(f64::from));
        let fills: Vec<&str> = (1..=5).map(|value| five.fill(Some(f64::from(value))).0).collect();
        assert_eq!(fills, BLUES);
    }
}

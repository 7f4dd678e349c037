//! A [`Figure`] is a number the text states about cooperation: an amount of money
//! ("$1.2 billion", "3 млрд долларов"), a count of things with its noun ("40 visits",
//! "двенадцать соглашений"), a percentage, or a physical quantity (kV, MW, km, ha, t, people).
//!
//! [`find_figures`] reads Russian and English alike: decimal commas and points, thousands written
//! with spaces, no-break spaces or commas ("1 679", "1,679"), scale words ("тыс.", "млн",
//! "billion", "bn"), numbers written as words in every Russian case ("трёх регионов"), ranges
//! ("с 130 до 230 млрд рублей", "20–25%") and hedges ("более", "about", "up to"). It never reports
//! years, dates, ordinals, clause and law numbers, phone numbers, times, ratios, durations or
//! ages, and a bare number with neither a unit nor a counted noun is not a figure.
//!
//! Every figure keeps the byte range of its whole expression — hedge, currency sign, number,
//! scale, unit or counted noun — in the text it was found in.
//!
//! ```
//! use coopatlas_figures::{find_figures, Qualifier, Unit};
//! let text = "Товарооборот вырос со 130 млрд до 230 млрд российских рублей, подписано более 40 соглашений.";
//! let figures = find_figures(text);
//! assert_eq!(figures.len(), 3);
//! assert_eq!((figures[0].value, figures[0].unit), (130e9, Unit::Rub));
//! assert_eq!((figures[1].value, figures[1].unit), (230e9, Unit::Rub));
//! assert_eq!(figures[2].what.as_deref(), Some("соглашений"));
//! assert_eq!(figures[2].qualifier, Some(Qualifier::MoreThan));
//! assert_eq!(&text[figures[2].range.clone()], "более 40 соглашений");
//! ```
//!
//! The crate is pure: it takes a string and returns values, reads no files and never panics.

mod lexer;
mod numerals;
mod parse;
mod words;

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

/// What a figure is measured in: the `unit` field of the extraction contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Unit {
    #[serde(rename = "USD")]
    Usd,
    #[serde(rename = "EUR")]
    Eur,
    #[serde(rename = "RUB")]
    Rub,
    #[serde(rename = "BYN")]
    Byn,
    #[serde(rename = "CNY")]
    Cny,
    #[serde(rename = "count")]
    Count,
    #[serde(rename = "percent")]
    Percent,
    #[serde(rename = "kV")]
    KV,
    #[serde(rename = "MW")]
    MW,
    #[serde(rename = "km")]
    Km,
    #[serde(rename = "ha")]
    Ha,
    #[serde(rename = "t")]
    T,
    #[serde(rename = "people")]
    People,
}

impl Unit {
    pub const ALL: [Unit; 13] = [
        Unit::Usd,
        Unit::Eur,
        Unit::Rub,
        Unit::Byn,
        Unit::Cny,
        Unit::Count,
        Unit::Percent,
        Unit::KV,
        Unit::MW,
        Unit::Km,
        Unit::Ha,
        Unit::T,
        Unit::People,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Usd => "USD",
            Unit::Eur => "EUR",
            Unit::Rub => "RUB",
            Unit::Byn => "BYN",
            Unit::Cny => "CNY",
            Unit::Count => "count",
            Unit::Percent => "percent",
            Unit::KV => "kV",
            Unit::MW => "MW",
            Unit::Km => "km",
            Unit::Ha => "ha",
            Unit::T => "t",
            Unit::People => "people",
        }
    }

    /// The unit whose [`Unit::as_str`] is `name`.
    pub fn from_name(name: &str) -> Option<Unit> {
        Unit::ALL.into_iter().find(|unit| unit.as_str() == name)
    }

    /// True for the currencies.
    pub fn is_money(self) -> bool {
        matches!(self, Unit::Usd | Unit::Eur | Unit::Rub | Unit::Byn | Unit::Cny)
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

/// A hedge the text puts on a figure: "more than 100 agreements", "около 600 грузовиков".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// more than, over, above, более, свыше, больше, превысил.
    MoreThan,
    /// less than, under, below, менее, меньше.
    LessThan,
    /// about, around, approximately, some, около, порядка, примерно.
    About,
    /// nearly, almost, почти, практически.
    Almost,
    /// up to, at most, до, не более.
    UpTo,
    /// at least, не менее.
    AtLeast,
}

impl Qualifier {
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::MoreThan => "more_than",
            Qualifier::LessThan => "less_than",
            Qualifier::About => "about",
            Qualifier::Almost => "almost",
            Qualifier::UpTo => "up_to",
            Qualifier::AtLeast => "at_least",
        }
    }
}

impl fmt::Display for Qualifier {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

/// One number the text states, with its unit and what it counts or measures.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// With scale words applied: "$1.2 billion" is 1200000000, "1,5 млн рублей" is 1500000.
    pub value: f64,
    pub unit: Unit,
    /// For a count, the counted noun phrase as the text writes it ("foreign cities",
    /// "регионов-партнёров"); for money and percentages, the word naming what is measured when
    /// one stands near ("trade", "товарооборот"); else `None`.
    pub what: Option<String>,
    pub qualifier: Option<Qualifier>,
    /// The byte range of the whole expression in the text.
    pub range: Range<usize>,
}

/// Every figure in `text`, in text order.
pub fn find_figures(text: &str) -> Vec<Figure> {
    if !may_hold_a_figure(text) {
        return Vec::new();
    }
    parse::figures(text)
}

/// False when `text` has nothing an amount can start with: no digit, no numeral word ("three",
/// "двенадцати") and no scale word that stands for one ("миллиард долларов"). Most sentences
/// have none, and this look costs far less than reading them into lexemes.
fn may_hold_a_figure(text: &str) -> bool {
    if text.bytes().any(|byte| byte.is_ascii_digit()) {
        return true;
    }
    let mut folded = String::new();
    let mark = |character: char| ('\u{0300}'..='\u{036F}').contains(&character);
    text.split(|character: char| !character.is_alphabetic() && !mark(character))
        .filter(|word| !word.is_empty() && word.len() <= 48)
        .any(|word| {
            if word.chars().any(mark) {
                folded = coopatlas_text::fold(word);
            } else {
                folded.clear();
                for character in word.chars() {
                    match character {
                        'ё' | 'Ё' => folded.push('е'),
                        other => folded.extend(other.to_lowercase()),
                    }
                }
            }
            numerals::is_numeral(&folded) || words::scale(&folded).is_some_and(|scale| scale.alone)
        })
}

#[cfg(test)]
mod tests;

//! From lexemes to figures. An expression is read in stages:
//!
//! 1. the amount: an optional currency sign or code ("$", "USD"), a number in digits or words,
//!    an optional scale word ("млн", "billion");
//! 2. a range: a dash, "to", "до" or "and" and a second amount ("20–25%", "с 130 до 230 млрд");
//! 3. the tail: a unit ("%", "долларов США", "кВ", "человек") or a counted noun phrase
//!    ("new regional agreements", "межрегиональных соглашения");
//! 4. the hedge before it ("более чем", "up to", "почти на").
//!
//! Each stage can decide that the number is not a figure at all (a year, date, ordinal, clause
//! number, duration or ratio); then the whole expression, range included, is skipped.

use crate::lexer::{Kind, Lexemes};
use crate::words::{self, Scale};
use crate::{Figure, Qualifier, Unit, numerals};

pub(crate) fn figures(text: &str) -> Vec<Figure> {
    let lexemes = Lexemes::new(text);
    let mut found = Vec::new();
    let mut index = 0;
    // The lexeme right after the last figure: "до" there closes a range, it is not "up to".
    let mut after_previous: Option<usize> = None;
    while index < lexemes.len() {
        match expression_at(&lexemes, index, after_previous) {
            Outcome::Found(figures, next) => {
                found.extend(figures);
                after_previous = Some(next);
                index = next.max(index + 1);
            }
            Outcome::Skip(next) => index = next.max(index + 1),
            Outcome::Nothing => index += 1,
        }
    }
    found
}

enum Outcome {
    /// Figures, and the lexeme after the expression.
    Found(Vec<Figure>, usize),
    /// Not a figure, and nothing up to this lexeme can start one.
    Skip(usize),
    Nothing,
}

/// A number with its currency sign and scale, before its unit or noun is read.
struct Amount {
    /// The first lexeme: the currency sign, or the number.
    start: usize,
    /// The first lexeme of the number itself.
    number: usize,
    /// The lexeme after the number.
    after_number: usize,
    /// The lexeme after the scale word (and its abbreviation dot), where a unit may start.
    next: usize,
    /// Byte end of the number or of its scale word.
    end: usize,
    /// The number as decimal digits ("1.2", "1679"), so scaling stays exact.
    mantissa: String,
    exponent: Option<i32>,
    prefix: Option<Unit>,
    /// Four digits from 1900 to 2099 with no separators: a year unless a unit says otherwise.
    year_like: bool,
    written: bool,
    /// A scale word standing for one: "миллиард долларов".
    alone: bool,
    /// The scale word ended with an abbreviation dot, which may also end the sentence.
    dotted: bool,
}

impl Amount {
    fn value(&self, exponent: Option<i32>) -> f64 {
        // Parsing "1.2e9" rounds once, where 1.2 * 1e9 would round twice.
        format!("{}e{}", self.mantissa, exponent.unwrap_or(0)).parse().unwrap_or(f64::INFINITY)
    }
}

/// What follows an amount.
enum Tail {
    Measured {
        unit: Unit,
        next: usize,
        end: usize,
    },
    Counted {
        what: String,
        next: usize,
        end: usize,
    },
    /// Nothing that makes it a figure: a bare number.
    Bare,
    /// Something that makes it never a figure: "лет", "июня", "times", "кг".
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Connector {
    Dash,
    To,
    And,
}

fn expression_at(lexemes: &Lexemes, index: usize, after_previous: Option<usize>) -> Outcome {
    let Some(first) = amount_at(lexemes, index) else {
        return Outcome::Nothing;
    };
    if rejected(lexemes, &first) {
        return Outcome::Skip(first.next.max(first.after_number));
    }
    let qualifier = qualifier_before(lexemes, first.start, after_previous);

    // A range whose first half borrows the scale and unit of the second: "20–25%",
    // "с 130 до 230 млрд рублей", "from $1.2 to $3 billion".
    if let Some((second_start, connector)) = range_connector(lexemes, &first) {
        let second = amount_at(lexemes, second_start).filter(|second| range_fits(lexemes, &first, second, connector));
        if let Some(second) = second {
            if rejected(lexemes, &second) {
                return Outcome::Skip(second.next.max(second.after_number));
            }
            let (unit, counted, next, end) = match tail(lexemes, &second) {
                Tail::Measured { unit, next, end } => (unit, None, next, end),
                Tail::Counted { what, next, end } => (Unit::Count, Some(what), next, end),
                Tail::Bare | Tail::Never => return Outcome::Skip(second.next),
            };
            let first_unit = first.prefix.unwrap_or(unit);
            let second_qualifier = match connector {
                Connector::Dash => qualifier.map(|(qualifier, _)| (qualifier, second.start)),
                Connector::To | Connector::And => None,
            };
            let first_what = counted.clone().or_else(|| measured(lexemes, first.start, first.next, first_unit));
            let second_what = counted.or_else(|| measured(lexemes, second.start, next, second.prefix.unwrap_or(unit)));
            let pair = (
                figure(
                    lexemes,
                    &first,
                    first.exponent.or(second.exponent),
                    first_unit,
                    first_what,
                    qualifier,
                    first.end,
                ),
                figure(
                    lexemes,
                    &second,
                    second.exponent,
                    second.prefix.unwrap_or(unit),
                    second_what,
                    second_qualifier,
                    end,
                ),
            );
            return match pair {
                (Some(first), Some(second)) => Outcome::Found(vec![first, second], next),
                _ => Outcome::Skip(next),
            };
        }
    }

    match tail(lexemes, &first) {
        Tail::Measured { unit, next, end } => {
            let what = measured(lexemes, first.start, next, unit);
            match figure(lexemes, &first, first.exponent, unit, what, qualifier, end) {
                Some(found) => Outcome::Found(vec![found], next),
                None => Outcome::Skip(next),
            }
        }
        Tail::Counted { what, next, end } => {
            let counted = figure(lexemes, &first, first.exponent, Unit::Count, Some(what), qualifier, end);
            match counted {
                Some(found) => Outcome::Found(vec![found], next),
                None => Outcome::Skip(next),
            }
        }
        Tail::Never => Outcome::Skip(first.next),
        Tail::Bare => Outcome::Nothing,
    }
}

fn figure(
    lexemes: &Lexemes,
    amount: &Amount,
    exponent: Option<i32>,
    unit: Unit,
    what: Option<String>,
    qualifier: Option<(Qualifier, usize)>,
    end: usize,
) -> Option<Figure> {
    let value = amount.value(exponent);
    if !value.is_finite() {
        return None;
    }
    // Things are counted in whole numbers, and "by 2017 companies" is a year.
    let whole = matches!(unit, Unit::Count | Unit::People);
    if whole && (value.fract() != 0.0 || amount.year_like) {
        return None;
    }
    // A written "one" before a noun is nearly always "a single" ("зависимость от одного рынка",
    // "one level down"), not a count; "one billion dollars" and a digit "1" still are figures.
    if whole && amount.written && value == 1.0 {
        return None;
    }
    let first = qualifier.map_or(amount.start, |(_, first)| first);
    let start = lexemes.start(first);
    Some(Figure {
        value,
        unit,
        what,
        qualifier: qualifier.map(|(qualifier, _)| qualifier),
        range: start..end.max(start),
    })
}

fn amount_at(lexemes: &Lexemes, start: usize) -> Option<Amount> {
    let (prefix, number) = match currency_prefix(lexemes, start) {
        Some((unit, next)) => (Some(unit), next),
        None => (None, start),
    };
    if prefix.is_some() && !lexemes.joined(number) {
        return None;
    }
    let mut year_like = false;
    let mut written = false;
    let mut alone = false;
    let (mantissa, after_number) = match &lexemes.get(number)?.kind {
        Kind::Number { integer, fraction, grouped } => {
            year_like = !grouped
                && fraction.is_empty()
                && integer.len() == 4
                && matches!(integer.parse::<u32>(), Ok(1900..=2099));
            let mantissa = if fraction.is_empty() { integer.clone() } else { format!("{integer}.{fraction}") };
            (mantissa, number + 1)
        }
        Kind::Word { folded } => {
            if let Some((value, next)) = numerals::written_number(lexemes, number) {
                written = true;
                (value.to_string(), next)
            } else if words::scale(folded).is_some_and(|scale| scale.alone) {
                alone = true;
                ("1".to_string(), number)
            } else {
                return None;
            }
        }
        _ => return None,
    };
    let number_end = lexemes.end(after_number.saturating_sub(1));
    let scale = scale_at(lexemes, after_number, prefix.is_some(), alone);
    if alone && scale.is_none() {
        return None;
    }
    let (exponent, next, end, dotted) = match scale {
        Some((scale, next)) => (Some(scale.exponent), next, lexemes.end(after_number), next > after_number + 1),
        None => (None, after_number, number_end, false),
    };
    Some(Amount {
        start,
        number,
        after_number,
        next,
        end,
        mantissa,
        exponent,
        prefix,
        year_like,
        written,
        alone,
        dotted,
    })
}

fn currency_prefix(lexemes: &Lexemes, index: usize) -> Option<(Unit, usize)> {
    match lexemes.get(index)?.kind {
        Kind::Punct(character) => words::currency_symbol(character).map(|unit| (unit, index + 1)),
        Kind::Word { .. } => {
            let raw = lexemes.raw(index);
            if raw == "US" && lexemes.punct(index + 1) == Some('$') && lexemes.glued(index + 1) {
                return Some((Unit::Usd, index + 2));
            }
            words::currency_code(raw).map(|unit| (unit, index + 1))
        }
        _ => None,
    }
}

/// The scale word at `index` and the lexeme after it.
fn scale_at(lexemes: &Lexemes, index: usize, money: bool, alone: bool) -> Option<(Scale, usize)> {
    let word = lexemes.word(index)?;
    if !alone && !lexemes.joined(index) {
        return None;
    }
    let scale = words::scale(word)?;
    if scale.money_only && !(money && lexemes.glued(index)) {
        return None;
    }
    let abbreviation = matches!(word, "тыс" | "млн" | "млрд" | "трлн" | "mln" | "mn" | "bn" | "bln" | "tn" | "trn");
    let dot = abbreviation && lexemes.punct(index + 1) == Some('.') && lexemes.glued(index + 1);
    Some((scale, index + if dot { 2 } else { 1 }))
}

/// The lexeme before `index` as a word, reading through an abbreviation dot ("ст. 5").
fn word_before<'a>(lexemes: &'a Lexemes, index: usize) -> Option<&'a str> {
    let previous = index.checked_sub(1)?;
    if !lexemes.joined(index) {
        return None;
    }
    if let Some(word) = lexemes.word(previous) {
        return Some(word);
    }
    if lexemes.punct(previous) == Some('.') && lexemes.glued(previous) {
        return lexemes.word(previous.checked_sub(1)?);
    }
    None
}

fn is_dash(character: char) -> bool {
    matches!(character, '-' | '‐' | '‑' | '‒' | '–' | '—' | '−')
}

/// True when the amount is a year, date, ordinal, clause or law number, code or ratio.
fn rejected(lexemes: &Lexemes, amount: &Amount) -> bool {
    let number = amount.number;
    let digits = !amount.written && !amount.alone;

    // Glued on the left: "A380", "Минск-1", "Белагро-2016", "№5", "§3".
    if digits && amount.prefix.is_none() && lexemes.glued(number) {
        let previous = number.saturating_sub(1);
        match lexemes.get(previous).map(|item| &item.kind) {
            Some(Kind::Word { .. } | Kind::Number { .. } | Kind::Code) => return true,
            Some(Kind::Punct(character))
                if (is_dash(*character) || *character == '_')
                    && lexemes.glued(previous)
                    && previous.checked_sub(1).is_some_and(|word| lexemes.word(word).is_some()) =>
            {
                return true;
            }
            Some(Kind::Punct('№' | '#' | '§' | '/' | ':' | '.' | '^' | '@')) => return true,
            _ => {}
        }
    }
    // Spaced reference signs and words: "№ 123", "статья 5", "Article 3", "June 27".
    if amount
        .start
        .checked_sub(1)
        .and_then(|previous| lexemes.punct(previous))
        .is_some_and(|character| matches!(character, '№' | '§' | '#'))
    {
        return true;
    }
    if word_before(lexemes, amount.start).is_some_and(|word| words::reference_word(word) || words::month(word)) {
        return true;
    }
    // "the two regions", "двух стран": the pair that cooperates, named, not counted.
    let pair = amount.written && amount.mantissa == "2";
    if pair && word_before(lexemes, amount.start) == Some("the") {
        return true;
    }
    if pair && lexemes.word(amount.after_number).is_some_and(words::party_noun) {
        return true;
    }
    // Headings and list items: "6.4. Сотрудничество", "3) Text".
    if digits
        && matches!(lexemes.punct(amount.after_number), Some('.' | ')'))
        && lexemes.glued(amount.after_number)
        && line_start(lexemes, amount.start)
    {
        return true;
    }
    // Table rows: "1\tПроведение Дней Москвы" is a row's number, then the next cell.
    if digits
        && line_start(lexemes, amount.start)
        && lexemes
            .text()
            .get(lexemes.end(amount.after_number.saturating_sub(1))..lexemes.start(amount.after_number))
            .is_some_and(|gap| gap.contains('\t'))
    {
        return true;
    }
    // Glued on the right: "14th", "1990s", "3x", "14-й", "131-ФЗ", "three-year", "5°".
    let after = amount.after_number;
    if !amount.alone && lexemes.glued(after) {
        match lexemes.get(after).map(|item| &item.kind) {
            Some(Kind::Word { folded }) => {
                let scaled = amount.next > after;
                let raw = lexemes.raw(after);
                let unit = words::physical_unit(folded, raw).is_some()
                    || words::currency_word(folded).is_some()
                    || words::currency_code(raw).is_some();
                if !scaled && !unit {
                    return true;
                }
            }
            Some(Kind::Punct(character)) if is_dash(*character) && lexemes.glued(after + 1) => {
                if let Some(word) = lexemes.word(after + 1) {
                    let unit = words::physical_unit(word, lexemes.raw(after + 1)).is_some();
                    if !numerals::is_numeral(word) && !unit {
                        return true;
                    }
                }
            }
            Some(Kind::Punct('°' | '²' | '³' | '′' | '″')) => return true,
            _ => {}
        }
    }
    // Dates and ratios named right after: "27 июня", "1.6 times", "в 1,6 раза".
    let named_after = lexemes.word(amount.next).is_some_and(|word| words::month(word) || words::ratio_word(word));
    named_after && lexemes.joined(amount.next)
}

/// True when only whitespace or Markdown marks stand between the line start and `index`.
fn line_start(lexemes: &Lexemes, index: usize) -> bool {
    let start = lexemes.start(index);
    let before = lexemes.text().get(..start).unwrap_or("");
    let line = before.rsplit('\n').next().unwrap_or("");
    line.chars().all(|character| character.is_whitespace() || matches!(character, '#' | '*' | '>' | '|'))
}

fn range_connector(lexemes: &Lexemes, first: &Amount) -> Option<(usize, Connector)> {
    let index = first.next;
    if !lexemes.joined(index) || !lexemes.joined(index + 1) {
        return None;
    }
    match &lexemes.get(index)?.kind {
        Kind::Punct(character) if is_dash(*character) => Some((index + 1, Connector::Dash)),
        Kind::Word { folded } if folded == "to" || folded == "до" => Some((index + 1, Connector::To)),
        Kind::Word { folded } if folded == "and" || folded == "и" => {
            let between = word_before(lexemes, first.start).is_some_and(|word| matches!(word, "between" | "между"));
            between.then_some((index + 1, Connector::And))
        }
        _ => None,
    }
}

fn range_fits(lexemes: &Lexemes, first: &Amount, second: &Amount, connector: Connector) -> bool {
    if first.year_like != second.year_like {
        return false;
    }
    match connector {
        // A dash between two numbers is a range only when it rises: "20–25%", not "10 — 5".
        Connector::Dash => first.value(first.exponent.or(second.exponent)) < second.value(second.exponent),
        // "с 130 до 230", "from 5 to 10"; without an opener, only a bare first half borrows:
        // "10 to 20 percent". "$5 million to Minsk" is not a range.
        Connector::To => {
            word_before(lexemes, first.start).is_some_and(words::range_opener)
                || first.prefix.is_none() && first.exponent.is_none()
        }
        Connector::And => true,
    }
}

enum UnitMatch {
    Found(Unit, usize, usize),
    /// A unit outside the contract ("кг", "кв. км", "МВт·ч"): the number is not a figure.
    Foreign,
    None,
}

fn tail(lexemes: &Lexemes, amount: &Amount) -> Tail {
    if let Some(unit) = amount.prefix {
        return Tail::Measured { unit, next: amount.next, end: amount.end };
    }
    match unit_at(lexemes, amount.next) {
        UnitMatch::Found(unit, next, end) => {
            if amount.alone && !unit.is_money() {
                return Tail::Bare;
            }
            return Tail::Measured { unit, next, end };
        }
        UnitMatch::Foreign => return Tail::Never,
        UnitMatch::None => {}
    }
    if amount.alone {
        return Tail::Bare;
    }
    // After "тыс." a capital letter starts the next sentence.
    if amount.dotted && !lexemes.raw(amount.next).chars().next().is_some_and(char::is_lowercase) {
        return Tail::Bare;
    }
    counted_noun(lexemes, amount.next)
}

fn unit_at(lexemes: &Lexemes, index: usize) -> UnitMatch {
    if !lexemes.joined(index) {
        return UnitMatch::None;
    }
    let Some(item) = lexemes.get(index) else {
        return UnitMatch::None;
    };
    match &item.kind {
        Kind::Punct('%') => UnitMatch::Found(Unit::Percent, index + 1, item.end),
        Kind::Punct(character) => {
            if let Some(unit) = words::currency_symbol(*character) {
                return UnitMatch::Found(unit, index + 1, item.end);
            }
            // "a 110-kV line", "a 20-km road".
            if is_dash(*character)
                && lexemes.glued(index)
                && lexemes.glued(index + 1)
                && let Some(word) = lexemes.word(index + 1)
                && let Some(unit) = words::physical_unit(word, lexemes.raw(index + 1))
            {
                return UnitMatch::Found(unit, index + 2, lexemes.end(index + 1));
            }
            UnitMatch::None
        }
        Kind::Word { folded } => word_unit(lexemes, index, folded),
        _ => UnitMatch::None,
    }
}

fn word_unit(lexemes: &Lexemes, index: usize, word: &str) -> UnitMatch {
    let raw = lexemes.raw(index);
    if word == "per" && lexemes.word(index + 1) == Some("cent") && lexemes.joined(index + 1) {
        return UnitMatch::Found(Unit::Percent, index + 2, lexemes.end(index + 1));
    }
    if let Some(adjective) = words::currency_adjective(word) {
        let currency = lexemes
            .word(index + 1)
            .filter(|_| lexemes.joined(index + 1))
            .and_then(words::currency_word)
            .and_then(|currency| adjective.apply(currency));
        if let Some(unit) = currency {
            return currency_tail(lexemes, unit, index + 1);
        }
    }
    if let Some(unit) = words::currency_word(word).or_else(|| words::currency_code(raw)) {
        return currency_tail(lexemes, unit, index);
    }
    if let Some(unit) = words::physical_unit(word, raw) {
        let next = index + 1;
        let glued_after = |characters: &[char]| {
            lexemes.glued(next)
                && (lexemes.punct(next).is_some_and(|found| characters.contains(&found)) || lexemes.is_number(next))
        };
        return match unit {
            // "т. е.", "т. д." are not tonnes.
            Unit::T
                if lexemes.punct(next) == Some('.')
                    && lexemes.glued(next)
                    && lexemes.word(next + 1).is_some_and(|word| matches!(word, "е" | "д" | "п" | "н" | "к" | "ч")) =>
            {
                UnitMatch::None
            }
            // "км²", "км2", "km/h".
            Unit::Km if glued_after(&['²', '³', '/']) => UnitMatch::Foreign,
            // "МВт·ч", "MW/h".
            Unit::MW if glued_after(&['·', '*', '/', '⋅', '-']) => UnitMatch::Foreign,
            _ => UnitMatch::Found(unit, next, lexemes.end(index)),
        };
    }
    if words::foreign_unit(word) {
        return UnitMatch::Foreign;
    }
    UnitMatch::None
}

/// The end of a currency named at `index`: an abbreviation dot and "США" may follow
/// ("долл. США", "долларов США").
fn currency_tail(lexemes: &Lexemes, unit: Unit, index: usize) -> UnitMatch {
    let mut next = index + 1;
    let mut end = lexemes.end(index);
    if matches!(lexemes.word(index), Some("долл" | "руб")) && lexemes.punct(next) == Some('.') && lexemes.glued(next)
    {
        next += 1;
    }
    if unit == Unit::Usd && matches!(lexemes.word(next), Some("сша" | "us")) && lexemes.joined(next) {
        end = lexemes.end(next);
        next += 1;
    }
    UnitMatch::Found(unit, next, end)
}

fn is_cyrillic(word: &str) -> bool {
    word.chars().next().is_some_and(|character| ('\u{0400}'..='\u{04FF}').contains(&character))
}

/// The noun phrase counted by the number before `index`: "40 визитов", "21 partner regions",
/// "more than 100 казахстанских и российских предприятий".
///
/// Russian: adjectives and participles, then the noun, which ends the phrase. English: words up to
/// the first plural, since the head noun comes last; a participle ends it ("12 documents signed").
fn counted_noun(lexemes: &Lexemes, index: usize) -> Tail {
    if !lexemes.joined(index) || lexemes.glued(index) {
        return Tail::Bare;
    }
    let Some(first) = lexemes.word(index) else {
        return Tail::Bare;
    };
    if words::never_counted(first) || first == "г" {
        return Tail::Never;
    }
    if words::function_word(first) || first.chars().count() < 2 {
        return Tail::Bare;
    }
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut current = index;
    while let Some(word) = lexemes.word(current) {
        if words::function_word(word) || !taken.is_empty() && numerals::is_numeral(word) {
            break;
        }
        // Hyphenated words are one: "регионов-партнёров", "Северо-Казахстанской".
        let mut last = current;
        while matches!(lexemes.punct(last + 1), Some('-' | '‐'))
            && lexemes.glued(last + 1)
            && lexemes.glued(last + 2)
            && lexemes.word(last + 2).is_some()
        {
            last += 2;
        }
        if (current..=last).step_by(2).any(|part| lexemes.word(part).is_some_and(words::never_counted)) {
            return Tail::Never;
        }
        let head = lexemes.word(last).unwrap_or("");
        let cyrillic = is_cyrillic(head);
        let english_verb_form = !cyrillic && (head.ends_with("ed") || head.ends_with("ing") || head.ends_with("ly"));
        if !taken.is_empty() && english_verb_form {
            break;
        }
        taken.push((current, last));
        let continues = if cyrillic { words::russian_adjective(head) } else { !words::english_plural(head) };
        if !continues || taken.len() >= 4 {
            break;
        }
        let mut next = last + 1;
        // "казахстанских и российских предприятий", "Kazakh and Russian enterprises".
        if matches!(lexemes.word(next), Some("и" | "and")) && lexemes.joined(next) {
            let after = next + 1;
            let fits = lexemes.joined(after)
                && lexemes
                    .word(after)
                    .is_some_and(|word| !words::function_word(word) && (!cyrillic || words::russian_adjective(word)));
            if !fits {
                break;
            }
            next = after;
        }
        if !lexemes.joined(next) || lexemes.glued(next) {
            break;
        }
        current = next;
    }
    let (Some(&(first_word, _)), Some(&(_, last_word))) = (taken.first(), taken.last()) else {
        return Tail::Bare;
    };
    let start = lexemes.start(first_word);
    let end = lexemes.end(last_word);
    let what = lexemes.text().get(start..end).unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" ");
    Tail::Counted { what, next: last_word + 1, end }
}

/// The hedge before the amount starting at `start`, and its first lexeme.
fn qualifier_before(lexemes: &Lexemes, start: usize, after_previous: Option<usize>) -> Option<(Qualifier, usize)> {
    // "approx. 5", "ок. 200"
    if start >= 2
        && lexemes.punct(start - 1) == Some('.')
        && lexemes.glued(start - 1)
        && lexemes.joined(start)
        && let Some(qualifier) = lexemes.word(start - 2).and_then(words::abbreviated_qualifier)
    {
        return Some((qualifier, start - 2));
    }
    if let Some(found) = phrase_before(lexemes, start, after_previous, true) {
        return Some(found);
    }
    // "почти на 20%", "более чем с 80 регионами", "by more than 25%" is read above.
    let preposition = start.checked_sub(1)?;
    if !lexemes.word(preposition).is_some_and(words::preposition) || !lexemes.joined(start) {
        return None;
    }
    let mut end = preposition;
    if end >= 1 && lexemes.word(end - 1) == Some("чем") && lexemes.joined(end) {
        end -= 1;
    }
    phrase_before(lexemes, end, after_previous, false)
}

/// The longest hedge phrase that ends right before lexeme `end`.
fn phrase_before(
    lexemes: &Lexemes,
    end: usize,
    after_previous: Option<usize>,
    until_allowed: bool,
) -> Option<(Qualifier, usize)> {
    if !lexemes.joined(end) {
        return None;
    }
    let mut best: Option<(Qualifier, usize)> = None;
    for (phrase, qualifier) in words::QUALIFIERS {
        let Some(first) = end.checked_sub(phrase.len()) else {
            continue;
        };
        let matches = phrase.iter().enumerate().all(|(offset, expected)| {
            lexemes.word(first + offset) == Some(*expected) && (offset == 0 || lexemes.joined(first + offset))
        });
        if !matches {
            continue;
        }
        // "до" right after a figure or a number closes a range: "с 130 млн рублей до 230".
        if *phrase == ["до"]
            && (!until_allowed
                || after_previous == Some(first)
                || first.checked_sub(1).is_some_and(|previous| lexemes.is_number(previous)))
        {
            continue;
        }
        if best.is_none_or(|(_, best_first)| first < best_first) {
            best = Some((*qualifier, first));
        }
    }
    best
}

/// The word naming what money or a percentage measures: the nearest measure word before the
/// figure in its clause, or for a percentage one right after it ("48% всего товарооборота").
fn measured(lexemes: &Lexemes, start: usize, next: usize, unit: Unit) -> Option<String> {
    if !(unit.is_money() || unit == Unit::Percent) {
        return None;
    }
    if unit == Unit::Percent {
        let mut index = next;
        while index < next + 4 && lexemes.joined(index) {
            let Some(word) = lexemes.word(index) else {
                break;
            };
            if words::measure_word(word) {
                return Some(measure_phrase(lexemes, index));
            }
            index += 1;
        }
    }
    let mut index = start;
    while index > 0 && start - index < 14 {
        if !lexemes.joined(index) {
            break;
        }
        index -= 1;
        match &lexemes.get(index)?.kind {
            Kind::Punct('.' | '!' | '?' | ';') => break,
            Kind::Word { folded } if words::measure_word(folded) => {
                return Some(measure_phrase(lexemes, index));
            }
            _ => {}
        }
    }
    None
}

/// The measure word, with the noun after it when it is an adjective ("внешнеторгового оборота").
fn measure_phrase(lexemes: &Lexemes, index: usize) -> String {
    let word = lexemes.word(index).unwrap_or("");
    let last = if words::russian_adjective(word) && lexemes.joined(index + 1) && lexemes.word(index + 1).is_some() {
        index + 1
    } else {
        index
    };
    lexemes
        .text()
        .get(lexemes.start(index)..lexemes.end(last))
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

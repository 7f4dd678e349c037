//! Cardinal numbers written as words, in English and in every Russian case: "three", "twenty-five",
//! "one hundred and five", "трёх", "двенадцать", "ста", "сто двадцать пять", "полтора".
//!
//! Ordinals ("fifth", "второй"), collectives ("оба", "both", "двое") and approximations ("dozens",
//! "десятки") are not here on purpose: the contract counts only cardinals.

use crate::lexer::Lexemes;

/// Where a numeral sits in a compound: "сто двадцать пять" is Hundred, Ten, Unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rank {
    Unit,
    Teen,
    Ten,
    Hundred,
    /// English "hundred", which multiplies what comes before it.
    Multiplier,
    /// "полтора", which takes no other numeral.
    Fraction,
}

fn numeral(word: &str) -> Option<(f64, Rank)> {
    use Rank::*;
    let found = match word {
        "one" => (1.0, Unit),
        "two" => (2.0, Unit),
        "three" => (3.0, Unit),
        "four" => (4.0, Unit),
        "five" => (5.0, Unit),
        "six" => (6.0, Unit),
        "seven" => (7.0, Unit),
        "eight" => (8.0, Unit),
        "nine" => (9.0, Unit),
        "ten" => (10.0, Teen),
        "eleven" => (11.0, Teen),
        "twelve" => (12.0, Teen),
        "thirteen" => (13.0, Teen),
        "fourteen" => (14.0, Teen),
        "fifteen" => (15.0, Teen),
        "sixteen" => (16.0, Teen),
        "seventeen" => (17.0, Teen),
        "eighteen" => (18.0, Teen),
        "nineteen" => (19.0, Teen),
        "twenty" => (20.0, Ten),
        "thirty" => (30.0, Ten),
        "forty" => (40.0, Ten),
        "fifty" => (50.0, Ten),
        "sixty" => (60.0, Ten),
        "seventy" => (70.0, Ten),
        "eighty" => (80.0, Ten),
        "ninety" => (90.0, Ten),
        "hundred" => (100.0, Multiplier),

        "один" | "одна" | "одно" | "одного" | "одной" | "одному" | "одним" | "одном" | "одну" => {
            (1.0, Unit)
        }
        "два" | "две" | "двух" | "двум" | "двумя" => (2.0, Unit),
        "три" | "трех" | "трем" | "тремя" => (3.0, Unit),
        "четыре" | "четырех" | "четырем" | "четырьмя" => (4.0, Unit),
        // "семью" is left out: far more often it is "family" than "with seven".
        "семь" | "семи" => (7.0, Unit),
        "восемь" | "восьми" | "восемью" => (8.0, Unit),
        "сорок" | "сорока" => (40.0, Ten),
        "пятьдесят" | "пятидесяти" | "пятьюдесятью" => (50.0, Ten),
        "шестьдесят" | "шестидесяти" | "шестьюдесятью" => (60.0, Ten),
        "семьдесят" | "семидесяти" | "семьюдесятью" => (70.0, Ten),
        "восемьдесят" | "восьмидесяти" | "восемьюдесятью" => (80.0, Ten),
        "девяносто" | "девяноста" => (90.0, Ten),
        "сто" | "ста" => (100.0, Hundred),
        "двести" | "двухсот" | "двумстам" => (200.0, Hundred),
        "триста" | "трехсот" | "тремстам" => (300.0, Hundred),
        "четыреста" | "четырехсот" | "четыремстам" => (400.0, Hundred),
        "пятьсот" | "пятисот" | "пятистам" => (500.0, Hundred),
        "шестьсот" | "шестисот" | "шестистам" => (600.0, Hundred),
        "семьсот" | "семисот" | "семистам" => (700.0, Hundred),
        "восемьсот" | "восьмисот" | "восьмистам" => (800.0, Hundred),
        "девятьсот" | "девятисот" | "девятистам" => (900.0, Hundred),
        "полтора" | "полторы" | "полутора" => (1.5, Fraction),
        _ => return soft_sign_numeral(word),
    };
    Some(found)
}

/// Russian numerals in "-ть" decline alike: "пять", "пяти", "пятью"; "двадцать", "двадцати".
fn soft_sign_numeral(word: &str) -> Option<(f64, Rank)> {
    let stem = ["ью", "ь", "и"].iter().find_map(|ending| word.strip_suffix(ending))?;
    let found = match stem {
        "пят" => (5.0, Rank::Unit),
        "шест" => (6.0, Rank::Unit),
        "девят" => (9.0, Rank::Unit),
        "десят" => (10.0, Rank::Teen),
        "одиннадцат" => (11.0, Rank::Teen),
        "двенадцат" => (12.0, Rank::Teen),
        "тринадцат" => (13.0, Rank::Teen),
        "четырнадцат" => (14.0, Rank::Teen),
        "пятнадцат" => (15.0, Rank::Teen),
        "шестнадцат" => (16.0, Rank::Teen),
        "семнадцат" => (17.0, Rank::Teen),
        "восемнадцат" => (18.0, Rank::Teen),
        "девятнадцат" => (19.0, Rank::Teen),
        "двадцат" => (20.0, Rank::Ten),
        "тридцат" => (30.0, Rank::Ten),
        _ => return None,
    };
    Some(found)
}

/// True when `word` is a cardinal numeral on its own.
pub(crate) fn is_numeral(word: &str) -> bool {
    numeral(word).is_some()
}

/// The number written in words from lexeme `start`, and the lexeme after it.
pub(crate) fn written_number(lexemes: &Lexemes, start: usize) -> Option<(f64, usize)> {
    let (mut value, mut rank) = numeral(lexemes.word(start)?)?;
    if rank == Rank::Multiplier {
        rank = Rank::Hundred;
    }
    let mut next = start + 1;
    loop {
        // "twenty-five": a hyphen only joins tens and units; "три-четыре" is a range.
        if rank == Rank::Ten
            && matches!(lexemes.punct(next), Some('-' | '‐'))
            && lexemes.glued(next)
            && lexemes.glued(next + 1)
            && let Some((unit, Rank::Unit)) = lexemes.word(next + 1).and_then(numeral)
        {
            value += unit;
            rank = Rank::Unit;
            next += 2;
            continue;
        }
        let mut candidate = next;
        // "one hundred and five"
        if rank == Rank::Hundred && lexemes.word(candidate) == Some("and") && lexemes.joined(candidate) {
            candidate += 1;
        }
        if !lexemes.joined(candidate) || lexemes.glued(candidate) {
            break;
        }
        let Some((part, part_rank)) = lexemes.word(candidate).and_then(numeral) else {
            break;
        };
        match (rank, part_rank) {
            (Rank::Hundred, Rank::Ten | Rank::Teen | Rank::Unit) | (Rank::Ten, Rank::Unit) => {
                value += part;
                rank = part_rank;
            }
            (Rank::Unit | Rank::Teen | Rank::Ten, Rank::Multiplier) if value < 100.0 => {
                value *= 100.0;
                rank = Rank::Hundred;
            }
            _ => break,
        }
        next = candidate + 1;
    }
    Some((value, next))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Option<f64> {
        let lexemes = Lexemes::new(text);
        written_number(&lexemes, 0).map(|(value, _)| value)
    }

    #[test]
    fn english_and_russian() {
        assert_eq!(read("three regions"), Some(3.0));
        assert_eq!(read("twenty-five"), Some(25.0));
        assert_eq!(read("twenty five"), Some(25.0));
        assert_eq!(read("one hundred and five"), Some(105.0));
        assert_eq!(read("three hundred"), Some(300.0));
        assert_eq!(read("трёх регионов"), Some(3.0));
        assert_eq!(read("Двенадцать соглашений"), Some(12.0));
        assert_eq!(read("сто двадцать пять"), Some(125.0));
        assert_eq!(read("ста"), Some(100.0));
        assert_eq!(read("пятью"), Some(5.0));
        assert_eq!(read("полутора"), Some(1.5));
        assert_eq!(read("пять три"), Some(5.0));
        assert_eq!(read("три-четыре"), Some(3.0));
        assert_eq!(read("второй"), None);
        assert_eq!(read("оба"), None);
        assert_eq!(read("семью"), None);
    }
}

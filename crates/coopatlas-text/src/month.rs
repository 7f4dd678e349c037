/// The number (1–12) of a month name: English full names and abbreviations ("June", "jun",
/// "Sept"), Russian names in every case ("июня", "марте", "мая"). Exact endings, so "мартышка"
/// and "maybe" are not months.
pub fn month_number(word: &str) -> Option<u32> {
    const ENGLISH: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    // Stems whose endings are soft ("июнь", "июня", "июне"), and the hard ones ("март", "марта").
    const RUSSIAN: [(&str, bool); 12] = [
        ("январ", true),
        ("феврал", true),
        ("март", false),
        ("апрел", true),
        ("ма", false),
        ("июн", true),
        ("июл", true),
        ("август", false),
        ("сентябр", true),
        ("октябр", true),
        ("ноябр", true),
        ("декабр", true),
    ];
    let word = word.to_lowercase();
    if let Some(position) =
        ENGLISH.iter().position(|name| *name == word || (word.len() == 3 && name.starts_with(word.as_str())))
    {
        return Some(position as u32 + 1);
    }
    if word == "sept" {
        return Some(9);
    }
    let word = word.replace('ё', "е");
    RUSSIAN
        .iter()
        .position(|(stem, soft)| {
            word.strip_prefix(stem).is_some_and(|ending| match (*stem, soft) {
                ("ма", _) => matches!(ending, "й" | "я" | "е" | "ю" | "ем"),
                (_, true) => matches!(ending, "ь" | "я" | "е" | "ю" | "ем"),
                (_, false) => matches!(ending, "" | "а" | "е" | "у" | "ом"),
            })
        })
        .map(|position| position as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months() {
        for (word, number) in [
            ("June", 6),
            ("jun", 6),
            ("Sept", 9),
            ("september", 9),
            ("июня", 6),
            ("марта", 3),
            ("марте", 3),
            ("мая", 5),
            ("май", 5),
            ("ДЕКАБРЯ", 12),
            ("январе", 1),
            ("августа", 8),
        ] {
            assert_eq!(month_number(word), Some(number), "{word}");
        }
        for word in ["maybe", "мартышка", "мама", "ма", "junk", "mayor", "", "июль-август"] {
            assert_eq!(month_number(word), None, "{word}");
        }
    }
}

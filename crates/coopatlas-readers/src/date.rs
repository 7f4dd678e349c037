//! Dates found in metadata, normalised to `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
//!
//! Metadata dates come as ISO 8601 (`2024-03-05T10:00:00+03:00`), compact (`20240305`),
//! Russian numeric (`05.03.2024`), or with month names in Russian or English
//! (`5 марта 2024`, `March 5, 2024`, `Tue, 05 Mar 2024 10:00:00 +0300`). The time and time
//! zone are dropped: the atlas keeps days.

/// Years outside this range are taken for typing errors, not dates.
const YEARS: std::ops::RangeInclusive<u32> = 1800..=2200;

/// Normalises a date string; `None` when it holds no plausible date.
pub(crate) fn normalise(value: &str) -> Option<String> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    numeric(value).or_else(|| with_month_name(value))
}

fn format(year: u32, month: Option<u32>, day: Option<u32>) -> Option<String> {
    if !YEARS.contains(&year) {
        return None;
    }
    match (month, day) {
        (None, _) => Some(format!("{year:04}")),
        (Some(month), _) if !(1..=12).contains(&month) => None,
        (Some(month), None) => Some(format!("{year:04}-{month:02}")),
        (Some(month), Some(day)) if (1..=days_in_month(year, month)).contains(&day) => {
            Some(format!("{year:04}-{month:02}-{day:02}"))
        }
        (Some(_), Some(_)) => None,
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Splits the leading run of digits and separators into numbers: "2024-03-05T10" gives
/// [2024, 3, 5] with separator '-'.
fn numeric(value: &str) -> Option<String> {
    let head: &str = value.split(['T', 't', ' ']).next().unwrap_or(value);
    if head.len() >= 8 && head.bytes().take(8).all(|byte| byte.is_ascii_digit()) {
        if head.len() == 8 || head.len() == 14 {
            // Compact form: 20240305 or 20240305103000.
            let number = |range: std::ops::Range<usize>| head[range].parse::<u32>().ok();
            return format(number(0..4)?, Some(number(4..6)?), Some(number(6..8)?));
        }
        return None;
    }
    let separator = head.chars().find(|character| !character.is_ascii_digit());
    let parts: Vec<&str> = match separator {
        None => vec![head],
        Some(separator) if matches!(separator, '-' | '.' | '/') => head.split(separator).collect(),
        Some(_) => return None,
    };
    if parts.len() > 3 || parts.iter().any(|part| part.is_empty() || part.len() > 4) {
        return None;
    }
    if !parts.iter().all(|part| part.bytes().all(|byte| byte.is_ascii_digit())) {
        return None;
    }
    let numbers: Vec<u32> = parts.iter().filter_map(|part| part.parse().ok()).collect();
    match (numbers.as_slice(), parts[0].len()) {
        ([year], 4) => format(*year, None, None),
        ([year, month], 4) => format(*year, Some(*month), None),
        ([year, month, day], 4) => format(*year, Some(*month), Some(*day)),
        // 05.03.2024: day first, as written in Russian. 03/05/2024 is ambiguous (US order):
        // only the dotted form is trusted.
        ([day, month, year], 1 | 2) if separator == Some('.') && parts[2].len() == 4 => {
            format(*year, Some(*month), Some(*day))
        }
        ([month, year], 1 | 2) if separator == Some('.') && parts[1].len() == 4 => format(*year, Some(*month), None),
        _ => None,
    }
}

/// Month-name stems, Russian in every case ("марта", "мая", "июня") and English.
const MONTHS: [(&[&str], u32); 12] = [
    (&["январ", "jan"], 1),
    (&["феврал", "feb"], 2),
    (&["март", "mar"], 3),
    (&["апрел", "apr"], 4),
    (&["мая", "май", "may"], 5),
    (&["июн", "jun"], 6),
    (&["июл", "jul"], 7),
    (&["август", "aug"], 8),
    (&["сентябр", "sep"], 9),
    (&["октябр", "oct"], 10),
    (&["ноябр", "nov"], 11),
    (&["декабр", "dec"], 12),
];

fn month_from_name(word: &str) -> Option<u32> {
    let word = word.to_lowercase();
    if word.chars().count() < 3 {
        return None;
    }
    MONTHS.iter().find(|(stems, _)| stems.iter().any(|stem| word.starts_with(stem))).map(|(_, month)| *month)
}

fn with_month_name(value: &str) -> Option<String> {
    let mut year = None;
    let mut month = None;
    let mut day = None;
    let words = value.split(|character: char| !character.is_alphanumeric()).filter(|word| !word.is_empty()).take(8);
    for word in words {
        if word.bytes().all(|byte| byte.is_ascii_digit()) {
            match word.len() {
                4 if year.is_none() => year = word.parse::<u32>().ok(),
                1 | 2 if day.is_none() => day = word.parse::<u32>().ok(),
                _ => {}
            }
        } else if month.is_none() {
            month = month_from_name(word);
        }
    }
    let year = year?;
    let month = month?;
    format(year, Some(month), day).or_else(|| format(year, Some(month), None))
}

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn dates_are_normalised() {
        let cases = [
            ("2024-03-05T10:00:00+03:00", Some("2024-03-05")),
            ("2024-03-05", Some("2024-03-05")),
            ("2024-03", Some("2024-03")),
            ("2024", Some("2024")),
            ("2024/03/05", Some("2024-03-05")),
            ("20240305", Some("2024-03-05")),
            ("20240305103000", Some("2024-03-05")),
            ("05.03.2024", Some("2024-03-05")),
            ("5.3.2024 10:00", Some("2024-03-05")),
            ("5 марта 2024 г.", Some("2024-03-05")),
            ("12 мая 2023", Some("2023-05-12")),
            ("March 5, 2024", Some("2024-03-05")),
            ("Tue, 05 Mar 2024 10:00:00 +0300", Some("2024-03-05")),
            ("январь 2020", Some("2020-01")),
            ("2024-02-30", None),
            ("2024-13-01", None),
            ("03/05/2024", None),
            ("0000-00-00", None),
            ("yesterday", None),
            ("", None),
        ];
        for (input, expected) in cases {
            assert_eq!(normalise(input).as_deref(), expected, "{input}");
        }
    }
}

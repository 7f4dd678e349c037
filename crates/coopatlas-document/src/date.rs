use std::sync::LazyLock;

use coopatlas_text::month_number;
use regex::Regex;

static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:((?:19|20)\d\d)-(\d\d)-(\d\d)|(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d))\b").expect("valid regex")
});
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{1,2})\s+([а-яё]{3,9}|[a-z]{3,9})\.?\s+((?:19|20)\d\d)\b").expect("valid regex")
});
static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[\s,(])([а-яё]{3,9}|[a-z]{3,9})\s+((?:19|20)\d\d)(?:\s*(?:г\.?|года?))?\s*$")
        .expect("valid regex")
});
static MONTH_DAY_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b([a-z]{3,9})\.?\s+(\d{1,2}),?\s+((?:19|20)\d\d)\b").expect("valid regex"));

/// The date of a dateline or date line at the top of the text ("Ярославль, 27 июня 2019 г.",
/// "MINSK, June 27, 2019 —", "27.06.2019"), as `YYYY-MM-DD`. Only the first few lines are looked
/// at: a date deeper in the text is the date of an event, not of the document.
pub fn dateline_date(text: &str) -> Option<String> {
    let head: Vec<&str> = text.lines().map(str::trim).filter(|line| !line.is_empty()).take(4).collect();
    head.iter().find_map(|line| {
        // A dateline sits at the start of its line; allow a place name and a comma before it.
        let prefix_end = line.char_indices().nth(60).map_or(line.len(), |(index, _)| index);
        date_in(&line[..prefix_end])
    })
}

fn date_in(line: &str) -> Option<String> {
    let mut found: Vec<(usize, String)> = Vec::new();
    if let Some(captures) = NUMERIC.captures(line) {
        let start = captures.get(0).map_or(0, |whole| whole.start());
        let date = if let Some(year) = captures.get(1) {
            ymd(year.as_str(), &captures[2], &captures[3])
        } else {
            ymd(&captures[6], &captures[5], &captures[4])
        };
        found.extend(date.map(|date| (start, date)));
    }
    if let Some(captures) = DAY_MONTH_YEAR.captures(line)
        && let Some(month) = month_number(&captures[2])
    {
        let start = captures.get(0).map_or(0, |whole| whole.start());
        found.extend(ymd(&captures[3], &month.to_string(), &captures[1]).map(|date| (start, date)));
    }
    if let Some(captures) = MONTH_DAY_YEAR.captures(line)
        && let Some(month) = month_number(&captures[1])
    {
        let start = captures.get(0).map_or(0, |whole| whole.start());
        found.extend(ymd(&captures[3], &month.to_string(), &captures[2]).map(|date| (start, date)));
    }
    if found.is_empty() {
        // "Vitebsk, June 2024", "Research note, June 2015": a month and year closing the line.
        let line = line.trim_end_matches(['.', '—', '-', ' ']);
        if let Some(captures) = MONTH_YEAR.captures(line)
            && let (Some(month), Ok(year)) = (month_number(&captures[1]), captures[2].parse::<u32>())
        {
            return Some(format!("{year:04}-{month:02}"));
        }
    }
    found.into_iter().min_by_key(|(start, _)| *start).map(|(_, date)| date)
}

fn ymd(year: &str, month: &str, day: &str) -> Option<String> {
    let (year, month, day): (u32, u32, u32) = (year.parse().ok()?, month.parse().ok()?, day.parse().ok()?);
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days_in_month).contains(&day).then(|| format!("{year:04}-{month:02}-{day:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(text: &str, expected: Option<&str>) {
        assert_eq!(dateline_date(text).as_deref(), expected, "{text}");
    }

    #[test]
    fn datelines() {
        check("Ярославль, 27 июня 2019 г.\nТекст", Some("2019-06-27"));
        check("Заголовок\n\n15 мая 2018 года — Губернатор...", Some("2018-05-15"));
        check("Заголовок\n3 марта 2021\n", Some("2021-03-03"));
        check("MINSK, June 27, 2019 — The governor", Some("2019-06-27"));
        check("Kazan, 12 March 2021. The republic", Some("2021-03-12"));
        check("Title\n27.06.2019\nText", Some("2019-06-27"));
        check("2020-02-29 news", Some("2020-02-29"));
        check("Title\nVitebsk, June 2024\n", Some("2024-06"));
        check("Заголовок\nМосква, март 2021 г.\n", Some("2021-03"));
    }

    #[test]
    fn not_datelines() {
        check("2019-02-30 nothing", None);
        check("Стратегия до 2030 года\n\nВ 2016 году товарооборот вырос.", None);
        check("", None);
        check("A\nB\nC\nD\nMINSK, June 27, 2019 — too deep", None);
        check("99.99.2019", None);
        check("Стратегия развития до 2030 года\nТекст", None);
        check("The plan runs to December 2030 and beyond", None);
    }
}

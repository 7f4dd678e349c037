use std::sync::LazyLock;

use regex::Regex;

/// What kind of document a text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Genre {
    News,
    Strategy,
    Agreement,
    Programme,
    Forum,
    Research,
    Other,
}

impl Genre {
    pub const ALL: [Genre; 7] =
        [Genre::News, Genre::Strategy, Genre::Agreement, Genre::Programme, Genre::Forum, Genre::Research, Genre::Other];

    pub fn as_str(self) -> &'static str {
        match self {
            Genre::News => "news",
            Genre::Strategy => "strategy",
            Genre::Agreement => "agreement",
            Genre::Programme => "programme",
            Genre::Forum => "forum",
            Genre::Research => "research",
            Genre::Other => "other",
        }
    }

    pub fn parse(name: &str) -> Option<Genre> {
        Genre::ALL.into_iter().find(|genre| genre.as_str() == name)
    }
}

/// One rule: a pattern, where it is looked for, and its weight for one genre.
struct Cue {
    genre: Genre,
    pattern: &'static str,
    weight: f64,
    /// Count every occurrence in the body (capped) instead of only "present in the title or head".
    repeated: bool,
}

const fn cue(genre: Genre, pattern: &'static str, weight: f64) -> Cue {
    Cue { genre, pattern, weight, repeated: false }
}

const fn many(genre: Genre, pattern: &'static str, weight: f64) -> Cue {
    Cue { genre, pattern, weight, repeated: true }
}

/// The cue list. Patterns are case-insensitive regular expressions over the title and text.
const CUES: &[Cue] = &[
    cue(Genre::Strategy, r"стратеги[яиюей]\s+(социально-экономического|пространственного)?\s*развития", 4.0),
    cue(Genre::Strategy, r"\bstrategy\b.{0,40}\b(development|socio-economic)\b|\bdevelopment strategy\b", 4.0),
    cue(Genre::Strategy, r"концепци[яи].{0,60}(внешнеэкономической|международн|межрегиональн)", 3.0),
    many(
        Genre::Strategy,
        r"приоритетн\w+ направлени|стратегическ\w+ цел|целев\w+ показател|strategic (goal|priorit|objective)|key performance|до 20[2-5]\d года|until 20[2-5]\d|by 20[3-5]\d",
        1.0,
    ),
    many(Genre::Strategy, r"задач[аи]\s|механизм\w* реализации|implementation mechanism", 0.5),
    // Strategies are cut into numbered sections ("6.4. Межрегиональное сотрудничество", "РАЗДЕЛ 7").
    many(
        Genre::Strategy,
        r"^\s*#*\s*(раздел\s+|section\s+|глава\s+|направление\s+)?\d+(\.\d+)+\.?\s+\S|^\s*#*\s*(раздел|section|глава)\s+\d+",
        1.2,
    ),
    many(
        Genre::Strategy,
        r"исходн\w+ услови|оценка текущего|текущ\w+ положени|конкурентн\w+ преимуществ|сценари|субъект\w* российской федерации|потенциал|обеспечит|(to|will) (strengthen|develop|expand)|competitive advantage|current situation|the region('s)? (will|aims|intends)",
        0.6,
    ),
    cue(Genre::Agreement, r"^\s*(соглашение|agreement|меморандум|memorandum|протокол)\b", 3.0),
    many(Genre::Agreement, r"(^|\n)\s*(статья|article)\s+\d+", 1.5),
    many(
        Genre::Agreement,
        r"стороны|сторон\s|the parties|настоящ\w+ соглашени|this agreement|вступает в силу|enters? into force",
        0.8,
    ),
    cue(
        Genre::Programme,
        r"план\w* мероприятий|дорожн\w+ карт|roadmap|road map|action plan|programme of (cooperation|measures)|программ\w+ (сотрудничества|мероприятий)",
        3.0,
    ),
    many(
        Genre::Programme,
        r"срок\w* (исполнения|реализации)|ответственн\w+ исполнител|responsible|deadline|(^|\n)\s*\d+\.\d*\s",
        0.6,
    ),
    cue(
        Genre::Forum,
        r"программ\w+ (форума|конференции|круглого стола)|(forum|conference) programme|programme of the (forum|conference)",
        4.0,
    ),
    many(
        Genre::Forum,
        r"круглый стол|round table|пленарн\w+ заседани|plenary session|панельн\w+ дискусси|panel discussion|\bsession\b|секци[яи]|модератор|moderator|speakers?:|спикеры",
        0.8,
    ),
    many(Genre::Forum, r"\b\d{1,2}[:.]\d\d\s*[-–—]\s*\d{1,2}[:.]\d\d\b", 1.0),
    cue(
        Genre::Research,
        r"\babstract\b|аннотация|ключевые слова|\bkeywords\b|research note|working paper|аналитическ\w+ записк",
        3.0,
    ),
    many(
        Genre::Research,
        r"\bsurvey\b|\bdata (show|suggest)|\bour (data|survey|analysis)|researchers|scholars|literature|\bet al\.|\(\w+,? (19|20)\d\d\)|\b(список литературы|references|bibliography)\b|\bwe (find|argue|show|develop)\b|\bthis (paper|article|study|note)\b|в (данной|настоящей) статье|исследовани",
        1.0,
    ),
    many(
        Genre::News,
        r"сообщает|пресс-служб|сообщили|заявил|отметил|рассказал|\bsaid\b|\btold\b|reported|press service|according to",
        0.8,
    ),
    // Reports of what happened: past-tense verbs of signing, meeting and visiting.
    many(
        Genre::News,
        r"\b(have |has )?(signed|held|visited|met|took part|opened|put their signatures)\b|подписал\w*|подписан\w*|состоял\w*|прош(ёл|ел|ла|ли)\s|посетил\w*|встретил\w*|провели\s|губернатор\w*|\bgovernors?\b",
        0.7,
    ),
];

static FORUM_TITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bфорум|\bforum\b|конференци|\bconference\b").expect("valid regex"));

static COMPILED: LazyLock<Vec<(Regex, &'static Cue)>> = LazyLock::new(|| {
    CUES.iter()
        // `\b` next to English words is an ASCII word boundary: a Unicode one would force the
        // regex crate onto its slowest engine for the whole scan (most of ingest time, measured).
        .map(|cue| {
            let pattern = cue.pattern.replace(r"\b", r"(?-u:\b)");
            (Regex::new(&format!("(?im){pattern}")).expect("valid genre cue"), cue)
        })
        .collect()
});

/// Guesses the genre from the title and text with weighted cues; a dated short text with no
/// stronger cue is news, anything else without cues is other.
pub fn guess_genre(title: Option<&str>, text: &str) -> Genre {
    let head = prefix(text, 3_000);
    // The opening pages tell the genre; scanning further only costs time (the cue regexes use
    // Unicode word boundaries, which run on the slow engine).
    let body = prefix(text, 16_000);
    let title = title.unwrap_or("");
    let mut scores = [0.0f64; 7];
    for (regex, cue) in COMPILED.iter() {
        let slot = &mut scores[Genre::ALL.iter().position(|genre| *genre == cue.genre).unwrap_or(6)];
        if regex.is_match(title) {
            *slot += cue.weight;
        }
        if cue.repeated {
            *slot += cue.weight * (regex.find_iter(body).take(6).count() as f64).sqrt();
        } else if regex.is_match(head) {
            *slot += cue.weight;
        }
    }
    // A report whose headline is about a forum, conference or fair belongs with the forum's papers.
    if FORUM_TITLE.is_match(title) {
        scores[4] += 4.0;
    }
    // A dateline is the strongest sign of a news report; programmes and forum agendas carry
    // dates too, but their own cues outweigh it.
    // A month alone ("Vitebsk, June 2024") heads forum programmes and papers as often as news.
    if crate::date::dateline_date(text).is_some_and(|date| date.len() == 10) {
        scores[0] += 5.0;
    }
    let (best, score) = scores
        .iter()
        .enumerate()
        .fold((6, 0.0), |(best, top), (index, score)| if *score > top { (index, *score) } else { (best, top) });
    if score < 1.5 { Genre::Other } else { Genre::ALL[best] }
}

fn prefix(text: &str, max_bytes: usize) -> &str {
    let mut end = text.len().min(max_bytes);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(text: &str, expected: Genre) {
        assert_eq!(guess_genre(None, text), expected, "{text}");
    }

    #[test]
    fn genres() {
        check("Ярославль, 27 июня 2019 г.\nГубернатор подписал соглашение, сообщает пресс-служба.", Genre::News);
        check(
            "Стратегия социально-экономического развития Калужской области до 2030 года\nПриоритетные направления...",
            Genre::Strategy,
        );
        check(
            "СОГЛАШЕНИЕ\nо сотрудничестве\nСтатья 1\nСтороны...\nСтатья 2\nСтороны...\nСтатья 3\nНастоящее соглашение вступает в силу",
            Genre::Agreement,
        );
        check(
            "План мероприятий по реализации соглашения\n1. Обмен делегациями. Срок исполнения: 2020\n2. Ярмарка. Срок исполнения: 2021",
            Genre::Programme,
        );
        check(
            "Forum programme\n10:00–11:30 Plenary session\n12:00–13:30 Round table\n14:00–15:00 Session 2",
            Genre::Forum,
        );
        check("Abstract\nThis paper maps regional strategies (Smith, 2001).\nKeywords: regions", Genre::Research);
        check("Дом, улица, фонарь.", Genre::Other);
        check("", Genre::Other);
    }
}

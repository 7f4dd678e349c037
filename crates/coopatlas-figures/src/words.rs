//! The vocabulary: scale words, units, hedges, function words and the words that make a number
//! something other than a figure (a year, a date, a duration, a ratio, a clause number).
//!
//! Every function takes a word folded by `coopatlas_text::fold` (lowercase, "ё" as "е"); a few
//! also look at the word as written, where case tells an abbreviation from a common word.

use crate::{Qualifier, Unit};

/// A scale word: "тыс.", "million", "млрд", "bn".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Scale {
    /// The power of ten it multiplies by.
    pub exponent: i32,
    /// "m" and "k" are scales only glued to an amount of money ("$5m"); "5m" alone is metres.
    pub money_only: bool,
    /// A full singular word that can stand for "one": "миллиард долларов", "a billion dollars".
    pub alone: bool,
}

pub(crate) fn scale(word: &str) -> Option<Scale> {
    let (exponent, alone) = match word {
        "thousand" | "тысяча" | "тысячу" => (3, true),
        "thousands" | "тысячи" | "тысяч" | "тыс" => (3, false),
        "million" | "миллион" | "миллиона" => (6, true),
        "millions" | "миллионов" | "миллионах" | "mln" | "mn" | "млн" => (6, false),
        "billion" | "миллиард" | "миллиарда" => (9, true),
        "billions" | "миллиардов" | "миллиардах" | "bn" | "bln" | "млрд" => (9, false),
        "trillion" | "триллион" | "триллиона" => (12, true),
        "trillions" | "триллионов" | "tn" | "trn" | "трлн" => (12, false),
        "k" | "m" => {
            return Some(Scale { exponent: if word == "k" { 3 } else { 6 }, money_only: true, alone: false });
        }
        _ => return None,
    };
    Some(Scale { exponent, money_only: false, alone })
}

/// A currency named by a symbol before the amount: "$", "€", "₽".
pub(crate) fn currency_symbol(character: char) -> Option<Unit> {
    match character {
        '$' => Some(Unit::Usd),
        '€' => Some(Unit::Eur),
        '₽' => Some(Unit::Rub),
        _ => None,
    }
}

/// A currency code, written in capitals: "USD 3 mln", "3 млрд RUB".
pub(crate) fn currency_code(raw: &str) -> Option<Unit> {
    match raw {
        "USD" => Some(Unit::Usd),
        "EUR" => Some(Unit::Eur),
        "RUB" | "RUR" => Some(Unit::Rub),
        "BYN" | "BYR" => Some(Unit::Byn),
        "CNY" | "RMB" => Some(Unit::Cny),
        _ => None,
    }
}

/// A currency named by a word after the amount: "dollars", "рублей", "евро", "юаней".
pub(crate) fn currency_word(word: &str) -> Option<Unit> {
    match word {
        "dollar" | "dollars" | "доллар" | "доллара" | "долларов" | "долларах" | "долларам" | "долларами" | "долл" => {
            Some(Unit::Usd)
        }
        "euro" | "euros" | "евро" => Some(Unit::Eur),
        "rouble" | "roubles" | "ruble" | "rubles" | "рубль" | "рубля" | "рублей" | "рублях" | "рублям" | "рублями"
        | "руб" => Some(Unit::Rub),
        "yuan" | "renminbi" | "юань" | "юаня" | "юаней" | "юанях" => Some(Unit::Cny),
        _ => None,
    }
}

/// The adjective in "российских рублей", "Belarusian roubles", "US dollars": the currency it
/// makes of the word that follows, or `None` when it only repeats it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CurrencyAdjective {
    Russian,
    Belarusian,
    American,
    Chinese,
}

pub(crate) fn currency_adjective(word: &str) -> Option<CurrencyAdjective> {
    match word {
        "russian" | "российских" | "российского" | "российский" | "российские" | "российскими" | "российским" => {
            Some(CurrencyAdjective::Russian)
        }
        "belarusian"
        | "belarussian"
        | "белорусских"
        | "белорусского"
        | "белорусский"
        | "белорусские"
        | "белорусскими"
        | "белорусским" => Some(CurrencyAdjective::Belarusian),
        "us" | "american" | "американских" | "американского" | "американский" => {
            Some(CurrencyAdjective::American)
        }
        "chinese" | "китайских" | "китайского" | "китайский" => {
            Some(CurrencyAdjective::Chinese)
        }
        _ => None,
    }
}

impl CurrencyAdjective {
    /// The currency of "ADJECTIVE CURRENCY", or `None` when they do not go together
    /// ("Russian dollars").
    pub(crate) fn apply(self, currency: Unit) -> Option<Unit> {
        match (self, currency) {
            (CurrencyAdjective::Russian, Unit::Rub) => Some(Unit::Rub),
            (CurrencyAdjective::Belarusian, Unit::Rub) => Some(Unit::Byn),
            (CurrencyAdjective::American, Unit::Usd) => Some(Unit::Usd),
            (CurrencyAdjective::Chinese, Unit::Cny) => Some(Unit::Cny),
            _ => None,
        }
    }
}

/// A unit that is not money: percent, kV, MW, km, ha, t, people.
pub(crate) fn physical_unit(word: &str, raw: &str) -> Option<Unit> {
    let unit = match word {
        "percent" | "pct" | "процент" | "процента" | "процентов" | "процентах" | "проц" => {
            Unit::Percent
        }
        // Lowercase "кв" is "квадратный" or "квартира"; the unit is written "кВ".
        "кв" | "kv" if raw != "кв" && raw != "kv" => Unit::KV,
        "мвт" | "mw" => Unit::MW,
        "км" | "km" | "kilometre" | "kilometres" | "kilometer" | "kilometers" => Unit::Km,
        "га" | "ha" | "hectare" | "hectares" => Unit::Ha,
        "т" | "t" | "tonne" | "tonnes" | "ton" | "tons" => Unit::T,
        "человек" | "человека" | "чел" | "людей" | "people" | "persons" | "person" => {
            Unit::People
        }
        _ if word.starts_with("киловольт") || word.starts_with("kilovolt") => Unit::KV,
        _ if word.starts_with("мегаватт") || word.starts_with("megawatt") => Unit::MW,
        _ if word.starts_with("километр") => Unit::Km,
        _ if word.starts_with("гектар") => Unit::Ha,
        _ if word.starts_with("тонн") => Unit::T,
        _ => return None,
    };
    Some(unit)
}

/// Units outside the contract's list, and words that turn a length into an area: a number
/// measured in them is not a figure, and must not become a count of "кг".
pub(crate) fn foreign_unit(word: &str) -> bool {
    matches!(
        word,
        "sq" | "square"
            | "квадратных"
            | "квадратного"
            | "квадратный"
            | "кв"
            | "kv"
            | "gw"
            | "kw"
            | "kwh"
            | "mwh"
            | "gwh"
            | "квт"
            | "гвт"
            | "кг"
            | "kg"
            | "мм"
            | "mm"
            | "см"
            | "cm"
            | "м"
            | "m"
            | "м2"
            | "м3"
            | "л"
            | "литров"
            | "litres"
            | "liters"
            | "метров"
            | "метра"
            | "metres"
            | "meters"
            | "баррелей"
            | "barrels"
            | "куб"
            | "кубометров"
            | "gb"
            | "mb"
            | "гб"
            | "мб"
            | "mbps"
            | "кбит"
            | "мбит"
    )
}

/// Hedges before an amount, longest first where one contains another.
pub(crate) const QUALIFIERS: &[(&[&str], Qualifier)] = &[
    (&["no", "more", "than"], Qualifier::UpTo),
    (&["not", "more", "than"], Qualifier::UpTo),
    (&["at", "most"], Qualifier::UpTo),
    (&["up", "to"], Qualifier::UpTo),
    (&["не", "более", "чем"], Qualifier::UpTo),
    (&["не", "более"], Qualifier::UpTo),
    (&["не", "больше"], Qualifier::UpTo),
    (&["не", "свыше"], Qualifier::UpTo),
    (&["до"], Qualifier::UpTo),
    (&["no", "less", "than"], Qualifier::AtLeast),
    (&["not", "less", "than"], Qualifier::AtLeast),
    (&["no", "fewer", "than"], Qualifier::AtLeast),
    (&["at", "least"], Qualifier::AtLeast),
    (&["не", "менее", "чем"], Qualifier::AtLeast),
    (&["не", "менее"], Qualifier::AtLeast),
    (&["не", "меньше"], Qualifier::AtLeast),
    (&["more", "than"], Qualifier::MoreThan),
    (&["over"], Qualifier::MoreThan),
    (&["above"], Qualifier::MoreThan),
    (&["in", "excess", "of"], Qualifier::MoreThan),
    (&["upwards", "of"], Qualifier::MoreThan),
    (&["exceeding"], Qualifier::MoreThan),
    (&["exceeded"], Qualifier::MoreThan),
    (&["exceeds"], Qualifier::MoreThan),
    (&["exceed"], Qualifier::MoreThan),
    (&["более", "чем"], Qualifier::MoreThan),
    (&["более"], Qualifier::MoreThan),
    (&["свыше"], Qualifier::MoreThan),
    (&["больше", "чем"], Qualifier::MoreThan),
    (&["больше"], Qualifier::MoreThan),
    (&["превысил"], Qualifier::MoreThan),
    (&["превысила"], Qualifier::MoreThan),
    (&["превысило"], Qualifier::MoreThan),
    (&["превысили"], Qualifier::MoreThan),
    (&["превысит"], Qualifier::MoreThan),
    (&["превысить"], Qualifier::MoreThan),
    (&["превышает"], Qualifier::MoreThan),
    (&["less", "than"], Qualifier::LessThan),
    (&["fewer", "than"], Qualifier::LessThan),
    (&["under"], Qualifier::LessThan),
    (&["below"], Qualifier::LessThan),
    (&["менее", "чем"], Qualifier::LessThan),
    (&["менее"], Qualifier::LessThan),
    (&["меньше", "чем"], Qualifier::LessThan),
    (&["меньше"], Qualifier::LessThan),
    (&["about"], Qualifier::About),
    (&["around"], Qualifier::About),
    (&["approximately"], Qualifier::About),
    (&["roughly"], Qualifier::About),
    (&["some"], Qualifier::About),
    (&["circa"], Qualifier::About),
    (&["около"], Qualifier::About),
    (&["порядка"], Qualifier::About),
    (&["примерно"], Qualifier::About),
    (&["приблизительно"], Qualifier::About),
    (&["ориентировочно"], Qualifier::About),
    (&["nearly"], Qualifier::Almost),
    (&["almost"], Qualifier::Almost),
    (&["почти"], Qualifier::Almost),
    (&["практически"], Qualifier::Almost),
];

/// Abbreviated hedges that end in a dot: "approx. 5", "ок. 200".
pub(crate) fn abbreviated_qualifier(word: &str) -> Option<Qualifier> {
    match word {
        "approx" | "ca" | "ок" | "прибл" => Some(Qualifier::About),
        _ => None,
    }
}

/// Russian prepositions that may stand between a hedge and its amount: "почти на 20%",
/// "более чем с 80 регионами".
pub(crate) fn preposition(word: &str) -> bool {
    matches!(word, "на" | "с" | "со" | "в" | "во" | "из" | "к" | "по" | "от" | "за" | "для" | "by")
}

/// Words that open a range closed by "to" / "до" / "and": "from 5 to 10", "с 130 до 230".
pub(crate) fn range_opener(word: &str) -> bool {
    matches!(word, "from" | "between" | "от" | "с" | "со" | "между")
}

/// Function words: a counted noun phrase never starts with one and stops before one.
pub(crate) fn function_word(word: &str) -> bool {
    matches!(
        word,
        "a" | "an"
            | "the"
            | "of"
            | "in"
            | "on"
            | "at"
            | "to"
            | "from"
            | "by"
            | "for"
            | "with"
            | "and"
            | "or"
            | "but"
            | "as"
            | "than"
            | "that"
            | "which"
            | "who"
            | "whose"
            | "this"
            | "these"
            | "those"
            | "its"
            | "their"
            | "his"
            | "her"
            | "our"
            | "my"
            | "your"
            | "each"
            | "per"
            | "into"
            | "onto"
            | "over"
            | "under"
            | "between"
            | "among"
            | "about"
            | "after"
            | "before"
            | "during"
            | "since"
            | "until"
            | "till"
            | "via"
            | "within"
            | "without"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "can"
            | "could"
            | "may"
            | "might"
            | "shall"
            | "should"
            | "must"
            | "do"
            | "does"
            | "did"
            | "it"
            | "they"
            | "we"
            | "he"
            | "she"
            | "i"
            | "you"
            | "not"
            | "no"
            | "nor"
            | "so"
            | "also"
            | "more"
            | "less"
            | "then"
            | "out"
            | "up"
            | "down"
            | "off"
            | "here"
            | "there"
            | "when"
            | "where"
            | "while"
            | "if"
            | "whether"
            | "because"
            | "both"
            | "all"
            | "any"
            | "some"
            | "another"
            | "only"
            | "just"
            | "even"
            | "every"
            | "against"
            | "towards"
            | "toward"
            | "through"
            | "across"
            | "along"
            | "around"
            | "above"
            | "below"
            | "в"
            | "во"
            | "на"
            | "с"
            | "со"
            | "из"
            | "изо"
            | "к"
            | "ко"
            | "по"
            | "о"
            | "об"
            | "обо"
            | "от"
            | "до"
            | "за"
            | "для"
            | "при"
            | "про"
            | "через"
            | "над"
            | "под"
            | "перед"
            | "между"
            | "у"
            | "и"
            | "а"
            | "но"
            | "или"
            | "либо"
            | "что"
            | "чтобы"
            | "как"
            | "так"
            | "также"
            | "тоже"
            | "же"
            | "ли"
            | "бы"
            | "не"
            | "ни"
            | "то"
            | "это"
            | "этот"
            | "эта"
            | "эти"
            | "этих"
            | "который"
            | "которые"
            | "которых"
            | "которая"
            | "где"
            | "когда"
            | "после"
            | "около"
            | "более"
            | "менее"
            | "свыше"
            | "почти"
            | "примерно"
            | "порядка"
            | "их"
            | "его"
            | "ее"
            | "них"
            | "им"
            | "ему"
            | "ей"
            | "мы"
            | "вы"
            | "он"
            | "она"
            | "оно"
            | "они"
            | "уже"
            | "еще"
            | "всего"
            | "лишь"
            | "только"
            | "даже"
            | "каждый"
            | "каждой"
            | "каждого"
            | "каждую"
            | "каждая"
            | "среди"
            | "вместо"
            | "кроме"
            | "против"
            | "вокруг"
            | "вдоль"
    )
}

/// Nouns that make the number before them a year, date, duration, age, rank or ratio.
pub(crate) fn never_counted(word: &str) -> bool {
    month(word)
        || ratio_word(word)
        || foreign_unit(word)
        || matches!(
            word,
            "year"
                | "years"
                | "yr"
                | "yrs"
                | "month"
                | "months"
                | "week"
                | "weeks"
                | "day"
                | "days"
                | "hour"
                | "hours"
                | "minute"
                | "minutes"
                | "min"
                | "second"
                | "seconds"
                | "decade"
                | "decades"
                | "century"
                | "centuries"
                | "quarter"
                | "quarters"
                | "percentage"
                | "o'clock"
                | "am"
                | "pm"
                | "год"
                | "года"
                | "году"
                | "годом"
                | "годе"
                | "годы"
                | "годов"
                | "годам"
                | "годами"
                | "годах"
                | "лет"
                | "летия"
                | "день"
                | "дня"
                | "дней"
                | "дням"
                | "днях"
                | "сутки"
                | "суток"
                | "час"
                | "часа"
                | "часов"
                | "мин"
                | "сек"
                | "век"
                | "века"
                | "веков"
                | "место"
                | "месте"
                | "процентных"
                | "процентного"
                | "пп"
                | "гг"
        )
        || ["месяц", "недел", "минут", "секунд", "десятилет", "квартал", "полугод"]
            .iter()
            .any(|stem| word.starts_with(stem))
}

/// The parties of a cooperation, as in "the two countries", "двух областей", "между двумя
/// регионами": after "two" they name the pair the text is about rather than count anything.
pub(crate) fn party_noun(word: &str) -> bool {
    matches!(
        word,
        "стран"
            | "странах"
            | "странами"
            | "государств"
            | "государствах"
            | "государствами"
            | "сторон"
            | "сторонами"
            | "областей"
            | "областях"
            | "областями"
            | "регионов"
            | "регионах"
            | "регионами"
            | "республик"
            | "республиках"
            | "республиками"
            | "столиц"
            | "столицах"
            | "столицами"
            | "городов"
            | "городах"
            | "городами"
            | "countries"
            | "sides"
            | "capitals"
    )
}

/// "1.6 times", "в 1,6 раза", "3-fold".
pub(crate) fn ratio_word(word: &str) -> bool {
    matches!(word, "times" | "fold" | "раз" | "раза" | "x" | "х" | "кратно" | "кратный" | "кратного")
}

/// Month names in English and every Russian case: "27 июня", "June 27".
pub(crate) fn month(word: &str) -> bool {
    coopatlas_text::month_number(word).is_some()
}

/// Words after which a number is a reference, not a quantity: "№ 5", "статья 5", "Article 3",
/// "раздел 7", "p. 12", "тел. 123", "aged 45".
pub(crate) fn reference_word(word: &str) -> bool {
    matches!(
        word,
        "no" | "nos"
            | "number"
            | "номер"
            | "номером"
            | "article"
            | "art"
            | "статья"
            | "статьи"
            | "статьей"
            | "статье"
            | "статью"
            | "ст"
            | "пункт"
            | "пункта"
            | "пунктом"
            | "пункте"
            | "п"
            | "подпункт"
            | "подпункта"
            | "раздел"
            | "раздела"
            | "разделе"
            | "разделом"
            | "разд"
            | "section"
            | "sections"
            | "глава"
            | "главы"
            | "главе"
            | "гл"
            | "chapter"
            | "page"
            | "pages"
            | "стр"
            | "страница"
            | "странице"
            | "p"
            | "pp"
            | "table"
            | "таблица"
            | "таблице"
            | "таблицы"
            | "табл"
            | "figure"
            | "fig"
            | "рис"
            | "рисунок"
            | "рисунке"
            | "приложение"
            | "приложении"
            | "приложения"
            | "annex"
            | "appendix"
            | "часть"
            | "части"
            | "ч"
            | "part"
            | "paragraph"
            | "абзац"
            | "resolution"
            | "постановление"
            | "постановления"
            | "указ"
            | "указа"
            | "закон"
            | "закона"
            | "law"
            | "decree"
            | "распоряжение"
            | "распоряжения"
            | "приказ"
            | "приказа"
            | "tel"
            | "тел"
            | "phone"
            | "телефон"
            | "факс"
            | "fax"
            | "room"
            | "кабинет"
            | "офис"
            | "office"
            | "дом"
            | "д"
            | "корпус"
            | "кв"
            | "version"
            | "v"
            | "том"
            | "vol"
            | "volume"
            | "выпуск"
            | "issue"
            | "aged"
            | "age"
            | "возрасте"
            | "возраст"
            | "шаг"
            | "step"
            | "этап"
            | "stage"
            | "level"
            | "уровень"
            | "class"
            | "класс"
            | "grade"
    )
}

/// The words that name what money or a percentage measures, searched near the figure:
/// "trade", "товарооборот", "экспорт", "инвестиции".
pub(crate) fn measure_word(word: &str) -> bool {
    const STEMS: &[&str] = &[
        "trade",
        "turnover",
        "export",
        "import",
        "investment",
        "invested",
        "contract",
        "deal",
        "budget",
        "financing",
        "funding",
        "loan",
        "grant",
        "revenue",
        "sales",
        "товарооборот",
        "оборот",
        "внешнеторгов",
        "торговл",
        "экспорт",
        "импорт",
        "инвестиц",
        "контракт",
        "сделк",
        "бюджет",
        "финансирован",
        "кредит",
        "грант",
        "выручк",
        "продаж",
        "поставк",
    ];
    STEMS.iter().any(|stem| word.starts_with(stem))
}

/// A Russian word that looks like an adjective or participle: the noun it qualifies follows.
/// "-ий" and "-ие" count only after к, г, х, ж, ш, щ, ч ("российский", "новые" but not
/// "мероприятий", "соглашение"), since nouns end that way too.
pub(crate) fn russian_adjective(word: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "ых", "их", "ым", "ыми", "ими", "ый", "ой", "ая", "яя", "ое", "ее", "ую", "юю", "ого", "его", "ому", "ему",
        "ые",
    ];
    let hushing = |stem: &str| stem.chars().last().is_some_and(|last| "кгхжшщч".contains(last));
    if ["ий", "ие", "им"].iter().any(|ending| word.strip_suffix(ending).is_some_and(hushing)) {
        return true;
    }
    ENDINGS.iter().any(|ending| word.ends_with(ending)) && word.chars().count() > 3
}

/// An English word that looks like the plural head of a noun phrase: "regions", "cities".
pub(crate) fn english_plural(word: &str) -> bool {
    if matches!(
        word,
        "people"
            | "children"
            | "staff"
            | "personnel"
            | "men"
            | "women"
            | "aircraft"
            | "police"
            | "cattle"
            | "sheep"
            | "media"
            | "data"
            | "criteria"
    ) {
        return true;
    }
    word.len() > 3 && word.ends_with('s') && !["ss", "us", "is", "ous"].iter().any(|ending| word.ends_with(ending))
}

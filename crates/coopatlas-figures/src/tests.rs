//! One `check` per case: the input and every figure found in it, one per line, as
//! `VALUE UNIT [QUALIFIER] [(WHAT)] @ TEXT OF THE RANGE`.

use crate::find_figures;

fn render(text: &str) -> String {
    find_figures(text)
        .iter()
        .map(|figure| {
            let mut line = format!("{} {}", figure.value, figure.unit);
            if let Some(qualifier) = figure.qualifier {
                line.push_str(&format!(" {qualifier}"));
            }
            if let Some(what) = &figure.what {
                line.push_str(&format!(" ({what})"));
            }
            line.push_str(&format!(" @ {}", &text[figure.range.clone()]));
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[track_caller]
fn check(text: &str, expected: &str) {
    let expected = expected.lines().map(str::trim).filter(|line| !line.is_empty()).collect::<Vec<_>>().join("\n");
    let actual = render(text);
    assert_eq!(actual, expected, "\ninput: {text}\nactual:\n{actual}\n");
}

#[test]
fn smoke() {
    check("Trade reached $1.2 billion.", "1200000000 USD (trade) @ $1.2 billion");
}

// Money: scale words, signs, codes and currency words in both languages.

#[test]
fn money_english() {
    check("$1.2 billion", "1200000000 USD @ $1.2 billion");
    check("1.2 billion dollars", "1200000000 USD @ 1.2 billion dollars");
    check("USD 3 mln", "3000000 USD @ USD 3 mln");
    check("a grant of $5m", "5000000 USD (grant) @ $5m");
    check("€3bn", "3000000000 EUR @ €3bn");
    check("US$ 250 million", "250000000 USD @ US$ 250 million");
    check("110 billion roubles", "110000000000 RUB @ 110 billion roubles");
    check("2 billion Belarusian roubles", "2000000000 BYN @ 2 billion Belarusian roubles");
    check("500 million yuan", "500000000 CNY @ 500 million yuan");
    check("$431,300", "431300 USD @ $431,300");
    check("a billion dollars", "1000000000 USD @ billion dollars");
    check("one billion dollars", "1000000000 USD @ one billion dollars");
}

#[test]
fn money_russian() {
    check("3 млрд долларов", "3000000000 USD @ 3 млрд долларов");
    check("1,5 млн рублей", "1500000 RUB @ 1,5 млн рублей");
    check("1 500 тыс. руб.", "1500000 RUB @ 1 500 тыс. руб");
    check("1\u{a0}500 тыс. руб.", "1500000 RUB @ 1\u{a0}500 тыс. руб");
    check("12,3 млрд российских рублей", "12300000000 RUB @ 12,3 млрд российских рублей");
    check("5 млн белорусских рублей", "5000000 BYN @ 5 млн белорусских рублей");
    check("190 млн долларов США", "190000000 USD @ 190 млн долларов США");
    check("89,5 млн долл. США", "89500000 USD @ 89,5 млн долл. США");
    check("30 миллиардов долларов", "30000000000 USD @ 30 миллиардов долларов");
    check("может превысить миллиард долларов", "1000000000 USD more_than @ превысить миллиард долларов");
    check("до одного миллиарда долларов в год", "1000000000 USD up_to @ до одного миллиарда долларов");
    check("полтора миллиарда рублей", "1500000000 RUB @ полтора миллиарда рублей");
    check("200 млн евро", "200000000 EUR @ 200 млн евро");
    check("3 млрд юаней", "3000000000 CNY @ 3 млрд юаней");
    check("10 млн ₽", "10000000 RUB @ 10 млн ₽");
    check("5 млрд RUB", "5000000000 RUB @ 5 млрд RUB");
}

#[test]
fn what_money_and_percent_measure() {
    check("Товарооборот составил 970 млн долларов.", "970000000 USD (товарооборот) @ 970 млн долларов");
    check(
        "Trade between Belarus and the region totalled $431.3 million in 2018, up 17.6% on the year before.",
        "431300000 USD (trade) @ $431.3 million
         17.6 percent (trade) @ 17.6%",
    );
    check("На Беларусь приходится 48% всего товарооборота.", "48 percent (товарооборота) @ 48%");
    check("около 25 % внешнеторгового оборота региона", "25 percent about (внешнеторгового оборота) @ около 25 %");
    check("Показатели выросли почти на 20%.", "20 percent almost @ почти на 20%");
}

// Counts: the noun phrase after the number, in digits or words.

#[test]
fn counts_english() {
    check("40 visits", "40 count (visits) @ 40 visits");
    check("12 documents signed", "12 count (documents) @ 12 documents");
    check("21 partner regions", "21 count (partner regions) @ 21 partner regions");
    check("with 1,679 foreign cities.", "1679 count (foreign cities) @ 1,679 foreign cities");
    check("1679 foreign cities", "1679 count (foreign cities) @ 1679 foreign cities");
    check(
        "334 Russian municipalities maintain ties",
        "334 count (Russian municipalities) @ 334 Russian municipalities",
    );
    check(
        "19 higher education institutions",
        "19 count (higher education institutions) @ 19 higher education institutions",
    );
    check("three regions", "3 count (regions) @ three regions");
    check("twenty-five delegations", "25 count (delegations) @ twenty-five delegations");
    check("one hundred and five projects", "105 count (projects) @ one hundred and five projects");
    check(
        "five other Belarusian regions — Minsk",
        "5 count (other Belarusian regions) @ five other Belarusian regions",
    );
    check("up to 630 trucks a day", "630 count up_to (trucks) @ up to 630 trucks");
    check("more than 3,000 students from Uzbekistan", "3000 count more_than (students) @ more than 3,000 students");
    check(
        "more than 100 Kazakh and Russian enterprises",
        "100 count more_than (Kazakh and Russian enterprises) @ more than 100 Kazakh and Russian enterprises",
    );
    check("3 million tourists", "3000000 count (tourists) @ 3 million tourists");
    check("About 800 delegates attended", "800 count about (delegates) @ About 800 delegates");
    check("some 30 regions", "30 count about (regions) @ some 30 regions");
    check("at least 12 agreements", "12 count at_least (agreements) @ at least 12 agreements");
    check("fewer than 10 projects", "10 count less_than (projects) @ fewer than 10 projects");
    check("nearly 50 companies", "50 count almost (companies) @ nearly 50 companies");
}

#[test]
fn counts_russian() {
    check("40 визитов", "40 count (визитов) @ 40 визитов");
    check("12 документов", "12 count (документов) @ 12 документов");
    check("двенадцать соглашений", "12 count (соглашений) @ двенадцать соглашений");
    check("трёх регионов", "3 count (регионов) @ трёх регионов");
    check("с 21 регионом России", "21 count (регионом) @ 21 регионом");
    check("34 межрегиональных соглашения", "34 count (межрегиональных соглашения) @ 34 межрегиональных соглашения");
    check("12 регионов-партнёров", "12 count (регионов-партнёров) @ 12 регионов-партнёров");
    check(
        "более 100 казахстанских и российских предприятий",
        "100 count more_than (казахстанских и российских предприятий) @ более 100 казахстанских и российских предприятий",
    );
    check("более ста соглашений", "100 count more_than (соглашений) @ более ста соглашений");
    check("сто двадцать пять проектов", "125 count (проектов) @ сто двадцать пять проектов");
    check("более чем с 80 регионами России", "80 count more_than (регионами) @ более чем с 80 регионами");
    check("около 600 грузовиков в сутки", "600 count about (грузовиков) @ около 600 грузовиков");
    check("порядка 200 мероприятий", "200 count about (мероприятий) @ порядка 200 мероприятий");
    check("не менее 10 визитов", "10 count at_least (визитов) @ не менее 10 визитов");
    check("не более 5 делегаций", "5 count up_to (делегаций) @ не более 5 делегаций");
    check("менее 20 компаний", "20 count less_than (компаний) @ менее 20 компаний");
    check("практически 30 регионов", "30 count almost (регионов) @ практически 30 регионов");
    check("с шестью территориями", "6 count (территориями) @ шестью территориями");
    check("по восемь машин с каждой стороны", "8 count (машин) @ восемь машин");
    check("более 40 шасси", "40 count more_than (шасси) @ более 40 шасси");
}

#[test]
fn physical_units() {
    check("20%", "20 percent @ 20%");
    check("на 21 %", "21 percent @ 21 %");
    check("20 процентов", "20 percent @ 20 процентов");
    check("20 per cent", "20 percent @ 20 per cent");
    check("линия 110 кВ", "110 kV @ 110 кВ");
    check("a 110-kV line", "110 kV @ 110-kV");
    check("ТЭС на 500 МВт", "500 MW @ 500 МВт");
    check("two units of 1,200 MW each", "2 count (units) @ two units\n1200 MW @ 1,200 MW");
    check("about 20 km long", "20 km about @ about 20 km");
    check("20 км", "20 km @ 20 км");
    check("300 га", "300 ha @ 300 га");
    check("5 тыс. тонн", "5000 t @ 5 тыс. тонн");
    check("15,000 tonnes", "15000 t @ 15,000 tonnes");
    check("1,2 тыс. человек", "1200 people @ 1,2 тыс. человек");
    check("250 people", "250 people @ 250 people");
}

// Ranges give two figures; the first borrows what it lacks from the second.

#[test]
fn ranges() {
    check("from $1.2 billion to $3 billion", "1200000000 USD @ $1.2 billion\n3000000000 USD @ $3 billion");
    check("from 1.2 to 3 billion dollars", "1200000000 USD @ 1.2\n3000000000 USD @ 3 billion dollars");
    check(
        "вырос со 130 млрд до 230 млрд российских рублей",
        "130000000000 RUB @ 130 млрд\n230000000000 RUB @ 230 млрд российских рублей",
    );
    check("с 130 до 230 млрд рублей", "130000000000 RUB @ 130\n230000000000 RUB @ 230 млрд рублей");
    check("с 130 млн рублей до 230 млн рублей", "130000000 RUB @ 130 млн рублей\n230000000 RUB @ 230 млн рублей");
    check("20–25%", "20 percent @ 20\n25 percent @ 25%");
    check("по 250–300 человек с каждой стороны", "250 people @ 250\n300 people @ 300 человек");
    check("около 20-25 компаний", "20 count about (компаний) @ около 20\n25 count about (компаний) @ 25 компаний");
    check("between 10 and 20 regions", "10 count (regions) @ 10\n20 count (regions) @ 20 regions");
}

// Never figures.

#[test]
fn years_are_not_figures() {
    check("В 2019 году подписано соглашение.", "");
    check("in 2019", "");
    check("2019 г.", "");
    check("by the start of 2017 companies from Kazakhstan had invested", "");
    check("на 2014–2020 годы", "");
    check("В середине 2000-х годов", "");
    check("the 1990s", "");
    check("since 1992", "");
}

#[test]
fn dates_are_not_figures() {
    check("27 июня 2019", "");
    check("27.06.2019", "");
    check("2019-06-27", "");
    check("June 27, 2019", "");
    check("27 June", "");
    check("14–15 мая", "");
    check("с 27 по 29 июня", "");
}

#[test]
fn ordinals_are_not_figures() {
    check("the 14th forum", "");
    check("XIV Форум регионов", "");
    check("XIX Форум", "");
    check("14-й Форум", "");
    check("второй форум", "");
    check("the fifth Forum", "");
    check("1-го июля", "");
}

#[test]
fn references_are_not_figures() {
    check("№ 123 регионов", "");
    check("№123", "");
    check("Федеральный закон 131-ФЗ", "");
    check("статья 5 соглашения", "");
    check("Article 3 of the agreement", "");
    check("пункт 2 протокола", "");
    check("раздел 7 стратегии", "");
    check("section 4 projects", "");
    check("ст. 5 закона", "");
    check("p. 12 table", "");
    check("6.4. Сотрудничество с регионами", "");
    check("3) Регионы", "");
    check("6.4.1 Межрегиональное сотрудничество", "");
    // A table row's number before its first cell.
    check("1\tПроведение Дней Москвы в Минске", "");
    check("Мероприятия:\n12\tСтажировки врачей", "");
    check("Минск-1", "");
    check("«Белагро-2016»", "");
    check("Boeing A380 aircraft", "");
}

#[test]
fn phones_and_times_are_not_figures() {
    check("тел. +7 (495) 123-45-67", "");
    check("+375 17 222 33 44 регионов", "");
    check("в 10:00 часов", "");
    check("at 10:00 delegates", "");
    check("24/7 support", "");
}

#[test]
fn ratios_are_not_figures() {
    check("1.6 times", "");
    check("в 1,6 раза", "");
    check("вдвое", "");
    check("a 3-fold increase", "");
    check("3x growth", "");
}

#[test]
fn durations_and_ages_are_not_figures() {
    check("three-year programme", "");
    check("трёхлетний план", "");
    check("5-летний план", "");
    check("на 5 лет", "");
    check("for 10 years", "");
    check("over five years", "");
    check("в первые девять месяцев", "");
    check("за три дня", "");
    check("за три-четыре года", "");
    check("in the first eight months of the year", "");
    check("45-year-old governor", "");
    check("aged 45", "");
    check("в возрасте 45 лет", "");
    check("за 2 недели", "");
}

#[test]
fn bare_numbers_are_not_figures() {
    check("12", "");
    check("Регионов было 12.", "");
    check("one of the regions", "");
    check("один из пяти", "");
    check("the one that matters", "");
    check("с одной стороны", "");
    check("оба региона", "");
    check("both regions", "");
    check("the two neighbouring regions", "");
    check("товарооборот двух стран", "");
    check("3 млрд.", "");
    check("5 кг", "");
    check("10 кв. м", "");
    check("100 km/h", "");
    check("1 000 МВт·ч", "");
    check("5 п.п.", "");
    check("заняла 5 место", "");
}

#[test]
fn hedges_stop_at_their_own_words() {
    check("up 17.6%", "17.6 percent @ 17.6%");
    check("grew by 57% last year to $146 million", "57 percent @ 57%\n146000000 USD @ $146 million");
    check("over the past 5 projects", "5 count (projects) @ 5 projects");
    check("under 10 percent", "10 percent less_than @ under 10 percent");
    check("approx. 40 visits", "40 count about (visits) @ approx. 40 visits");
    check("ок. 200 участников", "200 count about (участников) @ ок. 200 участников");
}

#[test]
fn sentences_from_the_corpus() {
    check(
        "Last year's forum in Ufa produced more than 100 agreements worth about 110 billion roubles ($1.2 billion).",
        "100 count more_than (agreements) @ more than 100 agreements
         110000000000 RUB about @ about 110 billion roubles
         1200000000 USD @ $1.2 billion",
    );
    check(
        "В центре Уфы развернули выставку: более ста единиц продукции 35 предприятий из 19 регионов двух стран.",
        "100 count more_than (единиц) @ более ста единиц
         35 count (предприятий) @ 35 предприятий
         19 count (регионов) @ 19 регионов",
    );
    check(
        "По данным казахстанской стороны, в 2017 году товарооборот составил 89,5 млн долларов США, а в первом полугодии 2019 года — 42 млн долларов США.",
        "89500000 USD (товарооборот) @ 89,5 млн долларов США
         42000000 USD (товарооборот) @ 42 млн долларов США",
    );
    check(
        "Организаторы рассчитывают, что на форум приедут по 250–300 человек с каждой стороны.",
        "250 people @ 250\n300 people @ 300 человек",
    );
    check(
        "which rose from $190.3 billion in 2022 to $240.1 billion in 2023.",
        "190300000000 USD @ $190.3 billion\n240100000000 USD @ $240.1 billion",
    );
}

#[test]
fn offsets_survive_multibyte_text() {
    let text = "Ёлки: «более 5 000 тонн» — и 20 % роста.";
    let figures = find_figures(text);
    assert_eq!(figures.len(), 2);
    assert_eq!(&text[figures[0].range.clone()], "более 5 000 тонн");
    assert_eq!(&text[figures[1].range.clone()], "20 %");
}

#[test]
fn pairs_and_single_ones_are_not_counts() {
    check("предприятиям двух областей", "");
    check("сотрудничество между двумя регионами", "");
    check("trade between the two countries", "");
    check("two countries", "");
    check("два новых партнёра", "2 count (новых партнёра) @ два новых партнёра");
    check("в двух таких программах", "2 count (таких программах) @ двух таких программах");
    check("two regions", "2 count (regions) @ two regions");
    check("зависимость от одного рынка", "");
    check("one castle", "");
    check("1 регион", "1 count (регион) @ 1 регион");
    check("одного миллиарда долларов", "1000000000 USD @ одного миллиарда долларов");
}

#[test]
fn more_layouts() {
    check("Программа на 2021–2025 годы предусматривает 15 мероприятий.", "15 count (мероприятий) @ 15 мероприятий");
    check("$5 million-$10 million", "5000000 USD @ $5 million\n10000000 USD @ $10 million");
    check("в 2–3 раза", "");
    check("в 1990-е годы", "");
    check("в 2019 году 150 тыс. тонн", "150000 t @ 150 тыс. тонн");
    check("составил 3 млрд. Регионы подписали соглашения", "");
    check("составил 3 млрд. рублей", "3000000000 RUB @ 3 млрд. рублей");
    check("подписали 76\nновых соглашений", "76 count (новых соглашений) @ 76\nновых соглашений");
    check("Регионов: 12\n\nсоглашений нет", "");
    check("+5% за год", "5 percent @ 5%");
    check("12 documents were signed", "12 count (documents) @ 12 documents");
    check("the 5 largest partners", "5 count (largest partners) @ 5 largest partners");
    check("по 250 человек", "250 people @ 250 человек");
    check("10 to 20 percent", "10 percent @ 10\n20 percent @ 20 percent");
    check("rose 10% to $5 billion", "10 percent @ 10%\n5000000000 USD @ $5 billion");
    check("рост на 50% до 300 млн рублей", "50 percent @ 50%\n300000000 RUB @ 300 млн рублей");
}

#[test]
fn the_quick_look_never_hides_a_figure() {
    // Each of these starts an amount without a digit; the quick look must let them through.
    for text in ["подписано двенадцать соглашений", "Signed three agreements", "миллиард долларов инвестиций"]
    {
        assert!(crate::may_hold_a_figure(text), "{text}");
        assert_eq!(crate::find_figures(text).len(), 1, "{text}");
    }
    assert!(crate::may_hold_a_figure("Прии\u{0306}дут два\u{0301} делегата"));
    assert!(!crate::may_hold_a_figure("Стороны обсудили сотрудничество."));
}

//! Form cues, one sentence at a time; `check` lists the key of every cue in text order.

use super::codebook;

fn check(input: &str, expected: &str) {
    let found: Vec<&str> = codebook().forms(input).iter().map(|cue| cue.key.as_str()).collect();
    assert_eq!(found.join(" "), expected, "{input}");
}

#[test]
fn agreements() {
    check("Области подписали соглашение о сотрудничестве.", "agreement");
    check("Стороны заключили договор о дружбе.", "agreement");
    check("Подписан меморандум о взаимопонимании.", "agreement");
    check("They signed a memorandum of understanding.", "agreement");
    check("The mayors signed a joint statement and a protocol on friendly cooperation.", "agreement agreement");
    check("Мэры подписали совместное заявление.", "agreement");
    check("Регионы договорились о поставках зерна.", "agreement trade");
}

#[test]
fn programmes_and_event_programmes() {
    check("Утверждён план мероприятий по реализации соглашения.", "programme agreement");
    check("Подписана дорожная карта на 2024–2026 годы.", "programme");
    check("The roadmap follows an earlier road map.", "programme programme");
    check("План на 2024–2025 годы утвердил горисполком.", "programme");
    check("Губернаторы сверили планы на будущее.", "");
    check("В программе форума значился круглый стол.", "forum forum");
    check("The forum programme included a round table.", "forum forum");
    check("Дни области прошли в Минске, программа которых включала концерты.", "joint_project");
    check("Государственная программа области финансирует дороги.", "");
    check("A cross-border cooperation programme for 2014–2020.", "programme");
}

#[test]
fn twinning_and_visits() {
    check("Города-побратимы обменялись делегациями.", "twinning visit");
    check("Развитие побратимских связей.", "twinning");
    check("Kiel and Kaliningrad are sister cities.", "twinning");
    check("Coventry twinned with Stalingrad in 1944.", "twinning");
    check("Minsk has been a partner city of Moscow for decades.", "twinning");
    check("Губернатор прибыл в Минск с рабочим визитом.", "visit visit");
    check("Правительства регулярно обмениваются визитами.", "visit");
    check("Делегация Гомельской области побывала в Брянске.", "visit visit");
    check("Прибыль предприятий выросла.", "");
    check("A delegation from Heilongjiang visited Vladivostok.", "visit visit");
}

#[test]
fn bodies_and_events() {
    check("Состоялось заседание совместной рабочей группы.", "working_group");
    check("Работает межправительственная комиссия.", "working_group");
    check("The working group and the coordinating council met.", "working_group working_group");
    check("Закон одобрил Совет Федерации.", "");
    check("The city council approved the budget.", "");
    check("Форум регионов и выставка-ярмарка открылись в Могилёве.", "forum forum forum");
    check("The regions met at a conference and a trade fair.", "forum forum");
    check("Участники круглого стола обсудили туризм.", "forum");
}

#[test]
fn projects_associations_trade_representation() {
    check("Мост стал крупнейшим совместным проектом двух регионов.", "joint_project");
    check("Days of Moscow were held in Astana.", "joint_project");
    check("Дни Москвы прошли в Минске.", "joint_project");
    check("Форум длился три дня, выставка — пять дней.", "forum forum");
    check("They founded a joint venture.", "");
    check("Край входит в Межрегиональную ассоциацию «Сибирское соглашение».", "association association");
    check("Псков входит в Союз городов Ганзы.", "association");
    check("Страны Евразийского экономического союза.", "");
    check("The region is a member of the Euroregion Karelia.", "association");
    check("Товарооборот области с Беларусью вырос.", "trade");
    check("Trade between Belarus and the Penza Region reached $100 million.", "trade");
    check("Объём торговли с Турцией вырос, экспорт удвоился.", "trade trade");
    check("Belarus is an important partner and a major trading partner.", "trade");
    check("Постоянное представительство Республики Татарстан в Санкт-Петербурге.", "representation");
    check("Buryatia keeps a representative office and a trade house in Mongolia.", "representation representation");
    check("Представители правительства встретили гостей.", "");
}

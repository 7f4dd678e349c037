use super::*;

const PLACES: &str = "id\tkind\tcountry\tparent\tname_en\tname_ru\tlat\tlon\tpopulation\tgeonames_id\tfederal_district\teconomic_region\tassociations
RU\tcountry\tRU\t\tRussia\tРоссия\t\t\t\t\t\t\t
BY\tcountry\tBY\t\tBelarus\tБеларусь\t\t\t\t\t\t\t
RU-YAR\tregion\tRU\t\tYaroslavl Oblast\tЯрославская область\t\t\t\t\tcentral\tcentral\t
RU-KLU\tregion\tRU\t\tKaluga Oblast\tКалужская область\t\t\t\t\tcentral\tcentral\t
BY-MA\tregion\tBY\t\tMogilev Region\tМогилёвская область\t\t\t\t\t\t\t
BY-HM\tregion\tBY\t\tMinsk\tМинск\t\t\t\t\t\t\t
geonames:468902\tcity\tRU\tRU-YAR\tYaroslavl\tЯрославль\t\t\t600000\t468902\t\t\t
";
const ALIASES: &str = "id\tlang\talias\tsource\tflags
RU-YAR\tru\tЯрославской области\tcase_form\t
RU-YAR\tru\tЯрославская область\tname\t
RU-KLU\tru\tКалужской области\tcase_form\t
BY-MA\tru\tМогилёвской областью\tcase_form\t
BY-MA\tru\tМогилёвской области\tcase_form\t
BY-HM\tru\tМинске\tcase_form\t
BY\tru\tбелорусскими\tadjective\t
";

fn extractor() -> Extractor {
    Extractor::new(Gazetteer::from_tsv(PLACES, ALIASES).expect("tables"), Codebook::bundled())
}

/// Extracts `text` and renders the facts compactly: places, then ties with forms.
fn check(text: &str, expected: &str) {
    let extractor = extractor();
    let input = Input { text, ..Input::default() };
    let extraction = extractor.extract(&input);
    let contract = extractor.to_contract("test", &input, &extraction);
    let mut rendered = String::new();
    let places: Vec<&str> =
        contract["places"].as_array().unwrap().iter().map(|place| place["id"].as_str().unwrap()).collect();
    rendered.push_str(format!("places {}", places.join(" ")).trim_end());
    rendered.push('\n');
    for tie in contract["ties"].as_array().unwrap() {
        let forms: Vec<&str> = tie["forms"].as_array().unwrap().iter().map(|form| form.as_str().unwrap()).collect();
        rendered.push_str(&format!(
            "tie {} {} [{}]\n",
            tie["a"].as_str().unwrap(),
            tie["b"].as_str().unwrap(),
            forms.join(" ")
        ));
    }
    rendered.push_str(&format!("depth {}\n", contract["depth"].as_str().unwrap()));
    assert_eq!(rendered.trim(), expected.trim(), "{text}");
}

#[test]
fn pair_in_one_sentence() {
    check(
        "Калужская область и Могилёвская область подписали соглашение о сотрудничестве.",
        "places BY-MA RU-KLU\ntie BY-MA RU-KLU [agreement]\ndepth formal",
    );
}

#[test]
fn focal_actor_meets_a_partner_named_alone() {
    check(
        "Губернатор Ярославской области провёл совещание.\n\nПодписано соглашение с Могилёвской областью.",
        "places BY-MA RU-YAR\ntie BY-MA RU-YAR [agreement]\ndepth formal",
    );
}

#[test]
fn co_mention_without_a_cue_is_not_a_tie() {
    check(
        "Ярославская область и Калужская область расположены в Центральной России.",
        "places RU-KLU RU-YAR\ndepth none",
    );
}

#[test]
fn venue_and_dateline_are_not_parties() {
    check(
        "Минск, 27 июня 2019 г.\n\nВ Минске Калужская область и Могилёвская область подписали соглашение.",
        "places BY-HM BY-MA RU-KLU\ntie BY-MA RU-KLU [agreement]\ndepth formal",
    );
}

#[test]
fn adjectives_are_not_places_and_nothing_panics_on_empty_text() {
    check("Сотрудничество с белорусскими партнёрами развивается.", "places\ndepth shallow");
    check("", "places\ndepth none");
}

/// Ties of `text` with the bundled gazetteer, as "A B" pairs.
fn bundled_ties(text: &str) -> Vec<String> {
    let extractor = Extractor::new(Gazetteer::bundled(), Codebook::bundled());
    let input = Input { text, ..Input::default() };
    let extraction = extractor.extract(&input);
    let contract = extractor.contract("test", &input, &extraction);
    contract.ties.iter().map(|tie| format!("{} {}", tie.a, tie.b)).collect()
}

#[test]
fn a_noun_shared_by_a_list_of_regions() {
    assert_eq!(
        bundled_ties(
            "Могилёвская область приняла форум.\n\nСо Смоленской и Брянской областями у Могилёвской области \
             действуют соглашения о сотрудничестве."
        ),
        ["BY-MA RU-BRY", "BY-MA RU-SMO"]
    );
    assert_eq!(
        bundled_ties("The Mogilev Region signed agreements with the Smolensk, Kaluga and Bryansk regions."),
        ["BY-MA RU-BRY", "BY-MA RU-KLU", "BY-MA RU-SMO"]
    );
    assert_eq!(
        bundled_ties(
            "Омская область сотрудничает с территориями Казахстана: Северо-Казахстанской, Павлодарской и Костанайской."
        ),
        ["KZ-KUS RU-OMS", "KZ-PAV RU-OMS", "KZ-SEV RU-OMS"]
    );
    // A city in a list of regions is the region named after it.
    assert_eq!(
        bundled_ties("The Penza Region has agreements with five Belarusian regions — Minsk, Gomel and Brest."),
        ["BY-BR RU-PNZ", "BY-HO RU-PNZ", "BY-MI RU-PNZ"]
    );
    // One item is no list: the gazetteer's own name stands.
    assert_eq!(bundled_ties("Брянской области и Минску подписали соглашение."), ["BY-HM RU-BRY"]);
}

#[test]
fn venues_in_a_list_currencies_and_names_of_bodies_are_not_parties() {
    assert_eq!(
        bundled_ties(
            "На форуме, который проходил в Витебске, Полоцке и Новополоцке, Псковская область и Брестская \
             область подписали план."
        ),
        ["BY-BR RU-PSK"]
    );
    assert_eq!(
        bundled_ties("Товарооборот Челябинской области с Казахстаном составил 1,8 млрд долларов США."),
        ["KZ RU-CHE"]
    );
    assert_eq!(
        bundled_ties(
            "Пензенская область подписала соглашение на форуме Совета Республики Национального собрания Беларуси."
        ),
        Vec::<String>::new()
    );
}

#[test]
fn an_adjective_before_an_executive_body_names_its_place() {
    assert_eq!(
        bundled_ties("Соглашение между Правительством Москвы и Минским городским исполнительным комитетом подписано."),
        ["BY-HM RU-MOW"]
    );
    // Without the body the adjective is no place.
    assert_eq!(bundled_ties("Правительство Москвы подписало соглашение с минскими партнёрами."), Vec::<String>::new());
}

#[test]
fn aimags_in_a_list_and_countries_that_only_locate_unnamed_partners() {
    assert_eq!(
        bundled_ties(
            "Совет объединяет Алтайский край, Баян-Улгийский и Ховдский аймаки Монголии (многостороннее сотрудничество)."
        ),
        ["MN-043 MN-071", "MN-043 RU-ALT", "MN-071 RU-ALT"]
    );
    assert_eq!(bundled_ties("Алтайский край развивает сотрудничество с регионами Казахстана."), Vec::<String>::new());
    assert_eq!(bundled_ties("Алтайский край развивает сотрудничество с Казахстаном."), ["KZ RU-ALT"]);
}

#[test]
fn a_government_body_stands_for_its_place_and_the_anchor_stands_outside_the_list() {
    assert_eq!(
        bundled_ties(
            "The Grodno Region Executive Committee and the Government of the Penza Region signed an agreement."
        ),
        ["BY-HR RU-PNZ"]
    );
    assert_eq!(
        bundled_ties("Со Смоленской и Брянской областями у Могилёвской области действуют соглашения о сотрудничестве."),
        ["BY-MA RU-BRY", "BY-MA RU-SMO"]
    );
}

//! The behaviour every [`Store`] backend must show. A backend's tests call [`run_all`] with a
//! function that opens a fresh, empty store; each check gets its own.

use coopatlas_document::facts::{FigureFact, OrganizationFact, PlaceFact, SphereShare, TieFact};
use coopatlas_document::review::{self, Decision, Item, PlaceItem, Verdict};
use coopatlas_document::{Document, DocumentId, Facts, Format, Genre};

use crate::dump::{self, Counts, DumpError, Origin};
use crate::{
    ApiToken, DocumentRecord, Mentions, PutOutcome, Role, ScannedDocument, SearchQuery, Session, Source, Store,
    StoreError, User,
};

/// One behaviour, checked on a fresh store.
type Check = fn(&mut dyn Store);

/// One behaviour between two fresh stores (what one reads, the other writes back).
type PairCheck = fn(&mut dyn Store, &mut dyn Store);

/// Runs every check against fresh stores made by `open`.
pub fn run_all(open: &mut dyn FnMut() -> Box<dyn Store>) {
    let checks: &[(&str, Check)] = &[
        ("put_and_get", put_and_get),
        ("same_content_twice_is_unchanged", same_content_twice_is_unchanged),
        ("same_content_at_another_path", same_content_at_another_path),
        ("changed_file_is_a_new_version", changed_file_is_a_new_version),
        ("lookup_by_prefix", lookup_by_prefix),
        ("search_understands_russian_inflection", search_understands_russian_inflection),
        ("search_understands_english_inflection", search_understands_english_inflection),
        ("search_ranks_and_pages", search_ranks_and_pages),
        ("search_phrases", search_phrases),
        ("search_survives_query_syntax", search_survives_query_syntax),
        ("stats_count", stats_count),
        ("facts_are_stored_with_their_document", facts_are_stored_with_their_document),
        ("facts_are_replaced_whole", facts_are_replaced_whole),
        ("failed_batch_leaves_no_facts", failed_batch_leaves_no_facts),
        ("scan_streams_documents_with_facts", scan_streams_documents_with_facts),
        ("scan_stops_at_the_visitors_error", scan_stops_at_the_visitors_error),
        ("scan_documents_agrees_with_scan", scan_documents_agrees_with_scan),
        ("scan_documents_stops_at_the_visitors_error", scan_documents_stops_at_the_visitors_error),
        ("passages_are_exact_byte_ranges", passages_are_exact_byte_ranges),
        ("empty_store", empty_store),
        ("search_matches_agree_with_search", search_matches_agree_with_search),
        ("hits_come_in_the_order_asked", hits_come_in_the_order_asked),
        ("decisions_are_appended_in_order", decisions_are_appended_in_order),
        ("decisions_survive_new_facts", decisions_survive_new_facts),
        ("scan_reviewed_lays_decisions_over_facts", scan_reviewed_lays_decisions_over_facts),
        ("invalid_decisions_are_refused", invalid_decisions_are_refused),
        ("data_version_follows_writes", data_version_follows_writes),
        ("users_are_replaced_by_name", users_are_replaced_by_name),
        ("sessions_round_trip_and_end", sessions_round_trip_and_end),
        ("tokens_round_trip", tokens_round_trip),
        ("records_carry_everything_in_order", records_carry_everything_in_order),
    ];
    for (name, check) in checks {
        let mut store = open();
        eprintln!("conformance: {name}");
        check(store.as_mut());
    }
    let pairs: &[(&str, PairCheck)] = &[
        ("restore_gives_back_what_records_read", restore_gives_back_what_records_read),
        ("restore_refuses_known_documents_whole", restore_refuses_known_documents_whole),
        ("dump_moves_everything", dump_moves_everything),
    ];
    for (name, check) in pairs {
        let (mut from, mut to) = (open(), open());
        eprintln!("conformance: {name}");
        check(from.as_mut(), to.as_mut());
    }
    eprintln!("conformance: dump_refuses_what_it_cannot_read");
    dump_refuses_what_it_cannot_read(open);
}

/// A document as a reader would have produced it, without going through one.
pub fn document(text: &str, language: &str, genre: Genre, date: Option<&str>) -> Document {
    Document {
        id: DocumentId::of(text.as_bytes()),
        format: Format::Text,
        size: text.len() as u64,
        language: Some(language.to_string()),
        title: text.lines().next().map(str::to_string),
        date: date.map(str::to_string),
        genre,
        text: text.to_string(),
        pages: Vec::new(),
        encoding: Some("UTF-8".to_string()),
        warnings: Vec::new(),
        facts: None,
    }
}

/// The facts of the Kaliningrad sample text, written by hand: every kind of fact, with spans into the text.
pub fn kaliningrad_facts(extractor: &str) -> Facts {
    let at = |needle: &str| {
        let start = KALININGRAD.find(needle).expect("needle in text");
        (start, start + needle.len())
    };
    let sentence = at(
        "Правительство Калининградской области и Гродненский облисполком подписали соглашение о сотрудничестве в сфере туризма.",
    );
    Facts {
        extractor: extractor.to_string(),
        places: vec![
            PlaceFact { place: "BY-HR".into(), mentions: vec![at("Гродно"), at("Гродненский")] },
            PlaceFact {
                place: "RU-KGD".into(), mentions: vec![at("Калининград "), at("Калининградской области")]
            },
        ],
        organizations: vec![OrganizationFact {
            organization: "grodno-oblispolkom".into(),
            mentions: vec![at("облисполком")],
        }],
        ties: vec![TieFact {
            a: "BY-HR".into(),
            b: "RU-KGD".into(),
            forms: vec!["agreement".into()],
            spheres: vec!["tourism".into()],
            evidence: sentence,
        }],
        spheres: vec![SphereShare { sphere: "tourism".into(), share: 1.0, evidence: vec![sentence] }],
        figures: vec![FigureFact {
            value: 1.0,
            unit: "count".into(),
            what: Some("соглашение".into()),
            qualifier: None,
            places: vec!["BY-HR".into(), "RU-KGD".into()],
            year: Some(2019),
            span: at("соглашение"),
            evidence: sentence,
        }],
        depth: "formal".into(),
        subject: Some("RU-KGD".into()),
    }
}

fn source(path: &str) -> Source {
    Source { path: path.to_string() }
}

fn put_one(store: &mut dyn Store, document: &Document, path: &str) -> PutOutcome {
    store.put(&[(document.clone(), source(path))]).expect("put")[0]
}

const KALININGRAD: &str = "Калининград и Гродно\n\nПравительство Калининградской области и Гродненский облисполком подписали соглашение о сотрудничестве в сфере туризма.";
const YAROSLAVL: &str =
    "Yaroslavl and Mogilev\n\nThe Yaroslavl Region signed agreements with the Mogilev Region on trade and education.";
const TATARSTAN: &str =
    "Татарстан и Беларусь\n\nДелегация Татарстана посетила Минск. В Татарстане обсудили поставки техники.";

fn put_and_get(store: &mut dyn Store) {
    let document = document(KALININGRAD, "ru", Genre::News, Some("2019-06-27"));
    assert_eq!(put_one(store, &document, "a/kaliningrad.txt"), PutOutcome::New);
    let stored = store.document(document.id.as_str()).expect("stored document");
    assert_eq!(stored.text, KALININGRAD);
    assert_eq!(stored.summary.id, document.id);
    assert_eq!(stored.summary.format, "text");
    assert_eq!(stored.summary.genre, "news");
    assert_eq!(stored.summary.language.as_deref(), Some("ru"));
    assert_eq!(stored.summary.date.as_deref(), Some("2019-06-27"));
    assert_eq!(stored.summary.size, KALININGRAD.len() as u64);
    assert_eq!(stored.summary.paths, ["a/kaliningrad.txt"]);
    assert_eq!(stored.encoding.as_deref(), Some("UTF-8"));
    assert_eq!(store.document_ids().expect("ids"), std::slice::from_ref(&document.id));
}

fn same_content_twice_is_unchanged(store: &mut dyn Store) {
    let document = document(KALININGRAD, "ru", Genre::News, None);
    put_one(store, &document, "a.txt");
    assert_eq!(put_one(store, &document, "a.txt"), PutOutcome::Unchanged);
    assert_eq!(store.touch(&document.id, &source("a.txt")).expect("touch"), PutOutcome::Unchanged);
    let stats = store.stats().expect("stats");
    assert_eq!((stats.documents, stats.paths), (1, 1));
}

fn same_content_at_another_path(store: &mut dyn Store) {
    let document = document(KALININGRAD, "ru", Genre::News, None);
    put_one(store, &document, "a.txt");
    assert_eq!(store.touch(&document.id, &source("copy/a.txt")).expect("touch"), PutOutcome::NewPath);
    let stored = store.document(document.id.as_str()).expect("document");
    assert_eq!(stored.summary.paths, ["a.txt", "copy/a.txt"]);
    let stats = store.stats().expect("stats");
    assert_eq!((stats.documents, stats.paths), (1, 2));
}

fn changed_file_is_a_new_version(store: &mut dyn Store) {
    let first = document(KALININGRAD, "ru", Genre::News, None);
    let second = document(&format!("{KALININGRAD}\nДополнено."), "ru", Genre::News, None);
    put_one(store, &first, "news/k.txt");
    assert_eq!(put_one(store, &second, "news/k.txt"), PutOutcome::NewVersion);
    let old = store.document(first.id.as_str()).expect("old version kept");
    assert_eq!(old.text, KALININGRAD);
    let new = store.document(second.id.as_str()).expect("new version");
    let versions: Vec<(u32, &DocumentId)> = new.versions.iter().map(|version| (version.version, &version.id)).collect();
    assert_eq!(versions, [(1, &first.id), (2, &second.id)]);
    assert_eq!(store.stats().expect("stats").documents, 2);
}

fn lookup_by_prefix(store: &mut dyn Store) {
    let document = document(YAROSLAVL, "en", Genre::News, None);
    put_one(store, &document, "y.txt");
    let prefix = &document.id.as_str()[..8];
    assert_eq!(store.document(prefix).expect("by prefix").summary.id, document.id);
    assert!(matches!(store.document("0000000000"), Err(StoreError::NotFound(_))));
    assert!(matches!(store.document("ab"), Err(StoreError::BadQuery(_))));
    assert!(matches!(store.document("not hex!"), Err(StoreError::BadQuery(_))));
    let mut ids = vec![document.id.clone()];
    // Find two documents whose ids share a first hex digit to check ambiguity.
    for index in 0.. {
        let other = self::document(&format!("filler {index}"), "en", Genre::Other, None);
        if other.id.as_str()[..4] == ids[0].as_str()[..4] {
            put_one(store, &other, &format!("filler-{index}.txt"));
            ids.push(other.id);
            break;
        }
        if index > 200_000 {
            return;
        }
    }
    let shared = &ids[0].as_str()[..4];
    assert!(matches!(store.document(shared), Err(StoreError::Ambiguous { count: 2, .. })));
}

fn search_understands_russian_inflection(store: &mut dyn Store) {
    put_one(store, &document(KALININGRAD, "ru", Genre::News, None), "k.txt");
    put_one(store, &document(TATARSTAN, "ru", Genre::News, None), "t.txt");
    put_one(store, &document(YAROSLAVL, "en", Genre::News, None), "y.txt");
    let results = store.search(&SearchQuery::new("Калининградская область")).expect("search");
    assert_eq!(results.total, 1);
    let hit = &results.hits[0];
    assert!(hit.snippet.contains("Калининградской области"), "{}", hit.snippet);
    let highlighted: Vec<&str> = hit.highlights.iter().map(|(start, end)| &hit.snippet[*start..*end]).collect();
    assert!(highlighted.contains(&"Калининградской") && highlighted.contains(&"области"), "{highlighted:?}");
    let stored = store.document(hit.document.id.as_str()).expect("document");
    assert_eq!(&stored.text[hit.snippet_range.0..hit.snippet_range.1], hit.snippet);
    for query in ["Татарстан", "татарстане", "соглашения"] {
        assert_eq!(store.search(&SearchQuery::new(query)).expect("search").total, 1, "{query}");
    }
}

fn search_understands_english_inflection(store: &mut dyn Store) {
    put_one(store, &document(YAROSLAVL, "en", Genre::News, None), "y.txt");
    put_one(store, &document(KALININGRAD, "ru", Genre::News, None), "k.txt");
    for query in ["agreement", "Agreements", "sign", "regions", "MOGILEV"] {
        let results = store.search(&SearchQuery::new(query)).expect("search");
        assert_eq!(results.total, 1, "{query}");
        assert!(!results.hits[0].highlights.is_empty(), "{query}");
    }
    assert_eq!(store.search(&SearchQuery::new("agreement Калининград")).expect("search").total, 0);
}

fn search_ranks_and_pages(store: &mut dyn Store) {
    let many = "Соглашение. Соглашение о сотрудничестве. Ещё одно соглашение и соглашения.";
    let once = "Отчёт о работе. В конце упомянуто соглашение, но речь о бюджете, дорогах, школах и больницах.";
    put_one(store, &document(once, "ru", Genre::Other, None), "once.txt");
    put_one(store, &document(many, "ru", Genre::Other, None), "many.txt");
    let results = store.search(&SearchQuery::new("соглашение")).expect("search");
    assert_eq!(results.total, 2);
    assert_eq!(results.hits[0].document.paths, ["many.txt"]);
    assert!(results.hits[0].score >= results.hits[1].score);
    let second_page = store.search(&SearchQuery { text: "соглашение".into(), limit: 1, offset: 1 }).expect("search");
    assert_eq!(second_page.total, 2);
    assert_eq!(second_page.hits.len(), 1);
    assert_eq!(second_page.hits[0].document.paths, ["once.txt"]);
}

fn search_phrases(store: &mut dyn Store) {
    put_one(store, &document("Рабочая группа по торговле собралась в Минске.", "ru", Genre::News, None), "a.txt");
    put_one(store, &document("Группа туристов посетила рабочий посёлок.", "ru", Genre::News, None), "b.txt");
    assert_eq!(store.search(&SearchQuery::new("рабочая группа")).expect("search").total, 2);
    assert_eq!(store.search(&SearchQuery::new("\"рабочей группы\"")).expect("search").total, 1);
}

fn search_survives_query_syntax(store: &mut dyn Store) {
    put_one(store, &document(YAROSLAVL, "en", Genre::News, None), "y.txt");
    for query in
        ["\"", "agreement*", "NEAR(a b)", "-trade", "trade OR", "(", "a:b", "'; DROP TABLE documents; --", "^", "…"]
    {
        let result = store.search(&SearchQuery::new(query));
        assert!(matches!(result, Ok(_) | Err(StoreError::BadQuery(_))), "{query}: {result:?}");
    }
    assert!(matches!(store.search(&SearchQuery::new("  ")), Err(StoreError::BadQuery(_))));
    assert_eq!(store.stats().expect("stats").documents, 1);
}

fn stats_count(store: &mut dyn Store) {
    put_one(store, &document(KALININGRAD, "ru", Genre::News, Some("2019-06-27")), "k.txt");
    put_one(store, &document(TATARSTAN, "ru", Genre::Agreement, Some("2021")), "t.txt");
    put_one(store, &document(YAROSLAVL, "en", Genre::News, None), "y.txt");
    let stats = store.stats().expect("stats");
    assert_eq!(stats.documents, 3);
    assert_eq!(stats.paths, 3);
    assert_eq!(stats.bytes, (KALININGRAD.len() + TATARSTAN.len() + YAROSLAVL.len()) as u64);
    assert_eq!(stats.by_language.get("ru"), Some(&2));
    assert_eq!(stats.by_language.get("en"), Some(&1));
    assert_eq!(stats.by_genre.get("news"), Some(&2));
    assert_eq!(stats.by_genre.get("agreement"), Some(&1));
    assert_eq!(stats.by_format.get("text"), Some(&3));
    assert_eq!(stats.by_year.get("2019"), Some(&1));
    assert_eq!(stats.by_year.get("2021"), Some(&1));
    assert_eq!(stats.by_year.get("none"), Some(&1));
}

fn empty_store(store: &mut dyn Store) {
    assert_eq!(store.stats().expect("stats").documents, 0);
    assert!(store.document_ids().expect("ids").is_empty());
    assert_eq!(store.search(&SearchQuery::new("соглашение")).expect("search").total, 0);
    assert_eq!(store.put(&[]).expect("empty batch"), Vec::<PutOutcome>::new());
}

fn facts_are_stored_with_their_document(store: &mut dyn Store) {
    let mut kaliningrad = document(KALININGRAD, "ru", Genre::News, Some("2019-05-20"));
    kaliningrad.facts = Some(kaliningrad_facts("test 1"));
    let plain = document(YAROSLAVL, "ru", Genre::News, None);
    store.put(&[(kaliningrad.clone(), source("k.txt")), (plain.clone(), source("y.txt"))]).expect("put");
    let stored = store.document(kaliningrad.id.as_str()).expect("get");
    assert_eq!(stored.facts, kaliningrad.facts);
    let facts = stored.facts.expect("facts");
    for (start, end) in facts.places.iter().flat_map(|place| place.mentions.iter()) {
        assert!(stored.text.is_char_boundary(*start) && stored.text.is_char_boundary(*end));
    }
    assert_eq!(store.document(plain.id.as_str()).expect("get").facts, None);
    let stats = store.stats().expect("stats");
    assert_eq!((stats.extracted, stats.places, stats.ties, stats.figures), (1, 2, 1, 1));
    assert_eq!(stats.by_depth.get("formal"), Some(&1));
    let mut extractors = store.extractors().expect("extractors");
    extractors.sort();
    let mut expected = vec![(kaliningrad.id.clone(), Some("test 1".to_string())), (plain.id.clone(), None)];
    expected.sort();
    assert_eq!(extractors, expected);
}

fn scan_streams_documents_with_facts(store: &mut dyn Store) {
    let mut kaliningrad = document(KALININGRAD, "ru", Genre::News, Some("2019-05-20"));
    kaliningrad.facts = Some(kaliningrad_facts("test 1"));
    let plain = document(YAROSLAVL, "en", Genre::Agreement, None);
    let mut tatarstan = document(TATARSTAN, "ru", Genre::News, Some("2021-03-01"));
    tatarstan.facts = Some(Facts { extractor: "test 1".into(), depth: "none".into(), ..Facts::default() });
    store.put(&[(kaliningrad.clone(), source("k.txt")), (plain.clone(), source("y.txt"))]).expect("put");
    put_one(store, &tatarstan, "t.txt");
    put_one(store, &plain, "again/y.txt");
    let scanned = scanned(store, Mentions::With);
    let without = self::scanned(store, Mentions::Without);
    let mut expected = kaliningrad.facts.clone().expect("facts");
    expected.places.clear();
    expected.organizations.clear();
    assert_eq!(without[0].facts.as_ref(), Some(&expected), "everything but the mentions");
    assert_eq!(without[2].facts, tatarstan.facts);
    let ids: Vec<_> = scanned.iter().map(|document| document.summary.id.clone()).collect();
    assert_eq!(ids, [kaliningrad.id.clone(), plain.id.clone(), tatarstan.id.clone()], "first-stored order");
    assert_eq!(scanned[0].facts, kaliningrad.facts, "every kind of fact comes back");
    assert_eq!(scanned[1].facts, None);
    assert_eq!(scanned[2].facts, tatarstan.facts);
    let mut paths = scanned[1].summary.paths.clone();
    paths.sort();
    assert_eq!(paths, ["again/y.txt", "y.txt"]);
    assert_eq!(scanned[1].summary.genre, "agreement");
    assert_eq!(scanned[0].summary.date.as_deref(), Some("2019-05-20"));
    for document in &scanned {
        assert_eq!(document.summary, store.document(document.summary.id.as_str()).expect("get").summary);
    }
}

fn scan_stops_at_the_visitors_error(store: &mut dyn Store) {
    put_one(store, &document(KALININGRAD, "ru", Genre::News, None), "k.txt");
    put_one(store, &document(YAROSLAVL, "en", Genre::News, None), "y.txt");
    let mut visits = 0;
    let result = store.scan(Mentions::Without, &mut |_| {
        visits += 1;
        Err(StoreError::BadQuery("enough".into()))
    });
    assert!(matches!(result, Err(StoreError::BadQuery(message)) if message == "enough"));
    assert_eq!(visits, 1);
    let mut empty = 0;
    store
        .scan(Mentions::With, &mut |_| {
            empty += 1;
            Ok(())
        })
        .expect("scan");
    assert_eq!(empty, 2);
}

/// Everything [`Store::scan`] hands over, in its order.
fn scanned(store: &dyn Store, mentions: Mentions) -> Vec<ScannedDocument> {
    let mut scanned = Vec::new();
    store
        .scan(mentions, &mut |document| {
            scanned.push(document);
            Ok(())
        })
        .expect("scan");
    scanned
}

/// Everything [`Store::scan_documents`] hands over for `documents`, in its order.
fn scanned_documents(store: &dyn Store, documents: &[DocumentId], mentions: Mentions) -> Vec<ScannedDocument> {
    let mut scanned = Vec::new();
    store
        .scan_documents(documents, mentions, &mut |document| {
            scanned.push(document);
            Ok(())
        })
        .expect("scan documents");
    scanned
}

fn scan_documents_agrees_with_scan(store: &mut dyn Store) {
    let mut kaliningrad = document(KALININGRAD, "ru", Genre::News, Some("2019-05-20"));
    kaliningrad.facts = Some(kaliningrad_facts("test 1"));
    let plain = document(YAROSLAVL, "en", Genre::Agreement, None);
    let mut tatarstan = document(TATARSTAN, "ru", Genre::News, Some("2021-03-01"));
    tatarstan.facts = Some(Facts { extractor: "test 1".into(), depth: "none".into(), ..Facts::default() });
    let mut later = document(&format!("{KALININGRAD}\nДополнено."), "ru", Genre::News, None);
    later.facts = Some(kaliningrad_facts("test 2"));
    store.put(&[(kaliningrad.clone(), source("k.txt")), (plain.clone(), source("y.txt"))]).expect("put");
    put_one(store, &tatarstan, "t.txt");
    put_one(store, &plain, "again/y.txt");
    put_one(store, &later, "k.txt");
    let all = store.document_ids().expect("ids");
    assert_eq!(all.len(), 4);
    let unknown = DocumentId::of(b"never stored");
    // Shuffled, with an unknown id and one id twice.
    let asked = [later.id.clone(), unknown, tatarstan.id.clone(), kaliningrad.id.clone(), later.id.clone()];
    for mentions in [Mentions::With, Mentions::Without] {
        let everything = scanned(store, mentions);
        let mut reversed = all.clone();
        reversed.reverse();
        assert_eq!(scanned_documents(store, &reversed, mentions), everything, "all ids: the scan ({mentions:?})");
        let expected: Vec<ScannedDocument> =
            everything.iter().filter(|document| document.summary.id != plain.id).cloned().collect();
        let ids: Vec<&DocumentId> = expected.iter().map(|document| &document.summary.id).collect();
        assert_eq!(ids, [&kaliningrad.id, &tatarstan.id, &later.id], "first-stored order");
        assert_eq!(
            scanned_documents(store, &asked, mentions),
            expected,
            "a subset: the scan's documents ({mentions:?})"
        );
        let alone = scanned_documents(store, std::slice::from_ref(&plain.id), mentions);
        assert_eq!(alone.len(), 1);
        assert_eq!(alone[0], everything[1], "a document without facts, with both paths");
        assert!(scanned_documents(store, &[], mentions).is_empty(), "no ids, no documents");
    }
}

fn scan_documents_stops_at_the_visitors_error(store: &mut dyn Store) {
    let kaliningrad = document(KALININGRAD, "ru", Genre::News, None);
    let yaroslavl = document(YAROSLAVL, "en", Genre::News, None);
    put_one(store, &kaliningrad, "k.txt");
    put_one(store, &yaroslavl, "y.txt");
    let mut visits = 0;
    let result = store.scan_documents(&[yaroslavl.id.clone(), kaliningrad.id.clone()], Mentions::With, &mut |_| {
        visits += 1;
        Err(StoreError::BadQuery("enough".into()))
    });
    assert!(matches!(result, Err(StoreError::BadQuery(message)) if message == "enough"));
    assert_eq!(visits, 1);
    let mut none = 0;
    store
        .scan_documents(&[], Mentions::With, &mut |_| {
            none += 1;
            Err(StoreError::BadQuery("visited".into()))
        })
        .expect("an empty list visits nothing");
    assert_eq!(none, 0);
}

fn passages_are_exact_byte_ranges(store: &mut dyn Store) {
    let kaliningrad = document(KALININGRAD, "ru", Genre::News, None);
    put_one(store, &kaliningrad, "k.txt");
    let facts = kaliningrad_facts("test");
    let sentence = facts.ties[0].evidence;
    let unknown = DocumentId::of(b"never stored");
    let passages = store
        .passages(&[
            (kaliningrad.id.clone(), sentence),
            (kaliningrad.id.clone(), (0, 22)),
            // Inside the two bytes of "К".
            (kaliningrad.id.clone(), (1, 5)),
            (kaliningrad.id.clone(), (KALININGRAD.len() - 2, KALININGRAD.len() + 10)),
            (kaliningrad.id.clone(), (5, 3)),
            (unknown, (0, 4)),
        ])
        .expect("passages");
    assert_eq!(passages[0].as_deref(), Some(&KALININGRAD[sentence.0..sentence.1]));
    assert_eq!(passages[1].as_deref(), Some("Калининград"));
    assert_eq!(&passages[2..], [None, None, None, None]);
    assert_eq!(store.passages(&[]).expect("no requests"), Vec::<Option<String>>::new());
}

fn facts_are_replaced_whole(store: &mut dyn Store) {
    let mut kaliningrad = document(KALININGRAD, "ru", Genre::News, None);
    kaliningrad.facts = Some(kaliningrad_facts("test 1"));
    put_one(store, &kaliningrad, "k.txt");
    let fewer = Facts { extractor: "test 2".into(), depth: "shallow".into(), ..Facts::default() };
    store.put_facts(&[(kaliningrad.id.clone(), fewer.clone())]).expect("put facts");
    assert_eq!(store.document(kaliningrad.id.as_str()).expect("get").facts, Some(fewer));
    let stats = store.stats().expect("stats");
    assert_eq!((stats.extracted, stats.places, stats.ties, stats.figures), (1, 0, 0, 0));
    // Reading the same content again does not touch its facts.
    assert_eq!(put_one(store, &document(KALININGRAD, "ru", Genre::News, None), "k.txt"), PutOutcome::Unchanged);
    assert_eq!(store.document(kaliningrad.id.as_str()).expect("get").facts.expect("facts").extractor, "test 2");
}

fn failed_batch_leaves_no_facts(store: &mut dyn Store) {
    let unknown = DocumentId::of(b"never stored");
    let kaliningrad = document(KALININGRAD, "ru", Genre::News, None);
    put_one(store, &kaliningrad, "k.txt");
    let batch = [(kaliningrad.id.clone(), kaliningrad_facts("test 1")), (unknown, kaliningrad_facts("test 1"))];
    assert!(matches!(store.put_facts(&batch), Err(StoreError::NotFound(_))));
    assert_eq!(store.document(kaliningrad.id.as_str()).expect("get").facts, None);
    assert_eq!(store.stats().expect("stats").extracted, 0);
}

fn search_matches_agree_with_search(store: &mut dyn Store) {
    let many = "Соглашение. Соглашение о сотрудничестве. Ещё одно соглашение и соглашения.";
    let once = "Отчёт о работе. В конце упомянуто соглашение, но речь о бюджете, дорогах, школах и больницах.";
    put_one(store, &document(once, "ru", Genre::Other, None), "once.txt");
    put_one(store, &document(many, "ru", Genre::Other, None), "many.txt");
    put_one(store, &document(KALININGRAD, "ru", Genre::News, None), "k.txt");
    put_one(store, &document(YAROSLAVL, "en", Genre::News, None), "y.txt");
    let query = "соглашение";
    let matches = store.search_matches(query).expect("matches");
    let results = store.search(&SearchQuery { text: query.into(), limit: 100, offset: 0 }).expect("search");
    assert_eq!(matches.len() as u64, results.total);
    assert_eq!(matches.len(), 3);
    let ids: Vec<&DocumentId> = matches.iter().map(|(id, _)| id).collect();
    let searched: Vec<&DocumentId> = results.hits.iter().map(|hit| &hit.document.id).collect();
    assert_eq!(ids, searched, "same order");
    for ((_, score), hit) in matches.iter().zip(&results.hits) {
        assert!((score - hit.score).abs() < 1e-9, "{score} {}", hit.score);
    }
    assert!(matches.windows(2).all(|pair| pair[0].1 >= pair[1].1), "best first");
    assert!(store.search_matches("Владивосток").expect("no matches").is_empty());
    assert!(matches!(store.search_matches("  "), Err(StoreError::BadQuery(_))));
}

fn hits_come_in_the_order_asked(store: &mut dyn Store) {
    let many = document("Соглашение. Соглашение о сотрудничестве. Ещё одно соглашение.", "ru", Genre::Other, None);
    let once = document("Отчёт о работе. В конце упомянуто соглашение.", "ru", Genre::Other, None);
    let english = document(YAROSLAVL, "en", Genre::News, None);
    for (document, path) in [(&many, "many.txt"), (&once, "once.txt"), (&english, "y.txt")] {
        put_one(store, document, path);
    }
    let query = "соглашение";
    let searched = store.search(&SearchQuery::new(query)).expect("search").hits;
    let unknown = DocumentId::of(b"never stored");
    let score = |id: &DocumentId| searched.iter().find(|hit| hit.document.id == *id).map_or(0.0, |hit| hit.score);
    let asked = [once.id.clone(), unknown, english.id.clone(), many.id.clone()];
    let asked: Vec<(DocumentId, f64)> = asked.iter().map(|id| (id.clone(), score(id))).collect();
    let hits = store.hits(query, &asked).expect("hits");
    let ids: Vec<&DocumentId> = hits.iter().map(|hit| &hit.document.id).collect();
    assert_eq!(ids, [&once.id, &english.id, &many.id], "the order asked, unknown ids skipped");
    for hit in [&hits[0], &hits[2]] {
        let same = searched.iter().find(|searched| searched.document.id == hit.document.id).expect("searched");
        assert_eq!(
            (&hit.snippet, hit.snippet_range, &hit.highlights),
            (&same.snippet, same.snippet_range, &same.highlights)
        );
        assert!((hit.score - same.score).abs() < 1e-9);
        assert_eq!(hit.document, same.document);
    }
    // A document the query does not match: a snippet from its start, nothing highlighted.
    assert_eq!(hits[1].score, 0.0);
    assert!(hits[1].highlights.is_empty());
    assert!(YAROSLAVL.starts_with(&hits[1].snippet));
    assert!(store.hits(query, &[]).expect("no documents").is_empty());
    assert!(matches!(store.hits("\"", &[(once.id.clone(), 1.0)]), Err(StoreError::BadQuery(_))));
}

/// A decision of reviewer "anna" about document `id`.
pub fn decision(id: &DocumentId, verdict: Verdict, machine: Option<Item>, human: Option<Item>) -> Decision {
    Decision {
        document: id.clone(),
        verdict,
        machine,
        human,
        reviewer: "anna".into(),
        at: "2025-03-01T10:00:00Z".into(),
        note: None,
    }
}

fn decisions_are_appended_in_order(store: &mut dyn Store) {
    let kaliningrad = document(KALININGRAD, "ru", Genre::News, None);
    let yaroslavl = document(YAROSLAVL, "en", Genre::News, None);
    put_one(store, &kaliningrad, "k.txt");
    put_one(store, &yaroslavl, "y.txt");
    assert!(store.decisions(None).expect("none yet").is_empty());
    let tie = Item::Tie(kaliningrad_facts("test").ties[0].clone());
    let place = Item::Place(PlaceItem { place: "BY-MI".into(), span: (0, 9) });
    let mut corrected = kaliningrad_facts("test").ties[0].clone();
    corrected.forms = vec!["visit".into()];
    let made = [
        decision(&kaliningrad.id, Verdict::Reject, Some(tie.clone()), None),
        Decision {
            note: Some("Minsk is not named".into()),
            ..decision(&yaroslavl.id, Verdict::Add, None, Some(place))
        },
        decision(&kaliningrad.id, Verdict::Correct, Some(tie.clone()), Some(Item::Tie(corrected))),
        // The same decision again is another decision: nothing is merged or overwritten.
        decision(&kaliningrad.id, Verdict::Reject, Some(tie), None),
    ];
    let ids: Vec<i64> = made.iter().map(|decision| store.put_decision(decision).expect("put decision")).collect();
    assert!(ids.windows(2).all(|pair| pair[0] < pair[1]), "{ids:?}");
    let all = store.decisions(None).expect("all");
    assert_eq!(all, ids.iter().copied().zip(made.iter().cloned()).collect::<Vec<_>>());
    let of_kaliningrad = store.decisions(Some(&kaliningrad.id)).expect("of one document");
    assert_eq!(of_kaliningrad, [all[0].clone(), all[2].clone(), all[3].clone()]);
    assert!(store.decisions(Some(&DocumentId::of(b"never stored"))).expect("unknown").is_empty());
}

fn decisions_survive_new_facts(store: &mut dyn Store) {
    let mut kaliningrad = document(KALININGRAD, "ru", Genre::News, None);
    let facts = kaliningrad_facts("test 1");
    kaliningrad.facts = Some(facts.clone());
    put_one(store, &kaliningrad, "k.txt");
    let rejected = Item::Tie(facts.ties[0].clone());
    let made = decision(&kaliningrad.id, Verdict::Reject, Some(rejected), None);
    let id = store.put_decision(&made).expect("put decision");
    let newer = Facts { extractor: "test 2".into(), ..facts };
    store.put_facts(&[(kaliningrad.id.clone(), newer.clone())]).expect("put facts");
    put_one(store, &document(KALININGRAD, "ru", Genre::News, None), "k.txt");
    let kept = store.decisions(Some(&kaliningrad.id)).expect("decisions");
    assert_eq!(kept, [(id, made)]);
    let stored = store.document(kaliningrad.id.as_str()).expect("get").facts.expect("facts");
    assert_eq!(stored, newer, "the machine's facts are stored as they came");
    let decisions: Vec<Decision> = kept.into_iter().map(|(_, decision)| decision).collect();
    assert!(review::apply(&stored, &decisions).ties.is_empty(), "the decision applies to the new facts");
}

fn scan_reviewed_lays_decisions_over_facts(store: &mut dyn Store) {
    let mut kaliningrad = document(KALININGRAD, "ru", Genre::News, None);
    let facts = kaliningrad_facts("test");
    kaliningrad.facts = Some(facts.clone());
    let mut yaroslavl = document(YAROSLAVL, "en", Genre::News, None);
    yaroslavl.facts = Some(Facts { extractor: "test".into(), ..Facts::default() });
    put_one(store, &kaliningrad, "k.txt");
    put_one(store, &yaroslavl, "y.txt");
    store
        .put_decision(&decision(&kaliningrad.id, Verdict::Reject, Some(Item::Tie(facts.ties[0].clone())), None))
        .expect("put");
    let collect = |store: &dyn Store, documents: Option<&[DocumentId]>| {
        let mut seen = Vec::new();
        store
            .scan_reviewed(documents, Mentions::With, &mut |scanned| {
                seen.push((scanned.summary.id, scanned.facts.expect("facts")));
                Ok(())
            })
            .expect("scan reviewed");
        seen
    };
    let all = collect(store, None);
    assert_eq!(all.len(), 2);
    assert!(all[0].1.ties.is_empty(), "the rejected tie is gone");
    assert_eq!(all[0].1.figures, facts.figures, "the rest stays as the machine said");
    assert_eq!(all[1].1, yaroslavl.facts.clone().expect("facts"), "a document without decisions is unchanged");
    let one = collect(store, Some(std::slice::from_ref(&kaliningrad.id)));
    assert_eq!(one, all[..1]);
    // The stored facts are the machine's.
    assert_eq!(store.document(kaliningrad.id.as_str()).expect("get").facts.expect("facts").ties, facts.ties);
}

fn invalid_decisions_are_refused(store: &mut dyn Store) {
    let kaliningrad = document(KALININGRAD, "ru", Genre::News, None);
    put_one(store, &kaliningrad, "k.txt");
    let version = store.data_version().expect("version");
    let tie = Item::Tie(kaliningrad_facts("test").ties[0].clone());
    let place = Item::Place(PlaceItem { place: "RU-KGD".into(), span: (0, 22) });
    let invalid = [
        decision(&kaliningrad.id, Verdict::Accept, Some(tie.clone()), Some(tie.clone())),
        decision(&kaliningrad.id, Verdict::Correct, Some(tie.clone()), Some(place)),
        decision(&kaliningrad.id, Verdict::Add, None, None),
        Decision { reviewer: String::new(), ..decision(&kaliningrad.id, Verdict::Reject, Some(tie.clone()), None) },
    ];
    for decision in &invalid {
        assert!(matches!(store.put_decision(decision), Err(StoreError::Invalid(_))), "{decision:?}");
    }
    let unknown = decision(&DocumentId::of(b"never stored"), Verdict::Accept, Some(tie), None);
    assert!(matches!(store.put_decision(&unknown), Err(StoreError::NotFound(_))));
    assert!(store.decisions(None).expect("decisions").is_empty(), "nothing written");
    assert_eq!(store.data_version().expect("version"), version);
}

fn data_version_follows_writes(store: &mut dyn Store) {
    let kaliningrad = document(KALININGRAD, "ru", Genre::News, None);
    let mut seen = vec![store.data_version().expect("version")];
    let mut changed = |store: &mut dyn Store, what: &str| {
        let version = store.data_version().expect("version");
        assert!(!seen.contains(&version), "{what}: {version} seen before ({seen:?})");
        seen.push(version);
    };
    put_one(store, &kaliningrad, "k.txt");
    changed(store, "put");
    store.put_facts(&[(kaliningrad.id.clone(), kaliningrad_facts("test 1"))]).expect("put facts");
    changed(store, "put_facts");
    let tie = Item::Tie(kaliningrad_facts("test 1").ties[0].clone());
    store.put_decision(&decision(&kaliningrad.id, Verdict::Accept, Some(tie), None)).expect("decision");
    changed(store, "put_decision");
    store.touch(&kaliningrad.id, &source("copy/k.txt")).expect("touch");
    changed(store, "touch at a new path");
    let version = store.data_version().expect("version");
    store.document(kaliningrad.id.as_str()).expect("document");
    store.search(&SearchQuery::new("соглашение")).expect("search");
    store.search_matches("соглашение").expect("matches");
    store.stats().expect("stats");
    store.extractors().expect("extractors");
    store.decisions(None).expect("decisions");
    store.passages(&[(kaliningrad.id.clone(), (0, 4))]).expect("passages");
    store.scan(Mentions::With, &mut |_| Ok(())).expect("scan");
    assert_eq!(store.data_version().expect("version"), version, "reading changes nothing");
}

fn user(name: &str, role: Role) -> User {
    User {
        name: name.into(),
        role,
        password_hash: format!("$argon2id$v=19$hash-of-{name}"),
        created_at: "2025-01-01T00:00:00Z".into(),
    }
}

fn users_are_replaced_by_name(store: &mut dyn Store) {
    assert!(store.users().expect("users").is_empty());
    let olga = user("olga", Role::Reader);
    store.put_user(&user("zoya", Role::Admin)).expect("put");
    store.put_user(&olga).expect("put");
    assert_eq!(store.user("olga").expect("user"), Some(olga.clone()));
    assert_eq!(store.user("nobody").expect("user"), None);
    let promoted = User {
        role: Role::Editor,
        password_hash: "$argon2id$v=19$new".into(),
        created_at: "2026-01-01T00:00:00Z".into(),
        ..olga.clone()
    };
    store.put_user(&promoted).expect("replace");
    let names: Vec<String> = store.users().expect("users").into_iter().map(|user| user.name).collect();
    assert_eq!(names, ["olga", "zoya"], "by name, one account per name");
    let stored = store.user("olga").expect("user").expect("olga");
    assert_eq!((stored.role, stored.password_hash.as_str()), (Role::Editor, "$argon2id$v=19$new"));
    assert_eq!(stored.created_at, olga.created_at, "an account keeps its creation time");
}

fn sessions_round_trip_and_end(store: &mut dyn Store) {
    store.put_user(&user("olga", Role::Editor)).expect("put user");
    let session = Session {
        token_hash: "hash-1".into(),
        user: "olga".into(),
        csrf: "csrf-1".into(),
        // Long expired: the store keeps it and hands it out; the caller judges expiry.
        expires_at: "2000-01-01T00:00:00Z".into(),
    };
    store.put_session(&session).expect("put session");
    assert_eq!(store.session("hash-1").expect("session"), Some(session.clone()));
    assert_eq!(store.session("hash-2").expect("session"), None);
    let extended = Session { expires_at: "2099-01-01T00:00:00Z".into(), ..session };
    store.put_session(&extended).expect("replace session");
    assert_eq!(store.session("hash-1").expect("session"), Some(extended));
    store.delete_session("hash-1").expect("delete");
    assert_eq!(store.session("hash-1").expect("session"), None);
    store.delete_session("hash-1").expect("deleting twice is no error");
    let orphan = Session {
        token_hash: "hash-3".into(),
        user: "nobody".into(),
        csrf: "c".into(),
        expires_at: "2099-01-01T00:00:00Z".into(),
    };
    assert!(matches!(store.put_session(&orphan), Err(StoreError::NotFound(_))));
    assert_eq!(store.session("hash-3").expect("session"), None);
}

fn tokens_round_trip(store: &mut dyn Store) {
    store.put_user(&user("olga", Role::Reader)).expect("put user");
    let token = ApiToken {
        token_hash: "token-hash".into(),
        user: "olga".into(),
        label: "nightly export".into(),
        created_at: "2025-02-01T00:00:00Z".into(),
    };
    store.put_token(&token).expect("put token");
    store.put_user(&user("anna", Role::Admin)).expect("put user");
    let annas = ApiToken { token_hash: "z-hash".into(), user: "anna".into(), ..token.clone() };
    store.put_token(&annas).expect("put token");
    assert_eq!(store.tokens().expect("tokens"), [annas, token.clone()], "by account, then hash");
    assert_eq!(store.token("token-hash").expect("token"), Some(token.clone()));
    assert_eq!(store.token("other").expect("token"), None);
    let orphan = ApiToken { token_hash: "other".into(), user: "nobody".into(), ..token };
    assert!(matches!(store.put_token(&orphan), Err(StoreError::NotFound(_))));
    assert_eq!(store.token("other").expect("token"), None);
}

/// An atlas with every kind of row a record carries: two versions at one path, a second path of
/// the same content, facts with mentions, a document without facts, pages and warnings.
fn varied_atlas(store: &mut dyn Store) -> Vec<Document> {
    let mut kaliningrad = document(KALININGRAD, "ru", Genre::News, Some("2019-06-27"));
    kaliningrad.facts = Some(kaliningrad_facts("test-extractor 1"));
    kaliningrad.pages = vec![0..20, 20..KALININGRAD.len()];
    kaliningrad.warnings = vec!["the extension says .pdf".into()];
    let mut newer = document(&format!("{KALININGRAD}\nДополнено."), "ru", Genre::News, None);
    newer.facts = Some(Facts { extractor: "test-extractor 1".into(), depth: "none".into(), ..Facts::default() });
    let mut yaroslavl = document(YAROSLAVL, "en", Genre::Strategy, Some("2021"));
    yaroslavl.encoding = None;
    put_one(store, &kaliningrad, "news/k.txt");
    put_one(store, &yaroslavl, "strategy/y.txt");
    assert_eq!(put_one(store, &newer, "news/k.txt"), PutOutcome::NewVersion);
    assert_eq!(store.touch(&kaliningrad.id, &source("copy/k.txt")).expect("touch"), PutOutcome::NewPath);
    vec![kaliningrad, yaroslavl, newer]
}

fn all_records(store: &dyn Store) -> Vec<DocumentRecord> {
    let mut records = Vec::new();
    store
        .records(&mut |record| {
            records.push(record);
            Ok(())
        })
        .expect("records");
    records
}

fn records_carry_everything_in_order(store: &mut dyn Store) {
    assert!(all_records(store).is_empty());
    let documents = varied_atlas(store);
    let records = all_records(store);
    let read: Vec<&Document> = records.iter().map(|record| &record.document).collect();
    assert_eq!(read, documents.iter().collect::<Vec<_>>(), "whole documents, in the order first stored");
    let first = &records[0];
    let mut paths: Vec<(&str, u32)> = first.sources.iter().map(|row| (row.path.as_str(), row.version)).collect();
    let mut oldest_first = first.sources.clone();
    oldest_first.sort_by(|a, b| (&a.first_seen, &a.path).cmp(&(&b.first_seen, &b.path)));
    assert_eq!(first.sources, oldest_first, "oldest first; paths seen at the same instant by name");
    paths.sort_unstable();
    assert_eq!(paths, [("copy/k.txt", 1), ("news/k.txt", 1)]);
    assert_eq!(records[2].sources[0].version, 2, "the newer content is the path's second version");
    assert!(first.sources.iter().all(|row| row.first_seen <= row.last_seen));
    assert!(first.extracted_at.is_some() && records[1].extracted_at.is_none());
    let stored = store.document(first.document.id.as_str()).expect("document");
    assert_eq!(first.ingested_at, stored.summary.ingested_at);
    let mut seen = 0;
    let stopped = store.records(&mut |_| {
        seen += 1;
        Err(StoreError::Invalid("enough".into()))
    });
    assert!(matches!(stopped, Err(StoreError::Invalid(_))) && seen == 1, "stops at the visitor's error");
}

fn restore_gives_back_what_records_read(from: &mut dyn Store, to: &mut dyn Store) {
    let documents = varied_atlas(from);
    let records = all_records(from);
    let version = to.data_version().expect("version");
    to.restore(&records[..1]).expect("restore the first");
    to.restore(&records[1..]).expect("restore the rest");
    assert_ne!(to.data_version().expect("version"), version, "a restore is a write");
    assert_eq!(all_records(to), records, "times, versions, sources and facts as they were");
    for document in &documents {
        let (before, after) = (from.document(document.id.as_str()), to.document(document.id.as_str()));
        assert_eq!(after.expect("restored"), before.expect("original"));
    }
    assert_eq!(to.stats().expect("stats"), from.stats().expect("stats"));
    assert_eq!(to.document_ids().expect("ids"), from.document_ids().expect("ids"));
    for query in ["Калининградская область", "trade"] {
        assert_eq!(
            to.search_matches(query).expect("search"),
            from.search_matches(query).expect("search"),
            "{query}: the restored text is indexed"
        );
    }
    let mut scanned = Vec::new();
    to.scan(Mentions::With, &mut |document| {
        scanned.push(document);
        Ok(())
    })
    .expect("scan");
    assert_eq!(scanned, self::scanned(from, Mentions::With));
}

fn restore_refuses_known_documents_whole(from: &mut dyn Store, to: &mut dyn Store) {
    varied_atlas(from);
    let records = all_records(from);
    to.restore(&records[..1]).expect("restore one");
    let refused = to.restore(&records);
    assert!(matches!(refused, Err(StoreError::Invalid(_))), "{refused:?}");
    assert_eq!(to.stats().expect("stats").documents, 1, "nothing of a refused batch is written");
    let homeless = DocumentRecord { sources: Vec::new(), ..records[1].clone() };
    assert!(matches!(to.restore(&[homeless]), Err(StoreError::Invalid(_))));
    assert_eq!(to.stats().expect("stats").documents, 1);
}

/// An atlas with documents, accounts, a token and review decisions: everything a dump carries.
fn populated_atlas(store: &mut dyn Store) {
    let documents = varied_atlas(store);
    // Shares and values that only an exact float round trip keeps.
    let mut fractions = document(&format!("{KALININGRAD}\nДоли: одна одиннадцатая."), "ru", Genre::Research, None);
    let mut facts = kaliningrad_facts("test-extractor 1");
    facts.spheres[0].share = 1.0 / 11.0;
    facts.figures[0].value = 0.1 + 0.2;
    fractions.facts = Some(facts);
    put_one(store, &fractions, "fractions.txt");
    store.put_user(&user("anna", Role::Editor)).expect("user");
    store.put_user(&user("boris", Role::Admin)).expect("user");
    let token = ApiToken {
        token_hash: "hash-of-a-token".into(),
        user: "boris".into(),
        label: "nightly export".into(),
        created_at: "2025-02-01T08:00:00Z".into(),
    };
    store.put_token(&token).expect("token");
    let tie = Item::Tie(kaliningrad_facts("test-extractor 1").ties[0].clone());
    let place = Item::Place(PlaceItem { place: "RU-YAR".into(), span: (0, 9) });
    for made in [
        decision(&documents[0].id, Verdict::Reject, Some(tie), None),
        Decision {
            note: Some("Ярославль".into()), ..decision(&documents[1].id, Verdict::Add, None, Some(place))
        },
    ] {
        store.put_decision(&made).expect("decision");
    }
}

fn dumped(store: &dyn Store) -> (Vec<u8>, Counts) {
    let origin = Origin { producer: "conformance".into(), created_at: "2026-01-01T00:00:00Z".into() };
    let mut bytes = Vec::new();
    let counts = dump::write(store, &origin, &mut bytes).expect("dump");
    (bytes, counts)
}

fn dump_moves_everything(from: &mut dyn Store, to: &mut dyn Store) {
    populated_atlas(from);
    let (bytes, counts) = dumped(from);
    assert_eq!(counts, Counts { users: 2, tokens: 1, documents: 4, decisions: 2 });
    assert_eq!(bytes.iter().filter(|byte| **byte == b'\n').count(), 1 + 2 + 1 + 4 + 2 + 1, "one line each");
    assert_eq!(dump::read(to, &mut bytes.as_slice()).expect("restore"), counts);
    assert_eq!(all_records(to), all_records(from));
    assert_eq!(to.users().expect("users"), from.users().expect("users"));
    assert_eq!(to.tokens().expect("tokens"), from.tokens().expect("tokens"));
    let decisions = |store: &dyn Store| -> Vec<Decision> {
        store.decisions(None).expect("decisions").into_iter().map(|(_, decision)| decision).collect()
    };
    assert_eq!(decisions(to), decisions(from));
    assert_eq!(to.stats().expect("stats"), from.stats().expect("stats"));
    assert_eq!(scanned(to, Mentions::With), scanned(from, Mentions::With));
    assert_eq!(dumped(to).0, bytes, "a restored atlas dumps to the same bytes");
    let again = dump::read(to, &mut bytes.as_slice());
    assert!(matches!(again, Err(DumpError::NotEmpty(_))), "{again:?}");
}

/// Needs several fresh stores: every failed restore leaves its target as it stopped.
fn dump_refuses_what_it_cannot_read(open: &mut dyn FnMut() -> Box<dyn Store>) {
    let mut from = open();
    populated_atlas(from.as_mut());
    let (bytes, _) = dumped(from.as_ref());
    let text = String::from_utf8(bytes).expect("a dump is UTF-8");
    let mut to = open();
    let newer = text.replacen("\"version\":1", "\"version\":2", 1);
    let refused = dump::read(to.as_mut(), &mut newer.as_bytes());
    assert!(matches!(&refused, Err(DumpError::Refused(message)) if message.contains("version 2")), "{refused:?}");
    for not_a_dump in ["", "{\"kind\":\"user\"}\n", "name,role\n"] {
        let refused = dump::read(to.as_mut(), &mut not_a_dump.as_bytes());
        assert!(matches!(refused, Err(DumpError::Refused(_))), "{not_a_dump:?}: {refused:?}");
    }
    assert_eq!(to.stats().expect("stats").documents, 0, "nothing restored from a refused dump");
    assert!(to.users().expect("users").is_empty());
    // Cut before the trailer: what was read is restored, and the error says so.
    let cut = &text[..text.rfind("{\"kind\":\"trailer\"").expect("trailer")];
    match dump::read(to.as_mut(), &mut cut.as_bytes()) {
        Err(DumpError::Line { message, restored, .. }) => {
            assert!(message.contains("trailer"), "{message}");
            assert!(restored.contains("4 documents"), "{restored}");
        }
        other => panic!("a cut dump must fail: {other:?}"),
    }
    // A malformed line is named by its number.
    let mut lines: Vec<&str> = text.lines().collect();
    lines[4] = "{\"kind\":\"document\",\"id\":";
    match dump::read(open().as_mut(), &mut lines.join("\n").as_bytes()) {
        Err(DumpError::Line { line, .. }) => assert_eq!(line, 5),
        other => panic!("a malformed line must fail: {other:?}"),
    }
    // A trailer that disagrees with the lines before it.
    let miscounted = text.replace("\"documents\":4,", "\"documents\":5,");
    assert_ne!(miscounted, text);
    match dump::read(open().as_mut(), &mut miscounted.as_bytes()) {
        Err(DumpError::Line { message, .. }) => assert!(message.contains("5 documents"), "{message}"),
        other => panic!("a miscounted dump must fail: {other:?}"),
    }
    let into_full = dump::read(from.as_mut(), &mut text.as_bytes());
    assert!(matches!(into_full, Err(DumpError::NotEmpty(_))), "{into_full:?}");
}

//! People's judgements of extracted facts, kept apart from the facts themselves.
//!
//! A reviewer accepts, corrects or rejects an item the extractor found (a tie, a figure, one
//! resolved place mention), or adds one it missed. Decisions are never folded into the stored
//! facts: re-extraction replaces the facts whole, and [`apply`] lays the decisions over whatever
//! the current facts are. That is why an item is matched by its [`ItemKey`] (what it is about and
//! where in the text it stands), not by every field: a tie whose forms the new extractor words
//! differently is still the tie the reviewer judged.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::facts::{FigureFact, PlaceFact, Span, TieFact};
use crate::{DocumentId, Facts};

/// What a reviewer said of an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// The machine's item is right.
    Accept,
    /// The machine's item stands for something, but not quite this: the human item replaces it.
    Correct,
    /// The machine's item is wrong.
    Reject,
    /// An item the machine missed.
    Add,
}

impl Verdict {
    pub const ALL: [Verdict; 4] = [Verdict::Accept, Verdict::Correct, Verdict::Reject, Verdict::Add];

    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Accept => "accept",
            Verdict::Correct => "correct",
            Verdict::Reject => "reject",
            Verdict::Add => "add",
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

impl FromStr for Verdict {
    type Err = ReviewError;

    fn from_str(text: &str) -> Result<Verdict, ReviewError> {
        Verdict::ALL
            .into_iter()
            .find(|verdict| verdict.as_str() == text)
            .ok_or_else(|| ReviewError::UnknownVerdict(text.to_string()))
    }
}

/// The kinds of item a reviewer judges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    Tie,
    Figure,
    Place,
}

impl ItemKind {
    pub const ALL: [ItemKind; 3] = [ItemKind::Tie, ItemKind::Figure, ItemKind::Place];

    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Tie => "tie",
            ItemKind::Figure => "figure",
            ItemKind::Place => "place",
        }
    }
}

impl fmt::Display for ItemKind {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

impl FromStr for ItemKind {
    type Err = ReviewError;

    fn from_str(text: &str) -> Result<ItemKind, ReviewError> {
        ItemKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == text)
            .ok_or_else(|| ReviewError::UnknownKind(text.to_string()))
    }
}

/// One resolved place mention: the place a span of the text was taken to name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PlaceItem {
    /// The gazetteer id.
    pub place: String,
    pub span: Span,
}

/// One thing a reviewer judges. In JSON the kind is a field next to the item's own:
/// `{"kind": "tie", "a": ..., "b": ..., ...}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Item {
    Tie(TieFact),
    Figure(FigureFact),
    Place(PlaceItem),
}

/// What identifies an item across re-extraction: the places it is about and where it stands in
/// the text, not the details a new extractor may word differently (forms, spheres, the value of
/// a figure).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum ItemKey {
    /// A tie by its unordered pair (`a` is the smaller id) and the sentence that states it.
    Tie { a: String, b: String, evidence: Span },
    /// A figure by the span of its number expression.
    Figure { span: Span },
    /// A place mention by its place and span.
    Place { place: String, span: Span },
}

impl ItemKey {
    pub fn kind(&self) -> ItemKind {
        match self {
            ItemKey::Tie { .. } => ItemKind::Tie,
            ItemKey::Figure { .. } => ItemKind::Figure,
            ItemKey::Place { .. } => ItemKind::Place,
        }
    }
}

impl Item {
    pub fn kind(&self) -> ItemKind {
        match self {
            Item::Tie(_) => ItemKind::Tie,
            Item::Figure(_) => ItemKind::Figure,
            Item::Place(_) => ItemKind::Place,
        }
    }

    pub fn key(&self) -> ItemKey {
        match self {
            Item::Tie(tie) => tie_key(tie),
            Item::Figure(figure) => ItemKey::Figure { span: figure.span },
            Item::Place(place) => ItemKey::Place { place: place.place.clone(), span: place.span },
        }
    }

    /// Every byte range the item carries.
    fn spans(&self) -> Vec<Span> {
        match self {
            Item::Tie(tie) => vec![tie.evidence],
            Item::Figure(figure) => vec![figure.span, figure.evidence],
            Item::Place(place) => vec![place.span],
        }
    }

    /// The place ids the item is keyed by.
    fn ids(&self) -> Vec<&str> {
        match self {
            Item::Tie(tie) => vec![&tie.a, &tie.b],
            Item::Figure(_) => Vec::new(),
            Item::Place(place) => vec![&place.place],
        }
    }
}

fn tie_key(tie: &TieFact) -> ItemKey {
    let (a, b) = if tie.a <= tie.b { (&tie.a, &tie.b) } else { (&tie.b, &tie.a) };
    ItemKey::Tie { a: a.clone(), b: b.clone(), evidence: tie.evidence }
}

/// One reviewer's judgement of one item of one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    pub document: DocumentId,
    pub verdict: Verdict,
    /// The extracted item judged; `None` for [`Verdict::Add`].
    pub machine: Option<Item>,
    /// The corrected or added item: `Some` for [`Verdict::Correct`] and [`Verdict::Add`] only.
    pub human: Option<Item>,
    /// The account name of the reviewer.
    pub reviewer: String,
    /// When the decision was made (RFC 3339, UTC).
    pub at: String,
    pub note: Option<String>,
}

impl Decision {
    /// Checks that the decision says one coherent thing: the items its verdict needs and no
    /// others, a correction of the same kind as the original, a named reviewer, sane byte ranges
    /// and ids.
    pub fn validate(&self) -> Result<(), ReviewError> {
        let verdict = self.verdict;
        if self.reviewer.trim().is_empty() {
            return Err(ReviewError::NoReviewer);
        }
        match (verdict, &self.machine) {
            (Verdict::Add, Some(_)) => return Err(ReviewError::UnexpectedMachine(verdict)),
            (Verdict::Accept | Verdict::Correct | Verdict::Reject, None) => {
                return Err(ReviewError::MissingMachine(verdict));
            }
            _ => {}
        }
        match (verdict, &self.human) {
            (Verdict::Correct | Verdict::Add, None) => return Err(ReviewError::MissingHuman(verdict)),
            (Verdict::Accept | Verdict::Reject, Some(_)) => return Err(ReviewError::UnexpectedHuman(verdict)),
            _ => {}
        }
        if let (Some(machine), Some(human)) = (&self.machine, &self.human)
            && machine.kind() != human.kind()
        {
            return Err(ReviewError::KindMismatch { machine: machine.kind(), human: human.kind() });
        }
        for item in self.machine.iter().chain(&self.human) {
            if let Some(&(start, end)) = item.spans().iter().find(|(start, end)| start > end) {
                return Err(ReviewError::BadSpan { start, end });
            }
            if item.ids().iter().any(|id| id.trim().is_empty()) {
                return Err(ReviewError::EmptyId(item.kind()));
            }
        }
        Ok(())
    }

    /// The item this decision is about: the machine's, or the added one for an addition.
    fn subject(&self) -> Option<&Item> {
        self.machine.as_ref().or(self.human.as_ref())
    }
}

/// Why a decision or a name of a verdict or kind is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReviewError {
    #[error("a decision needs a reviewer")]
    NoReviewer,
    #[error("{0} needs the extracted item")]
    MissingMachine(Verdict),
    #[error("{0} takes no extracted item")]
    UnexpectedMachine(Verdict),
    #[error("{0} needs the reviewer's item")]
    MissingHuman(Verdict),
    #[error("{0} takes no reviewer's item")]
    UnexpectedHuman(Verdict),
    #[error("a {machine} cannot be corrected into a {human}")]
    KindMismatch { machine: ItemKind, human: ItemKind },
    #[error("byte range {start}..{end} ends before it starts")]
    BadSpan { start: usize, end: usize },
    #[error("a {0} with an empty id")]
    EmptyId(ItemKind),
    #[error("unknown verdict {0:?}")]
    UnknownVerdict(String),
    #[error("unknown kind of item {0:?}")]
    UnknownKind(String),
}

/// The decisions that count, in the order they were made: the last one about each item (an
/// addition is about the item it adds; with `per_document`, the same item in two documents is two
/// items), invalid ones left out.
fn latest(decisions: &[Decision], per_document: bool) -> Vec<&Decision> {
    let mut last: HashMap<(Option<&DocumentId>, ItemKey), usize> = HashMap::new();
    for (index, decision) in decisions.iter().enumerate() {
        if decision.validate().is_err() {
            continue;
        }
        if let Some(item) = decision.subject() {
            last.insert((per_document.then_some(&decision.document), item.key()), index);
        }
    }
    let mut indexes: Vec<usize> = last.into_values().collect();
    indexes.sort_unstable();
    indexes.into_iter().map(|index| &decisions[index]).collect()
}

/// The facts as reviewed: `decisions` (of the document `facts` belong to, in the order they were
/// made) laid over the machine's facts. For each item the last decision wins: a rejection removes
/// the item, a correction puts the human item in its place, an acceptance changes nothing, an
/// addition appends its item (once, however often it was added). A decision about an item the
/// facts no longer hold (re-extraction changed it) still brings in a correction's human item;
/// a rejection or acceptance of it does nothing. An item that lands on the key of one already
/// there replaces it, so no item is counted twice. Invalid decisions are ignored; everything but
/// ties, figures and place mentions is left as it is.
pub fn apply(facts: &Facts, decisions: &[Decision]) -> Facts {
    let mut reviewed = facts.clone();
    for decision in latest(decisions, false) {
        match (decision.verdict, &decision.machine, &decision.human) {
            (Verdict::Reject, Some(machine), _) => {
                remove(&mut reviewed, &machine.key());
            }
            (Verdict::Correct, Some(machine), Some(human)) => {
                let at = remove(&mut reviewed, &machine.key());
                insert(&mut reviewed, human, at);
            }
            (Verdict::Add, _, Some(human)) => insert(&mut reviewed, human, None),
            _ => {}
        }
    }
    reviewed
}

/// Where a removed item stood, so that its correction can take its place.
type Position = Option<usize>;

/// Removes the item with `key`, if the facts hold it, and says where it stood (for a place
/// mention: its index among that place's mentions).
fn remove(facts: &mut Facts, key: &ItemKey) -> Position {
    match key {
        ItemKey::Tie { .. } => {
            let index = facts.ties.iter().position(|tie| tie_key(tie) == *key)?;
            facts.ties.remove(index);
            Some(index)
        }
        ItemKey::Figure { span } => {
            let index = facts.figures.iter().position(|figure| figure.span == *span)?;
            facts.figures.remove(index);
            Some(index)
        }
        ItemKey::Place { place, span } => {
            let fact = facts.places.iter().position(|fact| fact.place == *place)?;
            let mentions = &mut facts.places[fact].mentions;
            let index = mentions.iter().position(|mention| mention == span)?;
            mentions.remove(index);
            if mentions.is_empty() {
                facts.places.remove(fact);
            }
            Some(index)
        }
    }
}

/// Puts `item` into the facts: over the item with the same key when there is one, else where
/// a removed item stood (`at`) when it is of the same kind, else at the end (a place mention:
/// among its place's mentions in text order).
fn insert(facts: &mut Facts, item: &Item, at: Position) {
    match item {
        Item::Tie(tie) => {
            // Keep the facts' order within a pair: `a` sorts before `b`.
            let mut tie = tie.clone();
            if tie.a > tie.b {
                std::mem::swap(&mut tie.a, &mut tie.b);
            }
            let key = tie_key(&tie);
            put(&mut facts.ties, tie, |tie| tie_key(tie) == key, at);
        }
        Item::Figure(figure) => {
            let span = figure.span;
            put(&mut facts.figures, figure.clone(), |figure| figure.span == span, at);
        }
        Item::Place(item) => {
            let fact = match facts.places.iter().position(|fact| fact.place == item.place) {
                Some(fact) => fact,
                None => {
                    facts.places.push(PlaceFact { place: item.place.clone(), mentions: Vec::new() });
                    facts.places.len() - 1
                }
            };
            let mentions = &mut facts.places[fact].mentions;
            if !mentions.contains(&item.span) {
                let index = mentions.partition_point(|mention| *mention <= item.span);
                mentions.insert(index, item.span);
            }
        }
    }
}

fn put<T>(items: &mut Vec<T>, item: T, same: impl Fn(&T) -> bool, at: Position) {
    if let Some(existing) = items.iter_mut().find(|existing| same(existing)) {
        *existing = item;
    } else if let Some(at) = at.filter(|at| *at <= items.len()) {
        items.insert(at, item);
    } else {
        items.push(item);
    }
}

/// How often reviewers agreed with the machine on one kind of item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agreement {
    pub kind: ItemKind,
    /// Machine items judged: accepted, corrected and rejected ones.
    pub reviewed: u64,
    pub accepted: u64,
    pub corrected: u64,
    pub rejected: u64,
    /// Items the machine missed.
    pub added: u64,
}

impl Agreement {
    /// How often the machine was right on the items reviewed: accepted / (accepted + corrected +
    /// rejected); `None` when none was reviewed.
    pub fn rate(&self) -> Option<f64> {
        let judged = self.accepted + self.corrected + self.rejected;
        (judged > 0).then(|| self.accepted as f64 / judged as f64)
    }
}

/// Agreement per kind of item, in the order tie, figure, place (every kind, reviewed or not).
/// Each item of each document counts once, by its latest decision; invalid decisions are left
/// out.
pub fn agreement(decisions: &[Decision]) -> Vec<Agreement> {
    let mut rows: Vec<Agreement> = ItemKind::ALL
        .into_iter()
        .map(|kind| Agreement { kind, reviewed: 0, accepted: 0, corrected: 0, rejected: 0, added: 0 })
        .collect();
    for decision in latest(decisions, true) {
        let Some(item) = decision.subject() else { continue };
        let Some(row) = rows.iter_mut().find(|row| row.kind == item.kind()) else { continue };
        match decision.verdict {
            Verdict::Accept => row.accepted += 1,
            Verdict::Correct => row.corrected += 1,
            Verdict::Reject => row.rejected += 1,
            Verdict::Add => row.added += 1,
        }
        row.reviewed = row.accepted + row.corrected + row.rejected;
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tie(a: &str, b: &str, evidence: Span) -> TieFact {
        TieFact { a: a.into(), b: b.into(), forms: vec!["agreement".into()], spheres: vec!["trade".into()], evidence }
    }

    fn figure(value: f64, span: Span) -> FigureFact {
        FigureFact {
            value,
            unit: "USD".into(),
            what: None,
            qualifier: None,
            places: vec!["RU-KGD".into()],
            year: None,
            span,
            evidence: (0, 100),
        }
    }

    fn place(place: &str, span: Span) -> Item {
        Item::Place(PlaceItem { place: place.into(), span })
    }

    /// Two ties, two figures, two places (one with two mentions).
    fn facts() -> Facts {
        Facts {
            extractor: "test 1".into(),
            places: vec![
                PlaceFact { place: "BY-HR".into(), mentions: vec![(0, 6), (40, 50)] },
                PlaceFact { place: "RU-KGD".into(), mentions: vec![(10, 20)] },
            ],
            ties: vec![tie("BY-HR", "RU-KGD", (0, 100)), tie("BY-MI", "RU-KGD", (100, 200))],
            figures: vec![figure(5.0, (60, 65)), figure(7.0, (160, 165))],
            depth: "formal".into(),
            subject: Some("RU-KGD".into()),
            ..Facts::default()
        }
    }

    fn document() -> DocumentId {
        DocumentId::of(b"document")
    }

    fn decision(verdict: Verdict, machine: Option<Item>, human: Option<Item>) -> Decision {
        Decision {
            document: document(),
            verdict,
            machine,
            human,
            reviewer: "anna".into(),
            at: "2025-01-01T00:00:00Z".into(),
            note: None,
        }
    }

    fn accept(item: Item) -> Decision {
        decision(Verdict::Accept, Some(item), None)
    }

    fn reject(item: Item) -> Decision {
        decision(Verdict::Reject, Some(item), None)
    }

    fn correct(machine: Item, human: Item) -> Decision {
        decision(Verdict::Correct, Some(machine), Some(human))
    }

    fn add(item: Item) -> Decision {
        decision(Verdict::Add, None, Some(item))
    }

    fn first_tie() -> Item {
        Item::Tie(facts().ties[0].clone())
    }

    #[test]
    fn names_round_trip() {
        for verdict in Verdict::ALL {
            assert_eq!(verdict.as_str().parse::<Verdict>(), Ok(verdict));
            assert_eq!(serde_json::to_string(&verdict).unwrap(), format!("\"{verdict}\""));
        }
        for kind in ItemKind::ALL {
            assert_eq!(kind.as_str().parse::<ItemKind>(), Ok(kind));
            assert_eq!(serde_json::to_string(&kind).unwrap(), format!("\"{kind}\""));
        }
        assert_eq!("Accept".parse::<Verdict>(), Err(ReviewError::UnknownVerdict("Accept".into())));
        assert_eq!("org".parse::<ItemKind>(), Err(ReviewError::UnknownKind("org".into())));
    }

    #[test]
    fn items_are_tagged_with_their_kind_in_json() {
        let item = place("RU-KGD", (10, 20));
        let json = serde_json::to_value(&item).unwrap();
        assert_eq!(json, serde_json::json!({"kind": "place", "place": "RU-KGD", "span": [10, 20]}));
        assert_eq!(serde_json::from_value::<Item>(json).unwrap(), item);
        let json = serde_json::to_value(first_tie()).unwrap();
        assert_eq!(json["kind"], "tie");
        assert_eq!(json["a"], "BY-HR");
        let decision = correct(Item::Figure(figure(5.0, (60, 65))), Item::Figure(figure(6.0, (60, 65))));
        let text = serde_json::to_string(&decision).unwrap();
        assert_eq!(serde_json::from_str::<Decision>(&text).unwrap(), decision);
    }

    #[test]
    fn keys_ignore_the_order_of_a_pair_and_the_details() {
        let mut swapped = tie("RU-KGD", "BY-HR", (0, 100));
        swapped.forms.clear();
        assert_eq!(Item::Tie(swapped).key(), first_tie().key());
        assert_ne!(Item::Tie(tie("BY-HR", "RU-KGD", (0, 99))).key(), first_tie().key());
        assert_eq!(Item::Figure(figure(1.0, (60, 65))).key(), Item::Figure(figure(2.0, (60, 65))).key());
        assert_ne!(place("RU-KGD", (10, 20)).key(), place("BY-HR", (10, 20)).key());
        assert_eq!(place("RU-KGD", (10, 20)).key().kind(), ItemKind::Place);
        assert_eq!(first_tie().kind(), ItemKind::Tie);
    }

    #[test]
    fn validation() {
        let tie = first_tie();
        let other = place("RU-KGD", (10, 20));
        assert_eq!(accept(tie.clone()).validate(), Ok(()));
        assert_eq!(reject(tie.clone()).validate(), Ok(()));
        assert_eq!(correct(tie.clone(), tie.clone()).validate(), Ok(()));
        assert_eq!(add(tie.clone()).validate(), Ok(()));
        let refused = [
            (decision(Verdict::Accept, None, None), ReviewError::MissingMachine(Verdict::Accept)),
            (
                decision(Verdict::Reject, Some(tie.clone()), Some(tie.clone())),
                ReviewError::UnexpectedHuman(Verdict::Reject),
            ),
            (
                decision(Verdict::Accept, Some(tie.clone()), Some(tie.clone())),
                ReviewError::UnexpectedHuman(Verdict::Accept),
            ),
            (decision(Verdict::Correct, Some(tie.clone()), None), ReviewError::MissingHuman(Verdict::Correct)),
            (decision(Verdict::Correct, None, Some(tie.clone())), ReviewError::MissingMachine(Verdict::Correct)),
            (
                decision(Verdict::Add, Some(tie.clone()), Some(tie.clone())),
                ReviewError::UnexpectedMachine(Verdict::Add),
            ),
            (decision(Verdict::Add, None, None), ReviewError::MissingHuman(Verdict::Add)),
            (
                correct(tie.clone(), other.clone()),
                ReviewError::KindMismatch { machine: ItemKind::Tie, human: ItemKind::Place },
            ),
            (add(place("RU-KGD", (20, 10))), ReviewError::BadSpan { start: 20, end: 10 }),
            (
                reject(Item::Figure(FigureFact { evidence: (9, 3), ..figure(1.0, (1, 2)) })),
                ReviewError::BadSpan { start: 9, end: 3 },
            ),
            (add(place(" ", (1, 2))), ReviewError::EmptyId(ItemKind::Place)),
            (Decision { reviewer: " ".into(), ..accept(tie) }, ReviewError::NoReviewer),
        ];
        for (decision, error) in refused {
            assert_eq!(decision.validate(), Err(error), "{decision:?}");
        }
    }

    #[test]
    fn no_decisions_leave_the_facts_alone() {
        assert_eq!(apply(&facts(), &[]), facts());
        assert_eq!(apply(&facts(), &[accept(first_tie()), accept(place("RU-KGD", (10, 20)))]), facts());
    }

    #[test]
    fn reject_removes_the_item() {
        let reviewed = apply(&facts(), &[reject(first_tie()), reject(Item::Figure(figure(5.0, (60, 65))))]);
        assert_eq!(reviewed.ties, [facts().ties[1].clone()]);
        assert_eq!(reviewed.figures, [facts().figures[1].clone()]);
        assert_eq!((reviewed.extractor.as_str(), reviewed.depth.as_str()), ("test 1", "formal"));
        assert_eq!(reviewed.subject.as_deref(), Some("RU-KGD"));
        assert_eq!(reviewed.places, facts().places);
    }

    #[test]
    fn reject_matches_by_key_not_by_details() {
        let mut reworded = facts().ties[0].clone();
        reworded.forms = vec!["visit".into()];
        std::mem::swap(&mut reworded.a, &mut reworded.b);
        let reviewed = apply(&facts(), &[reject(Item::Tie(reworded))]);
        assert_eq!(reviewed.ties, [facts().ties[1].clone()]);
    }

    #[test]
    fn correct_replaces_the_item_where_it_stood() {
        let mut better = facts().ties[0].clone();
        better.spheres = vec!["tourism".into()];
        let moved = tie("BY-BR", "RU-KGD", (0, 100));
        let reviewed = apply(&facts(), &[correct(first_tie(), Item::Tie(better.clone()))]);
        assert_eq!(reviewed.ties, [better, facts().ties[1].clone()]);
        let reviewed = apply(&facts(), &[correct(first_tie(), Item::Tie(moved.clone()))]);
        assert_eq!(reviewed.ties, [moved, facts().ties[1].clone()]);
        let reviewed = apply(
            &facts(),
            &[correct(Item::Figure(figure(7.0, (160, 165))), Item::Figure(figure(7000.0, (160, 168))))],
        );
        assert_eq!(reviewed.figures, [figure(5.0, (60, 65)), figure(7000.0, (160, 168))]);
    }

    #[test]
    fn a_corrected_tie_keeps_its_pair_in_order() {
        let reviewed = apply(&facts(), &[correct(first_tie(), Item::Tie(tie("RU-PSK", "BY-VI", (0, 100))))]);
        assert_eq!((reviewed.ties[0].a.as_str(), reviewed.ties[0].b.as_str()), ("BY-VI", "RU-PSK"));
    }

    #[test]
    fn place_mentions_are_removed_and_moved_one_by_one() {
        let reviewed = apply(&facts(), &[reject(place("BY-HR", (40, 50)))]);
        assert_eq!(reviewed.places[0], PlaceFact { place: "BY-HR".into(), mentions: vec![(0, 6)] });
        // The last mention of a place takes the place with it.
        let reviewed = apply(&facts(), &[reject(place("RU-KGD", (10, 20)))]);
        assert_eq!(reviewed.places, [facts().places[0].clone()]);
        // A mention moved to another place joins its mentions in text order...
        let reviewed = apply(&facts(), &[correct(place("RU-KGD", (10, 20)), place("BY-HR", (10, 20)))]);
        assert_eq!(reviewed.places, [PlaceFact { place: "BY-HR".into(), mentions: vec![(0, 6), (10, 20), (40, 50)] }]);
        // ...or makes a new place.
        let reviewed = apply(&facts(), &[correct(place("BY-HR", (40, 50)), place("LT", (40, 50)))]);
        assert_eq!(reviewed.places[0].mentions, [(0, 6)]);
        assert_eq!(reviewed.places[2], PlaceFact { place: "LT".into(), mentions: vec![(40, 50)] });
    }

    #[test]
    fn add_appends_once() {
        let missed = tie("RU-KGD", "RU-SPE", (200, 300));
        let reviewed = apply(&facts(), &[add(Item::Tie(missed.clone())), add(Item::Tie(missed.clone()))]);
        assert_eq!(reviewed.ties.len(), 3);
        assert_eq!(reviewed.ties[2], missed);
        let reviewed = apply(&facts(), &[add(place("RU-SPE", (70, 80))), add(place("RU-KGD", (30, 35)))]);
        assert_eq!(reviewed.places[1].mentions, [(10, 20), (30, 35)]);
        assert_eq!(reviewed.places[2], PlaceFact { place: "RU-SPE".into(), mentions: vec![(70, 80)] });
        let reviewed = apply(&facts(), &[add(Item::Figure(figure(1.0, (300, 301))))]);
        assert_eq!(reviewed.figures.len(), 3);
    }

    #[test]
    fn an_addition_the_machine_later_found_is_not_counted_twice() {
        let mut added = facts().ties[1].clone();
        added.forms = vec!["visit".into()];
        let reviewed = apply(&facts(), &[add(Item::Tie(added.clone())), add(place("BY-HR", (40, 50)))]);
        assert_eq!(reviewed.ties, [facts().ties[0].clone(), added]);
        assert_eq!(reviewed.places, facts().places);
    }

    #[test]
    fn the_last_decision_wins() {
        let decisions = [reject(first_tie()), accept(first_tie())];
        assert_eq!(apply(&facts(), &decisions), facts());
        let mut better = facts().ties[0].clone();
        better.forms = vec!["visit".into()];
        let decisions = [correct(first_tie(), Item::Tie(better)), reject(first_tie())];
        assert_eq!(apply(&facts(), &decisions).ties, [facts().ties[1].clone()]);
        let missed = Item::Tie(tie("RU-KGD", "RU-SPE", (200, 300)));
        assert_eq!(apply(&facts(), &[add(missed.clone()), reject(missed)]), facts());
    }

    #[test]
    fn decisions_about_items_reextraction_changed() {
        // The new extractor no longer finds the first tie nor the first figure.
        let mut reextracted = facts();
        reextracted.ties.remove(0);
        reextracted.figures.remove(0);
        let human = tie("BY-BR", "RU-KGD", (0, 100));
        let decisions = [
            correct(first_tie(), Item::Tie(human.clone())),
            reject(Item::Figure(figure(5.0, (60, 65)))),
            accept(place("RU-KGD", (11, 20))),
            reject(place("RU-KGD", (11, 20))),
        ];
        let reviewed = apply(&reextracted, &decisions);
        assert_eq!(reviewed.ties, [facts().ties[1].clone(), human], "a correction still stands");
        assert_eq!(reviewed.figures, reextracted.figures, "a rejection of what is gone does nothing");
        assert_eq!(reviewed.places, reextracted.places);
    }

    #[test]
    fn invalid_decisions_are_ignored() {
        let invalid = decision(Verdict::Reject, Some(first_tie()), Some(first_tie()));
        assert_eq!(apply(&facts(), std::slice::from_ref(&invalid)), facts());
        assert_eq!(agreement(&[invalid])[0].reviewed, 0);
    }

    #[test]
    fn agreement_counts_each_item_once_by_its_latest_decision() {
        let other = DocumentId::of(b"other");
        let on_other = |decision: Decision| Decision { document: other.clone(), ..decision };
        let missed = Item::Tie(tie("RU-KGD", "RU-SPE", (200, 300)));
        let decisions = [
            reject(first_tie()),
            accept(first_tie()),
            // The same item in another document is another item.
            on_other(reject(first_tie())),
            correct(Item::Tie(facts().ties[1].clone()), Item::Tie(tie("BY-MI", "RU-SPE", (100, 200)))),
            add(missed.clone()),
            add(missed),
            accept(Item::Figure(figure(5.0, (60, 65)))),
        ];
        let rows = agreement(&decisions);
        assert_eq!(rows.iter().map(|row| row.kind).collect::<Vec<_>>(), ItemKind::ALL);
        assert_eq!(
            rows[0],
            Agreement { kind: ItemKind::Tie, reviewed: 3, accepted: 1, corrected: 1, rejected: 1, added: 1 }
        );
        assert_eq!(rows[0].rate(), Some(1.0 / 3.0));
        assert_eq!(rows[1].rate(), Some(1.0));
        assert_eq!((rows[2].reviewed, rows[2].rate()), (0, None));
    }
}

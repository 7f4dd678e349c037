//! The partner network: places as nodes, ties as weighted edges, with the centralities and
//! communities of `graph` and the years each node and edge was seen, for dynamic views.

use serde::Serialize;

/// A place in the network with its attributes and measures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Node {
    /// The gazetteer id (`RU-KGD`, `BY`, `geonames:2013348`).
    pub id: String,
    /// The name in the report's language.
    pub label: String,
    /// `country`, `region` or `city`.
    pub kind: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// The federal district key of a Russian region or city (`central`, `far_eastern`...).
    pub federal_district: Option<String>,
    /// (latitude, longitude).
    pub coordinates: Option<(f64, f64)>,
    /// Number of partners.
    pub degree: usize,
    /// Sum of the weights of its edges.
    pub weighted_degree: f64,
    /// Betweenness centrality, normalised to [0, 1], over edges of length 1 / weight.
    pub betweenness: f64,
    /// PageRank with damping 0.85 over the weighted edges; sums to 1 over the network.
    pub pagerank: f64,
    /// Community found by Louvain modularity optimisation; numbered from 0 by size.
    pub community: usize,
    /// Years in which the place has at least one tie, ascending.
    pub years: Vec<i32>,
}

/// A partnership between two places.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Edge {
    /// Index of the node whose id sorts first.
    pub source: usize,
    pub target: usize,
    /// What the network was weighted by: documents, or documents stating an agreement.
    pub weight: f64,
    /// Documents that state the tie.
    pub documents: usize,
    /// Documents that state an agreement between the two.
    pub agreements: usize,
    pub forms: Vec<String>,
    pub spheres: Vec<String>,
    /// Years of the documents that state it, ascending.
    pub years: Vec<i32>,
    /// `interregional` (one country) or `international`.
    pub scope: String,
}

/// What an edge's weight counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Weight {
    /// Documents that state the tie.
    #[default]
    Documents,
    /// Documents that state an agreement between the two places.
    Agreements,
}

/// A partner network.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Network {
    pub weight: Weight,
    /// `Some(k)` when betweenness was estimated from k source nodes rather than computed exactly.
    pub betweenness_pivots: Option<usize>,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

/// Above this many node × edge operations (about 3 s on a laptop core), betweenness is estimated
/// from a deterministic sample of source nodes instead of computed from all of them: exact
/// betweenness of 20,000 places and 200,000 partnerships takes two minutes.
pub const EXACT_BETWEENNESS_WORK: usize = 100_000_000;
/// Source nodes of the estimate (every n/256-th node).
pub const BETWEENNESS_PIVOTS: usize = 256;

/// Betweenness of every node, exact or, on a graph too large for that, estimated from
/// [`BETWEENNESS_PIVOTS`] source nodes (then the number of pivots comes back too).
fn betweenness(graph: &crate::graph::Graph) -> (Vec<f64>, Option<usize>) {
    let nodes = graph.node_count();
    if nodes.saturating_mul(graph.edge_count()) > EXACT_BETWEENNESS_WORK && nodes > BETWEENNESS_PIVOTS {
        (crate::graph::betweenness_sampled(graph, BETWEENNESS_PIVOTS), Some(BETWEENNESS_PIVOTS))
    } else {
        (crate::graph::betweenness(graph), None)
    }
}

/// The partner network of an analysis: one node per place with a tie, one edge per partnership
/// (with `Weight::Agreements`, only partnerships with an agreement).
pub fn build(analysis: &crate::Analysis, geography: &crate::Geography, weight: Weight, lang: crate::Lang) -> Network {
    use std::collections::BTreeSet;

    let kept: Vec<&crate::analysis::Partnership> = analysis
        .partnerships
        .iter()
        .filter(|partnership| weight == Weight::Documents || partnership.agreements() > 0)
        .collect();
    let ids: BTreeSet<&str> =
        kept.iter().flat_map(|partnership| [partnership.a.as_str(), partnership.b.as_str()]).collect();
    let ids: Vec<&str> = ids.into_iter().collect();
    let index = |id: &str| ids.binary_search(&id).expect("every end is a node");
    let mut node_years: Vec<BTreeSet<i32>> = vec![BTreeSet::new(); ids.len()];
    let mut edges = Vec::with_capacity(kept.len());
    for partnership in &kept {
        let (source, target) = (index(&partnership.a), index(&partnership.b));
        let years: Vec<i32> = partnership.years.keys().copied().collect();
        node_years[source].extend(&years);
        node_years[target].extend(&years);
        edges.push(Edge {
            source,
            target,
            weight: match weight {
                Weight::Documents => partnership.documents.len() as f64,
                Weight::Agreements => partnership.agreements() as f64,
            },
            documents: partnership.documents.len(),
            agreements: partnership.agreements(),
            forms: partnership.forms.keys().cloned().collect(),
            spheres: partnership.spheres.keys().cloned().collect(),
            years,
            scope: partnership.scope.as_str().to_string(),
        });
    }
    let graph = crate::graph::Graph::new(
        ids.len(),
        &edges.iter().map(|edge| (edge.source, edge.target, edge.weight)).collect::<Vec<_>>(),
    );
    let (betweenness, betweenness_pivots) = betweenness(&graph);
    let pagerank = crate::graph::pagerank(&graph, 0.85);
    let communities = crate::graph::louvain(&graph);
    let nodes = ids
        .iter()
        .enumerate()
        .map(|(node, id)| {
            let area = geography.area(id);
            Node {
                id: id.to_string(),
                label: geography.name(id, lang).to_string(),
                kind: area.map_or("unknown", |area| area.kind.as_str()).to_string(),
                country: geography.country(id).to_string(),
                federal_district: area.and_then(|area| area.federal_district.clone()),
                coordinates: area.and_then(|area| area.coordinates),
                degree: graph.degree(node),
                weighted_degree: graph.weighted_degree(node),
                betweenness: betweenness[node],
                pagerank: pagerank[node],
                community: communities[node],
                years: node_years[node].iter().copied().collect(),
            }
        })
        .collect();
    Network { weight, betweenness_pivots, nodes, edges }
}

/// The measures of each place in each year: the dynamic network as a table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearMeasures {
    pub year: i32,
    /// Index into `Network::nodes`.
    pub node: usize,
    pub degree: usize,
    pub weighted_degree: f64,
    /// Betweenness, PageRank and community within that year's network, computed as for the
    /// whole network (betweenness estimated from a sample on very large years).
    pub betweenness: f64,
    pub pagerank: f64,
    pub community: usize,
}

/// Per year, the network of that year and the measures of every place in it. An edge counts in a
/// year when a document of that year states it (weighted by agreements: states an agreement);
/// its weight that year is the number of such documents. Undated documents are in no year.
pub fn measures_by_year(analysis: &crate::Analysis, network: &Network) -> Vec<YearMeasures> {
    use std::collections::BTreeMap;

    let by_pair: std::collections::HashMap<(&str, &str), &crate::analysis::Partnership> = analysis
        .partnerships
        .iter()
        .map(|partnership| ((partnership.a.as_str(), partnership.b.as_str()), partnership))
        .collect();
    // Per year, the edges (between network node indexes) with their weight that year.
    let mut years: BTreeMap<i32, Vec<(usize, usize, f64)>> = BTreeMap::new();
    for edge in &network.edges {
        let key = (network.nodes[edge.source].id.as_str(), network.nodes[edge.target].id.as_str());
        let Some(partnership) = by_pair.get(&key) else { continue };
        let counts = match network.weight {
            Weight::Documents => &partnership.years,
            Weight::Agreements => &partnership.agreement_years,
        };
        for (year, documents) in counts {
            years.entry(*year).or_default().push((edge.source, edge.target, *documents as f64));
        }
    }
    let mut rows = Vec::new();
    for (year, edges) in years {
        // The year's graph on its own nodes, numbered densely in network order.
        let mut nodes: Vec<usize> = edges.iter().flat_map(|(source, target, _)| [*source, *target]).collect();
        nodes.sort_unstable();
        nodes.dedup();
        let local = |node: usize| nodes.binary_search(&node).expect("a node of the year");
        let local_edges: Vec<(usize, usize, f64)> =
            edges.iter().map(|(source, target, weight)| (local(*source), local(*target), *weight)).collect();
        let graph = crate::graph::Graph::new(nodes.len(), &local_edges);
        let (betweenness, _) = betweenness(&graph);
        let pagerank = crate::graph::pagerank(&graph, 0.85);
        let communities = crate::graph::louvain(&graph);
        for (index, node) in nodes.iter().enumerate() {
            rows.push(YearMeasures {
                year,
                node: *node,
                degree: graph.degree(index),
                weighted_degree: graph.weighted_degree(index),
                betweenness: betweenness[index],
                pagerank: pagerank[index],
                community: communities[index],
            });
        }
    }
    rows
}

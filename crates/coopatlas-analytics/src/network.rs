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
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

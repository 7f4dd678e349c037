//! Measures of a weighted undirected graph: betweenness, PageRank and Louvain communities.

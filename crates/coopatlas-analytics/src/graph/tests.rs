use super::*;

fn unweighted(nodes: usize, edges: &[(usize, usize)]) -> Graph {
    let weighted: Vec<(usize, usize, f64)> = edges.iter().map(|&(a, b)| (a, b, 1.0)).collect();
    Graph::new(nodes, &weighted)
}

fn assert_close(actual: &[f64], expected: &[f64], tolerance: f64) {
    assert_eq!(actual.len(), expected.len(), "{actual:?} vs {expected:?}");
    for (i, (a, e)) in actual.iter().zip(expected).enumerate() {
        assert!((a - e).abs() <= tolerance, "node {i}: {a} vs {e} (all: {actual:?})");
    }
}

/// Two triangles {0,1,2} and {3,4,5} joined by the bridge 2-3.
fn two_triangles() -> Graph {
    unweighted(6, &[(0, 1), (0, 2), (1, 2), (3, 4), (3, 5), (4, 5), (2, 3)])
}

/// A small deterministic pseudo-random graph: each pair is an edge with probability about
/// `density`, weights in (0, 5].
fn pseudo_random(nodes: usize, density: f64, seed: u64) -> Graph {
    let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    let mut next = move || {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut edges = Vec::new();
    for a in 0..nodes {
        for b in a + 1..nodes {
            if next() < density {
                edges.push((a, b, 5.0 * (1.0 - next())));
            }
        }
    }
    Graph::new(nodes, &edges)
}

#[test]
fn adjacency_and_degrees() {
    let g = Graph::new(4, &[(2, 0, 1.5), (0, 1, 2.0), (1, 2, 0.5)]);
    assert_eq!(g.node_count(), 4);
    assert_eq!(g.edge_count(), 3);
    assert_eq!((0..4).map(|v| g.degree(v)).collect::<Vec<_>>(), [2, 2, 2, 0]);
    assert_close(&(0..4).map(|v| g.weighted_degree(v)).collect::<Vec<_>>(), &[3.5, 2.5, 2.0, 0.0], 0.0);
    assert_eq!(g.neighbors(0).collect::<Vec<_>>(), [(1, 2.0), (2, 1.5)]);
    assert_eq!(g.neighbors(3).count(), 0);
}

#[test]
#[should_panic(expected = "given twice")]
fn a_parallel_edge_is_refused() {
    Graph::new(2, &[(0, 1, 1.0), (1, 0, 2.0)]);
}

#[test]
#[should_panic(expected = "self loop")]
fn a_self_loop_is_refused() {
    Graph::new(2, &[(1, 1, 1.0)]);
}

#[test]
#[should_panic(expected = "not finite and positive")]
fn a_zero_weight_is_refused() {
    Graph::new(2, &[(0, 1, 0.0)]);
}

#[test]
fn empty_graph() {
    let g = Graph::new(0, &[]);
    assert!(betweenness(&g).is_empty());
    assert!(betweenness_sampled(&g, 3).is_empty());
    assert!(pagerank(&g, PAGERANK_DAMPING).is_empty());
    assert!(louvain(&g).is_empty());
    assert_eq!(modularity(&g, &[]), 0.0);
}

#[test]
fn betweenness_of_a_path() {
    // a-b-c: b is on the one shortest path of the one pair (a, c). From source a and from
    // source c it collects 1 each: raw 2, divided by (n-1)(n-2) = 2 gives 1.
    let g = unweighted(3, &[(0, 1), (1, 2)]);
    assert_close(&betweenness(&g), &[0.0, 1.0, 0.0], 1e-12);
}

#[test]
fn betweenness_of_a_star() {
    // Centre 0 with leaves 1..=4: the centre is on the one shortest path of each of the
    // C(4,2) = 6 leaf pairs; normalised by (n-1)(n-2)/2 = 4·3/2 = 6 gives 1. Leaves lie on none.
    let g = unweighted(5, &[(0, 1), (0, 2), (0, 3), (0, 4)]);
    assert_close(&betweenness(&g), &[1.0, 0.0, 0.0, 0.0, 0.0], 1e-12);
}

#[test]
fn betweenness_of_two_triangles_and_a_bridge() {
    // Node 2 is on the one shortest path of each pair in {0,1} × {3,4,5} (6 pairs), node 3 on
    // each pair in {0,1,2} × {4,5} (6 pairs); 0, 1, 4, 5 are on none (0-1 and 4-5 are edges).
    // Normalised by (n-1)(n-2)/2 = 5·4/2 = 10: 0.6.
    let g = two_triangles();
    assert_close(&betweenness(&g), &[0.0, 0.0, 0.6, 0.6, 0.0, 0.0], 1e-12);
}

#[test]
fn a_heavier_edge_changes_the_shortest_path() {
    // Triangle 0-1 (weight 1), 1-2 (weight 1), 0-2 (weight 0.25). Unweighted, 0 and 2 are
    // neighbours and nobody is between anyone. With lengths 1/weight, 0-1-2 has length 2 and
    // the direct edge length 4, so node 1 is on the one shortest path of (0, 2): raw 1 per
    // direction, 2 / ((n-1)(n-2) = 2) = 1.
    let g = Graph::new(3, &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 0.25)]);
    assert_close(&betweenness(&g), &[0.0, 1.0, 0.0], 1e-12);
    let plain = unweighted(3, &[(0, 1), (1, 2), (0, 2)]);
    assert_close(&betweenness(&plain), &[0.0, 0.0, 0.0], 1e-12);
}

#[test]
fn weighted_betweenness_splits_equally_short_paths() {
    // Cycle 0-1-2-3-0. Unweighted: each opposite pair (0,2), (1,3) has two shortest paths, so
    // each node gets 1/2 per pair through it: 1/2 in pair units, / ((n-1)(n-2)/2 = 3) = 1/6.
    let cycle = unweighted(4, &[(0, 1), (1, 2), (2, 3), (3, 0)]);
    assert_close(&betweenness(&cycle), &[1.0 / 6.0; 4], 1e-12);
    // Weights 4 on 0-3 and 3-2 (length 1/4): (0,2) goes 0-3-2 (1/2 < 2), so 3 gets 1; (1,3)
    // has 1-0-3 and 1-2-3 both of length 1.25, so 0 and 2 get 1/2 each; all other pairs are
    // neighbours whose edge is shortest (0-1: 1 < 1.5). Divided by 3: [1/6, 0, 1/6, 1/3].
    let g = Graph::new(4, &[(0, 1, 1.0), (1, 2, 1.0), (2, 3, 4.0), (3, 0, 4.0)]);
    assert_close(&betweenness(&g), &[1.0 / 6.0, 0.0, 1.0 / 6.0, 1.0 / 3.0], 1e-12);
}

#[test]
fn betweenness_with_isolated_nodes_and_components() {
    // Path 0-1-2 plus isolated 3 and the separate edge 4-5: only (0, 2) has a middle node.
    // Raw 2 (both directions) / ((n-1)(n-2) = 5·4 = 20) = 0.1. Unreachable pairs add nothing.
    let g = unweighted(6, &[(0, 1), (1, 2), (4, 5)]);
    assert_close(&betweenness(&g), &[0.0, 0.1, 0.0, 0.0, 0.0, 0.0], 1e-12);
    // Fewer than three nodes: 0 by definition.
    assert_eq!(betweenness(&unweighted(2, &[(0, 1)])), [0.0, 0.0]);
}

#[test]
fn sampled_betweenness_with_every_node_as_pivot_is_exact() {
    let g = pseudo_random(30, 0.2, 7);
    assert_eq!(betweenness_sampled(&g, 30), betweenness(&g));
    assert_eq!(betweenness_sampled(&g, 100), betweenness(&g));
    assert_eq!(betweenness_sampled(&g, 0), vec![0.0; 30]);
}

#[test]
fn sampled_betweenness_scales_the_pivots() {
    // Star with centre 0 and leaves 1..=4, two pivots: nodes 0·5/2 = 0 and 1·5/2 = 2. From the
    // centre nothing lies between; from leaf 2 the centre is on the paths to the 3 other
    // leaves: raw 3, times n/pivots = 5/2, divided by (n-1)(n-2) = 12: 7.5/12 = 0.625.
    let g = unweighted(5, &[(0, 1), (0, 2), (0, 3), (0, 4)]);
    assert_close(&betweenness_sampled(&g, 2), &[0.625, 0.0, 0.0, 0.0, 0.0], 1e-12);
}

#[test]
fn betweenness_matches_networkx() {
    // networkx 3.6.1: nx.betweenness_centrality(G, weight="length") on this graph with
    // length = 1/weight on every edge (normalized=True, undirected).
    let g = reference_graph();
    let expected = [
        0.0,
        0.2222222222222222,
        0.5,
        0.027777777777777776,
        0.08333333333333333,
        0.1111111111111111,
        0.4722222222222222,
        0.2222222222222222,
        0.2777777777777778,
        0.0,
    ];
    assert_close(&betweenness(&g), &expected, 1e-12);
}

fn reference_graph() -> Graph {
    Graph::new(
        10,
        &[
            (0, 1, 3.0),
            (0, 2, 1.0),
            (1, 2, 2.0),
            (1, 3, 0.5),
            (2, 4, 4.0),
            (3, 4, 1.5),
            (3, 5, 2.5),
            (4, 6, 1.0),
            (5, 6, 3.0),
            (5, 7, 0.8),
            (6, 8, 2.0),
            (7, 8, 1.2),
            (7, 9, 5.0),
            (8, 9, 0.7),
            (0, 9, 0.3),
            (2, 6, 1.7),
        ],
    )
}

#[test]
fn pagerank_of_a_symmetric_graph_is_uniform() {
    // A cycle with equal weights: every node has the same equation, so 1/n each.
    let g = Graph::new(5, &[(0, 1, 2.0), (1, 2, 2.0), (2, 3, 2.0), (3, 4, 2.0), (4, 0, 2.0)]);
    assert_close(&pagerank(&g, PAGERANK_DAMPING), &[0.2; 5], 1e-12);
}

#[test]
fn pagerank_of_a_star() {
    // Centre c with k = 4 leaves, n = 5, d = 0.85. A leaf gives all its rank to c, c gives
    // c/k to each leaf: c = (1-d)/n + d·k·l and l = (1-d)/n + d·c/k. Substituting,
    // c = (1-d)(1+dk)/n + d²c, so c = (1+dk)/(n(1+d)) = 4.4/9.25 = 0.475675…, and
    // l = (1-c)/4 = 4.85/37 = 0.131081….
    let g = unweighted(5, &[(0, 1), (0, 2), (0, 3), (0, 4)]);
    let c = 4.4 / 9.25;
    let l = (1.0 - c) / 4.0;
    assert_close(&pagerank(&g, 0.85), &[c, l, l, l, l], 1e-10);
}

#[test]
fn pagerank_spreads_an_isolated_node_uniformly() {
    // Edge 0-1 and isolated 2, d = 0.85. The isolated node keeps only teleports and its own
    // uniform spread: b = (1-d)/3 + d·b/3, so b = (1-d)/(3-d) = 0.15/2.15; the other two share
    // the rest equally: a = (1-b)/2 = 1/2.15.
    let g = unweighted(3, &[(0, 1)]);
    let b = 0.15 / 2.15;
    let a = 1.0 / 2.15;
    assert_close(&pagerank(&g, 0.85), &[a, a, b], 1e-10);
    // Only isolated nodes: uniform.
    assert_close(&pagerank(&Graph::new(4, &[]), 0.85), &[0.25; 4], 1e-15);
}

#[test]
fn pagerank_follows_the_weights() {
    // Path 0-1-2 with weights 3 (0-1) and 1 (1-2): node 1 sends 3/4 of its rank to 0 and 1/4
    // to 2, so 0 outranks 2. Unit weights would make them equal.
    let g = Graph::new(3, &[(0, 1, 3.0), (1, 2, 1.0)]);
    let rank = pagerank(&g, 0.85);
    assert!(rank[0] > rank[2], "{rank:?}");
    let plain = pagerank(&unweighted(3, &[(0, 1), (1, 2)]), 0.85);
    assert!((plain[0] - plain[2]).abs() < 1e-12, "{plain:?}");
}

#[test]
fn pagerank_matches_networkx() {
    // networkx 3.6.1: nx.pagerank(G, weight="weight", tol=1e-15, max_iter=10000) (alpha 0.85,
    // its pure-Python power iteration) on the reference graph.
    let expected = [
        0.07636731814267508,
        0.09437054798851738,
        0.13687339658324196,
        0.0776919811967573,
        0.10411892079663941,
        0.10369469378316883,
        0.12333986917004942,
        0.11488743271791677,
        0.06886731569203951,
        0.0997885239289945,
    ];
    assert_close(&pagerank(&reference_graph(), 0.85), &expected, 1e-10);
}

#[test]
fn pagerank_sums_to_one_and_betweenness_stays_in_range() {
    for seed in 0..20 {
        let nodes = 5 + (seed as usize * 7) % 40;
        let g = pseudo_random(nodes, 0.1 + 0.02 * seed as f64, seed);
        for damping in [0.0, 0.5, 0.85, 1.0] {
            let rank = pagerank(&g, damping);
            let sum: f64 = rank.iter().sum();
            assert!((sum - 1.0).abs() < 1e-12, "seed {seed}, damping {damping}: sum {sum}");
            assert!(rank.iter().all(|&r| r >= 0.0));
        }
        assert!(betweenness(&g).iter().all(|&b| (0.0..=1.0 + 1e-12).contains(&b)), "seed {seed}");
        let communities = louvain(&g);
        assert!(modularity(&g, &communities) >= modularity(&g, &vec![0; nodes]) - 1e-12, "seed {seed}");
        assert!(modularity(&g, &communities) >= modularity(&g, &(0..nodes).collect::<Vec<_>>()) - 1e-12);
    }
}

#[test]
fn modularity_of_two_triangles() {
    // m = 7. Community {0,1,2}: 3 internal edges, strength 2+2+3 = 7; {3,4,5} the same.
    // Q = Σ (L_c/m − (d_c/2m)²) = 2·(3/7 − (7/14)²) = 6/7 − 1/2 = 5/14.
    let g = two_triangles();
    assert!((modularity(&g, &[0, 0, 0, 1, 1, 1]) - 5.0 / 14.0).abs() < 1e-12);
    // Labels are any numbers.
    assert!((modularity(&g, &[9, 9, 9, 4, 4, 4]) - 5.0 / 14.0).abs() < 1e-12);
    // One community: 7/7 − 1 = 0.
    assert!(modularity(&g, &[0; 6]).abs() < 1e-12);
    // Weighted: doubling every weight changes nothing.
    let doubled =
        Graph::new(6, &[(0, 1, 2.0), (0, 2, 2.0), (1, 2, 2.0), (3, 4, 2.0), (3, 5, 2.0), (4, 5, 2.0), (2, 3, 2.0)]);
    assert!((modularity(&doubled, &[0, 0, 0, 1, 1, 1]) - 5.0 / 14.0).abs() < 1e-12);
}

#[test]
fn modularity_matches_networkx() {
    // networkx 3.6.1: nx.community.modularity(G, [{0,1,2}, {3,4,5,6}, {7,8,9}], weight="weight").
    let q = modularity(&reference_graph(), &[0, 0, 0, 1, 1, 1, 1, 2, 2, 2]);
    assert!((q - 0.348630542520065).abs() < 1e-12, "{q}");
}

#[test]
fn louvain_finds_two_triangles() {
    // Visiting 0..6 in order: 0 joins 1 (gain 1 − 2·2/14 beats joining 2, 1 − 3·2/14), 2 joins
    // them, 3 joins 4 (tie with 5, lowest id), 4 then prefers 5's community, 3 follows on the
    // second pass; joined, the two triangles gain nothing (1 − 7·7/14 < 0). Both have size 3,
    // so the one holding node 0 is number 0.
    let g = two_triangles();
    let communities = louvain(&g);
    assert_eq!(communities, [0, 0, 0, 1, 1, 1]);
    assert!((modularity(&g, &communities) - 5.0 / 14.0).abs() < 1e-12);
}

#[test]
fn louvain_numbers_communities_by_size() {
    // A triangle {4,5,6} and a 4-clique {0,1,2,3}... placed so that the larger group has the
    // higher indices: K4 on {3,4,5,6}, triangle {0,1,2}, joined by the edge 2-3. The K4 is
    // the larger community, so it is number 0.
    let g = unweighted(7, &[(0, 1), (0, 2), (1, 2), (2, 3), (3, 4), (3, 5), (3, 6), (4, 5), (4, 6), (5, 6)]);
    assert_eq!(louvain(&g), [1, 1, 1, 0, 0, 0, 0]);
}

#[test]
fn louvain_on_isolated_nodes_and_components() {
    // No edges: each node alone, numbered by index (all size 1).
    assert_eq!(louvain(&Graph::new(3, &[])), [0, 1, 2]);
    // Edge 1-2, isolated 0 and 3: the pair is the largest community.
    assert_eq!(louvain(&unweighted(4, &[(1, 2)])), [1, 0, 0, 2]);
}

#[test]
fn louvain_follows_the_weights() {
    // A 4-cycle 0-1-2-3-0 where 0-1 and 2-3 weigh 10 and the others 1: the heavy pairs are the
    // communities. m = 22; {0,1},{2,3}: 2·(10/22 − (11/22)²) = 20/22 − 1/2 = 9/22.
    let g = Graph::new(4, &[(0, 1, 10.0), (1, 2, 1.0), (2, 3, 10.0), (3, 0, 1.0)]);
    let communities = louvain(&g);
    assert_eq!(communities, [0, 0, 1, 1]);
    assert!((modularity(&g, &communities) - 9.0 / 22.0).abs() < 1e-12);
    // The other pairing would be worse: 2·(1/22 − 1/4) < 0.
    assert!(modularity(&g, &[0, 1, 1, 0]) < 0.0);
}

#[test]
fn louvain_on_the_reference_graph() {
    // networkx 3.6.1's (randomised) louvain_communities(G, weight="weight", seed=1) finds
    // {0,1,2,4}, {3,5,6}, {7,8,9} with modularity 0.398299…; the deterministic run here must do
    // at least as well as the hand partition of modularity_matches_networkx and be repeatable.
    let g = reference_graph();
    let communities = louvain(&g);
    assert_eq!(communities, louvain(&g));
    assert!(modularity(&g, &communities) >= 0.348630542520065, "{communities:?}");
}

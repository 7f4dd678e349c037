"""Reads back what tests/readback.rs wrote, with other programs' readers, and compares the values
with expected.json (the tables and the network as the test built them).

Usage: readback.py EXPECTED_JSON. Exits non-zero with a list of differences if any.
"""

import csv
import json
import math
import os
import sys
import xml.etree.ElementTree as ET

import networkx as nx
import openpyxl
from openpyxl.utils import get_column_letter

GEXF = "{http://gexf.net/1.3}"
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


def same_number(found, expected):
    """Equal numbers, and an int where an int was written (bool is no number here)."""
    if isinstance(found, bool) or not isinstance(found, (int, float)):
        return False
    if isinstance(expected, int) and not isinstance(found, int):
        return False
    return found == expected


def joined(items):
    return ";".join(str(item) for item in items)


# ---------------------------------------------------------------- tables


def csv_text(value):
    """What a cell looks like in CSV: the rules in the crate's docs."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return None  # numbers are compared by value


def check_csv_file(path, table):
    with open(path, "rb") as f:
        raw = f.read()
    check(not raw.startswith(b"\xef\xbb\xbf"), f"{path}: starts with a byte order mark")
    check(raw.endswith(b"\r\n"), f"{path}: last line does not end with CRLF")
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if not check(rows and rows[0] == table["columns"], f"{path}: header {rows[:1]} != {table['columns']}"):
        return
    body = rows[1:]
    if not check(len(body) == len(table["rows"]), f"{path}: {len(body)} rows, expected {len(table['rows'])}"):
        return
    for r, (found_row, expected_row) in enumerate(zip(body, table["rows"])):
        check(len(found_row) == len(expected_row), f"{path} row {r}: {len(found_row)} fields")
        for c, (found, expected) in enumerate(zip(found_row, expected_row)):
            where = f"{path} row {r} col {c}"
            text = csv_text(expected)
            if text is not None:
                check(found == text, f"{where}: {found!r} != {text!r}")
            elif isinstance(expected, int):
                check(found.lstrip("-").isdigit() and int(found) == expected, f"{where}: {found!r} != {expected}")
            else:
                check(float(found) == expected, f"{where}: {found!r} != {expected!r}")
                check("e" not in found or not (1e-6 <= abs(expected) < 1e15), f"{where}: exponent in {found!r}")


def xlsx_value(expected):
    """What openpyxl gives back for a cell: Excel numbers are doubles."""
    if isinstance(expected, int) and abs(expected) > 2**53:
        return int(float(expected))
    return expected


def check_sheet(ws, table, path):
    where = f"{path} sheet {ws.title!r}"
    columns = table["columns"]
    header = [cell.value for cell in ws[1]] if ws.max_row >= 1 else []
    check(header == columns, f"{where}: header {header} != {columns}")
    for cell in ws[1]:
        check(cell.font is not None and cell.font.b, f"{where}: header cell {cell.coordinate} is not bold")
    check(ws.freeze_panes == "A2", f"{where}: freeze_panes {ws.freeze_panes!r} != 'A2'")
    last = f"{get_column_letter(len(columns))}{len(table['rows']) + 1}"
    check(ws.auto_filter.ref == f"A1:{last}", f"{where}: autofilter {ws.auto_filter.ref!r} != 'A1:{last}'")
    for index in range(1, len(columns) + 1):
        width = ws.column_dimensions[get_column_letter(index)].width
        check(width is not None and 8 <= width <= 61, f"{where}: column {index} width {width}")
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    # A row of blank cells is no row in a sheet: trailing ones are not there to read.
    blank = [row for row in table["rows"][len(rows):] if all(value is None for value in row)]
    rows += [(None,) * len(columns)] * len(blank)
    if not check(len(rows) == len(table["rows"]), f"{where}: {len(rows)} rows, expected {len(table['rows'])}"):
        return
    for r, (found_row, expected_row) in enumerate(zip(rows, table["rows"])):
        found_row = list(found_row) + [None] * (len(expected_row) - len(found_row))
        for c, (found, expected) in enumerate(zip(found_row, expected_row)):
            cell = f"{where} {get_column_letter(c + 1)}{r + 2}"
            if expected is None:
                check(found is None, f"{cell}: {found!r}, expected empty")
            elif isinstance(expected, str):
                check(isinstance(found, str) and found == expected, f"{cell}: {found!r} != {expected!r}")
            elif isinstance(expected, float) and expected == int(expected):
                # Written as a number; 3.0 comes back as the int 3.
                check(same_number(found, int(expected)) or same_number(found, expected), f"{cell}: {found!r}")
            else:
                check(same_number(found, xlsx_value(expected)), f"{cell}: {found!r} ({type(found).__name__}) != {expected!r}")


def check_tables(expected):
    out = expected["dir"]
    tables = expected["tables"]
    for table in tables:
        check_csv_file(os.path.join(out, "tables", table["file"]), table)
    check(sorted(os.listdir(os.path.join(out, "tables"))) == sorted(t["file"] for t in tables), "CSV directory: other files")
    check_csv_file(os.path.join(out, "single.csv"), tables[0])

    path = os.path.join(out, "tables.xlsx")
    wb = openpyxl.load_workbook(path)
    check(wb.sheetnames == [t["sheet"] for t in tables], f"{path}: sheets {wb.sheetnames}")
    for table in tables:
        if table["sheet"] in wb.sheetnames:
            check_sheet(wb[table["sheet"]], table, path)

    path = os.path.join(out, "tables.json")
    with open(path, encoding="utf-8") as f:
        found = json.load(f)
    want = {"tables": [{"name": t["name"], "columns": t["columns"], "rows": t["rows"]} for t in tables]}
    check(found == want, f"{path}: content differs")
    for table, found_table in zip(tables, found["tables"]):
        for expected_row, found_row in zip(table["rows"], found_table["rows"]):
            for e, v in zip(expected_row, found_row):
                check(type(e) is type(v), f"{path}: {v!r} is {type(v).__name__}, expected {type(e).__name__}")


def check_split(expected):
    """A workbook written a few rows to a sheet: each table on its sheets, in order."""
    split = expected["split"]
    per = split["rows_per_sheet"]
    path = os.path.join(expected["dir"], "split.xlsx")
    wb = openpyxl.load_workbook(path)
    want = [sheet for table in split["tables"] for sheet in table["sheets"]]
    check(wb.sheetnames == want, f"{path}: sheets {wb.sheetnames} != {want}")
    for table in split["tables"]:
        rows = table["rows"]
        check(len(table["sheets"]) == max(1, math.ceil(len(rows) / per)), f"{path}: sheets of {table['name']}")
        for k, sheet in enumerate(table["sheets"]):
            if sheet in wb.sheetnames:
                check_sheet(wb[sheet], dict(table, rows=rows[k * per:(k + 1) * per]), path)
        found = [
            list(row)
            for sheet in table["sheets"] if sheet in wb.sheetnames
            for row in wb[sheet].iter_rows(min_row=2, max_col=1, values_only=True)
        ]
        want = [row[:1] for row in rows]
        check(found == want, f"{path}: first column of {table['name']} across its sheets: {found} != {want}")


# ---------------------------------------------------------------- network


def node_attributes(node):
    """The attributes every network format gives a node, as the crate's docs list them."""
    attributes = {
        "kind": node["kind"],
        "country": node["country"],
        "degree": node["degree"],
        "weighted_degree": node["weighted_degree"],
        "betweenness": node["betweenness"],
        "pagerank": node["pagerank"],
        "community": node["community"],
    }
    if node["years"]:
        attributes["years"] = joined(node["years"])
    if node["federal_district"] is not None:
        attributes["federal_district"] = node["federal_district"]
    if node["coordinates"] is not None:
        attributes["latitude"], attributes["longitude"] = node["coordinates"]
    return attributes


def edge_attributes(edge):
    attributes = {"documents": edge["documents"], "agreements": edge["agreements"], "scope": edge["scope"]}
    for name in ("forms", "spheres", "years"):
        if edge[name]:
            attributes[name] = joined(edge[name])
    return attributes


def check_attributes(where, found, expected):
    for name, value in expected.items():
        if not check(name in found, f"{where}: no {name}"):
            continue
        if isinstance(value, str):
            check(found[name] == value, f"{where}: {name} {found[name]!r} != {value!r}")
        elif isinstance(value, int):
            check(same_number(found[name], value), f"{where}: {name} {found[name]!r} != {value!r}")
        else:
            check(isinstance(found[name], float) and found[name] == value, f"{where}: {name} {found[name]!r} != {value!r}")
    for name in ("federal_district", "latitude", "longitude"):
        if name not in expected:
            check(name not in found, f"{where}: {name} present ({found.get(name)!r}) but the node has none")


def check_graph(path, graph, network, spells):
    nodes, edges = network["nodes"], network["edges"]
    check(not graph.is_directed(), f"{path}: directed")
    check(graph.number_of_nodes() == len(nodes), f"{path}: {graph.number_of_nodes()} nodes")
    check(graph.number_of_edges() == len(edges), f"{path}: {graph.number_of_edges()} edges")
    for node in nodes:
        if not check(node["id"] in graph, f"{path}: node {node['id']} missing"):
            continue
        data = graph.nodes[node["id"]]
        check(data.get("label") == node["label"], f"{path}: label {data.get('label')!r} != {node['label']!r}")
        check_attributes(f"{path} node {node['id']}", data, node_attributes(node))
        if spells:
            want = [(year, year) for year in node["years"]]
            check(data.get("spells", []) == want, f"{path} node {node['id']}: spells {data.get('spells')} != {want}")
    for edge in edges:
        source, target = nodes[edge["source"]]["id"], nodes[edge["target"]]["id"]
        if not check(graph.has_edge(source, target), f"{path}: edge {source}-{target} missing"):
            continue
        data = graph.edges[source, target]
        where = f"{path} edge {source}-{target}"
        check(data.get("weight") == edge["weight"], f"{where}: weight {data.get('weight')!r} != {edge['weight']}")
        check_attributes(where, data, edge_attributes(edge))
        if spells:
            want = [(year, year) for year in edge["years"]]
            check(data.get("spells", []) == want, f"{where}: spells {data.get('spells')} != {want}")


def check_gexf_xml(path, network):
    root = ET.parse(path).getroot()
    check(root.tag == GEXF + "gexf" and root.get("version") == "1.3", f"{path}: root {root.tag} {root.get('version')}")
    description = root.findtext(f"{GEXF}meta/{GEXF}description") or ""
    check(f"edge weight = {network['weight']}" in description, f"{path}: description {description!r}")
    if network["betweenness_pivots"] is not None:
        estimate = f"betweenness estimated from {network['betweenness_pivots']} source nodes"
        check(estimate in description, f"{path}: description {description!r} does not say {estimate!r}")
    graph = root.find(GEXF + "graph")
    want = {"mode": "dynamic", "timeformat": "integer", "defaultedgetype": "undirected", "timerepresentation": "interval"}
    for name, value in want.items():
        check(graph.get(name) == value, f"{path}: graph {name}={graph.get(name)!r}")
    types = {}
    for attributes in graph.findall(GEXF + "attributes"):
        for attribute in attributes.findall(GEXF + "attribute"):
            types[(attributes.get("class"), attribute.get("title"))] = attribute.get("type")
    want_types = {
        ("node", "kind"): "string", ("node", "country"): "string", ("node", "federal_district"): "string",
        ("node", "latitude"): "double", ("node", "longitude"): "double", ("node", "degree"): "integer",
        ("node", "weighted_degree"): "double", ("node", "betweenness"): "double", ("node", "pagerank"): "double",
        ("node", "community"): "integer", ("edge", "documents"): "integer", ("edge", "agreements"): "integer",
        ("edge", "forms"): "string", ("edge", "spheres"): "string", ("edge", "years"): "string",
        ("edge", "scope"): "string",
    }
    for key, kind in want_types.items():
        check(types.get(key) == kind, f"{path}: attribute {key} has type {types.get(key)!r}, expected {kind!r}")
    spells = {}
    for element in graph.iter():
        if element.tag in (GEXF + "node", GEXF + "edge"):
            key = element.get("id") if element.tag == GEXF + "node" else (element.get("source"), element.get("target"))
            spells[key] = [
                (int(spell.get("start")), int(spell.get("end"))) for spell in element.iter(GEXF + "spell")
            ]
    for node in network["nodes"]:
        want = [(year, year) for year in node["years"]]
        check(spells.get(node["id"]) == want, f"{path} (XML) node {node['id']}: spells {spells.get(node['id'])}")
    for edge in network["edges"]:
        key = (network["nodes"][edge["source"]]["id"], network["nodes"][edge["target"]]["id"])
        want = [(year, year) for year in edge["years"]]
        check(spells.get(key) == want, f"{path} (XML) edge {key}: spells {spells.get(key)}")


def check_graphml_xml(path):
    root = ET.parse(path).getroot()
    check(root.tag == GRAPHML + "graphml", f"{path}: root {root.tag}")
    graph = root.find(GRAPHML + "graph")
    check(graph.get("edgedefault") == "undirected", f"{path}: edgedefault {graph.get('edgedefault')!r}")
    keys = {(key.get("for"), key.get("attr.name")): key.get("attr.type") for key in root.findall(GRAPHML + "key")}
    for key, kind in {("node", "label"): "string", ("node", "degree"): "int", ("node", "latitude"): "double",
                      ("edge", "weight"): "double", ("edge", "spheres"): "string"}.items():
        check(keys.get(key) == kind, f"{path}: key {key} has type {keys.get(key)!r}")


def read_csv_dicts(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def check_lists(out, network):
    nodes, edges = network["nodes"], network["edges"]
    path = os.path.join(out, "edgelist", "nodes.csv")
    rows = read_csv_dicts(path)
    check(len(rows) == len(nodes), f"{path}: {len(rows)} rows")
    for row, node in zip(rows, nodes):
        where = f"{path} {node['id']}"
        check(row["Id"] == node["id"] and row["Label"] == node["label"], f"{where}: Id/Label {row['Id']!r} {row['Label']!r}")
        attributes = node_attributes(node)
        for name in ("kind", "country", "federal_district", "latitude", "longitude", "degree", "weighted_degree",
                     "betweenness", "pagerank", "community", "years"):
            value = attributes.get(name)
            if value is None:
                check(row[name] == "", f"{where}: {name} {row[name]!r}, expected empty")
            elif isinstance(value, str):
                check(row[name] == value, f"{where}: {name} {row[name]!r} != {value!r}")
            elif isinstance(value, int):
                check(row[name] == str(value), f"{where}: {name} {row[name]!r} != {value!r}")
            else:
                check(float(row[name]) == value, f"{where}: {name} {row[name]!r} != {value!r}")
    path = os.path.join(out, "edgelist", "edges.csv")
    rows = read_csv_dicts(path)
    check(len(rows) == len(edges), f"{path}: {len(rows)} rows")
    check(list(rows[0].keys())[:4] == ["Source", "Target", "Type", "Weight"], f"{path}: columns {list(rows[0].keys())}")
    for row, edge in zip(rows, edges):
        source, target = nodes[edge["source"]], nodes[edge["target"]]
        where = f"{path} {source['id']}-{target['id']}"
        check(row["Source"] == source["id"] and row["Target"] == target["id"], f"{where}: ends")
        check(row["Type"] == "Undirected", f"{where}: Type {row['Type']!r}")
        check(float(row["Weight"]) == edge["weight"], f"{where}: Weight {row['Weight']!r}")
        check(row["source_label"] == source["label"] and row["target_label"] == target["label"], f"{where}: labels")
        for name in ("documents", "agreements"):
            check(row[name] == str(edge[name]), f"{where}: {name} {row[name]!r}")
        for name in ("forms", "spheres", "years"):
            check(row[name] == joined(edge[name]), f"{where}: {name} {row[name]!r}")
        check(row["scope"] == edge["scope"], f"{where}: scope {row['scope']!r}")


def check_network(expected):
    out, network = expected["dir"], expected["network"]

    path = os.path.join(out, "network.gexf")
    check_graph(path, nx.read_gexf(path), network, spells=True)
    check_gexf_xml(path, network)
    check(nx.read_gexf(path).graph.get("mode") == "dynamic", f"{path}: networkx does not see a dynamic graph")

    path = os.path.join(out, "network.graphml")
    check_graph(path, nx.read_graphml(path), network, spells=False)
    check_graphml_xml(path)

    for name in ("empty.gexf", "empty.graphml"):
        path = os.path.join(out, name)
        graph = nx.read_gexf(path) if name.endswith("gexf") else nx.read_graphml(path)
        check(graph.number_of_nodes() == 0 and graph.number_of_edges() == 0, f"{path}: not empty")

    path = os.path.join(out, "network.json")
    with open(path, encoding="utf-8") as f:
        found = json.load(f)
    check(found == network, f"{path}: content differs")
    check(found["nodes"][0]["coordinates"] == network["nodes"][0]["coordinates"], f"{path}: coordinates")

    check_lists(out, network)

    path = os.path.join(out, "network.xlsx")
    wb = openpyxl.load_workbook(path)
    check(wb.sheetnames == ["nodes", "edges"], f"{path}: sheets {wb.sheetnames}")
    if wb.sheetnames == ["nodes", "edges"]:
        nodes = wb["nodes"]
        check([c.value for c in nodes[1]][:2] == ["Id", "Label"], f"{path}: nodes header")
        check(nodes.max_row == len(network["nodes"]) + 1, f"{path}: nodes rows {nodes.max_row}")
        check(nodes.freeze_panes == "A2", f"{path}: nodes freeze_panes {nodes.freeze_panes!r}")
        header = [c.value for c in nodes[1]]
        for r, node in enumerate(network["nodes"], start=2):
            row = dict(zip(header, [c.value for c in nodes[r]]))
            check(row["Label"] == node["label"], f"{path}: nodes row {r} label {row['Label']!r}")
            check(same_number(row["degree"], node["degree"]), f"{path}: nodes row {r} degree {row['degree']!r}")
            check(isinstance(row["pagerank"], float) and row["pagerank"] == node["pagerank"], f"{path}: pagerank {row['pagerank']!r}")
        edges = wb["edges"]
        check([c.value for c in edges[1]][:4] == ["Source", "Target", "Type", "Weight"], f"{path}: edges header")
        check(edges.max_row == len(network["edges"]) + 1, f"{path}: edges rows {edges.max_row}")


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        expected = json.load(f)
    check_tables(expected)
    check_split(expected)
    check_network(expected)
    if failures:
        print(f"readback: {len(failures)} checks failed:")
        for failure in failures:
            print("  " + failure)
        sys.exit(1)
    print("readback: all checks passed")


if __name__ == "__main__":
    main()

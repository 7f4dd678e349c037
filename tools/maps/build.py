#!/usr/bin/env python3
"""Regenerate data/maps/world.tsv: country outlines for the world map of partner links.

Input: countries-110m.json of the npm package world-atlas 2 (Natural Earth 4.1.0 admin-0 countries at
1:110m as TopoJSON; the data is public domain) and the ISO 3166-1 table of Debian's iso-codes package
(/usr/share/iso-codes/json/iso_3166-1.json), which turns world-atlas' numeric ids into alpha-2 codes.

    tmp=$(mktemp -d) && (cd "$tmp" && npm pack world-atlas@2 && tar xzf world-atlas-*.tgz)
    python3 tools/maps/build.py "$tmp/package/countries-110m.json"

Python 3 standard library only. The output is deterministic: the same input gives a byte-identical file.

Steps: decode the TopoJSON arcs (delta-encoded, quantised), project every point with the Natural Earth
projection centred on 11.6°E (the map's edge is the meridian 168.4°W in the Bering Strait, so Russia and
the Americas are both whole), simplify each arc once in map units (Douglas–Peucker; neighbours share
arcs, so simplified borders still meet), assemble rings, round to one decimal, and write one row per
country with a label anchor (the pole of inaccessibility of its largest polygon, found on a grid).
The Rust side (crates/coopatlas-maps, `project`) implements the same projection with the same constants.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent

# The projection: keep these in step with crates/coopatlas-maps/src/world.rs.
CENTRAL_MERIDIAN = 11.6  # degrees east; the map's edge is 168.4°W, between Chukotka and Alaska
LAT_TOP = 84.0  # northern tip of Greenland
LAT_BOTTOM = -57.0  # south of Tierra del Fuego; Antarctica is left out
WIDTH = 1000.0

# Douglas–Peucker tolerance in map units (the map is 1000 wide) and the smallest ring kept, in square
# map units (a country whose rings are all smaller keeps its largest).
TOLERANCE = 0.35
MIN_RING_AREA = 1.0

# Features world-atlas gives no numeric id, and what they are counted as. Northern Cyprus and Somaliland
# are drawn as part of the state ISO 3166 lists them under; Kosovo keeps the user-assigned code XK that
# the gazetteer (after GeoNames) gives Pristina.
UNNUMBERED = {"N. Cyprus": "CY", "Somaliland": "SO", "Kosovo": "XK"}
LEFT_OUT = {"010"}  # Antarctica

# Natural Earth draws Crimea (with Sevastopol) as part of Russia. The project's gazetteer keeps the ISO
# 3166 view (UA-43 and UA-40 are Ukrainian regions, claimed by Russia; data/gazetteer/contested.tsv), so
# the Crimean polygon becomes a row of its own, `UA-43`, which the map draws as contested.
CRIMEA_ID = "UA-43"
CRIMEA_BOX = (32.0, 37.0, 44.0, 46.5)  # lon min, lon max, lat min, lat max

# Countries too small for the 1:110m outlines: an anchor only (approximate coordinates of the capital or
# the main island, written by hand), so a link can still end there. Latitude, longitude. Antarctica,
# left out of the outlines, gets a point on the map's southern edge south of the Indian Ocean, where
# most Russian stations are.
SMALL = {
    "AQ": (LAT_BOTTOM, 80.0),
    "AD": (42.51, 1.52), "AG": (17.12, -61.85), "AI": (18.22, -63.06), "AS": (-14.28, -170.70),
    "AW": (12.52, -70.03), "AX": (60.10, 19.94), "BB": (13.10, -59.61), "BH": (26.22, 50.58),
    "BL": (17.90, -62.85), "BM": (32.29, -64.78), "BQ": (12.15, -68.27), "BV": (-54.42, 3.36),
    "CC": (-12.19, 96.83), "CK": (-21.21, -159.78), "CV": (14.93, -23.51), "CW": (12.11, -68.93),
    "CX": (-10.42, 105.68), "DM": (15.30, -61.39), "FM": (6.92, 158.16), "FO": (62.01, -6.77),
    "GD": (12.06, -61.75), "GF": (4.92, -52.33), "GG": (49.45, -2.54), "GI": (36.14, -5.35),
    "GP": (16.24, -61.53), "GS": (-54.28, -36.51), "GU": (13.44, 144.79), "HK": (22.32, 114.17),
    "HM": (-53.10, 73.51), "IM": (54.15, -4.48), "IO": (-7.31, 72.41), "JE": (49.19, -2.11),
    "KI": (1.33, 172.98), "KM": (-11.70, 43.26), "KN": (17.30, -62.72), "KY": (19.29, -81.37),
    "LC": (14.01, -60.99), "LI": (47.14, 9.52), "MC": (43.74, 7.42), "MF": (18.07, -63.08),
    "MH": (7.09, 171.38), "MO": (22.20, 113.55), "MP": (15.21, 145.75), "MQ": (14.60, -61.07),
    "MS": (16.74, -62.19), "MT": (35.90, 14.51), "MU": (-20.16, 57.50), "MV": (4.18, 73.51),
    "NF": (-29.05, 167.96), "NR": (-0.55, 166.92), "NU": (-19.06, -169.87), "PF": (-17.54, -149.57),
    "PM": (46.78, -56.18), "PN": (-25.07, -130.10), "PW": (7.50, 134.62), "RE": (-20.88, 55.45),
    "SC": (-4.62, 55.45), "SG": (1.29, 103.85), "SH": (-15.94, -5.72), "SJ": (78.22, 15.65),
    "SM": (43.94, 12.46), "ST": (0.34, 6.73), "SX": (18.04, -63.07), "TC": (21.46, -71.14),
    "TK": (-9.20, -171.85), "TO": (-21.14, -175.20), "TV": (-8.52, 179.20), "UM": (19.28, 166.65),
    "VA": (41.90, 12.45), "VC": (13.16, -61.23), "VG": (18.43, -64.62), "VI": (18.34, -64.93),
    "WF": (-13.28, -176.17), "WS": (-13.83, -171.76), "YT": (-12.78, 45.23),
}


def raw(lat: float, lon: float) -> tuple[float, float]:
    """The Natural Earth projection (Šavrič, Jenny, Patterson and Hurni, 2011) in radians-scale units."""
    lam = math.radians((lon - CENTRAL_MERIDIAN + 540.0) % 360.0 - 180.0)
    phi = math.radians(lat)
    phi2 = phi * phi
    phi4 = phi2 * phi2
    x = lam * (0.8707 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4)))
    y = phi * (1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4)))
    return x, y


X_EDGE = raw(0.0, CENTRAL_MERIDIAN + 180.0 - 1e-12)[0]
SCALE = WIDTH / (2.0 * X_EDGE)
Y_TOP = raw(LAT_TOP, CENTRAL_MERIDIAN)[1]
HEIGHT = math.ceil((Y_TOP - raw(LAT_BOTTOM, CENTRAL_MERIDIAN)[1]) * SCALE)


def project(lat: float, lon: float) -> tuple[float, float]:
    """Map units: x from 0 (168.4°W) to 1000 eastwards, y from 0 (84°N) downwards."""
    x, y = raw(lat, lon)
    return (x + X_EDGE) * SCALE, (Y_TOP - y) * SCALE


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            lon, lat = x * sx + tx, y * sy + ty
            points.append(project(max(min(lat, LAT_TOP), LAT_BOTTOM), lon))
        arcs.append(points)
    return arcs


def perpendicular(p, a, b) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    length = math.hypot(dx, dy)
    if length == 0.0:
        return math.hypot(px - ax, py - ay)
    return abs(dy * px - dx * py + bx * ay - by * ax) / length


def douglas_peucker(points: list, tolerance: float) -> list:
    if len(points) < 3:
        return list(points)
    if points[0] == points[-1]:
        # A closed arc (an island): split at the point farthest from its start.
        far = max(range(len(points)), key=lambda i: math.dist(points[0], points[i]))
        if far in (0, len(points) - 1):
            return [points[0], points[-1]]
        return douglas_peucker(points[: far + 1], tolerance)[:-1] + douglas_peucker(points[far:], tolerance)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, -1
        for i in range(first + 1, last):
            distance = perpendicular(points[i], points[first], points[last])
            if distance > best:
                best, index = distance, i
        if best > tolerance:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, k in zip(points, keep) if k]


def ring_points(ring: list[int], arcs: list) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def area(points: list) -> float:
    return 0.5 * sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1]))


def rounded(points: list) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for x, y in points:
        p = (round(x, 1), round(y, 1))
        if not out or out[-1] != p:
            out.append(p)
    while len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


def stitch(rings: list[list[int]], arcs: list) -> list[list[int]]:
    """Joins rings of one country along the arcs they share (Northern Cyprus with Cyprus): arcs used
    in both directions are interior and go; the rest are chained into rings again."""
    used = {}
    for ring in rings:
        for index in ring:
            used.setdefault(index if index >= 0 else ~index, []).append(index)
    interior = {key for key, uses in used.items() if len(uses) == 2 and uses[0] == ~uses[1]}
    pieces = [index for ring in rings for index in ring if (index if index >= 0 else ~index) not in interior]

    def ends(index: int) -> tuple:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        return arc[0], arc[-1]

    out = []
    while pieces:
        ring = [pieces.pop(0)]
        while ends(ring[-1])[1] != ends(ring[0])[0]:
            following = next(i for i, piece in enumerate(pieces) if ends(piece)[0] == ends(ring[-1])[1])
            ring.append(pieces.pop(following))
        out.append(ring)
    return out


def point_in_ring(x: float, y: float, ring: list) -> bool:
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def segment_distance(x: float, y: float, a, b) -> float:
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / length2))
    return math.hypot(x - ax - t * dx, y - ay - t * dy)


def label_anchor(polygon: list[list]) -> tuple[float, float]:
    """The point of the polygon (outer ring, holes) farthest from its edges, on successively finer grids."""
    outer = polygon[0]
    xs, ys = [p[0] for p in outer], [p[1] for p in outer]
    best = (-1.0, (sum(xs) / len(xs), sum(ys) / len(ys)))
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    for _ in range(4):
        step_x, step_y = (x1 - x0) / 24 or 1.0, (y1 - y0) / 24 or 1.0
        for i in range(25):
            for j in range(25):
                x, y = x0 + i * step_x, y0 + j * step_y
                if not point_in_ring(x, y, outer) or any(point_in_ring(x, y, hole) for hole in polygon[1:]):
                    continue
                distance = min(
                    segment_distance(x, y, a, b) for ring in polygon for a, b in zip(ring, ring[1:] + ring[:1])
                )
                if distance > best[0]:
                    best = (distance, (x, y))
        (bx, by) = best[1]
        x0, x1, y0, y1 = bx - 2 * step_x, bx + 2 * step_x, by - 2 * step_y, by + 2 * step_y
    return best[1]


def number(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def path(polygons: list[list[list]]) -> str:
    parts = []
    for polygon in polygons:
        for ring in polygon:
            head, *tail = ring
            parts.append(
                f"M{number(head[0])},{number(head[1])}L" + " ".join(f"{number(x)},{number(y)}" for x, y in tail) + "Z"
            )
    return "".join(parts)


def decode_lonlat(topology: dict, ring: list[int]) -> list[tuple[float, float]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    points = []
    for index in ring:
        arc = topology["arcs"][index if index >= 0 else ~index]
        x = y = 0
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
    return points


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("topojson", type=Path, help="countries-110m.json of world-atlas 2")
    parser.add_argument("--iso-codes", type=Path, default=Path("/usr/share/iso-codes/json/iso_3166-1.json"))
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "maps" / "world.tsv")
    args = parser.parse_args()

    topology = json.loads(args.topojson.read_text(encoding="utf-8"))
    iso = json.loads(args.iso_codes.read_text(encoding="utf-8"))["3166-1"]
    alpha2 = {entry["numeric"]: entry["alpha_2"] for entry in iso}

    arcs = decode_arcs(topology)
    simplified = [douglas_peucker(arc, TOLERANCE) for arc in arcs]

    # country code -> list of polygons, each a list of rings (arc index lists), outer ring first
    sources: dict[str, list[list[list[int]]]] = {}
    features: dict[str, int] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        number_id = geometry.get("id")
        if number_id in LEFT_OUT:
            continue
        code = alpha2.get(number_id) if number_id else UNNUMBERED[geometry["properties"]["name"]]
        if code is None:
            sys.exit(f"no alpha-2 code for {number_id} ({geometry['properties']['name']})")
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            target = code
            if code == "RU":
                lonlat = decode_lonlat(topology, polygon[0])
                lons, lats = [p[0] for p in lonlat], [p[1] for p in lonlat]
                box = CRIMEA_BOX
                if box[0] <= min(lons) and max(lons) <= box[1] and box[2] <= min(lats) and max(lats) <= box[3]:
                    target = CRIMEA_ID
            sources.setdefault(target, []).append(polygon)
        features[code] = features.get(code, 0) + 1

    rows = []
    for code, polygons in sorted(sources.items()):
        if features.get(code, 0) > 1:
            # Outer rings only (Cyprus, Somalia): joined along their shared borders, each its own polygon.
            polygons = [[ring] for ring in stitch([polygon[0] for polygon in polygons], arcs)]
        drawn = []
        for polygon in polygons:
            rings = [rounded(ring_points(ring, simplified)) for ring in polygon]
            outer, holes = rings[0], [r for r in rings[1:] if len(r) >= 3 and abs(area(r)) >= MIN_RING_AREA]
            if len(outer) >= 3:
                drawn.append([outer] + holes)
        drawn.sort(key=lambda polygon: -abs(area(polygon[0])))
        kept = [polygon for polygon in drawn if abs(area(polygon[0])) >= MIN_RING_AREA] or drawn[:1]
        anchor = label_anchor(kept[0])
        rows.append((code, anchor, path(kept)))

    for code, (lat, lon) in SMALL.items():
        if code not in sources:
            rows.append((code, project(lat, lon), ""))
    known = {row[0] for row in rows}
    missing = sorted(entry["alpha_2"] for entry in iso if entry["alpha_2"] not in known)
    if missing:
        sys.exit(f"countries with neither an outline nor an anchor: {' '.join(missing)}")

    rows.sort()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="\n") as out:
        out.write("iso2\tcx\tcy\tpath\n")
        for code, (x, y), d in rows:
            out.write(f"{code}\t{number(x)}\t{number(y)}\t{d}\n")
    size = args.out.stat().st_size
    print(f"{args.out}: {len(rows)} rows, {size} bytes; viewBox 0 0 {WIDTH:.0f} {HEIGHT}", file=sys.stderr)


if __name__ == "__main__":
    main()

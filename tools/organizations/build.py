#!/usr/bin/env python3
"""Regenerate data/organizations/ (organizations.tsv, aliases.tsv) from the hand-written table
tools/organizations/inputs/organizations.tsv, with every case form of the Russian names from
pymorphy3 (through tools/gazetteer/morph.py).

Run from the repository root, in the gazetteer's virtual environment:

    .venv-gazetteer/bin/python3 tools/organizations/build.py [--out DIR]

The output is deterministic: the same input and package versions give byte-identical files.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "tools" / "gazetteer"))

from morph import CASES, Inflector  # noqa: E402

INPUT = HERE / "inputs" / "organizations.tsv"
INPUT_COLUMNS = ["id", "kind", "scope", "country", "association", "name_en", "name_ru", "aliases_en",
                 "aliases_ru", "abbr_en", "abbr_ru"]
ORG_COLUMNS = ["id", "kind", "scope", "country", "association", "name_en", "name_ru"]
ALIAS_COLUMNS = ["id", "lang", "alias", "source", "flags"]
KINDS = {"international", "cross_border", "international_association", "interregional_association",
         "municipal_association", "federal_body", "national_body", "development_institution",
         "business_association", "regional_body"}
SCOPES = {"", "region"}
ASSOCIATIONS = {"north_west", "greater_volga", "siberian_accord", "central_russia", "black_earth",
                "north_caucasus", "greater_urals", "far_east_transbaikal"}
SOURCES = ["name", "variant", "abbreviation", "case_form"]
SOURCE_RANK = {source: rank for rank, source in enumerate(SOURCES)}
QUOTES = "«\"„“"
# English spellings that vary between British and American usage.
SPELLINGS = [("Organization", "Organisation"), ("Center", "Centre")]


def fold(text: str) -> str:
    """The matcher's normalisation (coopatlas_text::normalize): lowercase, ё as е, one kind of
    dash, double quote and single quote, whitespace runs as one space, combining marks dropped."""
    out = []
    for character in unicodedata.normalize("NFC", text):
        if character in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u00ad-":
            character = "-"
        elif character in "«»“”„‟″\"‹›":
            character = '"'
        elif character in "'‘’‚‛′`´ʼʹ":
            character = "'"
        elif character in "ёЁ":
            character = "е"
        elif unicodedata.combining(character):
            continue
        out.append(character.lower())
    return " ".join("".join(out).split())


def letters(text: str) -> int:
    return sum(1 for character in text if character.isalnum())


def split_list(field: str) -> list[str]:
    return [item.strip() for item in field.split("|") if item.strip()]


def read_input(path: Path) -> list[dict[str, str]]:
    rows = []
    header = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if header is None:
            if fields != INPUT_COLUMNS:
                sys.exit(f"{path}:{number}: header must be {INPUT_COLUMNS}")
            header = fields
            continue
        if len(fields) != len(header):
            sys.exit(f"{path}:{number}: {len(fields)} fields, expected {len(header)}")
        row = dict(zip(header, fields))
        row["line"] = str(number)
        rows.append(row)
    return rows


def check(rows: list[dict[str, str]]) -> None:
    seen = set()
    for row in rows:
        where = f"{INPUT}:{row['line']}"
        if row["id"] in seen:
            sys.exit(f"{where}: duplicate id {row['id']}")
        seen.add(row["id"])
        if not row["id"] or row["id"] != row["id"].lower() or " " in row["id"]:
            sys.exit(f"{where}: bad id {row['id']!r}")
        if row["kind"] not in KINDS:
            sys.exit(f"{where}: unknown kind {row['kind']!r}")
        if row["scope"] not in SCOPES:
            sys.exit(f"{where}: unknown scope {row['scope']!r}")
        if row["association"] and row["association"] not in ASSOCIATIONS:
            sys.exit(f"{where}: unknown association {row['association']!r}")
        if not row["name_en"] or not row["name_ru"]:
            sys.exit(f"{where}: both names are required")
        if row["name_en"][0] in "=!" or row["name_ru"][0] in "=!":
            sys.exit(f"{where}: markers belong in the alias columns, not in the names")


class Russian:
    """Case forms of Russian organisation names."""

    def __init__(self) -> None:
        self.inflector = Inflector()

    def forms(self, name: str) -> list[str]:
        """Every case form of a nominative name, the name first. The inflecting part ends at the
        first opening quote: a quoted proper name ("«Сибирское соглашение»") never declines."""
        cut = min([name.find(quote) for quote in QUOTES if quote in name] or [len(name)])
        head, tail = name[:cut].rstrip(), name[cut:]
        if not head or not any(character.islower() for character in head):
            return [name]  # nothing to decline, or an abbreviation ("ВЭБ.РФ")
        space = " " if tail else ""
        table = None
        if " " not in head and not self.inflector.is_known(head):
            table = self.compound(head)
        if table is None:
            table = self.inflector.inflect(head)
        forms = [name]
        for case in CASES + ("loc2",):
            for form in table.get(case, []):
                surface = form + space + tail
                if surface not in forms:
                    forms.append(surface)
        return [form for form in forms if not self.archaic(form, name)]

    @staticmethod
    def archaic(form: str, name: str) -> bool:
        """"Собранье", "соглашенья": the poetic forms of nouns in -ие, unless the name itself has one."""
        own = set(name.lower().split(" "))
        return any(
            word.endswith(("ье", "ья", "ью", "ьем", "ьи")) and word not in own for word in form.lower().split(" ")
        )

    def compound(self, word: str) -> dict[str, list[str]] | None:
        """A word pymorphy3 leaves undeclined but that ends in a noun it knows
        ("Россотрудничество" = "Рос" + "сотрудничество"): decline that noun."""
        low = word.lower()
        for start in range(2, len(low) - 2):
            suffix = low[start:]
            parse = self.inflector.noun_parse(suffix, "sing")
            if parse is None or "Fixd" in parse.tag:
                continue
            found = self.inflector.word_noun_table(suffix)
            if found is None:
                continue
            table = found[0]
            return {case: [word[:start] + form for form in forms] for case, forms in table.items()}
        return None


def english_variants(name: str) -> list[str]:
    variants = [name]
    for american, british in SPELLINGS:
        for a, b in ((american, british), (british, american)):
            if a in name:
                variant = name.replace(a, b)
                if variant not in variants:
                    variants.append(variant)
    return variants


def build(rows: list[dict[str, str]]) -> tuple[list[list[str]], list[list[str]], list[str]]:
    russian = Russian()
    organizations = []
    aliases: dict[tuple[str, str, str], list] = {}
    warnings = []

    def add(org_id: str, lang: str, surface: str, source: str, cased: bool) -> None:
        if letters(surface) < 2 or (letters(surface) < 3 and not cased):
            warnings.append(f"{org_id}: {surface!r} is too short to match, left out")
            return
        key = (org_id, lang, fold(surface))
        entry = aliases.get(key)
        if entry is None:
            aliases[key] = [surface, source, cased]
            return
        if SOURCE_RANK[source] < SOURCE_RANK[entry[1]]:
            entry[0], entry[1] = surface, source
        entry[2] = entry[2] or cased

    for row in rows:
        organizations.append([row[column] for column in ORG_COLUMNS])
        org_id = row["id"]
        for lang, name_column, alias_column, abbr_column in (
            ("en", "name_en", "aliases_en", "abbr_en"),
            ("ru", "name_ru", "aliases_ru", "abbr_ru"),
        ):
            names = [(row[name_column], "name")] + [(alias, "variant") for alias in split_list(row[alias_column])]
            for raw, source in names:
                fixed, cased = raw.startswith("="), raw.startswith("!")
                name = raw.lstrip("=!").strip()
                if lang == "en":
                    for index, variant in enumerate(english_variants(name)):
                        add(org_id, lang, variant, source if index == 0 else "variant", cased)
                elif fixed or not any("\u0400" <= character <= "\u04ff" for character in name):
                    add(org_id, lang, name, source, cased)
                else:
                    for index, form in enumerate(russian.forms(name)):
                        add(org_id, lang, form, source if index == 0 else "case_form", cased)
            for abbreviation in split_list(row[abbr_column]):
                add(org_id, lang, abbreviation, "abbreviation", True)

    # One folded name, one organisation: a name shared by two would be a guess.
    owners: dict[tuple[str, str], set[str]] = {}
    for (org_id, lang, folded) in aliases:
        owners.setdefault((lang, folded), set()).add(org_id)
    for (lang, folded), ids in sorted(owners.items()):
        if len(ids) > 1:
            warnings.append(f"{lang} {folded!r} names {sorted(ids)}: dropped")
            for org_id in ids:
                del aliases[(org_id, lang, folded)]

    rows_out = []
    for (org_id, lang, _), (surface, source, cased) in aliases.items():
        rows_out.append([org_id, lang, surface, source, "cased" if cased else ""])
    order = {row[0]: index for index, row in enumerate(organizations)}
    rows_out.sort(key=lambda row: (order[row[0]], row[1], SOURCE_RANK[row[3]], fold(row[2]), row[2]))
    return organizations, rows_out, warnings


def write_tsv(path: Path, columns: list[str], rows: list[list[str]]) -> None:
    for row in rows:
        for field in row:
            if "\t" in field or "\n" in field:
                sys.exit(f"{path}: a field holds a tab or a line break: {field!r}")
    text = "\t".join(columns) + "\n" + "".join("\t".join(row) + "\n" for row in rows)
    path.write_text(text, encoding="utf-8", newline="\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "organizations")
    args = parser.parse_args()
    rows = read_input(INPUT)
    check(rows)
    organizations, aliases, warnings = build(rows)
    args.out.mkdir(parents=True, exist_ok=True)
    write_tsv(args.out / "organizations.tsv", ORG_COLUMNS, organizations)
    write_tsv(args.out / "aliases.tsv", ALIAS_COLUMNS, aliases)
    for warning in warnings:
        print("warning:", warning, file=sys.stderr)
    print(f"{len(organizations)} organisations, {len(aliases)} names", file=sys.stderr)


if __name__ == "__main__":
    main()

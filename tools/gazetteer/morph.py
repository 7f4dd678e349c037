"""Russian inflection of place names with pymorphy3 (OpenCorpora dictionary).

The gazetteer needs every case form of every Russian place name, so that a matcher working on plain
strings finds "Калининградской области", "в Нижнем Новгороде" or "с Татарстаном". This module turns one
nominative name into its case forms:

* the phrase is split into an inflecting part and a fixed tail (an apposition after a dash or in
  brackets: "Ханты-Мансийский автономный округ — Югра", "Республика Саха (Якутия)");
* in the inflecting part the head noun is found; adjectives (and participles) in front of it agree with
  it in case, number and gender, and words after it stay as they are ("Республика Татарстан");
* for each word the parse tagged Geox (a place name) is preferred, because pymorphy3 lists other
  readings first for many names ("Орёл" the bird, "Минском" the adjective);
* hyphenated words the dictionary knows as a whole ("Ростов-на-Дону") are inflected as a whole, others
  part by part ("Улан-Батор" -> "Улан-Батора", "Гусь-Хрустальный" -> "Гуся-Хрустального");
* nouns the dictionary does not know are declined by their ending (masculine on a consonant, "-й" and
  "-ь"; feminine on "-а" and "-я"; indeclinable on other vowels and on "-а" after a vowel, as in
  "Уусимаа" or "Харьюмаа"), which suits foreign names such as "Хэйлунцзян" or "Шэньчжэнь" better than
  pymorphy3's guesses.
"""

from __future__ import annotations

import functools

import pymorphy3

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
# Second genitive and second locative ("в Крыму", "из Крыму") are kept when the head noun has them;
# adjectives take the first genitive and locative there.
EXTRA_CASES = {"loc2": "loct"}
ADJ_POS = {"ADJF", "PRTF"}
PREPOSITIONS = {"на", "над", "под", "в", "во", "при", "у", "за"}
CONSONANTS = set("бвгджзклмнпрстфхцчшщ")
VELAR_SIBILANT = set("гкхжшчщ")
VOWELS = set("аеёиоуыэюя")
TAIL_MARKS = (" — ", " – ", " - ", " (")


def _prune(forms: list[str]) -> list[str]:
    """Drop the archaic instrumental in -ою/-ею when a modern form exists."""
    modern = [f for f in forms if not (f.endswith("ою") or f.endswith("ею"))]
    return modern or forms


def _cap_like(template: str, word: str) -> str:
    """Give `word` (lowercase) the capitalisation of `template`, part by part across hyphens."""
    if template.isupper() and len(template) > 1:
        return word.upper()
    tparts = template.split("-")
    wparts = word.split("-")
    if len(tparts) == len(wparts):
        return "-".join(w[:1].upper() + w[1:] if t[:1].isupper() else w for t, w in zip(tparts, wparts))
    return word[:1].upper() + word[1:] if template[:1].isupper() else word


class Inflector:
    def __init__(self) -> None:
        self.morph = pymorphy3.MorphAnalyzer(lang="ru")

    # ----------------------------------------------------------------- word level
    @functools.lru_cache(maxsize=None)
    def parses(self, word: str):
        return tuple(self.morph.parse(word.lower()))

    def is_known(self, word: str) -> bool:
        return any(p.is_known for p in self.parses(word))

    def noun_parse(self, word: str, number: str | None = None):
        """Best nominative noun parse: Geox first, then singularia/pluralia tantum, then score."""
        best = None
        best_key = None
        has_adj = any(p.tag.POS in ADJ_POS and p.tag.case == "nomn" for p in self.parses(word))
        for i, p in enumerate(self.parses(word)):
            t = p.tag
            if t.POS != "NOUN" or t.case != "nomn" or not p.is_known:
                continue
            if has_adj and ("Surn" in t or "Name" in t or "Patr" in t) and "Geox" not in t:
                continue  # "Павловская" is the adjective, not the surname
            if number and t.number != number:
                continue
            key = ("Geox" in t, "Sgtm" in t or "Pltm" in t, "Name" not in t and "Surn" not in t, -i)
            if best_key is None or key > best_key:
                best, best_key = p, key
        return best

    def adj_parse(self, word: str):
        best = None
        for p in self.parses(word):
            t = p.tag
            if t.POS in ADJ_POS and t.case == "nomn":
                if best is None or (p.is_known and not best.is_known):
                    best = p
        return best

    def noun_forms(self, parse, number: str) -> dict[str, list[str]]:
        """Case -> word forms of the lexeme of a noun parse, in one number."""
        out: dict[str, list[str]] = {}
        if "Fixd" in parse.tag:
            for c in CASES:
                out[c] = [parse.word]
            return out
        g0 = parse.tag.gender
        for f in parse.lexeme:
            t = f.tag
            if t.number != number and not ("Pltm" in t and number == "plur"):
                continue
            if number == "sing" and g0 in ("masc", "femn", "neut") and t.gender in ("masc", "femn", "neut") and t.gender != g0:
                continue
            c = t.case
            if c in CASES or c in EXTRA_CASES:
                out.setdefault(c, [])
                if f.word not in out[c]:
                    out[c].append(f.word)
        return {c: _prune(fs) for c, fs in out.items()}

    def adj_forms(self, parse, case: str, number: str, gender: str | None, animate: bool) -> list[str]:
        want = {case, number}
        if number == "sing" and gender:
            want.add(gender)
        res = []
        for f in parse.lexeme:
            t = f.tag
            if t.POS not in ADJ_POS or not want <= t.grammemes:
                continue
            if "Supr" in t or "Cmp2" in t:
                continue
            if t.POS == "PRTF" and (t.voice != parse.tag.voice or t.tense != parse.tag.tense):
                continue
            if case == "accs" and (number == "plur" or gender == "masc"):
                if ("anim" in t) != animate and ("anim" in t or "inan" in t):
                    continue
            if f.word not in res:
                res.append(f.word)
        return _prune(res)

    @staticmethod
    def manual_noun_forms(word: str) -> dict[str, list[str]] | None:
        """Declension by ending for nouns the dictionary does not know."""
        w = word.lower()
        last = w[-1:]
        if last in CONSONANTS:
            s = w
            return {"nomn": [w], "gent": [s + "а"], "datv": [s + "у"], "accs": [w], "ablt": [s + "ом"], "loct": [s + "е"]}
        if last in ("й", "ь"):
            s = w[:-1]
            return {"nomn": [w], "gent": [s + "я"], "datv": [s + "ю"], "accs": [w], "ablt": [s + "ем"], "loct": [s + "е"]}
        if last == "а" and w[-2:-1] in VOWELS:
            return None  # "Уусимаа", "Харьюмаа"
        if last == "а":
            s = w[:-1]
            gen = s + ("и" if s[-1:] in VELAR_SIBILANT else "ы")
            abl = s + ("ей" if s[-1:] in set("жшчщц") else "ой")
            return {"nomn": [w], "gent": [gen], "datv": [s + "е"], "accs": [s + "у"], "ablt": [abl], "loct": [s + "е"]}
        if last == "я":
            s = w[:-1]
            dl = s + ("и" if s.endswith("и") else "е")
            return {"nomn": [w], "gent": [s + "и"], "datv": [dl], "accs": [s + "ю"], "ablt": [s + "ей"], "loct": [dl]}
        return None  # indeclinable

    # --------------------------------------------------------------- word slots
    def word_noun_table(self, word: str, number: str | None = None):
        """(case -> forms, gender, number, animate) for a word used as the head noun, or None."""
        low = word.lower()
        if "-" in low and self.is_known(low):
            whole = self._word_noun_table_plain(low, number)
            parts = low.split("-")
            if whole and len(parts) == 2 and self.adj_parse(parts[1]) and self._nounish(parts[0]):
                split = self._split_noun_adj(parts, number)
                if split:
                    table = {c: list(dict.fromkeys(split[0].get(c, []) + fs)) for c, fs in whole[0].items()}
                    return (table,) + whole[1:]
            if whole:
                return whole
        if "-" in low and not self.is_known(low):
            parts = low.split("-")
            if any(p in PREPOSITIONS for p in parts[1:]):
                sub = self.word_noun_table(parts[0], number)
                if sub is None:
                    return None
                table, g, n, a = sub
                rest = "-" + "-".join(parts[1:])
                return {c: [f + rest for f in fs] for c, fs in table.items()}, g, n, a
            if len(parts) == 2 and self.adj_parse(parts[1]) and self._nounish(parts[0]):
                return self._split_noun_adj(parts, number)
            sub = self.word_noun_table(parts[-1], number)
            if sub is None:
                return None
            table, g, n, a = sub
            prefix = "-".join(parts[:-1]) + "-"
            return {c: [prefix + f for f in fs] for c, fs in table.items()}, g, n, a
        return self._word_noun_table_plain(low, number)

    def _nounish(self, word: str) -> bool:
        return self.noun_parse(word) is not None or (not self.is_known(word) and word[-1:] in CONSONANTS | {"ь"})

    def _split_noun_adj(self, parts, number):
        """"Гусь-Хрустальный" -> "Гуся-Хрустального": noun and postposed adjective both decline."""
        sub = self.word_noun_table(parts[0], number)
        if sub is None:
            return None
        table, g, n, a = sub
        ap = self.adj_parse(parts[1])
        out = {}
        for c, fs in table.items():
            adjs = self.adj_forms(ap, EXTRA_CASES.get(c, c), n, g, a) or [parts[1]]
            out[c] = [f + "-" + adjs[0] for f in fs]
        return out, g, n, a

    def _word_noun_table_plain(self, low, number):
        p = self.noun_parse(low, number)
        if p is None and number is None:
            p = self.noun_parse(low, "plur")
        if p is not None:
            n = "plur" if (p.tag.number == "plur" or "Pltm" in p.tag) else "sing"
            g = p.tag.gender if p.tag.gender in ("masc", "femn", "neut") else "masc"
            table = self.noun_forms(p, n)
            if "anim" in p.tag and "nomn" in table:
                table["accs"] = list(table["nomn"])  # a place is inanimate: accusative = nominative
            return table, g, n, False
        if self.is_known(low):
            return None  # known, but not as a nominative noun: leave it alone
        table = self.manual_noun_forms(low)
        if table is None:
            return {c: [low] for c in CASES}, "masc", "sing", False
        g = "femn" if low[-1:] in ("а", "я") else "masc"
        return table, g, "sing", False

    def word_adj_forms(self, word: str, case: str, number: str, gender: str, animate: bool) -> list[str]:
        low = word.lower()
        p = self.adj_parse(low)
        if p is None:
            return [low]
        forms = self.adj_forms(p, case, number, gender, animate)
        return forms or [low]

    # ------------------------------------------------------------- phrase level
    def inflect(self, phrase: str, plural_ok: bool = True) -> dict[str, list[str]]:
        """Case label -> surface forms of a nominative place name (always includes 'nomn')."""
        phrase = phrase.strip()
        cut = len(phrase)
        for mark in TAIL_MARKS:
            i = phrase.find(mark)
            if 0 < i < cut:
                cut = i
        head_part, tail = phrase[:cut], phrase[cut:]
        words = head_part.split(" ")
        n = len(words)
        nouns = [self.noun_parse(w.lower()) is not None or (not self.is_known(w) and "-" not in w) for w in words]
        # hyphenated words count as nouns when their last part (or first, before a preposition) is one
        for i, w in enumerate(words):
            if "-" in w and not nouns[i]:
                first = w.lower().split("-")[0]
                nouns[i] = self.word_noun_table(w) is not None and (
                    self.adj_parse(w) is None or (self._nounish(first) and self.adj_parse(first) is None))
        adjs = [self.adj_parse(w.lower()) is not None and not (nouns[i] and "-" in w) for i, w in enumerate(words)]
        head = None
        for i in range(n):
            if not nouns[i]:
                continue
            if adjs[i] and any(nouns[j] for j in range(i + 1, n)) and i + 1 < n and (nouns[i + 1] or adjs[i + 1]):
                continue  # an adjective in front of a later noun ("Великие Луки", "Сергиев Посад")
            head = i
            break
        if head is None:
            if n == 1 and adjs[0]:
                # an adjective used as a name ("Мирный", "Павловская", "Шахты" aside): keep its own
                # gender and number
                p = self.adj_parse(words[0].lower())
                num = p.tag.number or "sing"
                gen = p.tag.gender if num == "sing" else None
                out = {}
                for c in CASES:
                    fs = self.adj_forms(p, c, num, gen, False) or [words[0].lower()]
                    out[c] = [_cap_like(words[0], f) for f in fs]
                out["nomn"] = [phrase] + [f for f in out["nomn"] if f != phrase]
                return out
            return {"nomn": [phrase]}
        info = self.word_noun_table(words[head])
        if info is None:
            return {"nomn": [phrase]}
        table, gender, number, animate = info
        if number == "plur" and not plural_ok:
            return {"nomn": [phrase]}
        # words after the head agree only when they are all adjectives ("Петропавловск Камчатский")
        post_agree = head + 1 < n and all(adjs[j] and not nouns[j] for j in range(head + 1, n))
        out: dict[str, list[str]] = {}
        for case, head_forms in table.items():
            acase = EXTRA_CASES.get(case, case)
            pieces: list[list[str]] = []
            for j, w in enumerate(words):
                if j == head:
                    pieces.append([_cap_like(w, f) for f in head_forms])
                elif (j < head and adjs[j]) or (j > head and post_agree):
                    fs = self.word_adj_forms(w, acase, number, gender, animate)[:2]
                    pieces.append([_cap_like(w, f) for f in fs])
                else:
                    pieces.append([w])
            surfaces = [""]
            for choices in pieces:
                surfaces = [(s + " " + c) if s else c for s in surfaces for c in choices]
            out[case] = [s + tail for s in surfaces]
        out["nomn"] = [phrase] + [s for s in out.get("nomn", []) if s != phrase]
        return out

    def adjective_paradigm(self, lemma: str) -> list[str]:
        """All full forms of an adjective (genders, numbers, cases), lowercase."""
        p = self.adj_parse(lemma.lower())
        if p is None:
            return [lemma.lower()]
        seen = []
        for f in p.lexeme:
            t = f.tag
            if t.POS not in ADJ_POS or "Supr" in t or "Cmp2" in t:
                continue
            if f.word not in seen:
                seen.append(f.word)
        return seen

    def plural_noun_paradigm(self, lemma: str) -> list[str]:
        """All plural case forms of a noun given in the nominative plural ("белорусы")."""
        low = lemma.lower()
        for p in self.parses(low):
            if p.tag.POS == "NOUN" and p.tag.number == "plur" and p.tag.case == "nomn" and p.is_known:
                forms = []
                for f in p.lexeme:
                    if f.tag.number == "plur" and f.word not in forms:
                        forms.append(f.word)
                return forms
        return [low]

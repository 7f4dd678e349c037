"""Transliteration helpers: Russian to Latin (for English variants and for scoring Russian city names),
pinyin to Russian (Palladius system) and Hepburn to Russian (Polivanov system), both only used to choose
among the Cyrillic names GeoNames lists for a city."""

from __future__ import annotations

import functools
import re
import unicodedata

RU_LAT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya",
}
VOWELS_RU = set("аеёиоуыэюяьъ")


def fold(s: str, keep_apostrophes: bool = False) -> str:
    """Strip diacritics and (unless asked not to) the apostrophe-like marks GeoNames uses for soft signs."""
    s = s.replace("ı", "i").replace("ə", "a").replace("ǝ", "a").replace("ł", "l").replace("ø", "o")
    s = s.replace("đ", "d").replace("Đ", "D").replace("ß", "ss")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s if keep_apostrophes else re.sub(r"[’'ʹʼ‘`´]", "", s)


def ru_to_lat(s: str, yo: bool = True, initial_ye: bool = True, short_adj: bool = True) -> str:
    """A practical BGN/PCGN-like romanisation: Нижний Новгород -> Nizhny Novgorod, Орёл -> Oryol."""
    out = []
    low = s.lower()
    for i, ch in enumerate(low):
        prev = low[i - 1] if i else " "
        if ch == "е" and initial_ye and (not prev.isalpha() or prev in VOWELS_RU):
            r = "ye"
        elif ch == "ё":
            r = "yo" if yo else "e"
            if yo and (not prev.isalpha() or prev in VOWELS_RU):
                r = "yo"
        else:
            r = RU_LAT.get(ch, ch)
        if s[i].isupper() and r:
            r = r[0].upper() + r[1:]
        out.append(r)
    res = "".join(out)
    if short_adj:
        res = re.sub(r"(?<=[a-z])(iy|yy)\b", "y", res)
        res = re.sub(r"(?<=[a-z])yye\b", "ye", res)
    return res


# ------------------------------------------------------------------ pinyin -> Palladius
_INITIALS = {
    "zh": "чж", "ch": "ч", "sh": "ш", "b": "б", "p": "п", "m": "м", "f": "ф", "d": "д", "t": "т", "n": "н",
    "l": "л", "g": "г", "k": "к", "h": "х", "j": "цз", "q": "ц", "x": "с", "r": "ж", "z": "цз", "c": "ц", "s": "с",
}
_FINALS = {
    "a": "а", "o": "о", "e": "э", "ai": "ай", "ei": "эй", "ao": "ао", "ou": "оу", "an": "ань", "en": "энь",
    "ang": "ан", "eng": "эн", "ong": "ун", "er": "эр", "i": "и", "ia": "я", "ie": "е", "iao": "яо", "iu": "ю",
    "ian": "янь", "in": "инь", "iang": "ян", "ing": "ин", "iong": "юн", "u": "у", "ua": "уа", "uo": "о",
    "uai": "уай", "ui": "уй", "uan": "уань", "un": "унь", "uang": "уан", "v": "юй", "ve": "юэ", "ue": "юэ",
}
_ZERO = {
    "a": "а", "ai": "ай", "an": "ань", "ang": "ан", "ao": "ао", "e": "э", "ei": "эй", "en": "энь", "eng": "эн",
    "er": "эр", "o": "о", "ou": "оу", "ya": "я", "yan": "янь", "yang": "ян", "yao": "яо", "ye": "е", "yi": "и",
    "yin": "инь", "ying": "ин", "yong": "юн", "you": "ю", "yu": "юй", "yuan": "юань", "yue": "юэ", "yun": "юнь",
    "wa": "ва", "wai": "вай", "wan": "вань", "wang": "ван", "wei": "вэй", "wen": "вэнь", "weng": "вэн",
    "wo": "во", "wu": "у",
}


@functools.lru_cache(maxsize=None)
def _syllables() -> dict[str, str]:
    syl = dict(_ZERO)
    for ini, ci in _INITIALS.items():
        for fin, cf in _FINALS.items():
            if ini in ("j", "q", "x"):
                if fin.startswith("u") and fin not in ("uan", "un", "ue", "u"):
                    continue
                cf = {"u": "юй", "uan": "юань", "un": "юнь", "ue": "юэ"}.get(fin, cf)
            if ini in ("z", "c", "s") and fin == "i":
                cf = "ы"
            if ini in ("zh", "ch", "sh", "r") and fin == "i":
                cf = "и"
            syl[ini + fin] = ci + cf
    return syl


def pinyin_to_ru(name: str) -> str:
    """Shenzhen -> Шэньчжэнь, Xi'an -> Сиань. Words that are not pinyin come back unchanged."""
    syl = _syllables()
    out_words = []
    for word in re.split(r"([ \-'’])", fold(name, keep_apostrophes=True).lower()):
        if not word or word in " -'’":
            out_words.append("" if word in "'’" else word)
            continue
        n = len(word)
        best: list = [None] * (n + 1)
        best[0] = (0, [])
        for i in range(n):
            if best[i] is None:
                continue
            for j in range(i + 1, min(n, i + 6) + 1):
                piece = word[i:j]
                if piece in syl:
                    if i > 0 and piece[0] in "aoe":
                        continue  # pinyin marks vowel-initial syllables inside a word with an apostrophe
                    cost = best[i][0] + 1
                    if best[j] is None or cost < best[j][0]:
                        best[j] = (cost, best[i][1] + [syl[piece]])
        out_words.append("".join(best[n][1]) if best[n] else word)
    res = "".join(out_words)
    return res[:1].upper() + res[1:]


# ------------------------------------------------------------------- Hepburn -> Polivanov
_JP = [
    ("kya", "кя"), ("kyu", "кю"), ("kyo", "кё"), ("sha", "ся"), ("shu", "сю"), ("sho", "сё"), ("shi", "си"),
    ("cha", "тя"), ("chu", "тю"), ("cho", "тё"), ("chi", "ти"), ("tsu", "цу"), ("nya", "ня"), ("nyu", "ню"),
    ("nyo", "нё"), ("hya", "хя"), ("hyu", "хю"), ("hyo", "хё"), ("mya", "мя"), ("myu", "мю"), ("myo", "мё"),
    ("rya", "ря"), ("ryu", "рю"), ("ryo", "рё"), ("gya", "гя"), ("gyu", "гю"), ("gyo", "гё"), ("bya", "бя"),
    ("byu", "бю"), ("byo", "бё"), ("pya", "пя"), ("pyu", "пю"), ("pyo", "пё"), ("ja", "дзя"), ("ju", "дзю"),
    ("jo", "дзё"), ("ji", "дзи"), ("fu", "фу"), ("za", "дза"), ("zu", "дзу"), ("ze", "дзэ"), ("zo", "дзо"),
    ("ya", "я"), ("yu", "ю"), ("yo", "ё"), ("wa", "ва"), ("wo", "о"),
]
_JP_CONS = {"k": "к", "s": "с", "t": "т", "n": "н", "h": "х", "m": "м", "r": "р", "g": "г", "d": "д",
            "b": "б", "p": "п", "z": "дз"}
_JP_VOW = {"a": "а", "i": "и", "u": "у", "e": "э", "o": "о"}


def hepburn_to_ru(name: str) -> str:
    """Hiroshima -> Хиросима, Saitama -> Сайтама (approximate, for scoring only)."""
    w = fold(name).lower()
    w = re.sub(r"-(shi|ken|fu|to)$", "", w)
    out = []
    i = 0
    while i < len(w):
        ch = w[i]
        if not ch.isalpha():
            out.append(ch)
            i += 1
            continue
        for lat, cyr in _JP:
            if w.startswith(lat, i):
                out.append(cyr)
                i += len(lat)
                break
        else:
            nxt = w[i + 1] if i + 1 < len(w) else ""
            if ch in _JP_VOW:
                prev = w[i - 1] if i else ""
                out.append("й" if ch == "i" and prev in "aueo" and prev else _JP_VOW[ch])
                i += 1
            elif ch == "n" and nxt not in _JP_VOW and nxt != "y":
                out.append("м" if nxt in "bpm" else "н")
                i += 1
            elif ch in _JP_CONS and nxt == ch:
                out.append(_JP_CONS[ch])
                i += 1
            elif ch in _JP_CONS and nxt in _JP_VOW:
                out.append(_JP_CONS[ch] + _JP_VOW[nxt])
                i += 2
            else:
                out.append(_JP_CONS.get(ch, ch))
                i += 1
    res = "".join(out)
    return res[:1].upper() + res[1:]

#!/usr/bin/env python3
"""The Python tools a user might pick instead of `coopatlas extract`, timed on the same texts.

usage: extract_python.py natasha|flashtext2 CORPUS.jsonl [--lang ru|en|all] [--max-mb N] [--gazetteer DIR]

Reads {"id", "text"} JSON Lines (ids start with the language, "ru/..." or "en/...", as written by
gen_extract_corpus.py), keeps the texts of --lang (default: all), stops adding texts past --max-mb
megabytes of UTF-8 text if given, and times only the extraction calls, text by text (reading and
parsing the JSON is not counted; one text is in memory at a time). Loading the models or building the
keyword automaton is timed separately ("build").

  natasha     Segmenter, then NewsMorphTagger and NewsNERTagger on NewsEmbedding, on every text: the
              models ship inside the natasha wheel, nothing is downloaded. It is a Russian model.
  flashtext2  a case-insensitive KeywordProcessor holding every alias of the project's gazetteer
              (data/gazetteer/aliases.tsv: names, variants, adjectives, and the case forms the
              gazetteer build made with pymorphy3) plus the Russian names of data/gazetteer/places.tsv
              put into all six cases by pymorphy3 here, word by word; each keyword maps
              to its place id. The pass is extract_keywords_with_span on each text.

Prints one tab-separated line on standard output: tool, texts, bytes, build seconds, extraction
seconds (wall clock) and CPU seconds (this process, all its threads), matches (entity spans or
keywords found), and a note. Progress goes to standard error.
"""
import argparse
import json
import os
import sys
import time

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


def read_texts(path, lang, max_bytes):
    """Yields the texts one by one (so memory holds one text, not the corpus) and counts their bytes."""
    read_texts.count = read_texts.bytes = 0
    with open(path, encoding="utf-8") as file:
        for line in file:
            record = json.loads(line)
            if lang != "all" and not record["id"].startswith(lang + "/"):
                continue
            read_texts.count += 1
            read_texts.bytes += len(record["text"].encode("utf-8"))
            yield record["text"]
            if max_bytes and read_texts.bytes >= max_bytes:
                return


def run_natasha(texts, _args):
    start = time.perf_counter()
    from natasha import Doc, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

    segmenter = Segmenter()
    embedding = NewsEmbedding()
    morph_tagger = NewsMorphTagger(embedding)
    ner_tagger = NewsNERTagger(embedding)
    build = time.perf_counter() - start

    seconds, cpu, found = 0.0, 0.0, 0
    for number, text in enumerate(texts, 1):
        start, start_cpu = time.perf_counter(), time.process_time()
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_morph(morph_tagger)
        doc.tag_ner(ner_tagger)
        found += len(doc.spans)
        seconds += time.perf_counter() - start
        cpu += time.process_time() - start_cpu
        if number % 20 == 0:
            print(f"natasha: {number} texts, {seconds:.0f} s", file=sys.stderr)
    return build, seconds, cpu, found, "segmentation, morphology and NER"


def inflect_name(morph, name):
    """The name in each of the six cases: every word that pymorphy3 reads as a nominative noun,
    adjective or participle (a place-name reading first) is inflected on its own, in its own number,
    and the other words are kept. This is the simple approach a user would write; aliases.tsv has the
    careful forms (agreement, animacy, hyphenated names)."""
    words = name.split(" ")
    parsed = []
    for word in words:
        best = None
        for parse in morph.parse(word):
            tag = parse.tag
            if tag.case == "nomn" and tag.POS in ("NOUN", "ADJF", "PRTF") and (best is None or "Geox" in tag):
                best = parse
                if "Geox" in tag:
                    break
        parsed.append(best)
    forms = set()
    for case in CASES:
        out = []
        for word, parse in zip(words, parsed):
            inflected = parse.inflect({case, parse.tag.number or "sing"}) if parse is not None else None
            if inflected is None:
                out.append(word)
            else:
                form = inflected.word
                out.append(form[:1].upper() + form[1:] if word[:1].isupper() else form)
        forms.add(" ".join(out))
    return forms


def run_flashtext2(texts, args):
    start = time.perf_counter()
    import pymorphy3
    from flashtext2 import KeywordProcessor

    keywords = {}
    with open(os.path.join(args.gazetteer, "aliases.tsv"), encoding="utf-8") as file:
        header = file.readline().rstrip("\n").split("\t")
        col_id, col_alias = header.index("id"), header.index("alias")
        for line in file:
            fields = line.rstrip("\n").split("\t")
            keywords.setdefault(fields[col_alias], fields[col_id])
    from_aliases = len(keywords)
    morph = pymorphy3.MorphAnalyzer(lang="ru")
    with open(os.path.join(args.gazetteer, "places.tsv"), encoding="utf-8") as file:
        header = file.readline().rstrip("\n").split("\t")
        col_id, col_name = header.index("id"), header.index("name_ru")
        for line in file:
            fields = line.rstrip("\n").split("\t")
            if fields[col_name]:
                for form in inflect_name(morph, fields[col_name]):
                    keywords.setdefault(form, fields[col_id])
    from_pymorphy3 = len(keywords) - from_aliases
    # The gazetteer writes ё; texts often write е.
    for alias, place in list(keywords.items()):
        if "ё" in alias or "Ё" in alias:
            keywords.setdefault(alias.replace("ё", "е").replace("Ё", "Е"), place)
    processor = KeywordProcessor(False)
    processor.add_keywords_with_clean_word_from_iter(list(keywords.items()))
    build = time.perf_counter() - start
    note = (f"{len(keywords)} keywords: {from_aliases} aliases, {from_pymorphy3} case forms added by pymorphy3, "
            f"{len(keywords) - from_aliases - from_pymorphy3} е-for-ё spellings; {len(processor)} after case folding")
    print(f"flashtext2: {note}; built in {build:.1f} s", file=sys.stderr)

    seconds, cpu, found = 0.0, 0.0, 0
    for text in texts:
        start, start_cpu = time.perf_counter(), time.process_time()
        found += len(processor.extract_keywords_with_span(text))
        seconds += time.perf_counter() - start
        cpu += time.process_time() - start_cpu
    return build, seconds, cpu, found, note


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("tool", choices=("natasha", "flashtext2"))
    parser.add_argument("corpus")
    parser.add_argument("--lang", default="all", choices=("ru", "en", "all"))
    parser.add_argument("--max-mb", type=float, default=0)
    parser.add_argument("--gazetteer", default="data/gazetteer")
    args = parser.parse_args()
    texts = read_texts(args.corpus, args.lang, int(args.max_mb * 1e6))
    run = {"natasha": run_natasha, "flashtext2": run_flashtext2}[args.tool]
    build, seconds, cpu, found, note = run(texts, args)
    print(f"{args.tool}\t{read_texts.count}\t{read_texts.bytes}\t{build:.3f}\t{seconds:.3f}\t{cpu:.3f}\t{found}\t{note}")


if __name__ == "__main__":
    main()

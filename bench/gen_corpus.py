#!/usr/bin/env python3
"""Generates a large synthetic corpus for the ingest benchmark (never committed).

usage: gen_corpus.py OUT_DIR FORMAT MEGABYTES [FILE_KB]

FORMAT is txt, html, pdf or docx. Every file is unique (so none is skipped as already known) and is
made of sentences about cooperation between regions, in Russian and English, assembled at random
from short phrase lists written for this benchmark. PDF files are written directly (one page per
~2.5 KB of text, Helvetica, ASCII transliteration: a text layer is what is measured, not fonts);
DOCX files are minimal WordprocessingML packages made with zipfile.
"""
import os
import random
import sys
import zipfile

REGIONS_RU = ["Калужская область", "Ярославской области", "Республики Татарстан", "Свердловской области",
              "Новосибирской области", "Приморского края", "Омской области", "Псковской области"]
PARTNERS_RU = ["с Могилёвской областью", "с Гродненской областью", "с провинцией Хэйлунцзян",
               "с Павлодарской областью", "с Минском", "с Витебской областью"]
VERBS_RU = ["подписали соглашение о сотрудничестве", "обсудили план мероприятий", "провели заседание рабочей группы",
            "договорились о поставках техники", "открыли торговый дом"]
SPHERES_RU = ["в сфере образования", "в области туризма", "в промышленности", "в сельском хозяйстве",
              "в сфере здравоохранения", "в области культуры"]
REGIONS_EN = ["The Kaluga Region", "Tatarstan", "The Sverdlovsk Region", "Primorye", "The Omsk Region"]
PARTNERS_EN = ["with the Mogilev Region", "with Heilongjiang Province", "with the Vitebsk Region", "with Minsk"]
VERBS_EN = ["signed a cooperation agreement", "agreed on a roadmap", "held a working group meeting",
            "discussed trade and investment"]
SPHERES_EN = ["in education", "in tourism", "in industry", "in agriculture", "in healthcare"]

TRANSLIT = str.maketrans({c: t for c, t in zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ",
    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f",
     "kh", "ts", "ch", "sh", "sch", "", "y", "", "e", "yu", "ya", "A", "B", "V", "G", "D", "E", "E", "Zh", "Z", "I",
     "Y", "K", "L", "M", "N", "O", "P", "R", "S", "T", "U", "F", "Kh", "Ts", "Ch", "Sh", "Sch", "", "Y", "", "E",
     "Yu", "Ya"])})


def sentence(rng):
    if rng.random() < 0.6:
        return (f"{rng.choice(REGIONS_RU)} и партнёры {rng.choice(PARTNERS_RU)} {rng.choice(VERBS_RU)} "
                f"{rng.choice(SPHERES_RU)}; объём проектов составил {rng.randint(2, 900)} млн рублей.")
    return (f"{rng.choice(REGIONS_EN)} {rng.choice(VERBS_EN)} {rng.choice(PARTNERS_EN)} {rng.choice(SPHERES_EN)}, "
            f"with {rng.randint(2, 90)} joint projects worth ${rng.randint(1, 50)}.{rng.randint(0, 9)} million.")


def paragraphs(rng, size_bytes, index):
    parts, total = [f"Document {index}: cooperation report {rng.randint(1, 10**9)}"], 0
    while total < size_bytes:
        paragraph = " ".join(sentence(rng) for _ in range(rng.randint(3, 7)))
        parts.append(paragraph)
        total += len(paragraph.encode())
    return parts


def write_txt(path, parts):
    with open(path, "w", encoding="utf-8") as file:
        file.write("\n\n".join(parts))


def write_html(path, parts):
    nav = "".join(f'<li><a href="/s{i}">Раздел {i}</a></li>' for i in range(30))
    body = "".join(f"<p>{p}</p>" for p in parts[1:])
    with open(path, "w", encoding="utf-8") as file:
        file.write(f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{parts[0]}</title>'
                   f'<meta property="article:published_time" content="2021-05-17T10:00:00+03:00">'
                   f'<style>body{{font:14px sans-serif}}</style><script>var x = 1;</script></head>'
                   f'<body><nav><ul>{nav}</ul></nav><main><article><h1>{parts[0]}</h1>{body}</article></main>'
                   f'<footer>© Regional portal</footer></body></html>')


def pdf_escape(text):
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def write_pdf(path, parts):
    lines = []
    for paragraph in parts:
        words, line = paragraph.translate(TRANSLIT).encode("ascii", "replace").decode().split(), ""
        for word in words:
            if len(line) + len(word) > 95:
                lines.append(line)
                line = ""
            line += word + " "
        lines.extend([line, ""])
    pages = [lines[i:i + 50] for i in range(0, len(lines), 50)]
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", None, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for page in pages:
        stream = "BT /F1 10 Tf 40 800 Td 14 TL " + " ".join(f"({pdf_escape(l)}) Tj T*" for l in page) + " ET"
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                       f"/Contents {len(objects)} 0 R >>")
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    with open(path, "wb") as file:
        file.write(out)


def write_docx(path, parts):
    def escape(text):
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    body = "".join(f"<w:p><w:r><w:t>{escape(p)}</w:t></w:r></w:p>" for p in parts)
    document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                f"<w:body>{body}</w:body></w:document>")
    types = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="xml" ContentType="application/xml"/>'
             '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("word/document.xml", document)


def main():
    out, fmt, megabytes = sys.argv[1], sys.argv[2], float(sys.argv[3])
    file_kb = int(sys.argv[4]) if len(sys.argv) > 4 else 50
    writer = {"txt": write_txt, "html": write_html, "pdf": write_pdf, "docx": write_docx}[fmt]
    os.makedirs(out, exist_ok=True)
    rng = random.Random(f"{fmt}-{megabytes}-{file_kb}")
    total, index = 0, 0
    while total < megabytes * 1e6:
        path = os.path.join(out, f"{index // 1000:04d}", f"doc{index:07d}.{fmt}")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        writer(path, paragraphs(rng, file_kb * 1000, index))
        total += os.path.getsize(path)
        index += 1
    print(f"{fmt}: {index} files, {total / 1e6:.1f} MB in {out}")


if __name__ == "__main__":
    main()

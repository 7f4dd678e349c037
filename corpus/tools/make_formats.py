#!/usr/bin/env python3
"""Build the non-plain sample documents of the corpus from their source texts.

The source of each document is `sources/<name>.txt` (UTF-8) in a tiny markup:

    # Title            first heading (the document's title)
    ## Heading         section heading
    - item             list item
    | a | b | c |      table row (the first row of a table is its header)
    anything else      one paragraph per line; blank lines are ignored

Output goes to `../docs/<name>.<ext>`, the format chosen by the table FORMATS below:
PDF (reportlab, DejaVu Sans for Cyrillic), DOCX (python-docx), ODT (odfpy), RTF (written here
by hand, Cyrillic as \\uN with a Windows-1251 fallback byte) and plain text in a legacy
encoding (Windows-1251, KOI8-R). The HTML documents in docs/ are written by hand and are not
built here.

Requirements: pip install reportlab python-docx odfpy; apt-get install fonts-dejavu-core
(and poppler-utils to check the PDFs with pdftotext).

The output is reproducible: PDF metadata and the timestamps inside DOCX/ODT archives are fixed.

Usage: python3 make_formats.py [NAME ...]     (default: all documents)
"""

import datetime
import io
import os
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCES = os.path.join(HERE, "sources")
DOCS = os.path.normpath(os.path.join(HERE, "..", "docs"))

FONT_DIR = "/usr/share/fonts/truetype/dejavu"
FIXED_TIME = datetime.datetime(2024, 1, 15, 12, 0, 0)
ZIP_TIME = (2024, 1, 15, 12, 0, 0)

# name -> (format, extra)
FORMATS = {
    "fmt-07-kuzbass-strategy": ("pdf", {"lang": "ru"}),
    "fmt-08-spb-minsk-agreement": ("pdf", {"lang": "ru"}),
    "fmt-09-chelyabinsk-forum-programme": ("pdf", {"lang": "ru"}),
    "fmt-10-murmansk-strategy": ("docx", {"lang": "en-GB"}),
    "fmt-11-moscow-minsk-programme": ("docx", {"lang": "ru-RU"}),
    "fmt-12-twinning-survey": ("docx", {"lang": "en-GB"}),
    "fmt-13-karelia-strategy": ("odt", {"lang": "en"}),
    "fmt-14-pskov-hanseatic-days": ("rtf", {"lang": "ru"}),
    "fmt-15-arkhangelsk-arctic-forum": ("txt", {"encoding": "cp1251"}),
    "fmt-16-moscow-diameters": ("txt", {"encoding": "koi8_r"}),
}


# ---------------------------------------------------------------------------
# source parsing


def parse(text):
    """Return a list of blocks: (kind, payload).

    kinds: title, h2, p, list (payload: list of items), table (payload: list of rows).
    """
    blocks = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("# "):
            blocks.append(("title", line[2:].strip()))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("- "):
            if blocks and blocks[-1][0] == "list":
                blocks[-1][1].append(line[2:].strip())
            else:
                blocks.append(("list", [line[2:].strip()]))
        elif line.startswith("|") and line.endswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if blocks and blocks[-1][0] == "table":
                blocks[-1][1].append(cells)
            else:
                blocks.append(("table", [cells]))
        else:
            blocks.append(("p", line))
    return blocks


def title_of(blocks):
    for kind, payload in blocks:
        if kind == "title":
            return payload
    return None


# ---------------------------------------------------------------------------
# zip normalisation (fixed timestamps and order, so rebuilt files are identical)


def normalise_zip(data):
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            blob = src.read(info.filename)
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            # ODF requires "mimetype" first and stored uncompressed.
            zi.compress_type = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, blob)
    return out.getvalue()


# ---------------------------------------------------------------------------
# PDF


def build_pdf(blocks, path, lang):
    from reportlab import rl_config

    rl_config.invariant = 1  # no creation date or random id: reproducible output
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer
    from xml.sax.saxutils import escape

    pdfmetrics.registerFont(TTFont("DejaVuSans", os.path.join(FONT_DIR, "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", os.path.join(FONT_DIR, "DejaVuSans-Bold.ttf")))

    body = ParagraphStyle("body", fontName="DejaVuSans", fontSize=11, leading=15.5,
                          alignment=TA_JUSTIFY, spaceAfter=7, firstLineIndent=8 * mm)
    item = ParagraphStyle("item", parent=body, firstLineIndent=0, spaceAfter=3)
    h1 = ParagraphStyle("h1", fontName="DejaVuSans-Bold", fontSize=15, leading=20, spaceAfter=12)
    h2 = ParagraphStyle("h2", fontName="DejaVuSans-Bold", fontSize=12.5, leading=17,
                        spaceBefore=10, spaceAfter=6)

    title = title_of(blocks) or ""
    story = []
    for kind, payload in blocks:
        if kind == "title":
            story.append(Paragraph(escape(payload), h1))
        elif kind == "h2":
            story.append(Paragraph(escape(payload), h2))
        elif kind == "p":
            story.append(Paragraph(escape(payload), body))
        elif kind == "list":
            items = [ListItem(Paragraph(escape(x), item), leftIndent=14 * mm) for x in payload]
            story.append(ListFlowable(items, bulletType="bullet", start="\u2022",
                                      bulletFontName="DejaVuSans", leftIndent=14 * mm))
            story.append(Spacer(1, 4))
        elif kind == "table":
            for row in payload:
                story.append(Paragraph(escape(" \u2014 ".join(row)), item))

    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFont("DejaVuSans", 9)
        canvas.drawCentredString(A4[0] / 2, 12 * mm, str(doc.page))
        canvas.restoreState()

    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=25 * mm, rightMargin=20 * mm,
                            topMargin=22 * mm, bottomMargin=22 * mm,
                            title=title, author="coopatlas sample corpus", subject=title,
                            lang=lang, creator="coopatlas corpus tools")
    doc.build(story, onFirstPage=footer, onLaterPages=footer)


# ---------------------------------------------------------------------------
# DOCX


def build_docx(blocks, path, lang):
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Pt

    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    rpr = normal.element.get_or_add_rPr()
    lang_el = rpr.find(qn("w:lang"))
    if lang_el is None:
        lang_el = rpr.makeelement(qn("w:lang"), {})
        rpr.append(lang_el)
    lang_el.set(qn("w:val"), lang)

    for kind, payload in blocks:
        if kind == "title":
            d.add_heading(payload, level=1)
        elif kind == "h2":
            d.add_heading(payload, level=2)
        elif kind == "p":
            d.add_paragraph(payload)
        elif kind == "list":
            for x in payload:
                d.add_paragraph(x, style="List Bullet")
        elif kind == "table":
            ncols = max(len(r) for r in payload)
            t = d.add_table(rows=len(payload), cols=ncols)
            t.style = "Table Grid"
            for i, row in enumerate(payload):
                for j, cell in enumerate(row):
                    t.cell(i, j).text = cell
                    if i == 0:
                        for run in t.cell(i, j).paragraphs[0].runs:
                            run.bold = True

    cp = d.core_properties
    cp.title = title_of(blocks) or ""
    cp.author = "coopatlas sample corpus"
    cp.language = lang
    cp.created = FIXED_TIME
    cp.modified = FIXED_TIME
    cp.last_modified_by = "coopatlas sample corpus"
    cp.revision = 1

    buf = io.BytesIO()
    d.save(buf)
    with open(path, "wb") as f:
        f.write(normalise_zip(buf.getvalue()))


# ---------------------------------------------------------------------------
# ODT


def build_odt(blocks, path, lang):
    from odf import dc, meta, style, table, text
    from odf.opendocument import OpenDocumentText

    doc = OpenDocumentText()
    language, _, country = lang.partition("-")

    h1 = style.Style(name="Heading 1", family="paragraph")
    h1.addElement(style.TextProperties(fontsize="16pt", fontweight="bold"))
    h2 = style.Style(name="Heading 2", family="paragraph")
    h2.addElement(style.TextProperties(fontsize="13pt", fontweight="bold"))
    body = style.Style(name="Text body", family="paragraph")
    body.addElement(style.ParagraphProperties(marginbottom="0.2cm"))
    body.addElement(style.TextProperties(language=language, country=country or "none"))
    for s in (h1, h2, body):
        doc.styles.addElement(s)

    for kind, payload in blocks:
        if kind == "title":
            doc.text.addElement(text.H(outlinelevel=1, stylename=h1, text=payload))
        elif kind == "h2":
            doc.text.addElement(text.H(outlinelevel=2, stylename=h2, text=payload))
        elif kind == "p":
            doc.text.addElement(text.P(stylename=body, text=payload))
        elif kind == "list":
            lst = text.List()
            for x in payload:
                li = text.ListItem()
                li.addElement(text.P(stylename=body, text=x))
                lst.addElement(li)
            doc.text.addElement(lst)
        elif kind == "table":
            ncols = max(len(r) for r in payload)
            t = table.Table(name="Table1")
            t.addElement(table.TableColumn(numbercolumnsrepeated=ncols))
            for row in payload:
                tr = table.TableRow()
                for cell in row:
                    tc = table.TableCell()
                    tc.addElement(text.P(text=cell))
                    tr.addElement(tc)
                t.addElement(tr)
            doc.text.addElement(t)

    doc.meta.addElement(dc.Title(text=title_of(blocks) or ""))
    doc.meta.addElement(dc.Language(text=lang))
    doc.meta.addElement(dc.Creator(text="coopatlas sample corpus"))
    doc.meta.addElement(meta.CreationDate(text=FIXED_TIME.isoformat()))
    doc.meta.addElement(dc.Date(text=FIXED_TIME.isoformat()))

    buf = io.BytesIO()
    doc.write(buf)
    data = buf.getvalue()
    # odfpy stamps the generator with its own version and the build time; fix the latter.
    with open(path, "wb") as f:
        f.write(normalise_zip(data))


# ---------------------------------------------------------------------------
# RTF (written by hand)


def rtf_escape(s):
    """Escape text for RTF: ASCII as is (with \\ { } escaped), everything else as \\uN
    followed by a one-byte Windows-1251 fallback (\\uc1), as word processors write it."""
    out = []
    for ch in s:
        code = ord(ch)
        if ch in "\\{}":
            out.append("\\" + ch)
        elif 32 <= code < 128:
            out.append(ch)
        else:
            try:
                fallback = ch.encode("cp1251")
                fb = "\\'%02x" % fallback[0]
            except UnicodeEncodeError:
                fb = "?"
            n = code if code < 32768 else code - 65536
            out.append("\\u%d%s" % (n, fb))
    return "".join(out)


def build_rtf(blocks, path, lang):
    title = title_of(blocks) or ""
    lines = [
        "{\\rtf1\\ansi\\ansicpg1251\\deff0\\deflang1049\\uc1",
        "{\\fonttbl{\\f0\\froman\\fcharset204 Times New Roman;}{\\f1\\fswiss\\fcharset204 Arial;}}",
        "{\\colortbl;\\red0\\green0\\blue0;\\red31\\green56\\blue100;}",
        "{\\stylesheet{\\s0\\f0\\fs24 Normal;}{\\s1\\f1\\fs32\\b Heading 1;}}",
        "{\\info{\\title %s}{\\author coopatlas sample corpus}"
        "{\\creatim\\yr2024\\mo1\\dy15\\hr12\\min0}}" % rtf_escape(title),
        "\\paperw11906\\paperh16838\\margl1701\\margr850\\margt1134\\margb1134",
        "\\viewkind4\\pard\\plain",
    ]
    for kind, payload in blocks:
        if kind == "title":
            lines.append("{\\pard\\s1\\sb120\\sa240\\f1\\fs32\\b\\cf2 %s\\par}" % rtf_escape(payload))
        elif kind == "h2":
            lines.append("{\\pard\\sb240\\sa120\\f1\\fs26\\b %s\\par}" % rtf_escape(payload))
        elif kind == "p":
            lines.append("{\\pard\\qj\\fi567\\sa120\\f0\\fs24 %s\\par}" % rtf_escape(payload))
        elif kind == "list":
            for x in payload:
                lines.append("{\\pard\\li720\\fi-360\\sa60\\f0\\fs24 \\bullet\\tab %s\\par}" % rtf_escape(x))
        elif kind == "table":
            for row in payload:
                lines.append("{\\pard\\f0\\fs24 %s\\par}" % rtf_escape(" \u2014 ".join(row)))
    lines.append("}")
    with open(path, "w", encoding="ascii", newline="\r\n") as f:
        f.write("\n".join(lines) + "\n")


# ---------------------------------------------------------------------------
# plain text in a legacy encoding


def build_txt(text, path, encoding):
    # Windows line ends, as such files usually come from Windows editors.
    data = text.replace("\r\n", "\n").replace("\n", "\r\n").encode(encoding)
    with open(path, "wb") as f:
        f.write(data)


# ---------------------------------------------------------------------------


def build(name):
    fmt, extra = FORMATS[name]
    with open(os.path.join(SOURCES, name + ".txt"), encoding="utf-8") as f:
        src = f.read()
    out = os.path.join(DOCS, "%s.%s" % (name, fmt))
    if fmt == "txt":
        build_txt(src, out, extra["encoding"])
    else:
        blocks = parse(src)
        {"pdf": build_pdf, "docx": build_docx, "odt": build_odt, "rtf": build_rtf}[fmt](
            blocks, out, extra["lang"])
    print("built", os.path.relpath(out, os.path.dirname(DOCS)))


def main(argv):
    names = argv[1:] or sorted(FORMATS)
    for name in names:
        if name not in FORMATS:
            sys.exit("unknown document: %s" % name)
        build(name)


if __name__ == "__main__":
    main(sys.argv)

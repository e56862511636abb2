"""Turn a raw page into the article body and the fields found around it.

The body keeps only the article's own text: navigation, counters, captions,
teasers, previous/next links, bylines, datelines and generator prompts are
removed (and recorded), and what breaks matching (no-break spaces, curly
apostrophes, doubled or reversed guillemets, paragraphs glued together) is
normalised. Every offset the extractors store points into this body.
"""
import re
from dataclasses import dataclass, field
from typing import Optional

from . import lexicon

BOILERPLATE = [re.compile(p) for p in lexicon.BOILERPLATE_LINE_PATTERNS]
BYLINES = [re.compile(p) for p in lexicon.BYLINE_PATTERNS]

SPACES = re.compile(r"[\u00a0\u202f\u2007\u2009\u200a\u3000\t]")
APOSTROPHES = re.compile(r"[’‘ʼ`´]")
DOUBLED_OPEN = re.compile(r"«(?:\s*«)+")
DOUBLED_CLOSE = re.compile(r"»(?:\s*»)+")
# "...britannique.Le Sénat", '...bâtiment."La clinique', "...a-t-il dit.M. Ozols": paragraphs scraped
# without a separator. The sentence end is followed by a capital, «, or a
# straight quote that opens (an even number of them came before it).
GLUED = re.compile(r"(?<=[a-zà-ÿ0-9)»\"%])[.!?…]+(?=\"?(?:[A-ZÀ-Ý«][a-zà-ÿ' ]|M\.\s))")
# Wire-copy intertitles glued into the text by the scraper: "...en septembre.-
# \"Terrain de jeu\" -Pour John Bolton" or "- LE COMPLOT -► \"Les ...": a
# heading between dashes right after a sentence end. Headings are nobody's words.
INTERTITLE = re.compile(r'(?:(?<=[.!?…"»)])|^)\s*-\s+(?P<heading>[^\n]{2,90}?)\s+-\s*(?:►\s*)?(?=\S)', re.MULTILINE)
# A heading in capitals glued to the next sentence: "... L'INNOCENCE DE LA
# RUSSIELe ministre britannique ...".
CAPS_HEADING = re.compile(r"(?:(?<=[.!?…\"»])|^)\s*(?P<heading>(?:[A-ZÀ-Ý0-9'’-]+[ ,:]+){2,}[A-ZÀ-Ý0-9'’-]*?[A-ZÀ-Ý])(?=[A-ZÀ-Ý][a-zà-ÿ])", re.MULTILINE)
# A quoted heading glued to the quotation that opens the next paragraph:
# '"Une plainte par jour""Nous recevons ...' (no space between the marks).
QUOTED_HEADING = re.compile(r'(?:(?<=[.!?…"»)])|^)[ \t]*(?P<heading>"[^"\n.!?]{3,80}"|«[^»\n.!?]{3,80}»)(?=\s?[«"])', re.MULTILINE)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]")


@dataclass
class CleanArticle:
    body: str
    title: Optional[str] = None
    source: Optional[str] = None
    byline: Optional[str] = None
    dateline: Optional[str] = None
    dateline_place: Optional[str] = None
    dateline_date: Optional[str] = None
    credits: list = field(default_factory=list)
    removed: list = field(default_factory=list)  # (kind, line)


def normalise_text(text: str) -> str:
    """Characters that break matching, normalised; guillemets paired per paragraph.

    >>> normalise_text("« « Oui » », a-t-il dit l’an dernier")
    "« Oui », a-t-il dit l'an dernier"
    """
    text = CONTROL.sub("", text)
    text = SPACES.sub(" ", text)
    text = APOSTROPHES.sub("'", text)
    text = DOUBLED_OPEN.sub("«", text)
    text = DOUBLED_CLOSE.sub("»", text)
    text = split_glued(text)
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n", text)]
    return "\n\n".join(pair_guillemets(p) for p in paragraphs if p)


def split_glued(text: str) -> str:
    """Paragraph breaks put back where a scraper removed them."""
    out, last = [], 0
    for match in GLUED.finditer(text):
        cut = match.end()
        if text[cut] == '"':
            line_start = text.rfind("\n", 0, match.start()) + 1
            # An odd count means this quote closes the sentence: cut after it.
            if text.count('"', line_start, cut) % 2 == 1:
                cut += 1
                if cut >= len(text) or not (text[cut].isupper() or text[cut] == "«"):
                    continue
        out.append(text[last:cut])
        out.append("\n\n")
        last = cut
    out.append(text[last:])
    return "".join(out).replace(" \n\n", "\n\n")


def pair_guillemets(paragraph: str) -> str:
    """Guillemets paired in order of appearance, each pair made « ... ».

    Badly edited pages reverse them (» ... «) or close with an opening one
    (« ... «); taken in order, the first of a pair opens and the second closes.
    A last unpaired « is left: it opens a quotation that runs on.
    """
    marks = [i for i, c in enumerate(paragraph) if c in "«»"]
    if len(marks) < 2:
        return paragraph
    chars = list(paragraph)
    for first, second in zip(marks[0::2], marks[1::2]):
        chars[first], chars[second] = "«", "»"
    # Spaces inside the marks, as French typography has them: « Oui ».
    paired = re.sub(r"«\s*(.*?)\s*»", r"« \1 »", "".join(chars))
    return re.sub(r"»\s+([,.])", r"»\1", paired)


def is_boilerplate(line: str) -> bool:
    return any(p.match(line) for p in BOILERPLATE) or is_english_instruction(line)


def is_english_instruction(line: str) -> bool:
    """A line in English among French ones: what a text generator was told
    ("Make this piece longer, in French, at least 700 words")."""
    if any(mark in line for mark in "«»\"“”"):
        return False  # an English quotation is someone's words
    words = re.findall(r"[a-z]+", line.lower())
    return len(words) >= 4 and sum(w in lexicon.ENGLISH_WORDS for w in words) >= 0.4 * len(words)


def clean_article(text: str, title: Optional[str] = None, source: Optional[str] = None) -> CleanArticle:
    """Body and fields of an article's raw text.

    title and source, when the reader found them in metadata, are kept.
    """
    lines = CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    result = CleanArticle(body="", title=title, source=source)
    kept = []
    breadcrumb = None
    for number, raw_line in enumerate(lines):
        line = " ".join(SPACES.sub(" ", raw_line).split())
        if not line:
            kept.append("")
            continue
        if lexicon.GENERATOR_TITLE_PREFIX.match(line):
            result.removed.append(("prompt", line))
            rest = lexicon.GENERATOR_TITLE_PREFIX.sub("", line).strip()
            if rest and result.title is None:
                result.title = normalise_text(rest)
            continue
        byline = next((m for m in (p.match(line) for p in BYLINES) if m), None)
        if byline and len(line) < 120:
            result.byline = result.byline or byline.group("name").strip()
            result.removed.append(("byline", line))
            continue
        if re.match(r"(?i)^\s*(?:accueil|home)\b", line) and breadcrumb is None and number < 5:
            breadcrumb = line
            result.removed.append(("navigation", line))
            continue
        if is_boilerplate(line):
            kind = "caption" if re.match(r"(?i)^\s*(?:archives?|photo|illustration|image|crédit|credit|©)", line) else "boilerplate"
            if kind == "caption":
                result.credits.append(line)
            result.removed.append((kind, line))
            continue
        dateline = lexicon.DATELINE.match(line)
        if dateline and not result.dateline and _looks_like_dateline(dateline):
            result.dateline = dateline.group(0).strip(" –—-")
            result.dateline_place = dateline.group("place").strip().title()
            result.dateline_date = dateline.group("date").strip()
            if dateline.group("source") and not result.source:
                result.source = dateline.group("source").strip()
            result.removed.append(("dateline", result.dateline))
            line = line[dateline.end():].strip()
            if not line:
                continue
        kept.append(line)

    paragraphs = _paragraphs(kept)
    if result.title is None:
        result.title, paragraphs = _find_title(paragraphs, breadcrumb)
    elif paragraphs and _same(paragraphs[0], result.title):
        paragraphs = paragraphs[1:]
    body = "\n\n".join(paragraphs)
    for pattern in (INTERTITLE, CAPS_HEADING, QUOTED_HEADING):
        result.removed += [("heading", m.group("heading")) for m in pattern.finditer(body)]
        body = pattern.sub("\n\n", body)
    result.body = normalise_text(body)
    if result.title:
        result.title = normalise_text(result.title)
    return result


def _looks_like_dateline(match) -> bool:
    month = re.sub(r"[^a-zéû]", "", match.group("date").split()[1].lower()) if len(match.group("date").split()) > 1 else ""
    return month in lexicon.MONTHS


def _paragraphs(lines):
    """Every non-blank line is a paragraph: pages put one per line, and
    lists of leads have no blank line between them."""
    return [line for line in lines if line]


def _find_title(paragraphs, breadcrumb):
    """A short first paragraph without final punctuation, set apart from the
    text by a blank line or repeated in the breadcrumb, is the title."""
    if len(paragraphs) < 2:
        return None, paragraphs
    first = paragraphs[0]
    short = len(first) <= 200 and first.rstrip()[-1:] not in ".:;,"
    if breadcrumb and (short or _same(breadcrumb[-len(first):], first) or first[:40] in breadcrumb):
        return first, paragraphs[1:]
    return None, paragraphs


def _same(a: str, b: str) -> bool:
    def key(s):
        return re.sub(r"\W+", "", APOSTROPHES.sub("'", s)).lower()
    return key(a) == key(b)

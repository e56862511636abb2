"""Paragraphs, quotations and sentences of an article body.

One segmentation serves every extractor and the sentences table: a
paragraph break always ends a sentence, and . ! ? end one before a capital
letter, never inside a quotation (a quotation of several sentences stays
whole with its attribution) nor after an initial or "M.".
"""
import re
from dataclasses import dataclass

QUOTE_PAIRS = [("«", "»"), ("“", "”"), ('"', '"')]
# A sentence ends at . ! ? (and the closing mark of a quotation that ends
# with it: « Nous ferons tout. » Le ministre ...) before a capital letter.
UNIT_END = re.compile(r"(?<!\b[A-Z])(?<!\bMme)(?<!\bMgr)[.!?…]+(?:\s?[»”]|\")?(?=\s+[A-ZÀ-Ý«\"“])|$")


def paragraphs_of(body: str) -> list:
    """(start, end) of every non-empty line."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", body)]


@dataclass
class Quote:
    start: int        # offsets of the quoted words, marks excluded
    end: int
    outer_start: int  # offsets with the marks
    outer_end: int

    def text(self, body):
        return body[self.start:self.end]



def pair_straight_quotes(text: str, marks: list) -> list:
    """Pairs of straight quotes, each mark read as opening or closing from
    its neighbours: '« il a dit "non" »' and '"Nous devons laisser "le diable"
    dehors !"' pair as a reader pairs them, and one stray mark does not shift
    every later pair."""
    pairs, stack = [], []
    for i in marks:
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        opens = (before.isspace() or before in "([{'’—–-:") and not after.isspace()
        closes = not before.isspace() and (after.isspace() or after in ".,;:!?)]…-")
        if opens and not closes:
            stack.append(i)
        elif stack:
            start = stack.pop()
            if not stack:
                pairs.append((start, i))
        elif not closes:
            stack.append(i)
        elif i == marks[0]:
            # 'Personne n'a besoin de l'Otan", a-t-il affirmé': the paragraph
            # goes on with a quotation whose opening mark is lost or earlier.
            pairs.append((-1, i))
    return pairs


def find_quotes(body: str, start: int, end: int) -> list:
    """Quotations in body[start:end] (a paragraph), each family of marks
    paired in order; a last unpaired « runs to the paragraph end."""
    quotes = []
    text = body[start:end]
    for opening, closing in QUOTE_PAIRS:
        if opening not in text and closing not in text:
            continue
        family = "«»" if opening == "«" else opening + closing
        marks = [i for i, c in enumerate(text) if c in family]
        if opening == '"':
            pairs = pair_straight_quotes(text, marks)
        else:
            pairs = list(zip(marks[0::2], marks[1::2]))
            if len(marks) % 2 and text[marks[-1]] == opening:
                pairs.append((marks[-1], len(text)))
        for a, b in pairs:
            inner_a, inner_b = a + 1, b
            while inner_a < inner_b and text[inner_a].isspace():
                inner_a += 1
            while inner_b > inner_a and text[inner_b - 1] in " \t,":
                inner_b -= 1
            if inner_b > inner_a:
                quotes.append(Quote(start + inner_a, start + inner_b, start + max(a, 0), start + min(b + 1, len(text))))
    # Inner quotations ("« ... “x” ... »") belong to the outer one.
    quotes.sort(key=lambda q: (q.outer_start, -q.outer_end))
    kept = []
    for quote in quotes:
        if not any(k.outer_start <= quote.outer_start and quote.outer_end <= k.outer_end for k in kept):
            kept.append(quote)
    return kept


def split_units(body: str, start: int, end: int, quotes: list) -> list:
    """(start, end) of the sentences of a paragraph, never cutting a quotation."""
    inside = [(q.outer_start, q.outer_end) for q in quotes]
    units, unit_start = [], start
    for match in UNIT_END.finditer(body, start, end):
        cut = match.end()
        if cut < end and any(a < cut < b for a, b in inside):
            continue
        while unit_start < cut and body[unit_start].isspace():
            unit_start += 1
        if body[unit_start:cut].strip():
            units.append((unit_start, cut))
        unit_start = cut
        if cut >= end:
            break
    if unit_start < end and body[unit_start:end].strip():
        units.append((unit_start, end))
    return units



@dataclass
class Segments:
    """The paragraphs, quotations and sentences of a body, found once: the
    sentence splitter (extract.nlp) finds them, the article keeps them."""
    paragraphs: list  # (start, end) of every paragraph
    quotes: list      # the Quotes of each paragraph
    sentences: list   # (start, end) of every sentence, in order


def segment(body: str) -> Segments:
    paragraphs = paragraphs_of(body)
    quotes = [find_quotes(body, start, end) for start, end in paragraphs]
    sentences = [unit for (start, end), found in zip(paragraphs, quotes)
                 for unit in split_units(body, start, end, found)]
    return Segments(paragraphs, quotes, sentences)


def sentence_spans(body: str) -> list:
    """(start, end) of every sentence of body, in order."""
    return segment(body).sentences

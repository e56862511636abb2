"""One quotation, many reports: statements of one speaker grouped across articles.

Outlets cut the same words differently ("Nous espérons conclure rapidement"
in one, "conclure rapidement" in another). Statements of one speaker are
taken longest first; the longest of a group is its canonical text, and a
shorter statement joins the group whose canonical text covers it:

- direct and partial statements join when at least OVERLAP of the shorter
  one's word pairs are in the canonical text (the same words, a cut of them,
  or a strong overlap);
- indirect (reported) statements join only on a strong match both ways:
  the same word pairs in either direction (JACCARD);
- a statement that two groups cover equally well ("l'OTAN est prête",
  which opens two different quotations) joins neither: unsure, it stays
  its own quotation;
- a cut too short to say whose words it is (fewer than MIN_WORDS words or
  MIN_CONTENT words that are not stop words or numbers: "la liberté", "le
  15 juin", "bon sens") is its own quotation: on the full corpus such cuts
  were most of the wrong merges.

Candidates come from an index of word pairs over the canonical texts, so a
statement is compared with the few groups that share its words, not with
every statement of the speaker. Pairs found in very many groups of one
speaker ("de la", "il faut") do not propose candidates.
"""
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from .places import fold

# Thresholds measured on the full OrangeSum build (README, "Quotations").
OVERLAP = 0.8
JACCARD = 0.8
MIN_WORDS = 3
MIN_CONTENT = 2
COMMON_PAIR = 50       # a word pair in more groups than this proposes no candidates

WORD = re.compile(r"\w+")


def words(text: str) -> list:
    """Lower-case words without accents, apostrophes and punctuation:
    "l'OTAN est prête" and "l’Otan est prete" read the same."""
    return WORD.findall(fold(text))


@lru_cache(maxsize=1)
def stop_words() -> frozenset:
    """spaCy's French stop words, written as words() writes them."""
    from spacy.lang.fr.stop_words import STOP_WORDS

    return frozenset(w for word in STOP_WORDS for w in words(word))


def specific(tokens: list) -> bool:
    """Long enough to say whose words these are."""
    content = sum(1 for t in tokens if t not in stop_words() and not t.isdigit())
    return len(tokens) >= MIN_WORDS and content >= MIN_CONTENT


def pairs(tokens: list) -> frozenset:
    return frozenset(zip(tokens, tokens[1:]))


@dataclass
class Group:
    id: str
    canonical: dict              # the statement row of the longest text
    shingles: frozenset
    members: list = field(default_factory=list)


def covered(statement_pairs: frozenset, kind: str, group: Group) -> float:
    """How well the group's canonical text covers a shorter statement; 0 below the thresholds."""
    shared = len(statement_pairs & group.shingles)
    if kind == "indirect" or group.canonical["kind"] == "indirect":
        score = shared / len(statement_pairs | group.shingles)
        return score if score >= JACCARD else 0.0
    score = shared / len(statement_pairs)
    return score if score >= OVERLAP else 0.0


def group_speaker(statements: list) -> list:
    """Groups of one speaker's statements (rows with id, quote, kind)."""
    groups, index = [], defaultdict(list)
    tokenised = sorted(((words(s["quote"]), s) for s in statements), key=lambda x: (-len(x[0]), x[1]["id"]))
    for tokens, statement in tokenised:
        shingles = pairs(tokens)
        best = None
        grouped = specific(tokens)
        if grouped:
            candidates = {id(g): g for p in shingles if len(index[p]) <= COMMON_PAIR for g in index[p]}
            scored = sorted(((covered(shingles, statement["kind"], g), g) for g in candidates.values()),
                            key=lambda x: -x[0])
            scored = [(score, g) for score, g in scored if score > 0]
            unsure = len(scored) > 1 and scored[0][0] - scored[1][0] < 0.1
            best = scored[0][1] if scored and not unsure else None
        if best is None:
            best = Group(f"q-{statement['id']}", statement, shingles)
            groups.append(best)
            if grouped:
                for p in shingles:
                    index[p].append(best)
        best.members.append(statement)
    return groups


def group_quotations(statements) -> list:
    """Groups of statements (rows with id, speaker_id, quote, kind), speaker by speaker;
    statements without a known speaker are not grouped."""
    by_speaker = defaultdict(list)
    for statement in statements:
        if statement["speaker_id"] is not None:
            by_speaker[statement["speaker_id"]].append(statement)
    return [group for speaker in sorted(by_speaker) for group in group_speaker(by_speaker[speaker])]

"""People in the news: PER entities merged into one person each, with roles.

"Mme Tamm", "Tamm" and "Kaja Tamm" are one person; transliterations such as
Zelensky, Zelenskyy and Zelenskiy share a surname key. Roles come from
appositions: "la ministre estonienne de la Défense, Kaja Tamm", "le président
letton Edgars Ozols".
"""
import re
from dataclasses import dataclass, field
from typing import Optional

from . import lexicon
from .lexicon import is_first_name
from .places import country_by_adjective, country_by_name, fold, lookup
from .nlp import text_of

TITLE_RE = "|".join(re.escape(t) for t in lexicon.TITLES)
# "le secrétaire général de l'OTAN, " / "le président turc " / "la porte-parole "
ROLE_BEFORE = re.compile(
    rf"(?:^|\b(?:le|la|l'|du|de la|de l'|au|à la|des|les|son|sa|leur|ex-|ancien|ancienne)\s*)"
    rf"(?P<title>{TITLE_RE})(?P<qualifier>(?:\s+(?!et\b|a\b|ont\b|est\b)[\w'-]+){{0,7}}?)\s*,?\s*$", re.IGNORECASE)
# "Kaja Tamm, ministre estonienne de la Défense,"
ROLE_AFTER = re.compile(
    rf"^\s*,\s*(?:le |la |l')?(?P<title>{TITLE_RE})(?P<qualifier>(?:\s+[\w'-]+){{0,7}}?)\s*(?:,|\.|$)", re.IGNORECASE)
# A name's word starts with a capital, after a particle: "Ali al-Khelaifi", "Ould-Abbas".
NAME_TOKEN = re.compile(r"^(?:al-|el-|ben-|bin-|d')?[A-ZÀ-Ý][\w'’.-]*$")


@dataclass
class Mention:
    start: int
    end: int
    text: str
    name: str  # without courtesy titles


@dataclass
class Role:
    title: str
    organisation: Optional[str] = None
    country: Optional[str] = None  # ISO code
    text: str = ""
    start: int = 0
    end: int = 0


@dataclass
class Person:
    key: str            # surname key, then first name key: "stoltenberg|jens"
    name: str           # fullest form seen in the article
    mentions: list = field(default_factory=list)
    roles: list = field(default_factory=list)

    @property
    def aliases(self):
        return sorted({m.name for m in self.mentions})


def surname_key(name: str) -> str:
    """Key of a surname that transliterations share: Zelenskyy -> zelensky."""
    tokens = fold(name).replace("-", " ").split()
    if not tokens:
        return ""
    return re.sub(r"(iy|yy|ii|y|i)$", "y", tokens[-1])


def first_name_key(name: str) -> str:
    tokens = [t for t in name.split() if t.lower() not in lexicon.NAME_PARTICLES]
    if len(tokens) < 2:
        return ""
    return re.sub(r"(iy|yy|ii|y|i)$", "y", fold(tokens[0]))


def clean_name(text: str) -> Optional[str]:
    """A person's name without courtesy titles, or None if it is no name.

    >>> clean_name("M. Ozols")
    'Ozols'
    """
    tokens = text.replace("’", "'").split()
    while tokens and (tokens[0] in lexicon.HONORIFICS or tokens[0].lower() in ("le", "la", "l'")):
        tokens = tokens[1:]
    tokens = [t.strip(",;:.()[]«»\"") if i == len(tokens) - 1 else t for i, t in enumerate(tokens)]
    tokens = [t for t in tokens if t]
    # "PAP.Alexandre Loukachenko": an agency's name glued to the first name.
    if tokens and re.match(r"^[A-Z]{2,}\.[A-ZÀ-Ý]", tokens[0]):
        tokens[0] = tokens[0].split(".", 1)[1]
    # "Lettonie Anne Berzina", "Travail Anne Berzina", "L'ex-ministre Paul
    # Garnier": a word the model joined before a first name; a first name
    # that is also a town stays ("François Garnier").
    first = next((k for k, token in enumerate(tokens) if is_first_name(token)), None)
    if first and len(tokens) - first >= 2:
        tokens = tokens[first:]
    while len(tokens) > 2 and lookup(tokens[0]) and not is_first_name(tokens[0]):
        tokens = tokens[1:]
    if not tokens or len(tokens) > 5:
        return None
    # "Vendredi", "Mars": a date word the model took for a name.
    if tokens[0].lower() in lexicon.WEEKDAYS or len(tokens) == 1 and tokens[0].lower() in lexicon.MONTHS:
        return None
    # "Seine-et-Marne", "Châlons-en-Champagne": compound place names, not people.
    if re.search(r"(?i)-(?:et|sur|en|lès|les)(?:-|\s|$)", " ".join(tokens)):
        return None
    # "président de la République" is a title, not a name: a name starts with a capital.
    if not NAME_TOKEN.match(tokens[0]) or not NAME_TOKEN.match(tokens[-1]):
        return None
    while len(tokens) > 1 and tokens[-1] == tokens[-2]:
        tokens = tokens[:-1]  # "Édouard Philippe Philippe"
    if any(ch.isdigit() for ch in "".join(tokens)):
        return None
    name = " ".join(tokens)
    # The model tags some places and organisations as people.
    if lookup(name) or fold(name) in lexicon.ORGANISATIONS or name.isupper() and len(name) <= 5:
        return None
    return name


def split_conjoined(text: str, start: int):
    """ "Tamm et Ozols" is two mentions."""
    offset = 0
    for part in re.split(r"(\s+et\s+|\s*,\s*)", text):
        if part and not re.fullmatch(r"\s+et\s+|\s*,\s*", part):
            yield part, start + offset
        offset += len(part)


# A title followed by capitalised words is a name, even when the model
# missed it: "le vice-ministre de la Santé Iraj Harirchi".
TITLED_NAME = re.compile(
    rf"\b(?:{TITLE_RE}|M\.|Mme)(?:\s+(?:[a-zé][\w'-]*|de la|de l'|du|des)){{0,5}},?\s+"
    r"(?P<name>[A-ZÀ-Ý][\w'’-]+(?:\s+(?:von der|van der|de|von|van|al-)?\s*[A-ZÀ-Ý][\w'’-]+){1,2})")


def find_mentions(doc) -> list:
    """Person mentions from the model's PER entities, courtesy titles dropped,
    and names after a title that the model missed."""
    mentions = []
    for ent in doc.ents:
        if ent.label_ != "PER":
            continue
        # Entities must not run over a paragraph break: "Oana Lungescu\n\nA ce jour".
        text = ent.text.split("\n")[0].rstrip()
        for part, start in split_conjoined(text, ent.start_char):
            name = clean_name(part)
            if name:
                mentions.append(Mention(start, start + len(part), part, name))
    taken = [(m.start, m.end) for m in mentions]
    for match in TITLED_NAME.finditer(text_of(doc)):
        start, end = match.span("name")
        if any(a < end and start < b for a, b in taken) or "\n" in match.group("name"):
            continue
        name = clean_name(match.group("name"))
        if name and not any(fold(w) in lexicon.ORGANISATIONS for w in name.split()):
            mentions.append(Mention(start, end, match.group("name"), name))
            taken.append((start, end))
    return sorted(mentions, key=lambda m: m.start)


def cluster_people(mentions: list) -> list:
    """One Person per surname key within an article; the fullest form names it."""
    by_key = {}
    for mention in mentions:
        key = surname_key(mention.name)
        by_key.setdefault(key, []).append(mention)
    people = []
    for key, group in by_key.items():
        # Two different first names with one surname are two people.
        firsts = {first_name_key(m.name) for m in group} - {""}
        for first in sorted(firsts) or [""]:
            own = [m for m in group if first_name_key(m.name) in (first, "")] if len(firsts) > 1 else group
            fullest = max(own, key=lambda m: (len(m.name.split()), -m.start))
            people.append(Person(f"{key}|{first}", fullest.name, own))
    return people


def parse_role(title: str, qualifier: str, text: str, start: int, end: int) -> Role:
    """Title, organisation and country of a role's words."""
    role = Role(title=title.lower(), text=text.strip(" ,"), start=start, end=end)
    words = qualifier.strip()
    for word in words.split():
        code = country_by_adjective(word.strip(",."))
        if code:
            role.country = code
            break
    org = re.search(r"\b(?:de l'|du |de la |des |de )([\w' -]+)", words)
    # "le président de la République": the office names its country.
    office = next((c for o, c in lexicon.OFFICE_COUNTRIES.items() if re.search(rf"(?i)\b{o}\b", words)), None)
    if office:
        role.country = office
    elif org:
        target = org.group(1).strip()
        for name, canonical in lexicon.ORGANISATIONS.items():
            if fold(target).startswith(name):
                role.organisation = canonical
                break
        else:
            code = country_by_name(target.split(",")[0])
            town = lookup(target.split(",")[0].strip()) if not code else None
            if code:
                role.country = code
            elif town is not None:
                role.country = town.country  # "le député de Paris": a constituency, no organisation
            elif target[:1].isupper():
                role.organisation = target
    if role.organisation is None and re.search(r"(?i)\b(?:otan|alliance)\b", words):
        role.organisation = "OTAN"
    return role


def find_roles(text: str, mention: Mention, sentence_start: int) -> list:
    """Roles written beside a mention: before it ("le président turc X") or
    after it in apposition ("X, secrétaire général de l'OTAN,")."""
    roles = []
    before = text[max(sentence_start, mention.start - 120):mention.start]
    match = ROLE_BEFORE.search(before)
    if match:
        offset = mention.start - len(before)
        roles.append(parse_role(match.group("title"), match.group("qualifier"), match.group(0),
                                offset + match.start(), offset + match.end()))
    after = text[mention.end:mention.end + 120]
    match = ROLE_AFTER.match(after)
    if match:
        roles.append(parse_role(match.group("title"), match.group("qualifier"), match.group(0),
                                mention.end + match.start(), mention.end + match.end()))
    return roles


# Adjectives before a title that keep the office: "le futur président", "le
# nouveau ministre" (not "l'ancien président", someone else's office now).
PRE_TITLE = r"(?:futur|future|nouveau|nouvelle|actuel|actuelle)"


def describe(phrase: str) -> Optional[Role]:
    """A description used as a subject ("le chef de la diplomatie lettone",
    "l'homme politique estonien", "la dirigeante danoise") read as a role, or None."""
    match = re.match(rf"^\s*(?:le|la|l'|les)\s*(?:{PRE_TITLE}\s*)?(?P<title>{TITLE_RE})(?P<qualifier>(?:\s+[\w'-]+){{0,6}})",
                     phrase, re.IGNORECASE)
    if not match:
        return None
    return parse_role(match.group("title"), match.group("qualifier"), match.group(0), 0, match.end())


def roles_match(description: Role, role: Role) -> bool:
    """Whether a description can designate someone who holds role."""
    if description.organisation and description.organisation != role.organisation:
        return False
    if description.country and description.country != role.country:
        return False
    if not (description.organisation or description.country):
        return description.title == role.title
    same_title = description.title == role.title
    leader = description.title in lexicon.LEADER_TITLES and role.title in lexicon.LEADER_TITLES
    return same_title or leader or description.title in ("homme politique", "femme politique", "responsable")


ARTICLE_BEFORE = re.compile(r"\b(?:[Ll]a|[Ll]e|[Ll]es|[Dd]u|[Aa]u|l') ?$")
WORD_END = re.compile(r"\b")


def place_like(person: Person, text: str) -> bool:
    """A one-word "person" the text also writes with an article is a place or
    a thing: "La Réunion", "le Hamas". (Each occurrence of the name is
    looked at, not the whole text again: long articles have many people.)"""
    if any(len(m.name.split()) > 1 for m in person.mentions):
        return False
    name, at = person.name, text.find(person.name)
    while at >= 0:
        if ARTICLE_BEFORE.search(text, max(0, at - 5), at) and WORD_END.match(text, at + len(name)):
            return True
        at = text.find(name, at + 1)
    return False


def extract_people(doc, sentence_starts) -> list:
    """People of a parsed article, with mentions and roles.

    sentence_starts(offset) gives the start of the sentence holding offset.
    """
    text = text_of(doc)
    people = [p for p in cluster_people(find_mentions(doc)) if not place_like(p, text)]
    for person in people:
        for mention in person.mentions:
            person.roles.extend(find_roles(text, mention, sentence_starts(mention.start)))
    return people

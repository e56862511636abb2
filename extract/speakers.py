"""Who a speaker phrase designates: a named person, a pronoun or a
description resolved to someone of the article, an anonymous source, an
organisation, or nobody we can be sure of.

The statement extractor finds the phrase (the subject of the speech verb,
the words after "selon", the antecedent of "pour qui"); this module decides
what it stands for, as a careful reader would:

- a name in the phrase that is not a complement ("le porte-parole de X" is
  not X) is the speaker: "la ministre estonienne Kaja Tamm";
- a pronoun ("a-t-il ajouté", "selon elle", "ce dernier") is the nearest
  earlier person who was a subject or a speaker and agrees in gender;
- a description ("le chef de la diplomatie turque", "le vieil homme") is the
  person whose role it matches, else the nearest agreeing subject when it is
  definite, else an unnamed individual;
- "un diplomate", "des responsables" are anonymous sources; "le ministère",
  "Le Figaro" organisations;
- anything else (a clause, a date, a lone determiner) is no speaker: the
  statement keeps speaker_kind 'unknown' rather than a guess.
"""
import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from . import lexicon
from .places import lookup as lexicon_place
from .people import Mention, Person, clean_name, describe, first_name_key, roles_match, surname_key

PRONOUN_GENDER = {"il": "m", "elle": "f", "lui": "m", "celui-ci": "m", "celle-ci": "f",
                  "ce dernier": "m", "cette dernière": "f", "l'intéressé": "m", "l'intéressée": "f"}
PLURAL_PRONOUNS = {"ils", "elles", "eux", "on", "ces derniers", "ces dernières", "ceux-ci", "celles-ci"}
# Words before the head of a description: "le futur président", "la première réunion".
MODIFIERS = {"ex-", "l'", "ancien", "ancienne", "jeune", "futur", "future", "nouveau", "nouvelle", "actuel",
             "actuelle", "premier", "première", "dernier", "dernière", "seul", "seule", "même"}
DEFINITE = {"le", "la", "l'", "les", "ce", "cet", "cette", "ces", "son", "sa", "ses", "leur", "notre"}
# A complement, not the speaker: "le porte-parole de X", "a déclaré Y au président X".
COMPLEMENT_BEFORE = re.compile(
    r"(?i)\b(?:de|d'|du|des|à|au|aux|par|pour|avec|contre|sur|chez|envers|entre|sans)\s*(?:la\s+|le\s+|les\s+|l')?$")
FEMININE_TITLE = re.compile(r"(?:ière|rice|ée|ente|ante|euse|esse|onne|eure|cheffe|reine|générale|adjointe)\b")
NAME_AT_END = re.compile(r"(?P<name>[A-ZÀ-Ý][\w'-]+(?:\s+(?:de|von|van|al-|von der|van der|de la)?\s*[A-ZÀ-Ý][\w'-]+){1,2})\s*$")
DATE_LIKE = re.compile(rf"(?i)^(?:le |l')?\d{{1,2}}(?:er)? (?:{'|'.join(lexicon.MONTHS)})\b"
                       rf"|^(?:{'|'.join(lexicon.WEEKDAYS)}|hier|cette semaine)\b")


@lru_cache(maxsize=1)
def vocabulary() -> dict:
    """The nouns and first names of data/speakers.yml (loaded once by lexicon)."""
    data = lexicon.SPEAKER_WORDS
    return {"person": set(data["person_nouns"]), "organisation": set(data["organisation_nouns"]),
            "document": set(data["document_nouns"]),
            "f": lexicon.FEMININE_FIRST_NAMES, "m": lexicon.MASCULINE_FIRST_NAMES}


@dataclass
class Speaker:
    person: Optional[Person]
    text: Optional[str]
    kind: str  # person, anonymous, organisation, unknown

    @classmethod
    def unknown(cls, text=None):
        return cls(None, text if text and is_noun_phrase(text) else None, "unknown")


# Clitics and first or second persons, never a speaker text: "y a déclaré X",
# "J'ai dit que ..." inside a quotation.
CLITICS = {"y", "en", "se", "s'", "je", "j'", "me", "m'", "te", "t'", "tu"}


def words_of(phrase: str) -> list:
    return phrase.lower().replace("'", "' ").split()


def is_noun_phrase(text: str) -> bool:
    """Whether a speaker text can name someone: not a bare determiner, a
    pronoun fragment, a date, a quotation or a clause."""
    words = words_of(text)
    if not words or len(text.split()) > 10 or text[:1] in "«»\"“”([-":
        return False
    if len(words) == 1 and words[0] in DEFINITE | CLITICS | {"un", "une", "des", "du", "de", "d'", "t", "-t", "lui",
                                                             "qui", "que"}:
        return False
    if DATE_LIKE.match(text) or any(c in text for c in "«»\"“”") or re.search(r"\.\s*-", text):
        return False
    return not re.search(r"(?i)\b(?:a|ont|avait|est|sont|était|qui|que|qu')\s", text)


def gender_of(person: Person, body: str) -> Optional[str]:
    """'f', 'm' or None, from courtesy titles, roles and first names."""
    for mention in person.mentions:
        before = body[max(0, mention.start - 6):mention.start]
        if re.search(r"\b(?:Mme|Madame|Mlle)\.?\s*$", before):
            return "f"
        if re.search(r"\b(?:M\.|Monsieur)\s*$", before):
            return "m"
    for role in person.roles:
        text = role.text.lower()
        if re.match(r"(?:la|l'ancienne|une|cette|sa)\b", text) or FEMININE_TITLE.search(role.title):
            return "f"
        if re.match(r"(?:le|l'ancien|un|ce|son)\b", text):
            return "m"
    first = person.name.split()[0].lower() if len(person.name.split()) > 1 else ""
    vocab = vocabulary()
    return "f" if first in vocab["f"] else "m" if first in vocab["m"] else None


def regnal_name(text: str, title) -> Optional[str]:
    """A first name alone after a title is a name even when a town bears it:
    "le pape François", "le roi Philippe"."""
    vocab = vocabulary()
    word = text.strip()
    return word if title and word.lower() in vocab["m"] | vocab["f"] and word[:1].isupper() else None


def contradicts(description, roles) -> bool:
    """A description that cannot be this person: another country or
    organisation than every role the article gives them, or another head of
    state or government ("le Premier ministre" is not the one the article
    calls "le président"; "le futur président américain" not "l'ancien
    Premier ministre"; but a "député de Paris" may also be a "délégué général")."""
    countries = {r.country for r in roles if r.country}
    organisations = {r.organisation for r in roles if r.organisation}
    heads = lexicon.LEADER_TITLES - GENERIC_TITLES
    other_head = description.title in heads and roles and not any(same_office(description.title, r.title) for r in roles) \
        and (description.country or description.organisation or any(r.title in heads for r in roles))
    return bool(description.country and countries and description.country not in countries
                or description.organisation and organisations and description.organisation not in organisations
                or other_head)


GENERIC_TITLES = {"chef", "cheffe", "dirigeant", "dirigeante", "leader", "patron", "patronne", "responsable"}


def same_office(a: str, b: str) -> bool:
    """Titles that may name one office: "le chef de l'État turc" and "le
    président turc", not "le président" and "le Premier ministre"."""
    return a == b or a in GENERIC_TITLES or b in GENERIC_TITLES or a.endswith("politique")


class Resolver:
    """Speaker resolution over one article: the people it names and the
    subjects and speakers seen so far, in text order."""

    def __init__(self, body: str, people: list, paragraphs: list, subjects=list):
        self.body = body
        self.find_subjects = subjects  # () -> (start, end) of the head of every subject
        self._subjects = None
        self.people = people
        self.paragraph_starts = [start for start, _ in paragraphs]
        self.mentions = sorted(((m.start, m.end, p) for p in people for m in p.mentions), key=lambda x: x[:2])
        self.longest = max((e - s for s, e, _ in self.mentions), default=0)
        self.genders = {p.key: gender_of(p, body) for p in people}
        self.salient = []  # (offset, person or None, gender): subjects and speakers

    def paragraph_of(self, offset: int) -> int:
        return bisect.bisect_right(self.paragraph_starts, offset) - 1

    def note(self, offset: int, person: Optional[Person], gender: Optional[str] = None):
        """A subject or a speaker at offset, for later pronouns and descriptions."""
        if person is not None:
            gender = self.genders.get(person.key, gender)
        bisect.insort(self.salient, (offset, person, gender), key=lambda event: event[0])

    def between(self, start: int, end: int) -> list:
        """Mentions (start, end, person) that start in body[start:end], found
        by bisection: a long article has thousands of them."""
        i = bisect.bisect_left(self.mentions, start, key=lambda m: m[0])
        j = bisect.bisect_left(self.mentions, end, lo=i, key=lambda m: m[0])
        return self.mentions[i:j]

    def overlapping(self, start: int, end: int) -> list:
        """Mentions that overlap body[start:end]."""
        return [m for m in self.between(start - self.longest, end) if m[1] > start]

    def named_in(self, start: int, end: int, quotes=()) -> list:
        """People named in body[start:end] as the head, not as a complement."""
        found = []
        for s, e, person in self.between(start, end):
            if any(q.outer_start <= s < q.outer_end for q in quotes):
                continue
            if COMPLEMENT_BEFORE.search(self.body[max(start, s - 8):s]):
                continue
            found.append(person)
        return found or self.surnames_in(start, end, quotes)

    def surnames_in(self, start: int, end: int, quotes=()) -> list:
        """A surname alone that the model did not tag still names a person
        of the article: "», a ajouté Tamm"."""
        found = []
        for match in re.finditer(r"\b[A-ZÀ-Ý][\w-]+", self.body[start:end]):
            s = start + match.start()
            if any(q.outer_start <= s < q.outer_end for q in quotes) or \
                    COMPLEMENT_BEFORE.search(self.body[max(start, s - 8):s]):
                continue
            key = surname_key(match.group(0))
            found += [p for p in self.people if p.key.split("|")[0] == key][:1]
        return found

    def resolve(self, start: int, end: int, quotes=()) -> Speaker:
        """What the phrase body[start:end] designates."""
        phrase = self.body[start:end].strip(" ,.;:-")
        words = words_of(phrase)
        if not words:
            return Speaker.unknown()
        named = self.named_in(start, end, quotes)
        if named:
            return Speaker(named[0], phrase if is_noun_phrase(phrase) else named[0].name, "person")
        pronoun = self.pronoun(start, words)
        if pronoun is not None:
            return pronoun
        at = start + self.body[start:end].find(phrase)
        if not is_noun_phrase(phrase):
            # "le directeur général de l'Agence internationale de l'énergie (AIE),
            # Tadeusz Wolski": too long for a speaker text, but it names him.
            missed = self.missed_name(phrase, words) if len(phrase.split()) > 10 else None
            person = self.add_person(missed[0], at + missed[1]) if missed else None
            return Speaker(person, person.name, "person") if person else Speaker.unknown()
        if words[0] in lexicon.INDEFINITE_DETERMINERS or words[0].isdigit():
            return Speaker(None, phrase, "anonymous")
        untagged = self.untagged_name(phrase, words, at)
        if untagged is not None:
            return Speaker(untagged, phrase, "person")
        # "une salve du futur président américain, qui a dit": "du" is "de le".
        if words[0] not in DEFINITE and re.search(r"\b(?:du|au)\s+$", self.body[max(0, start - 4):start]):
            speaker = self.description("le " + phrase, ["le"] + words, start)
            return Speaker(speaker.person, phrase, speaker.kind)
        return self.description(phrase, words, start)

    def pronoun(self, start: int, words: list) -> Optional[Speaker]:
        """ "il", "selon lui", "ce dernier", "l'intéressé", "celle-ci", "ils":
        the speaker a pronoun stands for, or None when it is no pronoun."""
        two = " ".join(words[:2]).replace("' ", "'")
        pronoun = two if two in PRONOUN_GENDER else words[0]
        demonstrative = re.match(r"(?i)\s*(celui|celle)\s*-\s*ci\b", self.body[start:start + 16])
        if demonstrative:  # "Celui-ci", which the tokenizer splits
            pronoun = demonstrative.group(1).lower() + "-ci"
        if pronoun in PRONOUN_GENDER:
            latest = pronoun in ("ce dernier", "cette dernière", "celui-ci", "celle-ci", "l'intéressé", "l'intéressée")
            person = self.last_named(start, PRONOUN_GENDER[pronoun]) if latest else \
                self.antecedent(start, PRONOUN_GENDER[pronoun])
            text = pronoun if pronoun not in ("lui",) else (person.name if person else None)
            return Speaker(person, text, "person") if person else Speaker.unknown(text)
        if pronoun in PLURAL_PRONOUNS:
            return Speaker.unknown(pronoun if pronoun not in ("eux",) else None)
        return None

    def untagged_name(self, phrase: str, words: list, at: int) -> Optional[Person]:
        """A person the model did not tag: "Val Demings" (a first name and a
        surname), "l'ambassadeur américain à Ankara John Whitaker"."""
        first = phrase.split()[0].lower()
        if (first in vocabulary()["f"] or first in vocabulary()["m"]) and NAME_AT_END.fullmatch(phrase) \
                and clean_name(phrase):
            return self.add_person(phrase, at)
        missed = self.missed_name(phrase, words)
        return self.add_person(missed[0], at + missed[1]) if missed is not None else None

    def missed_name(self, phrase: str, words: list):
        """(name, offset in phrase) of a name after a title that the model
        missed: "l'ambassadeur américain à Ankara John Whitaker"."""
        found = NAME_AT_END.search(phrase)
        title = describe(phrase)
        if not found and title:  # "le pape François", "le président Macron": one name after a title
            found = re.search(rf"(?i:\b{re.escape(title.title)})\s+(?P<name>[A-ZÀ-Ý][\w'-]+)\s*$", phrase)
        if not found or words[0] not in DEFINITE:
            return None
        name = clean_name(found.group("name")) or regnal_name(found.group("name"), title)
        if not name or found.group("name").split()[0] in ("La", "Le", "Les") or \
                lexicon_place(name) and name != regnal_name(name, title):
            return None
        at = phrase.rfind(name)
        if at < 0 or COMPLEMENT_BEFORE.search(phrase[:at]):
            return None
        if title or any(w in vocabulary()["person"] for w in words):
            return name, at
        return None

    def description(self, phrase: str, words: list, start: int) -> Speaker:
        """ "le chef de la diplomatie turque", "ce chercheur", "Le Figaro"."""
        vocab = vocabulary()
        role = describe(phrase)
        holders = [p for p in self.people if role and any(roles_match(role, r) for r in p.roles)]
        if holders:  # several mayors: the one named last before
            return Speaker(self.nearest_before(holders, start) or holders[-1], phrase, "person")
        head = next((w for w in words if w not in DEFINITE and w not in MODIFIERS
                     and not re.fullmatch(r"\d+(?:e|er|ème)", w)), words[-1]).strip(",.")
        if role or head in vocab["person"] or head.startswith("ex-"):
            person = self.referent(words, head, start, role) if words[0] in DEFINITE else None
            return Speaker(person, phrase, "person") if person else Speaker(None, phrase, "anonymous")
        if head in vocab["document"]:
            return Speaker.unknown(phrase)
        if head in vocab["organisation"]:
            return Speaker(None, phrase, "organisation")
        if head in lexicon.SOURCE_NOUNS:
            return Speaker(None, phrase, "anonymous")
        # "Le Kremlin", "L'Élysée", "Le Figaro": a proper name; "la frontière",
        # "Les budgets", "La première réunion" are topics, nobody who speaks.
        written = phrase.replace("'", "' ").split()
        if any(w.strip(",.") == head and written[i][:1].isupper() for i, w in enumerate(words) if i < len(written)):
            return Speaker(None, phrase, "organisation")
        return Speaker.unknown()

    def nearest_before(self, people, offset) -> Optional[Person]:
        keys = {p.key for p in people}
        return next((p for s, _, p in reversed(self.between(0, offset)) if p.key in keys), None)

    def referent(self, words, head, start, role) -> Optional[Person]:
        """The person a definite description refers back to: the nearest
        agreeing subject ("le vieil homme"), else the article's protagonist
        ("le milliardaire") unless the description names an office of a
        country or an organisation, which only its holder fits."""
        vocab = vocabulary()["person"]
        gender = "f" if words[0] in ("la", "cette", "sa") or FEMININE_TITLE.search(head) or head == "femme" \
            else "m" if words[0] in ("le", "ce", "cet", "son") or head == "homme" \
            or head + "e" in vocab or head + "ne" in vocab or head.endswith("eur") else None  # "l'élu", "l'ambassadeur"
        person = self.antecedent(start, gender, role)
        if person is None and not (role and (role.country or role.organisation)):
            person = self.protagonist(start, gender, role)
            # "le préfet de police" far from anyone is an unnamed office-holder.
            if person and role and not any(roles_match(role, r) for r in person.roles):
                person = None
        if person is None and not any(where < start for where, _, _ in self.salient):
            person = self.lead_referent(start, gender, role)
        return person

    def lead_referent(self, start, gender, role) -> Optional[Person]:
        """A description before anyone is named, as news leads have it ("a
        annoncé jeudi le président", then "Emmanuel Macron s'est rendu"): the
        first person named as a subject after it, in the next two paragraphs,
        when gender and roles allow."""
        here = self.paragraph_of(start)
        for s, e, person in self.between(start + 1, len(self.body) + 1):
            if not self.is_subject(s, e):
                continue
            if self.paragraph_of(s) > here + 2:
                return None
            known = self.genders.get(person.key)
            if gender and known and known != gender or role and person.roles and (
                    contradicts(role, person.roles)
                    or not any(r.title == role.title or roles_match(role, r) for r in person.roles)):
                return None
            return person
        return None

    def is_subject(self, start, end) -> bool:
        """Whether a mention is a subject: its head is in the name, or is a
        title right before it ("le président turc Recep Tayyip Erdogan")."""
        if self._subjects is None:  # only leads need them: found once, when first asked
            self._subjects = sorted(self.find_subjects())
        at = bisect.bisect_right(self._subjects, (end, end)) - 1
        if at < 0:
            return False
        head_start, head_end = self._subjects[at]
        return start <= head_start < end or 0 <= start - head_end <= 24 and "," not in self.body[head_end:start]

    def antecedent(self, offset: int, gender: Optional[str], role=None) -> Optional[Person]:
        """The nearest earlier subject or speaker that agrees, in this
        paragraph or the two before; None when it is no one we know."""
        here = self.paragraph_of(offset)
        unsure = None  # "elle" prefers a woman named as such to someone of unknown gender
        for where, person, known in reversed(self.salient):
            if where >= offset:
                continue
            if self.paragraph_of(where) < here - 2:
                break
            if gender and known and known != gender:
                continue
            if person is not None and role is not None and contradicts(role, person.roles):
                continue
            if gender == "f" and known is None and person is not None:
                unsure = unsure or person
                continue
            return person
        if unsure:
            return unsure
        # No subject agrees: "X a reçu la présidente Y. « ... », a-t-elle dit".
        person = self.last_named(offset, gender) if gender else None
        if person is not None and role is not None and contradicts(role, person.roles):
            return None
        return person if person and self.genders.get(person.key) == gender else None

    def protagonist(self, offset: int, gender: Optional[str], role=None) -> Optional[Person]:
        """The person the article is about so far (most often a subject or a
        speaker), for "le milliardaire" far from the last mention of Trump."""
        counts = {}
        for where, person, known in self.salient:
            if where < offset and person is not None and not (gender and known and known != gender) \
                    and not (role is not None and contradicts(role, person.roles)):
                counts[person.key] = counts.get(person.key, 0) + 2
        for start, _, person in self.mentions:
            if start < offset and person.key in counts:
                counts[person.key] += 1
        if not counts:
            return None
        best = max(counts, key=counts.get)
        if sorted(counts.values())[-2:-1] == [counts[best]]:
            return None  # two people as salient: no protagonist
        return next(p for p in self.people if p.key == best)

    def last_named(self, offset: int, gender: Optional[str]) -> Optional[Person]:
        """The person named last before offset who agrees: "ce dernier",
        "cette dernière", and "elle" when no subject agrees."""
        here = self.paragraph_of(offset)
        for start, end, person in reversed(self.between(0, offset)):
            if end > offset:
                continue
            if self.paragraph_of(start) < here - 1:
                break
            known = self.genders.get(person.key)
            if not (gender and known and known != gender):
                return person
        return None

    def add_person(self, name_text: str, start: int) -> Person:
        """A person the model missed, named after a title: "l'ambassadeur
        des Etats-Unis à Ankara David Satterfield"."""
        name = clean_name(name_text) or name_text.strip()
        key = f"{surname_key(name)}|{first_name_key(name)}"
        person = next((p for p in self.people if p.key.split("|")[0] == key.split("|")[0]), None)
        mention = Mention(start, start + len(name_text), name_text, name)
        if person is None:
            person = Person(key, name, [mention])
            self.people.append(person)
            self.genders[key] = gender_of(person, self.body)
        elif all(m.start != start for m in person.mentions):
            person.mentions.append(mention)
        self.mentions.append((mention.start, mention.end, person))
        self.mentions.sort(key=lambda x: x[:2])
        self.longest = max(self.longest, mention.end - mention.start)
        return person

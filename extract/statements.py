"""Who said what: quotations and reported speech, attributed to speakers.

A paragraph is cut into units at sentence ends outside quotation marks, so a
quotation of several sentences stays in one unit with its attribution. In
each unit a speech verb (or "selon") outside the quotations gives the
speaker: its subject before it ("Mme Lindqvist a déclaré"), inverted after
it ("», a déclaré la ministre suédoise", "a-t-elle ajouté"), or the phrase after
"selon". Quotations without an attribution continue the previous speaker.
"""
import bisect
import itertools
import re
from dataclasses import dataclass
from typing import Optional

from spacy.attrs import IDX

from . import lexicon
from .people import surname_key
from .segment import find_quotes, split_units
from .nlp import text_of
from .speakers import COMPLEMENT_BEFORE, PRONOUN_GENDER, Resolver, is_noun_phrase

# "a-t-il ajouté", "estime-t-elle", "poursuit-il", "a t-il dit" (the hyphen lost).
INVERTED_PRONOUN = re.compile(r"(?:^-t-|^-|\bt-|\b\w+-)(?P<pronoun>il|elle|ils|elles|on)\b", re.IGNORECASE)
# What follows an inverted subject: "a déclaré X lors d'un point presse", "aux journalistes".
DAYS, MONTH_WORDS = "|".join(lexicon.WEEKDAYS), "|".join(lexicon.MONTHS)
SUBJECT_END = re.compile(r"\s*(?:[,;:!?«»\"“”()]|(?<!\b[A-Z])(?<!\bMme)\.|\s(?:à|au|aux|lors|dans|devant|sur|en|depuis|après|avant|pour|sans|avec|qui|que|qu'|alors|tandis|mais|car|puis|dont|selon|hier|dès"
                         rf"|{DAYS}|ce (?:{DAYS}|matin|soir|week-end)|cette (?:semaine|année|nuit))\b)")
# An inverted subject starts with a determiner, a title or a capitalised name.
INVERTED_START = re.compile(
    r"\s+(?:le |la |l'|les |un |une |des |deux |trois |plusieurs |cette |ce |ces |son |sa |ses |leur |M\.|Mme|[A-ZÀ-Ý]|\d)")
# What may stand between a speech verb and its inverted subject: when, how,
# where and to whom: "a plaidé dimanche soir X", "a renchéri sur Twitter le
# démocrate X", "a expliqué à l'AFP une source", "a-t-il encore dit".
BEFORE_INVERTED = re.compile(
    rf"(?:\s+(?:en garde|valoir|savoir|remarquer|observer|part|{DAYS}|hier|aujourd'hui|soir|matin|après-midi|midi"
    r"|encore|également|aussi|ainsi|alors|enfin|notamment|ensuite|pourtant|toutefois|cependant|plus tard|déjà"
    rf"|ce (?:{DAYS}|matin|soir|week-end)|cette semaine|dernier"
    rf"|(?:le\s+)?\d{{1,2}}(?:er)?\s+(?:{MONTH_WORDS})(?:\s+\d{{4}})?"
    r"|en (?:début|fin|milieu) de (?:journée|matinée|soirée|semaine)|dans la (?:soirée|matinée|journée|nuit)"
    r"|par exemple|pour sa part|de son côté|sur (?:Twitter|X|Instagram|Facebook|LinkedIn|les réseaux sociaux|son compte \w+)"
    r"|dans (?:un|une|son|sa) (?:communiqué|tweet|message|entretien|interview|vidéo|lettre|déclaration)"
    r"|(?:à|au|aux|devant|sur|auprès d[eu]|auprès des)\s+(?:l'|la |le |les )?(?:journalistes|presse|radio|[A-Z][\w.-]*))(?=[\s,]),?)*")
APPOSED_NAME = re.compile(r"[^,.;:«»\"]{0,60}?,\s+(?:(?:le|la|l')\s*[a-zéè-]+\s+)?(?P<name>(?:[A-ZÀ-Ý][\w'-]+\s*){1,4})(?=\s*(?:[,.;]|$))")
OCCASION = re.compile(
    r"(?:lors d(?:'une?|u|e la|es) [^,.;«»]+|aux journalistes(?: [^,.;«»]{0,40})?|à la presse|devant [^,.;«»]+"
    r"|dans (?:un|une|son|sa) (?:message|communiqué|entretien|interview|tweet|déclaration|discours|allocution|vidéo)[^,.;«»]*"
    r"|sur (?:son compte |les réseaux sociaux|Twitter|X\b|Facebook)[^,.;«»]*)")
# A parenthesis and a name between a subject's description and its verb.
NAME_BEFORE_VERB = re.compile(r"\s*(?:\([^()]{1,60}\))?\s*,\s*(?P<name>[A-ZÀ-Ý][\w'-]+(?:\s+[A-ZÀ-Ý][\w'-]+){1,3})\s*,?\s*")
ATTRIBUTING_PREPOSITIONS = lexicon.SELON | {"pour", "pour qui"}
CLAUSE_STARTERS = {"alors", "tandis", "parce", "bien", "ainsi", "dès", "lorsque", "puisque", "afin", "sorte", "pendant"}


@dataclass
class Statement:
    start: int
    end: int
    quote: str
    kind: str                     # direct, partial, indirect
    speaker_key: Optional[str]    # local person key, None when anonymous or unresolved
    speaker_text: Optional[str]
    speaker_kind: str             # person, anonymous, organisation, unknown
    verb: Optional[str]
    occasion: Optional[str] = None


def speech_lemma(token):
    """The speech verb a token is, or None. After a quotation ("», estime X")
    the tagger sometimes reads the verb as a noun: its form decides then."""
    if token.pos_ in ("PUNCT", "DET", "ADP", "CCONJ", "SCONJ", "SPACE"):
        return None
    lemma = lexicon.LEMMA_FIXES.get(token.lemma_.lower(), token.lemma_.lower())
    if token.pos_ in ("VERB", "AUX", "ADJ") and lemma in lexicon.SPEECH_VERBS:
        return lemma
    word = token.lower_
    doc = token.doc
    before = token.i - 1
    while before > 0 and doc[before].pos_ == "ADV":  # "a-t-elle encore assené"
        before -= 1
    previous = doc[before].text.lower() if token.i else ""
    following = doc[token.i + 1].text if token.i + 1 < len(doc) else ""
    reflexive = previous in ("est", "sont", "était") and before and doc[before - 1].lower_ in ("s'", "se")
    if not (previous in (",", "a", "ont", "avait", "avaient") or reflexive or following.startswith("-")
            or previous.endswith(("-il", "-elle", "-ils", "-elles", "-on"))):
        return None
    for guess in (*lexicon.infinitive_guesses(word), word):
        if guess in lexicon.SPEECH_VERBS:
            return guess
    return lexicon.LEMMA_FIXES.get(word)


def looks_like_name(text: str, tokens) -> bool:
    """A quoted name of a thing, not words someone said: « Conseil OTAN-Ukraine »."""
    words = text.split()
    if not words or len(words) > 6 or not text[:1].isupper() or text.rstrip()[-1:] in ".!?":
        return False
    return not any(t.pos_ in ("VERB", "AUX") for t in tokens)


class ArticleStatements:
    """Statement extraction over one parsed article."""

    def __init__(self, doc, paragraphs, people, quotes=None):
        self.doc = doc
        self.body = text_of(doc)
        self.lower_body = self.body.lower()
        self.paragraphs = paragraphs
        self.people = people
        self.token_starts = doc.to_array([IDX]).ravel().tolist()
        self.quotes = quotes if quotes is not None else [find_quotes(self.body, start, end) for start, end in paragraphs]
        self.resolver = Resolver(self.body, people, paragraphs, self.subject_heads)
        self.last_speaker = None      # (person, paragraph index)
        self.last_subject = None      # person most recently a subject
        self.statements = []
        self.unit_first = 0           # index of the first statement of the current unit
        self.next_unit = None
        self.paragraph = 0

    # Offsets and tokens -------------------------------------------------
    def subject_heads(self) -> list:
        """(start, end) of the head of every subject outside quotations."""
        quoted = sorted((q.outer_start, q.outer_end) for quotes in self.quotes for q in quotes)
        starts, ends = [s for s, _ in quoted], list(itertools.accumulate((e for _, e in quoted), max))

        def inside(offset):  # in a quotation: the furthest end of those opened before it
            i = bisect.bisect_right(starts, offset)
            return i > 0 and offset < ends[i - 1]

        return [(t.idx, t.idx + len(t.text)) for t in self.doc
                if t.dep_ in ("nsubj", "nsubj:pass") and not inside(t.idx)]

    def tokens_between(self, start, end):
        i = bisect.bisect_left(self.token_starts, start)
        j = bisect.bisect_left(self.token_starts, end)
        return self.doc[i:j]

    def people_between(self, start, end, quotes=()):
        """People named in body[start:end], outside quotations; a surname
        the model did not tag still names a person of the article."""
        found = [(s, e, p) for s, e, p in self.resolver.overlapping(start, end)
                 if not any(q.outer_start <= s < q.outer_end for q in quotes)]
        if found:
            return found
        for match in re.finditer(r"\b[A-ZÀ-Ý][\w-]+", self.body[start:end]):
            s = start + match.start()
            if any(q.outer_start <= s < q.outer_end for q in quotes):
                continue
            key = surname_key(match.group(0))
            person = next((p for p in self.people if p.key.split("|")[0] == key), None)
            if person:
                found.append((s, start + match.end(), person))
        return found

    # Speakers -------------------------------------------------------------
    def resolve_phrase(self, phrase_start, phrase_end, quotes):
        """(person, text, kind) of a speaker phrase (extract.speakers)."""
        speaker = self.resolver.resolve(phrase_start, phrase_end, quotes)
        return speaker.person, speaker.text, speaker.kind

    def subject_of(self, verb, unit, quotes):
        """(person, text, kind) of whoever speaks through a speech verb: the
        cues are tried in order, each one a construction of French news."""
        for cue in (self.pronoun_cue, self.governing_cue, self.participle_cue, self.inverted_cue,
                    self.agent_cue, self.subject_cue):
            speaker = cue(verb, unit, quotes)
            if speaker is not None:
                return speaker
        inverted = self.inverted_subject(verb, unit, quotes)
        if inverted:
            return inverted
        # The parse missed the subject: the last person named before the verb.
        named = self.people_between(unit[0], verb.idx, quotes)
        if named:
            return named[-1][2], named[-1][2].name, "person"
        return None, None, "unknown"

    def pronoun_cue(self, verb, unit, quotes):
        """ "a-t-il ajouté", "estime-t-elle": the pronoun's antecedent."""
        pronoun = self.inverted_pronoun(verb, unit)
        if not pronoun:
            return None
        word = pronoun.group("pronoun").lower()
        if word not in PRONOUN_GENDER:
            return None, word, "unknown"
        person = self.resolver.antecedent(verb.idx, PRONOUN_GENDER[word])
        return person, word, "person" if person else "unknown"

    def governing_cue(self, verb, unit, quotes):
        """ "a tenu à rassurer : « ... »": the governing verb's subject."""
        if "Inf" in verb.morph.get("VerbForm") and verb.head.i != verb.i:
            return self.subject_of(verb.head, unit, quotes)
        return None

    def participle_cue(self, verb, unit, quotes):
        """ "..., ajoutant que ...", "Jugeant que ..., le président X a
        ordonné": the speaker of the unit so far, or the main clause's subject."""
        if not ("Part" in verb.morph.get("VerbForm") and "Pres" in verb.morph.get("Tense")):
            return None
        earlier = self.in_unit(unit)
        if earlier:
            last = earlier[-1]
            return next((p for p in self.people if p.key == last.speaker_key), None), last.speaker_text, last.speaker_kind
        main = next((a for a in verb.ancestors if a.pos_ in ("VERB", "AUX")
                     and not any(q.outer_start <= a.idx < q.outer_end for q in quotes)), None)
        if main is not None:
            return self.subject_of(main, unit, quotes)
        subject = next((t for t in self.tokens_between(verb.idx, unit[1]) if t.dep_ == "nsubj"
                        and t.head.pos_ in ("VERB", "AUX") and t.head.i != verb.i), None)
        return self.resolve_phrase(*noun_phrase(subject), quotes) if subject is not None else None

    def inverted_cue(self, verb, unit, quotes):
        """ "« ... », assure cette source": after a quotation the subject follows
        the verb; so it does after a comma when no subject ends at that comma."""
        comma = self.postposed(verb, unit)
        if self.quote_before(verb) or comma is not None and not self.subject_before(verb, comma):
            return self.inverted_subject(verb, unit, quotes)
        return None

    def agent_cue(self, verb, unit, quotes):
        """ "jugé « historique » par la présidente X": the agent of a passive."""
        agent = agent_of(verb)
        if agent is None or not ("Part" in verb.morph.get("VerbForm") and "Past" in verb.morph.get("Tense")):
            return None
        speaker = self.resolve_phrase(*noun_phrase(agent), quotes)
        return speaker if speaker[2] in ("person", "anonymous") else None

    def subject_cue(self, verb, unit, quotes):
        """The subject before the verb, through a relative pronoun ("X, qui a
        dénoncé") and an apposition ("Grace Amaku, une infirmière, se réjouit")."""
        before = [s for s in subjects_of(verb) if s.idx < verb.idx]
        if not before:
            return None
        subject = before[0]
        if subject.lower_ in ("qui", "lequel", "laquelle") and verb.dep_ == "acl:relcl":
            subject = antecedent_of(verb)
        start, end = noun_phrase(subject)
        start = max(start, unit[0])
        named = [s for s, e, p in self.resolver.between(unit[0], start) if e == start - 2]
        if named and self.body[start - 2:start] == ", ":
            start = named[0]
        if any(q.outer_start <= start < q.outer_end for q in quotes):
            start = max(q.outer_end for q in quotes if q.outer_start <= start < q.outer_end)
        # "le directeur de l'AIE (Agence internationale de l'énergie), Tadeusz
        # Wolski, a prévenu": the name in apposition before the verb group.
        group = min([verb] + [c for c in verb.children if c.dep_.startswith("aux") and c.i < verb.i], key=lambda t: t.i)
        apposed = NAME_BEFORE_VERB.fullmatch(self.body, end, group.idx) if end < group.idx else None
        if apposed:
            end = apposed.end("name")
        return self.resolve_phrase(start, min(end, verb.idx), quotes) if min(end, verb.idx) > start else None

    def inverted_pronoun(self, verb, unit):
        """The pronoun of "a-t-il (encore) dit", "estime-t-elle", "poursuit-il"."""
        after = self.body[verb.idx + len(verb.text):unit[1]]
        found = INVERTED_PRONOUN.match(after.lstrip())
        if found:
            return found
        before = self.body[max(unit[0], verb.idx - 40):verb.idx + len(verb.text)]
        found = list(INVERTED_PRONOUN.finditer(before))
        # Only adverbs between the pronoun and the verb: "a-t-il par exemple déclaré".
        if found and not re.search(r"[,;:.«»\"]", before[found[-1].end():]) \
                and len(before[found[-1].end():].split()) <= 4:
            return found[-1]
        return None

    def quote_before(self, verb) -> bool:
        """ "«...», a déclaré X": the verb follows a quotation and a comma."""
        first = verb
        while first.i > 0 and self.doc[first.i - 1].pos_ == "AUX":
            first = self.doc[first.i - 1]
        before = self.body[max(0, first.idx - 12):first.idx]
        # "«...», y a déclaré X", "«...», lui a répondu X": a clitic may come between.
        return bool(re.search(r"[»\"”]\s*,?\s*(?:(?:y|en|lui|leur|l')\s*)?$", before))

    def inverted_subject(self, verb, unit, quotes):
        """The subject after the verb: "a déclaré Mme Lindqvist lors de ...",
        "a confirmé un responsable de l'OTAN". None unless a noun phrase starts there."""
        start = BEFORE_INVERTED.match(self.body, verb.idx + len(verb.text), unit[1]).end()
        text = self.body[start:unit[1]]
        if not INVERTED_START.match(text):
            return None
        end_match = SUBJECT_END.search(text, 1)
        phrase_end = start + (end_match.start() if end_match else len(text))
        # "a détaillé une autre élue, Karen Bass.": the name in apposition.
        apposed = APPOSED_NAME.match(self.body, phrase_end, unit[1])
        if apposed and self.resolver.named_in(apposed.start("name"), apposed.end("name")):
            phrase_end = apposed.end("name")
        if not self.body[start:phrase_end].strip():
            return None
        return self.resolve_phrase(start, phrase_end, quotes)

    # Units ----------------------------------------------------------------
    def speech_verbs(self, unit, quotes):
        """(token, lemma) of every cue of the unit outside its quotations."""
        cues = []
        for token in self.tokens_between(*unit):
            if any(q.outer_start <= token.idx < q.outer_end for q in quotes):
                continue
            lemma = self.source_cue(token, unit, quotes) or self.speech_verb(token) or self.incise(token)
            if lemma:
                cues.append((token, lemma))
        return cues

    def source_cue(self, token, unit, quotes):
        """ "selon X", "D'après X", an opening "Pour X, « ... »", "X, pour qui"."""
        if token.lower_ in lexicon.SELON and token.pos_ == "ADP":
            return token.lower_
        if token.lower_ == "après" and token.i and self.doc[token.i - 1].lower_ in ("d'", "d’"):
            return "d'après"
        if token.lower_ != "pour":
            return None
        if token.i + 1 < len(self.doc) and self.doc[token.i + 1].lower_ == "qui":
            return "pour qui"
        opening = token.idx == unit[0] and any(q.outer_start > token.idx for q in quotes)
        return "pour" if opening and not purpose(token) else None

    def speech_verb(self, token):
        """The lemma of a speech verb used as one, or None."""
        lemma = speech_lemma(token) or self.speech_phrase(token)
        if lemma is None:
            return None
        # "a tenu à rassurer : « ... »": an infinitive only right before a colon.
        if "Inf" in token.morph.get("VerbForm"):
            following = next((t for t in self.doc[token.i + 1:token.i + 3] if not t.is_space), None)
            if following is None or following.text != ":":
                return None
        # "la loi dite « immigration »": a participle naming a thing.
        if token.lower_ in ("dit", "dite", "dits", "dites") and token.i and self.doc[token.i - 1].pos_ in ("NOUN", "PROPN"):
            return None
        # "les droits ne sont pas assurés": a passive without its agent is no speech.
        if any(c.dep_ in ("aux:pass", "cop") for c in token.children) and agent_of(token) is None:
            return None
        # "la justice s'est rappelée au souvenir": reflexive uses are not speech.
        reflexive = any(c.lower_ in ("se", "s'") for c in token.children)
        if reflexive and lemma not in lexicon.REFLEXIVE_SPEECH_VERBS or not reflexive and lemma in lexicon.REFLEXIVE_ONLY:
            return None
        return lemma

    def incise(self, token):
        """ "« ... », imagine-t-il", "« ... », s'amuse-t-elle": a verb with an
        inverted subject pronoun right after a quotation reports it, whatever
        the verb."""
        following = self.doc[token.i + 1].text if token.i + 1 < len(self.doc) else ""
        if token.pos_ == "VERB" and re.match(r"-(?:t\b|t-|il\b|elle\b|ils\b|elles\b)", following) and self.quote_before(token):
            return token.lemma_.lower()
        return None

    def speech_phrase(self, token):
        """A speech verb of several words: "a-t-il mis en garde", "a fait valoir"."""
        for phrase in lexicon.SPEECH_PHRASES.get(token.lemma_.lower(), ()):
            rest = phrase.split()[1:]
            if [t.lower_ for t in self.doc[token.i + 1:token.i + 1 + len(rest)]] == rest:
                return phrase
        return None

    def que_after(self, verb, unit_end):
        """Start of a "que" clause right after a speech verb, or None."""
        steps = 0
        for token in self.doc[verb.i + 1:]:
            if token.idx >= unit_end or steps > 8:
                return None
            if token.lower_ in ("que", "qu'", "qu’"):
                previous = self.doc[token.i - 1].lower_ if token.i else ""
                if previous in CLAUSE_STARTERS or previous == "ce":
                    return None
                return token.idx + len(token.text)
            if token.pos_ in ("VERB",) or token.text in (".", ";", "«", "»", '"'):
                return None
            steps += 1
        return None

    def infinitive_after(self, verb, unit_end):
        """Start of the infinitive a speech verb reports, or None: "a dit
        vouloir relever le budget", "a accusé Moscou d'avoir visé des civils"."""
        for child in verb.children:
            # "d'avoir visé", "être prête": the infinitive may be an auxiliary or a copula.
            infinitive = "Inf" in child.morph.get("VerbForm") or any(
                c.dep_ in ("aux:tense", "aux:pass", "cop") and "Inf" in c.morph.get("VerbForm") for c in child.children)
            if child.i > verb.i and child.dep_ == "xcomp" and infinitive and child.idx < unit_end \
                    and child.left_edge.i - verb.i <= 6:
                first = child.left_edge
                while first.i < child.i and first.dep_ in ("mark", "case"):  # "d'avoir"
                    first = self.doc[first.i + 1]
                if not any(t.text in (".", ";", "«", "»", '"') for t in self.doc[verb.i + 1:first.i]):
                    return first.idx
        return None

    def postposed(self, verb, unit):
        """Start of the reporter's clause when the verb follows it after a
        comma ("L'accent est mis ..., ont déclaré des diplomates")."""
        first = verb
        while first.i > 0 and self.doc[first.i - 1].pos_ == "AUX":
            first = self.doc[first.i - 1]
        previous = self.doc[first.i - 1] if first.i > 0 else None
        if previous is None or previous.text != "," or previous.idx <= unit[0]:
            return None
        return previous.idx

    def add(self, start, end, kind, speaker, verb, occasion):
        person, text, speaker_kind = speaker
        # "Arvid Lindqvist.-": an intertitle's dash glued to the name.
        text = re.sub(r"\.\s*-+\s*$", "", text) if text else text
        if text and not is_noun_phrase(text):
            text = person.name if person else None
            speaker_kind = speaker_kind if person else "unknown"
        # Reported speech without quotation marks needs someone who speaks:
        # "Les forces turques ont avancé ..., selon ..." with no speaker is no statement.
        if kind == "indirect" and person is None and speaker_kind in ("unknown", "person"):
            return
        while start < end and self.body[start] in " ,;:":
            start += 1
        while end > start and self.body[end - 1] in " ,;:":
            end -= 1
        quote = self.body[start:end]
        if not quote:
            return
        self.statements.append(Statement(start, end, quote, kind, person.key if person else None,
                                         text, speaker_kind if person or speaker_kind != "person" else "unknown",
                                         verb, occasion))
        if person:
            # "..., mais il a également averti que": the pronoun is this speaker.
            self.last_speaker = (person, self.paragraph)
        if person or speaker_kind == "anonymous":
            self.resolver.note(start, person)

    def occasion_after(self, position, unit_end):
        match = OCCASION.search(self.body, position, unit_end)
        if not match:
            return None
        return re.split(r"\s+qu(?:e\b|')", match.group(0))[0].strip()

    def run(self):
        for index, (p_start, p_end) in enumerate(self.paragraphs):
            self.paragraph = index
            quotes = self.quotes[index]
            units = split_units(self.body, p_start, p_end, quotes)
            for n, unit in enumerate(units):
                self.next_unit = units[n + 1] if n + 1 < len(units) else None
                self.unit(index, unit, [q for q in quotes if unit[0] <= q.outer_start < unit[1]])
        return self.statements

    def in_unit(self, unit) -> list:
        """The statements found so far in this unit (all added since it began)."""
        return [s for s in self.statements[self.unit_first:] if unit[0] <= s.start < unit[1]]

    def unit(self, paragraph, unit, quotes):
        """Statements of one unit (a sentence, quotations kept whole)."""
        self.unit_first = len(self.statements)
        self.remember_subjects(paragraph, unit, quotes)
        verbs = self.speech_verbs(unit, quotes)
        # « Pensées pour les familles », a tweeté X: a cue right after makes it speech.
        cued = lambda q: not self.body[unit[0]:q.outer_start].strip() and any(
            0 <= v.idx - q.outer_end <= 6 for v, lemma in verbs if lemma not in ATTRIBUTING_PREPOSITIONS)
        speech = [q for q in quotes if (cued(q) or not looks_like_name(q.text(self.body), self.tokens_between(q.start, q.end)))
                  and not self.recurring_term(q) and not self.named(q)]
        attributed = self.attribute_quotes(unit, quotes, speech, verbs)
        if not speech or not attributed:
            attributed = self.reported_speech(unit, quotes, verbs) or attributed
        if not speech and not attributed:
            self.selon_clause(unit, verbs)
        self.participle_clauses(unit, verbs)
        if speech and not attributed:
            self.continuation(paragraph, unit, speech)

    def attribute_quotes(self, unit, quotes, speech, verbs) -> bool:
        """Quotations with the cue that attributes them: « ... », a dit X."""
        attributed = False
        for quote in speech:
            verb = self.verb_for(quote, verbs, unit)
            if verb is None:
                continue
            token, lemma = verb
            speaker = self.speaker_of(token, lemma, unit, quotes)
            # "d'après un sondage Ifop": a document, not someone, gives the words.
            if lemma in lexicon.SELON and not is_source(speaker):
                continue
            before = self.body[unit[0]:quote.outer_start].strip(" ,:")
            lead = self.body[token.idx:quote.outer_start]
            direct = len(before.split()) <= 1 and (token.idx > quote.outer_start or ":" in lead) \
                or (token.idx < quote.outer_start and lead.rstrip().endswith(":"))
            self.add(quote.start, quote.end, "direct" if direct else "partial", speaker, lemma,
                     self.occasion_after(token.idx, unit[1]))
            attributed = True
        return attributed

    def reported_speech(self, unit, quotes, verbs) -> bool:
        """Speech without quotation marks: "X a affirmé que ..." or
        "[clause], a annoncé le préfet"."""
        for token, lemma in verbs:
            if lemma in ATTRIBUTING_PREPOSITIONS:
                continue
            clause = self.que_after(token, unit[1])
            if clause is None and lemma in lexicon.INFINITIVE_SPEECH_VERBS:
                clause = self.infinitive_after(token, unit[1])
            if clause is not None:
                self.add(clause, unit[1], "indirect", self.subject_of(token, unit, quotes), lemma,
                         self.occasion_after(token.idx, clause))
                return True
            start = self.postposed(token, unit)
            # A weak verb reports speech when its subject follows it.
            if start is not None and (lemma not in lexicon.WEAK_SPEECH_VERBS
                                      or self.inverted_subject(token, unit, quotes)):
                speaker = self.subject_of(token, unit, quotes)
                if speaker[2] != "organisation" or speaker[0]:
                    self.add(unit[0], start, "indirect", speaker, lemma, self.occasion_after(token.idx, unit[1]))
                    return True
        return False

    def selon_clause(self, unit, verbs):
        """ "Selon une source proche du dossier, l'accord sera signé vendredi":
        reported speech without quotation marks, when a person or an anonymous
        source is named (not "selon les chiffres de l'Insee")."""
        for token, lemma in verbs:
            if lemma not in lexicon.SELON or self.body[unit[0]:token.idx].strip().lower() not in ("", "d'"):
                continue
            end = self.phrase_end(token, unit)
            speaker = self.resolve_phrase(token.idx + len(token.text), end, ())
            if is_source(speaker) and self.body[end:end + 1] == ",":
                self.add(end + 1, unit[1], "indirect", speaker, lemma, None)

    def participle_clauses(self, unit, verbs):
        """ "« ... », a déclaré X, ajoutant que son pays ne céderait pas": the
        que-clause of a present participle after a statement of the unit."""
        mine = self.in_unit(unit)
        for token, lemma in verbs:
            if not mine or lemma in lexicon.OPINION_VERBS or not (
                    "Part" in token.morph.get("VerbForm") and "Pres" in token.morph.get("Tense")):
                continue
            clause = self.que_after(token, unit[1])
            if clause is not None and token.idx > mine[-1].start and \
                    not any(s.start < unit[1] and clause < s.end for s in mine):
                self.add(clause, unit[1], "indirect", self.subject_of(token, unit, ()), lemma, None)

    def speaker_of(self, token, lemma, unit, quotes):
        """(person, text, kind) for a cue: a verb's subject, the phrase after
        "selon"/"pour", or the antecedent before "pour qui"."""
        if lemma == "pour qui":
            comma = self.body.rfind(",", unit[0], token.idx)
            clause = max(self.body.rfind(",", unit[0], comma), unit[0] - 1) + 1 if comma > 0 else unit[0]
            return self.resolve_phrase(clause, comma if comma > 0 else token.idx, quotes)
        if lemma in ATTRIBUTING_PREPOSITIONS:
            return self.resolve_phrase(token.idx + len(token.text), self.phrase_end(token, unit, quotes), quotes)
        return self.subject_of(token, unit, quotes)

    def recurring_term(self, quote) -> bool:
        """A short quoted expression the article quotes again and again is a
        name or a term ("gilets jaunes", "zadistes"), not someone's words."""
        text = self.body[quote.start:quote.end]
        if len(text.split()) > 3:
            return False
        needle, found, at = text.lower(), 0, 0
        while (at := self.lower_body.find(needle, at)) >= 0:
            before = at
            while before > 0 and self.body[before - 1].isspace():
                before -= 1
            found += before > 0 and self.body[before - 1] in '«"“'
            at += len(needle)
        return found >= 2

    def named(self, quote) -> bool:
        """A quotation that a naming word introduces is a name: un collectif
        baptisé « Les Oubliés », la réforme dite « des retraites »."""
        return bool(lexicon.NAMING.search(self.body[max(0, quote.outer_start - 25):quote.outer_start]))

    def verb_for(self, quote, verbs, unit):
        """The speech verb a quotation belongs to: a following one that
        attributes it, or a preceding one whose complement holds it."""
        after = [v for v in verbs if v[0].idx >= quote.outer_end]
        before = [v for v in verbs if v[0].idx < quote.outer_start]
        # "a appelé l'assistance à saluer les bénévoles appelés « gardiens »
        # « qui ... »": a weak verb that does not report gives way to the one before.
        for token, lemma in reversed(before):
            between = self.body[token.idx:quote.outer_start]
            weak = lemma in lexicon.WEAK_SPEECH_VERBS
            if not weak or re.search(r"\bqu(?:e\b|')|:\s*$", between) or self.person_subject(token):
                return token, lemma
            if "Part" not in token.morph.get("VerbForm") or token.dep_ not in ("acl", "amod"):
                break
        # "« ... » à la désescalade prônée par l'Allemagne, qui assure la présidence
        # de l'UE, a estimé la ministre": a relative clause does not attribute.
        main = [v for v in after if v[0].dep_ != "acl:relcl"]
        # "X a reçu « avec inquiétude » ..., tandis que Y a affirmé que": a verb
        # whose subject stands between does not attribute the quotation before.
        after = [v for v in after if not self.own_subject_between(v[0], quote, unit)]
        main = [v for v in main if v in after]
        if main or after:
            return (main or after)[0]
        return None

    def own_subject_between(self, verb, quote, unit) -> bool:
        """Whether the verb's nominal subject comes between a quotation inside
        the sentence and the verb: the quotation is not what it reports."""
        if not self.body[unit[0]:quote.outer_start].strip():
            return False
        return any(c.dep_ in ("nsubj", "nsubj:pass") and c.pos_ in ("PROPN", "NOUN")
                   and quote.outer_end <= c.idx < verb.idx for c in verb.children)

    def subject_before(self, verb, comma: int) -> bool:
        """Whether the verb's subject ends at the comma before it ("Le
        ministre, Julien Arnaud, a défendu ..."), rather than belonging to the
        reported clause ("Le texte entend ..., a détaillé une élue")."""
        return any(s.i < verb.i and noun_phrase(s)[1] >= comma - 1 for s in subjects_of(verb))

    def person_subject(self, verb) -> bool:
        """Whether a person is the verb's subject: "Il a appelé ses « alliés »
        à ..." quotes him; "Kiev a demandé une « adhésion »" names a request."""
        for subject in subjects_of(verb) + [a for a in [agent_of(verb)] if a is not None]:
            if subject.lower_ in ("il", "elle") or self.resolver.resolve(*noun_phrase(subject)).person:
                return True
        return False

    def phrase_end(self, token, unit, quotes=()):
        """End of the source named after "selon" or "pour": before the comma
        that precedes the quotation ("Pour X, son porte-parole, « ... »")."""
        following = [q for q in quotes if q.outer_start > token.idx]
        if following:
            comma = self.body.rfind(",", token.idx, following[0].outer_start)
            if comma > token.idx:
                return comma
        text = self.body[token.idx + len(token.text):unit[1]]
        match = re.search(r"[,;]|(?<!\b[A-Z])\.", text)
        return token.idx + len(token.text) + (match.start() if match else len(text))

    def continuation(self, paragraph, unit, speech):
        """A quotation standing alone continues the previous speaker."""
        covered = sum(q.outer_end - q.outer_start for q in speech)
        if covered < 0.6 * len(self.body[unit[0]:unit[1]].strip()):
            return
        person = self.named_after(speech)
        if person is None and self.last_speaker and paragraph - self.last_speaker[1] <= 1:
            person = self.last_speaker[0]
        for quote in speech:
            self.add(quote.start, quote.end, "direct",
                     (person, person.name if person else None, "person" if person else "unknown"), None, None)

    def named_after(self, speech):
        """The person the next sentence names when it refers back to the
        quotation: "« ... » Ces mots, prononcés par X", "C'est en ces termes
        que X a réagi", "Voilà ce qu'a déclaré X"."""
        following = self.next_unit
        if following is None or not lexicon.BACK_REFERENCE.match(self.body, following[0], following[1]):
            return None
        named = [p for s, e, p in self.resolver.between(*following)]
        return named[0] if named else None

    def remember_subjects(self, paragraph, unit, quotes):
        """Subjects of the unit's clauses that are people, for the pronouns that follow:
        "Mme Dupont a quitté la salle. « ... », a-t-elle lancé"."""
        main, relative = [], []
        for token in self.tokens_between(*unit):
            if token.dep_ in ("nsubj", "nsubj:pass") and token.head.pos_ in ("VERB", "AUX", "ADJ", "NOUN"):
                # "sensible pour Paul Garnier qui aime à dénoncer": the antecedent is the subject.
                if token.lower_ == "qui" and token.head.dep_ == "acl:relcl":
                    relative.append(token.head.head)
                else:
                    main.append(token)
        # "X tacle Y, qui avait pris sa suite": the main subject stays the centre.
        if self.remember(main, quotes):
            return
        self.remember(relative, quotes)

    def name_before_verb(self, subject, start):
        """The person named last in a subject, right before its verb group."""
        verb = subject.head
        first = min([verb] + [c for c in verb.children if c.dep_.startswith("aux") and c.i < verb.i], key=lambda t: t.i)
        if first.i <= subject.i:
            return None
        for s, e, person in self.resolver.between(start, first.idx):
            if e <= first.idx and not self.body[e:first.idx].strip() and \
                    not COMPLEMENT_BEFORE.search(self.body[max(start, s - 8):s]):
                return person
        return None

    def remember(self, subjects, quotes) -> bool:
        """Note the subjects that are people; whether there was one."""
        found = False
        for token in subjects:
            start, end = noun_phrase(token)
            if any(q.outer_start <= start < q.outer_end for q in quotes):
                continue
            # "l'ancien député européen, proche de X, Paul Garnier a été sollicité":
            # the name right before the verb group is the subject's head.
            person = self.name_before_verb(token, start) or self.resolver.resolve(start, end, quotes).person
            if person:
                self.resolver.note(start, person)
                found = True
        return found


def purpose(token) -> bool:
    """ "Pour « revisiter l'architecture »", "Pour tenter de ...": "pour" with
    an infinitive or a quotation gives a purpose, not a source."""
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return following is not None and (following.text in "«\"“" or "Inf" in following.morph.get("VerbForm"))


def is_source(speaker) -> bool:
    """Whether "selon X" names someone who speaks: a person, an organisation
    or "une source diplomatique", not "un sondage" or "les chiffres"."""
    person, text, kind = speaker
    return kind in ("person", "organisation") and (person is not None or kind == "organisation") or \
        kind == "anonymous" and any(w in lexicon.SOURCE_NOUNS or w[:-1] in lexicon.SOURCE_NOUNS
                                    for w in (text or "").lower().split())


def agent_of(verb):
    """The agent of a passive: "jugé « historique » par la présidente X"."""
    return next((c for c in verb.children if c.dep_ == "obl:agent" or c.dep_.startswith("obl")
                 and any(g.dep_ == "case" and g.lower_ == "par" for g in c.children)), None)


def antecedent_of(relative_verb):
    """The noun a relative clause is about: "Olga Petrenko, une enseignante de
    Kharkiv, qui raconte" -> Petrenko (the head of "N de N'", then the name
    the apposition describes)."""
    noun = relative_verb.head
    while noun.dep_ == "nmod" and noun.head.i != noun.i:
        noun = noun.head
    return noun.head if noun.dep_ == "appos" else noun


def subjects_of(verb) -> list:
    """Subjects of a verb or of its auxiliaries; "Il se souvient" too, where
    the parser reads the pronoun as an expletive."""
    heads = [verb] + [c for c in verb.children if c.dep_.startswith("aux")]
    return [c for h in heads for c in h.children if c.dep_ in ("nsubj", "nsubj:pass")
            or c.dep_ == "expl:subj" and c.lower_ in ("il", "elle")]


def noun_phrase(head):
    """(start, end) of the noun phrase a head token governs, without its
    relative clauses and what follows a comma: "le député, qui ..." -> "le député"."""
    keep = [c for c in head.children if c.dep_ not in ("acl:relcl", "acl", "punct", "conj", "cc", "advcl",
                                                       "parataxis", "dep", "case")]
    right = max([c.right_edge for c in keep if c.i > head.i] + [head], key=lambda t: t.i)
    left = min([c.left_edge for c in keep if c.i < head.i] + [head], key=lambda t: t.i)
    doc = head.doc
    apposed = {c.left_edge.i for c in keep if c.dep_ in ("appos", "flat:name")}
    for t in doc[head.i + 1:right.i + 1]:
        # "le ministre, Julien Arnaud," keeps the name in apposition.
        if t.text == "," and t.i + 1 < len(doc) and (t.i + 1 in apposed or doc[t.i + 1].ent_type_ == "PER"):
            continue
        if t.text in (",", ";", "(", "«", '"') or t.lower_ in ("qui", "que", "dont"):
            right = doc[t.i - 1]
            break
    return left.idx, right.idx + len(right.text)


def extract_statements(article) -> list:
    """Statements of an annotated article (extract.article), speakers resolved.
    A person the model missed and the resolver found joins article.people."""
    segments = article.segments
    return ArticleStatements(article.doc, segments.paragraphs, article.people, segments.quotes).run()

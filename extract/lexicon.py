"""French language knowledge used by the extractors, kept as data.

Each list says which construction it serves, with a short example. Adding a
speech verb or a title is adding a word here, not a branch in the code.
"""
import re
from pathlib import Path

import yaml


def _data(name: str):
    """A language data file of extract/data/, loaded once at import."""
    return yaml.safe_load((Path(__file__).parent / "data" / name).read_text(encoding="utf-8"))

# Speech verbs (strong, reflexive, weak) and lemma fixes: data/speech_verbs.yml.
_SPEECH = _data("speech_verbs.yml")
REFLEXIVE_SPEECH_VERBS = set(_SPEECH["reflexive"])
SPEECH_VERBS = set(_SPEECH["verbs"]) | set(_SPEECH["weak"]) | REFLEXIVE_SPEECH_VERBS
# Speech verbs only with se: "s'est offusqué X", not "la décision a ému".
REFLEXIVE_ONLY = REFLEXIVE_SPEECH_VERBS - set(_SPEECH["verbs"]) - set(_SPEECH["weak"])
WEAK_SPEECH_VERBS = set(_SPEECH["weak"])
LEMMA_FIXES = dict(_SPEECH["lemma_fixes"])
SPEECH_PHRASES = {}  # first word -> phrases: "mettre" -> ["mettre en garde"]
for _phrase in _SPEECH["phrases"]:
    SPEECH_PHRASES.setdefault(_phrase.split()[0], []).append(_phrase)
BACK_REFERENCE = re.compile("(?i)" + "|".join(_SPEECH["back_references"]))
# Verbs of opinion rather than speech ("estimant que", "jugeant que"): a
# participle clause of theirs is the reporter's summary, not a statement.
OPINION_VERBS = set(_SPEECH["opinion"])
# Verbs that report an infinitive: "a dit vouloir ...", "a accusé X d'avoir ...".
INFINITIVE_SPEECH_VERBS = set(_SPEECH["infinitive"])
# Words that name what follows in quotation marks: un groupe baptisé « ... ».
NAMING = re.compile(r"(?i)\b(?:%s)\s*$" % "|".join(map(re.escape, _SPEECH["naming"])))

# First names (data/speakers.yml), for gender and for names the model cut or
# glued: "Travail Anne Berzina" is "Anne Berzina".
SPEAKER_WORDS = _data("speakers.yml")  # its nouns are read by extract/speakers.py
FEMININE_FIRST_NAMES = {n.lower() for n in SPEAKER_WORDS["feminine_first_names"]}
MASCULINE_FIRST_NAMES = {n.lower() for n in SPEAKER_WORDS["masculine_first_names"]}


def infinitive_guesses(word: str) -> tuple:
    """The infinitives an inflected form may be of, most likely first, when
    the tagger misreads it: "estime" -> "estimer", "disent" -> "dier", "dire"."""
    return (word + "r", word[:-3] + "er" if word.endswith("ent") else "", word[:-1] + "er",
            word[:-1] + "re", word[:-2] + "ir" if word.endswith("it") else "")


# Endings of a participle brought back to its -er verb: "ratifiée" -> "ratifier".
PARTICIPLE_ENDINGS = ("ées", "és", "ée", "é")


def is_first_name(word: str) -> bool:
    return word.lower() in FEMININE_FIRST_NAMES or word.lower() in MASCULINE_FIRST_NAMES


# "selon X" attributes a quotation without a verb: «...», selon un diplomate.
SELON = {"selon", "d'après"}

# Heads of noun phrases that designate a human source, so that an unnamed
# subject is an anonymous source: "un diplomate de l'OTAN", "deux responsables".
SOURCE_NOUNS = {
    "diplomate", "responsable", "source", "personne", "porte-parole", "officiel",
    "fonctionnaire", "conseiller", "conseillère", "membre", "expert", "experte",
    "analyste", "observateur", "observatrice", "proche", "dirigeant",
    "dirigeante", "ministre", "président", "présidente", "chef", "cheffe",
    "patron", "patronne", "secrétaire", "ambassadeur", "ambassadrice",
    "général", "militaire", "officier", "haut", "homme", "femme", "député",
    "députée", "sénateur", "sénatrice", "élu", "élue", "négociateur",
    "négociatrice", "enquêteur", "témoin", "habitant", "habitante",
    "gouvernement", "commissaire", "premier", "première", "chancelier",
    "chancelière", "envoyé", "envoyée", "représentant", "représentante",
    "directeur", "directrice", "spécialiste", "juge", "avocat", "avocate",
    "procureur", "policier", "soldat", "manifestant", "manifestante",
    "entourage", "interlocuteur", "collaborateur", "collaboratrice",
}

# Determiners that introduce a new, unnamed referent: "un diplomate", "deux
# diplomates", "des responsables": an anonymous source, never an earlier person.
INDEFINITE_DETERMINERS = {"un", "une", "des", "deux", "trois", "quatre",
                          "plusieurs", "certains", "certaines", "quelques",
                          "d'autres", "divers", "nombre", "l'un", "l'une", "aucun"}

# Titles and roles, longest first so that "secrétaire général" wins over
# "secrétaire": "le secrétaire général de l'OTAN, Jens Stoltenberg".
TITLES = sorted([
    "secrétaire général adjoint", "secrétaire générale adjointe",
    "secrétaire général", "secrétaire générale", "secrétaire d'État",
    "secrétaire d'Etat", "secrétaire", "premier ministre", "première ministre",
    "Premier ministre", "Première ministre", "vice-président", "vice-présidente",
    "président", "présidente", "ministre", "porte-parole", "chef de la diplomatie",
    "chef d'état-major", "chef d'Etat", "chef d'État", "chef", "cheffe",
    "patron", "patronne", "dirigeant", "dirigeante", "chancelier", "chancelière",
    "roi", "reine", "prince", "émir", "ambassadeur", "ambassadrice",
    "commissaire", "haut-commissaire", "haute-commissaire", "haut représentant", "haute représentante", "représentant",
    "représentante", "directeur", "directrice", "général", "amiral",
    "commandant", "député", "députée", "sénateur", "sénatrice", "maire",
    "homme politique", "femme politique", "diplomate", "conseiller",
    "conseillère", "envoyé spécial", "envoyée spéciale", "négociateur",
    "négociatrice", "leader", "opposant", "opposante", "pape", "préfet", "préfète",
    "procureur", "procureure", "gouverneur", "gouverneure", "consul", "juge", "sénateur",
], key=len, reverse=True)

# Titles that designate the head of an organisation or a state, so that
# "le chef de l'OTAN" finds "le secrétaire général de l'OTAN".
LEADER_TITLES = {"secrétaire général", "secrétaire générale", "chef", "cheffe",
                 "patron", "patronne", "dirigeant", "dirigeante", "président",
                 "présidente", "premier ministre", "première ministre", "leader",
                 "chancelier", "chancelière", "roi", "reine"}

# Organisations named in roles: "le porte-parole du Kremlin", "de l'OTAN".
ORGANISATIONS = {
    "otan": "OTAN", "alliance": "OTAN", "alliance atlantique": "OTAN",
    "nato": "OTAN", "ue": "UE", "union européenne": "UE",
    "commission européenne": "Commission européenne", "commission": "Commission européenne",
    "kremlin": "Kremlin", "onu": "ONU", "nations unies": "ONU",
    "maison blanche": "Maison Blanche", "pentagone": "Pentagone",
    "conseil européen": "Conseil européen", "parlement européen": "Parlement européen",
}

# Offices that name their country in the French press: "le président de la
# République" is the French president, "le chancelier" is not enough.
OFFICE_COUNTRIES = {"la République": "FR", "l'Élysée": "FR", "l'Elysée": "FR", "Matignon": "FR",
                    "la Maison Blanche": "US", "la Maison-Blanche": "US", "Downing Street": "GB"}

# Courtesy titles dropped from names: "M. Stoltenberg", "Mme von der Leyen".
HONORIFICS = {"M.", "M", "Mme", "Mme.", "Mlle", "Mr", "Mr.", "Mrs", "Dr", "Dr.",
              "Me", "Mgr", "Sir", "Lord", "monsieur", "madame", "Monsieur", "Madame"}

# Particles that belong to surnames: "Ursula von der Leyen", "Charles de Gaulle".
NAME_PARTICLES = {"von", "der", "van", "den", "de", "du", "des", "da", "di", "le", "la", "bin", "ben", "al", "el"}

# Boilerplate lines of news pages, by kind (navigation, teasers, credits,
# counters, social prompts, previous/next links). Matched on a whole line.
# Lines in English left by a text generator are found by their words
# (ENGLISH_WORDS, clean.is_english_instruction), not by their wording.
BOILERPLATE_LINE_PATTERNS = [
    # Teasers of other stories: "Lire aussi : ...", "A lire également ..."
    r"(?i)^\s*(?:[àa] )?(?:lire|voir) (?:aussi|également|egalement|plus)\b.*",
    r"(?i)^\s*(?:sur le même sujet|à voir aussi|a voir aussi|en savoir plus|pour aller plus loin)\b.*",
    # Previous / next article links: "Article précédentLes marchés reculent ..."
    r"(?i)^\s*article (?:précédent|precedent|suivant).*",
    # Breadcrumb navigation: "Accueil > Monde > Europe"
    r"(?i)^\s*(?:accueil|home)\b(?:\s*[>»/|]\s*|\s+)[^.]{0,200}$",
    # Comment and share counters: "41", "0", "12 commentaires"
    r"^\s*\d{1,6}\s*$",
    r"(?i)^\s*\d+\s+(?:commentaires?|partages?|réactions?|vues?)\s*$",
    # Calls to follow, subscribe or share
    r"(?i)^\s*(?:suivez|abonnez-vous|inscrivez-vous|partager|partagez|publicité|newsletter)\b.*",
    # Source links left by scrapers: "Source link -12", "Source : AFP"
    r"(?i)^\s*source(?: link)?\s*[-:–]?\s*\S{0,40}\s*$",
    # Photo captions and credits: "Archives – Sommet ... – Photographer/AGENCY – Archive"
    r"(?i)^\s*(?:archives?|photo|illustration|image|crédit|credit|©)\b.{0,250}$",
    r"(?i)^.{0,200}\b(?:AFP|Reuters|AP|BELGA|dpa|EPA|Getty Images|Shutterstock)\s*(?:/\s*\w+)*\s*[–-]?\s*(?:archives?|photo)?\s*$",
]

# Bylines: "[Edited by Jane Roe]", "Par Jean Dupont", "(avec AFP)"
BYLINE_PATTERNS = [
    r"(?i)^\s*\[\s*(?:edited|written|reported|translated) by (?P<name>[^\]]+)\]\s*$",
    r"^\s*(?:par|by)\s+(?P<name>[A-ZÉ][\w'’.-]+(?:\s+[A-ZÉ][\w'’.-]+){0,3})(?:\s*,.*)?\s*$",
    r"^\s*\((?:avec )?(?P<name>AFP|Reuters|AP|Belga)\)\s*$",
]

# Dateline at the head of wire copy: "MADRID, 3 Jan. (Agence X) –"
DATELINE = re.compile(
    r"^\s*(?P<place>[A-ZÉÈÀÂÎÔÛÇ][A-ZÉÈÀÂÎÔÛÇ' -]{2,40}),\s*"
    r"(?P<date>\d{1,2}\s+[A-Za-zéû]+\.?(?:\s+\d{4})?)\s*"
    r"(?:\((?P<source>[^)]{1,60})\))?\s*[–—-]?\s*"
)

# English instructions to a text generator glued to the French title they
# asked for: "Rewrite this headline in French: Le sommet ...".
GENERATOR_TITLE_PREFIX = re.compile(
    r"(?i)^\s*(?:customi[sz]e|rewrite|rephrase|translate|generate|write|make)\b[a-z ,]{0,40}?"
    r"\b(?:title|headline)\b(?:\s+(?:in|into)\s+french)?\s*:?\s*")

# Common English words: a line made mostly of them in a French article is an
# instruction left by a text generator ("Please write at least 500 words").
ENGLISH_WORDS = {"the", "this", "that", "a", "an", "and", "or", "of", "for", "to", "in", "at", "be", "it",
                 "with", "make", "write", "rewrite", "create", "let", "there", "article", "title",
                 "headline", "subheadings", "words", "least", "please", "french", "english", "seo",
                 "compatible", "customize", "translate", "into", "should", "must", "use", "add"}

MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5,
    "juin": 6, "juillet": 7, "août": 8, "aout": 8, "septembre": 9,
    "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
    # Abbreviations in datelines: "15 Mar."
    "janv": 1, "jan": 1, "févr": 2, "fév": 2, "fev": 2, "feb": 2, "mar": 3,
    "avr": 4, "apr": 4, "juil": 7, "jul": 7, "jun": 6, "aug": 8, "sept": 9,
    "sep": 9, "oct": 10, "nov": 11, "déc": 12, "dec": 12,
}
WEEKDAYS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4,
            "samedi": 5, "dimanche": 6}
# French number words, the parts every number up to 99 is built from:
# "vingt-huit", "trente et un", "quarante-deux", "soixante-dix-sept",
# "quatre-vingt-onze" (extract.ratifications.french_number adds them up).
NUMBER_WORDS = {
    "zéro": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5,
    "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12,
    "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20,
    "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
}

# Meeting nouns, gathering verbs and the other cues of the meeting extractor
# are data: extract/data/meetings.yml.

# Named bodies whose meeting is a council: "le Conseil OTAN-Russie", "un
# conseil des ministres des Affaires étrangères de l'UE jeudi à Berlin".
COUNCIL_NAME = re.compile(r"\b(?:[Cc]onseil des ministres|Conseil (?:OTAN-[A-Z]\w+|européen|de l'Atlantique Nord|de sécurité(?: de l'ONU)?))")
# A named group that meets: "réunion du Groupe de contact de la défense ukrainienne".
GROUP_NAME = re.compile(r"\b(?:Groupe|Format) de [^,.;:]{3,60}?(?=\s+(?:à|au|aux|en|le|les|pour|avec|,|\.)|$)")

# Sites: "la base aérienne de Ramstein", "le siège de l'OTAN" (in Brussels).
SITE_PATTERN = re.compile(
    r"\b(?:la |le |l')?(?P<site>base (?:aérienne |militaire |navale )?(?:américaine |de l'OTAN )?de (?P<town>[A-Z][\w-]+))")
KNOWN_SITES = {
    "siège de l'OTAN": "Bruxelles", "siège de l'Otan": "Bruxelles",
    "siège de l'Alliance": "Bruxelles", "Maison Blanche": "Washington",
    "Kremlin": "Moscou", "Élysée": "Paris", "Pentagone": "Washington",
}
# "la capitale ukrainienne" stands for the capital of Ukraine.
CAPITAL_OF = re.compile(r"\b(?:la|dans la|de la) capitale (?P<adj>\w+)")

# Ratification vocabulary: the trigger phrases, membership nouns and the
# words that change a status live in extract/data/ratification.yml.
# A number in words or digits: "28", "vingt-neuf", "trente et un".
_NUMBER_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
NUMBER = rf"(?:\d+|(?:{_NUMBER_WORD})(?:(?:-|\s+)(?:et(?:-|\s+))?(?:{_NUMBER_WORD}))*)"
# Aggregates in a subject: "28 des 30 pays membres", "29 alliés sur 31",
# "28 Etats membres - sur trente -", "vingt-neuf pays".
AGGREGATE = re.compile(
    rf"(?i)(?<![\w-])(?P<n>{NUMBER})\s+(?:(?:des|sur)\s+(?P<of>{NUMBER})\s+)?"
    r"(?:États|Etats|pays|alliés|membres|parlements|capitales|gouvernements)"
    r"(?:\s+(?:membres|nationaux|alliés))?"
    rf"(?:\s*[-–—,(]?\s*sur\s+(?P<of2>{NUMBER}))?")
# Acting bodies: "le Parlement turc", "le président hongrois".
BODIES = {"parlement": "parliament", "parlements": "parliament", "assemblée": "parliament",
          "élus": "parliament", "parlementaires": "parliament",
          "président": "president", "présidente": "president", "gouvernement": "government",
          "gouvernements": "government", "sénat": "parliament", "députés": "parliament"}

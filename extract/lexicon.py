"""French language knowledge used by the extractors, kept as data.

Each list says which construction it serves, with a short example. Adding a
speech verb or a title is adding a word here, not a branch in the code.
"""
import re

# Speech verbs, as spaCy lemmas: « ... », a déclaré X / X a assuré que ...
SPEECH_VERBS = {
    "déclarer", "dire", "ajouter", "affirmer", "assurer", "avertir", "juger",
    "confirmer", "expliquer", "estimer", "souligner", "indiquer", "annoncer",
    "préciser", "insister", "rappeler", "prévenir", "répondre", "répéter",
    "poursuivre", "conclure", "marteler", "lancer", "déplorer", "dénoncer",
    "reconnaître", "admettre", "promettre", "exhorter", "suggérer", "écrire",
    "tweeter", "commenter", "noter", "observer", "ironiser", "plaider",
    "réclamer", "demander", "appeler", "accuser", "regretter", "saluer",
    "féliciter", "s'inquiéter", "inquiéter", "menacer",
    "révéler", "raconter", "confier", "témoigner", "soutenir",
    "réitérer", "nier",
    "démentir", "reprocher", "signaler", "fustiger", "critiquer", "exiger",
    "prédire", "résumer", "relever", "glisser", "lâcher", "s'exclamer",
    "exclamer", "interroger", "proclamer", "certifier", "jurer", "trancher",
    "tacler", "réagir", "asséner", "abonder", "renchérir", "détailler",
    "rétorquer", "répliquer", "objecter", "protester", "alerter", "tonner",
    "clamer", "nuancer", "concéder", "avouer", "garantir", "remercier",
    "interpeller", "étonner", "constater", "souffler", "railler", "cingler",
    "enchaîner", "argumenter", "justifier", "tempérer", "indigner", "emporter",
}
# Speech verbs that are reflexive in French: "s'est inquiété", "s'exclame".
REFLEXIVE_SPEECH_VERBS = {"exclamer", "inquiéter", "indigner", "étonner", "interroger",
                          "féliciter", "emporter"}
# Verbs that only report speech when a quotation or a "que" clause follows
# them: "Kiev a demandé une « adhésion accélérée »" is a request, not a quote.
WEAK_SPEECH_VERBS = {"demander", "appeler", "saluer", "lancer", "soutenir",
                     "relever", "noter", "observer", "menacer", "critiquer",
                     "annoncer", "indiquer", "confirmer", "promettre", "reconnaître"}

# Spellings spaCy's French lemmatiser sometimes leaves inflected.
LEMMA_FIXES = {"ajoute": "ajouter", "ajouté": "ajouter", "déclaré": "déclarer",
               "estimé": "estimer", "assuré": "assurer", "averti": "avertir",
               "jugé": "juger", "confirmé": "confirmer", "souligné": "souligner",
               "indiqué": "indiquer", "précisé": "préciser", "affirmé": "affirmer",
               "expliqué": "expliquer", "dit": "dire", "martelé": "marteler",
               "exhorté": "exhorter", "suggéré": "suggérer", "annoncé": "annoncer",
               "prévenu": "prévenir", "répondu": "répondre", "poursuivi": "poursuivre"}

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
    "commissaire", "haut représentant", "haute représentante", "représentant",
    "représentante", "directeur", "directrice", "général", "amiral",
    "commandant", "député", "députée", "sénateur", "sénatrice", "maire",
    "homme politique", "femme politique", "diplomate", "conseiller",
    "conseillère", "envoyé spécial", "envoyée spéciale", "négociateur",
    "négociatrice", "leader", "opposant", "opposante", "pape",
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

# Courtesy titles dropped from names: "M. Stoltenberg", "Mme von der Leyen".
HONORIFICS = {"M.", "M", "Mme", "Mme.", "Mlle", "Mr", "Mr.", "Mrs", "Dr", "Dr.",
              "Me", "Mgr", "Sir", "Lord", "monsieur", "madame", "Monsieur", "Madame"}

# Particles that belong to surnames: "Ursula von der Leyen", "Charles de Gaulle".
NAME_PARTICLES = {"von", "der", "van", "den", "de", "du", "des", "da", "di", "le", "la", "bin", "ben", "al", "el"}

# Boilerplate lines of news pages, by kind (navigation, teasers, credits,
# counters, social prompts, previous/next links). Matched on a whole line.
BOILERPLATE_LINE_PATTERNS = [
    # Teasers of other stories: "Lire aussi : ...", "A lire également ..."
    r"(?i)^\s*(?:[àa] )?(?:lire|voir) (?:aussi|également|egalement|plus)\b.*",
    r"(?i)^\s*(?:sur le même sujet|à voir aussi|a voir aussi|en savoir plus|pour aller plus loin)\b.*",
    # Previous / next article links: "Article précédentLa FIJ condamne ..."
    r"(?i)^\s*article (?:précédent|precedent|suivant).*",
    # Breadcrumb navigation: "Accueil Dernières minutes L'International ..."
    r"(?i)^\s*(?:accueil|home)\b(?:\s*[>»/|]\s*|\s+)[^.]{0,200}$",
    # Comment and share counters: "41", "0", "12 commentaires"
    r"^\s*\d{1,6}\s*$",
    r"(?i)^\s*\d+\s+(?:commentaires?|partages?|réactions?|vues?)\s*$",
    # Calls to follow, subscribe or share
    r"(?i)^\s*(?:suivez|abonnez-vous|inscrivez-vous|partager|partagez|publicité|newsletter)\b.*",
    # Source links left by scrapers: "Source link -57", "Source : AFP"
    r"(?i)^\s*source(?: link)?\s*[-:–]?\s*\S{0,40}\s*$",
    # Photo captions and credits: "Archives – Sommet ... – Photographer/AGENCY – Archive"
    r"(?i)^\s*(?:archives?|photo|illustration|image|crédit|credit|©)\b.{0,250}$",
    r"(?i)^.{0,200}\b(?:AFP|Reuters|AP|BELGA|dpa|EPA|Getty Images|Shutterstock)\s*(?:/\s*\w+)*\s*[–-]?\s*(?:archives?|photo)?\s*$",
    # Prompt lines left by text generators: "Make this article seo compatible"
    r"(?i)^\s*(?:customize this title|make this article|rewrite this|let there be|write an article)\b.*",
    r"(?i)^.{0,80}\b(?:seo compatible|at least \d+ words|in french)\b.*",
]

# Bylines: "[Edited by Alice Taylor]", "Par Jean Dupont", "(avec AFP)"
BYLINE_PATTERNS = [
    r"(?i)^\s*\[\s*(?:edited|written|reported|translated) by (?P<name>[^\]]+)\]\s*$",
    r"^\s*(?:par|by)\s+(?P<name>[A-ZÉ][\w'’.-]+(?:\s+[A-ZÉ][\w'’.-]+){0,3})(?:\s*,.*)?\s*$",
    r"^\s*\((?:avec )?(?P<name>AFP|Reuters|AP|Belga)\)\s*$",
]

# Dateline at the head of wire copy: "BRUXELLES, 15 Mar. (Cinktank.com) –"
DATELINE = re.compile(
    r"^\s*(?P<place>[A-ZÉÈÀÂÎÔÛÇ][A-ZÉÈÀÂÎÔÛÇ' -]{2,40}),\s*"
    r"(?P<date>\d{1,2}\s+[A-Za-zéû]+\.?(?:\s+\d{4})?)\s*"
    r"(?:\((?P<source>[^)]{1,60})\))?\s*[–—-]?\s*"
)

# Instruction words of text generators: a title line "Customize this title in
# frenchLe chef ..." keeps what follows the instruction.
# English instructions to a text generator glued to the French title they
# asked for: "Customize this title in frenchLe chef ...", "Rewrite this headline: ...".
GENERATOR_TITLE_PREFIX = re.compile(
    r"(?i)^\s*(?:customi[sz]e|rewrite|rephrase|translate|generate|write|make)\b[a-z ,]{0,40}?"
    r"\b(?:title|headline)\b(?:\s+(?:in|into)\s+french)?\s*:?\s*")

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
NUMBER_WORDS = {
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "vingt": 20,
    "vingt-sept": 27, "vingt-huit": 28, "vingt-neuf": 29, "trente": 30,
    "trente et un": 31, "trente-deux": 32,
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

# Ratification vocabulary. Each status is a list of regular expressions that
# find the verb phrase; the acting country and candidates come from around it.
RATIFICATION_STATUS_PATTERNS = {
    # "ont ratifié l'adhésion", "a approuvé l'entrée de la Suède"
    "ratified": [r"\b(?:ont|a|avait|avaient) (?:déjà |désormais |officiellement )?(?:ratifié|approuvé|validé|entériné)\b",
                 r"\b(?:ont|a) (?:déjà )?donné (?:leur|son) (?:feu vert|accord)\b"],
    # "doivent encore donner leur accord final", "n'a pas encore ratifié"
    "pending": [r"\bdoi(?:ven)?t (?:encore|aussi|également|toujours) (?:donner|ratifier|approuver|se prononcer)",
                r"\bn'(?:ont|a) pas encore (?:ratifié|approuvé|donné)",
                r"\b(?:reste|restent) à (?:ratifier|approuver)"],
    # "le Parlement turc pourrait ratifier l'adhésion de la Finlande"
    "possible": [r"\bpourrai(?:en)?t (?:bientôt |rapidement |finalement )?(?:ratifier|approuver|valider)",
                 r"\b(?:est|sont) prêts? à (?:ratifier|approuver)"],
    # "qui reste bloquée par Ankara", "l'opposition de la Turquie"
    "blocked": [r"\bbloqu\w* par\b", r"\bbloqu(?:e|ent|ait|aient)\b", r"\bopposition de\b",
                r"\bs'oppos\w+\b", r"\bveto de\b", r"\brefus\w* de ratifier\b"],
    # "la Finlande a rejoint l'OTAN", "est devenue le 31e membre"
    "joined": [r"\b(?:a|ont|avait) (?:officiellement )?(?:rejoint|intégré) l'(?:OTAN|Otan|Alliance|alliance)",
               r"\b(?:est|sont) (?:officiellement )?devenu\w* (?:le \w+ )?membres?\b",
               r"\b(?:a|ont) (?:officiellement )?adhéré\b"],
    # "Kiev a officiellement demandé une adhésion accélérée", "demandes d'adhésion de"
    "applied": [r"\b(?:a|ont|avait) (?:officiellement |formellement )?(?:demandé|déposé|présenté|soumis) (?:une |sa |leur |son )?(?:« ?|\" ?)?(?:adhésion|candidature|demande d'adhésion)",
                r"\bdemandes? (?:officielles? )?d'adhésion de\b", r"\bcandidatures? de\b"],
}
# Where the candidate is named: "l'adhésion de la Suède et de la Finlande".
CANDIDACY_NOUNS = r"(?:adhésion|entrée|candidature|intégration|demandes? d'adhésion|ratification de l'adhésion)"
# Aggregates: "28 Etats membres - sur trente - ont ratifié".
_NUMBER = r"(?:\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
AGGREGATE = re.compile(
    # "28 des 30 pays membres", "28 sur 30 alliés"
    r"(?i)\b(?P<n>" + _NUMBER + r")\s+(?:des|sur)\s+(?P<of>" + _NUMBER + r")\s+(?:États|Etats|pays|alliés|membres)\b"
    r"|\b(?P<n2>\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\s+"
    r"(?:des\s+)?(?:États|Etats|pays|alliés|membres)(?:\s+membres)?"
    r"(?:\s*[-–—,(]?\s*sur\s+(?P<of2>\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\s*[-–—,)]?)?")
# Acting bodies: "le Parlement turc", "le président hongrois".
BODIES = {"parlement": "parliament", "parlements": "parliament", "assemblée": "parliament",
          "président": "president", "présidente": "president", "gouvernement": "government",
          "gouvernements": "government", "sénat": "parliament", "députés": "parliament"}

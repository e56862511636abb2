"""The ratification extractor: statuses from the verb group, actors from the
subject, the agent or a relative's antecedent, candidates from membership
nouns or the sentences before, aggregates with French numbers."""
import pytest

from extract.ratifications import french_number


def facts(rows):
    return {(r["country_id"] and r["country_id"][8:], r["candidate_id"][8:], r["status"], r["n_countries"])
            for r in rows["ratifications"]}


@pytest.mark.parametrize("text, value", [
    ("28", 28), ("vingt-huit", 28), ("trente et un", 31), ("trente-et-un", 31), ("trente-deux", 32),
    ("quarante-deux", 42), ("soixante-dix-sept", 77), ("quatre-vingts", 80), ("quatre-vingt-onze", 91),
    ("Vingt-neuf", 29), ("pays", None), ("", None),
])
def test_french_numbers_up_to_99(text, value):
    assert french_number(text) == value


@pytest.mark.parametrize("text, expected", [
    ("La Turquie a approuvé jeudi l'adhésion de la Finlande.", ("TR", "FI", "ratified", None)),
    ("Le parlement hongrois a voté pour l'adhésion de la Suède.", ("HU", "SE", "ratified", None)),
    ("Budapest n'a toujours pas approuvé l'adhésion suédoise.", ("HU", "SE", "pending", None)),
    ("Les députés hongrois devraient approuver l'adhésion de la Suède.", ("HU", "SE", "possible", None)),
    ("Le Parlement turc a refusé de ratifier l'adhésion de la Suède.", ("TR", "SE", "blocked", None)),
    ("La Turquie a levé son veto à l'adhésion de la Finlande.", ("TR", "FI", "possible", None)),
    ("L'adhésion de la Suède a été ratifiée par la Hongrie lundi.", ("HU", "SE", "ratified", None)),
    ("La Hongrie est devenue le dernier pays à ratifier l'adhésion de la Suède.", ("HU", "SE", "ratified", None)),
    ("Quarante-deux parlements ont voté en faveur de l'adhésion de la Finlande.", (None, "FI", "ratified", 42)),
    ("La Finlande est devenue mardi le 31e membre de l'OTAN.", ("FI", "FI", "joined", None)),
    ("La Géorgie a officiellement demandé à rejoindre l'OTAN.", ("GE", "GE", "applied", None)),
])
def test_one_step(analyse, text, expected):
    assert expected in facts(analyse(text))


def test_candidate_from_earlier_sentence(analyse):
    rows = analyse("L'adhésion de la Finlande est acquise. Celle de la Suède reste bloquée par Ankara. "
                   "La Hongrie doit encore se prononcer sur son adhésion.")
    assert {("TR", "SE", "blocked", None), ("HU", "SE", "pending", None)} <= facts(rows)


def test_pronoun_subject_is_the_last_actor(analyse):
    rows = analyse("Si la Hongrie a approuvé l'adhésion de la Finlande lundi, "
                   "elle doit encore se prononcer sur celle de la Suède.")
    assert {("HU", "FI", "ratified", None), ("HU", "SE", "pending", None)} <= facts(rows)


@pytest.mark.parametrize("text", [
    "La Croatie a ratifié son adhésion à l'Union européenne en 2012.",
    "Le député a annoncé son adhésion au parti présidentiel.",
    "Le Parlement turc a ratifié l'accord de Paris sur le climat.",
    "La Hongrie ratifiera-t-elle l'adhésion de la Suède avant l'été ?",
    "Stoltenberg appelle la Hongrie à ratifier sans tarder l'adhésion de la Suède.",
    "Le gouvernement a approuvé l'entrée en vigueur de la réforme des retraites.",
    "La Suède espère rejoindre l'OTAN avant le sommet de Vilnius.",
    "Si la Hongrie ratifiait l'adhésion de la Suède, l'Alliance compterait 32 membres.",
    "L'opposition de la Turquie au projet de gazoduc inquiète Bruxelles.",
    "La France adhère à l'Alliance bolivarienne depuis 2019.",
    "Les Vingt-Sept ont approuvé l'ouverture des négociations d'adhésion avec l'Ukraine.",
])
def test_no_step(analyse, text):
    assert analyse(text)["ratifications"] == []


def test_a_transitive_verb_needs_an_object(analyse):
    rows = analyse("La Finlande a rejoint l'Otan. Paris a approuvé jeudi. La Hongrie doit encore ratifier.")
    assert facts(rows) == {("FI", "FI", "joined", None), ("HU", "FI", "pending", None)}

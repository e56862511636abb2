"""Meetings through the whole extraction: one meeting for every mention of
it, its status, and the publication date that resolves its weekday. Texts
written for the tests, not taken from any article."""
import pytest


@pytest.fixture
def run(nlp):
    from extract.pipeline import extract_article, prepare
    from extract.reader import RawArticle

    def analyse(text, date=None, url=None):
        raw = RawArticle(id="t", file="t.txt", text=text, date=date, url=url)
        clean = prepare(raw)
        return extract_article(raw, clean, nlp(clean.body))

    return analyse


def facts(rows):
    places = {p["id"]: p["name"] for p in rows["places"]}
    return [(m["kind"], places.get(m["place_id"]), m["date_start"], m["status"]) for m in rows["meetings"]]


@pytest.mark.parametrize("text", [
    # a named summit, then "le sommet", then the city again
    "Le sommet de l'OTAN se tiendra les 11 et 12 juillet à Vilnius. Le sommet devra trancher la question "
    "ukrainienne. À Vilnius, les dirigeants adopteront aussi de nouveaux plans lors de ce sommet.",
    # leaders gathering, then the summit they hold, then its name
    "Les dirigeants de l'Alliance se retrouveront à Vilnius les 11 et 12 juillet pour un sommet. "
    "Le sommet de Vilnius doit aussi accueillir le président ukrainien.",
])
def test_one_summit_mentioned_three_times(run, text):
    assert facts(run(text, date="2023-04-20")) == [("summit", "Vilnius", "2023-07-11", "planned")]


def test_a_date_and_a_place_in_two_sentences_make_one_meeting(run):
    rows = run("Lors de la réunion de mardi, les alliés ont discuté des munitions. "
               "La réunion s'est tenue à Bruxelles.", date="2023-04-20")
    assert facts(rows) == [("meeting", "Bruxelles", "2023-04-18", "held")]


def test_two_meetings_stay_two(run):
    rows = run("Les ministres se réuniront mardi à Bruxelles, avant le sommet de Vilnius en juillet.",
               date="2023-04-20")
    assert sorted(facts(rows)) == [("meeting", "Bruxelles", "2023-04-25", "planned"),
                                   ("summit", "Vilnius", "2023-07", "planned")]


def test_plural_talks_without_place_are_no_meeting(run):
    assert run("Les discussions sur l'élargissement avaient commencé en 2005.", date="2023-04-20")["meetings"] == []


@pytest.mark.parametrize("text, status", [
    ("La réunion prévue lundi à Genève a été annulée.", "cancelled"),
    ("Le président a annulé sa visite à Varsovie.", "cancelled"),
    ("Le sommet, qui devait avoir lieu à Pékin, a été reporté.", "postponed"),
    ("Le sommet de Vilnius s'est ouvert mardi. Le sommet doit permettre d'adopter un plan.", "held"),
])
def test_status(run, text, status):
    assert [m["status"] for m in run(text, date="2023-07-12")["meetings"]] == [status]


def test_postponed_meeting_takes_its_new_date(run):
    rows = run("Le sommet européen qui devait se tenir les 24 et 25 septembre à Bruxelles a été reporté à début octobre.",
               date="2020-09-22")
    assert facts(rows) == [("summit", "Bruxelles", "2020-10", "postponed")]


def test_weekday_from_the_url_date(run):
    rows = run("Le secrétaire général a rencontré jeudi à Bruxelles le ministre finlandais.",
               url="https://www.example.fr/monde/2022/04/07/otan.html")
    assert rows["articles"][0]["published"] == "2022-04-07" and rows["articles"][0]["published_method"] == "url"
    assert facts(rows) == [("meeting", "Bruxelles", "2022-04-07", "held")]


def test_a_trip_to_two_places_is_two_visits(run):
    rows = run("Le ministre s'est rendu lundi à Athènes et à Ankara.", date="2023-04-20")
    assert sorted(facts(rows)) == [("visit", "Ankara", "2023-04-17", "held"), ("visit", "Athènes", "2023-04-17", "held")]


def test_members_deciding_in_a_city_gather_there(run):
    rows = run("Les pays de l'Otan vont décider à Madrid de renforcer leurs troupes.")
    assert facts(rows) == [("summit", "Madrid", None, "planned")]
    assert run("Les alliés livrent des armes à l'Ukraine.")["meetings"] == []


@pytest.mark.parametrize("text", [
    "Le joueur est au sommet de sa carrière.",
    "Dans un entretien au Monde, le ministre a défendu sa réforme.",
    "Le président a eu un entretien téléphonique avec son homologue.",
    "Des milliers de manifestants se sont réunis devant le Parlement.",
    "Le député de La Réunion a interpellé le gouvernement.",
    "Il n'a jamais reçu le président turc.",
    "Aucune réunion n'est prévue à Bruxelles.",
    "Le Conseil de sécurité de l'ONU est paralysé.",
])
def test_no_meeting(run, text):
    assert run(text, date="2023-04-20")["meetings"] == []


def test_an_article_about_one_summit_gives_one_summit(run):
    text = ("Les dirigeants des pays de l'OTAN se retrouvent mardi et mercredi à Vilnius pour un sommet consacré à l'Ukraine.\n\n"
            "Avant le sommet, le président turc a levé son opposition à l'entrée de la Suède, a annoncé lundi soir "
            "le secrétaire général lors d'une conférence de presse.\n\n"
            "Au sommet de Vilnius, les alliés doivent aussi s'entendre sur les dépenses militaires. "
            "Les discussions sur l'adhésion de l'Ukraine, ouvertes en 2005, restent bloquées.")
    rows = run(text, url="https://www.example.fr/monde/2023/07/10/otan-vilnius.html")
    assert sorted(facts(rows), key=str) == [("press_conference", None, "2023-07-10", "held"),
                                            ("summit", "Vilnius", "2023-07-11", "planned")]
    summit = next(m for m in rows["meetings"] if m["kind"] == "summit")
    assert summit["date_end"] == "2023-07-12"


def test_same_day_mentions_are_one_meeting(run):
    rows = run("Les négociations devaient aboutir vendredi avec une réunion du comité national. "
               "La réunion de clôture, prévue vendredi, a été reportée.", date="2020-07-02")
    assert facts(rows) == [("meeting", None, "2020-07-03", "postponed")]


def test_a_word_opening_a_longer_name_titles_and_acronyms_are_no_town():
    from extract.nlp import load_nlp
    from extract.places import find_places

    nlp = load_nlp()
    found = lambda text: [m.place.name for m in find_places(nlp(text))]
    assert found("Le président a passé la journée au Salon de l'Agriculture samedi.") == []
    assert found("Le Premier ministre s'est rendu à Pearl Harbor fin 2016.") == []
    assert found("Le bureau de La République en Marche se réunit jeudi.") == []
    assert found("Une réunion avec Mme Le Pen et l'OMS.") == []
    assert found("Il est arrivé à Berlin Angela Merkel l'attendait.") == ["Berlin"]


def events_of(tmp_path, meetings, published="2023-07-12"):
    """resolve_events over meetings given as (id, kind, place_id, date_start, name)."""
    from extract import db as store

    db = store.open_db(tmp_path / "events.db")
    db["articles"].insert_all([{"id": f"a-{m[0]}", "published": published} for m in meetings], pk="id")
    db["places"].insert_all([{"id": p, "name": p} for p in {m[2] for m in meetings if m[2]}], pk="id")
    db["meetings"].insert_all([{"id": i, "article_id": f"a-{i}", "kind": kind, "place_id": place, "date_start": date,
                                "name": name, "status": "held"} for i, kind, place, date, name in meetings], pk="id")
    store.resolve_events(db)
    return {row["id"]: row["event_id"] for row in db["meetings"].rows}


def test_an_undated_meeting_joins_the_one_dated_event_of_its_kind_and_place(tmp_path):
    events = events_of(tmp_path, [("m1", "summit", "city:vilnius", "2023-07-11", None),
                                  ("m2", "summit", "city:vilnius", None, None),
                                  ("m3", "meeting", "city:vilnius", None, None),      # another kind
                                  ("m4", "summit", "city:madrid", None, None)])       # another place
    assert events["m1"] == events["m2"]
    assert len({events["m1"], events["m3"], events["m4"]}) == 3


def test_an_undated_meeting_stays_apart_when_the_rest_does_not_agree(tmp_path):
    two_dates = events_of(tmp_path, [("m1", "summit", "city:bruxelles", "2023-07-11", None),
                                     ("m2", "summit", "city:bruxelles", "2023-12-01", None),
                                     ("m3", "summit", "city:bruxelles", None, None)])
    assert two_dates["m3"] not in (two_dates["m1"], two_dates["m2"])


def test_an_undated_meeting_years_away_stays_apart(tmp_path):
    events = events_of(tmp_path, [("m1", "summit", "city:vilnius", "2018-07-11", None),
                                  ("m2", "summit", "city:vilnius", None, None)], published="2023-07-12")
    assert events["m1"] != events["m2"]

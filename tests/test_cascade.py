"""The cascade (extract.nlp.CueParse, extract.cues): entities on every
sentence, the tagger and parser only where a fact may be."""
from pathlib import Path

import pytest

from extract.nlp import load_nlp, parsed


def sentences(nlp, text):
    doc = nlp(text)
    return doc, [(s.text.strip(), parsed(s)) for s in doc.sents]


@pytest.mark.parametrize("sentence", [
    "« Nous sommes prêts », a-t-il répondu.",                  # a quotation mark
    "Le ministre estime que la situation reste grave.",        # a person noun, a speech verb
    "Les discussions ont repris selon un diplomate.",          # "selon"
    "D'après Ankara, rien n'est décidé.",                      # "d'après"
    "La situation a été évoquée lors du sommet.",              # a meeting noun
    "Les délégations se sont réunies jusqu'au soir.",          # a gathering verb
    "L'opposition a admis sa défaite sans attendre.",          # an irregular participle (admettre)
    "Le gouvernement relève une hausse des prix.",             # a verb the lookup reads as a noun (relever)
    "Josep Ferrer a longuement hésité.",                       # a person's name (PER)
    "M. Ferrer a rejeté ces accusations.",                     # a courtesy title
])
def test_a_sentence_with_a_cue_is_parsed(nlp, sentence):
    doc, found = sentences(nlp, "Il pleuvait sur la ville. " + sentence)
    assert found[0] == ("Il pleuvait sur la ville.", False)
    assert found[1] == (sentence, True)
    second = list(doc.sents)[1]
    assert second.root.dep_ == "ROOT" and all(t.pos_ for t in second)
    assert all(t.head in second for t in second)  # heads stay within their sentence


def test_a_sentence_without_a_cue_keeps_its_bounds_and_entities(nlp):
    doc, found = sentences(nlp, "Les vendanges ont commencé en Bourgogne. Le raisin est mûr et sucré.")
    assert found == [("Les vendanges ont commencé en Bourgogne.", False), ("Le raisin est mûr et sucré.", False)]
    assert [(e.text, e.label_) for e in doc.ents] == [("Bourgogne", "LOC")]
    assert not any(t.dep_ or t.pos_ for t in doc)


def test_membership_words_count_only_in_an_article_about_nato(nlp):
    budget = "Le Parlement a approuvé le texte mardi."
    assert sentences(nlp, "Il pleuvait. " + budget)[1][1] == (budget, False)
    _, found = sentences(nlp, "La Suède veut rejoindre l'Otan. " + budget)
    assert found[1] == (budget, True)  # "approuver" may ratify an accession named before


def test_a_visit_verb_is_a_cue_only_with_a_place(nlp):
    _, found = sentences(nlp, "Le débat va se rendre compte du retard. Le ministre va se rendre à Berlin.")
    assert found[0][1] is False and found[1][1] is True


def test_every_sentence_parses_all_and_finds_the_same_facts(analyse):
    """The same statement, speaker and meeting with and without the cascade."""
    import extract.nlp
    from extract.pipeline import extract_article, prepare
    from extract.reader import RawArticle

    text = ("Il pleuvait sur Bruxelles mardi. Les ministres de la Défense de l'Otan se sont réunis à "
            "Bruxelles mardi. « Nous restons unis », a déclaré Jens Stoltenberg. La journée a été longue.")
    raw = RawArticle(id="t", file="t.txt", text=text, date="2023-02-14")
    clean = prepare(raw)
    cascade = extract_article(raw, clean, load_nlp()(clean.body))
    everything = extract_article(raw, clean, load_nlp(every_sentence=True)(clean.body))
    assert [s["parsed"] for s in cascade["sentences"]] == [0, 1, 1, 0]
    assert [s["parsed"] for s in everything["sentences"]] == [1, 1, 1, 1]
    for table in ("statements", "meetings", "mentions", "place_mentions"):
        assert cascade[table] == everything[table], table
    assert cascade["statements"][0]["speaker_text"] == "Jens Stoltenberg"
    assert extract.nlp.load_nlp() is not extract.nlp.load_nlp(every_sentence=True)


def test_the_build_records_which_sentences_were_parsed(db):
    counts = dict(db.execute("select parsed, count(*) from sentences group by parsed").fetchall())
    assert counts[1] > counts.get(0, 0) > 0
    # Every fact comes from a parsed sentence.
    for table in ("statements", "meetings", "ratifications"):
        assert db.execute(f"select count(*) from {table} t join sentences s on s.id = t.sentence_id "
                          "where s.parsed = 0").fetchone()[0] == 0


def test_speed_settings_keep_the_annotations(nlp):
    """OpenBLAS on one thread, the lemmatizer's index as sets: set, and the
    lemmas the same as the lookups give."""
    from thinc.api import NumpyOps

    assert isinstance(nlp.get_pipe("tok2vec").model.ops, NumpyOps)
    assert nlp.get_pipe("tok2vec").model.ops.use_blis is False
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert all(isinstance(words, frozenset) for words in table.values())
    doc = nlp("« Les députés ont ratifié les protocoles », a déclaré la présidente.")
    assert {t.text: t.lemma_ for t in doc}["ratifié"] == "ratifier"
    assert {t.text: t.lemma_ for t in doc}["déclaré"] == "déclarer"


def test_no_work_is_repeated_per_extractor(nlp, monkeypatch):
    """Countries are found once per article and paragraphs, quotations and
    sentence bounds segmented once, whatever the extractors need of them."""
    import extract.article
    import extract.nlp
    import extract.places
    from extract.pipeline import extract_article, prepare
    from extract.reader import RawArticle

    calls = {"countries": 0, "segment": 0}

    def counting(name, real):
        def wrapper(*args, **kwargs):
            calls[name] += 1
            return real(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(extract.article, "find_countries", counting("countries", extract.places.find_countries))
    monkeypatch.setattr(extract.places, "find_countries", counting("countries", extract.places.find_countries))
    monkeypatch.setattr(extract.nlp, "segment", counting("segment", extract.nlp.segment))
    monkeypatch.setattr(extract.article, "segment", counting("segment", extract.article.segment))
    text = ("Les ministres de la Défense de la Suède, de la Finlande et de la Norvège se sont réunis mardi à Oslo.\n\n"
            "« La Turquie doit ratifier l'adhésion de la Suède », a déclaré le ministre suédois.")
    raw = RawArticle(id="t", file="t.txt", text=text, date="2023-02-14")
    clean = prepare(raw)
    rows = extract_article(raw, clean, nlp(clean.body))
    assert calls == {"countries": 1, "segment": 1}
    assert rows["meetings"] and rows["statements"] and rows["ratifications"]
    assert {p["country_id"] for p in rows["meeting_participants"]} >= {"country:SE", "country:FI", "country:NO"}


def test_the_model_is_loaded_once_per_process_however_it_is_asked_for():
    from extract.nlp import chunk_size, load_nlp, parse

    list(parse(["Il a dit « oui »."], 1))
    assert load_nlp() is load_nlp(False) is load_nlp(every_sentence=False)
    assert chunk_size(load_nlp(True)) == chunk_size()


def test_parse_all_loads_one_pipeline(tmp_path):
    """--parse all loads its pipeline, and no other (a second one cost 300 MB)."""
    import subprocess
    import sys

    code = ("import extract.nlp as n; from extract.build import build; "
            "build(['seeds'], sys.argv[1], every_sentence=True); print(n._pipeline.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", "import sys; " + code, str(tmp_path / "all.db")],
                         capture_output=True, text=True, check=True, cwd=Path(__file__).parent.parent)
    assert out.stdout.split()[-1] == "1"


def test_a_long_article_parsed_in_pieces_keeps_every_sentence(nlp, monkeypatch):
    """Joining the pieces of a long body keeps the bounds of the sentences
    the cascade did not parse (the join sets bounds from the parse)."""
    import extract.nlp
    from extract.segment import sentence_spans

    monkeypatch.setattr(nlp, "max_length", 2000)
    text = ("Il pleuvait sur la ville ce matin-là. Le marché était désert.\n\n"
            "« Nous restons prêts », a déclaré Jens Stoltenberg.\n\n") * 40
    doc = extract.nlp.parse_one(text)
    assert len(text) > 2 * extract.nlp.chunk_size()
    assert [(s.start_char, s.start_char + len(s.text.rstrip())) for s in doc.sents] == sentence_spans(text)
    assert [parsed(s) for s in doc.sents] == [False, False, True] * 40
    assert [e.text for e in doc.ents].count("Jens Stoltenberg") == 40


def test_the_gazetteer_is_read_back_from_its_cache(tmp_path, monkeypatch):
    """What _cities makes of GeoNames is kept whole and read back, and made
    again when the cache is unreadable."""
    import extract.places as places

    monkeypatch.setattr(places, "CACHE", tmp_path)
    places._cities.cache_clear()
    try:
        made = places._cities()
        assert [p.name for p in tmp_path.iterdir()] == [f"cities-{places._cities_key()}.pickle"]
        places._cities.cache_clear()
        real = places._cities_from_geonames
        monkeypatch.setattr(places, "_cities_from_geonames", lambda: pytest.fail("GeoNames read again"))
        assert places._cities() == made
        next(tmp_path.iterdir()).write_bytes(b"not a pickle")
        places._cities.cache_clear()
        monkeypatch.setattr(places, "_cities_from_geonames", real)
        assert places._cities() == made
        assert places.lookup("Vilnius").kind in ("city", "country") and places.lookup("Oslo") is not None
    finally:
        places._cities.cache_clear()

"""Every stored offset points into the stored body."""


def test_offsets_point_into_the_body(db):
    bodies = {row["id"]: row["body"] for row in db["articles"].rows}
    for row in db["sentences"].rows:
        assert bodies[row["article_id"]][row["start"]:row["end"]] == row["text"]
    for row in db["mentions"].rows:
        assert bodies[row["article_id"]][row["start"]:row["end"]] == row["text"]
    for row in db["statements"].rows:
        assert bodies[row["article_id"]][row["start"]:row["end"]].strip() == row["quote"]
    for row in db["place_mentions"].rows:
        assert bodies[row["article_id"]][row["start"]:row["end"]] == row["text"]
    for row in db["meeting_mentions"].rows:
        assert bodies[row["article_id"]][row["start"]:row["end"]] == row["text"]
    for row in db["ratifications"].rows:
        assert bodies[row["article_id"]][row["start"]:row["end"]] == row["text"]


def test_every_fact_has_its_sentence(db):
    sentences = {row["id"]: row for row in db["sentences"].rows}
    for table in ("statements", "meetings", "ratifications", "mentions"):
        for row in db[table].rows:
            sentence = sentences[row["sentence_id"]]
            assert sentence["article_id"] == row["article_id"]
            assert sentence["start"] <= row["start"] < max(sentence["end"], sentence["start"] + 1)


def test_removed_text_produces_no_fact(db):
    """The "Lire aussi" headline about New Caledonia is not article text."""
    assert not list(db.query("select * from sentences where text like '%Calédonie%'"))
    assert not list(db.query("select * from place_mentions where text like '%Calédonie%' or text = 'Karaj'"))


def test_sentences_end_at_their_last_character(db):
    """No blank lines after a sentence: they showed inside CSV cells."""
    texts = [row["text"] for row in db["sentences"].rows]
    assert texts and all(text == text.strip() for text in texts)

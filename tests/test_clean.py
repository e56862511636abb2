"""The cleaner: boilerplate out, fields found, text normalised."""
from extract.clean import clean_article, normalise_text, pair_guillemets
from conftest import SEEDS


def seed(name):
    return next(SEEDS.glob(f"{name}_*.txt")).read_text(encoding="utf-8")


def test_web_page_furniture_is_removed():
    clean = clean_article(seed("002"))
    for furniture in ["Accueil", "Lire aussi", "Nouvelle-Calédonie", "Article précédent", "Article suivant",
                      "Benoit Doppagne", "Suivez en direct", "Cinktank.com"]:
        assert furniture not in clean.body
    assert not clean.body.startswith("0")
    assert clean.source == "Cinktank.com"
    assert clean.dateline_place == "Bruxelles" and clean.dateline_date == "15 Mar."
    assert any("Doppagne" in credit for credit in clean.credits)


def test_generator_prompts_and_byline_are_removed():
    clean = clean_article(seed("001"))
    assert "seo compatible" not in clean.body and "Customize" not in clean.body
    assert "Source link" not in clean.body and "Edited by" not in clean.body
    assert clean.byline == "Alice Taylor"
    assert clean.body.startswith("Lors d'une visite inattendue")


def test_counters_and_teasers_of_another_site():
    clean = clean_article(seed("003"))
    assert "\n41\n" not in clean.body and "Crise des migrants" not in clean.body
    assert "Bitcoin" not in clean.body and "portes de l'enfer" not in clean.body
    assert clean.body.startswith("Le secrétaire général de l'OTAN")


def test_lead_list_keeps_every_line():
    clean = clean_article(seed("000"))
    assert clean.title is None
    assert clean.body.count("\n\n") == 15


def test_normalisation():
    assert normalise_text("l’OTAN\u00a0« « Oui » »") == "l'OTAN « Oui »"
    # Reversed and mismatched guillemets become a pair.
    assert pair_guillemets("» L'OTAN continue « , a ajouté") == "« L'OTAN continue », a ajouté"
    assert pair_guillemets("« Je convoque « , a déclaré") == "« Je convoque », a déclaré"
    # Paragraphs glued by a scraper are split again.
    assert normalise_text("une réforme britannique.Le Sénat a voté") == "une réforme britannique.\n\nLe Sénat a voté"
    assert normalise_text("M.Macron") == "M.Macron"


def test_other_sites_teasers_look_alike():
    text = ("Accueil > Monde > Europe\n\nTitre de l'article\n\n"
            "Le ministre a parlé.\n\nA lire aussi : Un autre sujet sans rapport\n\n"
            "Photo : AFP\n\n12 commentaires\n\nPartager sur Facebook\n\nLa suite du texte.")
    clean = clean_article(text)
    assert clean.title == "Titre de l'article"
    assert clean.body == "Le ministre a parlé.\n\nLa suite du texte."


def test_generator_instructions_of_any_wording():
    clean = clean_article("Rewrite this headline: La Suède rejoint l'OTAN\n\nLe texte de l'article.")
    assert clean.title == "La Suède rejoint l'OTAN" and clean.body == "Le texte de l'article."


def test_english_instructions_to_a_text_generator_are_removed():
    from extract.clean import clean_article

    text = ("Le sommet s'ouvre mardi à Madrid.\n\nPlease rewrite this in French and add at least 300 words\n\n"
            "« We stand with you », a écrit le président sur Twitter.\n\nThe Economist publie une enquête.")
    clean = clean_article(text)
    assert "Please rewrite" not in clean.body
    assert ("boilerplate", "Please rewrite this in French and add at least 300 words") in clean.removed
    # An English quotation and a French line with an English name stay.
    assert "We stand with you" in clean.body and "The Economist publie" in clean.body


def test_glued_intertitles_and_capital_headings_are_removed():
    from extract.clean import clean_article

    clean = clean_article("Le ministre a parlé.- \"Dialogue franc\" -Pour le président, rien ne change. "
                          "La séance est levée. UN VOTE SANS SURPRISELe texte est adopté.")
    assert "Dialogue franc" not in clean.body and "SANS SURPRISE" not in clean.body
    assert "Pour le président, rien ne change." in clean.body and "Le texte est adopté." in clean.body


def test_lone_surrogates_are_removed():
    # A JSON line may carry "\ud800": no UTF-8 text, and the tokenizer cannot hash it.
    from extract.clean import clean_article

    assert clean_article("Le sommet\ud800 s'ouvre.").body == "Le sommet s'ouvre."


def test_glued_paragraphs_before_a_courtesy_title_are_split():
    from extract.clean import clean_article

    body = clean_article("Le ministre a parlé pendant une heure, a-t-il dit.M. Ozols a ensuite quitté la salle.").body
    assert "a-t-il dit.\n\nM. Ozols a ensuite" in body


def test_a_quoted_heading_glued_to_the_next_quotation_is_removed():
    from extract.clean import clean_article

    clean = clean_article('Le procureur a reçu des plaintes.\n\n"Mise en danger d\'autrui""Ces plaintes viennent de partout", '
                          'a-t-il expliqué.')
    assert "Mise en danger" not in clean.body and "Ces plaintes viennent de partout" in clean.body
    assert ("heading", '"Mise en danger d\'autrui"') in clean.removed

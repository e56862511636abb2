"""fold(text): text compared without case or accents, for the canned queries that take a name.

SQLite's like folds ASCII case only, so "stoltenberg" found "Stoltenberg" but
"Erdoğan" did not find "Erdogan", nor "ORBÁN" "Orbán". The statements'
full-text index folds accents itself (remove_diacritics); names and aliases
are compared with fold(name) like '%' || fold(:person) || '%'.
"""
import unicodedata

from datasette import hookimpl

# Letters NFKD does not decompose into a base letter and an accent.
LETTERS = str.maketrans({"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ı": "i",
                         "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "’": "'", "‘": "'"})


def fold(text):
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", str(text).translate(LETTERS))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


@hookimpl
def prepare_connection(conn):
    conn.create_function("fold", 1, fold, deterministic=True)

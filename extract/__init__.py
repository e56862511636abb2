"""nato-press-db extraction: read, clean, parse once, extract, write.

reader -> clean -> nlp (with segment) -> people, statements, meetings,
ratifications, dates, places -> pipeline (rows of one article) -> db (the
only module that touches SQLite), driven by build.
"""

"""Good and hostile inputs, written into a folder, each saying what the build
must make of it: the article ids it must build, or the (file, line) it must
name in `skipped`. Shared by the property test (tests/test_hostile_inputs.py)
and `make corpus-check`, which mixes 100 of them into the real corpus.

    python tests/hostile.py FOLDER [N]   # write N hostile inputs (default 100)
"""
import codecs
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

GOOD_TEXTS = [
    "« Nous restons unis face à la menace », a déclaré mardi le secrétaire général de l'Otan, Mark Rutte.",
    "Les ministres des Affaires étrangères de l'Alliance se réuniront jeudi à Bruxelles, a annoncé l'Otan.",
    "Le Parlement hongrois a ratifié lundi l'adhésion de la Suède à l'Otan, selon le président de l'assemblée.",
    "Selon la ministre finlandaise, « la sécurité de l'Europe du Nord se joue aussi en mer Baltique ».",
]
# Optional fields may be wrong: the article is built, the field left out with a note.
BAD_FIELDS = [{"date": "9999-99-99"}, {"date": "2023-02-30"}, {"title": 12}, {"url": ["x"]}, {"source": {}}]


@dataclass
class Expected:
    built: set = field(default_factory=set)      # article ids
    skipped: set = field(default_factory=set)    # (file name, line or 0)


def good(folder: Path, name: str, n: int, expected: Expected, kind: str = "txt") -> None:
    """One good article: plain UTF-8, UTF-16 or cp1252 text, or a JSONL line
    with a field that does not parse."""
    text = GOOD_TEXTS[n % len(GOOD_TEXTS)]
    if kind == "utf16":
        (folder / f"{name}.txt").write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    elif kind == "cp1252":
        (folder / f"{name}.txt").write_bytes(text.encode("cp1252"))
    elif kind == "jsonl":
        record = {"id": n, "text": text, **BAD_FIELDS[n % len(BAD_FIELDS)]}
        (folder / f"{name}.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
        expected.built.add(f"{name}-{n}")
        return
    else:
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    expected.built.add(name)


def _bytes(content):
    return content if isinstance(content, bytes) else content.encode("utf-8")


# Each hostile kind: (suffix, content) skipped at line 0 for whole files, at
# line 1 for a JSONL line; content may depend on max_bytes.
HOSTILE = {
    "empty": (".txt", lambda m: b""),
    "blank": (".txt", lambda m: b" \n\t\n  "),
    "binary": (".txt", lambda m: bytes(range(256)) * 16),
    "utf16_without_mark": (".txt", lambda m: GOOD_TEXTS[0].encode("utf-16-le")),
    "control_characters": (".txt", lambda m: ("\x01\x02\x03\x04 texte " * 50).encode()),
    "too_large": (".txt", lambda m: ("Le sommet de l'Otan. " * (m // 20 + 2)).encode()),
    "html_without_text": (".html", lambda m: b"<html><head><title>x</title></head><body><script>var a;</script></body></html>"),
    "jsonl_not_utf8": (".jsonl", lambda m: '{"text": "été"}'.encode("cp1252")),
    "jsonl_empty": (".jsonl", lambda m: b"\n\n"),
}
LINE_HOSTILE = {  # one line of a JSONL file that also holds good lines
    "malformed": '{"text": "Le sommet',
    "not_an_object": "[1, 2, 3]",
    "too_deep": "[" * 50_000 + "]" * 50_000,
    "no_text": '{"id": "x", "title": "Sans texte"}',
    "text_not_a_string": '{"text": ["Le", "sommet"]}',
    "bad_id": '{"id": {"a": 1}, "text": "Le sommet de l\'Otan."}',
}
HOSTILE_KINDS = sorted(HOSTILE) + ["broken_link", "duplicate_id"] + [f"line:{k}" for k in sorted(LINE_HOSTILE)]


def hostile(folder: Path, name: str, kind: str, expected: Expected, max_bytes: int) -> None:
    """One hostile input of kind, named name, and where it must be skipped."""
    if kind == "broken_link":
        (folder / f"{name}.txt").symlink_to(folder / f"{name}-nowhere.txt")
        expected.skipped.add((f"{name}.txt", 0))
    elif kind == "duplicate_id":  # two lines with one id: the second is skipped
        line = json.dumps({"id": "same", "text": GOOD_TEXTS[1]}, ensure_ascii=False)
        (folder / f"{name}.jsonl").write_text(f"{line}\n{line}\n", encoding="utf-8")
        expected.built.add(f"{name}-same")
        expected.skipped.add((f"{name}.jsonl", 2))
    elif kind.startswith("line:"):
        good_line = json.dumps({"id": "ok", "text": GOOD_TEXTS[2]}, ensure_ascii=False)
        (folder / f"{name}.jsonl").write_text(f"{good_line}\n{LINE_HOSTILE[kind[5:]]}\n", encoding="utf-8")
        expected.built.add(f"{name}-ok")
        expected.skipped.add((f"{name}.jsonl", 2))
    else:
        suffix, content = HOSTILE[kind]
        (folder / f"{name}{suffix}").write_bytes(_bytes(content(max_bytes)))
        expected.skipped.add((f"{name}{suffix}", 0))


def write_hostile(folder: Path, n: int = 100, max_bytes: int = 5 * 1024 * 1024) -> Expected:
    """n hostile inputs, every kind in turn, under folder (some in a sub-folder)."""
    expected = Expected()
    for i in range(n):
        kind = HOSTILE_KINDS[i % len(HOSTILE_KINDS)]
        where = folder / ("deeper" if i % 3 else "")
        where.mkdir(parents=True, exist_ok=True)
        hostile(where, f"hostile-{i:03d}-{kind.replace(':', '-')}", kind, expected, max_bytes)
    return expected


if __name__ == "__main__":
    target = Path(sys.argv[1])
    found = write_hostile(target, int(sys.argv[2]) if len(sys.argv) > 2 else 100)
    (target / ".expected.json").write_text(json.dumps({"built": sorted(found.built),
                                                       "skipped": sorted(map(list, found.skipped))}))
    print(f"{target}: {len(found.skipped)} inputs to skip, {len(found.built)} good lines among them", file=sys.stderr)

"""Read article files (.txt, .html/.htm, .jsonl) into raw articles.

Every input either becomes a RawArticle or a Skip that names the file (and
line) and the reason; nothing passes silently and nothing stops the build.
"""
import codecs
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional, Union

from charset_normalizer import from_bytes

SUFFIXES = {".txt", ".html", ".htm", ".jsonl"}
DEFAULT_MAX_BYTES = 5 * 1024 * 1024


@dataclass
class RawArticle:
    id: str
    file: str
    text: str
    encoding: str = "utf-8"
    title: Optional[str] = None
    url: Optional[str] = None
    date: Optional[str] = None
    source: Optional[str] = None
    line: Optional[int] = None
    is_html: bool = False
    extra: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)  # optional fields ignored, and why

    @property
    def sha256(self) -> str:
        meta = json.dumps([self.title, self.url, self.date, self.source], ensure_ascii=False)
        return hashlib.sha256((meta + "\n" + self.text).encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class Skip:
    path: str
    reason: str
    line: Optional[int] = None
    unread: bool = False  # nothing could be read there: what the database has from it stays


    def __str__(self):
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"


Item = Union[RawArticle, Skip]


class InputError(ValueError):
    """An input root that does not exist or cannot be read: the build stops
    before anything is touched (a typo must not empty a database)."""


def check_roots(paths) -> None:
    """Raise InputError unless every given file and folder can be read."""
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise InputError(f"{given}: no such file or folder")
        if not os.access(path, os.R_OK | (os.X_OK if path.is_dir() else 0)):
            raise InputError(f"{given}: cannot be read (permission denied)")


def walk(folder: Path) -> list:
    """Files under folder in sorted order, then a Skip for every folder that
    cannot be listed (Path.rglob passes over those without a word)."""
    errors, files = [], []
    for parent, _, names in os.walk(folder, onerror=errors.append):
        files += [Path(parent) / name for name in names]
    return sorted(files) + [Skip(error.filename, f"unreadable folder: {error.strerror or error}", unread=True)
                            for error in errors]


def find_inputs(paths) -> Iterator[Union[Path, Skip]]:
    """Files to read under the given files and folders, in a stable order."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for child in walk(path):
                if isinstance(child, Skip):
                    yield child
                    continue
                if child.suffix.lower() not in SUFFIXES or child.name.startswith("."):
                    continue
                # A dangling link or a special file is reported, not passed over.
                yield child if child.is_file() else Skip(str(child), "unreadable: not a regular file (broken link?)",
                                                         unread=True)
        elif path.is_file():
            yield path
        else:
            yield Skip(str(path), "no such file or folder", unread=True)


# Byte order marks, longest first (UTF-32 LE starts with the UTF-16 LE mark).
BOMS = [(codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]


def decode_bom(data: bytes) -> Optional[tuple[str, str]]:
    """Text and encoding of bytes that open with a byte order mark, else None:
    UTF-16 text is full of NUL bytes, so the mark is read before the binary test."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding.replace("-sig", "")
            except UnicodeDecodeError as error:
                raise ValueError(f"undecodable bytes: a {encoding} byte order mark, then {error.reason}")
    return None


def decode(data: bytes) -> tuple[str, str]:
    """Text and encoding of file bytes: byte order mark first, then the
    binary test, then UTF-8, then detection; raises ValueError for binary or
    undecodable data."""
    marked = decode_bom(data)
    if marked:
        return marked
    if b"\x00" in data[:8192]:
        raise ValueError("binary file (NUL bytes), not text")
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None or best.encoding is None:
            raise ValueError("undecodable bytes: not UTF-8 and no other encoding fits")
        text, encoding = str(best), best.encoding
    # Text with many control characters is binary data that happened to decode.
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > max(3, len(text) // 100):
        raise ValueError("binary file (control characters), not text")
    return text, encoding


def read_path(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Articles of one file, or Skips naming what is wrong with it."""
    name = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        yield Skip(name, f"unsupported file type {suffix or '(none)'}: expected .txt, .html, .htm or .jsonl")
        return
    try:
        size = path.stat().st_size
        if size > max_bytes and suffix != ".jsonl":
            yield Skip(name, f"file too large ({size} bytes > {max_bytes})")
            return
        data = path.read_bytes()
    except OSError as error:
        yield Skip(name, f"unreadable: {error.strerror or error}", unread=True)
        return
    if suffix == ".jsonl":
        yield from read_jsonl(path, data, max_bytes)
        return
    if not data.strip():
        yield Skip(name, "empty file")
        return
    try:
        text, encoding = decode(data)
    except ValueError as error:
        yield Skip(name, str(error))
        return
    if not text.strip():
        yield Skip(name, "empty file")
        return
    if suffix in (".html", ".htm"):
        yield from read_html(path, text, encoding)
        return
    yield RawArticle(id=path.stem, file=name, text=text, encoding=encoding)


def read_html(path: Path, html: str, encoding: str) -> Iterator[Item]:
    """Main text and metadata of a web page, with trafilatura."""
    try:
        import trafilatura  # inside the guard: a missing HTML library costs the page, not the build

        document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                               include_tables=False, favor_precision=True)
    except Exception as error:  # trafilatura raises many kinds on broken pages
        yield Skip(str(path), f"HTML could not be parsed: {type(error).__name__}: {error}")
        return
    if document is None:
        yield Skip(str(path), "HTML page has no main text")
        return
    meta = document if isinstance(document, dict) else document.as_dict()
    text = meta.get("text") or ""
    if not text.strip():
        yield Skip(str(path), "HTML page has no main text")
        return
    date, notes = meta.get("date"), []
    if date and not valid_date(date):
        notes.append(f"date {date!r} ignored: not a date")
        date = None
    yield RawArticle(id=path.stem, file=str(path), text=text, encoding=encoding,
                     title=meta.get("title"), url=meta.get("url"), date=date,
                     source=meta.get("sitename") or meta.get("hostname"), is_html=True, notes=notes)


def read_jsonl(path: Path, data: bytes, max_bytes: int) -> Iterator[Item]:
    """One article a line: "text" (or "article"), optional title, url, date, source, id."""
    name = str(path)
    try:
        content = (decode_bom(data) or (data.decode("utf-8"), "utf-8"))[0]
    except UnicodeDecodeError as error:
        yield Skip(name, f"undecodable bytes: JSONL must be UTF-8 ({error.reason} at byte {error.start})")
        return
    except ValueError as error:
        yield Skip(name, str(error))
        return
    if not content.strip():
        yield Skip(name, "empty file")
        return
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        if len(line) > max_bytes:
            yield Skip(name, f"line too large ({len(line)} characters > {max_bytes})", number)
            continue
        try:
            yield read_record(path, number, no_surrogates(json.loads(line)))
        except json.JSONDecodeError as error:
            yield Skip(name, f"malformed JSON: {error.msg} (column {error.colno})", number)
        except (ValueError, RecursionError) as error:  # nested too deep, or not an article
            yield Skip(name, f"malformed JSONL record: {str(error) or type(error).__name__}", number)


LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def no_surrogates(value):
    """JSON may escape half a character ("\\ud800"), which no UTF-8 text or
    SQLite column can hold: it becomes the replacement character."""
    if isinstance(value, str):
        return LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {no_surrogates(k): no_surrogates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [no_surrogates(v) for v in value]
    return value


def read_record(path: Path, number: int, record) -> Item:
    """The article of one JSONL record; optional fields that do not parse
    are left out with a note, the article kept."""
    name = str(path)
    if not isinstance(record, dict):
        return Skip(name, "malformed JSONL record: not an object", number)
    text = record.get("text") or record.get("article") or ""
    heading = record.get("heading")
    if heading and isinstance(heading, str) and isinstance(text, str) and not text.startswith(heading):
        text = heading.strip() + "\n\n" + text
    if not isinstance(text, str) or not text.strip():
        return Skip(name, "empty article: no text", number)
    ident = record.get("id")
    if isinstance(ident, (dict, list)):
        return Skip(name, "malformed JSONL record: id is not a string or a number", number)
    ident = str(ident) if ident not in (None, "") else str(number)
    notes = []
    fields = {key: optional(record, key, notes) for key in ("title", "url", "date", "source")}
    if fields["date"] and not valid_date(fields["date"]):
        notes.append(f"date {fields['date']!r} ignored: not a date (YYYY, YYYY-MM or YYYY-MM-DD...)")
        fields["date"] = None
    return RawArticle(id=f"{path.stem}-{ident}", file=name, text=text, line=number, notes=notes, **fields)


def optional(record: dict, key: str, notes: list) -> Optional[str]:
    """An optional text field, None when absent; other types are noted."""
    value = record.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        notes.append(f"{key} ignored: {type(value).__name__}, not text")
        return None
    return value


def valid_date(value: str) -> bool:
    """Whether a metadata date is a real date ("2023-02-30" is not)."""
    from .dates import date_from_metadata

    return date_from_metadata(value) is not None


def read_inputs(paths, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Every article and every skipped input under the given paths."""
    for found in find_inputs(paths):
        if isinstance(found, Skip):
            yield found
            continue
        try:
            yield from read_path(found, max_bytes)
        except Exception as error:  # one file's failure is named, and the build goes on
            yield Skip(str(found), f"could not be read: {type(error).__name__}: {error}", unread=True)

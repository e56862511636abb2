"""Read article files (.txt, .html/.htm, .jsonl) into raw articles.

Every input either becomes a RawArticle or a Skip that names the file (and
line) and the reason; nothing passes silently and nothing stops the build.
"""
import hashlib
import json
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

    @property
    def sha256(self) -> str:
        meta = json.dumps([self.title, self.url, self.date, self.source], ensure_ascii=False)
        return hashlib.sha256((meta + "\n" + self.text).encode("utf-8")).hexdigest()


@dataclass
class Skip:
    path: str
    reason: str
    line: Optional[int] = None

    def __str__(self):
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"


Item = Union[RawArticle, Skip]


def find_inputs(paths) -> Iterator[Union[Path, Skip]]:
    """Files to read under the given files and folders, in a stable order."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.suffix.lower() not in SUFFIXES or child.name.startswith(".") or child.is_dir():
                    continue
                # A dangling link or a special file is reported, not passed over.
                yield child if child.is_file() else Skip(str(child), "unreadable: not a regular file (broken link?)")
        elif path.is_file():
            yield path
        else:
            yield Skip(str(path), "no such file or folder")


def decode(data: bytes) -> tuple[str, str]:
    """Text and encoding of file bytes; raises ValueError for binary or undecodable data."""
    if b"\x00" in data[:8192]:
        raise ValueError("binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise ValueError("undecodable bytes: not UTF-8 and no other encoding fits")
    text = str(best)
    # Text with many control characters is binary data that happened to decode.
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > max(3, len(text) // 100):
        raise ValueError("binary file (control characters), not text")
    return text, best.encoding


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
        yield Skip(name, f"unreadable: {error.strerror or error}")
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
    import trafilatura

    try:
        document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                               include_tables=False, favor_precision=True)
    except Exception as error:  # trafilatura raises many kinds on broken pages
        yield Skip(str(path), f"HTML could not be parsed: {error}")
        return
    if document is None:
        yield Skip(str(path), "HTML page has no main text")
        return
    meta = document if isinstance(document, dict) else document.as_dict()
    text = meta.get("text") or ""
    if not text.strip():
        yield Skip(str(path), "HTML page has no main text")
        return
    yield RawArticle(id=path.stem, file=str(path), text=text, encoding=encoding,
                     title=meta.get("title"), url=meta.get("url"), date=meta.get("date"),
                     source=meta.get("sitename") or meta.get("hostname"), is_html=True)


def read_jsonl(path: Path, data: bytes, max_bytes: int) -> Iterator[Item]:
    """One article a line: "text" (or "article"), optional title, url, date, source, id."""
    name = str(path)
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        yield Skip(name, f"undecodable bytes: JSONL must be UTF-8 ({error.reason} at byte {error.start})")
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
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield Skip(name, f"malformed JSON: {error.msg} (column {error.colno})", number)
            continue
        if not isinstance(record, dict):
            yield Skip(name, "malformed JSONL record: not an object", number)
            continue
        text = record.get("text") or record.get("article") or ""
        heading = record.get("heading")
        if heading and isinstance(heading, str) and isinstance(text, str) and not text.startswith(heading):
            text = heading.strip() + "\n\n" + text
        if not isinstance(text, str) or not text.strip():
            yield Skip(name, "empty article: no text", number)
            continue
        ident = record.get("id")
        ident = str(ident) if ident not in (None, "") else str(number)
        yield RawArticle(
            id=f"{path.stem}-{ident}", file=name, text=text, line=number,
            title=_str(record.get("title")), url=_str(record.get("url")),
            date=_str(record.get("date")), source=_str(record.get("source")),
        )


def _str(value):
    return value if isinstance(value, str) and value.strip() else None


def read_inputs(paths, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Every article and every skipped input under the given paths."""
    for found in find_inputs(paths):
        if isinstance(found, Skip):
            yield found
        else:
            yield from read_path(found, max_bytes)

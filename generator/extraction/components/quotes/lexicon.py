"""The language data quotes need (``generator/data/<lang>/quotes.json``), loaded once per language."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ...language import language_dir



@dataclass(frozen=True)
class Lexicon:
    say_verbs: frozenset[str]  # attribute anywhere in the sentence of the quote
    near_verbs: frozenset[str]  # attribute only next to the quote marks
    separable: dict  # verb form -> particles that complete it ("voegde" -> {"toe"})
    source_markers: frozenset[str]  # "aldus", "volgens"
    statement_nouns: frozenset[str]  # "een verklaring van X": X is the source
    organisation_nouns: tuple[str, ...]  # "de krant", "het bedrijf" (also "techbedrijf"): an organisation named before
    anaphoric_cue_subjects: frozenset[str]  # "Dat" in "“…” Dat zegt X."
    passive_agent: str  # "werd door Jobs geloofd als …": the agent is the source
    context_cues: tuple[tuple[str, ...], ...]  # "klinkt het": the speaker comes from the context
    person_pronouns: frozenset[str]
    possessives: frozenset[str]
    subject_pronouns: frozenset[str]  # "hij", "zij": a person as the subject of a clause
    skip_words: frozenset[str]  # adverbs between a verb and its inverted subject
    np_stop_words: frozenset[str]  # words that end a speaker noun phrase
    clause_boundaries: frozenset[str]  # words that, after a comma, open a new clause
    determiners: frozenset[str]
    passive_auxiliaries: frozenset[str]
    naming: re.Pattern  # "worden … genoemd", "getiteld": a quoted name, not quoted speech
    marks: dict
    partial_max_words_without_cue: int
    elisions: frozenset[str] = frozenset()  # 's, 't, 'n, 'm, 'k, 'r: an apostrophe that elides, not a quote mark
    pronoun_gender: dict | None = None  # "hij" -> "m", "zij" -> "f"
    given_name_gender: dict | None = None  # "Marieke" -> "f": pronoun agreement with a speaker
    inverted_verb_endings: tuple[str, ...] = ()  # “…”, gilt ze: a finite verb inverted with its subject
    not_inverted_verbs: frozenset[str] = frozenset()
    np_prepositions: frozenset[str] = frozenset()  # "van", "uit": a noun phrase goes on after them
    number_ambiguous_pronouns: frozenset[str] = frozenset()  # "ze": "she" with a singular verb, else "they"
    singular_verb_endings: tuple[str, ...] = ()  # "verscheen": singular despite a plural ending
    plural_noun_endings: tuple[str, ...] = ()  # "Denen", "Surinamers": a group, not one person
    singular_noun_endings: tuple[str, ...] = ()  # "Chileen": singular despite a plural ending
    context_sentences: int = 4  # how many sentences back the speaker of a cue-less quote may be named
    lead_quote_sentences: int = 2  # how many sentences after a paragraph-opening quote may name its speaker
    lang: str = "nl"
    person_nouns: frozenset[str] = frozenset()  # "bewindsman", "winnaar": a person by role, beyond actors/roles.txt
    person_noun_patterns: re.Pattern | None = None  # "45-jarige", "amsterdammer": a person by age or origin
    age_noun_patterns: re.Pattern | None = None  # "24-jarige": a person by age only
    person_noun_tails: tuple[str, ...] = ()  # compounds: "vakbondsman", "sterspeler"
    role_prefixes: tuple[str, ...] = ()  # "oud-premier", "ex-minister": the role without the prefix
    spokesperson_nouns: frozenset[str] = frozenset()  # "een woordvoerder van X": X speaks
    unnamed_quantifiers: frozenset[str] = frozenset()  # "aldus veel ngo's": an unnamed group speaks
    description_reach: int = 400  # characters back "hij" may find "de dierenarts" as a sentence subject
    pronoun_subject_reach: int = 250  # characters back a pronoun prefers a subject to a later object
    role_reach: int = 1500  # characters back a bare "de premier" may find its person
    role_reach_with_complement: int = 250  # … and "de voorzitter van de jury"
    attributive_words: frozenset[str] = frozenset()  # after a mention: it is no modifier of a later head
    description_openers: frozenset[str] = frozenset()  # "de minister": a description, not a name
    # small words of the cue rules (cues.py; see "_cue_words" in quotes.json)
    cue_openers: frozenset[str] = frozenset()
    context_cue_links: frozenset[str] = frozenset()
    inverted_subject_words: frozenset[str] = frozenset()
    cue_perfect_auxiliaries: frozenset[str] = frozenset()
    perfect_say_verbs: frozenset[str] = frozenset()
    near_verb_complements: frozenset[str] = frozenset()
    reported_speech_openers: frozenset[str] = frozenset()
    indefinite_determiners: frozenset[str] = frozenset()  # "een woordvoerder": someone new, not a role named before
    statement_links: frozenset[str] = frozenset()  # "een verklaring van X": what joins statement and author
    naming_reach: int = 40  # characters around a quote a naming pattern must sit in
    naming_gap: int = 8  # … and at most this many characters from its marks
    predicative_verbs: frozenset[str] = frozenset()  # "X noemde het plan ‘onzinnig’": any distance in the clause
    speech_nouns: frozenset[str] = frozenset()  # "de woorden ‘…’": spoken words follow
    work_nouns: frozenset[str] = frozenset()  # "het nummer ‘…’": a title follows
    title_followers: frozenset[str] = frozenset()  # "‘…’ van X": a work and its creator
    relative_pronouns: frozenset[str] = frozenset()  # ", die …,": a relative clause inside the speaker's clause
    subordinators: frozenset[str] = frozenset()  # "Als Jansen …": the name after it is a subject
    coordinators: frozenset[str] = frozenset()  # "… en Jansen weet": a name opening a coordinated clause
    portfolio_links: frozenset[str] = frozenset()  # "eurocommissaris voor Mededinging X": role, link, portfolio
    role_equivalents: dict = None  # "de raadsman" -> {"advocaat", ...}: another word for a role the text gave
    phrase_closing_verbs: frozenset[str] = frozenset()  # "volgens de coach | moet het beter"
    experiencer_lead: re.Pattern | None = None  # "Dat is voor X geen troost": X's view follows
    prepositions: frozenset[str] = frozenset()  # "achter de burgemeester": a name inside a prepositional phrase
    plural_verb_ending: str = ""  # "zeggen analisten": a plural verb, a bare group as its subject
    cited_participles: frozenset[str] = frozenset()  # "werd X geciteerd door Y": X said it
    run_in_boundary: re.Pattern | None = None  # "… winkels Boze reacties De vereniging …": a sentence restarts
    source_marker_words: re.Pattern | None = None  # a source marker as a word, lowercase or capitalised
    quote_coordination: re.Pattern | None = None  # “…” en “…”: two quotes that share one cue

    def is_cue_verb(self, word: str) -> bool:
        return word in self.say_verbs or word in self.near_verbs or word in self.separable

    def is_work_noun(self, word: str) -> bool:
        """"programma", and a compound with it as its head ("televisieprogramma", "praatprogramma")."""
        return word in self.work_nouns or any(word.endswith(n) and len(word) > len(n) + 2 for n in self.work_nouns)


def load_lexicon(lang: str = "nl") -> Lexicon:
    """The quote word lists of ``generator/data/<lang>/``."""
    return read_lexicon(language_dir(lang), lang)


def data_files(folder: Path) -> list[str]:
    """The files :func:`read_lexicon` reads, relative to ``folder``: quotes.json and the given-names
    file it names."""
    data = json.loads((folder / "quotes.json").read_text(encoding="utf-8"))
    return ["quotes.json"] + ([data["given_names_file"]] if "given_names_file" in data else [])


@lru_cache(maxsize=4)
def read_lexicon(folder: Path, lang: str) -> Lexicon:
    """The quote word lists in ``folder`` (a language folder, or a pipeline's copy of its quote files)."""
    path = folder / "quotes.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    separable: dict[str, set[str]] = {}
    for verb, particle in data["separable_verbs"]:
        separable.setdefault(verb, set()).add(particle)
    return Lexicon(
        say_verbs=frozenset(data["say_verbs"]),
        near_verbs=frozenset(data["near_verbs"]),
        separable={k: frozenset(v) for k, v in separable.items()},
        source_markers=frozenset(data["source_markers"]),
        statement_nouns=frozenset(data["statement_nouns"]),
        organisation_nouns=tuple(data.get("organisation_nouns", ())),
        anaphoric_cue_subjects=frozenset(data.get("anaphoric_cue_subjects", ())),
        passive_agent=data["passive_agent"],
        context_cues=tuple(tuple(c) for c in data["context_cues"]),
        person_pronouns=frozenset(data["pronouns"]["person"]),
        possessives=frozenset(data["pronouns"].get("possessive", ())),
        subject_pronouns=frozenset(data["pronouns"].get("subject", ())),
        number_ambiguous_pronouns=frozenset(data["pronouns"].get("number_ambiguous", ())),
        singular_verb_endings=tuple(data["pronouns"].get("singular_verb_endings", ())),
        plural_noun_endings=tuple(data["pronouns"].get("plural_noun_endings", ())),
        singular_noun_endings=tuple(data["pronouns"].get("singular_noun_endings", ())),
        skip_words=frozenset(data["subject_skip_words"]),
        np_stop_words=frozenset(data["np_stop_words"]),
        clause_boundaries=frozenset(data["clause_boundaries"]),
        determiners=frozenset(data["determiners"]),
        passive_auxiliaries=frozenset(data["passive_auxiliaries"]),
        naming=re.compile("|".join(data["naming_patterns"]), re.I),
        marks=data["marks"],
        partial_max_words_without_cue=int(data["partial_max_words_without_cue"]),
        elisions=frozenset(data.get("elisions", ("s", "t", "n"))),
        pronoun_gender=dict(data["pronouns"].get("gender", {})),
        given_name_gender=_given_names(path.parent / data["given_names_file"]) if "given_names_file" in data else {},
        inverted_verb_endings=tuple(data.get("inverted_verb_endings", ())),
        not_inverted_verbs=frozenset(data.get("not_inverted_verbs", ())),
        context_sentences=int(data.get("context_sentences", 4)),
        lead_quote_sentences=int(data.get("lead_quote_sentences", 2)),
        np_prepositions=frozenset(data.get("np_prepositions", ())),
        lang=lang,
        person_nouns=frozenset(data.get("person_nouns", ())),
        person_noun_patterns=re.compile("|".join(data["person_noun_patterns"]))
        if data.get("person_noun_patterns") else None,
        age_noun_patterns=re.compile("|".join(data["age_noun_patterns"])) if data.get("age_noun_patterns") else None,
        person_noun_tails=tuple(data.get("person_noun_tails", ())),
        role_prefixes=tuple(data.get("role_prefixes", ())),
        spokesperson_nouns=frozenset(data.get("spokesperson_nouns", ())),
        unnamed_quantifiers=frozenset(data.get("unnamed_quantifiers", ())),
        pronoun_subject_reach=int(data.get("pronoun_subject_reach", 250)),
        description_reach=int(data.get("description_reach", 400)),
        role_reach=int(data.get("role_reach", 1500)),
        role_reach_with_complement=int(data.get("role_reach_with_complement", 250)),
        attributive_words=frozenset(data.get("attributive_words", ())),
        description_openers=frozenset(data.get("description_openers", ())),
        cue_openers=frozenset(data.get("cue_openers", ())),
        context_cue_links=frozenset(data.get("context_cue_links", ())),
        inverted_subject_words=frozenset(data.get("inverted_subject_words", ())),
        cue_perfect_auxiliaries=frozenset(data.get("cue_perfect_auxiliaries", ())),
        perfect_say_verbs=frozenset(data.get("perfect_say_verbs", ())),
        near_verb_complements=frozenset(data.get("near_verb_complements", ())),
        reported_speech_openers=frozenset(data.get("reported_speech_openers", ())),
        indefinite_determiners=frozenset(data.get("indefinite_determiners", ())),
        statement_links=frozenset(data.get("statement_links", ())),
        naming_reach=int(data.get("naming_reach", 40)),
        naming_gap=int(data.get("naming_gap", 8)),
        predicative_verbs=frozenset(data.get("predicative_verbs", ())),
        speech_nouns=frozenset(data.get("speech_nouns", ())),
        work_nouns=frozenset(data.get("work_nouns", ())),
        title_followers=frozenset(data.get("title_followers", ())),
        relative_pronouns=frozenset(data.get("relative_pronouns", ())),
        subordinators=frozenset(data.get("subordinators", ())),
        coordinators=frozenset(data.get("coordinators", ())),
        portfolio_links=frozenset(data.get("portfolio_links", ())),
        role_equivalents={k: frozenset(v) for k, v in data.get("role_equivalents", {}).items()},
        phrase_closing_verbs=frozenset(data.get("phrase_closing_verbs", ())),
        experiencer_lead=re.compile(data["experiencer_lead"]) if data.get("experiencer_lead") else None,
        prepositions=frozenset(data.get("prepositions", ())),
        plural_verb_ending=data.get("plural_verb_ending", ""),
        cited_participles=frozenset(data.get("cited_participles", ())),
        run_in_boundary=_run_in_boundary(data.get("run_in_openers", ())),
        source_marker_words=_as_words(data["source_markers"]),
        quote_coordination=re.compile(data["quote_coordination"]) if data.get("quote_coordination") else None,
    )


def _as_words(words) -> re.Pattern | None:
    """Any of ``words`` as a whole word, written lowercase or with a capital (a sentence may open with it)."""
    if not words:
        return None
    forms = list(words) + [w[:1].upper() + w[1:] for w in words]
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, forms)) + r")(?!\w)")


def _run_in_boundary(openers) -> re.Pattern | None:
    """Where a sentence restarts without punctuation: before an opener that sits between lowercase words."""
    if not openers:
        return None
    alternatives = "|".join(re.escape(o) for o in openers)
    return re.compile(rf"(?<=[a-zà-ÿ]) +(?=(?:{alternatives}) +[a-zà-ÿ])")


def _given_names(path: Path) -> dict[str, str]:
    """``name<TAB>f|m`` lines (``#`` comments) as a dict."""
    genders = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, gender = line.partition("\t")
            genders[name] = gender.strip()
    return genders

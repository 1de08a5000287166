"""From a speaker phrase to an actor id: names, role + name, role mentions, pronouns, context.

The actors component decides who exists (``doc._.actors``, mentions as character offsets); here we
only pick one of them. When the text gives no evidence the answer is None, never a guess.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from ...model import Actor
from .cues import tokens
from .lexicon import Lexicon


def _actor_roles(lang: str):
    """The role nouns of the actors component (``data/<lang>/actors/roles.txt``), read by its lexicon."""
    from ..actors.lexicon import load_lexicon as load_actor_lexicon

    return load_actor_lexicon(lang).is_role


def _member_stem(lang: str, word: str) -> str | None:
    """"cda'er" → "cda": the party, club or firm a lowercased member noun names (the actors
    component's ``member_suffixes``), else None."""
    from ..actors.lexicon import load_lexicon as load_actor_lexicon

    stem = load_actor_lexicon(lang).member_of(word[:1].upper() + word[1:])
    return stem.lower() if stem else None


def _inhabitant(lang: str, word: str) -> bool:
    """"friezin", "rus": a lowercased inhabitant noun the actors component knows (``nationalities.json``)."""
    from ..actors.lexicon import load_lexicon as load_actor_lexicon

    return word[:1].upper() + word[1:] in load_actor_lexicon(lang).inhabitants


def _nationality_adjectives(lang: str):
    """The nationality adjectives of the actors component (``data/<lang>/actors/nationalities.json``):
    "Indiase" in "De Indiase premier" is part of a description, not a name."""
    from ..actors.lexicon import load_lexicon as load_actor_lexicon

    return load_actor_lexicon(lang).nationality

_LOWER_WORD_AFTER = re.compile(r"[ \t]+([a-zà-ÿ]+)")
_LAST_WORD = re.compile(r"(\w+)[ \t]+$")
_COMPOUND_TAIL = re.compile(r"-([a-zà-ÿ]+)")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»]*\s+|\n")
# also where a whole quote ends and a capital follows (its own full stop is masked): “…” Haar man knikte.
_AFTER_SENTENCE = re.compile(r"[.!?…][\"'”’»]*\s+|\n|_[\"'”’»]+\s+(?=[A-ZÀ-Ý])")
_KIND_RANK = {"person": 0, "organisation": 1, "group": 1, "country": 2}


@dataclass
class SpeakerEvent:
    """Someone was attributed words at ``position`` (None: an unnamed speaker such as "een woordvoerder")."""

    position: int
    actor: str | None
    label: str | None = None  # the unnamed speaker as written ("een woordvoerder van de politie")


def _position(event: SpeakerEvent) -> int:
    return event.position


@dataclass
class Evidence:
    """How a speaker was found: ``via`` one of "name", "role", "pronoun", "unnamed", "previous quote",
    "next quote", "repeated quote", "context", "sentence"; ``span`` the speaker phrase in the text (None when it comes from the context)."""

    via: str
    span: tuple[int, int] | None = None
    label: str | None = None


class ActorIndex:
    """Actor mentions sorted by offset, and a name pattern for mentions the actors component missed."""

    def __init__(self, actors: list[Actor], text: str, masked: str, lex: Lexicon):
        self.lex = lex
        self.text = text
        self.masked = masked
        self.by_id = {a.id: a for a in actors}
        mentions = []
        for actor in actors:
            for start, end in actor.mentions:
                if masked[start:start + 1] == "_":
                    continue  # said inside a quote: neither a speaker nor an antecedent
                if self._after_work_noun(start):
                    continue  # "op de tonen van het lied Zomerregen": a title, nobody who speaks
                mentions.append((start, end, actor))
        mentions.sort(key=lambda m: (m[0], -m[1]))
        self.mentions = mentions
        self.starts = [m[0] for m in mentions]
        names: dict[str, Actor] = {}
        surname_owners: dict[str, set[str]] = {}
        for actor in actors:
            for name in [actor.name, *actor.aliases]:
                name = name.strip()
                if len(name) > 1 and any(c.isupper() for c in name):
                    names.setdefault(name, actor)
            if actor.kind == "person" and " " in actor.name.strip():
                surname = actor.name.split()[-1]
                if len(surname) > 2 and surname[0].isupper():
                    surname_owners.setdefault(surname, set()).add(actor.id)
        for surname, owners in surname_owners.items():
            if len(owners) == 1:
                names.setdefault(surname, self.by_id[next(iter(owners))])
        self.names = names
        self.name_pattern = (re.compile(r"(?<![\w-])(?:" + "|".join(
            re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")(?![\w-])") if names else None)

    def _after_work_noun(self, start: int) -> bool:
        before = _LAST_WORD.search(self.text, max(0, start - 30), start)
        return bool(before) and before.group(1).lower() in self.lex.work_nouns

    def _is_modifier(self, start: int, end: int) -> bool:
        """"NAVO" in "NAVO-secretaris-generaal" is an affiliation, not the one who speaks."""
        return self.text[end:end + 1] == "-" and self.text[end + 1:end + 2].islower()

    def in_window(self, start: int, end: int, kinds=("person", "organisation", "group", "country")) -> list:
        """Mentions starting inside [start, end) in text order, as (start, end, actor)."""
        lo = bisect_left(self.starts, start)
        hi = bisect_left(self.starts, end)
        found = [m for m in self.mentions[lo:hi] if m[2].kind in kinds and not self._is_modifier(m[0], m[1])]
        if not found and self.name_pattern:
            for match in self.name_pattern.finditer(self.masked, start, end):
                actor = self.names[match.group()]
                if actor.kind in kinds and not self._is_modifier(match.start(), match.end()):
                    found.append((match.start(), match.end(), actor))
        return found

    def best_in_window(self, start: int, end: int, kinds=("person", "organisation", "group", "country")) -> Actor | None:
        """The speaker among the mentions of a phrase: a person before an organisation before a country."""
        found = self.in_window(start, end, kinds)
        if not found:
            return None
        last_start = max(m[0] for m in found)

        def attributive(m) -> bool:
            """"Vlaams" in "Vlaams minister van Onderwijs Ben Weyts": a modifier of a later head."""
            if m[0] >= last_start or " " in self.text[m[0]:m[1]]:
                return False
            after = _LOWER_WORD_AFTER.match(self.text, m[1])
            return bool(after) and after.group(1) not in self.lex.attributive_words

        return min(found, key=lambda m: (_KIND_RANK.get(m[2].kind, 3), attributive(m), self.is_role_mention(m),
                                         m[0]))[2]

    def affiliation_of_spokesperson(self, start: int, end: int) -> Actor | None:
        """The organisation in "een NVWA-woordvoerder" (a modifier glued to a spokesperson noun inside
        [start, end)): a spokesperson's words are the organisation's."""
        lo, hi = bisect_left(self.starts, start), bisect_left(self.starts, end)
        for m_start, m_end, actor in self.mentions[lo:hi]:
            after = _COMPOUND_TAIL.match(self.text, m_end)
            if actor.kind in ("organisation", "group") and self._is_modifier(m_start, m_end) and after \
                    and after.group(1) in self.lex.spokesperson_nouns:
                return actor
        return None

    def is_role_mention(self, mention) -> bool:
        """"De Senator", "de minister": a description, weaker evidence than a name in the same phrase."""
        first = self.text[mention[0]:mention[1]].split(" ", 1)[0]
        return first.lower() in self.lex.description_openers or not first[:1].isupper()

    def persons_before(self, position: int, limit: int = 3000):
        """Person mentions before ``position``, latest first."""
        hi = bisect_right(self.starts, position)
        for start, end, actor in reversed(self.mentions[:hi]):
            if start < position - limit:
                break
            if actor.kind == "person" and end <= position:
                yield start, end, actor


class SpeakerResolver:
    """Resolves speaker phrases against the actor index and the speakers seen so far."""

    def __init__(self, index: ActorIndex, lex: Lexicon):
        self.index = index
        self.lex = lex
        self.events: list[SpeakerEvent] = []  # kept sorted by position
        self.evidence: Evidence | None = None  # set by the last subject_after / subject_before
        self.pronoun_label: str | None = None  # the description a pronoun stands for when nobody is named
        names = lex.given_name_gender or {}
        self.gender = {}
        for actor in index.by_id.values():
            if actor.kind == "person":
                first = actor.name.split()[0] if actor.name.split() else ""
                self.gender[actor.id] = names.get(first) or names.get(first.capitalize())

    def take_evidence(self) -> Evidence | None:
        evidence, self.evidence = self.evidence, None
        return evidence

    def _note(self, via: str, span, actor: str | None) -> None:
        label = None
        if actor is None and span is not None and via == "unnamed":
            label = self.label(span)
        elif actor is None and via == "pronoun":
            label = self.pronoun_label  # "hij" for "de dierenarts" named a sentence before
        self.evidence = Evidence(via, span, label)

    def label(self, span: tuple[int, int]) -> str | None:
        """The speaker phrase as written, without trailing punctuation ("een woordvoerder van de politie")."""
        phrase = self.index.text[span[0]:span[1]].strip(" ,;:.-–—\n")
        return phrase if phrase and "_" not in phrase else None

    def add_event(self, position: int, actor: str | None, label: str | None = None) -> None:
        event = SpeakerEvent(position, actor, label)
        self.events.insert(bisect_right(self.events, position, key=_position), event)

    def agrees(self, actor_id: str | None, word: str | None) -> bool:
        """Pronoun agreement: "zij" is not "Hans Dekker"; an unknown gender agrees with both."""
        if actor_id is None or not word:
            return True
        wanted = (self.lex.pronoun_gender or {}).get(word.lower())
        have = self.gender.get(actor_id)
        return not wanted or not have or wanted == have

    def first_event(self, start: int, end: int) -> SpeakerEvent | None:
        """The first attribution to a named actor in [start, end)."""
        lo = bisect_left(self.events, start, key=_position)
        for event in self.events[lo:bisect_left(self.events, end, key=_position)]:
            if event.actor:
                return event
        return None

    def current_speaker(self, position: int, not_before: int = 0, named_only: bool = True) -> SpeakerEvent | None:
        """The latest attribution before ``position`` (the speaker of the surrounding text)."""
        for event in reversed(self.events):
            if event.position >= position:
                continue
            if event.position < not_before:
                return None
            if event.actor is None and named_only:
                continue
            return event
        return None

    def pronoun(self, position: int) -> str | None:
        """He/she: the most recent person who agrees in gender, the current speaker when nothing newer
        (and agreeing) intervenes."""
        word = (self.index.masked[position:position + 4].split() or [""])[0].strip(",.;:!?").lower()
        self.pronoun_label = None
        agreeing = (m for m in self.index.persons_before(position) if self.agrees(m[2].id, word))
        latest = next(agreeing, None)
        if latest is not None and not self.opens_clause(latest[0]):
            # "X vindt dat de club Y terecht ontsloeg, vertelt hij": the subject, not the object; but
            # within the pronoun's own sentence when it names the person ("Voor Y komt dat te laat,
            # zegt ze": not the subject of the sentence before)
            own = self._sentence_start(position)
            floor = own if latest[0] >= own else position - self.lex.pronoun_subject_reach
            for m in agreeing:
                if m[0] < floor:
                    break
                if self.opens_clause(m[0]):
                    latest = m
                    break
        current = next((e for e in reversed(self.events) if e.position < position and e.actor
                        and self.index.by_id[e.actor].kind == "person"), None)
        named: tuple[int, str] | None = (latest[0], latest[2].id) if latest else None
        if current and self.agrees(current.actor, word):
            if latest is None or current.position >= latest[0] or latest[2].id == current.actor:
                named = (current.position, current.actor)
        floor = max(latest[0] if latest else 0, current.position if current else 0)
        described, found = self.description_before(position, floor, word, named)
        if found:  # "De dierenarts was somber. ‘…’, zei hij": not the person named last
            return described
        unnamed = self._unnamed_speaker_since(position, floor)
        if unnamed is not None:  # "Volgens de aanklager is dat ‘onzin’. ‘…’, zei hij": the unnamed speaker
            self.pronoun_label = unnamed
            return None
        if named is None:  # “‘Halt!’, roept ze. Het is conciërge Anna Mol.”: named in the next sentence
            return self.named_next(position, word)
        return named[1]

    def _plural_verb_before(self, position: int) -> bool:
        """Whether the word right before ``position`` (a cue verb) is a plural finite verb ("zeggen")."""
        verb = tokens(self.index.masked, max(0, position - 30), position)[-1:]
        return bool(verb and self.lex.plural_verb_ending and verb[0][0].endswith(self.lex.plural_verb_ending)
                    and not verb[0][0].endswith(self.lex.singular_verb_endings))

    def _plural_subject_before(self, position: int) -> str | None:
        """"De ouders" when the sentence before the one at ``position`` opens with an article and a plural
        noun ("De ouders zijn boos."), as written; else None."""
        masked = self.index.masked
        reach = max(0, position - self.lex.description_reach)
        starts = [m.end() for m in _AFTER_SENTENCE.finditer(masked, reach, position)]
        if len(starts) < 2:
            return None
        toks = tokens(masked, starts[-2], starts[-1])
        if len(toks) < 3 or toks[0][0] not in self.lex.determiners or toks[0][0] in self.lex.indefinite_determiners:
            return None
        for j in range(1, min(4, len(toks))):
            word = toks[j][0]
            if not word.isalpha() or masked[toks[j][1]].isupper():
                return None
            if word.endswith(self.lex.plural_noun_endings) and not word.endswith(self.lex.singular_noun_endings):
                return masked[toks[0][1]:toks[j][2]]
        return None

    def _sentence_start(self, position: int) -> int:
        """Where the sentence around ``position`` starts in the masked text (a few hundred characters back at most)."""
        reach = max(0, position - self.lex.description_reach)
        starts = [m.end() for m in _AFTER_SENTENCE.finditer(self.index.masked, reach, position)]
        return starts[-1] if starts else reach

    def _unnamed_speaker_since(self, position: int, floor: int) -> str | None:
        """The label of the latest speaker before ``position`` when that speaker is one unnamed person
        ("de aanklager", not "analisten") and nobody was named after ``floor`` since."""
        latest = next((e for e in reversed(self.events) if e.position < position), None)
        if latest is None or latest.actor is not None or not latest.label or latest.position <= floor:
            return None
        words = [w.lower() for w in re.findall(r"[\w-]+", latest.label)]
        if words and words[0] in self.lex.indefinite_determiners | self.lex.determiners \
                and any(self.is_person_noun(w) or w in self.lex.spokesperson_nouns for w in words[1:]):
            return latest.label
        return None

    def description_before(self, position: int, floor: int, pronoun: str,
                           named: tuple[int, str] | None = None) -> tuple[str | None, bool]:
        """A person described, not named, as the subject of a sentence between ``floor`` and ``position``
        ("De dierenarts was somber …", "Een woordvoerder van de politie bevestigt …"), as (actor
        id, found): the actor the description stands for (a role the text gave a person, the
        organisation of a spokesperson), else None with ``pronoun_label`` set to the description as
        written; (None, False) when no sentence there opens with one."""
        masked = self.index.masked
        reach = max(floor, position - self.lex.description_reach)  # a few sentences; linear in the text
        starts = [m.end() for m in _AFTER_SENTENCE.finditer(masked, reach, position)]
        for start in reversed(starts):
            toks = tokens(masked, start, min(position, start + 120))
            i = 0
            while i < len(toks) and toks[i][0] in self.lex.skip_words:
                i += 1
            if i >= len(toks) or toks[i][0] not in self.lex.determiners | self.lex.possessives \
                    or toks[i][0] in self.lex.anaphoric_cue_subjects:
                continue  # (a possessive: "Haar man knikte. ‘…’, zei hij": described as kin, not named)
            nationality = _nationality_adjectives(self.lex.lang)
            national = False  # "de Poolse president": an office of a country, not anyone just named
            for j in range(i + 1, min(i + 7, len(toks))):
                word, w_start, w_end = toks[j]
                if masked[w_start:w_end] in nationality:
                    national = True
                    continue  # "De Poolse president feliciteerde haar": a description that names nobody
                if not word[0].isalpha() or masked[w_start].isupper():
                    break
                spokesperson = word in self.lex.spokesperson_nouns
                if not (spokesperson or self.is_person_noun(word)):
                    continue
                end = w_end
                if j + 1 < len(toks) and toks[j + 1][0] in self.lex.np_prepositions:
                    for k in range(j + 2, min(j + 6, len(toks))):
                        if not toks[k][0][0].isalnum():
                            break
                        end = toks[k][2]
                        if masked[toks[k][1]].isupper() or toks[k][0] not in self.lex.determiners:
                            break  # "van de politie", "van Justitie": the complement's head
                span = (toks[i][1], end)
                if spokesperson:
                    actor = self.index.best_in_window(span[0], span[1], ("organisation", "group"))
                    if actor is not None:
                        return actor.id, True
                elif toks[i][0] not in self.lex.indefinite_determiners | self.lex.possessives:
                    # only a role the text gave someone ("de premier" for premier X): a description
                    # of its own, "de dierenarts", is someone new, not the person named last
                    actor_id = self.role(span[0], span[1], span[0], guess=False)
                    if actor_id is not None and self.agrees(actor_id, pronoun):
                        return actor_id, True
                    if actor_id is not None:
                        break  # "De bakker … ‘Halt!’, roept ze": not him; look further back
                    later = self.named_next(position, pronoun, role=word)
                    if later is not None:  # "De verantwoordelijke wethouder … zei ze. Wethouder X beloofde …"
                        return later, True
                    # "…, zegt tandarts X. De arts denkt …": the person (``named``) of the sentence
                    # just before, described anew
                    previous = starts[starts.index(start) - 1] if starts.index(start) > 0 else floor
                    if named is not None and named[0] >= min(previous, floor) and not national:
                        return named[1], True
                self.pronoun_label = self.label(span)
                return None, True
        return None, False

    def named_next(self, position: int, word: str, role: str | None = None) -> str | None:
        """The first agreeing person the sentence after the one around ``position`` names (with ``role``:
        only one the text gives that role)."""
        masked = self.index.masked
        end = _SENTENCE_END.search(masked, position)
        if end is None:
            return None
        stop = _SENTENCE_END.search(masked, end.end())
        found = self.index.in_window(end.end(), stop.end() if stop else len(masked), ("person",))
        return next((m[2].id for m in found if self.agrees(m[2].id, word) and (
            role is None or any(role in r.lower().split() for r in m[2].roles))), None)

    def head_noun(self, start: int, end: int) -> tuple[str | None, int]:
        """The head of a speaker phrase and where its complement starts: "de voorzitter | van de
        rechtbank" → ("voorzitter", offset of "van"); ``end`` when there is no complement."""
        head = None
        for word, t_start, _ in tokens(self.index.masked, start, end):
            original = self.index.masked[t_start:t_start + 1]
            if head is not None and word in self.lex.np_prepositions and original.islower():
                return head, t_start
            if (word[0].isalpha() or "-" in word) and word not in self.lex.determiners:
                head = word
        return head, end

    def is_person_noun(self, word: str) -> bool:
        """A noun for a person by their role ("de premier", "de fractievoorzitter", "de bewindsman")."""
        for prefix in self.lex.role_prefixes:
            if word.startswith(prefix) and len(word) > len(prefix) + 2:
                word = word[len(prefix):]
        if word in self.lex.person_nouns or any(word.endswith(n) and len(word) > len(n) + 2
                                                for n in self.lex.person_noun_tails):
            return True
        if self.lex.person_noun_patterns is not None and self.lex.person_noun_patterns.match(word):
            return True
        singular = not word.endswith(self.lex.plural_noun_endings) or word.endswith(self.lex.singular_noun_endings)
        if singular and (_member_stem(self.lex.lang, word) or _inhabitant(self.lex.lang, word)):
            return True  # "de VVD'er", "de PSV'er": a member of a party or club; "de Friezin", not "de Denen"
        return _actor_roles(self.lex.lang)(word)

    def latest_mention(self, actor: Actor, position: int) -> int | None:
        """Where ``actor`` was last mentioned before ``position`` (None: not yet)."""
        best = None
        for start, end in actor.mentions:
            if end <= position and (best is None or start > best):
                best = start
        return best

    def role(self, start: int, end: int, position: int, guess: bool = True) -> str | None:
        """A role mention ("de NAVO-secretaris-generaal", "de premier") to a person named before.

        The person the text gave that role, the latest one when several have it; else, for a noun
        that names a person by role, the person mentioned last (nearby only when the phrase has a
        complement of its own: "de voorzitter van de jury" may be someone new)."""
        head, complement = self.head_noun(start, end)
        if head is None:
            return None
        noun = next((n for n in self.lex.organisation_nouns if head == n or head.endswith(n)), None)
        if noun is not None:  # "de krant", "het techbedrijf": an organisation the text named before
            return self.organisation(noun, position)
        keys = {head}
        if "-" in head:
            keys.add(head.split("-", 1)[1])
        member = _member_stem(self.lex.lang, head)
        if member:  # "de CDA'er": the person the text introduced with that party ("CDA-Kamerlid X")
            keys = {head, member}
        # "aldus de raadsman" after "advocaat X": another word for the role the text gave them
        keys |= self.lex.role_equivalents.get(head, frozenset()) if self.lex.role_equivalents else frozenset()
        best: tuple[int, str] | None = None
        for actor in self.index.by_id.values():
            if actor.kind != "person":
                continue
            labels = [r.lower() for r in actor.roles] + [a.lower() for a in actor.aliases]
            if any(k in label.split() or label.endswith(k) for label in labels for k in keys) \
                    or member and any(member in re.split(r"[\s-]", label) for label in labels):
                latest = self.latest_mention(actor, position)
                if latest is not None and (best is None or latest > best[0]):
                    best = (latest, actor.id)
        text = self.index.text.lower()
        patterns = [re.compile(rf"(?<![\w]){re.escape(k)}(?!\w)") for k in keys]
        for m_start, m_end, actor in self.index.persons_before(position, limit=6000):
            if best is not None and m_start <= best[0]:
                break
            before = text[max(0, m_start - 45):m_start].rsplit(". ", 1)[-1]  # this sentence only
            after = text[m_end:m_end + 60]  # an apposition only: "X, de premier," / "X (premier)"
            after = re.split(r"[.,;)]", after[1:], maxsplit=1)[0] if after[:1] in ",(" else ""
            if any(p.search(before) or p.search(after) for p in patterns):
                best = (m_start, actor.id)
                break
        if best is not None:
            return best[1]
        if self.unnamed_description(head, start) is not None:
            return None  # "De Poolse premier belde …" since the last quote: someone new, not named
        aged = self.lex.age_noun_patterns is not None and any(
            self.lex.age_noun_patterns.match(word) for word, _, _ in tokens(self.index.masked, start, end))
        if not guess or not (aged or self.is_person_noun(head)):
            return None
        if aged:
            # "lachte de 24-jarige", "vertelt de 41-jarige bakker": an age describes the person just
            # named, whatever their role or trade
            nearest = next(self.index.persons_before(position, limit=self.lex.role_reach_with_complement), None)
            if nearest is not None:
                return nearest[2].id
        limit = self.lex.role_reach_with_complement if complement < end else self.lex.role_reach
        speaker = self.current_speaker(position)
        nearby = False
        for m_start, _, actor in self.index.persons_before(position, limit=limit):
            nearby = True
            if actor.roles:
                continue  # the text gave them another role ("oud-burgemeester X" is not "de procureur")
            if (speaker is not None and speaker.actor == actor.id) or self.opens_clause(m_start):
                return actor.id
        if not nearby and complement >= end and speaker is not None and speaker.position >= position - limit \
                and self.index.by_id[speaker.actor].kind == "person":
            return speaker.actor  # nobody else named since: the person who has just been speaking
        return None

    def opens_clause(self, position: int) -> bool:
        """A mention at the start of its sentence, after at most a few words ("Veteraan X", "De
        Britse premier X"): the subject, the one a later "de premier" is about."""
        masked = self.index.masked
        k, words = position - 1, 0
        floor = max(0, position - 60)
        while k >= floor:
            c = masked[k]
            if c in ".!?:;_\n":
                break
            k -= 1
        else:
            if floor > 0:
                return False
        lead = tokens(masked, k + 1, position)
        while lead and (lead[0][0] in self.lex.skip_words or not lead[0][0][0].isalnum()):
            lead = lead[1:]  # "Ook Jansen doet …", or the closing mark of a quote before
        if lead and lead[0][0] in self.lex.subordinators:
            lead = lead[1:]  # "Als Jansen thuiskomt": the subject of its clause
        return len(lead) <= 3 and not any(t[0] in self.lex.np_stop_words or not t[0][0].isalnum() for t in lead)

    def organisation(self, noun: str, position: int, limit: int = 3000) -> str | None:
        """The organisation a description refers to: the latest one whose name has the noun
        ("het ministerie" → "ministerie van Justitie"), else the latest organisation that opened its clause
        (not "persbureau Reuters" in "vertelde X aan persbureau Reuters"), else the latest one named before."""
        hi = bisect_right(self.index.starts, position)
        latest = clause_opening = None  # an organisation that opened its clause was what the text was about
        for start, end, actor in reversed(self.index.mentions[:hi]):
            if start < position - limit:
                break
            if actor.kind != "organisation" or end > position or self.index._is_modifier(start, end):
                continue
            if noun in actor.name.lower():
                return actor.id
            if self.index.text[max(0, start - 1):start] == "(":
                continue  # "burgemeester X (Open Vld)": a person's party, not what "de vakbond" is about
            if clause_opening is None and self.opens_clause(start):
                clause_opening = actor.id
            latest = latest or actor.id
        return clause_opening or latest

    def subject_after(self, start: int, end: int) -> tuple[str | None, bool, tuple[int, int] | None]:
        """The inverted subject right after a cue ("zei Lavrov", "aldus het Kremlin", "zei hij").

        Returns (actor id, whether a subject phrase was there at all, its offsets).
        """
        toks = tokens(self.index.masked, start, end)
        i = 0
        while i < len(toks) and toks[i][0] in self.lex.skip_words:
            i += 1
        if i >= len(toks) or not (toks[i][0][0].isalnum()):
            return None, False, None
        word, w_start, _ = toks[i]
        possessive = self._possessive_description(toks, i)
        if word in self.lex.number_ambiguous_pronouns and self._plural_verb_before(start):
            # "‘…’, zeggen ze": a group speaks, as the sentence before names it ("De ouders zijn boos.")
            self.pronoun_label = self._plural_subject_before(w_start)
            self._note("pronoun", (w_start, toks[i][2]), None)
            return None, True, (w_start, toks[i][2])
        if word in self.lex.person_pronouns and not possessive:
            actor = self.pronoun(w_start)
            self._note("pronoun", (w_start, toks[i][2]), actor)
            return actor, True, (w_start, toks[i][2])
        if word in self.lex.np_stop_words:
            statement = self.statement_source(toks[i:i + 8])
            if statement is not None:  # "…”, stond in een verklaring van de NAVO": its author
                self._note("name", (toks[i][1], toks[min(i + 7, len(toks) - 1)][2]), statement)
                return statement, True, None
            return None, False, None
        if word in self.lex.determiners and i + 2 < len(toks) and toks[i + 1][0] in self.lex.determiners \
                and toks[i + 2][0][0].isalnum():
            return None, False, None  # "vindt het een slecht idee": an object and its predicate, no subject
        np_end = toks[i][2]
        has_name = False
        verb = tokens(self.index.masked, max(0, start - 30), start)[-1:]
        particles = self.lex.separable.get(verb[0][0], frozenset()) if verb else frozenset()
        for j in range(i, min(len(toks), i + 14)):
            token, t_start, t_end = toks[j]
            original = self.index.masked[t_start:t_end]
            if token in (".", ";", ":", "(", ")", "!", "?", "_") or token[0] == "_":
                break
            if j > i and token in particles and original.islower():
                break  # "voegde de diplomaat toe": the particle of the cue verb closes its subject
            if token == ",":
                if j + 1 < len(toks) and self.lex.is_cue_verb(toks[j + 1][0]):
                    break  # "zei een woordvoerster, meldde persbureau AP": the agency only passes the words on
                appositive = self._appositive_name(toks, i, j)
                if appositive is not None:  # "zei de woordvoerder van het ministerie, Liu Wen,": the name
                    np_end, has_name = appositive, True
                    break
                if has_name or self.index.in_window(toks[i][1], t_start) \
                        or (j + 1 < len(toks) and not toks[j + 1][0][0].isalnum()):
                    break  # a name, or the next quote opens: "zegt de een, “…”"
                continue
            if j > i and token in self.lex.np_stop_words and original.islower() \
                    and not self._portfolio_before_name(toks, j):
                break
            if j > i and (token in self.lex.passive_auxiliaries or token in self.lex.phrase_closing_verbs) \
                    and original.islower() and toks[j - 1][0] not in self.lex.np_prepositions:
                break  # "volgens de aanklager | is dat …", "volgens de coach | moet het …": the finite verb
            if j > i + 1 and token in self.lex.determiners and original.islower() \
                    and toks[j - 1][0] not in self.lex.np_prepositions:
                break  # "lichtte de fractievoorzitter | het standpunt van de SP toe": a second noun phrase
            if original[:1].isupper():
                has_name = True
            np_end = t_end
        window_end = np_end
        if word in self.lex.determiners:
            head, complement = self.head_noun(toks[i][1], np_end)
            if head is not None and head not in self.lex.spokesperson_nouns and head not in self.lex.statement_nouns \
                    and not any(head.endswith(n) for n in self.lex.organisation_nouns):
                window_end = complement  # "de winnaar | van de Tour": not the race that speaks (but
                # "een woordvoerder van X", "een verklaring van X": X speaks)
        actor = self.index.best_in_window(toks[i][1], np_end)
        if window_end < np_end and actor is not None and actor.kind != "person":
            actor = self.index.best_in_window(toks[i][1], window_end)
        actor = actor or self.index.affiliation_of_spokesperson(toks[i][1], np_end)
        span = (toks[i][1], np_end)
        if actor:
            self._note("name", span, actor.id)
            return actor.id, True, span
        if possessive:
            self._note("unnamed", span, None)
            return None, True, span  # "zei haar man": a person described, not named
        if word in self.lex.unnamed_quantifiers and not has_name and np_end > toks[i][2]:
            self._note("unnamed", span, None)
            return None, True, span  # "aldus veel hulporganisaties": a group, kept as written
        if not (has_name or word in self.lex.determiners):
            group = self._bare_group(start, toks, i)
            if group is not None:
                self._note("unnamed", group, None)
                return None, True, group  # "zeggen analisten": an unnamed group, kept as written
            return None, False, None  # "voegde daar aan toe": no subject phrase here
        if word in self.lex.determiners and word not in self.lex.indefinite_determiners:
            head, _ = self.head_noun(toks[i][1], np_end)
            if head in self.lex.statement_nouns:  # "aldus de verklaring": who issued it
                actor_id = self.statement_author(head, toks[i][1])
                if actor_id is not None:
                    self._note("name", span, actor_id)
                    return actor_id, True, span
            actor_id = self.role(toks[i][1], np_end, toks[i][1])
            self._note("role" if actor_id else "unnamed", span, actor_id)
            antecedent = (self.unnamed_antecedent(head, toks[i][1]) or self.unnamed_description(head, toks[i][1])) \
                if actor_id is None and head else None
            if antecedent is not None:
                self.evidence.label = antecedent
            return actor_id, True, span
        self._note("unnamed", span, None)
        return None, True, span

    def _portfolio_before_name(self, toks: list, j: int) -> bool:
        """Whether ``toks[j]`` links a role to its portfolio and a person's name follows it ("zei
        eurocommissaris voor Mededinging X", "staatssecretaris voor Asiel en Migratie X"): the phrase goes
        on to the name, though "voor" otherwise ends a speaker phrase ("zei de trainer voor de camera")."""
        if toks[j][0] not in self.lex.portfolio_links or not self.is_person_noun(toks[j - 1][0]) \
                or j + 2 >= len(toks):
            return False
        for k in range(j + 2, min(len(toks), j + 6)):
            word, start, _ = toks[k - 1]
            if not (self.index.masked[start:start + 1].isupper() or word in self.lex.portfolio_links
                    or word in self.lex.coordinators):
                return False
            if any(m[0] == toks[k][1] for m in self.index.in_window(toks[k][1], toks[k][2], ("person",))):
                return True
        return False

    def _possessive_description(self, toks: list, i: int) -> bool:
        """"haar" in "zei haar voorzitter": a possessive before a lowercase person noun opens a
        description of the speaker; it is not the pronoun "haar"."""
        if toks[i][0] not in self.lex.possessives or i + 1 >= len(toks):
            return False
        noun, start, _ = toks[i + 1]
        return noun.isalpha() and self.index.masked[start].islower() and (
            self.is_person_noun(noun) or noun in self.lex.spokesperson_nouns)

    def _appositive_name(self, toks: list, i: int, comma: int) -> int | None:
        """The end of a person's name set off by a comma after a description that names nobody ("de
        woordvoerder van het ministerie, Liu Wen, …"): the description is the name's apposition."""
        if comma + 1 >= len(toks) or any(not self.index.is_role_mention(m) for m in self.index.in_window(
                toks[i][1], toks[comma][1], ("person",))):
            return None  # a name before the comma ("zei Jansen, …"); "de woordvoerder" linked to someone is not one
        start = toks[comma + 1][1]
        named = [m for m in self.index.in_window(start, start + 1, ("person",)) if m[0] == start]
        if not named or toks[i][0] not in self.lex.determiners | self.lex.possessives:
            return None
        return named[0][1]

    def _bare_group(self, cue_end: int, toks: list, i: int) -> tuple[int, int] | None:
        """The offsets of "analisten" in "…”, zeggen analisten.": one to three lowercase words without an
        article that close the sentence right after a plural reporting verb or "aldus" (a plural verb
        needs a plural subject, so this is no adverb)."""
        cue = tokens(self.index.masked, max(0, cue_end - 30), cue_end)
        if not cue or not self.lex.plural_verb_ending:
            return None
        verb = cue[-1][0]
        if not (verb in self.lex.source_markers or (self.lex.is_cue_verb(verb)
                                                      and verb.endswith(self.lex.plural_verb_ending))):
            return None
        words = self.lex.skip_words | self.lex.np_stop_words | self.lex.prepositions | self.lex.person_pronouns
        for j in range(i, min(len(toks), i + 3)):
            word, _, t_end = toks[j]
            original = self.index.masked[toks[j][1]:t_end]
            if not (word.isalpha() and original.islower() and word not in words):
                return None
            if j + 1 == len(toks) or toks[j + 1][0] in (".", "!", "?"):
                return toks[i][1], t_end
        return None

    def _bare_group_before(self, toks: list, verb_start: int) -> tuple[int, int] | None:
        """The offsets of "Analisten" in "Analisten verwachten dat …": one to three words without an article
        (and no name) that make up the whole clause before a plural reporting verb."""
        verb = tokens(self.index.masked, verb_start, verb_start + 30)
        if not toks or len(toks) > 3 or not verb or not self.lex.plural_verb_ending \
                or not verb[0][0].endswith(self.lex.plural_verb_ending):
            return None
        words = self.lex.skip_words | self.lex.np_stop_words | self.lex.prepositions | self.lex.person_pronouns \
            | self.lex.determiners | self.lex.clause_boundaries
        if any(not w.isalpha() or w in words for w, _, _ in toks):
            return None
        if any(self.index.masked[s:s + 1].isupper() for _, s, _ in toks[1:]):
            return None  # a name, not a group
        return toks[0][1], toks[-1][2]

    def subject_before(self, clause_start: int, verb_start: int) -> tuple[str | None, bool]:
        """The subject before a cue verb in its clause ("Stoltenberg stelde", "De minister zei").

        The subject opens the clause: a pronoun or a role there wins; a person named anywhere before
        the verb comes next ("Patty Murray, senator van Washington, zei"); an organisation or country
        counts only at the start of the clause (not "de kloof tussen Rusland en de VS antwoordde X").
        """
        toks = [t for t in tokens(self.index.masked, clause_start, verb_start) if t[0] not in (",", "(", ")")]
        i = 0
        while i < len(toks) and toks[i][0] in self.lex.skip_words:
            i += 1
        if i < len(toks) and toks[i][0] in self.lex.person_pronouns and not self._possessive_description(toks, i):
            actor = self.pronoun(toks[i][1])  # (not "Haar man Luc voegt eraan toe": kin, described or named)
            self._note("pronoun", (toks[i][1], toks[i][2]), actor)
            return actor, True
        statement = self.statement_source(toks)
        if statement:
            self._note("name", (toks[i][1], toks[-1][2]) if i < len(toks) else None, statement)
            return statement, True
        found = self.index.in_window(clause_start, verb_start, ("person", "organisation", "group", "country"))
        persons = sorted((m for m in found if m[2].kind == "person"), key=self.index.is_role_mention)
        if persons:
            self._note("name", persons[0][:2], persons[0][2].id)
            return persons[0][2].id, True
        for m_start, m_end, actor in found:
            before = [t for t in toks[i:] if t[1] < m_start]
            if len(before) <= 4 and not any(t[0] in self.lex.np_stop_words or t[0][0] == "_" for t in before):
                self._note("name", (m_start, m_end), actor.id)
                return actor.id, True  # "Het Amerikaanse autobedrijf Ford meldt"
        if toks and toks[-1][0] in self.lex.person_pronouns:
            actor = self.pronoun(toks[-1][1])
            self._note("pronoun", (toks[-1][1], toks[-1][2]), actor)
            return actor, True
        group = self._bare_group_before(toks[i:], verb_start)
        if group is not None:
            self._note("unnamed", group, None)
            return None, True  # "Analisten verwachten dat …": an unnamed group
        # "Een buurtbewoner die anoniem wil blijven, reageert": the phrase ends where its relative clause opens
        end_k = next((k for k in range(i + 2, len(toks)) if toks[k][0] in self.lex.relative_pronouns), len(toks))
        indefinite = i < len(toks) and toks[i][0] in self.lex.indefinite_determiners
        # someone new may be placed by a complement: "een moeder uit Rotterdam", "een professor aan de universiteit"
        inside = self.lex.np_stop_words - self.lex.np_prepositions if indefinite else self.lex.np_stop_words
        # "Een vader in het zwaar getroffen district X vertelde": a person noun with its complement may be longer
        longest = 6 if not (indefinite and i + 1 < len(toks) and self.is_person_noun(toks[i + 1][0])) else 9
        if i < len(toks) and toks[i][0] in self.lex.determiners and end_k - i <= longest \
                and not any(t[0] in inside for t in toks[i + 1:end_k]):
            span = (toks[i][1], toks[end_k - 1][2])
            if indefinite:
                organisation = self.index.affiliation_of_spokesperson(*span)
                if organisation is not None:  # "een NVWA-woordvoerder zegt"
                    self._note("name", span, organisation.id)
                    return organisation.id, True
                self._note("unnamed", span, None)
                return None, True  # an unnamed speaker: "een woordvoerder zei"
            actor = self.role(toks[i][1], verb_start if end_k == len(toks) else span[1], toks[i][1])
            self._note("role" if actor else "unnamed", span, actor)
            return actor, True
        return None, False

    def statement_author(self, noun: str, position: int) -> str | None:
        """"…”, aldus de verklaring": who issued the statement the text mentioned last before ``position``
        ("Het Rode Kruis zei in een verklaring dat …", "een verklaring van de NAVO"), else None."""
        masked = self.index.masked
        floor = max(0, position - 2 * self.lex.description_reach)
        found = None
        for found in re.finditer(rf"(?<!\w){re.escape(noun)}(?!\w)", masked[floor:position], re.I):
            pass
        if found is None:
            return None
        at = floor + found.start()
        sentence = max((m.end() for m in _AFTER_SENTENCE.finditer(masked, floor, at)), default=floor)
        author = self.statement_source(tokens(masked, sentence, min(len(masked), at + 120)))
        if author is not None:
            return author
        issuers = self.index.in_window(sentence, at, ("person", "organisation", "group"))
        return issuers[0][2].id if issuers else None

    def unnamed_antecedent(self, head: str, position: int) -> str | None:
        """"aldus de functionaris" after "Een hoge NAVO-functionaris die anoniem wilde blijven, zei …": the
        label of the unnamed speaker before ``position`` whose noun is ``head`` (or a compound ending in
        it), so the definite description keeps standing for the one described at first."""
        for event in reversed(self.events):
            if event.position >= position:
                continue
            if event.position < position - self.lex.role_reach:
                break
            if event.actor is None and event.label:
                words = [w.lower() for w in re.findall(r"[\w-]+", event.label)]
                if any(w == head or (w.endswith(head) and len(w) > len(head) + 2) for w in words):
                    return event.label
        return None

    def unnamed_description(self, head: str, position: int) -> str | None:
        """"…”, twitterde de premier" after "De Poolse premier belde met zijn collega.": the phrase that
        described someone by the noun ``head`` since the last quote, with no person named before it
        since then nor in it, so the role stands for that unnamed person, not for the last speaker
        (after "X kwam aan. De premier was kort." the description is X's, and this gives None)."""
        if not self.is_person_noun(head):
            return None
        floor = max([e.position for e in self.events if e.position < position] + [position - self.lex.role_reach, 0])
        found = None
        for found in re.finditer(rf"(?<!\w)(?:{'|'.join(map(re.escape, sorted(self.lex.determiners)))})"
                                 rf"\s+(?:[\w-]+\s+){{0,2}}?{re.escape(head)}(?!\w)",
                                 self.index.masked[floor:position], re.I):
            pass
        if found is None:
            return None
        start, end = floor + found.start(), floor + found.end()
        if any(w.lower() in self.lex.determiners for w in self.index.masked[start:end].split()[1:]):
            return None  # "het dorp De gemeente": an intertitle ran into the sentence, not one phrase
        sentence_end = _AFTER_SENTENCE.search(self.index.masked, end)
        stop = sentence_end.start() if sentence_end else len(self.index.masked)
        if self.index.in_window(floor, start, ("person",)) or self.index.in_window(start, min(stop, position),
                                                                                  ("person",)):
            return None
        return self.index.text[start:end]

    def statement_source(self, toks: list) -> str | None:
        """"Een e-mail van Burkhardt & Associates aan …", "Uit een verklaring van Apple blijkt": the author."""
        for k, (word, start, end) in enumerate(toks[:-1]):
            if word in self.lex.statement_nouns and toks[k + 1][0] in self.lex.statement_links:
                stop = toks[min(k + 8, len(toks) - 1)][2]
                found = self.index.in_window(toks[k + 1][2], stop, ("person", "organisation", "group"))
                if found and found[0][0] <= toks[min(k + 3, len(toks) - 1)][1]:
                    return found[0][2].id
        return None

"""Actor identity across a dossier's articles: which per-article actors are one actor (evidence, conflicts)."""
from __future__ import annotations

from collections import Counter, defaultdict

from ..extraction.model import Extraction
from ..extraction.reading import slugify
from ..names import acronym, folded_name_key
from ..unionfind import UnionFind
from .model import DossierActor, Mention
from .names import PersonName, _is_descriptive, _looks_like_acronym, _strip_legal_form, names_compatible, person_name


# --------------------------------------------------------------------------- actor identity

class _Groups(UnionFind):
    """Union-find over (article, local id) nodes that refuses to join two actors of one article."""

    def __init__(self, nodes):
        super().__init__(nodes)
        self.articles = {n: {n[0]} for n in nodes}

    def can_union(self, a, b) -> bool:
        ra, rb = self.find(a), self.find(b)
        return ra == rb or not (self.articles[ra] & self.articles[rb])

    def union(self, a, b) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if self.articles[ra] & self.articles[rb]:
            return False
        root = super().union(ra, rb)
        self.articles[root] |= self.articles.pop(rb if root == ra else ra)
        return True


def _kind_class(kind: str) -> str:
    return {"country": "geo", "place": "geo"}.get(kind, kind)


def _conflict(kind: str, message: str, nodes, actors_by_node) -> dict:
    return {
        "type": kind,
        "message": message,
        "actors": [{"article": n[0], "id": n[1], "name": actors_by_node[n].name, "kind": actors_by_node[n].kind}
                   for n in sorted(set(nodes))],
    }


def resolve_actors(extractions: list[Extraction]) -> tuple[list[DossierActor], dict, list[dict]]:
    """One :class:`DossierActor` per real-world actor; the (article, local id) → dossier id map; conflicts."""
    actors_by_node = {(e.article.slug, a.id): a for e in extractions for a in e.actors}
    nodes = list(actors_by_node)
    groups = _Groups(nodes)
    conflicts: list[dict] = []
    reported: set = set()

    def report(kind, message, involved):
        signature = (kind, frozenset(groups.find(n) for n in involved))
        if signature not in reported:
            reported.add(signature)
            conflicts.append(_conflict(kind, message, involved, actors_by_node))

    def join(a, b, why):
        if not groups.union(a, b):
            report("same-article", f"{why}, but one article names them as different actors; kept apart", [a, b])

    # 1. names and aliases (people: full names only; one word is a surname, handled in step 3)
    keys: dict[str, list[tuple]] = defaultdict(list)  # key → [(node, kind class)]
    person_names: dict[tuple, list[PersonName]] = defaultdict(list)
    for node, actor in actors_by_node.items():
        spellings = [actor.name] + [a for a in actor.aliases if a and not _is_descriptive(a)]
        kind = _kind_class(actor.kind)
        for spelling in spellings:
            key = folded_name_key(spelling)
            if not key:
                continue
            if kind == "person":
                parsed = person_name(spelling)
                if parsed.surname:
                    person_names[node].append(parsed)
                if parsed.full:
                    keys[key].append((node, kind))
                else:
                    keys["\0surname " + key].append((node, kind))
            else:
                for variant in {key, _strip_legal_form(key)}:
                    keys[variant].append((node, kind))
    for key, entries in keys.items():
        by_kind: dict[str, list] = defaultdict(list)
        for node, kind in entries:
            by_kind[kind].append(node)
        if key.startswith("\0surname "):
            continue
        for kind, same in by_kind.items():
            for other in same[1:]:
                join(same[0], other, f"same name {key!r}")
        if len(by_kind) > 1 and len({n[0] for n, _ in entries}) > 1:
            report("kind", f"{key!r} names actors of different kinds; kept apart",
                   [n for n, _ in entries])
    surname_keys = {k[len("\0surname "):]: v for k, v in keys.items() if k.startswith("\0surname ")}
    for key, entries in surname_keys.items():  # a person's surname spelled like an organisation/country
        others = [n for n, _ in keys.get(key, []) if _kind_class(actors_by_node[n].kind) != "person"]
        if others and len({n[0] for n, _ in entries} | {n[0] for n in others}) > 1:
            people = [n for n, _ in entries]
            report("kind", f"{key!r} is a person's surname and names an actor of another kind; kept apart",
                   people + others)

    # 2. acronyms: "GM" (written in capitals) ↔ "General Motors", when only one group spells it out
    spelled: dict[str, set] = defaultdict(set)
    written: dict[str, set] = defaultdict(set)
    for node, actor in actors_by_node.items():
        if actor.kind == "person":
            continue
        for spelling in [actor.name] + list(actor.aliases):
            short = acronym(spelling)
            if short:
                spelled[short].add(node)
            if _looks_like_acronym(spelling):
                written[folded_name_key(spelling).replace(" ", "")].add(node)
    for short, long_nodes in spelled.items():
        if short not in written:
            continue
        roots = {groups.find(n) for n in long_nodes}
        targets = written[short]
        if len(roots) > 1:
            if any(groups.find(t) not in roots for t in targets):
                report("acronym", f"{short.upper()!r} could stand for several actors; kept apart",
                       list(long_nodes) + list(targets))
            continue
        anchor = next(iter(long_nodes))
        for target in targets:
            if _kind_class(actors_by_node[target].kind) == _kind_class(actors_by_node[anchor].kind):
                join(anchor, target, f"{short.upper()!r} is the acronym of {actors_by_node[anchor].name!r}")

    # 3. people: full names with one surname; then a surname alone
    def group_names(root_members):
        return [p for n in root_members for p in person_names.get(n, [])]

    def person_groups():
        return {root: members for root, members in groups.groups().items()
                if actors_by_node[members[0]].kind == "person"}

    by_surname: dict[str, list] = defaultdict(list)
    for root, members in person_groups().items():
        for surname in {p.surname for p in group_names(members) if p.full}:
            by_surname[surname].append(root)
    for surname, roots in by_surname.items():
        for i, first in enumerate(roots):
            for second in roots[i + 1:]:
                if groups.find(first) == groups.find(second):
                    continue
                members = groups.groups()
                a_names = [p for p in group_names(members[groups.find(first)]) if p.full and p.surname == surname]
                b_names = [p for p in group_names(members[groups.find(second)]) if p.full and p.surname == surname]
                if all(names_compatible(a, b) for a in a_names for b in b_names):
                    join(first, second, f"compatible names with surname {surname!r}")
                else:
                    report("first-name", f"same surname {surname!r} with different first names; kept apart",
                           members[groups.find(first)] + members[groups.find(second)])
    members = groups.groups()
    full_by_surname: dict[str, set] = defaultdict(set)
    for root, group in person_groups().items():
        for p in group_names(group):
            if p.full:
                full_by_surname[p.surname].add(root)
    for root, group in list(person_groups().items()):
        if any(p.full for p in group_names(group)):
            continue
        surnames = {p.surname for p in group_names(group)}
        candidates = {groups.find(r) for s in surnames for r in full_by_surname.get(s, ())}
        if len(candidates) == 1:
            join(root, next(iter(candidates)), f"surname {sorted(surnames)[0]!r}")
        elif len(candidates) > 1:
            involved = list(group) + [n for c in candidates for n in members[c]]
            report("ambiguous-surname", f"surname {sorted(surnames)[0]!r} fits several people; kept apart",
                   involved)
    # surnames alone that no full name claims: the same word is the same person
    alone: dict[str, list] = defaultdict(list)
    for root, group in person_groups().items():
        names = group_names(group)
        if names and not any(p.full for p in names):
            for surname in {p.surname for p in names}:
                alone[surname].append(root)
    for roots in alone.values():
        for other in roots[1:]:
            join(roots[0], other, "same surname")

    # 4. one DossierActor per group
    order = {e.article.slug: i for i, e in enumerate(extractions)}
    result: list[DossierActor] = []
    mapping: dict[tuple[str, str], str] = {}
    used: set[str] = set()
    grouped = sorted(groups.groups().values(), key=lambda ms: min((order[n[0]], n[1]) for n in ms))
    for group in grouped:
        group.sort(key=lambda n: (order[n[0]], n[1]))
        members_ = [actors_by_node[n] for n in group]
        name_score: Counter = Counter()
        for actor in members_:
            full = actor.kind != "person" or person_name(actor.name).full
            name_score[actor.name] += 1000 * full + 10
        for actor in members_:
            name_score[actor.name] += len(actor.mentions) / 1000
        name = max(name_score, key=lambda n: (name_score[n], len(n), n))
        kinds = Counter(a.kind for a in members_)
        kind = "country" if "country" in kinds and set(kinds) <= {"country", "place"} else kinds.most_common(1)[0][0]
        base = slugify(name) or "actor"
        actor_id, suffix = base, 2
        while actor_id in used:
            actor_id, suffix = f"{base}-{suffix}", suffix + 1
        used.add(actor_id)
        roles, aliases = [], []
        for actor in members_:
            for role in actor.roles:
                if role.lower() not in {r.lower() for r in roles}:
                    roles.append(role)
            for alias in [actor.name] + list(actor.aliases):
                if alias != name and alias.lower() not in {a.lower() for a in aliases}:
                    aliases.append(alias)
        mentions = [Mention(slug, s, e, local, i + 1)
                    for slug, local in group
                    for i, (s, e) in enumerate(actors_by_node[(slug, local)].mentions)]
        result.append(DossierActor(id=actor_id, name=name, kind=kind, roles=roles, aliases=aliases,
                                   mentions=mentions, sources=list(group)))
        for node in group:
            mapping[node] = actor_id
    # conflicts that later evidence resolved (both sides ended up in one actor) are no longer conflicts
    conflicts = [c for c in conflicts
                 if len({mapping[(a["article"], a["id"])] for a in c["actors"]}) > 1]
    for conflict in conflicts:
        conflict["dossier_ids"] = sorted({mapping[(a["article"], a["id"])] for a in conflict["actors"]})
    return result, mapping, conflicts

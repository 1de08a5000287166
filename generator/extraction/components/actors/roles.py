"""Roles around a name: before it ("NAVO-secretaris-generaal Jens Stoltenberg", "minister van
Buitenlandse Zaken Sergei Lavrov"), in an apposition after it ("Michael O'Leary, CEO van Ryanair"), and
a role standing for a name given elsewhere ("de Russische president")."""
from __future__ import annotations

from spacy.tokens import Doc

from .lexicon import Lexicon
from .mention import Mention, make_mention
from .shapes import is_acronym, lower_tail_split


def role_before_portfolio(lex: Lexicon, doc: Doc, i: int) -> int | None:
    """Token index of the role whose "van"/"voor" phrase token i continues: "minister van Buitenlandse
    Zaken" (i at "Buitenlandse"), "staatssecretaris voor Asiel en Migratie" (i at "Asiel" or "Migratie")."""
    toks = doc.tokens
    if i >= 1 and toks[i - 1].text == "," and toks[i].text in lex.first_names:
        return None  # "minister van Defensie, Katrin Oberlander, zei": a person in apposition, not a portfolio
    j = i - 1
    if j >= 0 and toks[j].text == "," and toks[i].text in lex.first_names:
        return None  # "minister van Transport, Jorge Salazar,": an apposition naming the minister, no portfolio
    steps = 0
    while j >= 2 and (toks[j].text in lex.enumeration_joiners or toks[j].text == ",") \
            and toks[j - 1].text[:1].isupper() and steps < 3:
        j -= 1
        while j >= 1 and toks[j - 1].text[:1].isupper() and toks[j - 1].lower_ not in lex.portfolio_links:
            j -= 1
        j -= 1
        steps += 1
    if j >= 1 and toks[j].lower_ in lex.portfolio_links and lex.is_role(toks[j - 1].text):
        if j != i - 1 and toks[j - 1].lower_ not in lex.portfolio_roles:
            return None
        return j - 1
    return None


def portfolio_after_name(lex: Lexicon, doc: Doc, i: int, end: int) -> bool:
    """"minister Ilse Brinkhorst van Buitenlandse Zaken": a known portfolio after "van"/"voor" and a name that a
    portfolio role opens belongs to that role, as it does before the name; no actor of its own."""
    toks = doc.tokens
    if i < 3 or toks[i - 1].lower_ not in lex.portfolio_links or not lex.is_portfolio(doc[i:end].text):
        return False
    for r in range(i - 3, max(-1, i - 7), -1):
        if toks[r].lower_ in lex.portfolio_roles:
            return all(toks[x].text[:1].isupper() for x in range(r + 1, i - 1))
        if not toks[r + 1].text[:1].isupper():
            return False
    return False


def portfolio_end(lex: Lexicon, doc: Doc, i: int, end: int) -> int | None:
    """Where the portfolio ends in a run that continues a portfolio role: in "minister van Volksgezondheid
    Chisomo Banda" (i at "Volksgezondheid") the name starts after the longest ministry short name, so a
    name whose given name no list knows is not swallowed by the role. None when no portfolio opens the
    run or nothing follows it. A run that opens inside the portfolio ("Migratie Nicole ..." after
    "staatssecretaris voor Asiel en") is measured from the portfolio's first word after "voor"."""
    r = role_before_portfolio(lex, doc, i)
    if r is None:
        return None
    first = r + 2  # the role, "van"/"voor", then the portfolio
    for p in range(end - 1, i, -1):
        if lex.is_portfolio(doc[i:p].text) or first < i and lex.is_portfolio(doc[first:p].text):
            return p
    return None


def roles_before(lex: Lexicon, doc: Doc, start: int, mention: Mention,
                 role_at: tuple[int, str] | None = None) -> None:
    """Roles written before the name: "NAVO-secretaris-generaal Jens Stoltenberg",
    "de Russische minister van Buitenlandse Zaken Sergei Lavrov", "zijn Franse ambtsgenoot Emmanuel Macron"."""
    toks = doc.tokens
    k = start - 1
    if k < 0:
        return
    if role_at is not None:
        k, role = role_at
        mention.roles.insert(0, role)
        mention.person_cue = True
        if k > 0 and toks[k - 1].text in lex.nationality:
            mention.affiliations.append(lex.nationality[toks[k - 1].text])
        return
    tok = toks[k]
    if mention.roles:
        # a role written capitalised at the start of the run ("Generaal Arthur Lichte")
        k = start - len(mention.roles) - 1
        tok = toks[k] if k >= 0 else None
        if tok is None:
            return
    if lex.is_role(tok.text):
        role = tok.text
        head = lower_tail_split(role)
        if head is not None and role[0].isupper():
            mention.affiliations.append(role[:head])
        mention.roles.insert(0, role)
        mention.person_cue = True
        if k > 0 and toks[k - 1].text in lex.nationality:
            mention.affiliations.append(lex.nationality[toks[k - 1].text])


def apposition_after(lex: Lexicon, doc: Doc, end: int, mention: Mention) -> None:
    """Roles and affiliation after a name: "Michael O'Leary, CEO van Ryanair", "Blinken (de Amerikaanse
    minister van Buitenlandse Zaken, red.)", "Ursula von der Leyen (voorzitter van de Europese Commissie)".

    A portfolio after a portfolio role ("minister van Buitenlandse Zaken") and an institution named with
    its article ("voorzitter van de Europese Commissie") are part of the role; the affiliation is the
    organisation in the role ("CEO van Ryanair", "NAVO-secretaris-generaal"), else the country of a
    nationality adjective before the role ("de Amerikaanse minister")."""
    toks = doc.tokens
    n = len(doc)
    if end >= n or toks[end].text not in {",", "("}:
        return
    k = end + 1
    if k < n and toks[k].lower_ in lex.apposition_articles:
        k += 1
    country = None
    if k < n and toks[k].text in lex.nationality:
        country = lex.nationality[toks[k].text]
        k += 1
    if not (k < n and lex.is_role(toks[k].text) and (
            not toks[k].text[:1].isupper() or is_acronym(toks[k].text) or "-" in toks[k].text)):
        return
    role = toks[k].text
    affiliations: list[str] = []
    head = lower_tail_split(role)
    if head is not None and role[0].isupper():
        affiliations.append(role[:head])
    mention.person_cue = True
    of = k + 1
    if of < n and toks[of].lower_ in lex.apposition_links and of + 1 < n:
        m = of + 1
        if toks[m].lower_ in lex.apposition_articles:
            m += 1
        j = m
        while j < n and (toks[j].text[:1].isupper() or toks[j].lower_ in lex.connectors and j + 1 < n
                         and toks[j + 1].text[:1].isupper()):
            j += 1
        if j > m:
            org = doc[m:j].text
            gaz = lex.lookup(org)
            if (gaz is None or lex.is_portfolio(org)) and m == of + 1 and role.lower() in lex.portfolio_roles \
                    and toks[of].lower_ in lex.portfolio_links:
                role = doc[k:j].text  # "minister van Buitenlandse Zaken": a portfolio, no affiliation
            else:
                if m == of + 2 and toks[of].lower_ in lex.portfolio_links and (gaz is None or gaz[1] != "country"):
                    # an office of an institution, named with its article: "voorzitter van de Europese
                    # Commissie", "woordvoerder van het Witte Huis" (a company has none: "CEO van Ryanair")
                    role = doc[k:j].text
                affiliations.insert(0, org)
    if country:
        affiliations.append(country)
    mention.affiliations.extend(affiliations)
    mention.roles.append(role)


def role_mentions(lex: Lexicon, doc: Doc, is_name: list[bool]) -> list[Mention]:
    toks = doc.tokens
    found = []
    n = len(doc)
    for tok in doc:
        if tok.lower_ not in lex.definite_articles:
            continue
        k = tok.i + 1
        affiliation = None
        if k < n and toks[k].text in lex.nationality:
            affiliation = lex.nationality[toks[k].text]
            k += 1
        if k >= n or not lex.is_role(toks[k].text):
            continue
        role = toks[k].text
        # a name follows: this is an introduction, not a reference ("de Russische president Vladimir Poetin")
        after = k + 1
        if after < n and toks[after].lower_ == lex.of_word:
            j = after + 1
            while j < n and (is_name[j] or toks[j].lower_ in lex.definite_articles):
                j += 1
            if j > after + 1 and j < n and is_name[j - 1] and any(toks[x].text in lex.first_names for x in range(after + 1, j)):
                continue
        if after < n and is_name[after]:
            continue
        if after < n and toks[after].text == ",":
            # "de topman, Louis Gallois"
            if after + 1 < n and is_name[after + 1]:
                continue
        head = lower_tail_split(role)
        m = make_mention(doc, tok.i, k + 1)
        m.role_mention = True
        m.role_head = role
        if affiliation:
            m.affiliations.append(affiliation)
        if head is not None and role[0].isupper():
            m.affiliations.append(role[:head])
        found.append(m)
    return found

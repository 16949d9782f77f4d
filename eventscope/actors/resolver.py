"""From dictionary hits to actor mentions: names with their titles, roles on the article's date.

Rules, in the order they apply:
- A person's name takes the title and nationality written before it ("Serbian Defence Minister
  Bratislav Gašić", "Serbia's president Aleksandar Vučić", "his Hungarian counterpart, X"); those
  words are not coded apart. An explicit title wins over the dictionary: the text is the newer source.
- A known person's role is the one held on the article's date. Out of office on that date, the person
  is coded with the country of the last role and sector ELI (CAMEO's former officials); not yet in
  office, with the country and no sector. With no date, the open (current) role is taken, else the
  most recent one.
- Nationality + title + an unknown name is a person of that country and sector (via "title").
- Nationality + a body noun ("Serbia's government", "Serbian Armed Forces") or a plural or indefinite
  title ("Serbian officials") is that country with that sector (via "title").
- "the" + [nationality] + singular title with no name after it is a reference, left for coreference.
- A title before a surname (or the one name) of exactly one known person who fits it is that person
  ("President Kagame", "King Hussein"); a country after the name decides ("King Hassan of Morocco").
  An unknown name after a domestic office (judge, lawmaker) takes the sentence's one country.
- A leader's surname before a government noun is that government ("the Bush administration").
- A body with a sector ("Hamas", "Knesset") is coded with it; its members share a rebel or party
  sector whatever their title ("Hamas leaders").
- Countries and bodies stand alone; capitals and seats only where they act (subject, possessor,
  conjoined with one, or after a preposition that is not one of place), never as places.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..model import Mention
from .dictionary import Body, Dictionary, Person, Role, Title
from .matcher import Hit, Units, choose, fuzzy_people, scan, titles

POSSESSIVE = {"'s", "’s", "'", "’"}
# Roles of offices held and exercised at home: an unknown name after one takes the sentence's country.
DOMESTIC = {"judicial", "legislator", "speaker"}
# Sectors of bodies whose members share them whatever their title ("Hamas leader" is REB).
MEMBERS = {"REB", "OPP", "PTY"}
SUBJECT = {"nsubj", "nsubjpass", "csubj", "expl"}


@dataclass
class Found:
    """A mention under construction, with what coreference needs to know about it."""

    start: int  # tokens [start, end)
    end: int
    mention: Mention
    kind: str  # person, body, city, compound, reference, surname, group, pronoun
    role: str | None = None  # role class (titles.yaml), for people and references
    person: str | None = None  # dictionary id of a person
    plural: bool = False


def role_at(person: Person, day: dt.date | None) -> tuple[Role | None, str]:
    """The role held on ``day`` and its status: 'current', 'former' (all ended) or 'future'."""
    if not person.roles:
        return None, "current"
    if day is None:
        open_ = [r for r in person.roles if r.end is None]
        if open_:
            return max(open_, key=lambda r: r.start or dt.date.min), "current"
        return max(person.roles, key=lambda r: r.end or dt.date.min), "current"
    valid = [r for r in person.roles if r.covers(day)]
    if valid:
        return max(valid, key=lambda r: r.start or dt.date.min), "current"
    past = [r for r in person.roles if r.end is not None and r.end < day]
    if past:
        return max(past, key=lambda r: r.end or dt.date.min), "former"
    return min(person.roles, key=lambda r: r.start or dt.date.max), "future"


class Resolver:
    """Turns one parsed document into mentions (before coreference)."""

    def __init__(self, dic: Dictionary):
        self.dic = dic
        self.former = dic.config.get("former", set())
        self.place_preps = dic.config.get("place_prepositions", set())

    def __call__(self, doc: Any, day: dt.date | None) -> tuple[list[Found], dict[int, Hit]]:
        units = Units(doc)
        hits = scan(self.dic, doc, units)
        names = self._evidenced(doc, choose(hits), hits)
        covered = {i for h in names for i in range(h.start, h.end)}
        fuzzy = choose(fuzzy_people(self.dic, doc, units, covered))
        names = sorted(names + fuzzy, key=lambda h: h.start)
        covered |= {i for h in fuzzy for i in range(h.start, h.end)}
        title_at = titles(hits, covered)
        by_end = {h.end - 1: h for h in names}
        used: set[Any] = set()  # start tokens of name hits and ("t", start) of title hits absorbed by a person
        anchored: set[int] = set()  # start tokens of people with a title or nationality before them
        out: list[Found] = []
        for h in names:
            if h.entries[0].kind == "person":
                out.append(self._person(doc, h, day, title_at, by_end, used, out, anchored))
        for end, t in sorted(title_at.items()):
            if ("t", t.start) not in used:
                f = self._title(doc, t, title_at, by_end, covered, used, day)
                if f:
                    out.append(f)
        for h in names:
            if h.entries[0].kind != "person" and h.start not in used:
                f = self._body(doc, h, covered - set(range(h.start, h.end)))
                if f:
                    out.append(f)
        out = self._namesakes(out, anchored)
        out.sort(key=lambda f: (f.start, f.end))
        return out, title_at

    def _evidenced(self, doc: Any, names: list[Hit], hits: list[Hit]) -> list[Hit]:
        """Ambiguous acronyms of bodies ("CA", "IRA", "Ana": ``Entry.ambiguous``) only where the document supports
        them: another name of the same body, its country, or a word of its sector in the sentence."""
        if not any(e.ambiguous for h in names for e in h.entries):
            return names
        plain = {e.ref for h in hits for e in h.entries if e.kind == "body" and not _needs_evidence(doc, h, e)}
        cues = self.dic.config.get("sector_cues", {})
        out = []
        for h in names:
            keep = []
            for e in h.entries:
                body = self.dic.bodies.get(e.ref) if _needs_evidence(doc, h, e) else None
                if body is not None and not (e.ref in plain or body.code in plain
                                             or _sector_cue(doc, h, cues.get(body.sector or "", set()))):
                    continue
                keep.append(e)
            if keep:
                out.append(Hit(h.start, h.end, keep, h.fuzzy))
        return out

    def _namesakes(self, found: list[Found], anchored: set[int]) -> list[Found]:
        """Drop people known only from Phoenix whose country the article never mentions otherwise.

        Phoenix lists thousands of ministers from 2014 and before, many with common names
        ("Francisco Rodriguez"); one of them in an article that never mentions his country is far
        more often a namesake. People from the hand-kept or user files, and people with a title or
        nationality written before them, are kept.
        """
        context = {f.mention.code for f in found if f.kind != "person"}
        context |= {f.mention.code for f in found if f.kind == "person" and (f.start in anchored or
                    (f.person and self.dic.people[f.person].curated))}
        return [f for f in found if f.kind != "person" or f.person is None or f.start in anchored
                or f.mention.via in ("surname", "title") or self.dic.people[f.person].curated
                or f.mention.code in context]

    # --- people
    def _left(self, doc: Any, start: int, title_at: dict[int, Hit], by_end: dict[int, Hit]
              ) -> tuple[Hit | None, Hit | None, bool]:
        """The title, nationality and 'former' written before token ``start``."""
        k = start - 1
        title = title_at.get(k)
        if title is None and k >= 1 and doc[k].text == ",":
            title = title_at.get(k - 1)
        if title is not None:
            t = self.dic.titles.get(" ".join(u for i in range(title.start, title.end)
                                             for u in _units(doc[i].text)))
            if t is None or not t.person or t.plural:
                title = None
        p = (title.start if title else start) - 1
        former = title is not None and p >= 0 and doc[p].lower_ in self.former
        if former or (p >= 1 and doc[p].text in "-‐" and doc[p - 1].lower_ in self.former):
            former = True
            p -= 1 if doc[p].lower_ in self.former else 2
        if p >= 0 and doc[p].text in POSSESSIVE:
            p -= 1
        nat = by_end.get(p)
        if nat is not None and (nat.entries[0].kind == "person" or _stance(doc, nat.start)):
            nat = None
        return title, nat, former

    def title_of(self, doc: Any, hit: Hit) -> Title | None:
        return self.dic.titles.get(" ".join(u for i in range(hit.start, hit.end) for u in _units(doc[i].text)))

    def _person(self, doc: Any, h: Hit, day: dt.date | None, title_at: dict[int, Hit], by_end: dict[int, Hit],
                used: set, found: list[Found], anchored: set[int]) -> Found:
        person = self._pick(h, day)
        role, status = role_at(person, day)
        code = role.code if role else None
        sector = role.sector if role and status == "current" else "ELI" if status == "former" else None
        role_cls = role.role if role and status == "current" else None
        title, nat, former = self._left(doc, h.start, title_at, by_end)
        if title is not None:
            used.add(("t", title.start))
            t = self.title_of(doc, title)
            if t and t.role == "counterpart":
                sector, role_cls = self._counterpart(doc, h.start, found, sector, role_cls)
            elif t:
                sector, role_cls = t.sector or sector, t.role or role_cls
        if nat is not None:
            body = self._body_of(nat)
            if body is not None:
                used.add(nat.start)
                code = body.code if body.country or code is None else code
        if former:
            sector = "ELI"
        if title is not None or nat is not None or any(e.anchored for e in h.entries if e.ref == person.id):
            anchored.add(h.start)
        via = "fuzzy" if h.fuzzy else "name" if h.entries[0].canonical else "alias"
        m = self._mention(doc, h.start, h.end, code, sector, person.name, person.id, via)
        return Found(h.start, h.end, m, "person", role_cls, person.id)

    def _pick(self, h: Hit, day: dt.date | None) -> Person:
        """Of the people a phrase may name, the one in office on the day, else the most recent."""
        people = [self.dic.people[e.ref] for e in h.entries]

        def score(p: Person) -> tuple:
            role, status = role_at(p, day)
            return (status == "current", (role.start or dt.date.min) if role else dt.date.min)
        return max(people, key=score)

    def _counterpart(self, doc: Any, start: int, found: list[Found], sector: str | None, role: str | None
                     ) -> tuple[str | None, str | None]:
        """'his Hungarian counterpart X': X holds the office of the last titled person in the sentence."""
        sent = doc[start].sent.start
        for f in reversed(found):
            if f.kind == "person" and f.start >= sent and f.role:
                return f.mention.sector, f.role
        return sector, role

    # --- titles without a known name
    def _title(self, doc: Any, t: Hit, title_at: dict[int, Hit], by_end: dict[int, Hit], covered: set[int],
               used: set, day: dt.date | None) -> Found | None:
        info = self.title_of(doc, t)
        if info is None:
            return None
        p = t.start - 1
        poss = p >= 0 and doc[p].text in POSSESSIVE
        nat = by_end.get(p - 1 if poss else p)
        if nat is not None and _stance(doc, nat.start):
            nat = None  # "an anti-Syria journalist" is no Syrian
        body = self._body_of(nat) if nat is not None and nat.start not in used else None
        former = p >= 0 and doc[p].lower_ in self.former
        if nat is None or body is None:
            if info.person and not info.plural:
                named = self._titled_name(doc, t, info, covered, by_end, used, day, former,
                                          {h.start for h in title_at.values()})
                if named is not None:
                    return named
            elif not info.person:
                led = self._led_body(doc, t, info, covered, by_end)
                if led is not None:
                    return led
            if info.person and not info.plural and p >= 0 and doc[p].lower_ == "the" and info.role:
                return self._reference(doc, t.start, t, info, None, former)
            return None
        used.add(nat.start)
        q = nat.start - 1
        sector = "ELI" if former else info.sector
        if not body.country and body.sector in MEMBERS:
            sector = body.sector  # "Hamas leader", "FARC commanders": members of an armed group or party
        if info.person and not info.plural:
            name = self._unknown_name(doc, t.end, covered)
            if name is not None:
                s, e = name
                m = self._mention(doc, s, e, body.code, sector, doc[s:e].text, None, "title")
                return Found(s, e, m, "person", info.role)
            if poss or (q >= 0 and doc[q].lower_ == "the"):
                return self._reference(doc, nat.start, t, info, body, former)
        head = doc[t.end - 1]
        if head.dep_ in ("amod", "compound") or head.pos_ == "ADJ":
            # "Hungarian military alliance": the agent word modifies another noun; the country stands alone.
            used.discard(nat.start)
            return None
        m = self._mention(doc, nat.start, t.end, body.code, sector, body.name, body.id, "title")
        return Found(nat.start, t.end, m, "compound", info.role, plural=info.plural)

    def _titled_name(self, doc: Any, t: Hit, info: Title, covered: set[int], by_end: dict[int, Hit], used: set,
                     day: dt.date | None, former: bool, title_starts: set[int]) -> Found | None:
        """A name after a title with no nationality: "President Kagame", "King Hussein", "Judge A. Rivera".

        A surname (or the one name) of exactly one known person who could hold the title on the day
        is that person. An unknown full name after a domestic office (a judge, a prosecutor, a
        lawmaker: they act within their own state) takes the one country the sentence names, if only
        one; not after a president (of a company, a team) nor a general or envoy (who act abroad).
        """
        i = t.end
        j = i
        if i in title_starts:
            return None  # "navy spokesman Commander X": the last title takes the name
        while j < len(doc) and j - i < 3 and j not in covered and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper():
            j += 1
        if j == i:
            return None
        key = tuple(u for k in range(i, j) for u in _units(doc[k].text) if u != "|")
        ids = set(self.dic.by_rest.get(key, ())) | set(self.dic.mononyms.get(key[0], []) if len(key) == 1 else ())
        sector = "ELI" if former else info.sector
        # "King Hassan of Morocco", "Prince Charles of Britain": the country written after the name.
        of = next((b for h in by_end.values() if j + 1 < len(doc) and doc[j].lower_ == "of" and h.start == j + 1
                   for b in [self._body_of(h)] if b is not None and b.country), None)
        if of is not None:
            used.add(j + 1)
            ids = {pid for pid in ids if any(r.code == of.code for r in self.dic.people[pid].roles)}
            if not ids:
                m = self._mention(doc, i, j, of.code, sector, doc[i:j].text, None, "title")
                return Found(i, j, m, "person", info.role)
        known = self._holder_named(ids, info, day)
        if known is not None:
            person, role = known
            m = self._mention(doc, i, j, role.code, sector or role.sector, person.name, person.id, "surname")
            return Found(i, j, m, "person", info.role, person.id)
        name = self._unknown_name(doc, i, covered) if info.role in DOMESTIC else None
        code = self._sentence_country(doc, t.start, by_end, used) if name else None
        if name is None or code is None:
            return None
        m = self._mention(doc, name[0], name[1], code, sector, doc[name[0]:name[1]].text, None, "title")
        return Found(name[0], name[1], m, "person", info.role)

    def _holder_named(self, ids: set[str], info: Title, day: dt.date | None) -> tuple[Person, Role] | None:
        """The one person of ``ids`` in a role the title fits on the day (or out of office), if one."""
        fits = []
        for pid in ids:
            person = self.dic.people[pid]
            role, status = role_at(person, day)
            if role is None or status == "future":
                continue
            if status == "current" and info.sector and role.sector not in (info.sector, "ELI", None):
                continue
            fits.append((status == "current", person, role))
        current = [f for f in fits if f[0]] or fits
        return (current[0][1], current[0][2]) if len(current) == 1 else None

    def _sentence_country(self, doc: Any, start: int, by_end: dict[int, Hit], used: set) -> str | None:
        """The one country a sentence names outside people's nationalities ("...against Chilean officials")."""
        sent = doc[start].sent
        codes = set()
        for h in by_end.values():
            body = self._body_of(h) if sent.start <= h.start < sent.end and h.start not in used else None
            if body is not None and body.country:
                codes.add(body.code)
        return codes.pop() if len(codes) == 1 else None

    def _led_body(self, doc: Any, t: Hit, info: Title, covered: set[int], by_end: dict[int, Hit]) -> Found | None:
        """"Bush administration", "Assad government": a leader's surname before a government noun."""
        k = t.start - 1
        if info.sector != "GOV" or k < 0 or k in covered or doc[k].pos_ != "PROPN" or not doc[k].text[:1].isupper():
            return None
        key = tuple(u for u in _units(doc[k].text) if u != "|")
        ids = set(self.dic.by_rest.get(key, ())) | set(self.dic.mononyms.get(key[0], []) if len(key) == 1 else ())
        codes = {r.code for pid in ids for r in self.dic.people[pid].roles if r.sector == "GOV"}
        if len(codes) > 1:  # namesakes in several countries: the one the article names, if one
            named = {b.code for h in by_end.values() if (b := self._body_of(h)) is not None and b.country}
            codes &= named
        if len(codes) != 1:
            return None
        code = codes.pop()
        body = self.dic.bodies.get(code)
        m = self._mention(doc, k, t.end, code, info.sector, body.name if body else None, code, "title")
        return Found(k, t.end, m, "compound", info.role)

    def _reference(self, doc: Any, start: int, t: Hit, info: Title, body: Body | None, former: bool) -> Found:
        code = body.code if body else None
        # The body rides along as actor_id until the reference is resolved to a person (an IGO's
        # office holders are looked up by body: "the NATO Secretary General").
        m = self._mention(doc, start, t.end, code, "ELI" if former else info.sector, None, body.id if body else None,
                          "reference")
        return Found(start, t.end, m, "reference", None if former else info.role)

    def _unknown_name(self, doc: Any, i: int, covered: set[int]) -> tuple[int, int] | None:
        """Capitalised proper-noun tokens right after a title: the name of a person not in the dictionary."""
        if i < len(doc) and doc[i].text == ",":
            i += 1
        j = i
        while j < len(doc) and j - i < 4 and j not in covered and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper():
            j += 1
            while j + 1 < len(doc) and doc[j].text in "-‐" and doc[j + 1].text[:1].isupper():
                j += 2
        if j == i or not any(doc[k].ent_type_ == "PERSON" for k in range(i, j)) and j - i < 2:
            return None
        return i, j

    # --- countries, bodies, seats
    def _body_of(self, h: Hit) -> Body | None:
        e = h.entries[0]
        if e.kind not in ("body", "city"):
            return None
        return self.dic.bodies.get(e.ref)

    def _body(self, doc: Any, h: Hit, names: set[int] = frozenset()) -> Found | None:  # type: ignore[assignment]
        """A country, body or acting seat standing alone; ``names``: tokens of other dictionary names."""
        body = self._body_of(h)
        if body is None:
            return None
        s = h.start
        if _stance(doc, s):
            return None  # "non-EU states" are the states outside it; "anti-Syria" names a foe
        if h.end < len(doc) and doc[h.end].text == "City":
            return None  # "Mexico City", "Kuwait City", "Gaza City": a city, a place
        if h.entries[0].kind == "city":
            if not self._acts(doc, h):
                return None
            m = self._mention(doc, h.start, h.end, body.code, "GOV" if body.country else None, body.name, body.id,
                              "alias")
            return Found(h.start, h.end, m, "city")
        ent = doc[h.start].ent_type_
        if ent == "PERSON" and any(doc[i].ent_type_ == "PERSON" and i not in names for i in (h.start - 1, h.end)
                                   if 0 <= i < len(doc)):
            return None  # "Chad Smith", "Jordan Peterson": a name, not a country ("Bosnian Serbs" are two)
        via = "name" if h.entries[0].canonical else "alias"
        m = self._mention(doc, h.start, h.end, body.code, body.sector, body.name, body.id, via)
        return Found(h.start, h.end, m, "body")

    def _acts(self, doc: Any, h: Hit) -> bool:
        """A capital stands for its government where it acts, not where something happens in it."""
        tok = doc[h.end - 1]
        if h.end < len(doc) and doc[h.end].text in POSSESSIVE:
            return True
        dep = tok.dep_
        while dep == "conj":
            tok = tok.head
            dep = tok.dep_
        if dep in SUBJECT or dep == "poss":
            return True
        if dep == "pobj":
            return tok.head.lower_ not in self.place_preps
        return False

    @staticmethod
    def _mention(doc: Any, s: int, e: int, code: str | None, sector: str | None, name: str | None,
                 actor_id: str | None, via: str) -> Mention:
        span = doc[s:e]
        return Mention(text=span.text, span=(span.start_char, span.end_char), code=code, sector=sector, name=name,
                       actor_id=actor_id, via=via)


def _needs_evidence(doc: Any, h: Hit, e: Any) -> bool:
    """Whether a body's acronym, as written at ``h``, stands only with evidence: a short one always, a name-like
    one when written as a name ("Ana") rather than in capitals ("ANA")."""
    if e.kind != "body" or not e.ambiguous:
        return False
    return "short" in e.ambiguous or ("name" in e.ambiguous and not doc[h.start].text.replace(".", "").isupper())


def _sector_cue(doc: Any, h: Hit, cues: set[str]) -> bool:
    """Whether the sentence of ``h``, within its line (a list item is no sentence of its neighbours), holds a
    word of the body's sector ("militants", "agents")."""
    if not cues:
        return False
    sent = doc[h.start].sent
    lo = next((t.i + 1 for t in reversed(sent[: h.start - sent.start]) if "\n" in t.text), sent.start)
    hi = next((t.i for t in doc[h.end:sent.end] if "\n" in t.text), sent.end)
    return any((t.lemma_.lower() in cues or t.lower_ in cues) for t in doc[lo:hi] if not h.start <= t.i < h.end)


# Prefixes that turn a country's name into a stance towards it: "anti-Syria", "pro-Western", "non-EU".
STANCE = {"anti", "pro", "non"}


def _stance(doc: Any, start: int) -> bool:
    """Whether the name at token ``start`` follows a stance prefix ("anti-Syria journalist")."""
    return start >= 2 and doc[start - 1].text in "-‐" and doc[start - 2].lower_ in STANCE


def _units(text: str) -> tuple[str, ...]:
    from .text import token_units

    return token_units(text)

"""The best partners for every library without scoring every pair.

Candidates (the libraries seeking a partner) are numbered in their tie-break order (fresh
listings first, then by name), and each value a reason looks at (a country wanted, a main or
other language, a type, a size band, an interest, a town) gets the set of candidates that
have it, as the bits of one Python integer. A library's score against every candidate at
once is then the sum of a few weighted sets, added as bit-sliced binary numbers (slice i
holds bit i of every candidate's score), and the best five are read off the slices from the
top bit down. Cost per library: a few dozen operations on integers of one bit per candidate,
instead of one scoring per candidate. The reasons of the five found come from
partners.reasons(), the definition, and must add up to the score found here.
"""

from __future__ import annotations

from collections.abc import Sequence

from .partners import SUGGESTIONS, Profile, weight


class CandidateIndex:
    def __init__(self, candidates: Sequence[Profile]):
        self.candidates = list(candidates)
        self.bit = {p.key: 1 << i for i, p in enumerate(self.candidates)}
        self.sets: dict[tuple[str, str], int] = {}
        for p in self.candidates:
            bit = self.bit[p.key]
            keys = [("in", p.country), ("type", p.type), ("size", str(p.size)), ("town", p.town)]
            keys += [("wants", c) for c in p.wants]
            keys += [("main" if i == 0 else "speaks", lang) for i, lang in enumerate(p.languages)]
            keys += [("interest", a) for a in p.interests]
            keys += [("sister", t) for t in p.sister_towns]
            for key in keys:
                self.sets[key] = self.sets.get(key, 0) | bit

    def _set(self, what: str, value: str) -> int:
        return self.sets.get((what, value), 0)

    def terms(self, you: Profile) -> list[tuple[int, int]]:
        """(weight, set of candidates) for every reason `you` can have, as partners.reasons() gives them."""
        terms = [(weight("it_wants_your_country"), self._set("wants", you.country))]
        terms += [(weight("you_want_its_country"), self._set("in", c)) for c in you.wants]
        sister = self._set("sister", you.town)
        for town in you.sister_towns:
            sister |= self._set("town", town)
        terms.append((weight("sister_cities"), sister))
        for i, lang in enumerate(you.languages):
            main, other = self._set("main", lang), self._set("speaks", lang)
            if i == 0:
                terms += [(weight("language_main_both"), main), (weight("language_main_one"), other)]
            else:
                terms += [(weight("language_main_one"), main), (weight("language"), other)]
        if you.type:
            terms.append((weight("type"), self._set("type", you.type)))
        if you.size >= 0:
            terms.append((weight("size"), self._set("size", str(you.size))))
        terms += [(weight("interest"), self._set("interest", a)) for a in you.interests]
        return [(w, s) for w, s in terms if s and w > 0]

    def best(self, you: Profile, exclude: Sequence[str] = (), count: int = SUGGESTIONS) -> list[tuple[Profile, int]]:
        """The `count` best candidates for `you` with their scores: highest score first, ties in
        candidate order; none with no reason, none named in `exclude` (itself, its partners)."""
        slices: list[int] = []
        for w, members in self.terms(you):
            for position in range(w.bit_length()):
                if w >> position & 1:
                    _add(slices, members, position)
        live = 0
        for s in slices:
            live |= s
        for key in exclude:
            live &= ~self.bit.get(key, 0)
        found: list[tuple[Profile, int]] = []
        while live and len(found) < count:
            top = live
            for s in reversed(slices):
                if top & s:
                    top &= s
            live &= ~top
            first = top & -top
            points = sum(1 << i for i, s in enumerate(slices) if s & first)
            while top and len(found) < count:
                low = top & -top
                found.append((self.candidates[low.bit_length() - 1], points))
                top ^= low
        return found


def _add(slices: list[int], members: int, position: int) -> None:
    """Add 2**position to the score of every candidate in `members` (binary addition with carry)."""
    carry = members
    while carry:
        while position >= len(slices):
            slices.append(0)
        slices[position], carry = slices[position] ^ carry, slices[position] & carry
        position += 1

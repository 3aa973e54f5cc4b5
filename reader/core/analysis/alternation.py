"""Faster regex alternations with the same matches: common leading atoms factored out.

Python's regex engine tries the branches of an alternation one after the other at every
position, and with ``re.IGNORECASE`` and a leading ``\\b`` it has no first-character filter:
``\\b(?:sagte|sagten|erklärte|…)\\b`` compares every branch at every word start. Written as a
trie, ``\\b(?:s(?:agte(?:n)?|…)|e(?:rklärte|…))\\b``, it looks at one branch per letter.

``factor(pattern)`` does that rewrite on the pattern's source and keeps the matches exactly the
same: branches are only ever moved past branches that start with a *different literal letter*
(two such branches can never both match at one position, so which is tried first does not
matter), branches keep their relative order inside a group, and only unquantified literal
characters and ``\\b`` are factored. Branches with capturing groups stay where they are (group
numbers do not change); a pattern with inline flags or backreferences is returned unchanged.
"""

from __future__ import annotations

import re

_LITERAL = frozenset("abcdefghijklmnopqrstuvwxyzäöüßéABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜ0123456789-")
_QUANT_START = frozenset("*+?{")


class _Atom:
    __slots__ = ("capturing", "quantified", "src")

    def __init__(self, src: str, quantified: bool, capturing: bool) -> None:
        self.src = src
        self.quantified = quantified
        self.capturing = capturing


def _skip_class(s: str, i: int) -> int:
    """Index after the character class starting at ``s[i] == '['``."""
    j = i + 1
    if j < len(s) and s[j] == "^":
        j += 1
    if j < len(s) and s[j] == "]":
        j += 1
    while j < len(s) and s[j] != "]":
        j += 2 if s[j] == "\\" else 1
    if j >= len(s):
        raise ValueError("unterminated class")
    return j + 1


def _skip_escape(s: str, i: int) -> int:
    """Index after the escape starting at ``s[i] == '\\\\'``."""
    c = s[i + 1] if i + 1 < len(s) else ""
    if c == "x":
        return i + 4
    if c == "u":
        return i + 6
    if c == "U":
        return i + 10
    if c == "N":
        return s.index("}", i) + 1
    if c.isdigit():
        raise ValueError("backreference")
    return i + 2


def _skip_group(s: str, i: int) -> int:
    depth = 0
    j = i
    while j < len(s):
        c = s[j]
        if c == "\\":
            j = _skip_escape(s, j)
            continue
        if c == "[":
            j = _skip_class(s, j)
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    raise ValueError("unbalanced group")


def _split(s: str) -> list[list[_Atom]]:
    """Top-level branches of ``s``, each a list of atoms."""
    branches: list[list[_Atom]] = [[]]
    i = 0
    while i < len(s):
        c = s[i]
        if c == "|":
            branches.append([])
            i += 1
            continue
        capturing = False
        if c == "\\":
            j = _skip_escape(s, i)
        elif c == "[":
            j = _skip_class(s, i)
        elif c == "(":
            j = _skip_group(s, i)
            head = s[i + 1:i + 4]
            if not head.startswith("?"):
                capturing = True
            elif not head.startswith(("?:", "?=", "?!", "?<=", "?<!")) or head.startswith("?P"):
                raise ValueError("named group or inline flags")
            if "(?P" in s[i:j] or re.search(r"\((?!\?)", s[i + 1:j].replace("\\(", "")):
                capturing = True
        else:
            j = i + 1
        quantified = False
        if j < len(s) and s[j] in _QUANT_START:
            quantified = True
            if s[j] == "{":
                j = s.index("}", j) + 1
            else:
                j += 1
            if j < len(s) and s[j] in "?+":
                j += 1
        branches[-1].append(_Atom(s[i:j], quantified, capturing))
        i = j
    return branches


def _key(branch: list[_Atom], ignorecase: bool) -> str | None:
    """The factoring key of a branch (its first atom), or None if it cannot be factored."""
    if not branch or any(a.capturing for a in branch):
        return None
    atom = branch[0]
    if atom.quantified:
        return None
    if atom.src == "\\b":
        return atom.src
    if len(atom.src) == 1 and atom.src in _LITERAL:
        return atom.src.lower() if ignorecase else atom.src
    return None


def _disjoint(a: str | None, b: str | None) -> bool:
    """Can no character match both keys? (only for two different literal characters)"""
    return a is not None and b is not None and a != b and a != "\\b" and b != "\\b"


def _inner(atom: _Atom, ignorecase: bool) -> str:
    """The atom with the alternations inside a non-capturing group factored."""
    src = atom.src
    if not src.startswith("(?:"):
        return src
    close = _skip_group(src, 0)
    return "(?:" + _factor(src[3:close - 1], ignorecase) + ")" + src[close:]


def _factor_branches(branches: list[list[_Atom]], ignorecase: bool) -> str:
    groups: list[tuple[str | None, list[list[_Atom]]]] = []
    for br in branches:
        key = _key(br, ignorecase)
        target = None
        if key is not None:
            for gi in range(len(groups) - 1, -1, -1):
                gkey = groups[gi][0]
                if gkey == key:
                    target = gi
                    break
                if not _disjoint(gkey, key):
                    break
        if target is None:
            groups.append((key, [br]))
        else:
            groups[target][1].append(br)
    out: list[str] = []
    for key, members in groups:
        if key is None or len(members) == 1:
            out.extend("".join(_inner(a, ignorecase) for a in br) for br in members)
            continue
        head = members[0][0].src
        rest = _factor_branches([br[1:] for br in members], ignorecase)
        out.append(head + "(?:" + rest + ")")
    return "|".join(out)


def _factor(s: str, ignorecase: bool) -> str:
    return _factor_branches(_split(s), ignorecase)


def factor(pattern: str, ignorecase: bool = True) -> str:
    """``pattern`` with its alternations written as tries (same matches, faster)."""
    if "(?P" in pattern or re.search(r"\(\?[aiLmsux-]", pattern):
        return pattern
    try:
        out = _factor(pattern, ignorecase)
        re.compile(out)
    except (ValueError, re.error, IndexError):
        return pattern
    return out


def compile_factored(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(factor(pattern), flags)``."""
    return re.compile(factor(pattern, bool(flags & re.IGNORECASE)), flags)


def word_alternation(forms: list[str]) -> str:
    """``(?:form1|form2|…)`` with every form escaped, longest first, as a trie."""
    ordered = sorted(dict.fromkeys(forms), key=len, reverse=True)
    return factor("(?:" + "|".join(re.escape(f) for f in ordered) + ")")


def faster(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The compiled ``pattern`` rewritten by ``factor`` (same matches, same flags)."""
    return re.compile(factor(pattern.pattern, bool(pattern.flags & re.IGNORECASE)), pattern.flags)

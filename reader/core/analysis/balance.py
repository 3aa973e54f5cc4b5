"""Source balance: who is heard, from which side, and how much goes unsourced."""

from __future__ import annotations

from reader.core.analysis.model import Attribution, Balance, Flag, Unattributed
from reader.core.analysis.sides import SIDE_NAMES

INDEPENDENT = ("INT", "IND")
KIND_NAMES = {
    "government": "government", "party_official": "party official", "media": "media",
    "international_organisation": "international organisation", "ngo": "NGO",
    "military": "military", "court": "court", "person": "person", "anonymous": "anonymous",
    "unknown": "unidentified",
}


def compute_balance(
    text: str,
    attributions: list[Attribution],
    unattributed: list[Unattributed],
    flags: list[Flag],
) -> Balance:
    by_side: dict[str, int] = {}
    by_kind: dict[str, int] = {}
    by_pair: dict[tuple[str, str], int] = {}
    direct: list[str] = []
    for a in attributions:
        side, kind = a.speaker.side or "unknown", a.speaker.kind or "unknown"
        by_side[side] = by_side.get(side, 0) + 1
        by_kind[kind] = by_kind.get(kind, 0) + 1
        by_pair[(side, kind)] = by_pair.get((side, kind), 0) + 1
        if a.direct_quote and side not in direct:
            direct.append(side)
    chars = sum(u.end - u.start for u in unattributed)
    share = round(chars / len(text), 3) if text else 0.0
    statements = len(attributions)
    parts: list[str] = []
    for (side, kind), n in sorted(by_pair.items(), key=lambda x: (-x[1], x[0])):
        if side in INDEPENDENT:
            continue
        if side == "unknown":
            label = "unidentified" if kind == "unknown" else f"{KIND_NAMES.get(kind, kind)} (side unknown)"
            parts.append(f"{n} {label}")
        else:
            parts.append(f"{n} {SIDE_NAMES.get(side, side)} {KIND_NAMES.get(kind, kind)}")
    for side in ("AZ", "AM"):
        if by_side.get(side, 0) == 0:
            parts.append(f"0 {SIDE_NAMES[side]}")
    independent = sum(by_side.get(s, 0) for s in INDEPENDENT)
    parts.append(f"{independent} independent")
    word = "statement" if statements == 1 else "statements"
    claims = len(unattributed)
    summary = f"{statements} {word}: " + ", ".join(parts)
    summary += f"; {claims} unattributed claim" + ("" if claims == 1 else "s")
    if direct:
        summary += "; quoted directly: " + ", ".join(SIDE_NAMES.get(s, s) for s in direct)
    else:
        summary += "; no side quoted directly"
    return Balance(
        statements=statements,
        by_side=by_side,
        by_kind=by_kind,
        sides_quoted_directly=direct,
        unattributed=claims,
        unattributed_share=share,
        flags=sum(1 for f in flags if not f.in_quote),
        summary=summary,
    )

"""User corrections of machine annotations: dismiss ("not right here") or correct (e.g. the speaker).

Corrections refer to an annotation's stable ``key`` and keep the quoted text, so they survive
re-analysis; they are stored with provenance (when, which annotation kind) and are reversible.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import Any

from reader.core.analysis.model import Analysis, Attribution, Speaker
from reader.core.library import Library, now_iso


@dataclass(frozen=True)
class Correction:
    id: int
    article_id: int
    key: str
    kind: str  # attribution | unattributed | mention | flag | headline
    action: str  # dismiss | correct
    value: dict[str, Any]
    quote: str
    created_at: str


@dataclass
class Corrected:
    """An analysis with the user's corrections applied, and what was changed."""

    analysis: Analysis
    dismissed: dict[str, Correction] = field(default_factory=dict)  # key -> correction
    corrected: dict[str, Correction] = field(default_factory=dict)


def dismiss(lib: Library, article_id: int, key: str, kind: str, quote: str) -> int:
    """Record that annotation ``key`` is not right here. Returns the correction id."""
    return _store(lib, article_id, key, kind, "dismiss", {}, quote)


def correct_speaker(
    lib: Library, article_id: int, key: str, quote: str, *, name: str,
    entity: str | None, kind: str, side: str,
) -> int:
    """Record the right speaker for attribution ``key``."""
    value = {"name": name, "entity": entity, "kind": kind, "side": side}
    return _store(lib, article_id, key, "attribution", "correct", value, quote)


def _store(
    lib: Library, article_id: int, key: str, kind: str, action: str, value: dict[str, Any],
    quote: str,
) -> int:
    with lib.atomic() as conn:
        conn.execute(
            "DELETE FROM corrections WHERE article_id = ? AND annotation_key = ?", (article_id, key)
        )
        cur = conn.execute(
            "INSERT INTO corrections (article_id, annotation_key, kind, action, value, quote, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (article_id, key, kind, action, json.dumps(value, ensure_ascii=False), quote, now_iso()),
        )
        return int(cur.lastrowid or 0)


def undo(lib: Library, correction_id: int) -> None:
    """Remove a correction: the machine annotation shows again as it was."""
    with lib.atomic() as conn:
        conn.execute("DELETE FROM corrections WHERE id = ?", (correction_id,))


def undo_key(lib: Library, article_id: int, key: str) -> None:
    with lib.atomic() as conn:
        conn.execute(
            "DELETE FROM corrections WHERE article_id = ? AND annotation_key = ?", (article_id, key)
        )


def corrections_for(lib: Library, article_id: int) -> list[Correction]:
    rows = lib.conn.execute(
        "SELECT id, article_id, annotation_key, kind, action, value, quote, created_at "
        "FROM corrections WHERE article_id = ? ORDER BY id",
        (article_id,),
    ).fetchall()
    return [
        Correction(r[0], r[1], r[2], r[3], r[4], json.loads(r[5]), r[6], r[7]) for r in rows
    ]


def apply(analysis: Analysis, corrections: list[Correction]) -> Corrected:
    """``analysis`` with dismissed annotations removed and corrected speakers replaced."""
    by_key = {c.key: c for c in corrections}
    out = Corrected(analysis=analysis)
    if not by_key:
        return out

    def keep(key: str, text: str) -> bool:
        c = by_key.get(key)
        if c is None or c.action != "dismiss":
            return True
        if c.quote and c.quote != text:
            return True  # the text changed: the dismissal no longer applies to this span
        out.dismissed[key] = c
        return False

    attributions: list[Attribution] = []
    for a in analysis.attributions:
        if not keep(a.key, a.text):
            continue
        c = by_key.get(a.key)
        if c is not None and c.action == "correct":
            v = c.value
            a = replace(
                a,
                speaker=Speaker(
                    name=str(v.get("name", a.speaker.name)), span=a.speaker.span,
                    entity=v.get("entity"), kind=str(v.get("kind", "unknown")),
                    side=str(v.get("side", "unknown")), role=a.speaker.role,
                ),
            )
            out.corrected[a.key] = c
        attributions.append(a)
    out.analysis = replace(
        analysis,
        attributions=attributions,
        unattributed=[u for u in analysis.unattributed if keep(u.key, u.text)],
        mentions=[m for m in analysis.mentions if keep(m.key, m.text)],
        flags=[f for f in analysis.flags if keep(f.key, f.text)],
        headline=[h for h in analysis.headline if keep(h.key, h.text)],
    )
    return out

"""Time in a campaign: Vietnam's local time and the state of a deadline.

Vietnam keeps UTC+7 all year (no daylight saving since 1975), so a fixed offset is exact and
needs no time-zone database (Windows has none for Python). Deadlines are local times; a stage
closes at its deadline. ``PARCLI_NOW`` (an ISO date-time, local when it names no offset) sets
"now" for tests and drills.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone

VIETNAM = timezone(timedelta(hours=7), "Asia/Ho_Chi_Minh")

# the stages of a campaign, in order, and the round of each
STAGES = ("self_assessment", "appraisal_1", "explanation", "appraisal_2")
ROUND = {"self_assessment": 0, "appraisal_1": 1, "explanation": 0, "appraisal_2": 2}


def now() -> datetime:
    """Now, in Vietnam's time (``PARCLI_NOW`` when set); a ``PARCLI_NOW`` that is not a date-time is an
    error, never ignored: a drill run on the real clock by a typo would judge every deadline wrongly."""
    given = os.environ.get("PARCLI_NOW")
    if given is not None and given.strip():
        found = parse_local(given)
        if found is None:
            from ..errors import InputError
            from ..i18n import tr
            from ..inputs.yaml import shortened

            raise InputError(tr("PARCLI_NOW is set to {value!r}, which is not a date-time such as 2025-11-04T08:30; "
                                "correct it, or remove it to take the computer's clock", value=shortened(given)))
        return found
    return datetime.now(VIETNAM)


def parse_local(text: str) -> datetime | None:
    """An ISO date-time (``2025-11-03T17:00``, a space instead of ``T`` too) as Vietnam's time; None
    when it is not one or names no time of day."""
    if not isinstance(text, str) or len(text) < 16 or len(text) > 40:
        return None
    try:
        found = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    if found.tzinfo is None:
        return found.replace(tzinfo=VIETNAM)
    return found.astimezone(VIETNAM)


def local_text(moment: datetime) -> str:
    """A moment as people read it: ``2025-11-03 17:00`` in Vietnam's time."""
    return moment.astimezone(VIETNAM).strftime("%Y-%m-%d %H:%M")


def iso(moment: datetime) -> str:
    """A moment as the store keeps it: ISO 8601 with the +07:00 offset, to the second."""
    return moment.astimezone(VIETNAM).replace(microsecond=0).isoformat()


def deadline_state(deadline: datetime, at: datetime) -> tuple[str, int]:
    """``(state, days)``: ``overdue`` (past the deadline), ``due`` (within a day), ``soon`` (within
    7 days) or ``open``; ``days``: whole days left (rounded down)."""
    left = deadline - at
    if left < timedelta(0):
        return "overdue", -((-left).days)
    if left <= timedelta(days=1):
        return "due", 0
    if left <= timedelta(days=7):
        return "soon", left.days
    return "open", left.days

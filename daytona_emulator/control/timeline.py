"""Time-driven state machines: a resource's future states are planned as time stamps.

Nothing blocks and nothing sleeps: an operation sets the resource's immediate state and plans
the next ones at monotonic deadlines. ``advance()`` applies every step whose deadline has passed;
it runs on every read and from a periodic ticker, so a transition is visible as soon as it is due.
A step's action runs just before its state is entered: what it changes is part of the same update (the
row that ``on_change`` observers, e.g. the notification gateway, see with the new state).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

Action = Callable[[], None]


def monotonic() -> float:
    return time.monotonic()


@dataclass
class Step:
    at: float
    state: str
    action: Action | None = None


@dataclass
class Timeline:
    """The current state of a resource and the steps still planned for it."""

    state: str
    steps: list[Step] = field(default_factory=list)
    on_change: Callable[[str, str], None] | None = None

    def set(self, state: str) -> None:
        previous, self.state = self.state, state
        if self.on_change is not None and previous != state:
            self.on_change(previous, state)

    def plan(self, first: str, *steps: tuple[float, str] | tuple[float, str, Action | None]) -> None:
        """Enter ``first`` now, then each ``(duration, state[, action])`` after the previous one.

        Replaces whatever was planned before; steps due immediately are applied at once.
        """
        self.steps = []
        self.set(first)
        at = monotonic()
        for spec in steps:
            duration, state = spec[0], spec[1]
            action = spec[2] if len(spec) > 2 else None
            at += max(0.0, duration)
            self.steps.append(Step(at, state, action))
        self.advance()

    def cancel(self) -> None:
        self.steps = []

    @property
    def busy(self) -> bool:
        return bool(self.steps)

    def advance(self, now: float | None = None) -> None:
        now = monotonic() if now is None else now
        while self.steps and self.steps[0].at <= now:
            step = self.steps.pop(0)
            if step.action is not None:  # the step's other changes come with its state, as one update
                step.action()
            self.set(step.state)

"""The hybrid logical clock that stamps every change a replica makes (Kulkarni et al., "Logical Physical Clocks",
2014): a stamp is (wall milliseconds, counter, replica id), totally ordered as that tuple; it stays close to real
time, never goes backwards even when the computer's clock does, and a change made after seeing another always
carries a greater stamp. ``HybridClock`` is given its time source, so it does no I/O of its own."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass


def physical_now_ms() -> int:
    """The computer's clock, in whole milliseconds since the epoch."""
    return time.time_ns() // 1_000_000


@dataclass(frozen=True, order=True)
class Clock:
    """One stamp. Stamps compare as (wall_ms, counter, replica), so two replicas never tie."""

    wall_ms: int
    counter: int
    replica: str


class HybridClock:
    """A replica's clock: ``tick()`` stamps a local change, ``receive(stamp)`` takes in a stamp seen in another
    replica's change. Every stamp it gives is greater than every stamp it gave or received before."""

    def __init__(self, replica: str, now: Callable[[], int] = physical_now_ms, last: Clock | None = None):
        if not replica:
            raise ValueError("A replica needs a non-empty id.")
        self.replica = replica
        self.now = now
        self.wall_ms = last.wall_ms if last else 0
        self.counter = last.counter if last else 0

    def tick(self) -> Clock:
        physical = self.now()
        if physical > self.wall_ms:
            self.wall_ms, self.counter = physical, 0
        else:  # the computer's clock stood still or went back: the counter carries the order
            self.counter += 1
        return Clock(self.wall_ms, self.counter, self.replica)

    def receive(self, remote: Clock) -> Clock:
        wall = max(self.wall_ms, remote.wall_ms, self.now())
        if wall == self.wall_ms == remote.wall_ms:
            counter = max(self.counter, remote.counter) + 1
        elif wall == self.wall_ms:
            counter = self.counter + 1
        elif wall == remote.wall_ms:
            counter = remote.counter + 1
        else:
            counter = 0
        self.wall_ms, self.counter = wall, counter
        return Clock(wall, counter, self.replica)

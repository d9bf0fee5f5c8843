"""When to ask again: bounded attempts, exponential backoff with jitter, Retry-After honoured.

Endless 429 retries burned other clients' hourly quotas; here a lookup makes at most
``max_attempts`` requests, never retries a 402 or a 4xx other than 429, and gives up at once
when the server asks for a longer wait than ``max_wait_s``.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TypeVar

from inspector.api.errors import ApiError
from inspector.api.exchange import header_excerpt

T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 3
    base_delay_s: float = 1.0
    max_wait_s: float = 60.0
    jitter: float = 0.25  # each computed delay is scaled by a factor in [1 - j, 1 + j]

    def delay_before_next(
        self, attempt: int, error: ApiError, rng: Callable[[], float] = random.random
    ) -> float | None:
        """Seconds to wait before attempt ``attempt + 1``, or None not to retry at all."""
        if not error.retryable or attempt >= self.max_attempts:
            return None
        if error.retry_after_s is not None:
            return error.retry_after_s if error.retry_after_s <= self.max_wait_s else None
        backoff = self.base_delay_s * 2.0 ** (attempt - 1)
        return min(self.max_wait_s, backoff * (1 + self.jitter * (2 * rng() - 1)))


@dataclass(frozen=True)
class RetryWait:
    """Sent to the caller before each wait, so a person can see the countdown."""

    failed_attempt: int
    max_attempts: int
    delay_s: float
    error: ApiError


async def with_retries(
    attempt: Callable[[int], Awaitable[T]],
    policy: RetryPolicy,
    on_wait: Callable[[RetryWait], None] = lambda wait: None,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    time_left_s: Callable[[], float] = lambda: float("inf"),
) -> T:
    """Run ``attempt(n)`` for n = 1, 2, ... until it succeeds or the policy says stop.

    A wait that would outlast ``time_left_s()`` is not started: the error is raised now.
    """
    number = 1
    while True:
        try:
            return await attempt(number)
        except ApiError as error:
            delay = policy.delay_before_next(number, error)
            if delay is None or delay >= time_left_s():
                raise
            on_wait(RetryWait(number, policy.max_attempts, delay, error))
            await sleep(delay)
            number += 1


# A server that asks for a longer wait than this is read as asking for this: a day says
# "not now" as well as 10**4999 seconds does, and is a number a sentence can hold.
RETRY_AFTER_CAP_S = 86_400.0
_CAP_DIGITS = len(str(int(RETRY_AFTER_CAP_S)))


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Retry-After as seconds: either delta-seconds or an HTTP-date, at most
    RETRY_AFTER_CAP_S; None if absent or unreadable (retry_after_note says why)."""
    if value is None:
        return None
    text = value.strip()
    if text.isascii() and text.isdigit():
        digits = text.lstrip("0") or "0"
        # Never turned into a float whole: 5,000 digits would read as infinity.
        return (
            RETRY_AFTER_CAP_S
            if len(digits) > _CAP_DIGITS
            else min(RETRY_AFTER_CAP_S, float(digits))
        )
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    seconds = (when - (now or datetime.now(UTC))).total_seconds()
    return min(RETRY_AFTER_CAP_S, max(0.0, seconds))


def retry_after_note(value: str | None, now: datetime | None = None) -> str | None:
    """What a person should know about a Retry-After the inspector did not take as sent."""
    if value is None or not value.strip():
        return None
    wait = parse_retry_after(value, now)
    if wait is None:
        return f"Retry-After {header_excerpt(value)} is neither seconds nor a date; ignored."
    if wait >= RETRY_AFTER_CAP_S:
        return f"Retry-After {header_excerpt(value)} asks for a day or more; read as one day."
    return None

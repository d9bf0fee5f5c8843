"""The demo API's fault IDs: every server, body and connection failure the inspector names.

Each ID answers the same way every time (the flaky one alternates), so a person can see in
the window what each failure looks like, and the tests can drive each one over a socket.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from enum import Enum

from inspector.demo.bombs import gzip_of_gzip_of_zeros, gzip_of_zeros
from inspector.demo.dataset import DemoEntry, demo_entry

JSON = "application/json; charset=utf-8"
HTML = "text/html; charset=utf-8"
OVERSIZED_BODY_BYTES = 11 * 1024 * 1024
DRIP_INTERVAL_S = 0.5
BOMB_MIB = 4096  # the decompression bombs unpack to 4 GiB of zeros
LONG_NUMBER = b"9" * 5000  # past Python's 4,300-digit limit on reading integers


class Behaviour(Enum):
    ANSWER = "answer"  # status, headers and body as given
    EVERY_OTHER = "every other"  # 503 on odd requests, the entry on even ones
    CLOSE_MID_BODY = "close mid-body"  # promise a long body, send part, hang up
    DRIP = "drip"  # one byte of a body every DRIP_INTERVAL_S, forever
    SILENT = "silent"  # accept the request, never answer
    OVERSIZED = "oversized"  # a 200 larger than any time entry


@dataclass(frozen=True)
class Fault:
    label: str
    status: int = 200
    body: bytes = b""
    content_type: str = JSON
    headers: tuple[tuple[str, str], ...] = field(default=())
    behaviour: Behaviour = Behaviour.ANSWER
    retry_after_date_in_s: float | None = None  # a Retry-After HTTP-date, this far ahead
    make_body: Callable[[], bytes] | None = None  # a body built when first asked for

    def body_now(self) -> bytes:
        return self.make_body() if self.make_body is not None else self.body

    def headers_at(self, now: datetime) -> tuple[tuple[str, str], ...]:
        if self.retry_after_date_in_s is None:
            return self.headers
        when = now + timedelta(seconds=self.retry_after_date_in_s)
        return (*self.headers, ("Retry-After", format_datetime(when, usegmt=True)))


def _html(title: str) -> bytes:
    return (
        f"<html><head><title>{title}</title></head><body><center><h1>{title}</h1>"
        "</center><hr><center>nginx</center></body></html>"
    ).encode()


def _json(value: object) -> bytes:
    return json.dumps(value).encode()


def build_faults(now: datetime | None = None) -> dict[int, Fault]:
    now = now or datetime.now(UTC)
    entry = demo_entry(0, now - timedelta(days=1), 600, now - timedelta(days=1, seconds=-600))

    def entry_body(entry_id: int, **changes: object) -> bytes:
        return _json({**entry, "id": entry_id, **changes})

    def with_raw(entry_id: int, name: str, json_text: bytes) -> bytes:
        """The entry with one more member written as raw JSON text (json.dumps could not
        write a 5,000-digit number, nor nest 500 lists without recursion)."""
        return entry_body(entry_id)[:-1] + b', "' + name.encode() + b'": ' + json_text + b"}"

    without_id = {key: value for key, value in entry.items() if key != "id"}
    return {
        5_000_000_400: Fault("Answers HTTP 400", 400, _json("Invalid time entry ID")),
        5_000_000_401: Fault("Answers HTTP 401", 401),
        5_000_000_402: Fault(
            "Answers HTTP 402: quota used up",
            402,
            _json("You have hit your hourly limit for API calls. Try again later."),
            headers=(("X-Toggl-Quota-Remaining", "0"), ("X-Toggl-Quota-Resets-In", "1234")),
        ),
        5_000_000_403: Fault(
            "Answers HTTP 403", 403, _json("User does not have access to this resource")
        ),
        5_000_000_404: Fault("Answers HTTP 404", 404, _json("Resource can not be found")),
        5_000_000_410: Fault("Answers HTTP 410 Gone", 410, _json("This endpoint is gone")),
        5_000_000_421: Fault(
            "Answers HTTP 402: not on the plan",
            402,
            _json("Workspace needs to have this feature enabled"),
        ),
        5_000_000_429: Fault(
            "Answers HTTP 429, Retry-After 2 s",
            429,
            _html("429 Too Many Requests"),
            HTML,
            (("Retry-After", "2"),),
        ),
        5_000_000_430: Fault(
            "Answers HTTP 429, no Retry-After", 429, _html("429 Too Many Requests"), HTML
        ),
        5_000_000_431: Fault(
            "Answers HTTP 429, Retry-After as a date",
            429,
            _html("429 Too Many Requests"),
            HTML,
            retry_after_date_in_s=3,
        ),
        5_000_000_500: Fault("Answers HTTP 500", 500, _json("Internal Server Error")),
        5_000_000_502: Fault("Answers HTTP 502 (HTML)", 502, _html("502 Bad Gateway"), HTML),
        5_000_000_503: Fault(
            "Answers HTTP 503 (HTML)", 503, _html("503 Service Temporarily Unavailable"), HTML
        ),
        5_000_000_504: Fault("Answers HTTP 504 (HTML)", 504, _html("504 Gateway Time-out"), HTML),
        5_000_000_520: Fault(
            "Flaky: 503, then the entry on retry",
            body=entry_body(5_000_000_520),
            behaviour=Behaviour.EVERY_OTHER,
        ),
        5_000_000_900: Fault("Body: invalid JSON", body=entry_body(5_000_000_900)[:40]),
        5_000_000_901: Fault("Body: JSON null", body=b"null"),
        5_000_000_902: Fault("Body: a JSON array", body=b"[" + entry_body(5_000_000_902) + b"]"),
        5_000_000_903: Fault("Body: a JSON string", body=_json("5000000903")),
        5_000_000_904: Fault(
            "Body: id as a string", body=entry_body(5_000_000_904, id="5000000904")
        ),
        5_000_000_905: Fault(
            "Body: duration as a string", body=entry_body(5_000_000_905, duration="600")
        ),
        5_000_000_906: Fault("Body: no id", body=_json(without_id)),
        5_000_000_907: Fault("Body: another entry's id", body=entry_body(5_000_000_001)),
        5_000_000_908: Fault("Body: larger than 10 MB", behaviour=Behaviour.OVERSIZED),
        5_000_000_909: Fault(
            "Body: HTML with status 200", body=_html("Welcome"), content_type=HTML
        ),
        5_000_000_910: Fault(
            "Connection closed mid-body",
            body=entry_body(5_000_000_910),
            behaviour=Behaviour.CLOSE_MID_BODY,
        ),
        5_000_000_911: Fault("Drips a byte every 0.5 s, forever", behaviour=Behaviour.DRIP),
        5_000_000_912: Fault("Never answers (read timeout)", behaviour=Behaviour.SILENT),
        5_000_000_913: Fault(
            "Body: gzip inside gzip (a bomb)",
            headers=(("Content-Encoding", "gzip, gzip"),),
            make_body=lambda: gzip_of_gzip_of_zeros(BOMB_MIB),
        ),
        5_000_000_914: Fault(
            "Body: gzip bomb (4 GiB of zeros)",
            headers=(("Content-Encoding", "gzip"),),
            make_body=lambda: gzip_of_zeros(BOMB_MIB),
        ),
        5_000_000_915: Fault(
            "Body: encoded as br (not asked)",
            body=entry_body(5_000_000_915),
            headers=(("Content-Encoding", "br"),),
        ),
        5_000_000_916: Fault(
            "Body: a number of 5,000 digits", body=with_raw(5_000_000_916, "big", LONG_NUMBER)
        ),
        5_000_000_917: Fault(
            "Body: duration of 10^400", body=entry_body(5_000_000_917, duration=10**400)
        ),
        5_000_000_918: Fault(
            "Body: arrays nested 500 deep",
            body=with_raw(5_000_000_918, "nested", b"[" * 500 + b"]" * 500),
        ),
        5_000_000_919: Fault(
            "Body: id twice", body=b'{"id": 5000000001, ' + entry_body(5_000_000_919)[1:]
        ),
        5_000_000_920: Fault("Error body: 5,000-digit number", 500, LONG_NUMBER),
        5_000_000_921: Fault(
            "Header: quota of 5,000 digits",
            body=entry_body(5_000_000_921),
            headers=(("X-Toggl-Quota-Remaining", LONG_NUMBER.decode()),),
        ),
        5_000_000_922: Fault(
            "HTTP 429, 5,000-digit Retry-After",
            429,
            _html("429 Too Many Requests"),
            HTML,
            (("Retry-After", LONG_NUMBER.decode()),),
        ),
        5_000_000_923: Fault(
            "Header: 200 KB long",
            body=entry_body(5_000_000_923),
            headers=(("X-Padding", "x" * 200_000),),
        ),
        5_000_000_924: Fault(
            "HTTP 502, HTML-escaped title",
            502,
            _html("502 Bad Gateway &lt;b&gt;edge&lt;/b&gt; &amp; co"),
            HTML,
        ),
    }


def fault_catalogue(faults: dict[int, Fault]) -> list[DemoEntry]:
    return [DemoEntry(entry_id, fault.label) for entry_id, fault in faults.items()]

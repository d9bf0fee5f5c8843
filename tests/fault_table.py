"""The fault matrix as the tests drive it: demo ID, the error it must become, words its
message must contain. Shared by the service, GUI and get tests so all three cover every row."""

from __future__ import annotations

# (demo ID, ApiError subclass name, words in the message)
FAULT_ROWS = [
    (5_000_000_400, "BadRequest", "malformed (HTTP 400)"),
    (5_000_000_401, "Unauthorized", "did not accept the sign-in (HTTP 401)"),
    (5_000_000_402, "QuotaExhausted", "quota is used up (HTTP 402). It resets in 0:20:34"),
    (5_000_000_421, "FeatureNotOnPlan", "plan feature the workspace does not have (HTTP 402)"),
    (5_000_000_403, "Forbidden", "User does not have access to this resource"),
    (5_000_000_404, "NotFound", "older than about three months"),
    (5_000_000_410, "Gone", "retired this endpoint (HTTP 410 Gone)"),
    (5_000_000_429, "RateLimited", "(HTTP 429). Toggl asks to wait 2 s"),
    (5_000_000_430, "RateLimited", "Too many requests to Toggl in a short time (HTTP 429)"),
    (5_000_000_431, "RateLimited", "(HTTP 429). Toggl asks to wait"),
    (5_000_000_500, "ServerError", "Toggl's server failed (HTTP 500)"),
    (5_000_000_502, "ServerError", "through its gateway (HTTP 502)"),
    (5_000_000_503, "ServerError", "unavailable for the moment (HTTP 503)"),
    (5_000_000_504, "ServerError", "did not answer its gateway in time (HTTP 504)"),
    (5_000_000_900, "InvalidResponse", "not valid JSON"),
    (5_000_000_901, "InvalidResponse", "JSON null instead of a time entry object"),
    (5_000_000_902, "InvalidResponse", "a JSON array instead of a time entry object"),
    (5_000_000_903, "InvalidResponse", "a JSON string instead of a time entry object"),
    (5_000_000_904, "InvalidResponse", 'has id "5000000904" (str)'),
    (5_000_000_906, "InvalidResponse", "has no id; not shown"),
    (5_000_000_907, "InvalidResponse", "answered with entry 5000000001; not shown"),
    (5_000_000_908, "InvalidResponse", "larger than 10 MB"),
    (5_000_000_909, "InvalidResponse", "text/html instead of JSON"),
    (5_000_000_910, "ConnectionDropped", "closed the connection before the answer was complete"),
    (5_000_000_911, "DeadlineExceeded", "deadline"),
    (5_000_000_912, "RequestTimedOut", "(read timeout)"),
    (5_000_000_913, "InvalidResponse", "compressed its answer 2 times over"),
    (5_000_000_914, "InvalidResponse", "larger than 10 MB once unpacked"),
    (5_000_000_915, "InvalidResponse", "encoded as 'br' (Content-Encoding)"),
    (5_000_000_916, "InvalidResponse", "holds a number of more than 4,300 digits"),
    (5_000_000_920, "ServerError", "Toggl's server failed (HTTP 500). The server said: \"9999"),
    (5_000_000_922, "RateLimited", "(HTTP 429). Toggl asks to wait a day or more."),
    (5_000_000_923, "InvalidResponse", "sent a response header too long to read"),
    (5_000_000_924, "ServerError", 'The server said: "502 Bad Gateway <b>edge</b> & co"'),
]
# Rows whose headers never arrive (or cannot be read): no request id to quote.
HEADERS_UNREAD = {5_000_000_912, 5_000_000_923}
# Hostile answers that are shown, each with the anomaly that marks it:
# (demo ID, anomaly code, words in its message).
SHOWN_ROWS = [
    (
        5_000_000_917,
        "number_out_of_range",
        "duration is 100000000000…000000 (401 digits), beyond any 64-bit integer",
    ),
    (5_000_000_918, "deeply_nested", "nested is nested 500 levels deep; the tree opens the first"),
    (5_000_000_919, "duplicate_key", "id appears 2 times in the answer (5000000001, 5000000919)"),
]
# Headers not taken as sent: (demo ID, words of the note in the Request tab and the log).
_LONG = "'" + "9" * 39 + "…' (5,000 characters)"
NOTED_ROWS = [
    (5_000_000_921, f"X-Toggl-Quota-Remaining {_LONG} is not a whole number of 64 bits; ignored."),
    (5_000_000_922, f"Retry-After {_LONG} asks for a day or more; read as one day."),
]
# Settings under which every row ends quickly: one attempt, short timeouts.
# The read timeout outlasts the drip's 0.5 s between bytes, so only the deadline stops a drip.
QUICK = {"connect_timeout_s": 0.5, "read_timeout_s": 1.0, "deadline_s": 1.8, "max_attempts": 1}

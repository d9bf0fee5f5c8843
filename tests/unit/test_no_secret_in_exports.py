"""No ticket summary, export (CSV, JSON Lines), cURL text or history row ever holds the token
or the password in any form (the secret as typed, its Basic-auth base64 forms), whatever the
entry holds: an answer may echo the secret into any field (issue #14)."""

from __future__ import annotations

import base64
import csv
import io
import json
import sqlite3
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from inspector.api.auth import ApiAuth
from inspector.api.exchange import ExchangeRecord, Quota
from inspector.api.time_entries import EntryResponse
from inspector.demo.dataset import demo_entry
from inspector.domain.curl import curl_command
from inspector.domain.entry_view import build_entry_view
from inspector.domain.exports import csv_text, export_row, jsonl_text
from inspector.domain.ticket_summary import entry_summary, results_summary
from inspector.history import FILE_NAME, LookupHistory
from inspector.logs import RedactSecrets
from inspector.services import LookupRequest, LookupResult
from inspector.services.findings import Finding, curl_for

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
START = NOW - timedelta(hours=3)
EMAIL = "support.person@example.com"
TEXT_FIELDS = ("description", "user_name", "project_name", "client_name", "task_name")

tokens = st.text(alphabet="0123456789abcdef", min_size=32, max_size=32).map(ApiAuth.for_token)
passwords = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=8, max_size=30
).map(lambda password: ApiAuth.for_password(EMAIL, password))
# Where an answer may carry the secret, and how it may be wrapped there.
wrappers = st.sampled_from(
    [
        "{}",
        "token: {} (pasted by mistake)",
        "\x1b[31m{}\x1b[0m",
        "line\n{}\nline",
        "**{}**",
        "={}",
        '"{}"',
        "\u202e{}",
    ]
)
placements = st.lists(
    st.sampled_from([*TEXT_FIELDS, "tags", "shared_with", "odd_field"]), min_size=1, max_size=4
)


def entry_with(text_in: dict[str, str]) -> dict[str, object]:
    raw = demo_entry(5000000001, START, 5400, START + timedelta(minutes=90))
    for field, text in text_in.items():
        if field == "tags":
            raw["tags"] = ["support", text]
        elif field == "shared_with":
            raw["shared_with"] = [{"user_id": 1, "user_name": text, "accepted": True}]
        else:
            raw[field] = text
    return raw


def result_for(raw: dict[str, object], ascii_body: bool = False) -> LookupResult:
    # Toggl's encoder (Go) may escape characters (&, <, >, non-ASCII) in the body: the
    # secret is then not spelled as typed there.
    body = json.dumps(raw, ensure_ascii=ascii_body)
    url = "https://api.track.toggl.com/api/v9/me/time_entries/5000000001?meta=true"
    return LookupResult(
        LookupRequest(5000000001, meta=True),
        build_entry_view(raw, NOW, UTC),
        EntryResponse(url, body, raw, 3.0, Quota(12, 100), "req-1"),
        "keyring",
        ExchangeRecord(url=url, attempts=1, request_id="req-1"),
    )


def everything_written(raw: dict[str, object], redact, ascii_body: bool = False) -> dict[str, str]:
    """Every text the faces write from one lookup of ``raw``."""
    result = result_for(raw, ascii_body)
    found = Finding.of_result(result, NOW)
    facts = [found.facts(EMAIL, "https://api.track.toggl.com", "Europe/Berlin")]
    now = NOW
    texts = {
        "summary.md": entry_summary(facts[0], now, markdown=True, redact=redact),
        "summary.txt": entry_summary(facts[0], now, markdown=False, redact=redact),
        "table.md": results_summary(facts, now, markdown=True, redact=redact),
        "table.txt": results_summary(facts, now, markdown=False, redact=redact),
        "export.csv": csv_text(facts, now, redact),
        "export.jsonl": jsonl_text([export_row(f, now, redact) for f in facts]),
        "curl": curl_for(result, redact),
        "curl.post": curl_command("POST", result.response.url, json.dumps({"x": 1}), redact),
    }
    with tempfile.TemporaryDirectory() as directory:
        history = LookupHistory(Path(directory) / FILE_NAME, redact=redact)
        row = history.record(found.history_record(EMAIL, "https://api.track.toggl.com"))
        history.close()
        connection = sqlite3.connect(Path(directory) / FILE_NAME)
        columns = connection.execute("SELECT * FROM lookups WHERE id = ?", (row,)).fetchone()
        body = connection.execute("SELECT body FROM lookups WHERE id = ?", (row,)).fetchone()
        connection.close()
        texts["history.row"] = "\n".join(str(value) for value in columns)
        texts["history.body"] = body[0] or "null"
        texts["history.file"] = b"".join(
            path.read_bytes() for path in Path(directory).iterdir()
        ).decode("utf-8", "replace")
    return texts


def parsed_strings(texts: dict[str, str]) -> list[str]:
    """The exports as a program reads them back: every string value and cell."""
    strings: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for key, item in value.items():
                strings.append(key)
                walk(item)

    for line in texts["export.jsonl"].splitlines():
        walk(json.loads(line))
    for row in csv.reader(io.StringIO(texts["export.csv"])):
        strings.extend(row)
    walk(json.loads(texts["history.body"]))  # the body as a program reads it back
    return strings


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    auth=st.one_of(tokens, passwords),
    wrapper=wrappers,
    where=placements,
    ascii_body=st.booleans(),
)
def test_no_output_ever_holds_a_secret_in_any_form(auth, wrapper, where, ascii_body):
    forms = auth.secret_forms()
    redactor = RedactSecrets()
    for form in forms:
        redactor.register(form)
    secret = forms[0]
    # The same entry without the secret: a form that its outputs hold anyway (a password
    # such as "00000000", which the entry's ID 5000000001 spells) says nothing of a leak.
    baseline = everything_written(entry_with(dict.fromkeys(where, "plain")), redactor.redact)
    assume(not any(form in text for form in forms for text in baseline.values()))
    holding = {
        field: wrapper.format(form) for field, form in zip(where, [*forms] * 4, strict=False)
    }
    texts = everything_written(entry_with(holding), redactor.redact, ascii_body)
    for name, text in texts.items():
        for form in forms:
            assert form not in text, (name, form)
    for value in parsed_strings(texts):
        assert secret not in value
    assert "[redacted]" in texts["history.row"]  # the body held it, at least


def test_the_curl_text_never_holds_the_token_and_the_history_only_the_email():
    auth = ApiAuth.for_token("c0ffee00c0ffee00c0ffee00c0ffee00")
    redactor = RedactSecrets()
    for form in auth.secret_forms():
        redactor.register(form)
    texts = everything_written(entry_with({}), redactor.redact)
    assert '"$TOGGL_API_TOKEN:api_token"' in texts["curl"]
    assert EMAIL in texts["history.row"]
    assert all(form not in t for form in auth.secret_forms() for t in texts.values())
    assert base64.b64encode(b"x:api_token").decode() not in texts["curl"]

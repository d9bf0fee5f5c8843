"""A body kept with its secrets replaced stays JSON a program can read back."""

from __future__ import annotations

import json

from inspector.domain.exports import redacted_json_text
from inspector.logs import RedactSecrets


def redactor_of(*secrets: str) -> RedactSecrets:
    redactor = RedactSecrets()
    for secret in secrets:
        redactor.register(secret)
    return redactor


def test_a_secret_ending_in_a_backslash_leaves_json_that_reads_back():
    # The body writes the password 0000000\ as 0000000\\: replacing it as written would
    # leave \" behind, and the closing quote escaped.
    secret = "0000000\\"
    body = json.dumps({"id": 1, "description": f"pasted {secret} by mistake"})
    kept = redacted_json_text(body, redactor_of(secret).redact)
    assert kept is not None
    value = json.loads(kept)
    assert value == {"id": 1, "description": "pasted [redacted] by mistake"}
    assert secret not in kept


def test_a_body_without_the_secret_is_kept_as_written():
    body = '{"id": 1,   "description": "plain"}'
    assert redacted_json_text(body, redactor_of("s3cr3t-value").redact) == body

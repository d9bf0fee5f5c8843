"""*Copy as cURL*: the request a lookup sent, as a command anyone can run with their own token.

The token is never written: ``$TOGGL_API_TOKEN`` stands in its place (Toggl's token form of
Basic auth, which works for any account), so the command can be pasted into a ticket.
"""

from __future__ import annotations

import shlex

from inspector.domain.lookup_facts import Redact, unchanged

TOKEN_PLACEHOLDER = "$TOGGL_API_TOKEN"


def curl_command(
    method: str, url: str, json_body: str | None = None, redact: Redact = unchanged
) -> str:
    """``curl -u "$TOGGL_API_TOKEN:api_token" 'URL'`` (with ``-X POST`` and the JSON body
    for a Reports search). Everything but the placeholder is single-quoted for the shell."""
    parts = ["curl", "-u", f'"{TOKEN_PLACEHOLDER}:api_token"']
    if method.upper() != "GET":
        parts += ["-X", shlex.quote(method.upper())]
    if json_body is not None:
        parts += ["-H", shlex.quote("Content-Type: application/json")]
        parts += ["--data-binary", shlex.quote(json_body)]
    parts.append(shlex.quote(url))
    return redact(" ".join(parts))

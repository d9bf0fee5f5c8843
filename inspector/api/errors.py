"""What can go wrong when asking Toggl for an entry, as a hierarchy of typed errors.

Every message is written for the person at the window and never contains a credential.
"""

from __future__ import annotations


class ApiError(Exception):
    """Base of every lookup failure; ``str(error)`` is a complete sentence for a person."""

    def __init__(self, message: str, *, status: int | None = None,
                 request_id: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.request_id = request_id

    @property
    def message(self) -> str:
        return str(self.args[0])


class MissingCredentials(ApiError):
    """No API token is known: nothing was sent."""


class Unauthorized(ApiError):
    """401: the token was refused."""


class Forbidden(ApiError):
    """403: signed in, but this entry (or resource) is not accessible to the user."""


class NotFound(ApiError):
    """404: no such entry for this user, or older than /me/time_entries can reach."""


class QuotaExhausted(ApiError):
    """402: the hourly request quota is used up (or a plan feature is missing)."""


class RateLimited(ApiError):
    """429: too many requests in a short time."""


class Gone(ApiError):
    """410: Toggl retired the endpoint."""


class ServerError(ApiError):
    """5xx: the server failed."""


class UnexpectedStatus(ApiError):
    """Any other HTTP status the inspector has no specific meaning for."""


class NetworkError(ApiError):
    """The request did not get an HTTP answer: refused, DNS, TLS, connection dropped."""


class RequestTimedOut(NetworkError):
    """No answer within the time allowed."""


class InvalidResponse(ApiError):
    """An HTTP 200 whose body is not a time entry object."""

"""What can go wrong when asking Toggl for an entry, as a hierarchy of typed errors.

Every message is written for the person at the window and never contains a credential.
``retryable`` says whether asking again may help; ``retry_after_s`` is the server's own wish.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict, Unpack

if TYPE_CHECKING:
    from inspector.api.exchange import ExchangeRecord


class ErrorDetails(TypedDict, total=False):
    """What an answer told about itself, handed on to the ApiError that names it."""

    status: int | None
    request_id: str | None
    retry_after_s: float | None


class ApiError(Exception):
    """Base of every lookup failure; ``str(error)`` is a complete sentence for a person."""

    retryable = False

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        request_id: str | None = None,
        retry_after_s: float | None = None,
        tells_attempts: bool = False,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.request_id = request_id
        self.retry_after_s = retry_after_s
        # The message already says how many requests were made ("(2 attempts)"), so
        # failure_text does not say it again.
        self.tells_attempts = tells_attempts
        self.record: ExchangeRecord | None = None  # what was sent and received, if anything

    @property
    def message(self) -> str:
        return str(self.args[0])


class MissingCredentials(ApiError):
    """No API token is known: nothing was sent."""


class BadRequest(ApiError):
    """400: the server refused the request's form."""


class Unauthorized(ApiError):
    """401: the token was refused."""


class Forbidden(ApiError):
    """403: signed in, but this entry (or resource) is not accessible to the user."""


class NotFound(ApiError):
    """404: no such entry for this user, or older than /me/time_entries can reach."""


class NotFoundInReports(NotFound):
    """The Reports API search went through its whole date range without the entry."""


class WorkspaceNotAccessible(Forbidden):
    """403 from the Reports API: the workspace does not exist or the user is not in it."""


class WorkspaceNeeded(ApiError):
    """A Reports search needs a workspace and none was given or could be found: nothing
    was searched."""


class QuotaExhausted(ApiError):
    """402 with the quota used up: never retried before the quota resets."""

    def __init__(
        self, message: str, *, resets_in_s: int | None = None, **details: Unpack[ErrorDetails]
    ) -> None:
        super().__init__(message, **details)
        self.resets_in_s = resets_in_s


class FeatureNotOnPlan(ApiError):
    """402 that is not about the quota: the workspace's plan lacks the feature."""


class RateLimited(ApiError):
    """429: too many requests in a short time."""

    retryable = True


class Gone(ApiError):
    """410: Toggl retired the endpoint."""


class ServerError(ApiError):
    """5xx: the server (or a proxy in front of it) failed."""

    retryable = True


class UnexpectedStatus(ApiError):
    """Any other HTTP status the inspector has no specific meaning for."""


class NetworkError(ApiError):
    """The request did not get a complete HTTP answer."""

    retryable = True


class ConnectionRefused(NetworkError):
    """Nothing listens at the API's address."""


class ConnectionDropped(NetworkError):
    """The server closed the connection before the answer was complete."""


class DnsFailure(NetworkError):
    """The API's host name does not resolve: asking again will not help."""

    retryable = False


class TlsFailure(NetworkError):
    """The secure connection could not be set up: asking again will not help."""

    retryable = False


class RequestTimedOut(NetworkError):
    """No answer within the connect or read timeout."""


class DeadlineExceeded(RequestTimedOut):
    """The lookup as a whole, retries included, ran past its deadline."""

    retryable = False


class InvalidResponse(ApiError):
    """An HTTP 200 whose body is not a time entry object."""

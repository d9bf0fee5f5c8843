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
    title = "Failed"  # what happened, in two or three words ("Not found")

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

    @property
    def outcome(self) -> str:
        """The title and the HTTP status, if any: "Not found (404)"."""
        return self.title if self.status is None else f"{self.title} ({self.status})"


class MissingCredentials(ApiError):
    """No API token is known: nothing was sent."""

    title = "No credentials"


class BadRequest(ApiError):
    """400: the server refused the request's form."""

    title = "Bad request"


class Unauthorized(ApiError):
    """401: the token was refused."""

    title = "Sign-in refused"


class Forbidden(ApiError):
    """403: signed in, but this entry (or resource) is not accessible to the user."""

    title = "No access"


class NotFound(ApiError):
    """404: no such entry for this user, or older than /me/time_entries can reach."""

    title = "Not found"


class NotFoundInReports(NotFound):
    """The Reports API search went through its whole date range without the entry."""

    title = "Not found in Reports"


class WorkspaceNotAccessible(Forbidden):
    """403 from the Reports API: the workspace does not exist or the user is not in it."""

    title = "Workspace not accessible"


class WorkspaceNeeded(ApiError):
    """A Reports search needs a workspace and none was given or could be found: nothing
    was searched."""

    title = "Workspace needed"


class QuotaExhausted(ApiError):
    """402 with the quota used up: never retried before the quota resets."""

    title = "Quota used up"

    def __init__(
        self, message: str, *, resets_in_s: int | None = None, **details: Unpack[ErrorDetails]
    ) -> None:
        super().__init__(message, **details)
        self.resets_in_s = resets_in_s


class FeatureNotOnPlan(ApiError):
    """402 that is not about the quota: the workspace's plan lacks the feature."""

    title = "Not on the plan"


class RateLimited(ApiError):
    """429: too many requests in a short time."""

    title = "Too many requests"

    retryable = True


class Gone(ApiError):
    """410: Toggl retired the endpoint."""

    title = "Endpoint retired"


class ServerError(ApiError):
    """5xx: the server (or a proxy in front of it) failed."""

    title = "Server error"

    retryable = True


class UnexpectedStatus(ApiError):
    """Any other HTTP status the inspector has no specific meaning for."""

    title = "Unexpected status"


class NetworkError(ApiError):
    """The request did not get a complete HTTP answer."""

    title = "Network error"

    retryable = True


class ConnectionRefused(NetworkError):
    """Nothing listens at the API's address."""

    title = "Connection refused"


class ConnectionDropped(NetworkError):
    """The server closed the connection before the answer was complete."""

    title = "Connection dropped"


class DnsFailure(NetworkError):
    """The API's host name does not resolve: asking again will not help."""

    title = "Host not found (DNS)"

    retryable = False


class TlsFailure(NetworkError):
    """The secure connection could not be set up: asking again will not help."""

    title = "Secure connection failed"

    retryable = False


class RequestTimedOut(NetworkError):
    """No answer within the connect or read timeout."""

    title = "Timed out"


class DeadlineExceeded(RequestTimedOut):
    """The lookup as a whole, retries included, ran past its deadline."""

    title = "Deadline passed"

    retryable = False


class InvalidResponse(ApiError):
    """An HTTP 200 whose body is not a time entry object."""

    title = "Invalid answer"

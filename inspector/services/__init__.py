"""The use cases both faces (the window and ``get``) share, without Qt.

What lives where:

- ``types``: what a lookup or a Reports search is asked and what it answers
  (LookupRequest, LookupResult, ReportsRequest, ReportsResult, SearchProgress,
  NetworkSettings, failure_text, ...). Light: no httpx or keyring, so the window can import
  it before its first paint. Re-exported here.
- ``lookup``: EntryLookup, looking one entry up (credentials, request, retries, deadline,
  view), and the app's one HTTP client (create_http_client). Imports httpx and keyring.
- ``reports``: ReportsSearch, finding an older entry through the Reports API (on EntryLookup).
- ``sign_in``: checking a typed credential, verifying it with Toggl, keeping it, signing out.
- ``auth``: how requests sign in with a credential (credential_auth).
- ``recording``: what the server said during one use case, on its ExchangeRecord and in the log.
- ``context``: ContextService, explaining why an entry may look wrong within a priced plan,
  and the deleted check after a v9 404 (on EntryLookup). Its light types (PlannedRequest,
  ContextPlan, ContextProgress, EntryContext, DeletedCheck) are in ``context_types``.
- ``quota``: QuotaGauge, the hourly quota as the last answer told it (one, on EntryLookup).
- ``findings``: Finding, what looking one ID up found (result or error, when), and what it
  becomes in a ticket summary, an export, the history or a cURL command (curl_for). Light.
- ``batch``: BatchLookup, several IDs at once within the quota (pause or stop at the
  reserve, cancel keeps what was found); its light types (BatchPlan, BatchProgress,
  QuotaPause, BatchOutcome, AtReserve, BatchStop) are in ``batch_types``.
- ``lookup_history``: HistoryRecorder (`get`) and HistoryService (the window, on a worker
  thread) over the lookup history (inspector.history); stored_view and what_changed.

Only the light types are imported here: import the heavy modules by their own names.
"""

from inspector.services.types import (
    DEFAULT_REPORT_YEARS,
    EARLIEST_REPORT_YEAR,
    MAX_REPORT_YEARS,
    SOURCE_REPORTS,
    SOURCE_V9,
    LookupRequest,
    LookupResult,
    NetworkSettings,
    ReportsRequest,
    ReportsResult,
    SearchProgress,
    failure_text,
    utc_now,
)

__all__ = [
    "DEFAULT_REPORT_YEARS",
    "EARLIEST_REPORT_YEAR",
    "MAX_REPORT_YEARS",
    "SOURCE_REPORTS",
    "SOURCE_V9",
    "LookupRequest",
    "LookupResult",
    "NetworkSettings",
    "ReportsRequest",
    "ReportsResult",
    "SearchProgress",
    "failure_text",
    "utc_now",
]

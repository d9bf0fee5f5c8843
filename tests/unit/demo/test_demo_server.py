"""The demo Toggl API: a real loopback server, asked with a plain synchronous httpx.Client."""

from __future__ import annotations

import base64
import threading
import time
import unicodedata
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from inspector.demo.dataset import DEMO_API_TOKEN, build_dataset
from inspector.demo.explain_data import build_explain_entries
from inspector.demo.faults import build_faults
from inspector.demo.reports import build_reports
from inspector.demo.server import DemoServer, ServedRequest, demo_catalogue
from inspector.domain.field_catalogue import META_FIELDS, SHARING_FIELDS

STOPPED_ID = 5_000_000_001  # "Stopped, every meta field"
UNKNOWN_ID = 5_000_009_999

# Fields the spec documents, plus those FACTS.md reports from real traffic.
KNOWN_FIELDS = {
    "at",
    "billable",
    "client_name",
    "description",
    "duration",
    "duronly",
    "id",
    "permissions",
    "pid",
    "project_active",
    "project_billable",
    "project_color",
    "project_name",
    "project_id",
    "shared_with",
    "start",
    "stop",
    "tag_ids",
    "tags",
    "task_id",
    "task_name",
    "tid",
    "uid",
    "user_avatar_url",
    "user_name",
    "user_id",
    "wid",
    "workspace_id",
    "server_deleted_at",
    "client_id",
    "expense_ids",
}


def path(entry_id: int) -> str:
    return f"/api/v9/me/time_entries/{entry_id}"


@pytest.fixture(scope="module")
def server() -> Iterator[DemoServer]:
    """Shared by the read-only tests: stopping a server takes up to half a second."""
    with DemoServer() as running:
        yield running


@pytest.fixture
def fresh_server() -> Iterator[DemoServer]:
    with DemoServer() as running:
        yield running


@pytest.fixture
def client(server: DemoServer) -> Iterator[httpx.Client]:
    with httpx.Client(
        base_url=server.url, auth=(DEMO_API_TOKEN, "api_token"), timeout=10.0
    ) as http:
        yield http


def parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


# --- options ----------------------------------------------------------------------------


def test_without_options_meta_and_sharing_fields_are_absent(client: httpx.Client) -> None:
    response = client.get(path(STOPPED_ID))
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["id"] == STOPPED_ID
    assert not set(META_FIELDS) & body.keys()
    assert not set(SHARING_FIELDS) & body.keys()


def test_meta_true_adds_the_meta_fields_only(client: httpx.Client) -> None:
    body = client.get(path(STOPPED_ID), params={"meta": "true"}).json()
    assert set(META_FIELDS) <= body.keys()
    assert not set(SHARING_FIELDS) & body.keys()


def test_include_sharing_true_adds_the_sharing_fields_only(client: httpx.Client) -> None:
    body = client.get(path(STOPPED_ID), params={"include_sharing": "true"}).json()
    assert set(SHARING_FIELDS) <= body.keys()
    assert not set(META_FIELDS) & body.keys()


def test_both_options_give_the_whole_entry(server: DemoServer, client: httpx.Client) -> None:
    body = client.get(path(STOPPED_ID), params={"meta": "true", "include_sharing": "true"}).json()
    assert body == server.entries[STOPPED_ID]


@pytest.mark.parametrize("value", ["1", "t", "T", "TRUE", "true", "True"])
def test_true_spellings_of_go_parsebool_are_accepted(client: httpx.Client, value: str) -> None:
    body = client.get(path(STOPPED_ID), params={"meta": value, "include_sharing": value}).json()
    assert set(META_FIELDS) <= body.keys()
    assert set(SHARING_FIELDS) <= body.keys()


@pytest.mark.parametrize("value", ["0", "f", "F", "FALSE", "false", "False"])
def test_false_spellings_of_go_parsebool_are_accepted(client: httpx.Client, value: str) -> None:
    response = client.get(path(STOPPED_ID), params={"meta": value, "include_sharing": value})
    assert response.status_code == 200
    assert not (set(META_FIELDS) | set(SHARING_FIELDS)) & response.json().keys()


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("meta", "yes"),
        ("meta", ""),
        ("meta", "tRUE"),
        ("include_sharing", "yes"),
        ("include_sharing", "2"),
    ],
)
def test_other_boolean_spellings_are_bad_requests(
    client: httpx.Client, name: str, value: str
) -> None:
    response = client.get(path(STOPPED_ID), params={name: value})
    assert response.status_code == 400
    message = response.json()
    assert isinstance(message, str)
    assert name in message


# --- authentication and faults ----------------------------------------------------------


@pytest.mark.parametrize(
    "auth",
    [
        None,
        ("0" * 32, "api_token"),
        (DEMO_API_TOKEN, "not_api_token"),
        ("api_token", DEMO_API_TOKEN),
    ],
)
def test_wrong_or_missing_token_is_401_with_empty_body(
    server: DemoServer, auth: tuple[str, str] | None
) -> None:
    with httpx.Client(base_url=server.url, auth=auth, timeout=10.0) as http:
        response = http.get(path(STOPPED_ID), params={"meta": "true"})
    assert response.status_code == 401
    assert response.content == b""


@pytest.mark.parametrize(
    "header",
    [
        f"Bearer {DEMO_API_TOKEN}",
        "Basic !!!not-base64!!!",
        "Basic",
        "Basic " + base64.b64encode(DEMO_API_TOKEN.encode()).decode(),  # no ":api_token"
        "Basic " + base64.b64encode(b"\xff\xfe:api_token").decode(),  # not UTF-8
    ],
)
def test_malformed_authorization_is_401(server: DemoServer, header: str) -> None:
    with httpx.Client(base_url=server.url, timeout=10.0) as http:
        response = http.get(path(STOPPED_ID), headers={"Authorization": header})
    assert response.status_code == 401
    assert response.content == b""


@pytest.mark.parametrize(
    ("entry_id", "status", "body"),
    [
        (5_000_000_401, 401, b""),
        (5_000_000_403, 403, b'"User does not have access to this resource"'),
        (5_000_000_404, 404, b'"Resource can not be found"'),
        (5_000_000_500, 500, b'"Internal Server Error"'),
    ],
)
def test_fault_ids_answer_their_status_and_json_string_body(
    client: httpx.Client, entry_id: int, status: int, body: bytes
) -> None:
    assert build_faults()[entry_id].status == status
    response = client.get(path(entry_id))
    assert response.status_code == status
    assert response.content == body
    assert response.headers["Content-Type"].startswith("application/json")


def test_fault_id_still_needs_the_token(server: DemoServer) -> None:
    with httpx.Client(base_url=server.url, timeout=10.0) as http:
        response = http.get(path(5_000_000_500))
    assert response.status_code == 401


def test_unknown_id_is_404(client: httpx.Client) -> None:
    response = client.get(path(UNKNOWN_ID), params={"meta": "true"})
    assert response.status_code == 404
    assert response.json() == "Resource can not be found"


@pytest.mark.parametrize(
    "other",
    [
        "/api/v9/me/projects",
        "/api/v9/me/time_entries/abc",
        "/api/v9/me/time_entries/5000000001/extra",
        "/",
    ],
)
def test_other_paths_are_404(client: httpx.Client, other: str) -> None:
    assert client.get(other).status_code == 404


# --- headers and the record of requests ------------------------------------------------


def test_answers_carry_request_id_and_quota_headers(client: httpx.Client) -> None:
    responses = [
        client.get(path(STOPPED_ID)),
        client.get(path(UNKNOWN_ID)),
        client.get(path(5_000_000_403)),
    ]
    ids = []
    remaining = []
    for response in responses:
        request_id = response.headers["X-Toggl-Request-Id"]
        assert request_id
        ids.append(request_id)
        remaining.append(int(response.headers["X-Toggl-Quota-Remaining"]))
        assert int(response.headers["X-Toggl-Quota-Resets-In"]) > 0
    assert len(set(ids)) == len(ids)  # one id per request
    assert remaining == sorted(remaining, reverse=True)
    assert remaining[0] > remaining[-1]


def test_401_carries_the_headers_too(server: DemoServer) -> None:
    with httpx.Client(base_url=server.url, timeout=10.0) as http:
        response = http.get(path(STOPPED_ID))
    assert response.status_code == 401
    assert "X-Toggl-Request-Id" in response.headers
    assert "X-Toggl-Quota-Remaining" in response.headers


def test_served_records_each_request_in_order(fresh_server: DemoServer) -> None:
    server = fresh_server
    assert server.served == []
    with httpx.Client(
        base_url=server.url, auth=(DEMO_API_TOKEN, "api_token"), timeout=10.0
    ) as client:
        client.get(path(STOPPED_ID), params={"meta": "true"})
        client.get(path(UNKNOWN_ID))
        client.get(path(5_000_000_403))
        client.get(path(STOPPED_ID), params={"meta": "yes"})
        # The server records after writing; on one keep-alive connection the answer to the
        # next request proves the earlier ones were recorded.
        client.get(path(STOPPED_ID))
    served = server.served
    assert served[:4] == [
        ServedRequest(path(STOPPED_ID), 200),
        ServedRequest(path(UNKNOWN_ID), 404),
        ServedRequest(path(5_000_000_403), 403),
        ServedRequest(path(STOPPED_ID), 400),
    ]
    served.clear()  # a copy: the server's record is untouched
    assert len(server.served) >= 4


# --- the data set -----------------------------------------------------------------------


Entries = list[dict[str, object]]


@pytest.fixture(scope="module")
def entries() -> Entries:
    by_id, _ = build_dataset()
    return list(by_id.values())


def test_dataset_has_a_running_entry_with_duration_minus_one(entries: Entries) -> None:
    assert any(e["duration"] == -1 and e["stop"] is None for e in entries)


def test_dataset_has_a_running_entry_with_minus_start_epoch(entries: Entries) -> None:
    assert any(
        isinstance(e["duration"], int)
        and e["duration"] < -1
        and e["stop"] is None
        and e["duration"] == -int(parse_time(str(e["start"])).timestamp())
        for e in entries
    )


def test_dataset_has_a_duration_only_entry(entries: Entries) -> None:
    assert any(
        e["stop"] is None and isinstance(e["duration"], int) and e["duration"] > 0 for e in entries
    )


def test_dataset_has_a_zero_length_stopped_entry(entries: Entries) -> None:
    assert any(
        e["duration"] == 0 and e["stop"] is not None and e["stop"] == e["start"] for e in entries
    )


def test_dataset_has_sharing_with_accepted_and_not_accepted_users(entries: Entries) -> None:
    def accepted_values(entry: dict[str, object]) -> set[object]:
        users = entry.get("shared_with") or []
        assert isinstance(users, list)
        return {user["accepted"] for user in users}

    assert any(accepted_values(e) == {True, False} for e in entries)


def test_dataset_has_null_empty_and_many_tags(entries: Entries) -> None:
    assert any(e["tags"] is None for e in entries)
    assert any(e["tags"] == [] for e in entries)
    assert any(isinstance(e["tags"], list) and len(e["tags"]) >= 10 for e in entries)


def test_dataset_has_a_null_description(entries: Entries) -> None:
    assert any("description" in e and e["description"] is None for e in entries)


def test_dataset_has_a_non_ascii_emoji_rtl_description(entries: Entries) -> None:
    def mixed(text: object) -> bool:
        if not isinstance(text, str):
            return False
        emoji = any(ord(char) > 0xFFFF for char in text)  # outside the BMP
        rtl = any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)
        accented = any(0x80 <= ord(char) <= 0x24F for char in text)
        return emoji and rtl and accented

    assert any(mixed(e["description"]) for e in entries)


def test_dataset_has_a_deleted_entry(entries: Entries) -> None:
    deleted = [e for e in entries if e.get("server_deleted_at") is not None]
    assert deleted
    parse_time(str(deleted[0]["server_deleted_at"]))  # a real timestamp


def test_dataset_has_unknown_extra_fields(entries: Entries) -> None:
    assert any(set(e) - KNOWN_FIELDS for e in entries)


def test_dataset_ids_are_64_bit_and_catalogued() -> None:
    by_id, _ = build_dataset()
    catalogue = demo_catalogue()
    assert all(entry_id > 2**32 and by_id[entry_id]["id"] == entry_id for entry_id in by_id)
    catalogued = {item.entry_id for item in catalogue}
    old = {item.entry_id for item in build_reports().catalogue}  # only Reports reach them
    explaining, deleted, _ = build_explain_entries()
    assert set(by_id) | set(explaining) | set(deleted) | old | set(build_faults()) == catalogued
    assert len(catalogued) == len(catalogue)  # no ID listed twice
    assert all(item.label for item in catalogue)


def test_every_entry_is_served_unchanged(server: DemoServer, client: httpx.Client) -> None:
    for entry_id, stored in server.entries.items():
        if server.delays.get(entry_id):
            continue  # the slow one: its own test
        response = client.get(path(entry_id), params={"meta": "true", "include_sharing": "1"})
        assert response.status_code == 200
        assert response.json() == stored


def test_non_ascii_is_sent_as_utf8(server: DemoServer, client: httpx.Client) -> None:
    entry_id = next(
        i
        for i, e in server.entries.items()
        if isinstance(e["description"], str) and "\U0001f680" in e["description"]
    )
    response = client.get(path(entry_id))
    assert "\U0001f680".encode() in response.content
    assert response.json()["description"] == server.entries[entry_id]["description"]


# --- delays and stopping ----------------------------------------------------------------


class NotingEvent(threading.Event):
    """The server's stopping event, telling the test when a handler starts to wait on it."""

    def __init__(self) -> None:
        super().__init__()
        self.waiting = threading.Event()

    def wait(self, timeout: float | None = None) -> bool:
        if timeout:
            self.waiting.set()
        return super().wait(timeout)


def test_delayed_answer_is_dropped_promptly_when_the_server_stops() -> None:
    server = DemoServer(delays={STOPPED_ID: 5.0})
    stopping = NotingEvent()
    server.stopping = stopping
    outcome: list[object] = []

    def ask() -> None:
        with httpx.Client(
            base_url=server.url, auth=(DEMO_API_TOKEN, "api_token"), timeout=10.0
        ) as http:
            try:
                outcome.append(http.get(path(STOPPED_ID)))
            except httpx.HTTPError as error:
                outcome.append(error)

    server.start()
    asker = threading.Thread(target=ask)
    try:
        asker.start()
        assert stopping.waiting.wait(timeout=5), "the delayed request never reached a handler"
    finally:
        started = time.monotonic()
        server.stop()
        stop_took = time.monotonic() - started
        asker.join(timeout=5)
    assert stop_took < 3.0
    assert not asker.is_alive()
    assert len(outcome) == 1
    assert isinstance(outcome[0], httpx.TransportError)  # no answer: the connection closed
    assert ServedRequest(path(STOPPED_ID), 200) not in server.served


def test_stop_without_start_releases_the_socket() -> None:
    server = DemoServer()
    server.stop()
    with pytest.raises(OSError):
        server._httpd.socket.getsockname()  # closed


# --- the signed-in user (for sign-in and the Reports API's workspace) ---------------------


@pytest.mark.parametrize("endpoint", ["/api/v9/me", "/api/v9/me/logged", "/api/v9/me/workspaces"])
def test_account_endpoints_need_the_demo_token(server: DemoServer, endpoint: str) -> None:
    with httpx.Client(base_url=server.url, timeout=10.0) as http:
        assert http.get(endpoint, auth=("0" * 32, "api_token")).status_code == 401
        assert http.get(endpoint).status_code == 401
        assert http.get(endpoint, auth=(server.token, "api_token")).status_code == 200


def test_me_is_shaped_like_toggls_and_carries_the_token_like_it(client: httpx.Client) -> None:
    me = client.get("/api/v9/me").json()
    assert {"id", "email", "fullname", "timezone", "default_workspace_id", "api_token"} <= set(me)
    assert me["api_token"] == DEMO_API_TOKEN  # as the real API does: clients must hide it


def test_logged_answers_200_with_no_body(client: httpx.Client) -> None:
    response = client.get("/api/v9/me/logged")
    assert response.status_code == 200 and response.content == b""


def test_workspaces_include_the_default_one(client: httpx.Client) -> None:
    me = client.get("/api/v9/me").json()
    ids = [workspace["id"] for workspace in client.get("/api/v9/me/workspaces").json()]
    assert me["default_workspace_id"] in ids and len(ids) == 3


def test_a_fixed_now_serves_the_same_entries_and_lists_from_that_day() -> None:
    """The screenshots' demo: dated from a moment long past, the same on every run."""
    now = datetime(2020, 3, 2, 9, 30, tzinfo=UTC)
    with DemoServer(now=now) as first, DemoServer(now=now) as second:
        assert first.entries == second.entries
        with httpx.Client(base_url=first.url, auth=(DEMO_API_TOKEN, "api_token")) as http:
            entry = http.get(path(STOPPED_ID)).json()
            listed = http.get(
                "/api/v9/me/time_entries",
                params={"start_date": "2020-02-27", "end_date": "2020-03-01"},
            )
    assert parse_time(entry["start"]) == now - timedelta(days=2)
    assert listed.status_code == 200  # within the three months before that day, not today's
    assert STOPPED_ID in [listed_entry["id"] for listed_entry in listed.json()]

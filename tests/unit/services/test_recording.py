"""Recording: how a use case's end (result or ApiError) is kept on its record and logged."""

from __future__ import annotations

import logging

import pytest

from inspector.api.errors import ApiError, NotFound
from inspector.api.exchange import ExchangeRecord
from inspector.services.recording import Recording

log = logging.getLogger("inspector.test_recording")


def tally(record: ExchangeRecord) -> str:
    return f"{record.attempts} tries"


def test_an_api_error_gets_the_record_its_request_id_and_the_outcome(
    caplog: pytest.LogCaptureFixture,
) -> None:
    record = ExchangeRecord(attempts=2, status=404, request_id="req-1")
    error = NotFound("Time entry 5 was not found (HTTP 404).", status=404)
    with (
        caplog.at_level(logging.INFO, logger=log.name),
        pytest.raises(NotFound) as raised,
        Recording(record, log, "Entry 5", tally),
    ):
        raise error
    assert raised.value is error
    assert error.record is record
    assert error.request_id == "req-1"  # from the record: the error had none
    assert record.outcome == "Not found (404)"
    assert record.message == "Time entry 5 was not found (HTTP 404)."
    assert caplog.messages == [
        "Entry 5: Not found (404): Time entry 5 was not found (HTTP 404). (2 tries)"
    ]


def test_an_errors_own_request_id_wins() -> None:
    record = ExchangeRecord(request_id="from-the-record")
    with pytest.raises(ApiError) as raised, Recording(record, log, "Entry 5", tally):
        raise ApiError("cut mid-body", request_id="from-the-error")
    assert raised.value.request_id == "from-the-error"


def test_other_exceptions_pass_untouched() -> None:
    record = ExchangeRecord()
    with pytest.raises(KeyError), Recording(record, log, "Entry 5", tally):
        raise KeyError("x")
    assert record.outcome == ""


def test_success_sets_the_outcome_and_logs_once(caplog: pytest.LogCaptureFixture) -> None:
    record = ExchangeRecord(attempts=1, status=200)
    with (
        caplog.at_level(logging.INFO, logger=log.name),
        Recording(record, log, "Reports search for entry 5", tally) as recording,
    ):
        recording.succeeded(found=": found in 2023", took=" in 12 ms")
    assert record.outcome == "200 OK: found in 2023"
    assert caplog.messages == [
        "Reports search for entry 5: 200 OK: found in 2023 in 12 ms (1 tries)"
    ]

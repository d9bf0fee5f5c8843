"""The log file: where it goes, what it holds, and that secrets never reach it."""

from __future__ import annotations

import logging

from hypothesis import given
from hypothesis import strategies as st

from inspector.logs import LOG_FILE_NAME, SECRETS, RedactSecrets, configure_logging

MARKER = "LOGMARKER0000aaaa1111bbbb2222cccc"


def test_a_registered_secret_is_redacted_in_messages_arguments_and_tracebacks():
    redactor = RedactSecrets()
    redactor.register(MARKER)
    try:
        raise ValueError(f"bad token {MARKER}")
    except ValueError:
        import sys

        record = logging.LogRecord(
            "x", logging.ERROR, __file__, 1, "token %s in %s", (MARKER, "args"), sys.exc_info()
        )
    assert redactor.filter(record)
    assert MARKER not in record.getMessage()
    assert "[redacted]" in record.getMessage()
    assert MARKER not in record.exc_text


def test_the_log_file_is_written_where_asked_and_redacted(tmp_path, restore_root_logging):
    path = configure_logging(False, {"TOGGL_INSPECTOR_LOG_DIR": str(tmp_path / "logs")})
    assert path == tmp_path / "logs" / LOG_FILE_NAME
    SECRETS.register(MARKER)
    logging.getLogger("inspector.lookup").info("Entry 1: 200 OK with %s", MARKER)
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert "Entry 1: 200 OK with [redacted]" in text
    assert MARKER not in text


def test_an_unwritable_log_directory_is_reported_not_fatal(tmp_path, restore_root_logging, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    assert configure_logging(False, {"TOGGL_INSPECTOR_LOG_DIR": str(blocker / "logs")}) is None
    assert "No log file" in capsys.readouterr().err


def test_a_crash_report_goes_through_the_redacting_handlers(tmp_path, restore_root_logging, capfd):
    import sys

    from inspector.logs import LOG_DIR_ENV, SECRETS, configure_logging

    secret = "crashmarker0123456789abcdef01234"
    SECRETS.register(secret)
    path = configure_logging(False, {LOG_DIR_ENV: str(tmp_path)})
    try:
        raise RuntimeError(f"failed with {secret} in the message")
    except RuntimeError as error:
        sys.excepthook(type(error), error, error.__traceback__)
    err = capfd.readouterr().err
    logged = path.read_text(encoding="utf-8")
    for text in (err, logged):
        assert "Unexpected error: RuntimeError" in text and "Traceback" in text
        assert secret not in text and "[redacted]" in text


# --- redaction when one secret is part of another ---------------------------------------
# Secrets from one alphabet, the text around them from another (and neither from the
# letters of "[redacted]"): whatever is left after redaction must be the surrounding text only.
SECRET_LETTERS = "psw019XYZ"
FILLER_LETTERS = " .:-_KLMN"


@st.composite
def secrets_and_text(draw: st.DrawFn) -> tuple[list[str], str]:
    base = st.text(SECRET_LETTERS, min_size=1, max_size=12)
    secrets = draw(st.lists(base, min_size=1, max_size=5))
    # Prefixes, suffixes and overlaps of the drawn secrets are secrets too.
    for secret in list(secrets):
        cut = draw(st.integers(min_value=1, max_value=len(secret)))
        secrets.append(draw(st.sampled_from([secret[:cut], secret[cut - 1 :]])))
    pieces = []
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        pieces.append(draw(st.text(FILLER_LETTERS, max_size=4)))
        pieces.append(draw(st.sampled_from(secrets)))
    pieces.append(draw(st.text(FILLER_LETTERS, max_size=4)))
    return secrets, "".join(pieces)


@given(secrets_and_text())
def test_no_part_of_any_registered_secret_survives_redaction(drawn):
    secrets, text = drawn
    redactor = RedactSecrets()
    for secret in secrets:
        redactor.register(secret)
    redacted = redactor.redact(text)
    for secret in secrets:
        assert secret not in redacted
    left = redacted.replace("[redacted]", "")
    assert set(left) <= set(FILLER_LETTERS), (text, redacted)


def test_a_secret_that_starts_another_does_not_leave_the_longer_ones_end():
    redactor = RedactSecrets()
    for secret in ("pass", "password1"):
        redactor.register(secret)
    assert redactor.redact("login password1 ok") == "login [redacted] ok"
    assert redactor.redact("pass, password1") == "[redacted], [redacted]"


def test_a_log_record_is_one_line_with_its_controls_written_out(tmp_path, restore_root_logging):
    path = configure_logging(False, {"TOGGL_INSPECTOR_LOG_DIR": str(tmp_path)})
    log = logging.getLogger("inspector.lookup")
    log.info('Entry 2: The server said: "%s"', "\x1b]0;PWNED\x07\x1b[2J\nforged line")
    try:
        raise ValueError("bad\x1b[2J\nforged line")
    except ValueError:
        log.exception("Failed\r\nforged line")
    for handler in logging.getLogger().handlers:
        handler.flush()
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].endswith(
        'inspector.lookup: Entry 2: The server said: "\\x1b]0;PWNED\\x07\\x1b[2J\\nforged line"'
    )
    assert lines[1].endswith("inspector.lookup: Failed\\r\\nforged line")
    # The traceback keeps its lines, each indented under its record and shown plainly.
    assert lines[2] == "  Traceback (most recent call last):"
    assert all(line.startswith("  ") for line in lines[2:])
    assert lines[-2:] == ["  ValueError: bad\\x1b[2J", "  forged line"]
    assert "\x1b" not in "".join(lines)


# --- the log holds emails, entry IDs and server messages: its owner's eyes only -------------
def test_the_log_directory_and_files_are_private_whatever_the_umask(
    tmp_path, restore_root_logging, permissive_umask
):
    from helpers.file_modes import file_mode

    log_dir = tmp_path / "state" / "logs"
    path = configure_logging(False, {"TOGGL_INSPECTOR_LOG_DIR": str(log_dir)})
    assert path is not None
    logging.getLogger("inspector.lookup").info("Entry 1: 200 OK for someone@example.com")
    assert file_mode(log_dir) == file_mode(log_dir.parent) == 0o700
    assert file_mode(path) == 0o600
    handler = next(h for h in logging.getLogger().handlers if hasattr(h, "doRollover"))
    handler.doRollover()
    logging.getLogger("inspector.lookup").info("after the rollover")
    assert file_mode(path.with_name("inspector.log.1")) == 0o600
    assert file_mode(path) == 0o600


def test_an_older_readable_log_is_made_private(tmp_path, restore_root_logging, permissive_umask):
    from helpers.file_modes import file_mode

    for name in ("inspector.log", "inspector.log.1"):
        (tmp_path / name).write_text("old line\n", encoding="utf-8")
        (tmp_path / name).chmod(0o644)
    path = configure_logging(False, {"TOGGL_INSPECTOR_LOG_DIR": str(tmp_path)})
    assert file_mode(path) == file_mode(tmp_path / "inspector.log.1") == 0o600

"""What a sign-in accepts as typed (inspector.services.sign_in): checked before anything is
sent."""

from __future__ import annotations

import pytest

from inspector.services.sign_in import InvalidSignIn, typed_email_login, typed_token


@pytest.mark.parametrize(
    "typed, token",
    [
        ("5eed5eed5eed5eed5eed5eed5eed5eed", "5eed5eed5eed5eed5eed5eed5eed5eed"),
        ("  5EED5EED5EED5EED5EED5EED5EED5EED\n", "5eed5eed5eed5eed5eed5eed5eed5eed"),
    ],
)
def test_a_token_is_trimmed_and_lowered(typed: str, token: str) -> None:
    assert typed_token(typed) == token


@pytest.mark.parametrize(
    "typed, reason",
    [
        ("", "Enter your API token"),
        ("   ", "Enter your API token"),
        ("5eed5eed 5eed5eed5eed5eed5eed5eed", "no spaces inside"),
        ("5eed", "this is 4 characters"),
        ("5eed5eed5eed5eed5eed5eed5eed5eed0", "this is 33 characters"),
        ("z" * 32, "with others among them"),
        ("５" * 32, "with others among them"),  # full-width digits are not ASCII hex
    ],
)
def test_a_token_that_cannot_be_one_is_refused_saying_why(typed: str, reason: str) -> None:
    with pytest.raises(InvalidSignIn, match=reason):
        typed_token(typed)


@pytest.mark.parametrize(
    "email, password, reason",
    [
        ("", "pw", "Enter the email address"),
        ("ana", "pw", "not an email address"),
        ("ana@example", "pw", "not an email address"),
        ("a b@example.com", "pw", "not an email address"),
        ("ana@example.com", "", "Enter your password"),
    ],
)
def test_an_email_login_is_checked_before_asking(email: str, password: str, reason: str) -> None:
    with pytest.raises(InvalidSignIn, match=reason):
        typed_email_login(email, password)


def test_a_wrong_email_is_not_repeated_back() -> None:
    """It may be a password pasted into the wrong field."""
    with pytest.raises(InvalidSignIn) as raised:
        typed_email_login("hunter2-secret", "pw")
    assert "hunter2-secret" not in str(raised.value)


def test_a_password_is_taken_exactly_as_typed() -> None:
    assert typed_email_login(" ana@example.com ", " pass word ") == (
        "ana@example.com",
        " pass word ",
    )

"""The identity read from /me: never the token; the profile's time zone kept when said."""

from __future__ import annotations

import pytest

from inspector.domain.identity import Identity, UnexpectedProfile, identity_from_me

ME = {
    "id": 42,
    "api_token": "abcdef0123456789abcdef0123456789",
    "email": " ana@example.com ",
    "fullname": "Ana Lima",
    "default_workspace_id": 7,
    "timezone": "Asia/Tokyo",
}


def test_the_profiles_time_zone_is_kept_with_the_identity() -> None:
    identity = identity_from_me(ME)
    assert identity == Identity(42, "Ana Lima", "ana@example.com", 7, None, "Asia/Tokyo")
    assert "abcdef" not in repr(identity)


@pytest.mark.parametrize("zone", [None, "", "   ", 3, ["Asia/Tokyo"]])
def test_a_missing_or_unusable_time_zone_is_none(zone: object) -> None:
    assert identity_from_me({**ME, "timezone": zone}).timezone is None
    assert identity_from_me({k: v for k, v in ME.items() if k != "timezone"}).timezone is None


def test_a_body_that_is_no_user_is_refused() -> None:
    with pytest.raises(UnexpectedProfile):
        identity_from_me({"email": "a@b"})

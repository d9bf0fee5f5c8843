"""Who a credential belongs to, as /me and /me/workspaces describe it (without the secret)."""

from __future__ import annotations

from dataclasses import dataclass


class UnexpectedProfile(ValueError):
    """/me answered something that does not describe a user."""


@dataclass(frozen=True)
class Identity:
    user_id: int
    name: str
    email: str
    default_workspace_id: int | None
    default_workspace_name: str | None = None
    # The profile's ("Reports") time zone, an IANA name as /me says it; None when not said
    # (and in account lists saved before it was kept).
    timezone: str | None = None

    def signed_in_text(self) -> str:
        return (
            f"Signed in as {self.name} ({self.email})"
            if self.name
            else f"Signed in as {self.email}"
        )

    def workspace_text(self) -> str:
        if self.default_workspace_id is None:
            return "no default workspace"
        if self.default_workspace_name:
            return f"default workspace {self.default_workspace_name} ({self.default_workspace_id})"
        return f"default workspace {self.default_workspace_id}"


@dataclass(frozen=True)
class ActiveAccount:
    """Which saved account lookups use: its keyring entry (the email, under the API origin
    it was verified against) and how it signs in."""

    email: str
    uses_password: bool
    origin: str  # scheme://host[:port] of the API: its secret is sent there only


def identity_from_me(body: object) -> Identity:
    """Read the non-secret part of /me. Its ``api_token`` is never read: nothing keeps it."""
    if not isinstance(body, dict):
        raise UnexpectedProfile("/me did not answer with a user object.")
    user_id, email = body.get("id"), body.get("email")
    if isinstance(user_id, bool) or not isinstance(user_id, int):
        raise UnexpectedProfile("/me answered without a numeric user id.")
    if not isinstance(email, str) or "@" not in email:
        raise UnexpectedProfile("/me answered without an email address.")
    name = body.get("fullname")
    workspace = body.get("default_workspace_id")
    zone = body.get("timezone")
    return Identity(
        user_id=user_id,
        name=name.strip() if isinstance(name, str) else "",
        email=email.strip(),
        default_workspace_id=workspace
        if isinstance(workspace, int) and not isinstance(workspace, bool) and workspace > 0
        else None,
        timezone=zone.strip() if isinstance(zone, str) and zone.strip() else None,
    )

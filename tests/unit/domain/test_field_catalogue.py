"""The field catalogue's lists of what meta=true and include_sharing=true add (FACTS.md),
which the demo API serves by too."""

from __future__ import annotations

from inspector.domain.field_catalogue import FIELD_CATALOGUE, META_FIELDS, SHARING_FIELDS


def test_meta_adds_the_related_entities_names() -> None:
    # Recorded traffic, plus task_name from Toggl's spec.
    assert {
        "client_name",
        "project_name",
        "project_color",
        "project_active",
        "project_billable",
        "user_name",
        "user_avatar_url",
        "task_name",
    } == META_FIELDS


def test_include_sharing_adds_who_it_is_shared_with_and_the_permissions() -> None:
    assert {"shared_with", "permissions"} == SHARING_FIELDS


def test_no_field_is_added_by_both_options_and_all_are_catalogued() -> None:
    assert not META_FIELDS & SHARING_FIELDS
    assert FIELD_CATALOGUE.keys() >= META_FIELDS | SHARING_FIELDS

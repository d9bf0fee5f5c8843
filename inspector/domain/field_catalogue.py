"""Every time entry field the inspector knows: its group and its description.

Descriptions are Toggl's own (models.TimeEntry in the v9 Swagger spec) where the spec has one;
fields the spec lists without a description, and fields seen in real responses but missing
from the spec, carry a description written from the recorded traffic.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class FieldGroup(Enum):
    ENTRY = "Entry"
    TIME = "Time"
    PROJECT_AND_TASK = "Project and task"
    TAGS = "Tags"
    SHARING = "Sharing"
    USER_AND_WORKSPACE = "User and workspace"
    LEGACY_IDS = "Legacy ids"
    REPORT_ONLY = "Reports API only"
    OTHER = "Other fields"


@dataclass(frozen=True)
class FieldInfo:
    name: str
    group: FieldGroup
    description: str
    documented: bool = True  # in Toggl's spec (False: seen in real traffic only)
    meta_only: bool = False  # present only with meta=true
    sharing_only: bool = False  # present only with include_sharing=true


_META = "Related entities meta field, returned with meta=true: "

_FIELDS = (
    FieldInfo("id", FieldGroup.ENTRY, "Time Entry ID"),
    FieldInfo(
        "description",
        FieldGroup.ENTRY,
        "Time Entry description, null if not provided at creation/update",
    ),
    FieldInfo("billable", FieldGroup.ENTRY, "Whether the time entry is marked as billable"),
    FieldInfo("start", FieldGroup.TIME, "Start time in UTC"),
    FieldInfo(
        "stop",
        FieldGroup.TIME,
        "Stop time in UTC, can be null if it's still running or created with "
        '"duration" and "duronly" fields',
    ),
    FieldInfo(
        "duration",
        FieldGroup.TIME,
        "Time entry duration. For running entries should be negative, preferable -1",
    ),
    FieldInfo(
        "duronly",
        FieldGroup.TIME,
        "Used to create a TE with a duration but without a stop time, this field is "
        "deprecated for GET endpoints where the value will always be true.",
    ),
    FieldInfo(
        "at",
        FieldGroup.TIME,
        "When was last updated, the field follows the ISO 8601 format (HH:mm:ss.ssssssZ)",
    ),
    FieldInfo(
        "server_deleted_at",
        FieldGroup.TIME,
        "When the entry was deleted on the server; null while it exists "
        "(seen in real responses, not in Toggl's spec)",
        documented=False,
    ),
    FieldInfo(
        "project_id",
        FieldGroup.PROJECT_AND_TASK,
        "Project ID. Can be null if project was not provided or project was later deleted",
    ),
    FieldInfo(
        "project_name", FieldGroup.PROJECT_AND_TASK, _META + "the project's name", meta_only=True
    ),
    FieldInfo(
        "project_color",
        FieldGroup.PROJECT_AND_TASK,
        _META + "the project's colour as #rrggbb",
        meta_only=True,
    ),
    FieldInfo(
        "project_active",
        FieldGroup.PROJECT_AND_TASK,
        _META + "whether the project is active (not archived)",
        meta_only=True,
    ),
    FieldInfo(
        "project_billable",
        FieldGroup.PROJECT_AND_TASK,
        _META + "whether the project is billable",
        meta_only=True,
    ),
    FieldInfo(
        "client_name",
        FieldGroup.PROJECT_AND_TASK,
        "Related entities meta fields - if requested",
        meta_only=True,
    ),
    FieldInfo(
        "client_id",
        FieldGroup.PROJECT_AND_TASK,
        "Client ID of the entry's project (seen in real responses, not in Toggl's spec)",
        documented=False,
    ),
    FieldInfo(
        "task_id",
        FieldGroup.PROJECT_AND_TASK,
        "Task ID. Can be null if task was not provided or project was later deleted",
    ),
    FieldInfo(
        "task_name",
        FieldGroup.PROJECT_AND_TASK,
        _META + "the task's name, when the entry has a task",
        meta_only=True,
    ),
    FieldInfo(
        "tags", FieldGroup.TAGS, "Tag names, null if tags were not provided or were later deleted"
    ),
    FieldInfo(
        "tag_ids", FieldGroup.TAGS, "Tag IDs, null if tags were not provided or were later deleted"
    ),
    FieldInfo(
        "shared_with",
        FieldGroup.SHARING,
        "Indicates who the time entry has been shared with",
        sharing_only=True,
    ),
    FieldInfo("permissions", FieldGroup.SHARING, "Permission list", sharing_only=True),
    FieldInfo("user_id", FieldGroup.USER_AND_WORKSPACE, "Time Entry creator ID"),
    FieldInfo(
        "user_name", FieldGroup.USER_AND_WORKSPACE, _META + "the creator's name", meta_only=True
    ),
    FieldInfo(
        "user_avatar_url",
        FieldGroup.USER_AND_WORKSPACE,
        _META + "the creator's avatar image URL",
        meta_only=True,
    ),
    FieldInfo("workspace_id", FieldGroup.USER_AND_WORKSPACE, "Workspace ID"),
    FieldInfo("pid", FieldGroup.LEGACY_IDS, "Project ID, legacy field"),
    FieldInfo("tid", FieldGroup.LEGACY_IDS, "Task ID, legacy field"),
    FieldInfo("uid", FieldGroup.LEGACY_IDS, "Time Entry creator ID, legacy field"),
    FieldInfo("wid", FieldGroup.LEGACY_IDS, "Workspace ID, legacy field"),
    FieldInfo(
        "expense_ids",
        FieldGroup.OTHER,
        "IDs of expenses attached to the entry (seen in real responses, not in Toggl's spec)",
        documented=False,
    ),
)

FIELD_CATALOGUE: dict[str, FieldInfo] = {info.name: info for info in _FIELDS}

# What each option adds to an entry (FACTS.md): the one list the demo API serves by too.
META_FIELDS: frozenset[str] = frozenset(info.name for info in _FIELDS if info.meta_only)
SHARING_FIELDS: frozenset[str] = frozenset(info.name for info in _FIELDS if info.sharing_only)

SHARED_WITH_FIELDS: dict[str, str] = {
    "user_id": "ID of the user the entry is shared with",
    "user_name": "Name of the user the entry is shared with",
    "accepted": "Whether that user accepted the share",
}

UNKNOWN_FIELD_DESCRIPTION = (
    "Not in Toggl's documentation or in this inspector's catalogue: shown as received."
)

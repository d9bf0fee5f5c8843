"""indent_verbatim: only white space between tokens changes, never a token. readable_raw_json:
the same, with lines no one can read on one line cut, saying how much was left out."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inspector.domain.raw_json import (
    COPY_HINT,
    RAW_LINE_LIMIT,
    cut_long_lines,
    indent_verbatim,
    readable_raw_json,
)

PROPERTY_SETTINGS = settings(max_examples=300, deadline=None, database=None)
JSON_WHITESPACE = " \t\n\r"


def tokens(text: str) -> list[str]:
    """JSON tokens of ``text``, white space outside strings dropped (independent of the code
    under test: a hand-written scanner, not a regular expression)."""
    found: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char in JSON_WHITESPACE:
            index += 1
        elif char == '"':
            end = index + 1
            while text[end] != '"':
                end += 2 if text[end] == "\\" else 1
            found.append(text[index : end + 1])
            index = end + 1
        elif char in "{}[]:,":
            found.append(char)
            index += 1
        else:
            end = index
            while end < len(text) and text[end] not in JSON_WHITESPACE + '{}[]:,"':
                end += 1
            found.append(text[index:end])
            index = end
    return found


def outside_strings(text: str) -> str:
    """Every character of ``text`` that is not inside a string literal."""
    kept, in_string, escaped = [], False, False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        else:
            kept.append(char)
    return "".join(kept)


# --------------------------------------------------------------------------- examples


def test_a_small_object_is_indented() -> None:
    assert indent_verbatim('{"id":1,"tags":["a","b"],"stop":null}') == (
        '{\n  "id": 1,\n  "tags": [\n    "a",\n    "b"\n  ],\n  "stop": null\n}'
    )


def test_empty_containers_stay_on_one_line() -> None:
    assert indent_verbatim('{"tags": [ ], "meta": {\n}}') == ('{\n  "tags": [],\n  "meta": {}\n}')
    assert indent_verbatim("[]") == "[]"
    assert indent_verbatim("{}") == "{}"
    assert indent_verbatim("[[]]") == "[\n  []\n]"


def test_the_indent_is_configurable() -> None:
    assert indent_verbatim("[1,[2]]", indent="\t") == "[\n\t1,\n\t[\n\t\t2\n\t]\n]"


@pytest.mark.parametrize(
    "token",
    [
        "1E2",
        "1e+2",
        "-0",
        "-0.0",
        "1.50",
        "12345678901234567890123",
        "3727977106",
        "-1734049107",
        "true",
        "false",
        "null",
        '"\\u00e9"',
        '"\\/"',
        '"\\"quoted\\""',
        '"tab\\there"',
        '"  spaces  inside  "',
        '"caf\u00e9"',
        '"\\ud83d\\ude80"',
        '"[{:,}]"',
    ],
)
def test_every_token_is_kept_verbatim(token: str) -> None:
    body = f'{{"a" :  {token} , "b":[ {token} ,{token}]}}'
    result = indent_verbatim(body)
    assert result == f'{{\n  "a": {token},\n  "b": [\n    {token},\n    {token}\n  ]\n}}'
    assert tokens(result) == tokens(body)


def test_numbers_are_not_respelled() -> None:
    result = indent_verbatim('{"duration": 1E2, "rate": 1.10, "big": 100000000000000000000}')
    assert "1E2" in result and "100.0" not in result
    assert "1.10" in result
    assert "100000000000000000000" in result


def test_escapes_are_not_decoded() -> None:
    result = indent_verbatim('{"description": "R\\u00e9union \\ud83d\\ude80"}')
    assert '"R\\u00e9union \\ud83d\\ude80"' in result
    assert "é" not in result


@pytest.mark.parametrize(
    "string",
    ['"\\\\"', '"\\""', '"x\\\\\\"y"', '"\\\\\\\\"', '"ends with \\\\"'],
)
def test_strings_ending_in_escaped_backslashes_or_quotes_are_one_token(string: str) -> None:
    body = f"[{string},{string}]"
    assert json.loads(body)  # the examples are JSON
    assert indent_verbatim(body) == f"[\n  {string},\n  {string}\n]"


def test_duplicate_keys_are_kept() -> None:
    result = indent_verbatim('{"id": 1, "id": 2}')
    assert result == '{\n  "id": 1,\n  "id": 2\n}'


def test_white_space_inside_strings_is_kept() -> None:
    body = '{"description": "a  b\\n c", "k e y": "  "}'
    assert indent_verbatim(body) == '{\n  "description": "a  b\\n c",\n  "k e y": "  "\n}'


def test_a_json_string_body_is_unchanged() -> None:
    body = '"User does not have access to this resource"'
    assert indent_verbatim(body) == body


@pytest.mark.parametrize("body", ["null", "true", "3727977106", '"Resource can not be found"'])
def test_a_scalar_body_is_unchanged(body: str) -> None:
    assert indent_verbatim(body) == body


def test_surrounding_white_space_is_dropped() -> None:
    assert indent_verbatim("\n  [1, 2]  \r\n") == "[\n  1,\n  2\n]"


@pytest.mark.parametrize(
    "body",
    [
        "<html>\r\n<head><title>429 Too Many Requests</title></head>\r\n<body>\r\n"
        "<center><h1>429 Too Many Requests</h1></center>\r\n<hr><center>nginx</center>\r\n"
        "</body>\r\n</html>\r\n",
        "<html><head><title>502 Bad Gateway</title></head><body>"
        "<h1>502 Bad Gateway</h1></body></html>",
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n  <meta charset="utf-8">\n'
        "  <title>Service Unavailable</title>\n</head>\n<body><p>The server is "
        "temporarily unable to service your request.</p></body>\n</html>",
        "Internal Server Error",
        "upstream connect error or disconnect/reset before headers",
    ],
)
def test_non_json_text_comes_back_unchanged(body: str) -> None:
    assert indent_verbatim(body) == body


@pytest.mark.parametrize(
    "body",
    ['{"a" "b"}', '["a""b"]', "[1 2]", '{"a": 1 2}', "]", "}", "[1]]", '{"a": "unterminated'],
)
def test_text_that_does_not_tokenise_as_json_comes_back_unchanged(body: str) -> None:
    assert indent_verbatim(body) == body


# --------------------------------------------------------------------------- properties

_json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(), inner, max_size=5),
    max_leaves=20,
)
_dump_styles = st.sampled_from(
    [
        {},
        {"separators": (",", ":")},
        {"indent": 4},
        {"indent": "\t", "separators": (" , ", " : ")},
        {"ensure_ascii": False},
        {"ensure_ascii": False, "separators": (",", ":")},
    ]
)


@PROPERTY_SETTINGS
@given(value=_json_values, style=_dump_styles)
def test_indenting_never_changes_the_value_or_a_token(value: object, style: dict) -> None:
    body = json.dumps(value, **style)
    result = indent_verbatim(body)
    assert json.loads(result) == value
    assert tokens(result) == tokens(body)
    # Outside strings, only spaces and new lines are added (and the input's white space
    # dropped): what remains is the same characters in the same order.
    outside = outside_strings(result)
    assert set(outside) - set("{}[]:,") - set(" \n") <= set(outside_strings(body))
    squeezed = "".join(char for char in outside if char not in " \n")
    assert squeezed == "".join(c for c in outside_strings(body) if c not in JSON_WHITESPACE)


@PROPERTY_SETTINGS
@given(value=_json_values)
def test_indenting_is_idempotent(value: object) -> None:
    once = indent_verbatim(json.dumps(value))
    assert indent_verbatim(once) == once


@PROPERTY_SETTINGS
@given(value=_json_values)
def test_compact_json_indents_exactly_like_json_dumps_indent_2(value: object) -> None:
    # Same value, same dumps: every token is spelled alike, so only the layout could differ,
    # and the layout (one item per line, ": " after keys, [] and {} kept short) is json's.
    result = indent_verbatim(json.dumps(value, separators=(",", ":")))
    assert result == json.dumps(value, indent=2)


# --------------------------------------------------------------------------- long lines


def _note(left_out: int) -> str:
    return f" … {left_out:,} more characters; {COPY_HINT}"


def test_a_line_longer_than_the_limit_is_cut_and_says_how_much_is_left_out() -> None:
    text = "short\n" + "x" * 25 + "\nlast"
    assert cut_long_lines(text, limit=10) == "short\n" + "x" * 10 + _note(15) + "\nlast"
    assert cut_long_lines("y" * 12_345 + "\n", limit=10) == "y" * 10 + _note(12_335) + "\n"


def test_lines_within_the_limit_are_untouched() -> None:
    text = "a\n\nbc\n" + "d" * 10
    assert cut_long_lines(text, limit=10) == text
    assert cut_long_lines("", limit=10) == ""


def test_a_megabyte_description_is_shown_cut_and_every_other_line_as_indented() -> None:
    description = "R\u00e9union " * 100_000  # 1.3 MB of JSON text on one line
    body = json.dumps({"id": 1, "description": description, "tags": ["a"]})
    shown = readable_raw_json(body).split("\n")
    full = indent_verbatim(body).split("\n")
    assert len(shown) == len(full)
    assert max(len(line) for line in shown) <= RAW_LINE_LIMIT + len(_note(10**7))
    [cut] = [index for index, line in enumerate(full) if len(line) > RAW_LINE_LIMIT]
    assert shown[cut] == full[cut][:RAW_LINE_LIMIT] + _note(len(full[cut]) - RAW_LINE_LIMIT)
    assert [line for index, line in enumerate(shown) if index != cut] == [
        line for index, line in enumerate(full) if index != cut
    ]


@PROPERTY_SETTINGS
@given(value=_json_values, limit=st.integers(min_value=1, max_value=40))
def test_every_shown_line_is_a_whole_line_or_its_start_and_the_count_left_out(
    value: object, limit: int
) -> None:
    full = indent_verbatim(json.dumps(value, ensure_ascii=False)).split("\n")
    shown = readable_raw_json(json.dumps(value, ensure_ascii=False), limit).split("\n")
    assert len(shown) == len(full)
    for whole, line in zip(full, shown, strict=True):
        if len(whole) <= limit:
            assert line == whole
        else:
            assert line == whole[:limit] + _note(len(whole) - limit)

"""emulator.toolbox.go_json reproduces Go's decoding and strconv behaviour the daemon's answers depend on."""

from __future__ import annotations

import math

import pytest

from daytona_emulator.toolbox.go_json import (
    GoJsonError,
    GoPointer,
    GoStruct,
    decode_struct,
    go_int,
    go_quote,
    go_time,
    parse_go_bool,
    parse_go_float,
    parse_go_int,
)

POINT = GoStruct("pkg.Point", {"x": "int", "label": "string", "tags": "[]string"})


def test_empty_body_is_eof_and_null_is_the_zero_value() -> None:
    with pytest.raises(GoJsonError, match=r"^EOF$"):
        decode_struct(b"  \n", POINT)
    assert decode_struct(b"null", POINT) == {"x": 0, "label": "", "tags": None}


def test_keys_fold_case_later_keys_win_and_null_leaves_a_field_alone() -> None:
    assert decode_struct(b'{"x": 1, "X": 2, "label": "a", "Label": null}', POINT)["x"] == 2
    assert decode_struct(b'{"label": "a", "LABEL": null}', POINT)["label"] == "a"


def test_only_the_first_value_is_read() -> None:
    assert decode_struct(b'{"x": 3} {"x": 4} garbage', POINT)["x"] == 3


def test_type_errors_use_go_wording() -> None:
    with pytest.raises(GoJsonError) as caught:
        decode_struct(b'{"x": 1.5}', POINT)
    assert caught.value.message == "json: cannot unmarshal number 1.5 into Go struct field Point.x of type int"
    with pytest.raises(GoJsonError) as caught:
        decode_struct(b'{"tags": "a"}', POINT)
    assert caught.value.message == "json: cannot unmarshal string into Go struct field Point.tags of type []string"
    with pytest.raises(GoJsonError) as caught:
        decode_struct(b"[1]", POINT)
    assert caught.value.message == "json: cannot unmarshal array into Go value of type pkg.Point"


def test_syntax_errors_use_go_wording() -> None:
    with pytest.raises(GoJsonError, match=r"^unexpected EOF$"):
        decode_struct(b'{"x": 1', POINT)
    with pytest.raises(GoJsonError, match=r"^invalid character 'x' looking for beginning of value$"):
        decode_struct(b"x", POINT)


def test_pointers_and_nested_structs() -> None:
    outer = GoStruct("pkg.Outer", {"p": GoPointer(POINT)})
    assert decode_struct(b"{}", outer) == {"p": None}
    assert decode_struct(b'{"p": {"x": 9}}', outer)["p"]["x"] == 9


def test_strconv_parsers() -> None:
    assert [parse_go_bool(v) for v in ("T", "True", "0", "yes")] == [True, True, False, None]
    assert [parse_go_int(v) for v in ("+5", "-0", " 5", "5.0", "9223372036854775808")] == [5, 0, None, None, None]
    assert parse_go_float("0x1p-2") == 0.25 and parse_go_float(".5") == 0.5
    assert parse_go_float("1e400") is None and parse_go_float("1_0") is None and parse_go_float(" 1") is None
    assert math.isnan(parse_go_float("NaN") or 0.0) and parse_go_float("-Inf") == -math.inf


def test_go_quote_and_conversions() -> None:
    assert go_quote('a"b\\\t\x01é') == '"a\\"b\\\\\\t\\x01é"'
    assert go_int(2.9) == 2 and go_int(-2.9) == -2 and go_int(math.nan) == -(2**63)
    assert go_time(1_700_000_000_120_000_000) == "2023-11-14T22:13:20.12Z"
    assert go_time(1_700_000_000_000_000_000) == "2023-11-14T22:13:20Z"

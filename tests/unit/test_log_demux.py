"""The stdout/stderr demultiplexer of followed session logs (`facade.toolbox.log_stream.LogDemuxer`).

The daemon prefixes every chunk with `\\x01\\x01\\x01` (stdout) or `\\x02\\x02\\x02` (stderr); WebSocket
frames may split a marker or a UTF-8 character anywhere. Whatever the split, the text delivered per
stream must be the same.
"""

from __future__ import annotations

import itertools

import pytest

from facade._process import STDERR_MARKER, STDOUT_MARKER, LogDemuxer, LogStream

OUT = STDOUT_MARKER
ERR = STDERR_MARKER

# A stream exercising every case: markers back to back, multi-byte characters, control bytes that look
# like the start of a marker, a marker right at the end.
SAMPLE = (
    OUT
    + "héllo wörld\n".encode()
    + ERR
    + "erreur: ✗ \x01 not a marker\n".encode()
    + OUT
    + OUT
    + b"\x01\x01 two ones then text\n"
    + ERR
    + "😀 emoji\n".encode()
    + OUT
    + b"tail \x02\x02"
)
EXPECTED_STDOUT = "héllo wörld\n\x01\x01 two ones then text\ntail \x02\x02"
EXPECTED_STDERR = "erreur: ✗ \x01 not a marker\n😀 emoji\n"


def demux(frames: list[bytes]) -> list[tuple[LogStream, str]]:
    demuxer = LogDemuxer()
    pieces: list[tuple[LogStream, str]] = []
    for frame in frames:
        pieces += demuxer.feed(frame)
    pieces += demuxer.finish()
    return pieces


def per_stream(pieces: list[tuple[LogStream, str]]) -> tuple[str, str]:
    stdout = "".join(text for stream, text in pieces if stream is LogStream.STDOUT)
    stderr = "".join(text for stream, text in pieces if stream is LogStream.STDERR)
    return stdout, stderr


def test_whole_stream_in_one_frame() -> None:
    assert per_stream(demux([SAMPLE])) == (EXPECTED_STDOUT, EXPECTED_STDERR)


@pytest.mark.parametrize("cut", range(1, len(SAMPLE)))
def test_split_into_two_frames_at_every_position(cut: int) -> None:
    assert per_stream(demux([SAMPLE[:cut], SAMPLE[cut:]])) == (EXPECTED_STDOUT, EXPECTED_STDERR)


def test_split_into_three_frames_at_every_pair_of_positions() -> None:
    for first, second in itertools.combinations(range(1, len(SAMPLE)), 2):
        frames = [SAMPLE[:first], SAMPLE[first:second], SAMPLE[second:]]
        assert per_stream(demux(frames)) == (EXPECTED_STDOUT, EXPECTED_STDERR), (first, second)


def test_one_byte_per_frame() -> None:
    frames = [SAMPLE[i : i + 1] for i in range(len(SAMPLE))]
    assert per_stream(demux(frames)) == (EXPECTED_STDOUT, EXPECTED_STDERR)


def test_order_of_streams_is_kept_and_neighbours_are_merged() -> None:
    pieces = demux([OUT + b"a" + OUT + b"b" + ERR + b"c" + OUT + b"d"])
    assert pieces == [(LogStream.STDOUT, "ab"), (LogStream.STDERR, "c"), (LogStream.STDOUT, "d")]


def test_no_empty_pieces_and_nothing_before_data_arrives() -> None:
    demuxer = LogDemuxer()
    assert demuxer.feed(OUT) == []
    assert demuxer.feed(ERR) == []
    assert demuxer.feed(b"") == []
    assert demuxer.feed(b"x") == [(LogStream.STDERR, "x")]
    assert demuxer.finish() == []


def test_partial_marker_is_held_back_until_the_next_frame_decides() -> None:
    demuxer = LogDemuxer()
    assert demuxer.feed(OUT + b"abc\x02\x02") == [(LogStream.STDOUT, "abc")]
    assert demuxer.current is LogStream.STDOUT
    assert demuxer.feed(b"\x02def") == [(LogStream.STDERR, "def")]
    assert demuxer.current.value == "stderr"


def test_held_back_bytes_that_are_no_marker_are_data() -> None:
    demuxer = LogDemuxer()
    assert demuxer.feed(OUT + b"abc\x01\x01") == [(LogStream.STDOUT, "abc")]
    assert demuxer.feed(b"z") == [(LogStream.STDOUT, "\x01\x01z")]
    assert demuxer.feed(b"\x01") == []
    assert demuxer.finish() == [(LogStream.STDOUT, "\x01")]


def test_multibyte_character_split_between_frames_comes_out_whole() -> None:
    snowman = "☃".encode()
    demuxer = LogDemuxer()
    assert demuxer.feed(ERR + snowman[:1]) == []
    assert demuxer.feed(snowman[1:2]) == []
    assert demuxer.feed(snowman[2:] + b"!") == [(LogStream.STDERR, "☃!")]


def test_streams_are_decoded_separately() -> None:
    # A character cut by a switch to the other stream is completed when its stream resumes.
    euro = "€".encode()
    pieces = demux([OUT + euro[:2] + ERR + b"e" + OUT + euro[2:]])
    assert pieces == [(LogStream.STDERR, "e"), (LogStream.STDOUT, "€")]


def test_invalid_utf8_is_replaced_not_fatal() -> None:
    assert demux([OUT + b"ok\xff\xfe!"]) == [(LogStream.STDOUT, "ok\ufffd\ufffd!")]


def test_truncated_character_at_the_end_is_replaced() -> None:
    assert demux([ERR + "é".encode()[:1]]) == [(LogStream.STDERR, "\ufffd")]


def test_data_before_any_marker_is_stdout() -> None:
    assert demux([b"plain", ERR + b"e"]) == [(LogStream.STDOUT, "plain"), (LogStream.STDERR, "e")]


def test_text_frames_are_accepted() -> None:
    demuxer = LogDemuxer()
    assert demuxer.feed("\x02\x02\x02grüße") == [(LogStream.STDERR, "grüße")]


def test_feed_after_finish_is_an_error() -> None:
    demuxer = LogDemuxer()
    demuxer.finish()
    assert demuxer.finish() == []
    with pytest.raises(RuntimeError):
        demuxer.feed(b"x")

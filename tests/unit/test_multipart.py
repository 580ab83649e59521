"""The incremental multipart parser (`facade.toolbox.multipart`), fed bodies in tiny random chunks."""

from __future__ import annotations

import os
import random

import pytest

from facade.toolbox.multipart import (
    MultipartError,
    MultipartParser,
    PartBegin,
    PartData,
    PartEnd,
    PartEvent,
    boundary_from_content_type,
    parse_options_header,
    quote_header_value,
)

BOUNDARY = "facade-test-boundary-1234"
DELIMITER = f"\r\n--{BOUNDARY}".encode()


def build_body(parts: list[tuple[dict[str, str], bytes]], *, preamble: bytes = b"", epilogue: bytes = b"") -> bytes:
    out = bytearray(preamble)
    if preamble:
        out += b"\r\n"
    for headers, content in parts:
        out += f"--{BOUNDARY}\r\n".encode()
        for name, value in headers.items():
            out += f"{name}: {value}\r\n".encode()
        out += b"\r\n" + content + b"\r\n"
    out += f"--{BOUNDARY}--\r\n".encode() + epilogue
    return bytes(out)


def file_headers(filename: str, name: str = "file") -> dict[str, str]:
    return {
        "Content-Disposition": f"form-data; name={quote_header_value(name)}; filename={quote_header_value(filename)}",
        "Content-Type": "application/octet-stream",
    }


def feed_in_chunks(body: bytes, sizes: list[int] | None = None, seed: int = 0) -> list[PartEvent]:
    """Feed `body` in random chunk sizes (1..max) and return all events, then close."""
    rng = random.Random(seed)
    parser = MultipartParser(BOUNDARY)
    events: list[PartEvent] = []
    position = 0
    index = 0
    while position < len(body):
        size = sizes[index % len(sizes)] if sizes else rng.randint(1, 7)
        index += 1
        events.extend(parser.feed(body[position : position + size]))
        position += size
    parser.close()
    assert parser.finished
    return events


def collect(events: list[PartEvent]) -> list[tuple[str | None, str | None, bytes]]:
    """(name, filename, content) per part, asserting the events are well ordered."""
    parts: list[tuple[str | None, str | None, bytes]] = []
    current: tuple[str | None, str | None] | None = None
    content = bytearray()
    for event in events:
        if isinstance(event, PartBegin):
            assert current is None, "a part began inside another part"
            current = (event.part.name, event.part.filename)
            content.clear()
        elif isinstance(event, PartData):
            assert current is not None, "data outside a part"
            assert event.data, "empty data event"
            content += event.data
        else:
            assert isinstance(event, PartEnd)
            assert current is not None, "end without a part"
            parts.append((current[0], current[1], bytes(content)))
            current = None
    assert current is None, "the last part never ended"
    return parts


def tricky_payload(rng: random.Random, size: int) -> bytes:
    """Random bytes laced with CRLF, dashes and near-misses of the delimiter (never the delimiter itself)."""
    pieces = [
        b"\r\n",
        b"--",
        b"\r\n--",
        DELIMITER[:-1],
        DELIMITER[: len(DELIMITER) // 2],
        b"\r\r\n\n",
        f"--{BOUNDARY}"[:-1].encode(),
    ]
    out = bytearray()
    while len(out) < size:
        if rng.random() < 0.3:
            out += rng.choice(pieces)
        else:
            out += rng.randbytes(rng.randint(1, 16))
    payload = bytes(out[:size])
    # A payload may not contain the delimiter (that is what a boundary guarantees); the part's
    # header block ends with CRLF, so a payload starting with "--boundary" would form one too.
    if DELIMITER in b"\r\n" + payload:
        return tricky_payload(rng, size)
    return payload


@pytest.mark.parametrize("seed", range(20))
def test_random_chunking_keeps_every_part_intact(seed: int) -> None:
    rng = random.Random(seed)
    contents = [tricky_payload(rng, rng.randint(0, 3000)) for _ in range(4)]
    contents.append(b"")  # an empty file
    names = [f"/home/daytona/dir {i}/fïle-{i}.bin" for i in range(len(contents))]
    body = build_body([(file_headers(n), c) for n, c in zip(names, contents, strict=True)])
    parts = collect(feed_in_chunks(body, seed=seed))
    assert parts == [("file", n, c) for n, c in zip(names, contents, strict=True)]


def test_byte_at_a_time_splits_the_delimiter_everywhere() -> None:
    content = b"abc\r\n--" + BOUNDARY.encode()[:-1] + b"X\r\n" + DELIMITER[:-2] + b"end"
    body = build_body([(file_headers("a"), content), (file_headers("b"), b"\r\n")])
    assert collect(feed_in_chunks(body, sizes=[1])) == [("file", "a", content), ("file", "b", b"\r\n")]


@pytest.mark.parametrize("split", range(1, 60))
def test_every_split_point_of_a_small_body_gives_the_same_parts(split: int) -> None:
    body = build_body([(file_headers("x"), b"0123456789\r\n-")])
    parser = MultipartParser(BOUNDARY)
    events = parser.feed(body[:split]) + parser.feed(body[split:])
    parser.close()
    assert collect(events) == [("file", "x", b"0123456789\r\n-")]


def test_whole_body_in_one_chunk_yields_data_without_copy_overhead() -> None:
    payload = os.urandom(256 * 1024)
    body = build_body([(file_headers("big"), payload)])
    parser = MultipartParser(BOUNDARY)
    events = parser.feed(body)
    parser.close()
    assert collect(events) == [("file", "big", payload)]


def test_memory_held_back_is_at_most_a_delimiter() -> None:
    parser = MultipartParser(BOUNDARY)
    head = f"--{BOUNDARY}\r\n".encode() + b'Content-Disposition: form-data; name="file"; filename="f"\r\n\r\n'
    parser.feed(head)
    emitted = 0
    for _ in range(100):
        chunk = os.urandom(4096).replace(b"\r", b"x")
        emitted += sum(len(e.data) for e in parser.feed(chunk) if isinstance(e, PartData))
    assert emitted == 100 * 4096  # nothing held back: no CR that could start a delimiter
    parser.feed(b"tail\r\n--" + BOUNDARY.encode()[:3])
    assert len(parser._pending) < len(DELIMITER)


def test_preamble_epilogue_and_transport_padding_are_ignored() -> None:
    body = build_body([(file_headers("p"), b"data")], preamble=b"This is a preamble", epilogue=b"trailing junk")
    body = body.replace(f"--{BOUNDARY}\r\nContent".encode(), f"--{BOUNDARY}  \t\r\nContent".encode())
    assert collect(feed_in_chunks(body, seed=3)) == [("file", "p", b"data")]


def test_headers_are_parsed_with_escapes_length_and_extended_filename() -> None:
    body = (
        f"--{BOUNDARY}\r\n"
        'Content-Disposition: form-data; name="error"; filename="dir/a \\"quoted\\" \\\\ name.txt"\r\n'
        "Content-Type: application/json\r\n"
        "Content-Length: 2\r\n"
        "\r\n{}\r\n"
        f"--{BOUNDARY}\r\n"
        "Content-Disposition: form-data; name=file; filename=plain; filename*=UTF-8''%E2%82%AC%20rates.txt\r\n"
        "\r\nx\r\n"
        f"--{BOUNDARY}--"
    ).encode()
    events = feed_in_chunks(body, seed=5)
    begins = [e.part for e in events if isinstance(e, PartBegin)]
    assert begins[0].name == "error"
    assert begins[0].filename == 'dir/a "quoted" \\ name.txt'
    assert begins[0].content_type == "application/json"
    assert begins[0].content_length == 2
    assert begins[1].filename == "€ rates.txt"
    assert begins[1].content_length is None


def test_a_part_without_headers_is_allowed() -> None:
    body = f"--{BOUNDARY}\r\n\r\nnaked\r\n--{BOUNDARY}--\r\n".encode()
    assert collect(feed_in_chunks(body, sizes=[2])) == [(None, None, b"naked")]


def test_truncated_body_raises_on_close() -> None:
    body = build_body([(file_headers("t"), b"some content")])
    for cut in (len(body) - 4, len(body) - 20, 10, 0):
        parser = MultipartParser(BOUNDARY)
        parser.feed(body[:cut])
        with pytest.raises(MultipartError, match="truncated"):
            parser.close()


def test_malformed_delimiter_line_raises() -> None:
    parser = MultipartParser(BOUNDARY)
    with pytest.raises(MultipartError, match="malformed"):
        parser.feed(f"--{BOUNDARY}garbage\r\n\r\n".encode())


def test_oversized_headers_raise() -> None:
    parser = MultipartParser(BOUNDARY, max_header_size=100)
    with pytest.raises(MultipartError, match="too large"):
        parser.feed(f"--{BOUNDARY}\r\nX-Long: {'a' * 200}".encode())


def test_data_after_the_close_delimiter_is_ignored() -> None:
    parser = MultipartParser(BOUNDARY)
    events = parser.feed(build_body([(file_headers("z"), b"1")]))
    assert parser.feed(f"--{BOUNDARY}\r\n\r\nmore".encode()) == []
    parser.close()
    assert collect(events) == [("file", "z", b"1")]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("multipart/form-data; boundary=abc", b"abc"),
        ('multipart/form-data; boundary="a b;c"', b"a b;c"),
        ("Multipart/Form-Data; charset=utf-8; BOUNDARY=xyz", b"xyz"),
    ],
)
def test_boundary_from_content_type(header: str, expected: bytes) -> None:
    assert boundary_from_content_type(header) == expected


@pytest.mark.parametrize("header", [None, "", "application/json", "multipart/form-data", "multipart/mixed; boundary="])
def test_boundary_from_content_type_rejects_non_multipart(header: str | None) -> None:
    with pytest.raises(MultipartError):
        boundary_from_content_type(header)


def test_invalid_boundaries_are_rejected() -> None:
    for boundary in (b"", b"a\r\nb", b"x" * 201):
        with pytest.raises(MultipartError):
            MultipartParser(boundary)


def test_parse_options_header_and_quote_round_trip() -> None:
    value = 'we"ird\\name;=x'
    main, params = parse_options_header(f"form-data; name={quote_header_value(value)}; other=plain")
    assert main == "form-data"
    assert params == {"name": value, "other": "plain"}

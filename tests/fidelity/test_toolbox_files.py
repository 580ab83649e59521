"""The daemon's file handlers (apps/daemon/pkg/toolbox/fs) as the emulator reproduces them, rule by rule."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests.fidelity._toolbox_files_support import (
    GO_TIME,
    HOME,
    RFC3339_UTC,
    assert_empty_error,
    info,
    multipart,
    put_files,
    run,
    upload,
)

Toolbox = Callable[[dict[str, Any]], httpx.Client]


@pytest.fixture
def tb(new_sandbox: Callable[..., dict[str, Any]], toolbox: Toolbox) -> httpx.Client:
    return toolbox(new_sandbox())


# ---- GET /files ----


@pytest.mark.upstream("apps/daemon/pkg/toolbox/fs/list_files.go")
def test_list_without_path_lists_the_working_directory(tb: httpx.Client) -> None:
    put_files(tb, {f"{HOME}/listed.txt": b"x"})
    names = [entry["name"] for entry in tb.get("/files").json()]
    assert "listed.txt" in names
    assert [entry["name"] for entry in tb.get("/files/").json()] == names  # "/files/" is the same route


@pytest.mark.upstream("apps/daemon/pkg/toolbox/fs/list_files.go", "apps/daemon/pkg/toolbox/fs/get_file_info.go")
def test_list_is_sorted_by_name_and_follows_symlinks(tb: httpx.Client) -> None:
    put_files(tb, {f"{HOME}/l/b.txt": b"bb", f"{HOME}/l/a.txt": b"a"})
    run(tb, "ln -s b.txt l/c-link && ln -s nowhere l/d-broken")
    entries = tb.get("/files", params={"path": "l"}).json()
    assert [e["name"] for e in entries] == ["a.txt", "b.txt", "c-link"]  # the broken link is left out
    link = entries[2]
    assert (link["size"], link["mode"], link["isDir"]) == (2, "-rw-r--r--", False)  # the target's


@pytest.mark.upstream("apps/daemon/pkg/toolbox/fs/list_files.go", "libs/common-go/pkg/errors/middleware.go")
def test_list_of_a_missing_directory_is_404_with_an_empty_body(tb: httpx.Client) -> None:
    assert_empty_error(tb.get("/files", params={"path": f"{HOME}/nope"}), 404)


@pytest.mark.upstream("apps/daemon/pkg/toolbox/fs/list_files.go")
def test_list_of_a_file_is_400(tb: httpx.Client) -> None:
    put_files(tb, {f"{HOME}/plain.txt": b"x"})
    assert_empty_error(tb.get("/files", params={"path": f"{HOME}/plain.txt"}), 400)


# ---- GET /files/info ----


@pytest.mark.upstream("apps/daemon/pkg/toolbox/fs/get_file_info.go", "apps/daemon/pkg/toolbox/fs/types.go")
def test_file_info_has_go_formats_and_numeric_owner(tb: httpx.Client) -> None:
    put_files(tb, {f"{HOME}/i/data.bin": b"12345"})
    found = tb.get("/files/info", params={"path": "i/data.bin"})
    assert found.headers["content-type"] == "application/json; charset=utf-8"
    body = found.json()
    assert list(body) == ["name", "size", "mode", "modTime", "modifiedAt", "isDir", "owner", "group", "permissions"]
    assert body["name"] == "data.bin" and body["size"] == 5 and body["isDir"] is False
    assert body["mode"] == "-rw-r--r--" and body["permissions"] == "0644"
    assert body["owner"] == "1000" and body["group"] == "1000"
    assert GO_TIME.match(body["modTime"]), body["modTime"]
    assert RFC3339_UTC.match(body["modifiedAt"]), body["modifiedAt"]
    assert body["modTime"][:19] == body["modifiedAt"][:19].replace("T", " ")


@pytest.mark.upstream("apps/daemon/pkg/toolbox/fs/get_file_info.go")
def test_file_info_mode_string_has_gos_type_letters(tb: httpx.Client) -> None:
    run(tb, "mkdir -p sticky && chmod 1777 sticky && touch setuid && chmod 4755 setuid")
    assert info(tb, "sticky")["mode"] == "dtrwxrwxrwx"
    assert info(tb, "sticky")["permissions"] == "0777"  # only the permission bits
    assert info(tb, "setuid")["mode"] == "urwxr-xr-x"
    assert info(tb, HOME)["name"] == "daytona"


@pytest.mark.upstream("apps/daemon/pkg/toolbox/fs/get_file_info.go")
def test_file_info_needs_a_path_and_an_existing_file(tb: httpx.Client) -> None:
    assert_empty_error(tb.get("/files/info"), 400)
    assert_empty_error(tb.get("/files/info", params={"path": f"{HOME}/missing"}), 404)


@pytest.mark.upstream("apps/daemon/pkg/toolbox/fs/get_file_info.go")
def test_tilde_is_an_ordinary_name_for_file_handlers(tb: httpx.Client) -> None:
    put_files(tb, {f"{HOME}/t.txt": b"x"})
    assert_empty_error(tb.get("/files/info", params={"path": "~/t.txt"}), 404)  # no ~ expansion
    put_files(tb, {"~/u.txt": b"x"})
    assert info(tb, f"{HOME}/~/u.txt")["name"] == "u.txt"


# ---- POST /files/folder ----


@pytest.mark.upstream("apps/daemon/pkg/toolbox/fs/create_folder.go")
def test_create_folder_makes_parents_with_the_mode_under_the_umask(tb: httpx.Client) -> None:
    created = tb.post("/files/folder", params={"path": "a/b/c", "mode": "777"})
    assert created.status_code == 201 and created.content == b""
    assert info(tb, "a")["permissions"] == "0755" and info(tb, "a/b/c")["permissions"] == "0755"
    assert tb.post("/files/folder", params={"path": "d"}).status_code == 201
    assert info(tb, "d")["permissions"] == "0755"  # the default mode
    assert tb.post("/files/folder", params={"path": "e", "mode": "700"}).status_code == 201
    assert info(tb, "e")["permissions"] == "0700"


@pytest.mark.upstream("apps/daemon/pkg/toolbox/fs/create_folder.go")
def test_create_folder_on_an_existing_directory_changes_nothing(tb: httpx.Client) -> None:
    assert tb.post("/files/folder", params={"path": "keep", "mode": "700"}).status_code == 201
    assert tb.post("/files/folder", params={"path": "keep", "mode": "755"}).status_code == 201
    assert info(tb, "keep")["permissions"] == "0700"


@pytest.mark.upstream("apps/daemon/pkg/toolbox/fs/create_folder.go")
def test_create_folder_rejects_bad_modes_missing_paths_and_files_in_the_way(tb: httpx.Client) -> None:
    assert_empty_error(tb.post("/files/folder", params={"path": "x", "mode": "rwx"}), 400)
    assert_empty_error(tb.post("/files/folder", params={"path": "x", "mode": "8"}), 400)
    assert_empty_error(tb.post("/files/folder"), 400)
    put_files(tb, {f"{HOME}/blocker": b"x"})
    assert_empty_error(tb.post("/files/folder", params={"path": "blocker/sub"}), 400)


# ---- DELETE /files ----


@pytest.mark.upstream("apps/daemon/pkg/toolbox/fs/delete_file.go")
def test_delete_of_a_directory_needs_recursive_exactly_true(tb: httpx.Client) -> None:
    assert tb.post("/files/folder", params={"path": "empty"}).status_code == 201
    assert_empty_error(tb.delete("/files", params={"path": "empty"}), 400)  # even an empty one
    assert_empty_error(tb.delete("/files", params={"path": "empty", "recursive": "True"}), 400)
    assert_empty_error(tb.delete("/files", params={"path": "empty", "recursive": "1"}), 400)
    deleted = tb.delete("/files", params={"path": "empty", "recursive": "true"})
    assert deleted.status_code == 204 and deleted.content == b""
    assert_empty_error(tb.get("/files/info", params={"path": "empty"}), 404)


@pytest.mark.upstream("apps/daemon/pkg/toolbox/fs/delete_file.go")
def test_delete_of_a_file_missing_path_and_missing_file(tb: httpx.Client) -> None:
    put_files(tb, {f"{HOME}/gone.txt": b"x"})
    assert tb.delete("/files", params={"path": "gone.txt"}).status_code == 204
    assert_empty_error(tb.delete("/files", params={"path": "gone.txt"}), 404)
    assert_empty_error(tb.delete("/files"), 400)


@pytest.mark.upstream("apps/daemon/pkg/toolbox/fs/delete_file.go")
def test_delete_looks_through_a_symlink_but_removes_the_link(tb: httpx.Client) -> None:
    put_files(tb, {f"{HOME}/target/f.txt": b"x"})
    run(tb, "ln -s target link")
    assert_empty_error(tb.delete("/files", params={"path": "link"}), 400)  # it stats as a directory
    assert tb.delete("/files", params={"path": "link", "recursive": "true"}).status_code == 204
    assert info(tb, "target/f.txt")["size"] == 1  # the target survives


# ---- POST /files/move ----


@pytest.mark.upstream("apps/daemon/pkg/toolbox/fs/move_file.go")
def test_move_renames_and_answers_200_without_body(tb: httpx.Client) -> None:
    put_files(tb, {f"{HOME}/m/from.txt": b"abc"})
    moved = tb.post("/files/move", params={"source": "m/from.txt", "destination": "m/to.txt"})
    assert moved.status_code == 200 and moved.content == b""
    assert info(tb, "m/to.txt")["size"] == 3
    assert_empty_error(tb.get("/files/info", params={"path": "m/from.txt"}), 404)


@pytest.mark.upstream("apps/daemon/pkg/toolbox/fs/move_file.go")
def test_move_refuses_an_existing_destination_with_409(tb: httpx.Client) -> None:
    put_files(tb, {f"{HOME}/m/a.txt": b"a", f"{HOME}/m/b.txt": b"b"})
    assert tb.post("/files/folder", params={"path": "m/emptydir"}).status_code == 201
    assert_empty_error(tb.post("/files/move", params={"source": "m/a.txt", "destination": "m/b.txt"}), 409)
    assert_empty_error(tb.post("/files/move", params={"source": "m/a.txt", "destination": "m/emptydir"}), 409)


@pytest.mark.upstream("apps/daemon/pkg/toolbox/fs/move_file.go")
def test_move_needs_both_paths_an_existing_source_and_destination_parent(tb: httpx.Client) -> None:
    put_files(tb, {f"{HOME}/m/a.txt": b"a"})
    assert_empty_error(tb.post("/files/move", params={"source": "m/a.txt"}), 400)
    assert_empty_error(tb.post("/files/move", params={"source": "m/none", "destination": "m/x"}), 404)
    assert_empty_error(tb.post("/files/move", params={"source": "m/a.txt", "destination": "m/no/dir/x"}), 404)


# ---- POST /files/permissions ----


@pytest.mark.upstream("apps/daemon/pkg/toolbox/fs/set_file_permissions.go")
def test_permissions_mode_takes_only_permission_bits(tb: httpx.Client) -> None:
    put_files(tb, {f"{HOME}/p.sh": b"#!/bin/sh\n"})
    changed = tb.post("/files/permissions", params={"path": "p.sh", "mode": "4750"})
    assert changed.status_code == 200 and changed.content == b""
    assert info(tb, "p.sh")["mode"] == "-rwxr-x---"
    assert_empty_error(tb.post("/files/permissions", params={"path": "p.sh", "mode": "abc"}), 400)
    assert_empty_error(tb.post("/files/permissions", params={"path": "nope", "mode": "600"}), 404)
    assert_empty_error(tb.post("/files/permissions", params={"mode": "600"}), 400)


@pytest.mark.upstream("apps/daemon/pkg/toolbox/fs/set_file_permissions.go")
def test_permissions_owner_can_only_be_the_sandbox_user(tb: httpx.Client) -> None:
    put_files(tb, {f"{HOME}/o.txt": b"x"})
    for owner in ("daytona", "1000", "-1"):
        assert tb.post("/files/permissions", params={"path": "o.txt", "owner": owner}).status_code == 200, owner
    assert tb.post("/files/permissions", params={"path": "o.txt", "group": "daytona"}).status_code == 200
    for owner in ("root", "0", "no-such-user-xyz"):  # the daemon runs as the sandbox user, not root
        assert_empty_error(tb.post("/files/permissions", params={"path": "o.txt", "owner": owner}), 400)
    assert_empty_error(tb.post("/files/permissions", params={"path": "o.txt", "group": "no-such-group-xyz"}), 400)


@pytest.mark.upstream("apps/daemon/pkg/toolbox/fs/set_file_permissions.go")
def test_permissions_mode_is_applied_before_an_owner_failure(tb: httpx.Client) -> None:
    put_files(tb, {f"{HOME}/o.txt": b"x"})
    assert_empty_error(tb.post("/files/permissions", params={"path": "o.txt", "mode": "600", "owner": "root"}), 400)
    assert info(tb, "o.txt")["permissions"] == "0600"


# ---- GET /files/find and /files/search ----


@pytest.mark.upstream("apps/daemon/pkg/toolbox/fs/find_in_files.go", "apps/daemon/pkg/toolbox/fs/types.go")
def test_find_reports_lines_of_text_files_with_paths_as_asked(tb: httpx.Client) -> None:
    put_files(
        tb,
        {
            f"{HOME}/f/a.txt": b"one\nneedle here\r\nthree needle\n",
            f"{HOME}/f/sub/b.txt": b"needle",
            f"{HOME}/f/bin.dat": b"needle\x00binary",
            f"{HOME}/f/empty.txt": b"",
        },
    )
    found = tb.get("/files/find", params={"path": "f", "pattern": "needle"}).json()
    assert found == [
        {"file": "f/a.txt", "line": 2, "content": "needle here"},
        {"file": "f/a.txt", "line": 3, "content": "three needle"},
        {"file": "f/sub/b.txt", "line": 1, "content": "needle"},
    ]
    absolute = tb.get("/files/find", params={"path": f"{HOME}/f/", "pattern": "three"}).json()
    assert absolute == [{"file": f"{HOME}/f/a.txt", "line": 3, "content": "three needle"}]


@pytest.mark.upstream("apps/daemon/pkg/toolbox/fs/find_in_files.go")
def test_find_answers_an_empty_list_and_needs_both_parameters(tb: httpx.Client) -> None:
    assert tb.get("/files/find", params={"path": HOME, "pattern": "zzz-not-there"}).text == "[]"
    assert tb.get("/files/find", params={"path": f"{HOME}/missing", "pattern": "x"}).json() == []
    assert_empty_error(tb.get("/files/find", params={"path": HOME}), 400)
    assert_empty_error(tb.get("/files/find", params={"pattern": "x"}), 400)


@pytest.mark.upstream("apps/daemon/pkg/toolbox/fs/search_files.go", "apps/daemon/pkg/toolbox/fs/types.go")
def test_search_matches_base_names_with_go_globs(tb: httpx.Client) -> None:
    put_files(tb, {f"{HOME}/s/a.py": b"", f"{HOME}/s/b.txt": b"", f"{HOME}/s/.hidden.py": b"", f"{HOME}/s/d/c.py": b""})
    py = tb.get("/files/search", params={"path": "s", "pattern": "*.py"}).json()
    assert py == {"files": ["s/.hidden.py", "s/a.py", "s/d/c.py"]}  # `*` matches a leading dot; lexical order
    negated = tb.get("/files/search", params={"path": "s", "pattern": "[^a.]*"}).json()["files"]
    assert negated == ["s", "s/b.txt", "s/d", "s/d/c.py"]  # Go negates with ^, not !
    assert tb.get("/files/search", params={"path": "s", "pattern": "s"}).json() == {"files": ["s"]}  # the root too


@pytest.mark.upstream("apps/daemon/pkg/toolbox/fs/search_files.go")
def test_search_with_a_bad_pattern_or_no_match_is_an_empty_list(tb: httpx.Client) -> None:
    put_files(tb, {f"{HOME}/s/a.py": b""})
    assert tb.get("/files/search", params={"path": "s", "pattern": "[a"}).json() == {"files": []}
    assert tb.get("/files/search", params={"path": "s", "pattern": "*.rs"}).json() == {"files": []}
    assert_empty_error(tb.get("/files/search", params={"path": "s"}), 400)


# ---- POST /files/replace ----


@pytest.mark.upstream("apps/daemon/pkg/toolbox/fs/replace_in_files.go", "apps/daemon/pkg/toolbox/fs/types.go")
def test_replace_reports_per_file_results_with_go_error_texts(tb: httpx.Client) -> None:
    put_files(tb, {f"{HOME}/r/a.txt": b"foo foo bar"})
    results = tb.post(
        "/files/replace", json={"files": ["r/a.txt", "r/none.txt", "r"], "pattern": "foo", "newValue": "baz"}
    ).json()
    assert results == [
        {"file": "r/a.txt", "success": True},
        {"file": "r/none.txt", "success": False, "error": "open r/none.txt: no such file or directory"},
        {"file": "r", "success": False, "error": "read r: is a directory"},
    ]
    assert tb.get("/files/download", params={"path": "r/a.txt"}).content == b"baz baz bar"


@pytest.mark.upstream("apps/daemon/pkg/toolbox/fs/replace_in_files.go", "apps/daemon/pkg/toolbox/fs/types.go")
def test_replace_binds_its_body_strictly(tb: httpx.Client) -> None:
    put_files(tb, {f"{HOME}/r/a.txt": b"foo"})
    assert_empty_error(tb.post("/files/replace", json={"files": ["r/a.txt"], "pattern": "foo"}), 400)
    assert_empty_error(tb.post("/files/replace", json={"files": ["r/a.txt"], "pattern": "", "newValue": "x"}), 400)
    assert_empty_error(tb.post("/files/replace", json={"pattern": "foo", "newValue": "x"}), 400)
    assert_empty_error(tb.post("/files/replace", json={"files": "r/a.txt", "pattern": "foo", "newValue": "x"}), 400)
    assert_empty_error(tb.post("/files/replace", content=b""), 400)
    emptied = tb.post("/files/replace", json={"files": ["r/a.txt"], "pattern": "foo", "newValue": ""})
    assert emptied.json() == [{"file": "r/a.txt", "success": True}]  # an empty newValue is a value
    assert tb.post("/files/replace", json={"files": [], "pattern": "x", "newValue": "y"}).text == "[]"


# ---- POST /files/upload and /files/bulk-upload ----


@pytest.mark.upstream("apps/daemon/pkg/toolbox/fs/upload_file.go")
def test_upload_file_saves_the_file_part_and_makes_parents_0750(tb: httpx.Client) -> None:
    body, content_type = multipart([("file", "x.bin", b"payload")])
    saved = tb.post(
        "/files/upload", params={"path": "up/deep/x.bin"}, content=body, headers={"Content-Type": content_type}
    )
    assert saved.status_code == 200 and saved.content == b""
    assert info(tb, "up")["permissions"] == "0750" and info(tb, "up/deep/x.bin")["permissions"] == "0644"
    assert tb.get("/files/download", params={"path": "up/deep/x.bin"}).content == b"payload"


@pytest.mark.upstream("apps/daemon/pkg/toolbox/fs/upload_file.go")
def test_upload_file_overwrites_in_place_keeping_the_mode(tb: httpx.Client) -> None:
    put_files(tb, {f"{HOME}/keep.sh": b"old"})
    assert tb.post("/files/permissions", params={"path": "keep.sh", "mode": "700"}).status_code == 200
    body, content_type = multipart([("file", "keep.sh", b"new")])
    assert tb.post("/files/upload", params={"path": "keep.sh"}, content=body, headers={"Content-Type": content_type})
    assert info(tb, "keep.sh")["permissions"] == "0700"
    assert tb.get("/files/download", params={"path": "keep.sh"}).content == b"new"


@pytest.mark.upstream("apps/daemon/pkg/toolbox/fs/upload_file.go")
def test_upload_file_needs_a_path_a_multipart_form_and_a_file_part(tb: httpx.Client) -> None:
    body, content_type = multipart([("file", "x", b"x")])
    headers = {"Content-Type": content_type}
    assert_empty_error(tb.post("/files/upload", content=body, headers=headers), 400)
    assert_empty_error(tb.post("/files/upload", params={"path": "x"}, content=b"raw"), 400)
    no_file, no_file_type = multipart([("file", None, b"not a file part"), ("other", "y", b"y")])
    response = tb.post("/files/upload", params={"path": "x"}, content=no_file, headers={"Content-Type": no_file_type})
    assert_empty_error(response, 400)
    assert tb.post("/files/folder", params={"path": "adir"}).status_code == 201
    assert_empty_error(tb.post("/files/upload", params={"path": "adir"}, content=body, headers=headers), 400)


@pytest.mark.upstream("apps/daemon/pkg/toolbox/fs/upload_files.go")
def test_bulk_upload_answers_the_written_files(tb: httpx.Client) -> None:
    written = upload(tb, {"bu/one.txt": b"1", f"{HOME}/bu/two/two.txt": b"22"})
    assert written.status_code == 200
    assert written.headers["content-type"] == "application/json; charset=utf-8"
    assert written.json() == {
        "files": [{"path": "bu/one.txt", "bytes": 1}, {"path": f"{HOME}/bu/two/two.txt", "bytes": 2}]
    }
    assert info(tb, "bu/two")["permissions"] == "0755"


@pytest.mark.upstream("apps/daemon/pkg/toolbox/fs/upload_files.go")
def test_bulk_upload_needs_the_path_part_before_the_file_part(tb: httpx.Client) -> None:
    body, content_type = multipart([("files[0].file", "a", b"a"), ("files[0].path", None, b"late.txt")])
    answer = tb.post("/files/bulk-upload", content=body, headers={"Content-Type": content_type})
    assert answer.status_code == 400
    assert answer.json() == {"errors": ["file[0]: missing .path metadata"], "files": None}
    assert_empty_error(tb.get("/files/info", params={"path": "late.txt"}), 404)


@pytest.mark.upstream("apps/daemon/pkg/toolbox/fs/upload_files.go")
def test_bulk_upload_reports_failures_beside_the_files_it_wrote(tb: httpx.Client) -> None:
    put_files(tb, {f"{HOME}/wall": b"x"})
    body, content_type = multipart(
        [
            ("files[0].path", None, b"  ok.txt  "),
            ("files[0].file", "a", b"ok"),
            ("files[1].path", None, b"   "),
            ("files[2].path", None, b"wall/inside.txt"),
            ("files[2].file", "b", b"no"),
        ]
    )
    answer = tb.post("/files/bulk-upload", content=body, headers={"Content-Type": content_type})
    assert answer.status_code == 400
    assert answer.json() == {
        "errors": ["path[1]: empty path", "wall/inside.txt: mkdir wall: mkdir wall: not a directory"],
        "files": [{"path": "ok.txt", "bytes": 2}],
    }


@pytest.mark.upstream("apps/daemon/pkg/toolbox/fs/upload_files.go")
def test_bulk_upload_without_a_multipart_form_or_without_files(tb: httpx.Client) -> None:
    refused = tb.post("/files/bulk-upload", content=b"{}", headers={"Content-Type": "application/json"})
    assert refused.status_code == 400 and refused.json() == {"errors": ["invalid multipart form"]}
    body, content_type = multipart([("unrelated", None, b"x")])
    assert tb.post("/files/bulk-upload", content=body, headers={"Content-Type": content_type}).json() == {"files": None}


# ---- GET /files/download and POST /files/bulk-download ----


@pytest.mark.upstream("apps/daemon/pkg/toolbox/fs/download_file.go")
def test_download_sends_the_file_as_an_attachment(tb: httpx.Client) -> None:
    put_files(tb, {f"{HOME}/dl/ré sumé.txt": b"content"})
    got = tb.get("/files/download", params={"path": "dl/ré sumé.txt"})
    assert got.status_code == 200 and got.content == b"content"
    assert got.headers["content-type"] == "application/octet-stream"
    assert (
        got.headers["content-disposition"]
        == "attachment; filename=\"ré sumé.txt\"; filename*=utf-8''r%C3%A9%20sum%C3%A9.txt"
    )
    assert got.headers["content-transfer-encoding"] == "binary"
    assert (got.headers["cache-control"], got.headers["expires"], got.headers["pragma"]) == (
        "must-revalidate",
        "0",
        "public",
    )


@pytest.mark.upstream("apps/daemon/pkg/toolbox/fs/download_file.go")
def test_download_of_a_directory_missing_file_or_no_path(tb: httpx.Client) -> None:
    assert_empty_error(tb.get("/files/download", params={"path": HOME}), 400)
    assert_empty_error(tb.get("/files/download", params={"path": f"{HOME}/none"}), 404)
    assert_empty_error(tb.get("/files/download"), 400)


def _parts(response: httpx.Response) -> list[tuple[dict[str, str], bytes]]:
    boundary = "DAYTONA-FILE-BOUNDARY"
    assert response.headers["content-type"] == f"multipart/form-data; boundary={boundary}"
    raw = response.content
    assert raw.startswith(f"--{boundary}\r\n".encode()) and raw.endswith(f"\r\n--{boundary}--\r\n".encode())
    parts = []
    for chunk in raw[len(f"--{boundary}\r\n") : -len(f"\r\n--{boundary}--\r\n")].split(
        f"\r\n--{boundary}\r\n".encode()
    ):
        head, _, body = chunk.partition(b"\r\n\r\n")
        headers = dict(line.split(": ", 1) for line in head.decode().split("\r\n"))
        parts.append((headers, body))
    return parts


@pytest.mark.upstream("apps/daemon/pkg/toolbox/fs/download_files.go")
def test_bulk_download_writes_go_multipart_with_file_and_error_parts(tb: httpx.Client) -> None:
    put_files(tb, {f"{HOME}/bd/a.json": b'{"a":1}', f"{HOME}/bd/b": b"bbb"})
    got = tb.post("/files/bulk-download", json={"paths": ["bd/a.json", f"{HOME}/bd/b", "bd/none", "bd", ""]})
    assert got.status_code == 200
    parts = _parts(got)
    assert [list(headers) for headers, _ in parts[:2]] == [
        ["Content-Disposition", "Content-Length", "Content-Type"]
    ] * 2
    assert parts[0] == (
        {
            "Content-Disposition": 'form-data; name="file"; filename="bd/a.json"; filename*=utf-8\'\'bd%2Fa.json',
            "Content-Length": "7",
            "Content-Type": "application/json",
        },
        b'{"a":1}',
    )
    assert parts[1][0]["Content-Type"] == "application/octet-stream" and parts[1][1] == b"bbb"
    errors = [(headers, json.loads(body)) for headers, body in parts[2:]]
    assert [list(headers) for headers, _ in errors] == [["Content-Disposition", "Content-Type"]] * 3
    assert errors[0][0]["Content-Type"] == "application/json; charset=utf-8"
    assert errors[0][0]["Content-Disposition"].startswith('form-data; name="error"; filename="bd/none"')
    summary = [(e["statusCode"], e["code"], e["message"], e["path"], e["method"]) for _, e in errors]
    assert summary == [
        (404, "FILE_NOT_FOUND", "file not found: bd/none", "bd/none", "POST"),
        (400, "INVALID_FILE_PATH", "invalid file path: path points to a directory: bd", "bd", "POST"),
        (400, "INVALID_FILE_PATH", "invalid file path: path is empty", "", "POST"),
    ]
    assert all(list(e) == ["statusCode", "message", "code", "timestamp", "path", "method"] for _, e in errors)
    assert all(RFC3339_UTC.match(e["timestamp"]) for _, e in errors)


@pytest.mark.upstream("apps/daemon/pkg/toolbox/fs/download_files.go", "apps/daemon/pkg/toolbox/fs/types.go")
def test_bulk_download_needs_a_non_empty_paths_list(tb: httpx.Client) -> None:
    expected = {"error": 'request body must be {"paths": [ ... ]} and non-empty'}
    for body in ({"paths": []}, {}, {"paths": "x"}):
        refused = tb.post("/files/bulk-download", json=body)
        assert (refused.status_code, refused.json()) == (400, expected), body
    assert tb.post("/files/bulk-download", content=b"not json").status_code == 400


# ---- answers as gin writes them ----


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/server.go",
    "apps/daemon/pkg/toolbox/middlewares/error.go",
    "libs/common-go/pkg/errors/middleware.go",
)
def test_json_answers_escape_html_characters_like_go(tb: httpx.Client) -> None:
    put_files(tb, {f"{HOME}/h.txt": b"<a & b>"})
    found = tb.get("/files/find", params={"path": "h.txt", "pattern": "&"})
    assert found.content == b'[{"file":"h.txt","line":1,"content":"\\u003ca \\u0026 b\\u003e"}]'
    assert re.fullmatch(r"application/json; charset=utf-8", found.headers["content-type"])

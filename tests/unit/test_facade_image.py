"""facade.image: Dockerfile output, quoting, validation and immutability."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from facade._errors import DaytonaNotFoundError, DaytonaValidationError
from facade._image import Image

DEBIAN_TAIL = (
    "RUN apt-get update\n"
    "RUN apt-get install -y gcc gfortran build-essential\n"
    "RUN pip install --upgrade pip\n"
    "RUN echo 'debconf debconf/frontend select Noninteractive' | debconf-set-selections\n"
)


def test_base_image() -> None:
    assert Image.base("alpine:3.18").dockerfile() == "FROM alpine:3.18\n"


def test_debian_slim_pins_the_series_patch_release() -> None:
    assert Image.debian_slim("3.12").dockerfile() == "FROM python:3.12.10-slim-bookworm\n" + DEBIAN_TAIL


def test_debian_slim_accepts_a_full_version() -> None:
    assert Image.debian_slim("3.11.4").dockerfile().startswith("FROM python:3.11.4-slim-bookworm\n")


def test_debian_slim_defaults_to_the_local_series() -> None:
    local = f"{sys.version_info.major}.{sys.version_info.minor}"
    assert Image.debian_slim().dockerfile() == Image.debian_slim(local).dockerfile()


@pytest.mark.parametrize("version", ["3.8", "2.7", "three", "3.12-rc"])
def test_debian_slim_rejects_bad_versions(version: str) -> None:
    with pytest.raises(DaytonaValidationError):
        Image.debian_slim(version)


def test_steps_return_new_images_and_leave_the_original_unchanged() -> None:
    base = Image.base("alpine:3.18")
    extended = base.pip_install("numpy")
    assert base.dockerfile() == "FROM alpine:3.18\n"
    assert extended is not base
    assert extended.dockerfile() == "FROM alpine:3.18\nRUN python -m pip install numpy\n"
    with pytest.raises(AttributeError):
        base._dockerfile = "FROM evil\n"


def test_pip_install_sorts_quotes_and_adds_options() -> None:
    image = Image.base("python:3.12").pip_install(
        "pandas>=2",
        ["numpy", "my pkg"],
        find_links=["https://example.com/wheels"],
        index_url="https://pypi.example/simple",
        extra_index_urls=["https://extra.example/simple"],
        pre=True,
        extra_options="--no-cache-dir",
    )
    assert image.dockerfile().splitlines()[-1] == (
        "RUN python -m pip install 'my pkg' numpy 'pandas>=2'"
        " --find-links https://example.com/wheels --index-url https://pypi.example/simple"
        " --extra-index-url https://extra.example/simple --pre --no-cache-dir"
    )


def test_pip_install_quotes_shell_metacharacters() -> None:
    line = Image.base("python:3.12").pip_install("x; rm -rf /").dockerfile().splitlines()[-1]
    assert line == "RUN python -m pip install 'x; rm -rf /'"


def test_pipinstall_alias_matches_pip_install() -> None:
    base = Image.base("alpine:3.18")
    assert base.pipInstall(["numpy", "pandas"]) == base.pip_install("numpy", "pandas")


@pytest.mark.parametrize("packages", [(), ([],), ("",), ("a\nRUN evil",)])
def test_pip_install_rejects_empty_or_multiline_packages(packages: tuple[object, ...]) -> None:
    with pytest.raises(DaytonaValidationError):
        Image.base("python:3.12").pip_install(*packages)  # type: ignore[arg-type]


def test_env_workdir_entrypoint_cmd() -> None:
    image = (
        Image.base("python:3.12")
        .env({"MY_ENV_VAR": "My Environment Variable", "PLAIN": "x"})
        .workdir("/home/my app")
        .entrypoint(["/bin/bash", "-c", 'echo "hi"'])
        .cmd(["python", "app.py"])
    )
    assert image.dockerfile() == (
        "FROM python:3.12\n"
        "ENV MY_ENV_VAR='My Environment Variable'\n"
        "ENV PLAIN=x\n"
        "WORKDIR '/home/my app'\n"
        'ENTRYPOINT ["/bin/bash", "-c", "echo \\"hi\\""]\n'
        'CMD ["python", "app.py"]\n'
    )


def test_env_rejects_bad_names_and_empty_mappings() -> None:
    with pytest.raises(DaytonaValidationError):
        Image.base("a").env({"1BAD": "x"})
    with pytest.raises(DaytonaValidationError):
        Image.base("a").env({})
    with pytest.raises(DaytonaValidationError):
        Image.base("a").env({"OK": "line1\nRUN evil"})


def test_entrypoint_and_cmd_need_a_non_empty_list() -> None:
    with pytest.raises(DaytonaValidationError):
        Image.base("a").entrypoint([])
    with pytest.raises(TypeError, match="cmd"):
        Image.base("a").cmd("python app.py")


def test_run_commands_strings_and_argument_lists() -> None:
    image = Image.base("debian").run_commands(
        'echo "Hello, world!"',
        ["bash", "-c", "echo it's here"],
        "apt-get update && \\\n    apt-get install -y curl",
    )
    assert image.dockerfile() == (
        "FROM debian\n"
        'RUN echo "Hello, world!"\n'
        "RUN bash -c 'echo it'\"'\"'s here'\n"
        "RUN apt-get update && \\\n    apt-get install -y curl\n"
    )


def test_run_commands_rejects_bare_line_breaks_and_empty_input() -> None:
    with pytest.raises(DaytonaValidationError):
        Image.base("a").run_commands("echo a\necho b")
    with pytest.raises(DaytonaValidationError):
        Image.base("a").run_commands()
    with pytest.raises(DaytonaValidationError):
        Image.base("a").run_commands([])


def test_dockerfile_commands_are_appended_as_written() -> None:
    image = Image.base("a").dockerfile_commands(["RUN echo 'Hello, world!'", "USER daytona"])
    assert image.dockerfile() == "FROM a\nRUN echo 'Hello, world!'\nUSER daytona\n"


def test_dockerfile_commands_reject_local_copies_but_allow_stage_copies() -> None:
    for local in ("COPY ./src /app", "copy --chown=1 <<EOF ./src /app", "ADD https://x.example/f ./src /app"):
        with pytest.raises(DaytonaValidationError, match="local"):
            Image.base("a").dockerfile_commands([local])
    remote = ["COPY --from=builder /out /app", "ADD https://x.example/f /f", "COPY <<EOF /f", "ADD <<A git@h:r /d"]
    allowed = Image.base("a").dockerfile_commands(remote)
    assert "COPY --from=builder /out /app\n" in allowed.dockerfile()


def test_from_dockerfile_reads_the_file(tmp_path: Path) -> None:
    path = tmp_path / "Dockerfile"
    path.write_text("FROM node:20\nRUN npm i -g pnpm")
    assert Image.from_dockerfile(path).dockerfile() == "FROM node:20\nRUN npm i -g pnpm\n"


def test_from_dockerfile_errors(tmp_path: Path) -> None:
    with pytest.raises(DaytonaNotFoundError):
        Image.from_dockerfile(tmp_path / "missing")
    with pytest.raises(DaytonaValidationError):
        Image.from_dockerfile(tmp_path)
    local = tmp_path / "Dockerfile"
    local.write_text("FROM node:20\nCOPY package.json \\\n  /app/\n")
    with pytest.raises(DaytonaValidationError, match="local"):
        Image.from_dockerfile(local)


def test_pip_install_from_requirements_copies_the_file_as_build_context(tmp_path: Path) -> None:
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("# deps\nnumpy>=2\n\nrequests==2.32.3\n")
    image = Image.base("python:3.12").pip_install_from_requirements(requirements, pre=True)
    archive = str(requirements).lstrip("/")
    assert image.dockerfile().splitlines()[1:] == [
        f"COPY {archive} /.requirements.txt",
        "RUN python -m pip install -r /.requirements.txt --pre",
    ]
    assert image._context == ((str(requirements), archive),)


def test_pip_install_from_requirements_errors(tmp_path: Path) -> None:
    with pytest.raises(DaytonaNotFoundError):
        Image.base("a").pip_install_from_requirements(tmp_path / "nope.txt")
    with pytest.raises(DaytonaValidationError, match="not a file"):
        Image.base("a").pip_install_from_requirements(tmp_path)


def test_add_local_file_and_dir_copy_their_archive_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text("print(1)\n")
    (tmp_path / "src").mkdir()
    image = Image.base("a").add_local_file("app.py", "/app/").add_local_dir("./src/", "/app/src")
    assert image.dockerfile() == "FROM a\nCOPY app.py /app/app.py\nCOPY src /app/src\n"
    assert image._context == (("app.py", "app.py"), ("./src/", "src"))
    assert (
        Image.base("a")
        .add_local_file(tmp_path / "app.py", "/x")
        .dockerfile()
        .endswith(f"COPY {str(tmp_path).lstrip('/')}/app.py /x\n")
    )
    assert image != Image(image.dockerfile())  # the context is part of the image


def test_add_local_errors_are_raised_before_anything_is_sent(tmp_path: Path) -> None:
    with pytest.raises(DaytonaNotFoundError):
        Image.base("a").add_local_file(tmp_path / "missing", "/x")
    with pytest.raises(DaytonaValidationError, match="not a file"):
        Image.base("a").add_local_file(tmp_path, "/x")
    with pytest.raises(DaytonaValidationError, match="not a directory"):
        Image.base("a").add_local_dir(Path(__file__), "/x")
    with pytest.raises(DaytonaValidationError, match="remote_path"):
        Image.base("a").add_local_dir(tmp_path, "/x\nRUN evil")


def test_pip_install_from_pyproject(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        '[project]\nname = "x"\ndependencies = ["requests>=2", "attrs"]\n'
        '[project.optional-dependencies]\ndev = ["pytest"]\ndocs = ["mkdocs"]\n'
    )
    image = Image.base("a").pip_install_from_pyproject(
        pyproject, ["dev", "unknown"], find_links="/wheels", extra_index_url="https://x.example/simple", pre=True
    )
    assert image.dockerfile().splitlines()[-1] == (
        "RUN python -m pip install attrs pytest 'requests>=2' --find-links /wheels"
        " --extra-index-url https://x.example/simple --pre"
    )
    assert image._context == ()  # read now, not uploaded
    pyproject.write_text('[project]\nname = "x"\ndependencies = []\n')
    assert Image.base("a").pip_install_from_pyproject(pyproject, []) == Image.base("a")


@pytest.mark.parametrize(
    "text", ["not toml = = =", "[tool.x]\na = 1\n", '[project]\nname = "x"\n', "[project]\ndependencies = 'x'\n"]
)
def test_pip_install_from_pyproject_refuses_bad_files(tmp_path: Path, text: str) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(text)
    with pytest.raises(DaytonaValidationError, match="pyproject_toml"):
        Image.base("a").pip_install_from_pyproject(pyproject, [])
    with pytest.raises(DaytonaNotFoundError):
        Image.base("a").pip_install_from_pyproject(tmp_path / "missing.toml", [])


def test_images_compare_by_dockerfile() -> None:
    assert Image.base("a").pip_install("x") == Image.base("a").pip_install("x")
    assert Image.base("a") != Image.base("b")
    assert "FROM a" in repr(Image.base("a"))

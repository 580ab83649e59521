"""PID 1 of one sandbox: builds its filesystem view, then reaps orphans until the emulator goes away.

Run by the emulator as ``unshare --mount --pid --uts --ipc --fork --kill-child python -S -I ns_init.py``
(standalone: it imports nothing from the emulator). Its first line of stdin is its configuration, in JSON
(not on the command line, which the sandbox's processes can read):

- ``root``: the sandbox's directory on the host; it becomes ``/``, read-write (its files are the sandbox's);
- ``hostname``: the sandbox's hostname (its id, as the runner names the container);
- ``keep``: host directories the emulator's own helpers run from (its Python, its package); they stay
  visible read-only at the same paths;
- ``hide``: host directories the sandbox must not see (the emulator's data and temp directories); an empty
  read-only tmpfs covers them where they would otherwise show through;
- ``state``: ``[base, own]``: the directory holding every sandbox's private scratch space and this sandbox's
  own one; ``base`` is covered by an empty tmpfs and only ``own`` is bound back into it;
- ``alias``: a path under ``base`` where the emulator reaches the sandbox's files on the host (a symlink to
  ``root`` there); the sandbox's root is bound at that path too, so a path the emulator hands a process
  names the same file inside the sandbox.

The view: every top-level directory of the host except ``home``, ``tmp``, ``proc``, ``dev``, ``sys`` and
``run`` is bound read-only at the same path (top-level symlinks are copied); ``/home`` and ``/tmp`` are the
sandbox's own; ``/proc`` is a new proc of the sandbox's PID namespace, ``/dev`` the host's with a private
``/dev/shm``, ``/sys`` the host's (read-only), ``/run`` a fresh tmpfs. Then ``pivot_root`` makes the
sandbox directory the namespace's root, so every process that joins the namespace starts there.

Prints ``ready <host pid> <json list of read-only top-level directories>`` once done (``error <text>`` and
exit status 1 on failure), then reaps children until its stdin reaches EOF, i.e. until the emulator closes
it or dies. When it exits the kernel kills every process left in the sandbox's PID namespace.
"""

from __future__ import annotations

import ctypes
import json
import os
import platform
import signal
import sys

MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 0x1, 0x2, 0x4, 0x8
MS_REMOUNT, MS_BIND, MS_MOVE, MS_REC, MS_PRIVATE = 0x20, 0x1000, 0x2000, 0x4000, 0x40000
MNT_DETACH = 0x2
OWN = ("home", "tmp")
SPECIAL = ("proc", "dev", "sys", "run", "lost+found")
PIVOT_ROOT = {"x86_64": 155, "aarch64": 41, "riscv64": 41, "ppc64le": 203, "s390x": 217}

libc = ctypes.CDLL(None, use_errno=True)


def _check(result: int, what: str) -> None:
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{what}: {os.strerror(errno)}")


def mount(source: str | None, target: str, fstype: str | None, flags: int, data: str | None = None) -> None:
    _check(
        libc.mount(
            source.encode() if source else None,
            target.encode(),
            fstype.encode() if fstype else None,
            ctypes.c_ulong(flags),
            data.encode() if data else None,
        ),
        f"mount {target}",
    )


def bind_read_only(source: str, target: str) -> None:
    mount(source, target, None, MS_BIND | MS_REC)
    mount(None, target, None, MS_REMOUNT | MS_BIND | MS_RDONLY)


def host_pid() -> int:
    """This process's pid in the emulator's PID namespace (read before /proc is replaced)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("NSpid:"):
                return int(line.split()[1])
    raise RuntimeError("no NSpid in /proc/self/status")


def inside(root: str, path: str) -> str:
    return os.path.join(root, path.lstrip("/"))


def top(path: str) -> str:
    return path.strip("/").split("/", 1)[0]


def is_under(path: str, ancestor: str) -> bool:
    path, ancestor = path.rstrip("/") or "/", ancestor.rstrip("/") or "/"
    return path == ancestor or path.startswith(ancestor + "/") or ancestor == "/"


def build_view(config: dict[str, object]) -> list[str]:
    root = str(config["root"])
    keep = [str(p) for p in config.get("keep", [])]  # type: ignore[attr-defined]
    hide = [str(p) for p in config.get("hide", [])]  # type: ignore[attr-defined]
    state_base, state_own = (str(p) for p in config["state"])  # type: ignore[attr-defined]

    mount(None, "/", None, MS_REC | MS_PRIVATE)
    mount(root, root, None, MS_BIND)
    for name in (*OWN, "proc", "dev", "sys", "run"):
        os.makedirs(inside(root, name), exist_ok=True)
    os.chmod(inside(root, "tmp"), 0o1777)

    read_only: list[str] = []
    for name in sorted(os.listdir("/")):
        if name in OWN or name in SPECIAL:
            continue
        host, target = "/" + name, inside(root, name)
        if os.path.islink(host):
            if not os.path.lexists(target):
                os.symlink(os.readlink(host), target)
            continue
        if not os.path.isdir(host) or os.path.islink(target) or (os.path.lexists(target) and not os.path.isdir(target)):
            continue
        os.makedirs(target, exist_ok=True)
        bind_read_only(host, target)
        read_only.append(name)

    mount("/dev", inside(root, "dev"), None, MS_BIND | MS_REC)
    if os.path.isdir(inside(root, "dev/shm")):
        mount("tmpfs", inside(root, "dev/shm"), "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777")
    bind_read_only("/sys", inside(root, "sys"))
    mount("proc", inside(root, "proc"), "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    mount("tmpfs", inside(root, "run"), "tmpfs", MS_NOSUID | MS_NODEV, "mode=755")

    # Where a kept directory lives in the sandbox's own part of the tree, bind it there read-only.
    for path in keep:
        if top(path) in OWN and os.path.isdir(path):
            os.makedirs(inside(root, path), exist_ok=True)
            bind_read_only(path, inside(root, path))

    for path in hide:
        target = inside(root, path)
        if top(path) not in read_only or not os.path.isdir(target) or any(is_under(k, path) for k in keep):
            continue
        mount("tmpfs", target, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV, "size=4k,mode=755")

    base = inside(root, state_base)
    if top(state_base) == "run":
        os.makedirs(base, exist_ok=True)
    elif os.path.isdir(base):
        mount("tmpfs", base, "tmpfs", MS_NOSUID | MS_NODEV, "size=64k,mode=755")
    else:
        raise RuntimeError(f"{state_base} is not visible in the sandbox")
    own = inside(root, state_own)
    os.makedirs(own, exist_ok=True)
    mount(state_own, own, None, MS_BIND)
    alias = str(config.get("alias") or "")
    if alias:
        os.makedirs(inside(root, alias), exist_ok=True)
        mount(root, inside(root, alias), None, MS_BIND)

    old = inside(root, ".daytona-emulator-old-root")
    os.makedirs(old, exist_ok=True)
    number = PIVOT_ROOT.get(platform.machine())
    if number is not None:
        _check(libc.syscall(number, root.encode(), old.encode()), "pivot_root")
        os.chdir("/")
        _check(libc.umount2(b"/.daytona-emulator-old-root", MNT_DETACH), "umount old root")
        os.rmdir("/.daytona-emulator-old-root")
    else:  # no pivot_root number known for this machine: move the new root over the old one
        os.rmdir(old)
        os.chdir(root)
        mount(root, "/", None, MS_MOVE)
        os.chroot(".")
        os.chdir("/")
    return read_only


def reap(_signum: int, _frame: object) -> None:
    while True:
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def read_line(fd: int) -> bytes:
    line = b""
    while not line.endswith(b"\n"):
        chunk = os.read(fd, 1)
        if not chunk:
            break
        line += chunk
    return line


def main() -> int:
    try:
        config = json.loads(read_line(0))
        pid = host_pid()
        read_only = build_view(config)
        hostname = str(config.get("hostname", "")).encode()[:64]  # type: ignore[union-attr]
        if hostname:
            _check(libc.sethostname(hostname, len(hostname)), "sethostname")
    except Exception as exc:  # reported to the emulator, which falls back to unisolated sandboxes
        print(f"error {exc}", flush=True)
        return 1
    signal.signal(signal.SIGCHLD, reap)
    print(f"ready {pid} {json.dumps(read_only)}", flush=True)
    while os.read(0, 4096):
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())

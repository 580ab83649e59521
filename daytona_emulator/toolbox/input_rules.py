"""The computer-use plugin's input rules, before anything reaches the X server.

Mirrors ``libs/computer-use/pkg/computeruse/keyboard_normalization.go``, ``keyboard.go`` (what
``keyboard.type`` accepts) and ``mouse_validation.go``. Each function returns the normalised value or raises
`InputRejected` with the plugin's message (the daemon answers it as ``400 {"error": message}``).
"""

from __future__ import annotations

from dataclasses import dataclass

from daytona_emulator.toolbox.go_json import go_quote

SUPPORTED_MODIFIERS = ("ctrl", "alt", "shift", "cmd")
_MODIFIERS = ", ".join(SUPPORTED_MODIFIERS)

_MODIFIER_ALIASES = {
    "alt": "alt",
    "cmd": "cmd",
    "command": "cmd",
    "control": "ctrl",
    "ctrl": "ctrl",
    "meta": "cmd",
    "option": "alt",
    "shift": "shift",
    "super": "cmd",
    "win": "cmd",
    "windows": "cmd",
}

_KEY_ALIASES = {
    "cmd": "cmd",
    "command": "cmd",
    "control": "ctrl",
    "ctrl": "ctrl",
    "del": "delete",
    "esc": "escape",
    "left_alt": "lalt",
    "left_cmd": "lcmd",
    "left_command": "lcmd",
    "left_control": "lctrl",
    "left_ctrl": "lctrl",
    "left_shift": "lshift",
    "meta": "cmd",
    "option": "alt",
    "page_down": "pagedown",
    "page_up": "pageup",
    "return": "enter",
    "right_alt": "ralt",
    "right_cmd": "rcmd",
    "right_command": "rcmd",
    "right_control": "rctrl",
    "right_ctrl": "rctrl",
    "right_shift": "rshift",
    "spacebar": "space",
    "super": "cmd",
    "win": "cmd",
    "windows": "cmd",
}

# Named keys: the token sent to the X server and, for modifier keys, their family.
_NAMED_KEYS: dict[str, tuple[str, str]] = {
    **{name: (name, "") for name in ("backspace", "capslock", "delete", "down", "end", "enter", "escape")},
    **{f"f{n}": (f"f{n}", "") for n in range(1, 25)},
    **{name: (name, "") for name in ("home", "insert", "left", "menu", "pagedown", "pageup", "right", "space")},
    **{name: (name, "") for name in ("tab", "up", "num_enter", "num_equal", "num_lock")},
    **{f"num{n}": (f"num{n}", "") for n in range(10)},
    "num_asterisk": ("num*", ""),
    "num_decimal": ("num.", ""),
    "num_minus": ("num-", ""),
    "num_plus": ("num+", ""),
    "num_slash": ("num/", ""),
    "alt": ("alt", "alt"),
    "cmd": ("cmd", "cmd"),
    "ctrl": ("ctrl", "ctrl"),
    "shift": ("shift", "shift"),
    "lalt": ("lalt", "alt"),
    "lcmd": ("lcmd", "cmd"),
    "lctrl": ("lctrl", "ctrl"),
    "lshift": ("lshift", "shift"),
    "ralt": ("ralt", "alt"),
    "rcmd": ("rcmd", "cmd"),
    "rctrl": ("rctrl", "ctrl"),
    "rshift": ("rshift", "shift"),
}

_SHIFTED = {
    "!": "1",
    '"': "'",
    "#": "3",
    "$": "4",
    "%": "5",
    "&": "7",
    "(": "9",
    ")": "0",
    "*": "8",
    "+": "=",
    ":": ";",
    "<": ",",
    ">": ".",
    "?": "/",
    "@": "2",
    "^": "6",
    "_": "-",
    "{": "[",
    "|": "\\",
    "}": "]",
    "~": "`",
}
_PUNCTUATION_KEYS = set("',-./;=[\\]`")
_NUMPAD_SHORTHAND = {"num*": "num_asterisk", "num+": "num_plus", "num-": "num_minus", "num.": "num_decimal"}
_NUMPAD_SHORTHAND["num/"] = "num_slash"

# unicode.IsSpace: Latin-1 spaces plus the other White_Space characters.
_GO_SPACES = set("\t\n\v\f\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000") | {chr(c) for c in range(0x2000, 0x200B)}

DEFAULT_BUTTON = "left"
SCROLL_DIRECTIONS = ("up", "down")


class InputRejected(Exception):
    """An input the plugin refuses, with its message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Chord:
    """A normalised key press: the key's token and the modifiers held."""

    key: str
    modifiers: tuple[str, ...] = ()
    family: str = ""


def _is_space(char: str) -> bool:
    return char in _GO_SPACES


def _is_control(char: str) -> bool:
    code = ord(char)
    return code < 0x20 or 0x7F <= code < 0xA0


def _is_ascii(text: str) -> bool:
    return all(ord(char) < 0x80 for char in text)


def _named(raw: str) -> str:
    return raw.lower().replace("-", "_")


def _go_trim_space(text: str) -> str:
    start, end = 0, len(text)
    while start < end and _is_space(text[start]):
        start += 1
    while end > start and _is_space(text[end - 1]):
        end -= 1
    return text[start:end]


def _go_fields(text: str) -> list[str]:
    fields, current = [], ""
    for char in text:
        if _is_space(char):
            if current:
                fields.append(current)
            current = ""
        else:
            current += char
    if current:
        fields.append(current)
    return fields


def _whitespace_key_error(raw: str) -> InputRejected:
    quoted = go_quote(raw)
    if raw == " ":
        return InputRejected(f'unsupported key {quoted}; use press("space") or type(" ")')
    if raw == "\t":
        return InputRejected(f'unsupported key {quoted}; use press("tab") or type("\\t")')
    if raw in ("\n", "\r"):
        return InputRejected(f'unsupported key {quoted}; use press("enter") or type({quoted})')
    return InputRejected(f'unsupported key {quoted}; use a named key such as "space", "tab", or "enter"')


def _text_key_error(raw: str) -> InputRejected:
    return InputRejected(f"unsupported key {go_quote(raw)}; use type({go_quote(raw)}) for text input")


def _unknown_key_error(raw: str) -> InputRejected:
    return InputRejected(f"unsupported key {go_quote(raw)}; see supported keyboard key names in the computer-use docs")


def _modifier_error(raw: str) -> InputRejected:
    return InputRejected(f"unsupported modifier {go_quote(raw)}; supported modifiers: {_MODIFIERS}")


def _sided_modifier_error(raw: str) -> str:
    return (
        f"unsupported modifier {go_quote(raw)}; supported modifiers: {_MODIFIERS}; "
        "left/right-specific modifier keys are only supported as the main key"
    )


def normalize_key(raw: str) -> Chord:
    """normalizeKeyboardKey: a single key name or character."""
    if raw == "":
        return _raise(InputRejected(f"unsupported key {go_quote(raw)}: empty key token"))
    canonical = _NUMPAD_SHORTHAND.get(raw.lower())
    if canonical is not None:
        return _raise(InputRejected(f"unsupported key {go_quote(raw)}; use {go_quote(canonical)}"))
    if len(raw) == 1:
        return _single_key(raw)
    if any(_is_control(char) for char in raw):
        return _raise(_text_key_error(raw))
    if any(_is_space(char) for char in raw):
        return _raise(_whitespace_key_error(raw))
    if not _is_ascii(raw):
        return _raise(_text_key_error(raw))
    name = _named(raw)
    name = _KEY_ALIASES.get(name, name)
    if name not in _NAMED_KEYS:
        return _raise(_unknown_key_error(raw))
    token, family = _NAMED_KEYS[name]
    return Chord(token, family=family)


def _raise(error: InputRejected) -> Chord:
    raise error


def _single_key(raw: str) -> Chord:
    if _is_space(raw):
        raise _whitespace_key_error(raw)
    if _is_control(raw):
        raise _whitespace_key_error(raw) if raw in "\t\n\r" else _text_key_error(raw)
    if ord(raw) > 0x7F:
        raise _text_key_error(raw)
    if raw.isalpha():
        return Chord(raw.lower())
    if raw.isdigit() or raw in _PUNCTUATION_KEYS:
        return Chord(raw)
    if raw in _SHIFTED:
        raise InputRejected(
            f'unsupported key {go_quote(raw)}; use press({go_quote(_SHIFTED[raw])}, ["shift"]) '
            f"for a shifted key or type({go_quote(raw)}) for text"
        )
    raise _unknown_key_error(raw)


def normalize_modifier(raw: str) -> str:
    """normalizeModifierToken: one of ctrl, alt, shift, cmd (or an alias of one)."""
    if raw == "" or any(_is_control(c) or _is_space(c) for c in raw) or not _is_ascii(raw):
        raise _modifier_error(raw)
    name = _named(raw)
    if name in _MODIFIER_ALIASES:
        return _MODIFIER_ALIASES[name]
    if name in _NAMED_KEYS:
        raise InputRejected(_sided_modifier_error(raw))
    raise _modifier_error(raw)


def _append_modifier(modifiers: list[str], seen: dict[str, str], normalized: str, raw: str, context: str) -> None:
    previous = seen.get(normalized)
    if previous is not None:
        if _named(previous) == _named(raw):
            raise InputRejected(f"duplicate modifier {go_quote(normalized)} in {context}")
        raise InputRejected(f"duplicate modifier usage after normalization in {context}")
    seen[normalized] = raw
    modifiers.append(normalized)


def _no_conflict(key: Chord, modifiers: list[str], context: str) -> None:
    if key.family and key.family in modifiers:
        raise InputRejected(f"duplicate modifier usage after normalization in {context}")


def normalize_press(key: str, modifiers: list[str]) -> Chord:
    """normalizeKeyboardPress: ``keyboard/key``'s key plus its modifiers."""
    chord = normalize_key(key)
    context = "press(" + go_quote(key) + ", [" + ", ".join(go_quote(m) for m in modifiers) + "])"
    normalized: list[str] = []
    seen: dict[str, str] = {}
    for modifier in modifiers:
        _append_modifier(normalized, seen, normalize_modifier(modifier), modifier, context)
    _no_conflict(chord, normalized, context)
    return Chord(chord.key, tuple(normalized), chord.family)


def normalize_hotkey(raw: str) -> Chord:
    """normalizeKeyboardHotkey: ``keyboard/hotkey``'s ``keys`` such as ``ctrl+shift+t``."""
    quoted = go_quote(raw)
    if _go_trim_space(raw) == "":
        raise InputRejected(f"invalid hotkey {quoted}: empty key token")
    parts = []
    for part in raw.split("+"):
        trimmed = _go_trim_space(part)
        if trimmed == "":
            reason = "empty key token after trimming" if part != "" else "empty key token"
            raise InputRejected(f"invalid hotkey {quoted}: {reason}")
        if len(_go_fields(trimmed)) > 1:
            raise InputRejected(f"invalid hotkey {quoted}: only a single chord is supported")
        parts.append(trimmed)
    try:
        chord = normalize_key(parts[-1])
    except InputRejected as exc:
        raise InputRejected(f"invalid hotkey {quoted}: {exc.message}") from exc
    context = f"hotkey({quoted})"
    modifiers: list[str] = []
    seen: dict[str, str] = {}
    for part in parts[:-1]:
        try:
            modifier = normalize_modifier(part)
        except InputRejected as modifier_error:
            try:
                as_key = normalize_key(part)
            except InputRejected:
                raise InputRejected(f"invalid hotkey {quoted}: {_modifier_error(part).message}") from modifier_error
            if as_key.family:
                raise InputRejected(f"invalid hotkey {quoted}: {_sided_modifier_error(part)}") from modifier_error
            raise InputRejected(
                f"invalid hotkey {quoted}: chords may contain at most one non-modifier key"
            ) from modifier_error
        try:
            _append_modifier(modifiers, seen, modifier, part, context)
        except InputRejected as exc:
            raise InputRejected(f"invalid hotkey {quoted}: {exc.message}") from exc
    try:
        _no_conflict(chord, modifiers, context)
    except InputRejected as exc:
        raise InputRejected(f"invalid hotkey {quoted}: {exc.message}") from exc
    return Chord(chord.key, tuple(modifiers), chord.family)


def typing_actions(text: str) -> list[str]:
    """buildTypingActions: the text as runs of characters and ``"\\n"`` (an Enter press) items."""
    actions: list[str] = []
    current = ""
    for char in text.replace("\r\n", "\n"):
        if char in "\n\r":
            if current:
                actions.append(current)
            current = ""
            actions.append("\n")
        elif char == "\t":
            raise InputRejected(
                "keyboard.type does not translate '\\t' to Tab; use keyboard.press(\"tab\") for Tab key events"
            )
        elif char in "\u2028\u2029":
            raise InputRejected(f"unsupported separator character in keyboard.type: U+{ord(char):04X}")
        elif _is_control(char):
            raise InputRejected(f"unsupported control character in keyboard.type: U+{ord(char):04X}")
        else:
            current += char
    if current:
        actions.append(current)
    return actions


def normalize_button(button: str) -> str:
    """normalizeMouseButton: left (the default), right or middle."""
    normalized = _go_trim_space(button).lower()
    if normalized == "":
        return DEFAULT_BUTTON
    if normalized in ("left", "right", "middle"):
        return normalized
    raise InputRejected(f"unsupported mouse button {go_quote(button)}: expected one of left, right, middle")


def normalize_scroll(direction: str, amount: int) -> tuple[str, int]:
    """normalizeScrollDirection then normalizeScrollAmount (0 means 1)."""
    normalized = _go_trim_space(direction).lower()
    if normalized not in SCROLL_DIRECTIONS:
        raise InputRejected(f"unsupported scroll direction {go_quote(direction)}: expected up or down")
    if amount < 0:
        raise InputRejected("scroll amount must be greater than or equal to 0")
    return normalized, amount or 1

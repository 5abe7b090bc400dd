"""Password rules for staff accounts: at least 12 characters and not a common or guessable one."""

import re
from functools import cache
from pathlib import Path

MIN_LENGTH = 12
MAX_LENGTH = 256
# Common passwords and the words they are built from (12+ characters only: shorter ones are refused anyway).
COMMON_FILE = Path(__file__).with_name("common-passwords.txt")
_EDGES = re.compile(r"^[\d\W_]+|[\d\W_]+$")


@cache
def common_passwords() -> frozenset[str]:
    """The bundled list, lower-cased; lines starting with # are comments."""
    lines = COMMON_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def password_problem(password: str, email: str = "") -> str | None:
    """Why the password is too weak, in one sentence, or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return f"must be at least {MIN_LENGTH} characters long (it has {len(password)})"
    if len(password) > MAX_LENGTH:
        return f"must be at most {MAX_LENGTH} characters long"
    lowered = password.lower()
    # "Password2024!" is as weak as "password": digits and symbols round a common word add little.
    core = _EDGES.sub("", lowered)
    common = common_passwords()
    if lowered in common or core in common or len(core) < 4 or _repeats(core):
        return "is a common password or too easy to guess; choose a long phrase of unrelated words"
    local = email.split("@", 1)[0].lower()
    if len(local) >= 3 and local in lowered:
        return "must not contain the email address"
    if len(set(lowered)) < 5:
        return "uses too few different characters; choose a long phrase of unrelated words"
    return None


def _repeats(core: str) -> bool:
    # A short chunk said over and over ("abcabcabcabc", "qwertyqwerty") is guessed quickly.
    return any(
        len(core) % n == 0 and core == core[:n] * (len(core) // n) for n in range(1, len(core) // 2 + 1)
    )

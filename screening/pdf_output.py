"""Where `screening pdf` writes: checks on -o made before rendering, and an all-or-nothing write."""

import os
import sys
import tempfile
from pathlib import Path

import click


def output_problems(output: str, sources: tuple[str, ...]) -> list[str]:
    """What is wrong with -o OUTPUT, checked before rendering so a long batch never ends in "cannot write"."""
    if output == "-":
        return ["-o: refusing to write a PDF to a terminal"] if sys.stdout.isatty() else []
    path = Path(output)
    folder = path.parent.resolve()
    if path.is_dir():
        return [f"-o {output}: is a folder; give a file name such as summary.pdf"]
    if not folder.is_dir():
        return [f"-o {output}: folder {folder} does not exist"]
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        return [f"-o {output}: permission denied; choose a file in a folder you can write to"]
    if any(src != "-" and Path(src).resolve() == path.resolve() for src in sources):
        return [f"-o {output}: is one of the answers files; refusing to overwrite it"]
    return []


def write_output(output: str, data: bytes) -> None:
    """Write the PDF to a path (all or nothing) or to stdout for `-`."""
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    path = Path(output)
    # Write beside the target, then rename: a failed write never leaves half a PDF. mkstemp makes
    # the file readable by its owner only, which suits a page of patient data.
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise click.ClickException(f"cannot write {output}: {error.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise click.ClickException(f"cannot write {output}: {error.strerror}") from None

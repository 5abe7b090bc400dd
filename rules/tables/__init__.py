"""Every released rules table, by version: old ones stay importable so stored results can be re-run."""

import importlib
from types import ModuleType

# Oldest first; the last is the newest, which new answers are evaluated with.
VERSIONS = {"2026.1": "rules.tables.v2026_1"}
NEWEST = list(VERSIONS)[-1]


class UnknownRulesVersion(ValueError):
    """A rules version that was never released."""

    def __init__(self, version: str):
        self.version = version
        super().__init__(f"unknown rules version {version!r}; allowed: {', '.join(VERSIONS)}")


def load(version: str | None = None) -> ModuleType:
    """The rules table of `version` (the newest when None)."""
    version = NEWEST if version is None else version
    if version not in VERSIONS:
        raise UnknownRulesVersion(version)
    return importlib.import_module(VERSIONS[version])

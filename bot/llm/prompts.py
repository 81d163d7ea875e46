"""Versioned prompt templates: ``prompts/<name>.yaml`` → validated model → chat messages.

A template has a ``name``, a ``version`` (part of the brief cache key), and ``system`` and ``user``
texts with ``string.Template`` ``$variables``. Rendering with a variable missing raises ``PromptError``
naming every missing one.
"""

from __future__ import annotations

import hashlib
import string
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from bot.config import read_yaml_mapping, validated
from bot.errors import PromptError
from bot.paths import resource_dir


class PromptTemplate(BaseModel):
    """One prompt: a system text and a user text, each with ``$var`` placeholders."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    version: str
    system: str
    user: str

    def variables(self) -> set[str]:
        """Every ``$var`` the template uses."""
        names: set[str] = set()
        for text in (self.system, self.user):
            names.update(string.Template(text).get_identifiers())
        return names

    @property
    def digest(self) -> str:
        """Short hash of the template text, so an edit without a version bump still changes cache keys."""
        return hashlib.sha256(f"{self.system}\0{self.user}".encode()).hexdigest()[:8]

    def render(self, **variables: str) -> list[dict[str, str]]:
        """Fill the template: ``[{"role": "system", ...}, {"role": "user", ...}]``."""
        missing = sorted(self.variables() - variables.keys())
        if missing:
            raise PromptError(f"prompt {self.name!r} is missing variables: {', '.join(missing)}", missing=missing)
        try:
            return [
                {"role": "system", "content": string.Template(self.system).substitute(variables)},
                {"role": "user", "content": string.Template(self.user).substitute(variables)},
            ]
        except ValueError as exc:  # a stray "$" in the template text itself
            raise PromptError(f"prompt {self.name!r} has an invalid placeholder: {exc}") from exc


def prompts_dir() -> Path:
    return resource_dir("prompts")


def load_prompt_file(path: Path) -> PromptTemplate:
    """Load and validate one template file, or raise ``PromptError``."""
    data = read_yaml_mapping(path, what="prompt file", error=PromptError)
    data.setdefault("name", path.stem)
    if isinstance(data.get("version"), int | float):
        data["version"] = str(data["version"])
    return validated(PromptTemplate, data, where=f"prompt file {path}", error=PromptError)


@lru_cache(maxsize=16)
def load_prompt(name: str) -> PromptTemplate:
    """Load ``prompts/<name>.yaml``."""
    if not name or "/" in name or "\\" in name or name.startswith("."):
        raise PromptError(f"invalid prompt name {name!r}")
    return load_prompt_file(prompts_dir() / f"{name}.yaml")

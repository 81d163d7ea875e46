"""The offline extractive engine: grammar from a dependency parse, meanings from the domain YAML."""

from bot.extractive.engine import ExtractiveEngine

__all__ = ["ExtractiveEngine"]

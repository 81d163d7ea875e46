"""The offline extractive engine: rules over sentences, driven by the domain YAML."""

from bot.extractive.engine import ExtractiveEngine

__all__ = ["ExtractiveEngine"]

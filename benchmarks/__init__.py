"""Benchmarks: documented commands that print the figures quoted in README.md ("Measured figures").

Run from the repository root, e.g. ``python -m benchmarks.engine ../shared/eval/dev``. Not part of the
installed package: they use the stand-ins in ``standins/`` and the checkout's fixtures.
"""

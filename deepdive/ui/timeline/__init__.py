"""The visual timeline: events along time, one lane per domain or agency.

:mod:`.layout` places everything (pure Python), :mod:`.painter` draws it with
QPainter, :mod:`.view` is the interactive widget and :mod:`.picture` saves PNG and
SVG pictures without any window (for exports).
"""

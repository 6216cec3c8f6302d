"""DeepDive's data files: built-in templates, demo case, icons, Word reference document.

This folder is installed as the ``deepdive_resources`` package so the same files are
found from a source checkout, a wheel and the PyInstaller build. Load them only
through :mod:`deepdive.resources`.
"""

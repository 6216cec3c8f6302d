"""The PySide6 desktop interface: the only package that imports Qt.

Widgets call the services in :mod:`deepdive.services` and never touch the database.
"""

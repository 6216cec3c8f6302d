"""The PySide6 desktop interface: the only package that imports Qt.

Widgets call the services in :mod:`deepdive.services` and never touch the database.
The app is wired in one place, :mod:`deepdive.ui.shell.app`; each feature has a
package of its own (``cases``, ``chronology``, ``timeline``, ``sessions``,
``outcomes``, ``learning``, ``privacy``, ``spelling``, ``export``, ``search``,
``workspace``), built on ``editors`` and the shared ``widgets`` below them.
"""

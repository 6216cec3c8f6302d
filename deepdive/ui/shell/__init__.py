"""The application shell: the entry point's wiring, the main window that composes the
features, its menu bar, preferences and help."""

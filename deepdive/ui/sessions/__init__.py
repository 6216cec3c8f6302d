"""Reflective sessions in the app: sessions tab, runner, presentation view, templates."""

"""Shared widgets and helpers below every feature: prompts, tables and their row models,
cell editors, the wheel guard, screen fitting, the palette, window settings, the menu
slots features install into, key bindings, preferences and the save status.

Nothing here imports another package of ``deepdive.ui`` (an import-linter contract)."""

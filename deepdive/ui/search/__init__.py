"""Searching every case: Edit ▸ Search everywhere… and its dialog."""

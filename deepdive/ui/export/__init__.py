"""Exporting a case study: File ▸ Export case study… and its dialog."""

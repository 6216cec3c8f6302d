"""Privacy: the encrypted key vault, identifier detection and the leak check.

Core code (no Qt). The pieces and who uses them:

- :mod:`deepdive.privacy.vault` — the key vault: a separate encrypted file beside the
  workspace holding, per case, people's real names, aliases, dates of birth,
  addresses, NHS numbers and other identifiers mapped to their pseudonyms, and the
  case's secret date shift.
- :mod:`deepdive.privacy.detector` — finds identifiers in text: registered ones (from
  the vault or a names file; everyday-word names judged by their context), validated
  patterns (NHS, NI and pupil numbers, postcodes, phone numbers, emails, dates of
  birth, street addresses, personal URLs, vehicle registrations in
  :mod:`~deepdive.privacy.vehicles`, case-record numbers in
  :mod:`~deepdive.privacy.references`) and, with low confidence, names nobody
  registered and school, surgery and children's home names
  (:mod:`~deepdive.privacy.organisations`).
- :mod:`deepdive.privacy.leakcheck` — runs the detector over every text part an
  export is about to write and blocks it (``ExportBlocked``) when it would leak.

Exports show dates real, shifted by the case's secret shift, or as ages through one
presenter, :mod:`deepdive.export.dates`.
"""

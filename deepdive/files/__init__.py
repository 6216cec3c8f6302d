"""Files DeepDive writes: what may be replaced, writing atomically, keeping them private.

Core code (no Qt), used by every writer — exports, the programme report, rendering,
bundles, template files, pictures and backups — so that each one refuses the same
destinations with the same messages:

- :mod:`deepdive.files.kinds` — what an existing file is, by its content: a workspace
  (and its -wal/-shm/-journal/lock companions), a key vault, a backup, a Word
  document, a PDF, a bundle, a template, …
- :mod:`deepdive.files.destination` — the one destination check: never a workspace,
  a vault or a backup, never a file of another kind, never a folder or a special file.
- :mod:`deepdive.files.atomic` — writing beside the destination and renaming into
  place, keeping a replaced file's permissions, and clearing ``.part`` files left by a
  run that was killed.
- :mod:`deepdive.files.private` — files readable by their owner only (0600, folders
  0700) whatever the umask.
"""

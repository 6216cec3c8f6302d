"""The workspace's template library: built-in templates plus the team's own versions.

Built-in templates ship as files; templates written, edited or imported in a workspace
are kept in it as immutable :class:`TemplateVersion` rows (source ``user`` or
``imported``). The library shows the newest version of each template. Sessions point
at the exact version they used, so saving a new version never changes a past session.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session as OrmSession

from deepdive.files.atomic import write_atomically
from deepdive.files.kinds import FileKind
from deepdive.services.changes import Change, ChangeBus, ChangeKind, Entity
from deepdive.services.errors import DuplicateError, NotFoundError, ValidationError
from deepdive.services.session_results import ImportResult, TemplateEntry, TemplateSource
from deepdive.storage.models import Session, TemplateVersion
from deepdive.storage.workspace import Workspace
from deepdive.templates import (
    Template,
    builtin_templates,
    dump_template,
    load_template_file,
    parse_template,
)

_OWN_SOURCES = (TemplateSource.USER.value, TemplateSource.IMPORTED.value)


@dataclass(frozen=True)
class StoredVersion:
    """One of the team's own template versions as stored, to put back after an undo."""

    id: int
    template_key: str
    version: int
    name: str
    source: str
    content: str
    created_at: datetime


class TemplateLibrary:
    """List, read, save, import, export and remove session templates."""

    def __init__(self, workspace: Workspace, changes: ChangeBus) -> None:
        self._workspace = workspace
        self._changes = changes

    # ------------------------------------------------------------------ reading
    def list_templates(self) -> list[TemplateEntry]:
        """The newest version of every template, sorted by name."""
        with self._workspace.reading() as session:
            newest = _newest(session)
            usage = _usage(session)
        entries = [_entry(t, source, usage.get(key, 0)) for key, (t, source) in newest.items()]
        return sorted(entries, key=lambda e: (e.name.casefold(), e.key))

    def entry(self, key: str) -> TemplateEntry:
        """The library entry for one template (its newest version)."""
        with self._workspace.reading() as session:
            newest = _newest(session)
            if key not in newest:
                raise NotFoundError(f"There is no template '{key}' in this workspace's library.")
            template, source = newest[key]
            return _entry(template, source, _usage(session).get(key, 0))

    def get(self, key: str, version: int | None = None) -> Template:
        """A template: its newest version, or the version asked for."""
        with self._workspace.reading() as session:
            if version is None:
                newest = _newest(session)
                if key not in newest:
                    raise NotFoundError(
                        f"There is no template '{key}' in this workspace's library."
                    )
                return newest[key][0]
            row = session.scalar(
                select(TemplateVersion).where(
                    TemplateVersion.template_key == key, TemplateVersion.version == version
                )
            )
            if row is not None:
                return parse_template(row.content, row.name)
        for template in builtin_templates():
            if template.id == key and template.version == version:
                return template
        raise NotFoundError(f"There is no version {version} of the template '{key}'.")

    def next_version(self, key: str) -> int:
        """The version number the next saved version of ``key`` will get."""
        with self._workspace.reading() as session:
            return _highest_version(session, key) + 1

    # ------------------------------------------------------------------ writing
    def save_new_version(self, template: Template) -> TemplateEntry:
        """Save an edited template as its next version (nothing is saved if unchanged)."""
        with self._workspace.transaction() as session:
            newest = _newest(session).get(template.id)
            if newest is not None and _same(newest[0], template):
                return _entry(newest[0], newest[1], _usage(session).get(template.id, 0))
            saved = dataclasses.replace(
                template, version=_highest_version(session, template.id) + 1
            )
            row = _add_row(session, saved, TemplateSource.USER)
            usage = _usage(session).get(saved.id, 0)
        self._changes.publish(Change(Entity.TEMPLATE, ChangeKind.ADDED, (row,)))
        return _entry(saved, TemplateSource.USER, usage)

    def add_new(self, template: Template) -> TemplateEntry:
        """Add a template with an id not used before (for example a copy under a new id)."""
        with self._workspace.transaction() as session:
            if template.id in _newest(session) or _highest_version(session, template.id):
                raise DuplicateError(
                    f"There is already a template with the id '{template.id}'; choose another id.",
                    "id",
                )
            saved = dataclasses.replace(template, version=1)
            row = _add_row(session, saved, TemplateSource.USER)
        self._changes.publish(Change(Entity.TEMPLATE, ChangeKind.ADDED, (row,)))
        return _entry(saved, TemplateSource.USER, 0)

    def import_file(self, path: str | Path) -> ImportResult:
        """Check a shared template file and add it to the library as the newest version.

        A malformed file is refused with a :class:`TemplateError` naming the file, the
        line and what is wrong, and nothing is added.
        """
        template = load_template_file(path)
        with self._workspace.transaction() as session:
            usage = _usage(session).get(template.id, 0)
            for known, source in _all_versions(session, template.id):
                if _same(known, template):
                    return ImportResult(
                        _entry(known, source, usage),
                        f"'{known.name}' (version {known.version}) is already in the library; "
                        "nothing was added.",
                        added=False,
                    )
            highest = _highest_version(session, template.id)
            note = ""
            if template.version <= highest:
                note = (
                    f" It was saved as version {highest + 1}, because this workspace already "
                    f"has a different version {template.version}."
                )
                template = dataclasses.replace(template, version=highest + 1)
            row = _add_row(session, template, TemplateSource.IMPORTED)
        self._changes.publish(Change(Entity.TEMPLATE, ChangeKind.ADDED, (row,)))
        return ImportResult(
            _entry(template, TemplateSource.IMPORTED, usage),
            f"Imported '{template.name}' (version {template.version}).{note}",
            added=True,
        )

    def export_file(self, key: str, path: str | Path, version: int | None = None) -> Path:
        """Write a template to a file teams can share (replacing the file whole or not at all).

        A new name without a suffix gets ``.yaml``; the destination is checked as every
        writer's is (never a folder, a workspace, a vault or a file of another kind).
        """
        text = dump_template(self.get(key, version))
        target = Path(path)
        if not target.suffix and not target.exists() and not target.is_symlink():
            target = target.with_suffix(".yaml")

        def write(temporary: Path) -> None:
            with temporary.open("w", encoding="utf-8", newline="\n") as stream:
                stream.write(text)

        write_atomically(target, write, FileKind.TEMPLATE)
        return target

    def remove(self, key: str) -> None:
        """Remove the team's own versions of a template (a built-in one comes back).

        Refused while any session used one of those versions, so its record stays whole.
        """
        with self._workspace.transaction() as session:
            rows = session.scalars(
                select(TemplateVersion).where(
                    TemplateVersion.template_key == key, TemplateVersion.source.in_(_OWN_SOURCES)
                )
            ).all()
            if not rows:
                raise ValidationError(
                    "Built-in templates cannot be removed; only templates written, edited or "
                    "imported in this workspace can.",
                    "template",
                )
            used = session.scalar(
                select(func.count(Session.id)).where(
                    Session.template_version_id.in_([r.id for r in rows])
                )
            )
            if used:
                raise ValidationError(
                    f"{used} session{'s' if used != 1 else ''} used '{rows[-1].name}', so it "
                    "stays in the library and their record stays complete.",
                    "template",
                )
            ids = tuple(r.id for r in rows)
            for row in rows:
                session.delete(row)
        self._changes.publish(Change(Entity.TEMPLATE, ChangeKind.REMOVED, ids))

    # ------------------------------------------------------------------ undoing
    def own_versions(self, key: str) -> tuple[StoredVersion, ...]:
        """The team's own versions of ``key`` (written, edited or imported here)."""
        with self._workspace.reading() as session:
            rows = session.scalars(
                select(TemplateVersion)
                .where(
                    TemplateVersion.template_key == key, TemplateVersion.source.in_(_OWN_SOURCES)
                )
                .order_by(TemplateVersion.version)
            ).all()
            return tuple(
                StoredVersion(
                    r.id, r.template_key, r.version, r.name, r.source, r.content, r.created_at
                )
                for r in rows
            )

    def take_out(self, versions: Iterable[StoredVersion]) -> None:
        """Remove these versions again (the undo of saving or importing them); refused
        once a session has used one, so its record stays whole."""
        ids = tuple(v.id for v in versions)
        with self._workspace.transaction() as session:
            used = session.scalar(
                select(func.count(Session.id)).where(Session.template_version_id.in_(ids))
            )
            if used:
                raise ValidationError(
                    "A session has used that version of the template since, so it stays.",
                    "template",
                )
            for row in session.scalars(select(TemplateVersion).where(TemplateVersion.id.in_(ids))):
                session.delete(row)
        self._changes.publish(Change(Entity.TEMPLATE, ChangeKind.REMOVED, ids))

    def put_back(self, versions: Iterable[StoredVersion]) -> None:
        """Store these versions again, with their ids (the undo of removing them)."""
        kept = tuple(versions)
        with self._workspace.transaction() as session:
            for v in kept:
                taken = session.scalar(
                    select(TemplateVersion.id).where(
                        TemplateVersion.template_key == v.template_key,
                        TemplateVersion.version == v.version,
                    )
                )
                if taken is not None or session.get(TemplateVersion, v.id) is not None:
                    raise DuplicateError(
                        f"Version {v.version} of '{v.name}' is in the library already.", "id"
                    )
                session.add(
                    TemplateVersion(
                        id=v.id,
                        template_key=v.template_key,
                        version=v.version,
                        name=v.name,
                        source=v.source,
                        content=v.content,
                        content_sha256=_digest(v.content),
                        created_at=v.created_at,
                    )
                )
        self._changes.publish(Change(Entity.TEMPLATE, ChangeKind.ADDED, tuple(v.id for v in kept)))


def snapshot_version(session: OrmSession, template: Template) -> TemplateVersion:
    """The stored version row for this exact template, creating it if new.

    A session points at this row, which never changes afterwards.
    """
    content = dump_template(template)
    existing = session.scalar(
        select(TemplateVersion).where(
            TemplateVersion.template_key == template.id,
            TemplateVersion.version == template.version,
        )
    )
    if existing is not None:
        if existing.content_sha256 != _digest(content):
            raise ValidationError(
                f"Version {template.version} of '{template.name}' in this workspace differs "
                "from the one given; save the edited template as a new version.",
                "template",
            )
        return existing
    builtin = any(template == known for known in builtin_templates())
    source = TemplateSource.BUILTIN if builtin else TemplateSource.USER
    version = _version_row(template, content, source)
    session.add(version)
    return version


# ------------------------------------------------------------------------ helpers
def _digest(content: str) -> str:
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def _version_row(template: Template, content: str, source: TemplateSource) -> TemplateVersion:
    return TemplateVersion(
        template_key=template.id,
        version=template.version,
        name=template.name,
        source=source.value,
        content=content,
        content_sha256=_digest(content),
    )


def _add_row(session: OrmSession, template: Template, source: TemplateSource) -> int:
    row = _version_row(template, dump_template(template), source)
    session.add(row)
    session.flush()
    return row.id


def _same(a: Template, b: Template) -> bool:
    """Whether two templates say the same thing, whatever their version numbers."""
    return dataclasses.replace(a, version=0) == dataclasses.replace(b, version=0)


def _newest(session: OrmSession) -> dict[str, tuple[Template, TemplateSource]]:
    newest = {t.id: (t, TemplateSource.BUILTIN) for t in builtin_templates()}
    rows = session.scalars(
        select(TemplateVersion)
        .where(TemplateVersion.source.in_(_OWN_SOURCES))
        .order_by(TemplateVersion.template_key, TemplateVersion.version)
    ).all()
    best: dict[str, TemplateVersion] = {}
    for row in rows:
        best[row.template_key] = row  # ordered by version, so the last one wins
    for key, row in best.items():
        current = newest.get(key)
        if current is None or row.version >= current[0].version:
            newest[key] = (parse_template(row.content, row.name), TemplateSource(row.source))
    return newest


def _all_versions(session: OrmSession, key: str) -> list[tuple[Template, TemplateSource]]:
    found = [(t, TemplateSource.BUILTIN) for t in builtin_templates() if t.id == key]
    rows = session.scalars(select(TemplateVersion).where(TemplateVersion.template_key == key))
    found += [(parse_template(r.content, r.name), TemplateSource(r.source)) for r in rows]
    return found


def _highest_version(session: OrmSession, key: str) -> int:
    stored = session.scalar(
        select(func.max(TemplateVersion.version)).where(TemplateVersion.template_key == key)
    )
    shipped = [t.version for t in builtin_templates() if t.id == key]
    return max([stored or 0, *shipped])


def _usage(session: OrmSession) -> dict[str, int]:
    rows = session.execute(
        select(TemplateVersion.template_key, func.count(Session.id))
        .join(Session, Session.template_version_id == TemplateVersion.id)
        .group_by(TemplateVersion.template_key)
    ).all()
    return {key: count for key, count in rows}


def _entry(template: Template, source: TemplateSource, sessions: int) -> TemplateEntry:
    return TemplateEntry(
        key=template.id,
        name=template.name,
        version=template.version,
        source=source,
        description=template.description,
        stage_count=len(template.stages),
        total_minutes=template.total_minutes,
        sessions=sessions,
    )

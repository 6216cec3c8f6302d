"""The built-in session templates shipped in ``resources/templates``."""

from __future__ import annotations

from functools import cache

from deepdive.errors import DeepDiveError
from deepdive.resources import resource_path
from deepdive.templates.loader import TemplateError, load_template_file
from deepdive.templates.model import Template


class UnknownTemplateError(DeepDiveError, LookupError):
    """No built-in template has the id asked for."""


def builtin_templates() -> list[Template]:
    """Every built-in template, sorted by name."""
    return list(_load_all())


def builtin_template(template_id: str) -> Template:
    """The built-in template with this id; :class:`UnknownTemplateError` if there is none."""
    for template in _load_all():
        if template.id == template_id:
            return template
    known = ", ".join(sorted(template.id for template in _load_all()))
    raise UnknownTemplateError(
        f"There is no built-in template '{template_id}'. The built-in templates are: {known}."
    )


@cache
def _load_all() -> tuple[Template, ...]:
    # Cached: the files ship with the app and never change while it runs, and
    # templates are frozen, so every caller can share the same objects.
    templates = []
    for path in sorted(resource_path("templates").glob("*.yaml")):
        template = load_template_file(path)
        if template.id != path.stem:
            # The file name is how a session's template is found again; keep them in step.
            raise TemplateError(
                f"{path.name}, line 1: the template id '{template.id}' does not match "
                f"the file name (expected '{path.stem}')",
                source=path.name,
                line=1,
            )
        templates.append(template)
    return tuple(sorted(templates, key=lambda template: template.name.casefold()))

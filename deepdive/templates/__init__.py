"""Session templates: the model, the ``deepdive-template/1`` file format and the built-ins.

Pure Python (no Qt, no database) so the CLI, the app and the tests share it.
"""

from deepdive.templates.library import UnknownTemplateError, builtin_template, builtin_templates
from deepdive.templates.loader import (
    FORMAT,
    TemplateError,
    dump_template,
    load_template_file,
    parse_template,
)
from deepdive.templates.model import (
    KEY_EPISODES_FILTER,
    SCALE_MAX,
    SCALE_MIN,
    ResponseKind,
    ResponseSpec,
    Stage,
    Template,
)

__all__ = [
    "FORMAT",
    "KEY_EPISODES_FILTER",
    "SCALE_MAX",
    "SCALE_MIN",
    "ResponseKind",
    "ResponseSpec",
    "Stage",
    "Template",
    "TemplateError",
    "UnknownTemplateError",
    "builtin_template",
    "builtin_templates",
    "dump_template",
    "load_template_file",
    "parse_template",
]

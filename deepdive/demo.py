"""The fictional demo case DEMO-001, shipped in resources/demo."""

from __future__ import annotations

from deepdive.casefile import load_case_file
from deepdive.resources import resource_path
from deepdive.services import Services
from deepdive.services.results import CaseDetail

DEMO_CODE = "DEMO-001"


def demo_present(services: Services) -> bool:
    """Whether the workspace already holds the demo case."""
    return services.cases.code_exists(DEMO_CODE)


def add_demo_case(services: Services) -> CaseDetail:
    """Add the demo case through the ordinary services; returns it.

    If the workspace already has it, the existing case is returned unchanged.
    """
    if demo_present(services):
        return services.cases.find(DEMO_CODE)
    return load_case_file(services, resource_path("demo", f"{DEMO_CODE}.yaml"), shipped=True)

"""Case bundles: one case, pseudonymised, in a ``.ddcase`` file to share with another team.

A bundle is a zip holding ``manifest.json`` (format version, app version, checksums)
and the case as JSON: ``case.json``, ``cast.json``, ``chronology.json``,
``sessions.json`` (with the template snapshots the sessions used) and
``actions.json``. The key vault is never included. Export runs the leak check;
import checks everything before it writes anything, then adds the case in one
transaction.
"""

from deepdive.bundles.archive import BUNDLE_SUFFIX, FORMAT, FORMAT_VERSION
from deepdive.bundles.errors import BundleCodeConflict, BundleError
from deepdive.bundles.export import LeakGate, export_case_bundle
from deepdive.bundles.importer import ImportedCase, import_case_bundle, read_bundle

__all__ = [
    "BUNDLE_SUFFIX",
    "FORMAT",
    "FORMAT_VERSION",
    "BundleCodeConflict",
    "BundleError",
    "ImportedCase",
    "LeakGate",
    "export_case_bundle",
    "import_case_bundle",
    "read_bundle",
]

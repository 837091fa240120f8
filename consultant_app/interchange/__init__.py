"""The Debrief interchange format (version 1): a JSON document of a whole workspace or one
client, documented field by field in ``docs/interchange.md``, written plain or encrypted in the age format."""

from consultant_app.interchange.document import FORMAT, VERSION, InterchangeError
from consultant_app.interchange.exporter import export_document, export_file
from consultant_app.interchange.importer import ImportResult, import_document, import_file
from consultant_app.interchange.sealing import Seal, SealedFileError, Unseal

__all__ = [
    "FORMAT",
    "VERSION",
    "InterchangeError",
    "ImportResult",
    "export_document",
    "export_file",
    "import_document",
    "import_file",
    "Seal",
    "SealedFileError",
    "Unseal",
]

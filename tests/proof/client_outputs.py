"""What a client can read in the outputs it was given: a report and a dataset folder's every file, raw bytes and the
text inside (a PDF's extracted text, a workbook's XML), as one string to search for what must not be there."""

import zipfile
from pathlib import Path

from pypdf import PdfReader


def readable(folder: Path) -> str:
    """Everything readable in ``folder``'s ``report.pdf`` and ``dataset`` folder."""
    parts = []
    for path in [folder / "report.pdf", *sorted((folder / "dataset").rglob("*"))]:
        if not path.is_file():
            continue
        parts.append(path.read_bytes().decode("latin-1"))
        if path.suffix == ".pdf":
            parts += [page.extract_text() or "" for page in PdfReader(str(path)).pages]
        elif path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as book:
                parts += [book.read(name).decode("utf-8", "replace") for name in book.namelist()]
    return "\n".join(parts)

"""A realistic, seeded demo workspace, built as an interchange document and imported."""

from consultant_app.demo.generator import build_demo_document, create_demo_workspace

__all__ = ["build_demo_document", "create_demo_workspace"]

"""Every write to the archive goes through these actions; views, API and CLI call them."""

from kuaibao.archive.actions.importing import ImportOutcome, import_bytes, import_path, publish_bulletin

__all__ = ["ImportOutcome", "import_bytes", "import_path", "publish_bulletin"]

"""The archive: stored bulletins, their import, browsing and Chinese full-text search."""

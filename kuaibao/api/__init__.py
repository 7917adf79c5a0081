"""The REST API (`/api/`, OpenAPI at /api/openapi.json): the archive read-only, and the whole
newsroom workflow through the same actions the pages call; API tokens for people and systems."""

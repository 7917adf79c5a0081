"""Uploads are refused while they arrive, not after: Django keeps a file up to 5 MB in memory
and spools a larger one whole to a temporary file before any form sees its size. This handler,
first in FILE_UPLOAD_HANDLERS, stops taking a file's bytes once it passes the largest file the
importers read (KUAIBAO_MAX_FILE_MB); the rest of that part is read and dropped, never stored,
and the form then answers that no file was received."""

from __future__ import annotations

import logging
from typing import Any

from django.core.files.uploadhandler import FileUploadHandler, SkipFile

from kuaibao.core.parse import MAX_BYTES

log = logging.getLogger("kuaibao")


class SizeLimitedUpload(FileUploadHandler):
    limit = MAX_BYTES

    def __init__(self, request: Any = None) -> None:
        super().__init__(request)
        self.received = 0

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.limit:
            log.warning("upload %r refused past %d bytes", self.file_name, self.limit)
            raise SkipFile(f"{self.file_name} is larger than {self.limit} bytes")
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler (memory or temporary file) makes the file

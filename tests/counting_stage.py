"""A stage that leaves one file per page it sees in a folder: counts cleanings across
processes (Spark's Python workers, a process pool) without timing or shared memory."""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import ClassVar

from cleannews.document import Doc
from cleannews.stages.base import Stage


class CountCleanings(Stage):
    name: ClassVar[str] = "count-cleanings"

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def run(self, doc: Doc) -> None:
        Path(self.folder, f"{os.getpid()}-{uuid.uuid4().hex}").touch()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CountCleanings) and other.folder == self.folder

    def __hash__(self) -> int:
        return hash(self.folder)

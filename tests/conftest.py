"""Test-run settings shared by every test module.

On CI (`CI=true`) hypothesis runs derandomized: the same examples every run, so a
submission's result does not depend on the luck of the draw. Locally it explores new
examples each run (and remembers failures in .hypothesis/), which is how bugs get found.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
    settings.load_profile("ci")

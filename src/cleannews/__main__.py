"""`python -m cleannews ...` is the `cleannews` command."""

import sys

from cleannews.cli import main

sys.exit(main())

"""python -m bot: the same as the `slate` command."""

import sys

from bot.cli import main

sys.exit(main())

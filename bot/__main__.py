"""python -m bot: the same as the `slate` command."""

import gc
import sys

# Importing Slate allocates ~100k objects that live as long as the process: collecting
# while they are created is wasted start-up time (~8 % of it). bot.cli re-freezes them.
gc.disable()
from bot.cli import main  # noqa: E402

gc.enable()
sys.exit(main())

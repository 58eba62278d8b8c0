"""``python -m generator``: the ``coalition`` command, for when the script is not on PATH."""

from generator.cli import main

main()

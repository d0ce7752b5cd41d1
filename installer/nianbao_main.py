"""Entry point of the frozen app (PyInstaller): the same as the `nianbao` command."""

import sys

from nianbao.cli import main

if __name__ == "__main__":
    sys.exit(main())

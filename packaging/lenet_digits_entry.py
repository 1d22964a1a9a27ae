"""Entry point of the PyInstaller bundle: the same `main()` as the `lenet-digits` command."""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()  # a frozen app must not re-run itself in worker processes
    from app.main import main

    sys.exit(main())

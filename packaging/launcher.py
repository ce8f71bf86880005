"""Entry script for the frozen build: PyInstaller runs a file, not a package's __main__."""

from orderdesk.__main__ import main

if __name__ == "__main__":
    main()

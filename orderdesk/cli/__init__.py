"""The command line: the same services as the GUI, for scripts, automation and black-box tests."""

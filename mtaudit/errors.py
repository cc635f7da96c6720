"""Errors a user can act on; the CLI turns them into one message and exit code 2."""


class InputError(Exception):
    """Bad input: names the file (and line) and says what is wrong."""


class ConfigError(Exception):
    """Bad configuration or command-line usage."""

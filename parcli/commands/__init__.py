"""One module per command (``parcli/commands/<name>.py``), each a typer app with one command, and
:mod:`.common` (the shared options, the error handler). parcli/cli.py imports a command's module
only when that command runs (its table ``COMMANDS``)."""

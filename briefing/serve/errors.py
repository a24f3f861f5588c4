"""Why `briefing serve` cannot start."""


class ServeError(Exception):
    """The server cannot start (the port is taken, the relay is unreachable): one line."""

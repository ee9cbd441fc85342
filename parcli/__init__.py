"""parcli: score Vietnam's Public Administration Reform index (PAR INDEX).

The core is pure: :func:`parcli.engine.score` turns a checked framework and a
checked unit into a :class:`parcli.engine.Result` without I/O.
"""

__version__ = "0.1.0"

"""Where events live and how they are kept: the store's location (a directory of SQLite files,
or a PostgreSQL database) and its locks (``location``), the library ``Application`` every
context builds on (``application``), encryption at rest, the transcodings that make domain
values persistent (events' and snapshots'), the start-up caches kept beside the compiled code
(the dataclass methods, the State Council's holiday data), and ``store info`` and ``store copy``.
Everything else in ``bargaining`` may use it; it uses only ``bargaining.errors``, the domain
and the projections' readers, never a context's services, the read side or the packet.
"""

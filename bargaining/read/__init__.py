"""The read side: reports from the read models (the board, deadlines, statistics, timelines) in
``reports``, and ``catchup``, which brings the read models up to date with every recorded event
(with a helper process for the largest share of a long catch-up). It never records an event.
Used by the tracker; it uses the store, the contexts' applications (to read their logs) and
``bargaining.mediation.deadlines``.
"""

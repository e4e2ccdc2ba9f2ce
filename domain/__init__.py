"""The pure model of collective bargaining and labour-dispute mediation.

No I/O, no clock, no environment: aggregates, events, value objects and the jurisdiction
rules they are checked against. Everything here can be replayed and property-tested.
"""

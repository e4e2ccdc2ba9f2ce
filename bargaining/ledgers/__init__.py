"""Ledgers (台账) in and out: the spreadsheets a federation kept before, and hands on.

``imports`` reads a mediation case ledger or a collective-contract ledger (.xlsx or .csv)
and records each row as the steps its facts imply, through the services' own rules;
``exports`` writes the store's cases, contracts and yearly statistics as such ledgers.
Used by the tracker (bargaining.tracker); uses the two contexts' services and the read side.
"""

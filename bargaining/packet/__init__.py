"""The filing packet of a signed contract: ``facts`` gathers what it states from the record,
``document`` (with ``narrative`` and ``words``, in Chinese or English) lays it out as ``blocks``,
which ``markdown`` and ``pdf`` (with ``linebreak``'s Chinese line-breaking rules) render alike;
``service`` writes the directory with its manifest and verifies one against the record. Used by
the tracker; it uses the negotiations context and the store.
"""

"""The negotiations context: collective negotiations and the contracts they end in (interest
disputes). ``service`` opens, steps and shows a negotiation (request to signing), ``contracts``
takes the contract from filing and the authority's review to expiry and renewal, and ``views``
turns an aggregate into the plain rows the services return. Used by the wiring (the tracker,
the demo), the read side and the filing packet; it uses the store and the shared service
pieces, never the mediation context.
"""

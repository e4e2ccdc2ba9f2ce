"""The mediation context: labour-dispute mediation bodies and their cases (rights disputes).
``service`` registers bodies and rosters and takes a case from application to outcome, arbitral
review and performance; ``views`` turns a body or a case into plain rows with its timeline, and
``deadlines`` computes cases' deadlines from the cases read model. Used by the wiring and the
read side; it uses the store and the shared service pieces, never the negotiations context.
"""

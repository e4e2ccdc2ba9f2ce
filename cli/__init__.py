"""The thin click command line over the bargaining API."""

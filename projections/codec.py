"""Stored event bodies straight to plain dicts, without rebuilding domain objects.

The library stores each event as JSON in which custom types are tagged
``{"_type_": name, "_data_": value}``; every transcoding here encodes to plain JSON values
(ISO dates, enum values, decimal strings, dicts), so dropping the tag leaves exactly the plain
data the read models fold. That is several times faster than decoding to domain events and
back, which is what lets a rebuild keep up with the store. Events written by an older schema
(``class_version``) are decoded by the library instead, so upcasting still applies.
"""

from __future__ import annotations

from typing import Any

import orjson

BOOKKEEPING = ("originator_topic", "timestamp", "on", "by")


def _untag(value: Any) -> Any:
    """Drop the library's type tags, depth first (C json does the parsing; this only walks)."""
    if type(value) is dict:
        if "_type_" in value and "_data_" in value and len(value) == 2:
            return _untag(value["_data_"])
        return {k: _untag(v) if type(v) in (dict, list) else v for k, v in value.items()}
    if type(value) is list:
        return [_untag(v) if type(v) in (dict, list) else v for v in value]
    return value


def loads(body: bytes | str) -> dict[str, Any]:
    """An event body as plain data, bookkeeping fields included.

    Top-level values are untagged in one pass; nested structures (a term, a tally) only
    when they carry tags, which most events do not.
    """
    data: dict[str, Any] = orjson.loads(body)
    for key, value in data.items():
        kind = type(value)
        if kind is dict:
            inner = value.get("_data_", value)
            inner_kind = type(inner)
            data[key] = _untag(inner) if inner_kind is dict or inner_kind is list else inner
        elif kind is list and value and type(value[0]) in (dict, list):  # records; a correction's changes
            data[key] = _untag(value)
    return data


def raw(body: bytes | str) -> dict[str, Any]:
    """An event body with the library's type tags left in: for reading plain fields only
    (an aggregate's first event's ``reference``), at a fraction of ``loads``' cost."""
    data: dict[str, Any] = orjson.loads(body)
    return data


def event_fields(body: bytes | str) -> dict[str, Any]:
    """An event body's own fields, as a timeline or an as-of fold wants them."""
    data = loads(body)
    for key in BOOKKEEPING:
        data.pop(key, None)
    return data

"""Shared schema base for request bodies."""

from ninja import Schema
from pydantic import ConfigDict


class StrictSchema(Schema):
    # Unknown fields are refused by name (422) rather than silently ignored.
    model_config = ConfigDict(extra="forbid")

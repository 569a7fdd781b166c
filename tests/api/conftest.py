"""The session-wide local Bluesky PDS (tests/networks/pds.py), for tests marked `pds`."""

from tests.networks.pds import local_pds  # noqa: F401

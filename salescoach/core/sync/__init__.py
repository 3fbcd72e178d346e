"""Sync between a rep's local store and the team hub: the change records both sides exchange."""

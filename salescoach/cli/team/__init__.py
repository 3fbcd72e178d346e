"""The team hub commands: team init/join/..., sync."""

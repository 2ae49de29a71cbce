"""The OCOP application: commands on the domain, persistence wiring, configuration and CLI."""

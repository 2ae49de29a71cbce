"""Read models built from the event stream (SQL tables via SQLAlchemy) and their queries.

Projections only read domain events: the composition root hands them a notification source
(the application's recorder and mapper) and a SQLAlchemy engine on the same database.
"""

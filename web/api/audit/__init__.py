"""The auditors' API: the event log, one aggregate's history, chain verification, export."""

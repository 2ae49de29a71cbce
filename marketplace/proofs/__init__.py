"""Proofs an auditor can hold: a Merkle tree over the event log, signed checkpoints of it,
and inclusion and consistency proofs (RFC 9162, C2SP tlog-checkpoint)."""

"""The officers' pages: register producers and products, record evaluations, revocations and
5-star nominations."""

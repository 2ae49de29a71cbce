"""The one way web code reaches the running app's Marketplace and read models."""

from flask import Flask, current_app

from marketplace.application import Marketplace
from projections.service import ReadModels

_MARKETPLACE, _READ_MODELS = "ocop", "ocop_read"


def install(app: Flask, marketplace: Marketplace, read_models: ReadModels) -> None:
    """Hand the app its application and read models (once, in create_app)."""
    app.extensions[_MARKETPLACE] = marketplace
    app.extensions[_READ_MODELS] = read_models


def marketplace() -> Marketplace:
    """The Marketplace application serving this request."""
    return current_app.extensions[_MARKETPLACE]


def read_models() -> ReadModels:
    """The read models serving this request."""
    return current_app.extensions[_READ_MODELS]

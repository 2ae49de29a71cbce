"""OCOP_PUBLIC_URL: the address the QR codes point to, a scheme and a host only."""

import pytest

from marketplace.config import ConfigError, Settings


def test_the_public_address_is_read_without_its_trailing_slash():
    settings = Settings.from_env({"OCOP_SECRET_KEY": "s", "OCOP_PUBLIC_URL": " https://ocop.vn/ "})
    assert settings.public_url == "https://ocop.vn"
    assert Settings.from_env({"OCOP_SECRET_KEY": "s"}).public_url == ""  # the request's host


@pytest.mark.parametrize(
    "url", ["ocop.vn", "ftp://ocop.vn", "https://", "https://ocop.vn/app", "https://ocop.vn?x=1"]
)
def test_a_public_address_that_is_not_a_scheme_and_a_host_is_refused_naming_the_setting(url):
    with pytest.raises(ConfigError, match="OCOP_PUBLIC_URL"):
        Settings.from_env({"OCOP_SECRET_KEY": "s", "OCOP_PUBLIC_URL": url})

"""A browser asks /favicon.ico of every site: it gets the programme's star, not a 404."""


def test_favicon_ico_answers_the_icon_without_signing_in(client):
    with client.get("/favicon.ico") as response:
        assert response.status_code == 200
        assert response.mimetype == "image/svg+xml"
        assert b"<svg" in response.data


def test_pages_name_their_icon(client):
    page = client.get("/sign-in").get_data(as_text=True)
    assert 'rel="icon"' in page and "favicon.svg" in page

"""The OpenAPI document and its Swagger UI page, served without the internet."""

import re

import jsonschema_rs

CONTRACT_PATHS = {
    "/api/v1/auth/token": {"post"},
    "/api/v1/producers": {"post"},
    "/api/v1/products": {"post"},
    "/api/v1/products/{product_id}": {"get"},
    "/api/v1/products/{product_id}/certifications": {"post"},
    "/api/v1/products/{product_id}/revocations": {"post"},
    "/api/v1/outlets": {"post"},
    "/api/v1/outlets/{outlet_id}/listings": {"post"},
    "/api/v1/outlets/{outlet_id}/listings/{product_id}": {"delete"},
    "/api/v1/outlets/{outlet_id}/receipts": {"post"},
    "/api/v1/outlets/{outlet_id}/sales": {"post"},
    "/api/v1/outlets/{outlet_id}/inventory": {"get"},
}


def test_openapi_document_lists_the_contract_paths_and_methods(client):
    response = client.get("/api/openapi.json")

    assert response.status_code == 200
    paths = response.get_json()["paths"]
    missing = {
        path: methods - set(paths.get(path, {}))
        for path, methods in CONTRACT_PATHS.items()
        if methods - set(paths.get(path, {}))
    }
    assert missing == {}


def test_openapi_document_declares_bearer_auth(client):
    spec = client.get("/api/openapi.json").get_json()

    assert spec["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http",
        "scheme": "bearer",
    }


def test_docs_page_loads_every_asset_from_this_server(client):
    response = client.get("/api/docs")

    assert response.status_code == 200
    assert response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert "/api/docs/assets/swagger-ui-bundle.js" in assets
    assert all(a.startswith(("/api/docs/assets/", "/static/")) for a in assets), assets
    assert "://" not in "".join(assets)


def test_swagger_ui_bundle_asset_is_served(client):
    response = client.get("/api/docs/assets/swagger-ui-bundle.js")

    assert response.status_code == 200
    assert "javascript" in response.mimetype
    assert len(response.get_data()) > 100_000
    response.close()


def test_unknown_docs_asset_is_404(client):
    response = client.get("/api/docs/assets/not-there.js")

    assert response.status_code == 404


def _operations(spec: dict):
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method in ("get", "post", "put", "patch", "delete"):
                yield path, method, operation


def _response_schema(spec: dict, response: dict) -> dict:
    if "$ref" in response:
        response = spec["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
    return response["content"]["application/json"]["schema"]


def test_every_write_but_signing_in_and_out_names_the_idempotency_key_header(client):
    spec = client.get("/api/openapi.json").get_json()
    key = {"$ref": "#/components/parameters/IdempotencyKey"}

    without = [
        f"{method.upper()} {path}"
        for path, method, operation in _operations(spec)
        if method in ("post", "put", "patch", "delete")
        and key not in operation.get("parameters", [])
    ]

    # signing in and out record no command a retry could repeat
    assert sorted(without) == ["DELETE /api/v1/auth/token", "POST /api/v1/auth/token"]
    assert spec["components"]["parameters"]["IdempotencyKey"]["name"] == "Idempotency-Key"
    assert spec["components"]["parameters"]["IdempotencyKey"]["in"] == "header"


def test_only_signing_in_needs_no_token(client):
    spec = client.get("/api/openapi.json").get_json()

    public = [
        f"{method.upper()} {path}"
        for path, method, operation in _operations(spec)
        if operation["security"] == []
    ]

    assert public == ["POST /api/v1/auth/token"]
    assert spec["paths"]["/api/v1/auth/token"]["delete"]["security"] == [{"bearerAuth": []}]
    assert spec["security"] == [{"bearerAuth": []}]
    assert "x-ocop-keyed" not in str(spec)


def test_every_error_response_is_the_error_envelope(client):
    spec = client.get("/api/openapi.json").get_json()

    not_envelope = [
        f"{method.upper()} {path} {status}"
        for path, method, operation in _operations(spec)
        for status, response in operation["responses"].items()
        if status[0] in "45"
        and _response_schema(spec, response) != {"$ref": "#/components/schemas/Error"}
    ]

    assert not_envelope == []
    assert "default" not in {s for *_, o in _operations(spec) for s in o["responses"]}


def test_operations_document_the_refusals_they_can_answer(client):
    spec = client.get("/api/openapi.json").get_json()
    paths = spec["paths"]

    assert {"401", "409", "413", "400", "422", "404", "503"} <= set(
        paths["/api/v1/outlets/{outlet_id}/sales"]["post"]["responses"]
    )
    assert "403" in paths["/api/v1/producers"]["post"]["responses"]  # officers and admins only
    assert "404" in paths["/api/v1/events"]["get"]["responses"]  # ?aggregate_id= names a record
    assert "429" in paths["/api/v1/auth/token"]["post"]["responses"]  # guessing is throttled
    assert "429" in paths["/api/v1/users/me/password"]["post"]["responses"]
    assert "429" not in paths["/api/v1/users"]["post"]["responses"]  # sets a password
    assert "401" in paths["/api/v1/auth/token"]["post"]["responses"]  # a wrong password
    unavailable = spec["components"]["responses"]["SERVICE_UNAVAILABLE"]
    assert unavailable["headers"]["Retry-After"]["required"] is True


def test_a_422_answer_validates_against_the_documented_schema(app, client):
    from tests.e2e.conftest import user

    spec = client.get("/api/openapi.json").get_json()
    admin = user(app, client, "admin", "admin")
    schema = _response_schema(spec, spec["paths"]["/api/v1/producers"]["post"]["responses"]["422"])
    validator = jsonschema_rs.validator_for({**schema, "components": spec["components"]})

    response = client.post(
        "/api/v1/producers", json={"name": "", "kind": "farm", "extra": 1}, headers=admin
    )

    assert response.status_code == 422
    body = response.get_json()
    assert set(body["error"]["fields"]) >= {"name", "kind", "extra", "province", "commune"}
    validator.validate(body)
    assert not validator.is_valid({"code": "x", "message": "y"})  # the envelope is required


def test_the_export_documents_both_of_its_content_types(app, client):
    from marketplace.export import FORMATS
    from tests.e2e.conftest import user

    spec = client.get("/api/openapi.json").get_json()
    documented = spec["paths"]["/api/v1/events/export"]["get"]["responses"]["200"]["content"]
    auditor = user(app, client, "auditor", "auditor")

    for fmt in FORMATS:
        response = client.get(f"/api/v1/events/export?format={fmt}", headers=auditor)
        assert response.status_code == 200
        assert response.mimetype in documented
        response.close()
    assert set(documented) == set(FORMATS.values())


def test_a_method_not_allowed_names_the_allowed_ones(client):
    response = client.put("/api/v1/producers", json={})

    assert response.status_code == 405
    assert response.get_json()["error"]["code"] == "method_not_allowed"
    assert set(response.headers["Allow"].split(", ")) >= {"POST"}

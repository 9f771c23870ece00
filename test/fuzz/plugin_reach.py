"""Reach for the custom-plugin specs (connect-custom-plugin-v1, ccpm-v1); loaded by hooks.py.

A fuzzer cannot upload an archive nor guess an environment that exists: without help every plugin
create stops at "no such upload" or "no such environment", and the 201/202 bodies are never
checked. So each generated body is sent as generated, in the fixture environment, and as a
creatable variant: the values Cirrus accepts where the generated one is not among them (the specs'
extensible enums, non-blank names, a SemVer version) and the upload_id of a finished upload that
test/api/fuzz-specs.test.ts made (the first create to use one answers 201/202, later ones 409).
"""

import hashlib
import json
import os
import re
from typing import Any

import schemathesis
from hypothesis import strategies as st

ENVIRONMENT_ID = os.environ.get("CIRRUS_FUZZ_ENVIRONMENT_ID", "")
CONNECT_UPLOADS = [u for u in os.environ.get("CIRRUS_FUZZ_CONNECT_UPLOADS", "").split(",") if u]
CCPM_UPLOADS = [u for u in os.environ.get("CIRRUS_FUZZ_CCPM_UPLOADS", "").split(",") if u]

CLOUDS = ("AWS", "GCP", "AZURE")
FORMATS = ("ZIP", "JAR")
TYPES = ("SOURCE", "SINK")
# The specs' pattern for connector classes.
JAVA_CLASS = re.compile(r"^(([a-zA-Z][a-zA-Z_$0-9]*(\.[a-zA-Z][a-zA-Z_$0-9]*)*)\.)?([a-zA-Z][a-zA-Z_$0-9]*)$")
FUZZ_CLASS = "com.example.FuzzSource"


def _digest(value: Any) -> str:
    """One generated value always maps to the same names and versions (a replay sends the same)."""
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()


def _name_for(value: Any) -> str:
    return "fuzz " + _digest(value)[:10]


def _one_of(value: Any, allowed: tuple[str, ...]) -> str:
    """The generated value where Cirrus takes it (any case), else the first allowed one."""
    return value if isinstance(value, str) and value.upper() in allowed else allowed[0]


def _source(upload_id: str) -> dict[str, str]:
    return {"location": "PRESIGNED_URL_LOCATION", "upload_id": upload_id}


def _in_environment(spec: dict[str, Any]) -> dict[str, Any]:
    environment = spec.get("environment") if isinstance(spec.get("environment"), dict) else {}
    return {**spec, "environment": {**environment, "id": ENVIRONMENT_ID}}


def _variants(*bodies: Any) -> Any:
    # Hypothesis favours the first choice: the deepest variant goes first, the body as generated last.
    return st.sampled_from(list(bodies))


@schemathesis.hook("flatmap_body").apply_to(operation_id="presigned-upload-urlConnectV1PresignedUrl")
def connect_presign_body(context: Any, body: Any):
    if not isinstance(body, dict):
        return st.just(body)
    creatable = {**body, "content_format": _one_of(body.get("content_format"), FORMATS)}
    if "cloud" in creatable:
        creatable["cloud"] = _one_of(creatable["cloud"], CLOUDS)
    return _variants(creatable, body)


@schemathesis.hook("flatmap_body").apply_to(operation_id="createConnectV1CustomConnectorPlugin")
def connect_plugin_body(context: Any, body: Any):
    if not isinstance(body, dict) or not CONNECT_UPLOADS:
        return st.just(body)
    creatable = {
        **body,
        "display_name": _name_for(body),
        "connector_type": _one_of(body.get("connector_type"), TYPES),
    }
    if not (isinstance(body.get("connector_class"), str) and JAVA_CLASS.match(body["connector_class"])):
        creatable["connector_class"] = FUZZ_CLASS
    for key, allowed in (("cloud", CLOUDS), ("runtime_language", ("JAVA",))):
        if key in creatable:
            creatable[key] = _one_of(creatable[key], allowed)
    return st.sampled_from(CONNECT_UPLOADS).map(lambda upload: {**creatable, "upload_source": _source(upload)}) | st.just(body)


@schemathesis.hook("flatmap_body").apply_to(operation_id="createCcpmV1PresignedUrl")
def ccpm_presign_body(context: Any, body: Any):
    if not isinstance(body, dict) or not ENVIRONMENT_ID:
        return st.just(body)
    in_environment = _in_environment(body)
    creatable = {**in_environment, "content_format": _one_of(body.get("content_format"), FORMATS), "cloud": _one_of(body.get("cloud"), CLOUDS)}
    return _variants(creatable, in_environment, body)


def _spec_of(body: Any) -> Any:
    return body.get("spec") if isinstance(body, dict) and isinstance(body.get("spec"), dict) and ENVIRONMENT_ID else None


@schemathesis.hook("flatmap_body").apply_to(operation_id="createCcpmV1CustomConnectPlugin")
def ccpm_plugin_create_body(context: Any, body: Any):
    spec = _spec_of(body)
    if spec is None:
        return st.just(body)
    in_environment = _in_environment(spec)
    creatable = {**in_environment, "display_name": _name_for(body), "cloud": _one_of(spec.get("cloud"), CLOUDS)}
    return _variants({**body, "spec": creatable}, {**body, "spec": in_environment}, body)


@schemathesis.hook("flatmap_body").apply_to(operation_id="updateCcpmV1CustomConnectPlugin")
def ccpm_plugin_update_body(context: Any, body: Any):
    # The path names the fixture plugin (schemathesis.toml), which lives in the fixture environment.
    spec = _spec_of(body)
    return st.just(body) if spec is None else _variants({**body, "spec": _in_environment(spec)}, body)


def _classes(value: Any) -> list[dict[str, str]]:
    """The generated connector classes with a type Cirrus takes, each class once (1 to 10)."""
    items = value if isinstance(value, list) else []
    by_name: dict[str, dict[str, str]] = {}
    for item in items:
        name = item.get("class_name") if isinstance(item, dict) else None
        if isinstance(name, str) and JAVA_CLASS.match(name) and len(name) <= 150:
            by_name.setdefault(name, {**item, "type": _one_of(item.get("type"), TYPES)})
    return list(by_name.values())[:10] or [{"class_name": FUZZ_CLASS, "type": "SOURCE"}]


@schemathesis.hook("flatmap_body").apply_to(operation_id="createCcpmV1CustomConnectPluginVersion")
def ccpm_version_body(context: Any, body: Any):
    spec = _spec_of(body)
    if spec is None or not CCPM_UPLOADS:
        return st.just(body)
    in_environment = _in_environment(spec)
    # A version of its own per generated body, so creates do not all collide on one (409).
    version = f"1.{int(_digest(body)[:6], 16)}.0"
    creatable = {**in_environment, "version": version, "connector_classes": _classes(spec.get("connector_classes"))}
    uploads = st.sampled_from(CCPM_UPLOADS).map(lambda upload: {**body, "spec": {**creatable, "upload_source": _source(upload)}})
    return uploads | st.sampled_from([{**body, "spec": in_environment}, body])

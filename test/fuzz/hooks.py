"""Schemathesis hooks for the spec fuzz (test/api/fuzz-specs.test.ts).

Two jobs:

1. DEVIATIONS: the differences from Confluent's published specs that CONTRACT.md documents. Each
   one names its CONTRACT.md section and says why, and is applied as narrowly as the contract
   words it: either as a patch to the spec as loaded (a status the contract adds, with the
   family's error schema, so the body is still checked) or as a filter on one failure of one
   check under one condition. Anything the fuzz finds that no entry here covers is a Cirrus bug
   (or a contract gap to decide on): never widen an entry to make a finding go away.

2. Reach: generated connector and cluster bodies are also sent with what a fuzzer cannot guess
   (the bootstrap Kafka key, a plugin and an environment that exist), or every create would stop at
   a 400 and the 201/202 bodies would never be checked; plugin_reach.py does the same for the
   custom-plugin specs (an environment, finished uploads); and the fixtures that
   schemathesis.toml names are never deleted.

The spec files are read from ../shared at run time; the patches change only the in-memory copy.
"""

import hashlib
import json
import os
import re
import sys
from typing import Any, Callable, NamedTuple

import schemathesis
from hypothesis import strategies as st
from schemathesis.engine import observations as _observations

# The custom-plugin specs' reach hooks live beside this file (hooks.py is loaded by path, so its
# folder is not on the import path by itself); importing the module registers its hooks.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import plugin_reach  # noqa: E402, F401

# A schemathesis 4.32.5 bug, not a Cirrus one: to infer links for its stateful phase it parses every
# string of a 2xx body that starts with http(s):// as a URL, and urlsplit raises on a spec-valid
# documentation_link such as "https://|[x" (pattern ^(http://|https://).+) that Cirrus echoes,
# which aborts the whole run (seed 3 of ccpm-v1). Such a string is no link: read it as none. Only
# link inference is touched, no check; an upgrade that renames the function fails here, loudly.
_same_origin_path = _observations._same_origin_path


def _same_origin_path_or_none(value: str, origin: tuple[str, str]) -> str | None:
    try:
        return _same_origin_path(value, origin)
    except ValueError:
        return None


_observations._same_origin_path = _same_origin_path_or_none

CONNECT = "Kafka Connect APIs"
METRICS = "Confluent Cloud Metrics API"
METRICS_QUERY = "/v2/metrics/{dataset}/query"
IAM = "Identity & Access Management API"
REGISTRY = "Confluent Schema Registry APIs"

CONNECTORS = "/connect/v1/environments/{environment_id}/clusters/{kafka_cluster_id}/connectors"

CONNECT_ERROR = {"$ref": "#/components/schemas/connect.v1.ConnectorError"}
V2_ERROR = {"$ref": "#/components/schemas/Failure"}
REGISTRY_ERROR = {"$ref": "#/components/schemas/ErrorMessage"}


def _response(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


class AddedStatus(NamedTuple):
    """A status the contract adds to operations whose spec entry lacks it."""

    spec: str
    operations: tuple[tuple[str, str], ...]  # (method, spec path); ("*", prefix) = every operation under prefix
    status: str
    schema: dict[str, Any]
    contract: str
    reason: str


class AllowedFailure(NamedTuple):
    """One check's failure accepted under one condition, where a spec patch would allow too much."""

    spec: str
    check: str  # schemathesis failure code, e.g. ST103 (undocumented status code)
    applies: Callable[[Any, Any], bool]  # (case, response) -> bool
    contract: str
    reason: str


def _negative(case: Any) -> bool:
    """Whether schemathesis generated any part of the request to violate the spec's schema."""
    meta = case.meta
    return meta is not None and any(info.mode.is_negative for info in meta.components.values())


# Documented deviations that need no entry, because the published schemas already accept them:
# - §1.11 / Q3: connect/v1 errors carry one union body {"error":{code,message},code,error_code,message};
#   each of the spec's three error schemas (ConnectorError, inline_response_400, inline_response_500)
#   is an open object, so the union matches every one of them.
# - §1.11 / §5.5: 429 without a body; the specs declare 429 with no content already. (The fuzz runs
#   with the rate limit off, as every API test does, so 429 is not reached anyway.)
# - §1.6 / Q5: DELETE connector answers {"error":null}; inline_response_200 has a nullable `error`.
# - Ids the server issues: none of the specs puts a pattern on an id.
# Documented but out of this fuzz's reach, so not configured (add them when the fuzz reaches them):
# - §5.2: 403 for an authenticated caller without the role, and 404 "account not found" on connect/v1
#   create for an environment or cluster outside the caller's bindings. The fuzz runs as the
#   bootstrap OrganizationAdmin with the environment and cluster fixed to ones that exist.
# - §2.1 [rec], Q10: 409 for deleting a custom plugin (connect/v1), a ccpm/v1 plugin or a version
#   while a connector runs it; no DELETE of either spec declares 409. Nothing the fuzz can delete is
#   in use: it makes no custom connector, and the fixture plugins are never deleted (before_call).
ADDED_STATUSES: tuple[AddedStatus, ...] = (
    AddedStatus(
        CONNECT, (("post", CONNECTORS),), "409", CONNECT_ERROR, "§1.4, §7 Q10",
        "A second connector with a name that exists in the cluster is refused with 409 in the connect/v1 "
        "error shape; the spec lists no status for a duplicate name.",
    ),
    AddedStatus(
        CONNECT, (("post", CONNECTORS + "/{connector_name}/offsets/request"),), "409", CONNECT_ERROR, "§1 #13, §7 Q10",
        "A second offsets request while one is PENDING is refused with 409 in the connect/v1 error shape "
        "(one job per connector); the spec lists no status for a concurrent request.",
    ),
    AddedStatus(
        REGISTRY, (("post", "/subjects/{subject}"),), "422", REGISTRY_ERROR, "issue 14 (Confluent's registry)",
        "Looking up a schema the registry cannot parse answers 422 {error_code: 42201}, as Confluent's own "
        "SubjectsResource.lookUpSchemaUnderSubject does (InvalidSchemaException -> Errors.invalidSchemaException) "
        "and its clients expect; the spec, generated from that method's annotations, omits 422. A body of the "
        "wrong shape there is 422 too (Confluent: Jackson's mapping errors are 422).",
    ),
    AddedStatus(
        IAM, (("*", "/iam/v2/users"), ("*", "/iam/v2/invitations")), "404", V2_ERROR, "§4.1",
        "Users and invitations are 'in the spec; optional for us': Cirrus does not serve them, and the v2 "
        "family answers its 404 not_found for their routes (the spec omits 404 on the list and create).",
    ),
)

def _empty_query_answer(case: Any, response: Any) -> bool:
    if case.path != METRICS_QUERY or response.status_code != 200:
        return False
    try:
        return response.json() == {"data": []}
    except ValueError:
        return False


RAW_SCHEMA_PATHS = ("/schemas/ids/{id}/schema", "/subjects/{subject}/versions/{version}/schema")


def _raw_schema_answer(case: Any, response: Any) -> bool:
    """A 200 whose body is a JSON object or array: the schema text itself (AVRO or JSON Schema)."""
    if case.path not in RAW_SCHEMA_PATHS or response.status_code != 200:
        return False
    try:
        return isinstance(response.json(), (dict, list))
    except ValueError:
        return False


ALLOWED_FAILURES: tuple[AllowedFailure, ...] = (
    AllowedFailure(
        REGISTRY, "ST108", _raw_schema_answer, "issue 14 (Confluent's registry)",
        "The bare-schema routes answer the schema text itself as the body (an AVRO schema is a JSON object), "
        "as Confluent's registry does and its clients read it; the spec calls that body a string. Only a 200 "
        "of these two routes whose body is a JSON object or array.",
    ),
    AllowedFailure(
        METRICS, "ST108", _empty_query_answer, "§7 Q25",
        "QueryResponse is oneOf FlatQueryResponse and GroupedQueryResponse, and an answer with no points, "
        '{"data":[]}, matches both, so no answer without points can pass oneOf. Only that exact body.',
    ),
    AllowedFailure(
        CONNECT, "ST103",
        lambda case, response: response.status_code == 400 and _negative(case),
        "§5.1, §1.4",
        "A request that violates the spec's schema (a body that is not JSON, a config value that is not a "
        "string, a wrong type) answers 400 in the family's shape; most connect/v1 operations list no 400. "
        "Only schema-violating requests: a valid request answered 400 stays a failure.",
    ),
)


def _operations(raw: dict[str, Any], selector: tuple[str, str]):
    method, where = selector
    for path, item in raw.get("paths", {}).items():
        if not isinstance(item, dict):
            continue
        if method == "*":
            if path == where or path.startswith(where + "/"):
                yield from ((m, op) for m, op in item.items() if m in ("get", "put", "post", "patch", "delete"))
        elif path == where and method in item:
            yield method, item[method]


@schemathesis.hook
def before_load_schema(context: Any, raw_schema: dict[str, Any]) -> None:
    title = raw_schema.get("info", {}).get("title")
    for deviation in ADDED_STATUSES:
        if deviation.spec != title:
            continue
        added = 0
        for selector in deviation.operations:
            for _, operation in _operations(raw_schema, selector):
                responses = operation.setdefault("responses", {})
                if deviation.status in responses:
                    continue  # a prefix selector also covers operations that declare it already
                responses[deviation.status] = _response(f"Cirrus, CONTRACT {deviation.contract}", deviation.schema)
                added += 1
        if not added:
            # The spec moved on (or the entry is wrong): an entry that allows nothing is dropped, not kept.
            raise ValueError(f"deviation {deviation.contract} ({deviation.status}) adds nothing to {title}")


SHOW_ALLOWED = os.environ.get("CIRRUS_FUZZ_SHOW_ALLOWED") == "1"


@schemathesis.hook
def filter_failure(context: Any, failure: Any, case: Any, response: Any) -> bool:
    title = case.operation.schema.raw_schema.get("info", {}).get("title")
    for allowed in ALLOWED_FAILURES:
        if allowed.spec == title and allowed.check == failure.code and allowed.applies(case, response):
            if SHOW_ALLOWED:  # CIRRUS_FUZZ_SHOW_ALLOWED=1: audit what an entry lets through (in the log)
                print(f"[allowed {allowed.contract}] {case.method} {case.formatted_path} -> {response.status_code}: {failure.title}", flush=True)
            return False
    return True


# Reach. A fuzzer cannot guess a secret, and Cirrus only manages DatagenSource: without help every
# generated connector stops at the credential check (Q42) or the plugin lookup, and the 201/200 bodies
# are never checked. So each generated config is sent as generated, with the bootstrap Kafka key, and
# additionally as a creatable DatagenSource (its required keys set, the generated keys and offsets
# kept, names made equal as §6.1 requires).
KAFKA_KEY = os.environ.get("CIRRUS_FUZZ_KAFKA_API_KEY", "")
KAFKA_SECRET = os.environ.get("CIRRUS_FUZZ_KAFKA_API_SECRET", "")
CONNECTOR_NAME = os.environ.get("CIRRUS_FUZZ_CONNECTOR", "")
DATAGEN = {"connector.class": "DatagenSource", "kafka.topic": "fuzz", "quickstart": "PAGEVIEWS"}


def _name_for(value: Any) -> str:
    """A valid connector name derived from the generated value, so one value always maps to one name."""
    return "fuzz " + hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()[:10]


def _config_variants(config: Any, name: str) -> list[Any]:
    if not isinstance(config, dict) or not KAFKA_KEY:
        return [config]
    credentials = {"kafka.api.key": KAFKA_KEY, "kafka.api.secret": KAFKA_SECRET}
    # Hypothesis favours the first choice: the deepest variant goes first.
    return [{**config, **credentials, **DATAGEN, "name": name}, {**config, **credentials}, config]


# Starting offsets are stored as sent and echoed (§1.4); each entry must be {partition: {...}, offset:
# {...}}. Generated bodies almost never put a wrong entry into an otherwise creatable connector, so
# that variant also gets offsets drawn from any JSON, right or wrong (issue 7 point 19).
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=4),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=5,
)
_OFFSETS = st.lists(st.fixed_dictionaries({"partition": _JSON, "offset": _JSON}) | _JSON, min_size=1, max_size=3)


def _creatable_with(body: dict[str, Any], config: dict[str, Any], offsets: Any) -> dict[str, Any]:
    name = _name_for([body, offsets])
    return {**body, "name": name, "config": {**config, "name": name}, "offsets": offsets}


@schemathesis.hook("flatmap_body").apply_to(operation_id="createConnectv1Connector")
def connector_create_body(context: Any, body: Any):
    if not isinstance(body, dict):
        return st.just(body)
    name = _name_for(body)
    variants = _config_variants(body.get("config"), name)
    if len(variants) == 1:
        return st.just(body)
    creatable, with_credentials, _ = variants
    as_generated = st.sampled_from([{**body, "name": name, "config": creatable}, {**body, "config": with_credentials}, body])
    return as_generated | _OFFSETS.map(lambda offsets: _creatable_with(body, creatable, offsets))


@schemathesis.hook("flatmap_body").apply_to(operation_id="createOrUpdateConnectv1ConnectorConfig")
def connector_put_config_body(context: Any, body: Any):
    # The path names the fixture connector (schemathesis.toml), so the creatable variant carries its name.
    return st.sampled_from(_config_variants(body, CONNECTOR_NAME))


ENVIRONMENT_ID = os.environ.get("CIRRUS_FUZZ_ENVIRONMENT_ID", "")
CLUSTER_ENUMS = {"cloud": ("AWS", "GCP", "AZURE"), "availability": ("SINGLE_ZONE", "MULTI_ZONE", "LOW", "HIGH")}


@schemathesis.hook("flatmap_body").apply_to(operation_id=["createCmkV2Cluster", "updateCmkV2Cluster"])
def cluster_body(context: Any, body: Any):
    """A cluster lives in an environment that exists (the generated spec.environment.id never does); the
    creatable variant also takes the first value of each extensible enum Cirrus knows where the
    generated one is not among them, and a non-empty display name and region."""
    spec = body.get("spec") if isinstance(body, dict) else None
    if not isinstance(spec, dict) or not ENVIRONMENT_ID:
        return st.just(body)
    environment = spec.get("environment") if isinstance(spec.get("environment"), dict) else {}
    in_environment = {**spec, "environment": {**environment, "id": ENVIRONMENT_ID}}
    creatable = {**in_environment}
    for key, allowed in CLUSTER_ENUMS.items():
        if key in creatable and creatable[key] not in allowed:
            creatable[key] = allowed[0]
    for key in ("display_name", "region"):
        if key in creatable and not (isinstance(creatable[key], str) and creatable[key].strip()):
            creatable[key] = "fuzz"
    # Hypothesis favours the first choice: the deepest variant goes first.
    return st.sampled_from([{**body, "spec": creatable}, {**body, "spec": in_environment}, body])


# Metrics (issue 12): the spec's intervals are free strings and its filter any field, so generated
# queries stop at a 400; the reachable variant asks for a metric Cirrus has, over the last hour, of
# the fixture cluster (whose connector has points), keeping the generated granularity, group_by,
# limit and format where they are valid.
METRIC = "io.confluent.kafka.connect/received_records"
LABELS = ("resource.connector.id", "resource.kafka.id")


def _metrics_filter() -> dict[str, Any]:
    return {"field": "resource.kafka.id", "op": "EQ", "value": os.environ.get("CIRRUS_FUZZ_KAFKA_CLUSTER_ID", "")}


@schemathesis.hook("flatmap_body").apply_to(path=METRICS_QUERY, method="POST")
def metrics_query_body(context: Any, body: Any):
    if not isinstance(body, dict):
        return st.just(body)
    reachable = {**body, "aggregations": [{"metric": METRIC}], "intervals": ["PT1H/now"], "filter": _metrics_filter()}
    group_by = [g for g in body.get("group_by") or [] if g in LABELS] if isinstance(body.get("group_by"), list) else []
    reachable["group_by"] = group_by or (["resource.connector.id"] if body.get("format") == "GROUPED" else [])
    if body.get("granularity") != "ALL":
        reachable.pop("order_by", None)
    elif "order_by" in body:
        reachable["order_by"] = [{"metric": METRIC}]
    return st.sampled_from([reachable, body])


@schemathesis.hook("flatmap_body").apply_to(path="/v2/metrics/{dataset}/attributes", method="POST")
def metrics_attributes_body(context: Any, body: Any):
    if not isinstance(body, dict):
        return st.just(body)
    reachable = {**body, "metric": METRIC, "group_by": ["resource.connector.id"], "filter": _metrics_filter()}
    reachable.pop("intervals", None)
    return st.sampled_from([reachable, body])


# The fixtures the fixed ids name (schemathesis.toml) must outlive the run, or every operation after
# the first delete would stop at 404. Deletes still run against everything the fuzz created: the
# phases reuse ids from earlier responses. The guard sits at the call, since the coverage phase
# builds its cases without the generation hooks; a delete aimed at a fixture goes to a name that
# does not exist instead (and is still checked, as a delete of an unknown id).
FIXTURES = {
    value
    for value in (
        CONNECTOR_NAME,
        ENVIRONMENT_ID,
        os.environ.get("CIRRUS_FUZZ_KAFKA_CLUSTER_ID", ""),
        os.environ.get("CIRRUS_FUZZ_SERVICE_ACCOUNT_ID", ""),
        os.environ.get("CIRRUS_FUZZ_SPARE_ENVIRONMENT_ID", ""),
        os.environ.get("CIRRUS_FUZZ_CUSTOM_PLUGIN_ID", ""),
        os.environ.get("CIRRUS_FUZZ_CCPM_PLUGIN_ID", ""),
        os.environ.get("CIRRUS_FUZZ_CCPM_VERSION_ID", ""),
    )
    if value
}


@schemathesis.hook
def before_call(context: Any, case: Any, kwargs: dict[str, Any]) -> None:
    # Only the last path parameter names what a DELETE removes; the ones before it name where it
    # lives (the fixture environment and cluster, the fixture plugin of a version) and stay.
    names = re.findall(r"{([^}]+)}", case.path)
    if case.method.upper() != "DELETE" or not names or not case.path_parameters:
        return
    target = names[-1]
    if case.path_parameters.get(target) in FIXTURES:
        case.path_parameters[target] = f"{case.path_parameters[target]}-kept"

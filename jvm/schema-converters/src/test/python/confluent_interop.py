"""Confluent's Python serdes against a Schema Registry, driven by ConfluentInteropTest.

decode URL USER_INFO TOPIC HEX       -> the value Confluent's AvroDeserializer reads, as JSON
encode URL USER_INFO TOPIC           -> hex of an order record written by Confluent's AvroSerializer
json-decode URL USER_INFO TOPIC HEX  -> the value Confluent's JSONDeserializer reads (and validates)
json-encode URL USER_INFO TOPIC      -> hex of an order written by Confluent's JSONSerializer
"""
import datetime
import decimal
import json
import sys

from confluent_kafka.schema_registry import SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroDeserializer, AvroSerializer
from confluent_kafka.schema_registry.json_schema import JSONDeserializer, JSONSerializer
from confluent_kafka.serialization import MessageField, SerializationContext

# A schema as a Python producer writes it: no connect.* properties, an enum, a general union,
# a decimal of its own precision, logical dates and times.
ORDER_SCHEMA = json.dumps({
    "type": "record", "name": "Order", "namespace": "shop",
    "fields": [
        {"name": "id", "type": "long"},
        {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 2}},
        {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["NEW", "PAID"]}},
        {"name": "tags", "type": {"type": "array", "items": "string"}},
        {"name": "attrs", "type": {"type": "map", "values": "double"}},
        {"name": "note", "type": ["null", "string"], "default": None},
        {"name": "choice", "type": ["null", "int", "string"], "default": None},
        {"name": "day", "type": {"type": "int", "logicalType": "date"}},
        {"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
        {"name": "ok", "type": "boolean", "default": True},
    ],
})

ORDER = {
    "id": 42, "amount": decimal.Decimal("19.99"), "status": "PAID", "tags": ["a", "b"], "attrs": {"w": 1.5},
    "note": None, "choice": "x", "day": datetime.date(2024, 2, 29),
    "at": datetime.datetime(2024, 2, 29, 12, 0, 0, 250000, tzinfo=datetime.timezone.utc), "ok": False,
}

# The same order as a Python producer describes it in JSON Schema: JSON's own types only.
ORDER_JSON_SCHEMA = json.dumps({
    "$schema": "http://json-schema.org/draft-07/schema#", "title": "Order", "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "price": {"type": "number"},
        "status": {"type": "string", "enum": ["NEW", "PAID"]},
        "tags": {"type": "array", "items": {"type": "string"}},
        "attrs": {"type": "object", "additionalProperties": {"type": "number"}},
        "note": {"type": ["null", "string"]},
        "ok": {"type": "boolean"},
    },
    "required": ["id", "price", "status", "tags", "ok"],
})

ORDER_JSON = {"id": 42, "price": 19.5, "status": "PAID", "tags": ["a", "b"], "attrs": {"w": 1.5}, "note": None, "ok": False}


def plain(value):
    if isinstance(value, bytes):
        return list(value)
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (datetime.date, datetime.time, datetime.datetime)):
        return value.isoformat()
    raise TypeError(type(value))


def main():
    mode, url, user_info, topic = sys.argv[1:5]
    client = SchemaRegistryClient({"url": url, "basic.auth.user.info": user_info})
    context = SerializationContext(topic, MessageField.VALUE)
    if mode == "decode":
        value = AvroDeserializer(client)(bytes.fromhex(sys.argv[5]), context)
        print(json.dumps(value, default=plain, sort_keys=True))
    elif mode == "encode":
        print(AvroSerializer(client, ORDER_SCHEMA)(ORDER, context).hex())
    elif mode == "json-decode":
        # No schema of its own: the deserializer reads the writer's from the registry and validates.
        value = JSONDeserializer(None, schema_registry_client=client)(bytes.fromhex(sys.argv[5]), context)
        print(json.dumps(value, sort_keys=True))
    elif mode == "json-encode":
        print(JSONSerializer(ORDER_JSON_SCHEMA, client)(ORDER_JSON, context).hex())
    else:
        raise SystemExit("unknown mode " + mode)


if __name__ == "__main__":
    main()

// Issue 11: failures are the user's (USER_ACTIONABLE_ERROR: never restarted automatically) or
// the platform's (SYSTEM_ERROR: restarted with backoff), read from traces engines really write.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyFailure, classifyFailures } from '../../src/core/operate/failure-class.ts';

const CASES: [string, string, 'USER_ACTIONABLE_ERROR' | 'SYSTEM_ERROR'][] = [
  ['JDBC sink, wrong password', `org.apache.kafka.connect.errors.ConnectException: Failed to start JDBC sink
	at io.debezium.connector.jdbc.JdbcSinkConnectorTask.start(JdbcSinkConnectorTask.java:97)
Caused by: org.hibernate.exception.GenericJDBCException: unable to obtain isolated JDBC connection [FATAL: password authentication failed for user "writer"] [n/a]
Caused by: org.postgresql.util.PSQLException: FATAL: password authentication failed for user "writer"`, 'USER_ACTIONABLE_ERROR'],
  ['Debezium Postgres CDC, wrong password (Connect refuses the config)', 'Kafka Connect answered 400 to POST /connectors: Connector configuration is invalid and contains the following 1 error(s):\nError while validating connector config: FATAL: password authentication failed for user "cdc"', 'USER_ACTIONABLE_ERROR'],
  ['MySQL, wrong password', "java.sql.SQLException: Access denied for user 'writer'@'127.0.0.1' (using password: YES)", 'USER_ACTIONABLE_ERROR'],
  ['JDBC sink, table missing and auto.create off', `org.apache.kafka.connect.errors.ConnectException: Exiting WorkerSinkTask due to unrecoverable exception.
Caused by: io.debezium.connector.jdbc.JdbcConnectorException: Table 'orders' does not exist and auto-create is disabled`, 'USER_ACTIONABLE_ERROR'],
  ['Postgres, relation missing', 'org.postgresql.util.PSQLException: ERROR: relation "public.orders" does not exist\n  Position: 15', 'USER_ACTIONABLE_ERROR'],
  ['Postgres, no privilege', 'org.postgresql.util.PSQLException: ERROR: permission denied for table orders', 'USER_ACTIONABLE_ERROR'],
  ['Kafka, bad API key', 'org.apache.kafka.common.errors.SaslAuthenticationException: Authentication failed: Invalid username or password', 'USER_ACTIONABLE_ERROR'],
  ['Kafka, ACL refusal', 'org.apache.kafka.common.errors.TopicAuthorizationException: Not authorized to access topics: [orders]', 'USER_ACTIONABLE_ERROR'],
  ['HTTP sink, receiver refuses the credentials', 'org.apache.kafka.connect.errors.ConnectException: dev.cirrus.connect.http.HttpDeliveryException: HTTP 401 from http://127.0.0.1:8099/hook after 3 attempts: unauthorized', 'USER_ACTIONABLE_ERROR'],
  ['bad config', 'org.apache.kafka.common.config.ConfigException: Invalid value foo for configuration insert.mode: must be one of INSERT, UPSERT', 'USER_ACTIONABLE_ERROR'],
  ['records the sink cannot read', 'org.apache.kafka.connect.errors.DataException: Converting byte[] to Kafka Connect data failed due to serialization error', 'USER_ACTIONABLE_ERROR'],
  ['JDBC sink, database stopped', `org.apache.kafka.connect.errors.ConnectException: Exiting WorkerSinkTask due to unrecoverable exception.
Caused by: org.hibernate.exception.JDBCConnectionException: unable to obtain isolated JDBC connection [Connection to 127.0.0.1:5432 refused. Check that the hostname and port are correct and that the postmaster is accepting TCP/IP connections.]`, 'SYSTEM_ERROR'],
  ['HTTP sink, receiver gone', 'org.apache.kafka.connect.errors.ConnectException: dev.cirrus.connect.http.HttpDeliveryException: HTTP request to http://127.0.0.1:8099/hook failed after 2 attempts: java.net.ConnectException', 'SYSTEM_ERROR'],
  ['HTTP sink, receiver answers 503', 'dev.cirrus.connect.http.HttpDeliveryException: HTTP 503 from http://127.0.0.1:8099/hook after 2 attempts: down', 'SYSTEM_ERROR'],
  ['Kafka timeout', 'org.apache.kafka.common.errors.TimeoutException: Timeout expired after 60000ms while awaiting InitProducerId', 'SYSTEM_ERROR'],
  ['worker lost', 'Connector lcc-abc was running on worker 10.0.0.5:8083 which left the group', 'SYSTEM_ERROR'],
  ['pool unreachable', 'The Kafka Connect pool is unreachable; showing the last known task states', 'SYSTEM_ERROR'],
  ['an engine error nobody recognises', 'java.lang.NullPointerException: Cannot invoke "String.length()" because "s" is null', 'SYSTEM_ERROR'],
  ['no trace at all', '', 'SYSTEM_ERROR'],
];

describe('failure classes (issue 11)', () => {
  for (const [what, trace, expected] of CASES) {
    it(`${what} → ${expected}`, () => assert.equal(classifyFailure(trace), expected));
  }

  it('a connector with several failures is the user\'s when any of them is', () => {
    assert.equal(classifyFailures([]), null);
    assert.equal(classifyFailures(['java.net.ConnectException', 'TimeoutException']), 'SYSTEM_ERROR');
    assert.equal(classifyFailures(['java.net.ConnectException', 'FATAL: password authentication failed for user "x"']), 'USER_ACTIONABLE_ERROR');
  });
});

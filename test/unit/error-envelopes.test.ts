import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AlreadyExists, InvalidConfig, InvalidRequest, NotFound, RateLimited, Unauthenticated } from '../../src/core/errors.ts';
import { classifyError, MethodNotAllowed } from '../../src/http/errors/classify.ts';
import { renderConnectV1Error } from '../../src/http/errors/connect-v1.ts';
import { renderV2Error } from '../../src/http/errors/v2.ts';

const union = (code: number, message: string) => ({ error: { code, message }, code, error_code: code, message });

describe('connect/v1 error envelope', () => {
  const cases: [string, unknown, number, string][] = [
    ['not found', new NotFound(), 404, 'resource not found'],
    ['account not found', new NotFound('account not found'), 404, 'account not found'],
    ['unauthenticated', new Unauthenticated('whatever'), 401, 'Unauthorized'],
    ['invalid config', new InvalidConfig('Validation failed: quickstart bad'), 400, 'Validation failed: quickstart bad'],
    ['invalid request', new InvalidRequest('The request body is not valid JSON'), 400, 'The request body is not valid JSON'],
    ['duplicate', new AlreadyExists('Connector x already exists'), 409, 'Connector x already exists'],
    ['bad JSON from fastify', Object.assign(new Error('Unexpected token'), { code: 'FST_ERR_CTP_INVALID_JSON_BODY', statusCode: 400 }), 400, 'The request body is not valid JSON'],
    ['unknown error', new Error('SQLITE_CORRUPT: /var/lib/secret/path'), 500, 'Internal Server Error'],
  ];
  for (const [name, err, status, message] of cases) {
    it(`renders ${name} as ${status} with the union body`, () => {
      const rendered = renderConnectV1Error(err);
      assert.equal(rendered.status, status);
      assert.deepEqual(rendered.body, union(status, message));
    });
  }

  it('sends 429 without a body, with Retry-After seconds', () => {
    const rendered = renderConnectV1Error(new RateLimited(7));
    assert.equal(rendered.status, 429);
    assert.equal(rendered.body, undefined);
    assert.equal(rendered.classified.retryAfterSeconds, 7);
  });
});

describe('v2 error envelope', () => {
  it('renders errors[] with a string status, a code, the request id and a pointer', () => {
    const rendered = renderV2Error(new InvalidRequest('page_size must be 1-100', '/spec/display_name'), 'req-1');
    assert.equal(rendered.status, 400);
    assert.deepEqual(rendered.body, {
      errors: [{ id: 'req-1', status: '400', code: 'bad_request', title: 'Bad Request', detail: 'page_size must be 1-100', source: { pointer: '/spec/display_name' } }],
    });
  });

  it('uses the spec codes for 401, 404 and 409', () => {
    const code = (err: unknown) => ((renderV2Error(err, 'r').body as { errors: { code: string }[] }).errors[0]!.code);
    assert.equal(code(new Unauthenticated()), 'user_unauthenticated');
    assert.equal(code(new NotFound()), 'not_found');
    assert.equal(code(new AlreadyExists('x')), 'resource_already_exists');
  });

  it('renders a method the path lacks as 405 method_not_allowed, carrying the Allow list (issue 7.26)', () => {
    const rendered = renderV2Error(new MethodNotAllowed('PUT', ['GET', 'POST']), 'r');
    assert.equal(rendered.status, 405);
    assert.deepEqual(rendered.classified.allow, ['GET', 'POST']);
    assert.equal((rendered.body as { errors: { code: string }[] }).errors[0]!.code, 'method_not_allowed');
    assert.deepEqual(renderConnectV1Error(new MethodNotAllowed('PUT', ['GET'])).body, union(405, 'PUT is not allowed on this path; it allows GET'));
  });

  it('never shows an internal message', () => {
    const rendered = renderV2Error(new Error('connect ECONNREFUSED 127.0.0.1:8083'), 'r');
    assert.equal(rendered.status, 500);
    assert.doesNotMatch(JSON.stringify(rendered.body), /ECONNREFUSED/);
  });
});

describe('error classification', () => {
  it('maps schema validation failures to invalid_request', () => {
    assert.equal(classifyError(Object.assign(new Error('body must be object'), { validation: [{}] })).kind, 'invalid_request');
  });
  it('points at the body field or names the query parameter of a schema validation failure (issue 7.8)', () => {
    const failure = (context: string, error: Record<string, unknown>) => classifyError(Object.assign(new Error('x'), { validation: [error], validationContext: context }));
    const cases: [string, Record<string, unknown>, Record<string, string>][] = [
      ['body', { keyword: 'required', instancePath: '/spec', params: { missingProperty: 'display_name' } },
        { message: 'spec.display_name is required', pointer: '/spec/display_name' }],
      ['body', { keyword: 'type', instancePath: '', params: { type: 'object' } }, { message: 'The request body must be a JSON object' }],
      ['body', { keyword: 'type', instancePath: '/spec/config/cku', params: { type: 'integer' } }, { message: 'spec.config.cku must be an integer', pointer: '/spec/config/cku' }],
      ['querystring', { keyword: 'type', instancePath: '/spec.owner', params: { type: 'string' } }, { message: 'spec.owner takes one value; it was given more than once', parameter: 'spec.owner' }],
      ['querystring', { keyword: 'required', instancePath: '', params: { missingProperty: 'environment' } }, { message: 'environment is required', parameter: 'environment' }],
      ['params', { keyword: 'maxLength', instancePath: '/id', params: { limit: 255 } }, { message: 'id must be at most 255 characters', parameter: 'id' }],
    ];
    for (const [context, error, expected] of cases) assert.deepEqual(failure(context, error), { kind: 'invalid_request', ...expected });
  });
  it('maps body-too-large to payload_too_large', () => {
    assert.equal(classifyError(Object.assign(new Error('x'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE' })).kind, 'payload_too_large');
  });
});

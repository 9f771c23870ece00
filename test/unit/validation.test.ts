// Shared value checks (issue 7, item 24): fields are named by JSON pointers, never `spec.x`.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidRequest } from '../../src/core/errors.ts';
import { fieldName, integerAtLeast, oneOf, optionalText, requiredText } from '../../src/core/validation.ts';

function refusal(fn: () => unknown): InvalidRequest {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof InvalidRequest, String(err));
    return err;
  }
  assert.fail('accepted');
}

describe('shared value checks', () => {
  it('name fields the way clients write them', () => {
    assert.equal(fieldName('/spec/display_name'), 'spec.display_name');
    assert.equal(fieldName('/offsets/0/partition'), 'offsets[0].partition');
    assert.equal(fieldName('/a~1b/c~0d'), 'a/b.c~d');
  });

  it('point at the field with a JSON pointer', () => {
    const cases: [string, () => unknown, string, RegExp][] = [
      ['blank text', () => requiredText('  ', '/spec/display_name', 64), '/spec/display_name', /^spec\.display_name is required$/],
      ['text too long', () => requiredText('x'.repeat(65), '/display_name', 64), '/display_name', /at most 64/],
      ['optional text of another type', () => optionalText(42, '/description', 128), '/description', /must be a string/],
      ['a value not in the list', () => oneOf('SOMETIMES', ['LOW', 'HIGH'], '/spec/availability'), '/spec/availability', /one of LOW, HIGH/],
      ['an integer too small', () => integerAtLeast(0, 1, '/spec/config/cku'), '/spec/config/cku', /at least 1/],
      ['a fraction', () => integerAtLeast(1.5, 1, '/spec/config/cku'), '/spec/config/cku', /integer/],
    ];
    for (const [name, fn, pointer, message] of cases) {
      const err = refusal(fn);
      assert.equal(err.pointer, pointer, name);
      assert.match(err.message, message, name);
    }
  });

  it('accept good values unchanged', () => {
    assert.equal(requiredText('x', '/display_name', 64), 'x');
    assert.equal(optionalText(undefined, '/description', 10), '');
    assert.equal(oneOf('LOW', ['LOW', 'HIGH'], '/spec/availability'), 'LOW');
    assert.equal(integerAtLeast(2, 1, '/spec/config/cku'), 2);
  });

  it('refuse a dotted name where a pointer belongs, at the call site', () => {
    assert.throws(() => requiredText('x', 'spec.display_name', 64), /not a JSON pointer/);
  });
});

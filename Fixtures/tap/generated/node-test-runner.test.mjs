import { test, describe, it } from 'node:test';
import assert from 'node:assert';

describe('math', () => {
  it('adds', () => { assert.strictEqual(1 + 1, 2); });
  it('subtracts wrongly', () => { assert.strictEqual(3 - 1, 1); });
  it('is skipped', { skip: 'not on this platform' }, () => {});
  it('is todo', { todo: 'later' }, () => { assert.fail('boom'); });
});

test('top level passes', () => {});
test('nested', async (t) => {
  await t.test('inner ok', () => {});
  await t.test('inner deeper', async (t) => {
    await t.test('deepest', () => {});
  });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError, isAppError, notFound } from './errors.js';

test('an AppError carries its code and a message meant for people', () => {
  const err = notFound('Ticket');
  assert.ok(isAppError(err));
  assert.equal(err.code, 'not_found');
  assert.equal(err.message, 'Ticket was not found.');
});

test('isAppError rejects plain errors', () => {
  assert.equal(isAppError(new Error('x')), false);
  assert.equal(isAppError(new AppError('conflict', 'c')), true);
});

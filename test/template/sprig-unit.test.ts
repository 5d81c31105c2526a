// Direct tests of sprig helpers against published reference values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bcBase64Decode, bcryptWithSalt } from '../../src/template/sprig/bcrypt.ts';

// Known answers from golang.org/x/crypto/bcrypt's own tests (bcrypt_test.go).
test('bcrypt matches Go x/crypto known answers', () => {
  const salt = bcBase64Decode('XajjQvNhvvRt5GSeFk1xFe');
  assert.equal(salt.length, 16);
  assert.equal(
    bcryptWithSalt('allmine', salt, 10),
    '$2a$10$XajjQvNhvvRt5GSeFk1xFeyqRrsxkhBkUiQeg0dt.wU1qD4aFDcga',
  );
  assert.equal(
    bcryptWithSalt('012345678901234567890123456789012345678901234567890123456', salt, 10),
    '$2a$10$XajjQvNhvvRt5GSeFk1xFe5l47dONXg781AmZtd869sO8zfsHuw7C',
  );
});

import { describe, expect, it } from 'vitest';
import { stringLimitFailure } from '../../../electron/core/importing/reading/cell-guard';

describe('a cell too large for a string', () => {
  it('is reported as such, not as a damaged file', () => {
    let thrown: unknown;
    try {
      // V8's own limit (2^29 − 24 characters), reached without allocating anything.
      'x'.repeat(2 ** 30);
    } catch (err) {
      thrown = err;
    }
    expect(stringLimitFailure(thrown, 'jobs.xlsx')).toMatchObject({
      code: 'FILE_TOO_LARGE',
      message: 'jobs.xlsx has a cell larger than 512 MB, more text than a cell can hold: no RSC field holds that much text: shorten or remove it in the file, and import again',
    });
    expect(stringLimitFailure(new RangeError('Maximum call stack size exceeded'), 'jobs.xlsx')).toBeNull();
    expect(stringLimitFailure(new Error('Invalid string length'), 'jobs.xlsx')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { codesWithStatus, ERROR_CODES, ERRORS, errorMessage, errorStatus } from './errors.ts';

describe('the error catalog', () => {
  it('gives every code one 4xx or 5xx status and a message', () => {
    expect(ERROR_CODES.length).toBeGreaterThan(0);
    for (const code of ERROR_CODES) {
      const { status, message } = ERRORS[code];
      expect(status, code).toBeGreaterThanOrEqual(400);
      expect(status, code).toBeLessThan(600);
      expect(Number.isInteger(status), code).toBe(true);
      expect(message.trim().length, code).toBeGreaterThan(0);
      // Placeholders are plain names, so the server can fill every one of them.
      expect(message.replace(/\{\w+\}/g, ''), code).not.toMatch(/[{}]/);
    }
  });

  it('names codes in SCREAMING_SNAKE_CASE', () => {
    for (const code of ERROR_CODES) expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
  });

  it('fills a template’s placeholders and leaves unknown ones visible', () => {
    expect(errorMessage('CHANNEL_NOT_FOUND', { id: 'c-1' })).toBe('channel c-1 not found');
    expect(errorMessage('RATE_LIMITED', { retryAfter: 7 })).toBe('too many requests; retry in 7 s');
    expect(errorMessage('CHANNEL_NOT_FOUND')).toBe('channel {id} not found');
    expect(errorMessage('INVALID_JSON', { id: 'ignored' })).toBe('the body is not valid JSON');
  });

  it('answers the status of a code and the codes of a status', () => {
    expect(errorStatus('VALIDATION_FAILED')).toBe(400);
    expect(errorStatus('RECIPIENT_NOT_FOUND')).toBe(404);
    expect(codesWithStatus(401)).toEqual(
      expect.arrayContaining(['UNAUTHORIZED', 'INVALID_TOKEN', 'TOKEN_EXPIRED']),
    );
    expect(codesWithStatus(401)).not.toContain('RECIPIENT_NOT_FOUND');
    for (const code of codesWithStatus(422)) expect(errorStatus(code)).toBe(422);
  });
});

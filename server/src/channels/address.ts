import { SendError } from './types.ts';

const E164 = /^\+[1-9]\d{6,14}$/;
// Deliberately loose: the SMTP server is the judge; this only catches what cannot be an address.
const EMAIL = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/;

/** Accepts an E.164 phone number (`+5215512345678`), also with spaces or dashes; returns it compact. */
export function e164(address: string): string {
  const compact = address.replace(/^whatsapp:/, '').replace(/[\s().-]/g, '');
  if (!E164.test(compact)) throw invalidAddress('a phone number in E.164 form (+countrycode…)');
  return compact;
}

/** Accepts an email address as is. */
export function emailAddress(address: string): string {
  const trimmed = address.trim();
  if (!EMAIL.test(trimmed)) throw invalidAddress('an email address');
  return trimmed;
}

/** The error a sender throws when its `address` is unusable; never retried. */
export function invalidAddress(expected: string): SendError {
  return new SendError('INVALID_ADDRESS', `the address is not ${expected}`, { retryable: false });
}

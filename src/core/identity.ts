/** Identity verification's closed sets (issue 18): how a customer proves a step, and where a check stands. */

/**
 * A code to the e-mail on file, a code the hotline speaks to the number on file, a link the app opens, a signed
 * message, or (for multisig addresses, which cannot sign a message) a small test transaction from the address.
 */
export const STEP_UP_METHODS = ['email_code', 'phone_code', 'app_link', 'address', 'test_transaction'] as const;
export type StepUpMethod = (typeof STEP_UP_METHODS)[number];

export const STEP_UP_STATUSES = ['pending', 'passed', 'failed', 'expired', 'cancelled'] as const;
export type StepUpStatus = (typeof STEP_UP_STATUSES)[number];

/** How a passed step-up was proven. */
export const STEP_UP_RESULTS = ['code', 'app_hmac', 'app_jwt', 'bip322_simple', 'bip137_strict', 'bip137_loose', 'test_transaction'] as const;
export type StepUpResult = (typeof STEP_UP_RESULTS)[number];

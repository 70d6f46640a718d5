export { isValidNhsNumber, nhsCheckDigit, findNhsNumbers, type TextSpan } from './nhs-number.js';
export { detectPii, detectPiiStrict, findPii, redact, type PiiKind, type PiiFinding } from './pii.js';
export { detectImmediateDanger, type DangerAssessment } from './escalation.js';

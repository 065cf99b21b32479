export * from './document-section';
export * from './share-policy';
export * from './redaction/case-identity';
export * from './redaction/redaction-finding';
export * from './redaction/parent-copy-redactor';
export * from './redaction/parent-copy';
export { isValidNhsNumber } from './redaction/official-number-finder';
export { ADDRESS_PLACEHOLDER } from './redaction/case-address-finder';
export * from './conference-day';

export * from './bank-holidays';
export * from './bank-holiday-rules';

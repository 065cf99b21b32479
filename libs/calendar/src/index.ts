export * from './bank-holidays';
export * from './bank-holiday-rules';
export * from './working-day-calendar';
export * from './icpc-timescale';

export * from './test-config';
export * from './topic-probe';
export * from './wait-for';
export * from './services';
export * from './database';
export * from './requests';
export * from './standins';
export * from './clients';

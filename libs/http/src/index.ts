export * from './problem';
export * from './problem.filter';
export * from './validation';
export * from './auth';
export * from './http.entities';
export * from './http.migration';
export * from './idempotency.interceptor';
export * from './audit';

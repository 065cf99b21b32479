export * from './tokens';
export * from './service-definition';
export * from './runtime.module';
export * from './start-service';
export * from './housekeeping';
export * from './run-main';
export * from './intake-shutdown';

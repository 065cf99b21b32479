export * from './console-auth';
export * from './console-user';
export * from './current-user';

export * from './document-password';
export * from './word-document';
export * from './word-document-text';
export * from './word-encryption';

// Integration and end-to-end tests run against the real local Kafka, PostgreSQL and Redis that
// `deploy/local/infra.sh up` starts; each service under test uses its own *_test database.
process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'warn';

// Integration and end-to-end tests run against the real Kafka, PostgreSQL and Redis that
// `deploy/local/infra.sh test-up` starts (test/global-setup-integration.ts runs it): the tests' own
// broker (CPC_TEST_KAFKA_BROKERS, default 127.0.0.1:9192), never the development stack's on 9092,
// and each service under test on its own *_test database.
process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'warn';
process.env.KAFKA_BROKERS = process.env.CPC_TEST_KAFKA_BROKERS ?? '127.0.0.1:9192';

// The SMTP and GOV.UK Notify stand-ins for integration tests, through the shared test support: the one
// door a service's tests use to reach outside their service (eslint.config.mjs TEST_SUPPORT).
export { startStandins, type RunningStandins } from '../../deploy/local/standins/standins-process';

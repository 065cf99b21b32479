/** Injection tokens of what the runtime gives every service. */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
export const SERVICE_LOGGER = Symbol('SERVICE_LOGGER');
export const KAFKA = Symbol('KAFKA');

/**
 * RFC 7240 `Prefer: wait=<seconds>`: how long the client is willing to wait for the server to be able
 * to answer. Returns the wait in milliseconds, capped at `maxSeconds`; 0 when the header does not ask.
 */
export function preferredWaitMs(header: string | string[] | undefined, maxSeconds = 10): number {
  const values = Array.isArray(header) ? header : header ? [header] : [];
  for (const value of values) {
    for (const preference of value.split(',')) {
      const match = /^\s*wait\s*=\s*"?(\d{1,6})"?\s*(;.*)?$/i.exec(preference);
      if (match) return Math.min(Number(match[1]), maxSeconds) * 1000;
    }
  }
  return 0;
}

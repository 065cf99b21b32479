import { LOCAL_DELIVERY_PUBLIC_KEY, sealSecret, Topics } from '@cpc/contracts';
import { randomUUID } from 'node:crypto';
import { waitFor } from '../../../../test/support';
import { NotificationsHarness, person } from '../../test/notifications-harness';

jest.setTimeout(150_000);

const FAILING_PHONE = '+447700900999'; // the Notify stand-in accepts it, then reports permanent-failure
const TEMPORARY_FAILING_PHONE = '+447700900888'; // ... temporary-failure
const OPERATIONS = 'cpc-operations@council.example';

/**
 * Issue 9 item 3: a password text Notify reports failed is not left SENT. Whether the receipt comes
 * by the callback (registered with the Notify stand-in as `npm start` registers it) or by the poll
 * (no callback), it ends FAILED with NotificationFailed and an operations alert.
 */
describe('R-DEL-PWD: a failed password text ends FAILED, with NotificationFailed and an operations alert', () => {
  const harness = new NotificationsHarness();

  beforeAll(async () => {
    await harness.start({ NOTIFY_RECEIPT_POLL_AFTER_MS: '2500', NOTIFY_RECEIPT_POLL_INTERVAL_MS: '500' });
  });
  afterAll(() => harness.stop());

  async function sendPasswordText(mobile: string): Promise<{ conferenceId: string; deliveryId: string; password: string }> {
    const parent = person('PARENT', 'Pia', { mobile, email: `pia.${randomUUID().slice(0, 6)}@family.example`, contactConfirmed: true });
    const conferenceId = await harness.schedule([parent]);
    const deliveryId = randomUUID();
    const password = `Pw-${randomUUID().slice(0, 10)}!`;
    await harness.publish(Topics.documents, 'DeliveryRequested', conferenceId, {
      conferenceId,
      deliveryId,
      documentId: randomUUID(),
      participantId: parent.participantId,
      recipientRole: 'PARENT',
      recipientName: 'Pia Test',
      template: 'PARENT_DOCUMENT_PASSWORD_SMS',
      mobile,
      channel: 'SMS',
      passwordCiphertext: sealSecret(password, LOCAL_DELIVERY_PUBLIC_KEY),
    });
    return { conferenceId, deliveryId, password };
  }

  async function expectFailed(sent: { conferenceId: string; deliveryId: string; password: string }, failure: string, settledBy: string) {
    const failed = await waitFor(
      () => harness.probe.ofType('NotificationFailed', sent.conferenceId).find((m) => m.json.data.deliveryId === sent.deliveryId),
      60_000,
    );
    expect(failed.json.data).toMatchObject({ template: 'PARENT_DOCUMENT_PASSWORD_SMS', channel: 'SMS', failure });
    const accepted = harness.probe.ofType('NotificationSent', sent.conferenceId).find((m) => m.json.data.deliveryId === sent.deliveryId);
    expect(accepted?.json.data.awaitingReceipt).toBe(true); // documents waits for this message's receipt
    const [row] = await harness.rows<{ status: string; settled_by: string; sealed_secret: string | null }>(
      'SELECT status, settled_by, sealed_secret FROM notifications WHERE delivery_id = $1',
      [sent.deliveryId],
    );
    expect(row).toEqual({ status: 'FAILED', settled_by: settledBy, sealed_secret: null });
    const [alert] = await harness.mailTo(OPERATIONS, sent.conferenceId, 30_000);
    expect(alert.subject).toContain('PARENT_DOCUMENT_PASSWORD_SMS');
    expect(alert.text).toContain(`Failure: ${failure}`);
    for (const secret of [sent.password, ...[FAILING_PHONE, TEMPORARY_FAILING_PHONE]]) expect(alert.text).not.toContain(secret);
    for (const event of harness.probe.ofType('NotificationFailed', sent.conferenceId)) expect(event.value).not.toContain(sent.password);
  }

  it('by the delivery callback, registered with the Notify stand-in on start', async () => {
    await harness.notifyCallback(`${harness.service.url}/api/v1/notifications/callbacks/notify`);
    const sent = await sendPasswordText(FAILING_PHONE);
    await expectFailed(sent, 'PERMANENT', 'CALLBACK');
    // One alert only, even though Notify's receipt may be posted again.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await harness.mailTo(OPERATIONS, sent.conferenceId)).toHaveLength(1);
  });

  it('by the status poll when no callback comes (permanent-failure)', async () => {
    await harness.notifyCallback('');
    await expectFailed(await sendPasswordText(FAILING_PHONE), 'PERMANENT', 'POLL');
  });

  it('by the status poll: temporary-failure ends FAILED with failure TEMPORARY, never left SENT', async () => {
    await harness.notifyCallback('');
    await expectFailed(await sendPasswordText(TEMPORARY_FAILING_PHONE), 'TEMPORARY', 'POLL');
  });

  it('a delivered text is settled DELIVERED by the poll, with NotificationDelivered and no alert', async () => {
    await harness.notifyCallback('');
    const sent = await sendPasswordText('+447700900321');
    await waitFor(
      () => harness.probe.ofType('NotificationDelivered', sent.conferenceId).find((m) => m.json.data.deliveryId === sent.deliveryId),
      60_000,
    );
    const [row] = await harness.rows<{ status: string; settled_by: string }>(
      'SELECT status, settled_by FROM notifications WHERE delivery_id = $1',
      [sent.deliveryId],
    );
    expect(row).toEqual({ status: 'DELIVERED', settled_by: 'POLL' });
    expect(harness.probe.ofType('NotificationFailed', sent.conferenceId)).toHaveLength(0);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { PORTAL_URL, issueToken } from '../../../tests/server';
import { createArcGISClient } from './request';
import { sendAssignBatch } from './credits';
import { getUser } from './users';
import { AuthError } from './errors';
import { createWorkerTransport, serveTransport, type TransportWorker } from './worker-transport';

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const c of channels.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});

/** A worker made of a message channel: its far end served by `serveTransport`, as http.worker.ts does. */
function channelWorker(): TransportWorker & { sent: number } {
  const channel = new MessageChannel();
  channels.push(channel);
  serveTransport(channel.port2);
  channel.port2.start();
  const worker = {
    sent: 0,
    postMessage(message: unknown) {
      worker.sent += 1;
      channel.port1.postMessage(message);
    },
    addEventListener(type: string, listener: (event: never) => void) {
      if (type === 'message')
        channel.port1.addEventListener('message', listener as (e: MessageEvent) => void);
    },
  };
  channel.port1.start();
  return worker as TransportWorker & { sent: number };
}

describe('requests sent through a worker', () => {
  it('carry a run’s batch to the portal and its answer back, the token in the body', async () => {
    const worker = channelWorker();
    const { transport } = createWorkerTransport(() => worker);
    const token = issueToken('demo_admin');
    const client = createArcGISClient({ portalUrl: PORTAL_URL, getToken: () => token, transport });
    const answer = await sendAssignBatch(client, [{ username: 'demo_member', credits: 42 }]);
    expect(answer).toEqual({ success: true, skipped: [] });
    expect(worker.sent).toBe(1);
    // The portal has it.
    const admin = createArcGISClient({ portalUrl: PORTAL_URL, getToken: () => token });
    expect((await getUser(admin, 'demo_member')).assignedCredits).toBe(42);
  });

  it('bring back the portal’s refusal as the same error the page would see', async () => {
    const { transport } = createWorkerTransport(() => channelWorker());
    const client = createArcGISClient({ portalUrl: PORTAL_URL, getToken: () => 'not-a-token', transport });
    await expect(sendAssignBatch(client, [{ username: 'demo_member', credits: 1 }])).rejects.toBeInstanceOf(
      AuthError,
    );
  });

  it('go through fetch in the page when no worker can start, and when the worker stops', async () => {
    const token = issueToken('demo_admin');
    const none = createWorkerTransport(() => undefined);
    const client = createArcGISClient({
      portalUrl: PORTAL_URL,
      getToken: () => token,
      transport: none.transport,
    });
    expect((await sendAssignBatch(client, [{ username: 'demo_member', credits: 7 }])).success).toBe(true);

    // A worker that takes the request and then fails: the request is sent again from the page.
    const errors: ((event: Event) => void)[] = [];
    const silent: TransportWorker = {
      postMessage: () =>
        queueMicrotask(() => errors.forEach((f) => f(new Event('error', { cancelable: true })))),
      addEventListener: (type: string, listener: (event: never) => void) => {
        if (type === 'error') errors.push(listener as (event: Event) => void);
      },
    };
    const broken = createWorkerTransport(() => silent);
    const again = createArcGISClient({
      portalUrl: PORTAL_URL,
      getToken: () => token,
      transport: broken.transport,
    });
    expect((await sendAssignBatch(again, [{ username: 'demo_member', credits: 9 }])).success).toBe(true);
    const admin = createArcGISClient({ portalUrl: PORTAL_URL, getToken: () => token });
    expect((await getUser(admin, 'demo_member')).assignedCredits).toBe(9);
  });
});

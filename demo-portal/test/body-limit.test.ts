import { request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_REQUEST_BODY_BYTES } from '../src/body-limit.ts';
import { errorSchema, makePortal, tokenFor } from './helpers.ts';

/** Over real HTTP: the limit must hold while the body is streamed, not after it was buffered. */

const portal = makePortal();
let server: Server;
let port: number;

beforeAll(async () => {
  server = createAdaptorServer({ fetch: portal.app.fetch }) as Server;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

function readAll(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
  });
}

async function get(path: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: res.status, text: await res.text() };
}

const FORM = 'application/x-www-form-urlencoded';
const ASSIGN = '/portal/sharing/rest/portals/self/assignUserCredits';

describe('request body limit', () => {
  it('refuses a declared oversized body before reading it, with the envelope and no token check', async () => {
    const { status, text, sent } = await new Promise<{ status: number; text: string; sent: number }>(
      (resolve, reject) => {
        const req = request({
          host: '127.0.0.1',
          port,
          path: ASSIGN,
          method: 'POST',
          headers: { 'Content-Type': FORM, 'Content-Length': String(200 * 1024 * 1024) },
        });
        req.on('error', reject);
        // Only the first bytes are ever sent: the answer must come without the rest.
        req.write('f=json&userAssignments=');
        req.on('response', (res) => {
          void readAll(res).then((body) => {
            req.destroy();
            resolve({ status: res.statusCode ?? 0, text: body, sent: 23 });
          }, reject);
        });
      },
    );
    expect(sent).toBeLessThan(100);
    expect(status).toBe(413);
    const body = errorSchema.parse(JSON.parse(text));
    expect(body.error.code).toBe(413);
    expect(body.error.message).toContain(`${MAX_REQUEST_BODY_BYTES} bytes`);
  });

  it('stops a chunked upload soon after the limit while other requests keep answering', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const total = 200 * 1024 * 1024;
    const outcome = await new Promise<{ status: number; text: string; sent: number }>((resolve, reject) => {
      let sent = 0;
      let answered = false;
      const req = request({
        host: '127.0.0.1',
        port,
        path: ASSIGN,
        method: 'POST',
        headers: { 'Content-Type': FORM, 'Transfer-Encoding': 'chunked' },
      });
      req.on('error', (error) => {
        if (!answered) reject(error);
      });
      req.on('response', (res) => {
        answered = true;
        const sentWhenAnswered = sent;
        void readAll(res).then((text) => {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, text, sent: sentWhenAnswered });
        }, reject);
      });
      const pump = () => {
        while (!answered && sent < total) {
          sent += chunk.length;
          if (!req.write(chunk)) {
            req.once('drain', pump);
            return;
          }
        }
        if (!answered) req.end();
      };
      pump();
    });
    expect(outcome.status).toBe(413);
    expect(errorSchema.parse(JSON.parse(outcome.text)).error.code).toBe(413);
    // Socket buffers let some megabytes through before the answer arrives, never the whole body.
    expect(outcome.sent).toBeLessThan(total / 4);
    const info = await get('/portal/sharing/rest/info?f=json');
    expect(info.status).toBe(200);
    expect(info.text).toContain('owningSystemUrl');
  });

  it('a body under the limit is still read and applied', async () => {
    const token = tokenFor(portal);
    const params = new URLSearchParams({
      f: 'json',
      token,
      userAssignments: JSON.stringify([{ username: 'demo_member', credits: 42 }]),
      padding: 'x'.repeat(MAX_REQUEST_BODY_BYTES - 1000),
    });
    const res = await fetch(`http://127.0.0.1:${port}${ASSIGN}`, {
      method: 'POST',
      body: params,
      headers: { 'Content-Type': FORM },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ success: true });
    expect(portal.org.findMember('demo_member')?.allocation.cap).toBe(42);
  });
});

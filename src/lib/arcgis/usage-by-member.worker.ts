/// <reference lib="webworker" />
import { createArcGISClient } from './request';
import { serializeError } from './errors';
import { reduceUsageByMember, type UsageWorkerReply, type UsageWorkerRequest } from './usage-by-member';

/**
 * Fetches, parses and sums one usage-by-member report off the main thread (see getUsageByMember).
 * The token arrives in the message and leaves in the POST body, as the page's client sends it.
 */
self.onmessage = async (event: MessageEvent<UsageWorkerRequest>) => {
  const { portalUrl, token, params, budgetedOnly } = event.data;
  const client = createArcGISClient({ portalUrl, getToken: () => token });
  let reply: UsageWorkerReply;
  try {
    const json = await client.request('GET', 'portals/self/usage', { params });
    reply = { ok: true, result: reduceUsageByMember(json, { budgetedOnly }) };
  } catch (error) {
    reply = { ok: false, error: serializeError(error) };
  }
  if (reply.ok) self.postMessage(reply, [reply.result.credits.buffer, reply.result.isOrgMember.buffer]);
  else self.postMessage(reply);
};

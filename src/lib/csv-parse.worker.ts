/// <reference lib="webworker" />
import type { CsvWorkerReply } from './csv-parse';
import { parseCsvText } from './csv-parse';

/** Parses one CSV file off the main thread and posts the table back (see parseCsvFile). */
self.onmessage = async (event: MessageEvent<Blob>) => {
  let text: string;
  try {
    text = await event.data.text();
  } catch {
    const reply: CsvWorkerReply = { ok: false, unreadable: true };
    self.postMessage(reply);
    return;
  }
  const reply: CsvWorkerReply = { ok: true, table: parseCsvText(text) };
  self.postMessage(reply);
};

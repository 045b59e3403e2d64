/// <reference lib="webworker" />
import { serveTransport } from './worker-transport';

/** Sends requests for the page off its main thread (see worker-transport.ts). */
serveTransport(self);

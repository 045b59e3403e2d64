/// <reference lib="webworker" />
import { serveMemberIndex } from './member-index/worker-host';

/** Loads the org member index off the main thread (see member-index/worker-host.ts). */
serveMemberIndex(self);

/// <reference lib="webworker" />
import { serveKeptCopy } from './store';

/** Reads the member index kept in this browser off the main thread (see `serveKeptCopy`). */
serveKeptCopy(self, indexedDB);

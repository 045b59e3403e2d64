import { randomUUID } from 'node:crypto';
import { badRequest, PortalError } from './errors.ts';

/**
 * Content items of the demo org: what `content/users/<u>/addItem`, `content/items/<id>` (and its
 * `data`), `…/update`, `…/share`, `…/delete` and `search` work on. Only items with text data (no
 * files, thumbnails, folders or sharing to groups: an item is private, org or public): enough for a client that keeps a JSON document in
 * the org, as Credit Console keeps its policies. Changes reach the store through `onChange`.
 */

export type ItemAccess = 'private' | 'shared' | 'org' | 'public';

/** One item as persisted. `text` is the item's data exactly as it was sent (or null). */
export interface StoredItem {
  id: string;
  owner: string;
  title: string;
  type: string;
  typeKeywords: string[];
  tags: string[];
  description: string | null;
  snippet: string | null;
  access: ItemAccess;
  created: number;
  modified: number;
  text: string | null;
}

/**
 * Item types the demo portal stores: types whose data ArcGIS Online keeps as text (JSON) sent in
 * `text`. Credit Console uses "Application" (see the README's demo portal section).
 */
export const TEXT_ITEM_TYPES = [
  'Application',
  'Web Mapping Application',
  'Web Map',
  'Web Scene',
  'Dashboard',
  'Web Experience',
  'Feature Collection',
  'Code Sample',
] as const;

/** Bounds on what one item holds, so no request can make the org (or its state file) balloon. */
export const ITEM_LIMITS = {
  /** UTF-8 bytes of an item's text data (within the portal's 1 MB request body). */
  textBytes: 512 * 1024,
  title: 250,
  snippet: 2048,
  description: 64 * 1024,
  tags: 128,
  typeKeywords: 128,
  /** Characters of one tag or type keyword. */
  keyword: 256,
  /** Items per owner and in the whole demo org. */
  perOwner: 200,
  total: 2000,
} as const;

export function itemNotFound(): PortalError {
  return new PortalError(400, 'Item does not exist or is inaccessible.', [], 'CONT_0001');
}

/** Item fields from request parameters (every one optional; `addItem` checks what it needs). */
export interface ItemFields {
  title?: string;
  type?: string;
  typeKeywords?: string[];
  tags?: string[];
  description?: string;
  snippet?: string;
  text?: string;
}

function bounded(name: string, value: string | undefined, max: number): string | undefined {
  if (value === undefined) return undefined;
  if (value.length > max)
    throw badRequest(`Invalid '${name}': at most ${max} characters (got ${value.length}).`);
  return value;
}

function keywordList(name: string, list: string[] | undefined, maxCount: number): string[] | undefined {
  if (list === undefined) return undefined;
  const unique = [...new Set(list.map((s) => s.trim()).filter((s) => s !== ''))];
  if (unique.length > maxCount)
    throw badRequest(`Invalid '${name}': at most ${maxCount} values (got ${unique.length}).`);
  for (const k of unique) {
    if (k.length > ITEM_LIMITS.keyword)
      throw badRequest(`Invalid '${name}': each value is at most ${ITEM_LIMITS.keyword} characters.`);
  }
  return unique;
}

/** Checks every bound of the given fields; throws a 400 naming the parameter. */
export function checkItemFields(fields: ItemFields): ItemFields {
  const out: ItemFields = {};
  const title = bounded('title', fields.title?.trim(), ITEM_LIMITS.title);
  if (title !== undefined) out.title = title;
  const snippet = bounded('snippet', fields.snippet, ITEM_LIMITS.snippet);
  if (snippet !== undefined) out.snippet = snippet;
  const description = bounded('description', fields.description, ITEM_LIMITS.description);
  if (description !== undefined) out.description = description;
  const tags = keywordList('tags', fields.tags, ITEM_LIMITS.tags);
  if (tags !== undefined) out.tags = tags;
  const typeKeywords = keywordList('typeKeywords', fields.typeKeywords, ITEM_LIMITS.typeKeywords);
  if (typeKeywords !== undefined) out.typeKeywords = typeKeywords;
  if (fields.type !== undefined) {
    const type = TEXT_ITEM_TYPES.find((t) => t.toLowerCase() === fields.type!.trim().toLowerCase());
    if (!type) {
      throw badRequest(
        `Invalid 'type' "${fields.type}": the demo portal stores items with text data only (${TEXT_ITEM_TYPES.join(', ')}).`,
      );
    }
    out.type = type;
  }
  if (fields.text !== undefined) {
    const bytes = Buffer.byteLength(fields.text, 'utf8');
    if (bytes > ITEM_LIMITS.textBytes) {
      throw badRequest(`Invalid 'text': at most ${ITEM_LIMITS.textBytes} bytes of item data (got ${bytes}).`);
    }
    out.text = fields.text;
  }
  return out;
}

export class ItemStore {
  private readonly items = new Map<string, StoredItem>();
  /** Item ids changed (or deleted) since the last change record. */
  private readonly touched = new Set<string>();

  constructor(
    private readonly now: () => number,
    private readonly changed: () => void,
  ) {}

  get(id: string): StoredItem | undefined {
    return this.items.get(id.toLowerCase());
  }

  all(): IterableIterator<StoredItem> {
    return this.items.values();
  }

  add(owner: string, fields: ItemFields): StoredItem {
    const checked = checkItemFields(fields);
    if (!checked.title) throw badRequest("Invalid 'title': an item needs a title.");
    if (!checked.type) throw badRequest("Invalid 'type': an item needs a type.");
    if (this.items.size >= ITEM_LIMITS.total)
      throw badRequest(`The demo organization holds at most ${ITEM_LIMITS.total} items; delete some first.`);
    let owned = 0;
    for (const item of this.items.values()) if (item.owner === owner) owned++;
    if (owned >= ITEM_LIMITS.perOwner)
      throw badRequest(`A member owns at most ${ITEM_LIMITS.perOwner} items in the demo organization.`);
    const now = this.now();
    const item: StoredItem = {
      id: randomUUID().replace(/-/g, ''),
      owner,
      title: checked.title,
      type: checked.type,
      typeKeywords: checked.typeKeywords ?? [],
      tags: checked.tags ?? [],
      description: checked.description ?? null,
      snippet: checked.snippet ?? null,
      access: 'private',
      created: now,
      modified: now,
      text: checked.text ?? null,
    };
    this.items.set(item.id, item);
    this.touched.add(item.id);
    this.changed();
    return item;
  }

  /** Replaces the given fields (`text` replaces the data); the type cannot change. */
  update(item: StoredItem, fields: ItemFields): StoredItem {
    const checked = checkItemFields({ ...fields, type: undefined });
    if (checked.title === '') throw badRequest("Invalid 'title': an item needs a title.");
    const next: StoredItem = {
      ...item,
      ...(checked.title !== undefined ? { title: checked.title } : {}),
      ...(checked.typeKeywords !== undefined ? { typeKeywords: checked.typeKeywords } : {}),
      ...(checked.tags !== undefined ? { tags: checked.tags } : {}),
      ...(checked.description !== undefined ? { description: checked.description } : {}),
      ...(checked.snippet !== undefined ? { snippet: checked.snippet } : {}),
      ...(checked.text !== undefined ? { text: checked.text } : {}),
      // Never earlier than the last change, even if two updates share a millisecond.
      modified: Math.max(this.now(), item.modified + 1),
    };
    this.items.set(item.id, next);
    this.touched.add(item.id);
    this.changed();
    return next;
  }

  /** Sets who may see the item (its sharing level); its data and `modified` stay as they are. */
  share(item: StoredItem, access: ItemAccess): StoredItem {
    if (item.access === access) return item;
    const next: StoredItem = { ...item, access };
    this.items.set(item.id, next);
    this.touched.add(item.id);
    this.changed();
    return next;
  }

  delete(item: StoredItem): void {
    this.items.delete(item.id);
    this.touched.add(item.id);
    this.changed();
  }

  clear(): void {
    this.items.clear();
    this.touched.clear();
  }

  // --- persistence ----------------------------------------------------------------------------

  /** Items changed since the last record (null = deleted), or nothing when none changed. */
  takeRecord(): { items?: Record<string, StoredItem | null> } {
    if (this.touched.size === 0) return {};
    const items: Record<string, StoredItem | null> = {};
    for (const id of this.touched) items[id] = this.items.get(id) ?? null;
    this.touched.clear();
    return { items };
  }

  export(): { items?: Record<string, StoredItem> } {
    return this.items.size === 0 ? {} : { items: Object.fromEntries(this.items) };
  }

  import(items: Record<string, StoredItem> | undefined): void {
    this.items.clear();
    for (const [id, item] of Object.entries(items ?? {})) this.items.set(id, { ...item });
    this.touched.clear();
  }
}

/** The byte size ArcGIS reports for an item: its data's. */
export function itemSize(item: StoredItem): number {
  return item.text === null ? 0 : Buffer.byteLength(item.text, 'utf8');
}

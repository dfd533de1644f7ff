import type { Category } from '../../../shared/domain';
import type { BuiltPayload } from '../../../shared/payload/elements';
import {
  MAX_QUERY_LENGTH,
  entitiesBatchUpdate,
  jobsBatchCreate,
  needsTunnel,
  stagesBatchUpdate,
  type RestliRequest,
} from '../../../shared/payload/requests';

export interface SendItem {
  recordId: number;
  payload: BuiltPayload;
}

export interface Batch {
  category: Category;
  items: SendItem[];
  request: RestliRequest;
}

export interface PlanOptions {
  /** 1–100. */
  batchSize: number;
  /** A batch whose `ids=List(…)` would pass 4 KB: tunnel it whole, or pack fewer keys per request. */
  oversize: 'tunnel' | 'split';
}

/**
 * Splits one category's records into requests, in record order:
 * - at most `batchSize` (≤ 100) records per request;
 * - never two elements for one key in a request (a second one starts the next request, so the
 *   later version still arrives last);
 * - stages: one application per request, since the application's key is in the path;
 * - with 'split', keys are packed only while the query string stays under the limit.
 * Lazy: each request is yielded as soon as it is full, so the sync builds the next request
 * while LinkedIn works on the current one (stages are grouped first, which needs them all).
 */
export function* batchStream(category: Category, items: Iterable<SendItem>, options: PlanOptions): Generator<Batch> {
  const size = Math.min(100, Math.max(1, Math.trunc(options.batchSize)));
  let groups: Iterable<Iterable<SendItem>> = [items];
  if (category === 'stages') {
    const byParent = new Map<string, SendItem[]>();
    for (const item of items) {
      const parent = item.payload.parentKey ?? '';
      const list = byParent.get(parent) ?? [];
      list.push(item);
      byParent.set(parent, list);
    }
    groups = byParent.values();
  }
  const frame = 'ids=List()'.length - 1;
  for (const group of groups) {
    let current: SendItem[] = [];
    let keys = new Set<string>();
    // Length of `ids=List(k1,k2,…)`: the frame plus each key and its comma.
    let queryLength = frame;
    for (const item of group) {
      const key = item.payload.entityKey;
      const addedLength = key.length + 1;
      const overQuery =
        options.oversize === 'split' && category !== 'jobs' && current.length > 0 && queryLength + addedLength > MAX_QUERY_LENGTH;
      if (current.length >= size || keys.has(key) || overQuery) {
        yield toBatch(category, current);
        current = [];
        keys = new Set();
        queryLength = frame;
      }
      current.push(item);
      keys.add(key);
      queryLength += addedLength;
    }
    if (current.length > 0) yield toBatch(category, current);
  }
}

export function planBatches(category: Category, items: Iterable<SendItem>, options: PlanOptions): Batch[] {
  return [...batchStream(category, items, options)];
}

function toBatch(category: Category, items: SendItem[]): Batch {
  const payloads = items.map((i) => i.payload);
  let request: RestliRequest;
  if (category === 'jobs') request = jobsBatchCreate(payloads);
  else if (category === 'stages') request = stagesBatchUpdate(payloads[0].parentKey ?? '', payloads);
  else request = entitiesBatchUpdate(category, payloads);
  return { category, items, request };
}

export function isTunnelled(batch: Batch): boolean {
  return needsTunnel(batch.request);
}

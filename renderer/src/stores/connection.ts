import type { ContractClient } from '../../../shared/contract';
import type { Platform } from '../client/platform';

// The one place the transport is held. Stores call it; components never do.
let current: { client: ContractClient; platform: Platform } | null = null;

export function setConnection(conn: { client: ContractClient; platform: Platform }) {
  current = conn;
}

export function client(): ContractClient {
  if (!current) throw new Error('The backend connection is not set up.');
  return current.client;
}

export function platform(): Platform {
  if (!current) throw new Error('The backend connection is not set up.');
  return current.platform;
}

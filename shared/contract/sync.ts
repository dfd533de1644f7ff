// The 'sync' domain of the contract. Add methods as `'sync:verb': method<Output>()(zodInputSchema)`
// and events as `'sync:name': event<Payload>()`; the server and client pick them up from index.ts.
export const syncMethods = {};

export const syncEvents = {};

// The 'records' domain of the contract. Add methods as `'records:verb': method<Output>()(zodInputSchema)`
// and events as `'records:name': event<Payload>()`; the server and client pick them up from index.ts.
export const recordsMethods = {};

export const recordsEvents = {};

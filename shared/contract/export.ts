// The 'export' domain of the contract. Add methods as `'export:verb': method<Output>()(zodInputSchema)`
// and events as `'export:name': event<Payload>()`; the server and client pick them up from index.ts.
export const exportMethods = {};

export const exportEvents = {};

// The 'import' domain of the contract. Add methods as `'import:verb': method<Output>()(zodInputSchema)`
// and events as `'import:name': event<Payload>()`; the server and client pick them up from index.ts.
export const importMethods = {};

export const importEvents = {};

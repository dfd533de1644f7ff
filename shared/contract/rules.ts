// The 'rules' domain of the contract. Add methods as `'rules:verb': method<Output>()(zodInputSchema)`
// and events as `'rules:name': event<Payload>()`; the server and client pick them up from index.ts.
export const rulesMethods = {};

export const rulesEvents = {};

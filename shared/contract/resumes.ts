// The 'resumes' domain of the contract. Add methods as `'resumes:verb': method<Output>()(zodInputSchema)`
// and events as `'resumes:name': event<Payload>()`; the server and client pick them up from index.ts.
export const resumesMethods = {};

export const resumesEvents = {};

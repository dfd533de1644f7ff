// The RSC rule pack: one import for consumers (engine, payloads, UI).
export * from './fields';
export * from './rules';
export * from './check';
export * from './cross';
export * from './context';
export { RULE_PACK_VERSION } from './version';
export { messages } from './messages';

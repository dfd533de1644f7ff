// Registers tsx inside the worker itself, so it starts the same way under tsx, node --import tsx or vitest.
import { register } from 'tsx/esm/api';

register();
await import('./worker-entry.ts');

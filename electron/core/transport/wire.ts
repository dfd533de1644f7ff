import { z } from 'zod';

// The WebSocket bridge's message shapes. Requests are validated before anything runs.
export const wireRequest = z
  .object({
    id: z.union([z.string().min(1).max(64), z.number().int()]),
    method: z.string().min(1).max(100),
    input: z.unknown().optional(),
  })
  .strict();

export type WireRequest = z.infer<typeof wireRequest>;

/**
 * Runs a full garbage collection. Between the import's phases the parsed file (tens of MB)
 * has just become garbage; V8 would free it only after the compliance check had grown the heap
 * on top of it, so peak memory would be the sum of both. One collection (~0.1 s) makes it the
 * larger of the two. The inspector protocol is the public way to ask for it without --expose-gc.
 */
export async function releaseMemory(): Promise<void> {
  let session: import('node:inspector').Session | null = null;
  try {
    const { Session } = await import('node:inspector');
    session = new Session();
    session.connect();
    const connected = session;
    await new Promise<void>((resolve) => connected.post('HeapProfiler.collectGarbage', () => resolve()));
  } catch {
    // A runtime without the inspector: only the peak is higher.
  } finally {
    session?.disconnect();
  }
}

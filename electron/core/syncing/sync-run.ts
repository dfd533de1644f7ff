import { loggedTokens } from './logged-tokens';
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/connection';
import { CATEGORIES, type Category } from '../../../shared/domain';
import type {
  CategorySyncCounts,
  DryRunPlan,
  PlannedCategory,
  RateLimitState,
  RejectedRecord,
  ResumeUploadPlan,
  RetryState,
  SyncProgress,
  SyncSettings,
  SyncSummary,
} from '../../../shared/contract/sync';
import { buildPayload, type BuiltPayload, type PayloadResult } from '../../../shared/payload/elements';
import { CheckContexts } from '../compliance/check-context';
import { toWire, type WireRequest } from '../../../shared/payload/requests';
import { batchStream, isTunnelled, type Batch, type SendItem } from './batch-planner';
import {
  batchCreateOutcomes,
  batchUpdateOutcomes,
  wholeBatchOutcomes,
  type EntityOutcome,
} from './batch-results';
import { ExchangeLog, pruneExchanges } from './exchange-log';
import { SyncCancelled, SyncFailure, classifyStatus } from './failures';
import { createHttpTransport, type HttpTransport } from './http-transport';
import { LinkedInClient } from './linkedin-client';
import { Pacer } from './pacer';
import { nativePayloadHash, storedHashMatches } from './payload-hasher';
import {
  RecordResultWriter,
  eligibleRecords,
  parseValues,
  recordIdsWithOpenTasks,
  type HashUpgrade,
  type SyncableRecord,
} from './record-store';
import { requestsOnDay } from './request-budget';
import { readSyncSettings, settingsProblem } from './settings';
import { TaskPoller } from './task-poller';
import { DEFAULT_TIMING, REAL_RUNTIME, type SyncRuntime, type SyncTiming } from './timing';
import { TokenProvider, type ClientCredentials } from './token-provider';
import { planResumeUploads, prepareResumes, type PreparedResumes } from '../resumes/resume-uploads';
import { UPLOADERS, readResumeFlow } from '../resumes/flows';
import { normalizeId } from '../../../shared/values/ids';

export interface RunSyncOptions {
  dryRun?: boolean;
  /** Which categories; always sent in the order jobs, candidates, applications, stages. */
  categories?: readonly Category[];
  /** Send every eligible record, even when LinkedIn already has its payload. */
  force?: boolean;
  /** Send only the records whose last sync failed. */
  retryFailed?: boolean;
  /** Wait at the end for job tasks to finish (default true); open tasks are otherwise polled next time. */
  waitForTasks?: boolean;
  /** Required unless dryRun. Never stored. */
  credentials?: ClientCredentials | null;
  /** Overrides of the stored settings for this run (CLI options, environment). */
  settings?: Partial<SyncSettings>;
  timing?: Partial<SyncTiming>;
  runtime?: SyncRuntime;
  transport?: HttpTransport;
  isCancelled?: () => boolean;
  onProgress?: (progress: SyncProgress) => void;
  makeBoundary?: () => string;
}

const MAX_LISTED_REJECTIONS = 1000;

function emptyCounts(): Record<Category, CategorySyncCounts> {
  const zero = (): CategorySyncCounts => ({ eligible: 0, skipped: 0, sent: 0, succeeded: 0, failed: 0, pending: 0, requests: 0, waiting: 0 });
  return { jobs: zero(), candidates: zero(), applications: zero(), stages: zero() };
}

function emptyPlan(): Record<Category, PlannedCategory> {
  const zero = (): PlannedCategory => ({ records: 0, toSend: 0, skipped: 0, requests: 0, tunnelled: 0, samplePayloads: [] });
  return { jobs: zero(), candidates: zero(), applications: zero(), stages: zero() };
}

function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  if (!value) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * One sync run: reads eligible records, sends what changed in acknowledged batches, records every
 * exchange and per-record result, and returns the summary. Never throws for LinkedIn's or the
 * network's failures: those end the run with status 'failed' and a classified failure.
 */
export async function runSync(db: Db, options: RunSyncOptions = {}): Promise<SyncSummary> {
  return new SyncRun(db, options).execute();
}

class SyncRun {
  private readonly runtime: SyncRuntime;
  private readonly timing: SyncTiming;
  private readonly settings: SyncSettings;
  private readonly categories: Category[];
  private readonly dryRun: boolean;
  private readonly counts = emptyCounts();
  private readonly plan = emptyPlan();
  private readonly rejected: RejectedRecord[] = [];
  private readonly unbuildable: RejectedRecord[] = [];
  /** Unchanged records whose stored hash is of the portable form, to store in the native one. */
  private readonly hashUpgrades: HashUpgrade[] = [];
  private readonly pacer: Pacer;
  private readonly writer: RecordResultWriter;
  private readonly makeBoundary: () => string;
  private runId = 0;
  private startedAt = 0;
  private requests = 0;
  private retried = 0;
  private plannedRequests = 0;
  private estimatedMs = 0;
  private phase: SyncProgress['phase'] = 'preparing';
  private currentCategory: Category | null = null;
  private rate: RateLimitState;
  private retryState: RetryState | null = null;
  private tokens: TokenProvider | null = null;
  private transport: HttpTransport | null = null;
  private client: LinkedInClient | null = null;
  private poller: TaskPoller | null = null;
  private log: ExchangeLog | null = null;
  /** Media URNs for the applications' payloads (and resumes LinkedIn refused), set right before they are sent. */
  private resumes: PreparedResumes | null = null;
  /** A dry run's resume uploads (applications planned). */
  private resumeUploads: ResumeUploadPlan | null = null;

  constructor(
    private readonly db: Db,
    private readonly options: RunSyncOptions,
  ) {
    this.runtime = options.runtime ?? REAL_RUNTIME;
    this.timing = { ...DEFAULT_TIMING, ...definedOnly(options.timing) };
    this.settings = { ...readSyncSettings(db), ...definedOnly(options.settings) };
    this.categories = CATEGORIES.filter((c) => !options.categories || options.categories.includes(c));
    this.dryRun = options.dryRun ?? false;
    this.pacer = new Pacer(this.settings.recordsPerMinute);
    this.writer = new RecordResultWriter(db);
    this.makeBoundary = options.makeBoundary ?? (() => `rscw${randomUUID().replace(/-/g, '')}`);
    this.rate = { state: 'ok', until: null, recordsLastMinute: 0, recordsPerMinute: this.settings.recordsPerMinute };
  }

  async execute(): Promise<SyncSummary> {
    this.startedAt = this.runtime.now();
    // A run still 'running' in the file was killed or crashed: its acknowledged batches are
    // recorded, the rest will simply be sent by this run.
    this.db
      .prepare("UPDATE sync_runs SET status = 'failed', finished_at = ? WHERE status = 'running'")
      .run(this.startedAt);
    this.runId = Number(
      this.db
        .prepare('INSERT INTO sync_runs (started_at, status, dry_run, options_json) VALUES (?, ?, ?, ?)')
        .run(
          this.startedAt,
          'running',
          this.dryRun ? 1 : 0,
          JSON.stringify({
            categories: this.categories,
            force: this.options.force ?? false,
            retryFailed: this.options.retryFailed ?? false,
            waitForTasks: this.options.waitForTasks ?? true,
            organizationUrn: this.settings.organizationUrn,
            apiBaseUrl: this.settings.apiBaseUrl,
            batchSize: this.settings.batchSize,
          }),
        ).lastInsertRowid,
    );

    let status: SyncSummary['status'] = 'finished';
    let failure: SyncFailure | null = null;
    // Fewer, larger WAL checkpoints while batches stream in (each checkpoint syncs the file to
    // disk). Restored after the run's last write, so the checkpoint of what the run wrote happens
    // at this connection's next commit or close (a job worker's, after it has posted the result),
    // not inside the run. Applies to this connection only.
    const checkpointPages = this.db.pragma('wal_autocheckpoint', { simple: true }) as number;
    if (!this.dryRun) this.db.pragma('wal_autocheckpoint = 10000');
    try {
      try {
        await this.run();
      } catch (err) {
        if (err instanceof SyncCancelled) status = 'cancelled';
        else if (err instanceof SyncFailure) {
          status = 'failed';
          failure = err;
        } else {
          this.finishRun('failed', null);
          throw err;
        }
      } finally {
        this.transport?.close();
      }
      return this.finishRun(status, failure);
    } finally {
      this.db.pragma(`wal_autocheckpoint = ${checkpointPages}`);
    }
  }

  private async run(): Promise<void> {
    const problem = settingsProblem(this.settings);
    if (problem) throw new SyncFailure('configuration', problem);
    const credentials = this.options.credentials;
    if (!this.dryRun) {
      if (!credentials?.clientId || !credentials.clientSecret) {
        throw new SyncFailure(
          'bad_credentials',
          'No client id and secret: store them in the sync settings (or pass RSC_CLIENT_ID / RSC_CLIENT_SECRET).',
        );
      }
      // Results an earlier version stored with their acknowledgments but never applied.
      this.writer.applyLeftovers();
      pruneExchanges(this.db, this.settings.logRetentionDays, this.startedAt);
      this.seedPacer();
      this.connect(credentials);
    }
    this.emitProgress(true);

    if (!this.dryRun && this.categories.includes('jobs') && this.poller!.openCount() > 0) {
      // Tasks left open by an earlier run (or one that was killed): learn their outcome first.
      this.phase = 'polling-tasks';
      await this.pollTasks(true);
    }

    for (const category of this.categories) {
      this.currentCategory = category;
      this.phase = this.dryRun ? 'preparing' : 'sending';
      this.emitProgress(true);
      if (category === 'applications' && !this.dryRun) await this.prepareResumes();
      if (category === 'applications' && this.dryRun) {
        this.resumeUploads = planResumeUploads(this.db, this.runtime.now(), this.wouldSendWith(new CheckContexts(this.db)));
      }
      await this.sendAll(this.batchesOf(category));
    }
    this.currentCategory = null;

    if (!this.dryRun && (this.options.waitForTasks ?? true)) await this.waitForTasks();
  }

  /**
   * Sends a category's batches, up to `requestsInFlight` at a time: the next request is built (its
   * records read, payloads and wire form) while LinkedIn answers the ones on the wire, and each
   * answer is acknowledged in the log the moment it arrives, whatever the order. A category's
   * requests are all answered before the next category starts (stages need their applications).
   * When one batch fails the run, no further batch starts, and the ones on the wire are let finish
   * and recorded (without further tries) before the failure is thrown.
   */
  private async sendAll(batches: Generator<Batch>): Promise<void> {
    if (this.dryRun) {
      let requests = 0;
      for (let next = batches.next(); !next.done; next = batches.next()) requests++;
      // The category's last answer is awaited whole before the next category starts (see estimate).
      if (requests > 0) this.estimatedMs += this.timing.estimatedRequestMs * (1 - 1 / this.inFlight);
      return;
    }
    const flying = new Set<Promise<void>>();
    // The first error ends the run; what the others then throw (cancelled retries) is its echo.
    const failures: unknown[] = [];
    const fail = (error: unknown) => {
      if (failures.length === 0) failures.push(error);
      this.stopping = true;
    };
    try {
      let next = batches.next();
      // A token before the first batch counts as sent: credentials LinkedIn refuses stop the run
      // with nothing sent and no record marked failed for a refusal that was never about it.
      if (!next.done) await this.tokens!.get();
      let wire = next.done ? undefined : toWire(next.value.request, this.makeBoundary);
      while (!next.done && failures.length === 0) {
        this.throwIfCancelled();
        await this.pace(next.value.items.length);
        const sending: Promise<void> = this.sendBatch(next.value, wire!)
          .catch(fail)
          .finally(() => flying.delete(sending));
        flying.add(sending);
        // Let the request go out, then build the next one while LinkedIn works on this one.
        await new Promise<void>((resolve) => setImmediate(resolve));
        next = batches.next();
        wire = next.done ? undefined : toWire(next.value.request, this.makeBoundary);
        while (flying.size >= this.inFlight && failures.length === 0) await Promise.race(flying);
        const due = this.poller!.nextDueAt();
        if (failures.length === 0 && due !== null && due <= this.runtime.now()) await this.pollTasks(false);
      }
    } catch (err) {
      fail(err);
    }
    // Every request on the wire finishes (and is recorded) before the run moves on or stops.
    await Promise.all(flying);
    if (failures.length > 0) throw failures[0];
  }

  /**
   * Waits until `records` more may be sent under the per-minute limit, and counts them. One at a
   * time: two requests deciding at once could each see room for only one of them.
   */
  private pace(records: number): Promise<void> {
    const turn = this.pacing.then(async () => {
      const delay = this.pacer.delayFor(records, this.runtime.now());
      if (delay > 0) {
        this.rate = { ...this.rate, state: 'pacing', until: this.runtime.now() + delay };
        this.emitProgress(true);
        await this.wait(delay);
        this.rate = { ...this.rate, state: 'ok', until: null };
      }
      this.pacer.record(records, this.runtime.now());
    });
    this.pacing = turn.catch(() => {});
    return turn;
  }

  private pacing: Promise<void> = Promise.resolve();

  /** Requests on the wire at once: at least one, whatever the timing says. */
  private get inFlight(): number {
    return Math.max(1, Math.floor(this.timing.requestsInFlight) || 1);
  }

  private connect(credentials: ClientCredentials): void {
    this.transport = this.options.transport ?? createHttpTransport();
    const wait = (ms: number) => this.wait(ms);
    const { log, tokens } = loggedTokens(this.db, {
      oauthBaseUrl: this.settings.oauthBaseUrl,
      credentials,
      transport: this.transport,
      timing: this.timing,
      runtime: this.runtime,
      wait,
      runId: this.runId,
    });
    this.log = log;
    this.tokens = tokens;
    this.client = new LinkedInClient({
      apiBaseUrl: this.settings.apiBaseUrl,
      transport: this.transport,
      tokens,
      timing: this.timing,
      runtime: this.runtime,
      wait,
      log,
      runId: this.runId,
      throwIfStopped: () => this.throwIfCancelled(),
      checkBudget: (unlogged) => {
        if (requestsOnDay(this.db, this.runtime.now()) + unlogged >= this.settings.dailyRequestBudget) {
          throw new SyncFailure(
            'rate_limited',
            `Today's budget of ${this.settings.dailyRequestBudget.toLocaleString('en-US')} requests is used up; LinkedIn's daily limit resets at midnight UTC.`,
          );
        }
      },
      events: {
        request: (category) => {
          this.requests++;
          if (category) this.counts[category].requests++;
        },
        retry: (reason, delayMs, rateLimited, attempt) => {
          this.retried++;
          const until = this.runtime.now() + delayMs;
          if (rateLimited) this.rate = { ...this.rate, state: 'backing-off', until };
          else if (attempt) this.retryState = { reason, retry: attempt.retry, of: attempt.of, until };
          this.emitProgress(true);
        },
      },
    });
    this.poller = new TaskPoller(this.db, this.client, this.timing, this.runtime, this.makeBoundary);
  }

  /** Would an application be sent with this media URN in its payload? */
  private wouldSendWith(contexts: CheckContexts): (record: SyncableRecord, mediaUrn: string | null) => boolean {
    const none = new Set<number>();
    return (record, mediaUrn) => {
      const built = this.build('applications', record, contexts, mediaUrn);
      return built.ok && this.shouldSend(record, built, none, 'applications');
    };
  }

  /** Uploads the resumes the applications about to be sent need (see resumes/resume-uploads.ts). */
  private async prepareResumes(): Promise<void> {
    const contexts = new CheckContexts(this.db);
    this.resumes = await prepareResumes(this.db, {
      client: this.client!,
      uploader: UPLOADERS[readResumeFlow(this.db)],
      organizationUrn: this.settings.organizationUrn,
      log: this.log!,
      timing: this.timing,
      runtime: this.runtime,
      wait: (ms) => this.wait(ms),
      runId: this.runId,
      throwIfStopped: () => this.throwIfCancelled(),
      onRetry: (reason, delayMs, attempt) => {
        this.retried++;
        this.retryState = { reason, retry: attempt.retry, of: attempt.of, until: this.runtime.now() + delayMs };
        this.emitProgress(true);
      },
      wouldSend: this.wouldSendWith(contexts),
    });
  }

  private build(category: Category, record: SyncableRecord, contexts: CheckContexts, mediaUrn: string | null): PayloadResult {
    const values = parseValues(record);
    // The attached resume's URN replaces whatever the media column held.
    if (mediaUrn !== null) values.media = mediaUrn;
    const dates = contexts.for(category, record.sheetId);
    return buildPayload(
      { category, key: record.key, values },
      {
        organizationUrn: this.settings.organizationUrn,
        previouslyCreated: record.linkedinUrn !== null || record.syncHash !== null,
        hasher: nativePayloadHash,
        timeZone: dates.timeZone,
        columnFormats: dates.columnFormats,
      },
    );
  }

  /** Records sent in the last minute by earlier runs still count against the per-minute limit. */
  private seedPacer(): void {
    const rows = this.db
      .prepare(
        `SELECT at, json_array_length(record_keys) AS n FROM exchanges
         WHERE kind = 'batch' AND at > ? ORDER BY at`,
      )
      .all(this.startedAt - 60_000) as { at: number; n: number }[];
    for (const r of rows) this.pacer.record(r.n, r.at);
  }

  /**
   * Builds payloads, decides what to send and yields the requests one by one (and, in a dry run,
   * the plan and the estimate). Counts and the plan are complete once the generator is done.
   */
  private *batchesOf(category: Category): Generator<Batch> {
    const counts = this.counts[category];
    const plan = this.plan[category];
    const openTasks = category === 'jobs' ? recordIdsWithOpenTasks(this.db) : new Set<number>();
    const unbuildable: { record: SyncableRecord; message: string }[] = [];
    const toSend = this.itemsToSend(category, openTasks, unbuildable);
    for (const batch of batchStream(category, toSend, { batchSize: this.settings.batchSize, oversize: this.settings.oversizeStrategy })) {
      plan.requests++;
      this.plannedRequests++;
      if (isTunnelled(batch)) plan.tunnelled++;
      if (plan.samplePayloads.length === 0) plan.samplePayloads = batch.items.slice(0, 3).map((i) => i.payload.element);
      if (this.dryRun) this.estimate(batch);
      yield batch;
    }

    for (const u of unbuildable) {
      const entry = { category, key: u.record.key, message: u.message, exchangeId: null };
      this.unbuildable.push(entry);
      this.pushRejected(entry);
      counts.failed++;
    }
    if (!this.dryRun && unbuildable.length > 0) {
      const at = this.runtime.now();
      this.db.transaction(() => {
        for (const u of unbuildable) this.writer.markUnbuildable(u.record.id, u.message, at);
      })();
    }
    const upgrades = this.hashUpgrades.splice(0);
    if (!this.dryRun && upgrades.length > 0) this.db.transaction(() => this.writer.upgradeHashes(upgrades))();
  }

  /** Eligible records whose payload LinkedIn does not have yet, built one by one as requests fill. */
  private *itemsToSend(
    category: Category,
    openTasks: Set<number>,
    unbuildable: { record: SyncableRecord; message: string }[],
  ): Generator<SendItem> {
    const counts = this.counts[category];
    const plan = this.plan[category];
    // Dates are read as the compliance check read them: workspace time zone, chosen column formats.
    const contexts = new CheckContexts(this.db);
    const failedApplications = category === 'stages' ? this.failedApplicationKeys() : null;
    for (const record of eligibleRecords(this.db, category)) {
      counts.eligible++;
      plan.records++;
      if (failedApplications && failedApplications.has(applicationKeyOf(record))) {
        // Sent before their application is on LinkedIn, they would only be refused.
        counts.waiting = (counts.waiting ?? 0) + 1;
        continue;
      }
      const resumeProblem = category === 'applications' ? this.resumes?.problems.get(record.id) : undefined;
      if (resumeProblem !== undefined) {
        unbuildable.push({ record, message: resumeProblem });
        continue;
      }
      const mediaUrn = category === 'applications' ? (this.resumes?.urns.get(record.id) ?? null) : null;
      const built = this.build(category, record, contexts, mediaUrn);
      if (!built.ok) unbuildable.push({ record, message: built.problem });
      else if (this.shouldSend(record, built, openTasks, category)) {
        plan.toSend++;
        yield { recordId: record.id, payload: built };
      } else {
        counts.skipped++;
        plan.skipped++;
      }
    }
  }

  /** Applications whose last sync failed (null when none): their stages wait for them. */
  private failedApplicationKeys(): Set<string> | null {
    const rows = this.db.prepare("SELECT key FROM records WHERE category = 'applications' AND sync_status = 'failed'").pluck().all() as string[];
    return rows.length > 0 ? new Set(rows) : null;
  }

  private shouldSend(record: SyncableRecord, built: BuiltPayload, openTasks: Set<number>, category: Category): boolean {
    if (openTasks.has(record.id)) return false;
    // Stages never sent are the ones that waited for a failed application: they go with the retry.
    if (this.options.retryFailed) return record.syncStatus === 'failed' || (category === 'stages' && record.syncStatus === null);
    if (this.options.force) return true;
    if (record.syncStatus === 'succeeded' && storedHashMatches(record.syncHash, built)) {
      // A hash from before the sync hashed natively: stored anew, so it is compared once the old way.
      if (record.syncHash !== built.hash) this.hashUpgrades.push({ recordId: record.id, from: record.syncHash!, to: built.hash });
      return false;
    }
    // LinkedIn refused exactly this payload: sending it unchanged would only be refused again.
    if (record.syncStatus === 'failed' && storedHashMatches(record.rejectedHash, built)) return false;
    return true;
  }

  /**
   * Advances the simulated clock over one planned batch: the pacing window, then its share of a
   * typical request time (requests overlap, `requestsInFlight` at a time).
   */
  private estimate(batch: Batch): void {
    const n = batch.items.length;
    this.estimatedMs += this.pacer.delayFor(n, this.startedAt + this.estimatedMs);
    this.pacer.record(n, this.startedAt + this.estimatedMs);
    this.estimatedMs += this.timing.estimatedRequestMs / this.inFlight;
  }

  /**
   * Sends one batch, paced already. `resend`: a part of a batch LinkedIn refused as a whole (its
   * records were already counted as sent).
   */
  private async sendBatch(batch: Batch, wire: WireRequest, resend = false): Promise<void> {
    const { category, items } = batch;
    const n = items.length;
    if (!resend) {
      this.counts[category].sent += n;
      // Shown while LinkedIn works on it (a slow answer must not leave the batch uncounted).
      this.emitProgress();
    }

    let delivered;
    try {
      delivered = await this.client!.send(wire, { kind: 'batch', category, recordKeys: items.map((i) => i.payload.recordKey) });
    } catch (err) {
      // Only an answer about the batch fails its records: a refused token or an unreachable
      // LinkedIn says nothing about them, and they are simply sent by the next sync.
      if (err instanceof SyncFailure && answeredForRecords(err)) this.failBatch(batch, err.message, err.exchangeId ?? null);
      throw err;
    }
    this.rate = { ...this.rate, state: 'ok', until: null };
    this.retryState = null;

    const { response } = delivered;
    let outcomes: EntityOutcome[];
    let fatal: SyncFailure | null = null;
    if (response.status >= 200 && response.status < 300) {
      outcomes = category === 'jobs' ? batchCreateOutcomes(items, response) : batchUpdateOutcomes(items, response);
    } else if (response.status === 404 && category === 'stages') {
      outcomes = wholeBatchOutcomes(items, response, ' (the application is not on LinkedIn yet: sync it first).');
    } else if ([402, 403, 404].includes(response.status)) {
      fatal = classifyStatus(response.status, response.body);
      outcomes = wholeBatchOutcomes(items, response);
    } else if (items.length > 1) {
      // Refused as a whole (one bad key can do that): halve it until the refusal is pinned on
      // the records that cause it, so the others still go through and only those are rejected.
      this.db.transaction(() => delivered.finish())();
      const half = Math.ceil(items.length / 2);
      const options = { batchSize: half, oversize: this.settings.oversizeStrategy };
      for (const part of batchStream(category, items, options)) {
        this.throwIfCancelled();
        await this.pace(part.items.length);
        await this.sendBatch(part, toWire(part.request, this.makeBoundary), true);
      }
      return;
    } else {
      outcomes = wholeBatchOutcomes(items, response);
    }

    const at = this.runtime.now();
    const context = { at, runId: this.runId, firstPollAt: at + this.timing.taskFirstPollMs };
    // The acknowledgment and the records' results in one transaction, the moment the answer is
    // in: a batch is either recorded whole or (after a crash) not at all, and then resent.
    const exchangeId = this.db.transaction(() => {
      const id = delivered.finish();
      this.writer.writeOutcomes(outcomes, { ...context, exchangeId: id });
      return id;
    })();
    if (fatal) throw new SyncFailure(fatal.kind, fatal.message, fatal.status, exchangeId);

    const counts = this.counts[category];
    for (const o of outcomes) {
      if (o.kind === 'succeeded') counts.succeeded++;
      else if (o.kind === 'failed') {
        counts.failed++;
        this.pushRejected({ category, key: o.item.payload.recordKey, message: o.message, exchangeId });
      }
    }
    this.emitProgress();
  }

  /** The run stopped while this batch had no final answer: its records fail (not as rejected, so they are resent). */
  private failBatch(batch: Batch, message: string, exchangeId: number | null): void {
    const at = this.runtime.now();
    const outcomes: EntityOutcome[] = batch.items.map((item) => ({ item, kind: 'failed', status: null, message, rejected: false }));
    this.db.transaction(() => {
      this.writer.writeOutcomes(outcomes, { exchangeId, at, runId: this.runId, firstPollAt: at });
    })();
    this.counts[batch.category].failed += batch.items.length;
  }

  /** Set when the run is leaving on an error: an in-flight request then gets no further tries. */
  private stopping = false;

  /** `all`: poll every open task now, whenever it was due (the ones an earlier run left open). */
  private async pollTasks(all: boolean): Promise<void> {
    const resolution = await this.poller!.pollDue({ all });
    this.counts.jobs.succeeded += resolution.succeeded;
    this.counts.jobs.failed += resolution.failed;
    for (const r of resolution.rejected) this.pushRejected({ category: 'jobs', key: r.key, message: r.message, exchangeId: r.exchangeId });
    this.emitProgress();
  }

  private async waitForTasks(): Promise<void> {
    const poller = this.poller!;
    const deadline = this.runtime.now() + this.timing.taskWaitTimeoutMs;
    this.phase = 'waiting-for-tasks';
    this.emitProgress(true);
    for (;;) {
      const due = poller.nextDueAt();
      if (due === null) return;
      const now = this.runtime.now();
      if (due > deadline) return;
      if (due > now) await this.wait(due - now);
      await this.pollTasks(false);
    }
  }

  private pushRejected(entry: RejectedRecord): void {
    if (this.rejected.length < MAX_LISTED_REJECTIONS) this.rejected.push(entry);
  }

  private throwIfCancelled(): void {
    if (this.stopping || this.options.isCancelled?.()) throw new SyncCancelled();
  }

  /** Sleeps in short slices so a cancel is honoured during long waits too. */
  private async wait(ms: number): Promise<void> {
    let left = ms;
    while (left > 0) {
      this.throwIfCancelled();
      const step = Math.min(left, 250);
      await this.runtime.sleep(step);
      left -= step;
    }
    this.throwIfCancelled();
  }

  private progress(): SyncProgress {
    const now = this.runtime.now();
    const pending = this.poller ? this.poller.openCount() : 0;
    return {
      runId: this.runId,
      phase: this.phase,
      category: this.currentCategory,
      // Copies: a report must not change after it is made (a caller may keep it).
      categories: {
        jobs: { ...this.counts.jobs, pending },
        candidates: { ...this.counts.candidates },
        applications: { ...this.counts.applications },
        stages: { ...this.counts.stages },
      },
      retried: this.retried,
      requests: this.requests,
      rateLimit: { ...this.rate, recordsLastMinute: this.pacer.recordsInWindow(now) },
      retry: this.retryState && this.retryState.until > now ? { ...this.retryState } : null,
      requestsToday: requestsOnDay(this.db, now) + (this.client?.unloggedRequests ?? 0),
      dailyBudget: this.settings.dailyRequestBudget,
    };
  }

  private lastProgressAt = 0;
  private progressTimer: ReturnType<typeof setTimeout> | null = null;

  /**
   * Progress to the caller and into sync_runs (which the UI polls), at most ~5 times a second
   * unless forced. A report inside the window is sent at its end, with the state then: a batch
   * counted and then waiting on a slow LinkedIn is shown meanwhile.
   */
  private emitProgress(force = false): void {
    if (this.dryRun) return;
    const now = performance.now();
    const wait = 200 - (now - this.lastProgressAt);
    if (!force && wait > 0) {
      this.progressTimer ??= setTimeout(() => {
        this.progressTimer = null;
        this.emitProgress(true);
      }, wait);
      return;
    }
    this.stopProgressTimer();
    this.lastProgressAt = now;
    const progress = this.progress();
    this.db.prepare('UPDATE sync_runs SET summary_json = ? WHERE id = ?').run(JSON.stringify({ progress }), this.runId);
    this.options.onProgress?.(progress);
  }

  private stopProgressTimer(): void {
    if (this.progressTimer) clearTimeout(this.progressTimer);
    this.progressTimer = null;
  }

  private finishRun(status: SyncSummary['status'], failure: SyncFailure | null): SyncSummary {
    this.stopProgressTimer();
    const finishedAt = this.runtime.now();
    this.phase = 'done';
    const progress = this.dryRun ? null : this.progress();
    const categories = progress?.categories ?? this.counts;
    const total = (k: keyof CategorySyncCounts) => CATEGORIES.reduce((sum, c) => sum + (categories[c][k] ?? 0), 0);
    const plan: DryRunPlan | null = this.dryRun
      ? {
          categories: this.plan,
          requests: this.plannedRequests,
          estimatedDurationMs: Math.round(this.estimatedMs),
          unbuildable: this.unbuildable,
          ...(this.resumeUploads ? { resumeUploads: this.resumeUploads } : {}),
        }
      : null;
    const summary: SyncSummary = {
      runId: this.runId,
      dryRun: this.dryRun,
      status,
      startedAt: this.startedAt,
      finishedAt,
      requests: this.dryRun ? this.plannedRequests : this.requests,
      sent: total('sent'),
      succeeded: total('succeeded'),
      failed: total('failed'),
      skipped: total('skipped'),
      pending: total('pending'),
      retried: this.retried,
      categories,
      rejected: this.rejected,
      failure: failure?.info() ?? null,
      requestsToday: requestsOnDay(this.db, finishedAt),
      dailyBudget: this.settings.dailyRequestBudget,
      plan,
    };
    this.db
      .prepare('UPDATE sync_runs SET status = ?, finished_at = ?, summary_json = ? WHERE id = ?')
      .run(status, finishedAt, JSON.stringify({ summary }), this.runId);
    if (progress) this.options.onProgress?.({ ...progress, phase: 'done' });
    return summary;
  }
}

/** LinkedIn answered about the request itself (a status), and the answer was not an authentication refusal. */
function answeredForRecords(failure: SyncFailure): boolean {
  return failure.status !== undefined && failure.kind !== 'bad_credentials';
}

/** A stage's application key, as the application's records.key. */
function applicationKeyOf(record: SyncableRecord): string {
  return normalizeId(parseValues(record).atsJobApplicationId ?? null) ?? '';
}

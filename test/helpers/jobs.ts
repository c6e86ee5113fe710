/**
 * Runs the durable job queue to empty, as the worker would, for tests that check what processors and
 * deliveries did: no sleeps, no timers. Jobs that queue more jobs (a processor, a delivery) are run too.
 */
import type { Deps, Job } from '../../src/app/ports.js';
import { DELIVER_JOB, deliverMessage } from '../../src/app/deliver-message.js';
import { NOTIFY_JOB, notifyCustomer } from '../../src/app/notify-customer.js';
import { AGENT_LINK_JOB, mailAgentLink } from '../../src/app/agent-links.js';
import { TWO_FACTOR_REMOVED_JOB, mailTwoFactorRemoved } from '../../src/app/remove-two-factor.js';
import { CHAIN_NOTE_JOB, writeChainNote } from '../../src/app/look-up-chain.js';
import { PROCESSOR_JOB } from '../../src/app/processors/processor.js';
import { PROCESSORS } from '../../src/app/processors/index.js';
import { runProcessorJob } from '../../src/app/processors/run-processor-job.js';
import { AUTOMATIONS_JOB, runAutomations } from '../../src/app/run-rules.js';
import { SLA_CHECK_JOB, SLA_RECOMPUTE_JOB, checkSlaDeadlines, recomputeOpenTickets } from '../../src/app/sla-clocks.js';
import { CSAT_SEND_JOB, sendSurvey } from '../../src/app/csat.js';
import { TEST_TX_JOB } from '../../src/app/test-transaction.js';
import { checkTestTransaction } from '../../src/app/check-test-transaction.js';
import { VIEW_COUNTS_FOLD_JOB, foldViewCounts } from '../../src/app/view-count-jobs.js';

export type TestJobHandler = (job: Job) => Promise<void>;

/** The handlers main.ts registers, over these deps (the chat e-mail fallback excepted: it runs minutes later). */
export function jobHandlers(deps: Deps, publicUrl = 'http://desk.test'): Record<string, TestJobHandler> {
  return {
    [DELIVER_JOB]: (job) => deliverMessage(deps, String(job.payload.message_id), { number: job.attempts, max: job.maxAttempts }),
    [NOTIFY_JOB]: async (job) => void (await notifyCustomer(deps, job.payload)),
    [AGENT_LINK_JOB]: async (job) => void (await mailAgentLink(deps, job.payload)),
    [TWO_FACTOR_REMOVED_JOB]: async (job) => void (await mailTwoFactorRemoved(deps, job.payload)),
    [CHAIN_NOTE_JOB]: (job) => writeChainNote(deps, String(job.payload.ticket_id)),
    [PROCESSOR_JOB]: (job) => runProcessorJob(deps, job),
    [AUTOMATIONS_JOB]: async () => void (await runAutomations(deps)),
    [SLA_CHECK_JOB]: async () => void (await checkSlaDeadlines({ ...deps, processors: deps.processors ?? PROCESSORS })),
    [SLA_RECOMPUTE_JOB]: async (job) => void (await recomputeOpenTickets({ ...deps, processors: deps.processors ?? PROCESSORS }, typeof job.payload.brand_id === 'string' ? job.payload.brand_id : null)),
    [CSAT_SEND_JOB]: async (job) => void (await sendSurvey({ ...deps, publicUrl }, String(job.payload.survey_id))),
    [TEST_TX_JOB]: async (job) => void (await checkTestTransaction(deps, String(job.payload.step_up_id))),
    [VIEW_COUNTS_FOLD_JOB]: () => foldViewCounts(deps),
  };
}

/**
 * Claims and runs due jobs until none is left; returns the jobs it ran. A failing job is marked failed at once
 * (no retry), and its error is collected in `failures` so a test can assert on it.
 */
export async function drainJobs(
  deps: Deps,
  options: { handlers?: Record<string, TestJobHandler>; maxRounds?: number } = {},
): Promise<{ ran: Job[]; failures: Array<{ job: Job; error: string }> }> {
  const handlers = options.handlers ?? jobHandlers(deps);
  const ran: Job[] = [];
  const failures: Array<{ job: Job; error: string }> = [];
  for (let round = 0; round < (options.maxRounds ?? 20); round++) {
    const now = deps.clock.now();
    const jobs = await deps.store.jobs.claim('test-drain', now.toISOString(), new Date(now.getTime() + 60_000).toISOString(), 50);
    if (jobs.length === 0) return { ran, failures };
    for (const job of jobs) {
      ran.push(job);
      try {
        const handler = handlers[job.type];
        if (!handler) throw new Error(`no handler for job type ${job.type}`);
        await handler(job);
        await deps.store.jobs.complete(job.id, deps.clock.now().toISOString());
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        failures.push({ job, error });
        await deps.store.jobs.fail(job.id, error, null, deps.clock.now().toISOString());
      }
    }
  }
  throw new Error('the job queue did not drain: jobs keep queueing jobs');
}

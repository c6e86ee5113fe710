/** The job handler of `processor.run`: finds the processor the job names and runs it on the event it carries. */
import { isDomainEvent } from '../../core/domain-events.js';
import type { Deps, Job, ProcessorDeps, Processor } from '../ports.js';
import { PROCESSORS } from './index.js';
import { recordEvents } from './dispatch.js';
import type { ProcessorJobPayload } from './processor.js';

function parsePayload(payload: Record<string, unknown>): ProcessorJobPayload {
  const p = payload as Partial<ProcessorJobPayload>;
  if (p.v !== 1 || typeof p.processor !== 'string' || !p.event || typeof p.event !== 'object' || !isDomainEvent(p.event)) {
    throw new Error(`processor job with an unreadable payload (v=${String(p.v)})`);
  }
  return p as ProcessorJobPayload;
}

/**
 * Runs one processor job. A job naming a processor that is no longer registered fails (and stays visible as
 * failed after its attempts) rather than vanishing silently.
 */
export async function runProcessorJob(deps: ProcessorDeps & { processors?: readonly Processor[] } & Pick<Deps, 'senders' | 'chain'>, job: Pick<Job, 'payload'> & Partial<Pick<Job, 'attempts' | 'maxAttempts'>>): Promise<void> {
  const payload = parsePayload(job.payload);
  const processors = deps.processors ?? PROCESSORS;
  const processor = processors.find((p) => p.name === payload.processor);
  if (!processor) throw new Error(`no processor named ${payload.processor}`);
  // The list goes on with the deps: what the processor records (rules' changes, the SLA clocks' events)
  // reaches the same processors' jobs.
  const given = { ...deps, processors };
  const attempt = job.attempts !== undefined && job.maxAttempts !== undefined ? { number: job.attempts, max: job.maxAttempts } : undefined;
  await processor.run({ ...given, record: deps.record ?? ((tx, events) => recordEvents(tx, events, given)), ...(attempt ? { attempt } : {}) }, payload.event);
}

/** The job handler of `processor.run`: finds the processor the job names and runs it on the event it carries. */
import { isDomainEvent } from '../../core/domain-events.js';
import type { Job, ProcessorDeps, Processor } from '../ports.js';
import { PROCESSORS } from './index.js';
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
export async function runProcessorJob(deps: ProcessorDeps & { processors?: readonly Processor[] }, job: Pick<Job, 'payload'>): Promise<void> {
  const payload = parsePayload(job.payload);
  const processors = deps.processors ?? PROCESSORS;
  const processor = processors.find((p) => p.name === payload.processor);
  if (!processor) throw new Error(`no processor named ${payload.processor}`);
  // The list goes on with the deps: what the processor records reaches the same processors.
  await processor.run({ ...deps, processors }, payload.event);
}

/**
 * The job side of processors: each (processor, event) pair is one durable job of type `processor.run` with a
 * versioned payload and a dedupe key, so it is queued once and run at least once. The Processor contract itself
 * is a port (app/ports.ts), so deps can carry a list.
 */
import type { DomainEvent } from '../../core/domain-events.js';

export type { Processor, ProcessorDeps } from '../ports.js';

/** The job type of every processor run. */
export const PROCESSOR_JOB = 'processor.run';

/** The payload of a processor job, versioned (`v`) so a later layout can still read queued rows. */
export interface ProcessorJobPayload {
  v: 1;
  processor: string;
  processor_version: number;
  event: DomainEvent;
}

/** The dedupe key of one processor's job for one event: it is queued once, however often it is recorded. */
export const processorJobKey = (processor: string, eventId: string): string => `processor:${processor}:${eventId}`;

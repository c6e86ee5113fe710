/** The console's shared state: who is signed in, the desk's agents, brands and teams, and the live socket. */
import { createContext, useContext, useEffect, useRef } from 'react';
import type { LiveSocket } from '../../shared/live';
import type { Agent, Brand, Me, Notice, Team } from '../types';

export interface Desk {
  me: Me;
  agents: Agent[];
  brands: Brand[];
  teams: Team[];
  live: LiveSocket | null;
  /** Adds a listener for live frames; returns the remover. */
  onFrame(listener: (frame: Record<string, unknown>) => void): () => void;
  reloadDirectory(): Promise<void>;
  signOut(): Promise<void>;
}

export const DeskContext = createContext<Desk | null>(null);

export function useDesk(): Desk {
  const desk = useContext(DeskContext);
  if (!desk) throw new Error('useDesk outside the console');
  return desk;
}

/** Calls `handler` for each live notice (desk changes), debounced so a burst refetches once. */
export function useNotices(handler: (notices: Notice[]) => void, delayMs = 300): void {
  const desk = useDesk();
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    let pending: Notice[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = desk.onFrame((f) => {
      if (f.type !== 'notice') return;
      pending.push(f.notice as Notice);
      if (timer) return;
      timer = setTimeout(() => {
        const batch = pending;
        pending = [];
        timer = null;
        ref.current(batch);
      }, delayMs);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [desk, delayMs]);
}

/** The ticket numbers of the list the agent last looked at, for "next ticket". */
export const lastList: { numbers: number[] } = { numbers: [] };

export function agentName(desk: Desk, id: string | null | undefined): string {
  if (!id) return '';
  return desk.agents.find((a) => a.id === id)?.name ?? id.slice(0, 8);
}

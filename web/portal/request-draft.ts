/**
 * The help-center request form's draft (the kind chosen and the fields typed), kept in sessionStorage per
 * brand so a reload does not lose it, and forgotten once the request is sent. sessionStorage, not localStorage:
 * customers often write from a shared or borrowed device, and the draft should not outlive the tab.
 */
import { clearDraft, readDraft, writeDraft } from '../shared/draft';

const keyFor = (brand: string) => `walletdesk.draft.request.${brand}`;

/** What a stored draft holds. */
export interface RequestDraft {
  kind: string | null;
  values: Record<string, string>;
}

/** The stored draft for the brand, or null. */
export function loadRequestDraft(brand: string): RequestDraft | null {
  const raw = readDraft(sessionStorage, keyFor(brand));
  if (!raw) return null;
  try {
    const d = JSON.parse(raw) as Partial<RequestDraft>;
    if (typeof d !== 'object' || d === null || typeof d.values !== 'object' || d.values === null) return null;
    const values = Object.fromEntries(Object.entries(d.values).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
    return { kind: typeof d.kind === 'string' ? d.kind : null, values };
  } catch {
    return null;
  }
}

/** Stores the draft (not when nothing was typed, nor when it looks like a recovery phrase). */
export function saveRequestDraft(brand: string, draft: RequestDraft): void {
  const typed = Object.entries(draft.values).some(([k, v]) => !['device', 'os'].includes(k) && v.trim());
  if (!typed && !draft.kind) clearDraft(sessionStorage, keyFor(brand));
  else writeDraft(sessionStorage, keyFor(brand), JSON.stringify(draft));
}

/** Forgets the brand's draft (after sending). */
export function forgetRequestDraft(brand: string): void {
  clearDraft(sessionStorage, keyFor(brand));
}

import type { RuleMatch } from './analyze.js';
import { CATEGORIES, type Category } from './types.js';

/** How the linear model, the naive Bayes model and the rules make one decision (chosen by cross-validation). */
export interface LinearCombine {
  /** Weight of the naive Bayes log-probabilities added to the linear log-odds (0: linear model alone). */
  nbWeight: number;
  /** The naive Bayes scores are divided by this before their softmax (naive Bayes is overconfident). */
  nbTemperature: number;
  /** Extra log-odds for security. */
  securityBias: number;
  /** Log-odds added per point of a category's rule score (the linear model also sees the rules as features). */
  ruleWeight?: number;
  /** Below this probability of its own choice the linear decision gives way to the rules + naive Bayes one. */
  gate?: number;
  /** With fewer known features than this (rules aside) the linear decision gives way too: it would be its bias. */
  minFeatures?: number;
  /** Extra log-odds per category (CATEGORIES order), calibrated on out-of-fold predictions; absent: none. */
  classBias?: number[];
  /** A decisive security phrase (rule score ≥ 3, not outweighed by 3 more points elsewhere) wins. */
  securityOverride: boolean;
  /**
   * The security head: a request whose security probability reaches this, or that matched a decisive theft or
   * exposure phrase, is never below high priority whatever its category. Absent: only the phrase part, which the
   * priority floors already give (cross-validation found no dev security report the probability part would add
   * once the security class is weighted up; scripts/triage-cv-linear.ts --priority).
   */
  headThreshold?: number;
}

function logSoftmax(xs: readonly number[]): number[] {
  const max = Math.max(...xs);
  let sum = 0;
  for (const x of xs) sum += Math.exp(x - max);
  const lse = max + Math.log(sum);
  return xs.map((x) => x - lse);
}

/** The category from the linear model's log-odds, optionally blended with naive Bayes and overridden by rules. */
export function combineLinear(matches: readonly RuleMatch[], linear: readonly number[], nb: readonly number[] | null, c: LinearCombine): { category: Category; confidence: number; probabilities: number[]; byRule: boolean } {
  const sec = CATEGORIES.indexOf('security');
  const ruleScore = new Array<number>(CATEGORIES.length).fill(0);
  for (const m of matches) ruleScore[CATEGORIES.indexOf(m.rule.category!)]! += m.rule.weight;
  const lin = logSoftmax(linear);
  const nbl = nb && c.nbWeight > 0 ? logSoftmax(nb.map((s) => s / c.nbTemperature)) : null;
  const combined = lin.map((l, i) => l + (nbl ? c.nbWeight * nbl[i]! : 0) + (i === sec ? c.securityBias : 0) + (c.classBias?.[i] ?? 0) + (c.ruleWeight ?? 0) * ruleScore[i]!);
  const probabilities = logSoftmax(combined).map(Math.exp);
  let chosen = probabilities.indexOf(Math.max(...probabilities));
  let byRule = false;
  if (c.securityOverride) {
    const top = Math.max(...ruleScore);
    if (ruleScore[sec]! >= 3 && ruleScore[sec]! + 3 > top) {
      byRule = chosen !== sec;
      chosen = sec;
    }
  }
  return { category: CATEGORIES[chosen]!, confidence: probabilities[chosen]!, probabilities, byRule };
}

/** Whether the security head fires: a decisive theft/exposure phrase, or enough probability of security. */
export function securityHead(matches: readonly RuleMatch[], probabilities: readonly number[], c: LinearCombine): boolean {
  if (c.headThreshold !== undefined && probabilities[CATEGORIES.indexOf('security')]! >= c.headThreshold) return true;
  return matches.some((m) => m.rule.category === 'security' && m.rule.weight >= 3 && (m.rule.signals ?? []).some((s) => s === 'funds_lost' || s === 'funds_at_risk'));
}

/**
 * Read the rules section of a team pack (`{ "format": "kefu-guard-pack", …, "rules": [...] }`).
 *
 * Checks are minimal on purpose: validating packs is the pack module's job, and `compileRules`
 * rejects rules it cannot use with an error naming the rule and the field.
 */

import type { Rule } from './types';

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}

function optionalString(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** The rules of a pack object (or of a bare array of rules). Throws when there is no rules list. */
export function rulesFromPack(json: unknown): Rule[] {
  const list: unknown = Array.isArray(json)
    ? json
    : json !== null && typeof json === 'object'
      ? (json as { rules?: unknown }).rules
      : undefined;
  if (!Array.isArray(list)) throw new Error('Rule pack: "rules" must be an array');
  return list.map((item, index) => {
    if (item === null || typeof item !== 'object')
      throw new Error(`Rule pack: rules[${index}] is not an object`);
    const raw = item as Record<string, unknown>;
    const rule: Rule = {
      id: typeof raw.id === 'string' ? raw.id : '',
      category: raw.category as Rule['category'],
      severity: raw.severity as Rule['severity'],
      reason: typeof raw.reason === 'string' ? raw.reason : '',
      reasonEn: typeof raw.reasonEn === 'string' ? raw.reasonEn : '',
      alternative: optionalString(raw.alternative),
      alternativeEn: optionalString(raw.alternativeEn),
    };
    const phrases = stringList(raw.phrases);
    if (phrases !== undefined) rule.phrases = phrases;
    if (typeof raw.pattern === 'string') rule.pattern = raw.pattern;
    const exceptions = stringList(raw.exceptions);
    if (exceptions !== undefined) rule.exceptions = exceptions;
    return rule;
  });
}

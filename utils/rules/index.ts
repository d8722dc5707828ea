/**
 * The forbidden-phrase rule engine: pure, no `browser`, no DOM.
 *
 * ```ts
 * const scanner = createScanner(rulesFromPack(packJson));
 * const findings = scanner.scan(draft); // [{ ruleId, category, severity, start, end, text, reason, … }]
 * if (worstSeverity(findings) === 'block') …
 * ```
 */

export { type CompiledRules, compileRules, RuleError } from './compile';
export {
  BUILTIN_DETECTORS,
  builtinName,
  type DetectorName,
  isDetectorName,
  PLATFORM_HOSTS,
} from './detectors';
export { EVASIONS, type Evasion, expandEvasions } from './evasions';
export { type NormalisedText, normalise, normaliseWithMap } from './normalise';
export { rulesFromPack } from './pack';
export { createScanner, type LeftOutRule, type Scanner, scan, usableScanner, worstSeverity } from './scan';
export {
  type Finding,
  RULE_CATEGORIES,
  type Rule,
  type RuleCategory,
  SEVERITIES,
  type Severity,
} from './types';

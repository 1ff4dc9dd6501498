// The help of options and keys that take a vocabulary's words: the codes as vocab.ts has them, so
// that a code added or renamed there is offered here too.
import { DEADLINE_KINDS } from '../../workflow/deadlines.js';
import {
  ALL_STATUSES,
  alternatives,
  CATEGORY,
  CHANNEL,
  CLOSE_REASON,
  COMPENSATION_KIND,
  DEFAULT_CHANNEL,
  DEFAULT_FOLLOWUP_METHOD,
  DEFAULT_SEVERITY,
  describeChoice,
  describeCodes,
  FOLLOWUP_METHOD,
  labelOf,
  LOG_KIND,
  RESPONSIBILITY,
  SATISFACTION,
  SATISFACTION_SCALE,
  SEVERITY,
  STATUS,
  VOIDED_STATUS,
} from '../../workflow/vocab.js';

const { lowest, highest } = SATISFACTION_SCALE;

export const HELP = {
  channel: `${describeCodes(CHANNEL)} (default ${DEFAULT_CHANNEL})`,
  category: `${describeCodes(CATEGORY)} (required)`,
  severity: `${describeCodes(SEVERITY)} (default ${DEFAULT_SEVERITY})`,
  statuses: `${describeCodes(STATUS)}, ${describeCodes(VOIDED_STATUS)}, or ${describeCodes(ALL_STATUSES)} (comma-separated)`,
  logKind: `${describeCodes(LOG_KIND)} (default note; finding with --substantiated)`,
  answerKind: `how it was given: ${describeCodes(LOG_KIND)} (default note)`,
  correctedChannel: describeCodes(CHANNEL),
  correctedCategory: `${describeCodes(CATEGORY)} (an assignee stays)`,
  correctedSeverity: `${describeCodes(SEVERITY)} (re-arms the pending deadlines)`,
  responsibility: describeCodes(RESPONSIBILITY),
  compensationKind: describeCodes(COMPENSATION_KIND),
  /** The placeholder of --satisfaction: `<1-5>`. */
  satisfactionValue: `<${lowest}-${highest}>`,
  satisfaction: `${lowest} ${labelOf(SATISFACTION, lowest, 'en')} … ${highest} ${labelOf(SATISFACTION, highest, 'en')}`,
  method: `${describeCodes(FOLLOWUP_METHOD)} (default ${DEFAULT_FOLLOWUP_METHOD})`,
  closeReason: describeCodes(CLOSE_REASON),
  /** The KIND and SEVERITY of `config set deadline.KIND.SEVERITY`. */
  deadlineKinds: alternatives(DEADLINE_KINDS, 'en'),
  severities: describeChoice(SEVERITY, 'en'),
} as const;

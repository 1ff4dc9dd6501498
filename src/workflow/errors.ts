// A refusal by the procedure or of invalid data. A rule that refuses says which rule, which input
// and the values its sentence needs ({ rule, field, params }); the way in names the input: the
// command line its flag (the sentence here, shown by the shell), the import its column (forms.ts
// words the same refusal for a cell). Refusals that no other way in words differently (the store's,
// a report period's) are worded where they are raised. The shell shows the sentence in the user's
// language and exits with 1.
import { codePointName, quoted } from './text.js';
import { describeStandard, standardEntry, type AppliedStandard } from './standards.js';
import { formatInOffset, instant, offsetOf, type IsoTime } from './time.js';
import { formatTime } from './time-words.js';
import { COMPENSATION_KIND, describeChoice, labelOf, MAJOR_CRITERION, SATISFACTION, SATISFACTION_SCALE, STATUS, WAIT_PARTY, type CompensationKind, type Status, type WaitParty } from './vocab.js';

export interface Sentence {
  readonly en: string;
  readonly zh: string;
}

/** What kind of refusal it is, for the exit and as the `code` of a JSON error (README, Exit codes and errors). */
export type DomainErrorCode = 'not-allowed' | 'invalid' | 'not-found' | 'out-of-order' | 'conflict';

/** The texts a command carries, by the names decide gives them. */
export type TextField =
  | 'customer'
  | 'by'
  | 'assignee'
  | 'department'
  | 'ref'
  | 'order'
  | 'description'
  | 'request'
  | 'entry'
  | 'answer'
  | 'reason'
  | 'note'
  | 'solution'
  | 'finding'
  | 'rootCause'
  | 'correctiveAction'
  | 'approvedBy';

/** Every input a rule can refuse: a text, or the time of a step, the phone, the compensation, the satisfaction. */
export type Field = TextField | 'at' | 'receivedAt' | 'phone' | 'compensation' | 'compensationKind' | 'satisfaction' | 'majorCriterion';

/** Each rule, the input it refuses and the values its sentence needs. */
export type Refusal =
  | { readonly rule: 'required'; readonly field: TextField; readonly params: Record<string, never> }
  | { readonly rule: 'control-character'; readonly field: TextField; readonly params: { readonly character: string } }
  | { readonly rule: 'one-line'; readonly field: TextField; readonly params: { readonly found: 'tab' | 'line-break' } }
  | { readonly rule: 'too-long'; readonly field: TextField; readonly params: { readonly length: number; readonly max: number } }
  /** `now`: when it was refused, to say the times in (the year shown when not this one). */
  | { readonly rule: 'future'; readonly field: 'at' | 'receivedAt'; readonly params: { readonly at: IsoTime; readonly now: IsoTime } }
  /** A corrected received time later than the complaint's first step after its opening. */
  | {
      readonly rule: 'received-after-step';
      readonly field: 'receivedAt';
      readonly params: { readonly complaint: number; readonly at: IsoTime; readonly firstStepAt: IsoTime; readonly now: IsoTime };
    }
  /** A correction whose every value is the one the complaint already has. */
  | { readonly rule: 'nothing-to-correct'; readonly field: null; readonly params: { readonly complaint: number } }
  /** A command other than unvoid given to a voided complaint. */
  | { readonly rule: 'voided'; readonly field: null; readonly params: { readonly complaint: number; readonly command: string; readonly reason: string } }
  /** A criterion of a major complaint said beside a severity that is not major. */
  | { readonly rule: 'criterion-not-major'; readonly field: 'majorCriterion'; readonly params: { readonly severity: string } }
  /** A criterion of a major complaint the shop does not have (its words, or a code of those every shop starts with). */
  | { readonly rule: 'major-criterion'; readonly field: 'majorCriterion'; readonly params: { readonly value: string; readonly criteria: readonly string[] } }
  /** wait given to a complaint already waiting on someone. */
  | {
      readonly rule: 'already-waiting';
      readonly field: null;
      readonly params: { readonly complaint: number; readonly on: WaitParty; readonly since: IsoTime; readonly now: IsoTime };
    }
  /** resume given to a complaint that waits on no one. */
  | { readonly rule: 'not-waiting'; readonly field: null; readonly params: { readonly complaint: number } }
  /** unvoid given to a complaint that is not voided. */
  | { readonly rule: 'not-voided'; readonly field: null; readonly params: { readonly complaint: number } }
  | {
      readonly rule: 'out-of-order';
      readonly field: 'at';
      readonly params: { readonly complaint: number; readonly at: IsoTime; readonly lastEventAt: IsoTime; readonly now: IsoTime };
    }
  /** An amount of compensation without its kind. */
  | { readonly rule: 'compensation-kind'; readonly field: 'compensation'; readonly params: Record<string, never> }
  /** Compensation given with a finding that the complaint is unfounded. */
  | { readonly rule: 'compensation-unfounded'; readonly field: 'compensation'; readonly params: Record<string, never> }
  /** A compensation above the shop's standard for the complaint (standards.ts) without the name of who approved it. */
  | {
      readonly rule: 'above-standard';
      readonly field: 'approvedBy';
      readonly params: { readonly standard: AppliedStandard; readonly kind: CompensationKind | null; readonly cents: number | null };
    }
  | { readonly rule: 'satisfaction'; readonly field: 'satisfaction'; readonly params: { readonly value: string } }
  | { readonly rule: 'phone'; readonly field: 'phone'; readonly params: { readonly value: string } }
  | {
      readonly rule: 'not-allowed';
      readonly field: null;
      readonly params: { readonly complaint: number; readonly status: Status; readonly command: string; readonly allowed: readonly string[] };
    };

export type Rule = Refusal['rule'];

/** The rules that refuse a move the complaint cannot take as it stands (code `not-allowed`). */
const NOT_ALLOWED_RULES: ReadonlySet<Refusal['rule']> = new Set(['not-allowed', 'voided', 'not-voided', 'already-waiting', 'not-waiting']);

/** The refusals worded where they are raised, by their code. */
type WordedCode = Exclude<DomainErrorCode, 'not-allowed' | 'out-of-order'>;

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  /** The rule that refused, the input and its sentence's values; null for a refusal worded where it was raised. */
  readonly refusal: Refusal | null;
  /** As a way in that answers one command at a time says it: naming the flag (a setting, its key); the import words `refusal` itself. */
  readonly sentence: Sentence;

  constructor(code: WordedCode, sentence: Sentence);
  constructor(refusal: Refusal, sentence: Sentence);
  constructor(refusal: WordedCode | Refusal, sentence: Sentence) {
    super(sentence.en);
    this.name = 'DomainError';
    this.sentence = sentence;
    if (typeof refusal === 'string') {
      this.code = refusal;
      this.refusal = null;
    } else {
      this.code = NOT_ALLOWED_RULES.has(refusal.rule) ? 'not-allowed' : refusal.rule === 'out-of-order' ? 'out-of-order' : 'invalid';
      this.refusal = refusal;
    }
  }

  get rule(): Rule | null {
    return this.refusal?.rule ?? null;
  }

  get field(): Field | null {
    return this.refusal?.field ?? null;
  }

  get params(): Refusal['params'] {
    return this.refusal?.params ?? {};
  }
}

export function invalid(en: string, zh: string): DomainError {
  return new DomainError('invalid', { en, zh });
}

/**
 * How a way in names an input: `en` and `zh` as a sentence says it ("the description (--desc)",
 * "the value of by"), `flag` where a sentence names only the flag (null where there is none).
 */
export interface InputName {
  readonly en: string;
  readonly zh: string;
  readonly flag: string | null;
}

/** The refusal, its sentence made from its params and the names `nameOf` gives its inputs. */
export function refused(refusal: Refusal, nameOf: (field: Field) => InputName): DomainError {
  return new DomainError(refusal, sentenceOf(refusal, nameOf));
}

/** A time as a person reads it, in both languages; the year only when it is not the year of `now`. */
function shownAt(time: IsoTime, now: IsoTime): Sentence {
  const year = now.slice(0, 4);
  return { en: formatTime(time, 'en', year), zh: formatTime(time, 'zh', year) };
}

/** One sentence per rule, for a way in that answers one command at a time (the command line, a setting). */
function sentenceOf(refusal: Refusal, nameOf: (field: Field) => InputName): Sentence {
  const { en, zh } = refusal.field === null ? { en: '', zh: '' } : nameOf(refusal.field);
  const What = en.charAt(0).toUpperCase() + en.slice(1);
  const flag = (field: Field): string => nameOf(field).flag ?? nameOf(field).en;
  switch (refusal.rule) {
    case 'required':
      return { en: `Give ${en}; it must not be empty.`, zh: `请填写${zh}，不能为空。` };
    case 'control-character': {
      const name = codePointName(refusal.params.character);
      return {
        en: `${What} holds the control character ${name}, which would change what a terminal shows; remove it and give plain text.`,
        zh: `${zh}含有控制字符 ${name}，它会改变终端显示的内容；请删除后只填写普通文字。`,
      };
    }
    case 'one-line': {
      const tab = refusal.params.found === 'tab';
      return { en: `Write ${en} on one line; remove the ${tab ? 'tab' : 'line break'} from it.`, zh: `${zh}只能写一行，请去掉其中的${tab ? '制表符' : '换行'}。` };
    }
    case 'too-long': {
      const { length, max } = refusal.params;
      return {
        en: `${What} is ${length} characters long, which is too long; keep it to ${max} characters or fewer.`,
        zh: `${zh}长度为 ${length} 字，超出上限，请控制在 ${max} 字以内。`,
      };
    }
    case 'future': {
      const { at, now } = refusal.params;
      // Now on the same clock as the time given, so that the two read as one compares them.
      const [time, current] = [shownAt(at, now), shownAt(formatInOffset(instant(now), offsetOf(at)), now)];
      return {
        en: `The time ${time.en} is in the future (it is now ${current.en}); give ${flag(refusal.field)} a time that has already passed.`,
        zh: `时间 ${time.zh} 还没有到（现在是 ${current.zh}）；${flag(refusal.field)} 请填写已经发生的时间。`,
      };
    }
    case 'received-after-step': {
      const { complaint, at, firstStepAt, now } = refusal.params;
      const [time, first] = [shownAt(at, now), shownAt(firstStepAt, now)];
      return {
        en: `The received time ${time.en} is after complaint ${complaint}'s first step, at ${first.en}; give ${flag('receivedAt')} a time no later than that.`,
        zh: `受理时间 ${time.zh} 晚于投诉 ${complaint} 的第一条处理记录（${first.zh}）；${flag('receivedAt')} 不能晚于这个时间。`,
      };
    }
    case 'nothing-to-correct': {
      const { complaint } = refusal.params;
      return {
        en: `Complaint ${complaint} already has every value given, so nothing was corrected; give the values that are wrong, as kesu show ${complaint} shows them.`,
        zh: `投诉 ${complaint} 已是所给的值，没有需要更正的内容；请给出需要更正的值（可用 kesu show ${complaint} 查看）。`,
      };
    }
    case 'voided': {
      const { complaint, command, reason } = refusal.params;
      return {
        en: `Complaint ${complaint} is voided ("${quoted(reason)}"), so it cannot take ${command}; bring it back first with kesu unvoid ${complaint}.`,
        zh: `投诉 ${complaint} 已作废（“${quoted(reason)}”），不能执行 ${command}；请先用 kesu unvoid ${complaint} 恢复。`,
      };
    }
    case 'not-voided': {
      const { complaint } = refusal.params;
      return {
        en: `Complaint ${complaint} is not voided, so there is nothing to unvoid; kesu list --status voided lists the voided ones.`,
        zh: `投诉 ${complaint} 没有作废，无需恢复；可用 kesu list --status voided 查看已作废的投诉。`,
      };
    }
    case 'criterion-not-major': {
      const { severity } = refusal.params;
      return {
        en: `${flag('majorCriterion')} says what makes the complaint major, and --severity says ${severity}; leave out --severity or give --severity major.`,
        zh: `${flag('majorCriterion')} 表示重大投诉的依据，而 --severity 为 ${severity}；请去掉 --severity 或改为 --severity major。`,
      };
    }
    case 'major-criterion': {
      const { value, criteria } = refusal.params;
      const listed = (lang: 'en' | 'zh') => criteria.map((criterion) => labelOf(MAJOR_CRITERION, criterion as never, lang)).join(lang === 'zh' ? '、' : '; ');
      return {
        en: `"${quoted(value)}" is not one of the shop's criteria of a major complaint (${listed('en')}); give one of them to ${flag('majorCriterion')}, or add it with kesu config add major.criterion.`,
        zh: `“${quoted(value)}”不是本店的重大投诉标准（${listed('zh')}）；${flag('majorCriterion')} 请填写其中之一，或用 kesu config add major.criterion 添加。`,
      };
    }
    case 'already-waiting': {
      const { complaint, on, since, now } = refusal.params;
      const time = shownAt(since, now);
      return {
        en: `Complaint ${complaint} is already waiting on ${labelOf(WAIT_PARTY, on, 'en')}, since ${time.en}; resume it first with kesu resume ${complaint}.`,
        zh: `投诉 ${complaint} 已在等待${labelOf(WAIT_PARTY, on, 'zh')}（自 ${time.zh} 起）；请先用 kesu resume ${complaint} 恢复计时。`,
      };
    }
    case 'not-waiting': {
      const { complaint } = refusal.params;
      return {
        en: `Complaint ${complaint} is not waiting on anyone, so there is nothing to resume; kesu list --waiting lists the ones that are.`,
        zh: `投诉 ${complaint} 没有在等待，无需恢复计时；可用 kesu list --waiting 查看正在等待的投诉。`,
      };
    }
    case 'out-of-order': {
      const { complaint, at, lastEventAt, now } = refusal.params;
      const [time, last] = [shownAt(at, now), shownAt(lastEventAt, now)];
      return {
        en: `The time ${time.en} is before the last entry of complaint ${complaint}, at ${last.en}; give ${flag('at')} a time no earlier than that.`,
        zh: `时间 ${time.zh} 早于投诉 ${complaint} 的最后一条记录（${last.zh}）；${flag('at')} 不能早于这个时间。`,
      };
    }
    case 'compensation-kind':
      return {
        en: `A compensation amount needs its kind: add ${flag('compensationKind')} ${describeChoice(COMPENSATION_KIND, 'en')}.`,
        zh: `填写了赔付金额，还需要赔付方式：请加上 ${flag('compensationKind')}（${describeChoice(COMPENSATION_KIND, 'zh')}）。`,
      };
    case 'compensation-unfounded':
      return {
        en: `A complaint found unfounded is closed without compensation; leave out ${flag('compensation')} and ${flag('compensationKind')}, or resolve it with ${flag('solution')} if the shop compensates.`,
        zh: `投诉不成立时结案不含赔付；请去掉 ${flag('compensation')} 和 ${flag('compensationKind')}，如店里仍给予赔付，请改用 ${flag('solution')} 解决。`,
      };
    case 'above-standard': {
      const { standard, kind, cents } = refusal.params;
      const [given, allowed] = [describeStandard({ kind: kind ?? 'none', cents: cents ?? 0 }), describeStandard(standard)];
      const entry = standardEntry(standard);
      return {
        en: `The compensation, ${given.en}, is above the standard for ${entry}, ${allowed.en}; give ${flag('approvedBy')} NAME with the name of who approved it.`,
        zh: `赔付（${given.zh}）超出 ${entry} 的赔付标准（${allowed.zh}）；请用 ${flag('approvedBy')} 填写批准人的姓名。`,
      };
    }
    case 'satisfaction': {
      const { lowest, highest } = SATISFACTION_SCALE;
      return {
        en: `Satisfaction must be a whole number from ${lowest} (${labelOf(SATISFACTION, lowest, 'en')}) to ${highest} (${labelOf(SATISFACTION, highest, 'en')}), not ${refusal.params.value}.`,
        zh: `满意度须为 ${lowest}（${labelOf(SATISFACTION, lowest, 'zh')}）到 ${highest}（${labelOf(SATISFACTION, highest, 'zh')}）的整数，而不是 ${refusal.params.value}。`,
      };
    }
    case 'phone': {
      const value = quoted(refusal.params.value);
      return {
        en: `"${value}" is not a phone number; give digits, optionally with +, spaces, - or brackets.`,
        zh: `“${value}”不是有效的电话号码；请填写数字，可带 +、空格、- 或括号。`,
      };
    }
    case 'not-allowed': {
      const { complaint, status, command, allowed } = refusal.params;
      return {
        en: `Complaint ${complaint} is ${status}, so it cannot take ${command}; from ${status} you can: ${allowed.join(', ')}.`,
        zh: `投诉 ${complaint} 的状态是“${labelOf(STATUS, status, 'zh')}”，不能执行 ${command}；此状态下可以执行：${allowed.join('、')}。`,
      };
    }
  }
}


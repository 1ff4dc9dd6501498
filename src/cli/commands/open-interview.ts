// `kesu open` on a terminal: it asks for what was not given (every field when nothing was), checks
// each answer as `decide` checks the flag's value (a refused answer is asked for again with the
// refusal's sentence), then shows the complaint to record it or to change an answer. Ctrl-D keeps
// a question's answer as it was, when `decide` accepts that (an optional one, left empty), and
// cancels when it does not; Ctrl-C cancels (exit 130).
import { DomainError, type Field, type Sentence } from '../../workflow/errors.js';
import { DEFAULT_SETTINGS, type Settings } from '../../workflow/settings.js';
import { decide, defaultSeverity } from '../../workflow/transitions.js';
import { CATEGORY, CHANNEL, DEFAULT_CHANNEL, DEFAULT_SEVERITY, SEVERITY, type Severity, type Vocabulary } from '../../workflow/vocab.js';
import { LOCAL_ZONE, readTimeOption, typedTime } from '../clock.js';
import type { CliContext } from '../context.js';
import { cancelled, UserError } from '../errors.js';
import { askChoice, askText, vocabularyChoices, type Asking } from '../prompts.js';
import { DRAFT_FIELDS, draftValue, renderDraft, type Draft, type DraftField } from '../render/draft.js';
import { t } from '../render/i18n.js';
import { visible } from '../render/visible.js';
import { criterionWords } from '../render/complaint.js';
import { quoted } from '../../workflow/text.js';
import { openCommand } from './open.js';

interface FieldQuestion {
  readonly words: Sentence;
  /** One line, several lines, or a vocabulary's codes (with the one taken when none is chosen). */
  readonly answer: 'line' | 'text' | { readonly vocab: Vocabulary<string>; readonly default?: string };
  /** What `decide` calls the answer when it refuses it; null for a code, which it does not judge. */
  readonly refusedAs: Field | null;
}

const QUESTIONS: { readonly [F in DraftField]: FieldQuestion } = {
  customer: { words: { en: 'Customer name', zh: '客户姓名' }, answer: 'line', refusedAs: 'customer' },
  phone: { words: { en: 'Phone', zh: '联系电话' }, answer: 'line', refusedAs: 'phone' },
  channel: { words: { en: 'How did the complaint come in?', zh: '投诉方式' }, answer: { vocab: CHANNEL, default: DEFAULT_CHANNEL }, refusedAs: null },
  category: { words: { en: 'Category', zh: '投诉类别' }, answer: { vocab: CATEGORY }, refusedAs: null },
  // Asked after the shop's criteria of a major complaint (answerSeverity), which a refusal asks again.
  severity: { words: { en: 'Severity', zh: '严重程度' }, answer: { vocab: SEVERITY, default: DEFAULT_SEVERITY }, refusedAs: 'majorCriterion' },
  // Chosen with the severity, never asked on its own.
  majorCriterion: { words: { en: 'Major because', zh: '重大投诉依据' }, answer: 'line', refusedAs: null },
  description: { words: { en: "What happened, in the customer's words", zh: '投诉内容（客户原话）' }, answer: 'text', refusedAs: 'description' },
  request: { words: { en: 'What does the customer want?', zh: '客户要求' }, answer: 'line', refusedAs: 'request' },
  received: { words: { en: 'When was it received?', zh: '受理时间' }, answer: 'line', refusedAs: 'at' },
  ref: { words: { en: 'Paper form number', zh: '纸质投诉单编号' }, answer: 'line', refusedAs: 'ref' },
  order: { words: { en: 'Order or product reference', zh: '订单号或商品编号' }, answer: 'line', refusedAs: 'order' },
};

const WORDS = {
  skip: { en: '(Enter to skip)', zh: '（回车跳过）' },
  now: { en: '(Enter for now)', zh: '（回车表示现在）' },
  record: { en: 'Record this complaint?', zh: '登记这条投诉吗？' },
  yes: { en: 'Yes, record it', zh: '是，登记' },
  change: { en: 'Change an answer', zh: '修改某一项' },
  which: { en: 'Which answer?', zh: '修改哪一项？' },
  major: { en: 'Is it a major complaint? Does one of these apply?', zh: '是否属于重大投诉？是否符合以下任一情形？' },
  noneApplies: { en: 'None of these', zh: '以上都不是' },
} as const satisfies Record<string, Sentence>;

export interface Start {
  readonly draft: Draft;
  /** The fields to ask for before the summary. */
  readonly asked: 'everything' | readonly DraftField[];
  /** --by, as given. */
  readonly by: string | undefined;
  /** The shop's settings: its criteria of a major complaint, which decide judges the one chosen by. */
  readonly settings: Settings;
}

/** Asks, shows the summary, and records the complaint with `record` once it is confirmed; returns what `record` returns. */
export async function interview(context: CliContext, start: Start, record: (draft: Draft) => Promise<string>): Promise<string> {
  const session = new Interview(context, start);
  // A flag that no question gives (--by) and that decide refuses fails before anything is asked.
  session.firstRefusal();
  for (const field of start.asked === 'everything' ? DRAFT_FIELDS.map(([name]) => name) : start.asked) await session.answer(field);
  for (;;) {
    // A value given as a flag that decide refuses is asked for too.
    const refused = session.firstRefusal();
    if (refused !== null) {
      await session.answer(refused.field, refused.sentence);
      continue;
    }
    const change = await session.review();
    if (change !== 'record') {
      await session.answer(change);
      continue;
    }
    try {
      return await record(session.draft);
    } catch (error) {
      // A new complaint conflicts only with another that has its form number.
      if (!(error instanceof DomainError && error.code === 'conflict' && session.draft.ref !== undefined)) throw error;
      await session.answer('ref', error.sentence[context.lang]);
    }
  }
}

class Interview {
  draft: Draft;
  private readonly asking: Asking;
  private readonly by: string;
  private readonly settings: Settings;
  /** The shop's criteria of a major complaint, in the order it keeps them. */
  private readonly criteria: readonly string[];

  constructor(
    private readonly context: CliContext,
    start: Start,
  ) {
    this.draft = start.draft;
    this.settings = start.settings;
    this.criteria = start.settings.majorCriteria;
    this.asking = { lang: context.lang, color: context.color };
    // The actor as the write will take it, but for the shop's configured one, which only the write reads.
    this.by = context.actor(start.by, DEFAULT_SETTINGS);
  }

  /** Asks for `field` until decide accepts the answer; Ctrl-D keeps what was there if decide accepts that, else cancels. */
  async answer(field: DraftField, refusal?: string): Promise<void> {
    if (field === 'severity' || field === 'majorCriterion') return this.answerSeverity(refusal);
    let error = refusal;
    let initial = this.typedOf(field);
    for (;;) {
      const typed = await this.put(field, error, initial);
      if (typed === null) {
        if (this.keeps(field)) return;
        throw cancelled();
      }
      const read = this.read(field, typed);
      error = 'refused' in read ? read.refused : this.refusalOf(field, read.draft);
      if (error === undefined && 'draft' in read) {
        this.draft = read.draft;
        return;
      }
      initial = typed;
    }
  }

  /**
   * The severity: first whether one of the shop's criteria of a major complaint applies (one that
   * does makes it major, and is recorded), then, when none does, the severity. Ctrl-D keeps what
   * was chosen (or the default: major through the press or a regulator, else normal).
   */
  private async answerSeverity(refusal: string | undefined): Promise<void> {
    const { lang } = this.context;
    const none = '';
    const throughPress = this.draft.channel === 'third-party' && this.criteria.includes('press-or-regulator') ? 'press-or-regulator' : none;
    const criterion = await askChoice(
      {
        message: WORDS.major[lang],
        choices: [...this.criteria.map((value) => ({ value, name: visible(criterionWords(value, lang), { oneLine: true }) })), { value: none, name: WORDS.noneApplies[lang] }],
        default: this.draft.majorCriterion ?? throughPress,
        error: refusal,
      },
      this.asking,
    );
    if (criterion === null) return;
    if (criterion !== none) {
      this.draft = { ...this.draft, severity: 'major', majorCriterion: criterion };
      return;
    }
    const { majorCriterion: _dropped, ...rest } = this.draft;
    const severity = await askChoice(
      { message: QUESTIONS.severity.words[lang], choices: vocabularyChoices(SEVERITY, lang), default: rest.severity ?? defaultSeverity(rest.channel ?? DEFAULT_CHANNEL) },
      this.asking,
    );
    this.draft = severity === null ? rest : { ...rest, severity: severity as Severity };
  }

  /** The first refusal decide gives of the draft, with the field to ask again; one of a flag no question gives (--by) is thrown. */
  firstRefusal(): { field: DraftField; sentence: string } | null {
    const refused = this.check(this.draft);
    if (refused === null) return null;
    const field = DRAFT_FIELDS.map(([name]) => name).find((name) => QUESTIONS[name].refusedAs === refused.field);
    if (field === undefined) throw refused;
    return { field, sentence: refused.sentence[this.context.lang] };
  }

  /** The summary: 'record', or the field to change. */
  async review(): Promise<DraftField | 'record'> {
    const { lang } = this.context;
    for (;;) {
      const choice = await askChoice(
        {
          message: `${WORDS.record[lang]}\n${renderDraft(this.draft, this.context)}`,
          choices: [
            { value: 'record', name: WORDS.yes[lang] },
            { value: 'change', name: WORDS.change[lang] },
          ],
        },
        this.asking,
      );
      // Ctrl-D: neither recorded nor changed.
      if (choice === null) throw cancelled();
      if (choice === 'record') return 'record';
      const field = await askChoice(
        {
          message: WORDS.which[lang],
          choices: DRAFT_FIELDS.map(([name, label]) => {
            const value = draftValue(this.draft, name, this.context);
            return { value: name, name: `${t(label, lang)}: ${value === null ? t('none', lang) : quoted(visible(value, { oneLine: true }))}` };
          }),
        },
        this.asking,
      );
      // Ctrl-D: back to the summary.
      if (field !== null) return field;
    }
  }

  private async put(field: DraftField, error: string | undefined, initial: string | undefined): Promise<string | null> {
    const { lang } = this.context;
    const { words, answer } = QUESTIONS[field];
    if (typeof answer === 'object') {
      return askChoice({ message: words[lang], choices: vocabularyChoices(answer.vocab, lang), default: initial ?? answer.default, error }, this.asking);
    }
    const optional = answer === 'line' && this.refusalOf(field, { ...this.draft, [field]: undefined }) === undefined;
    const hint = field === 'received' ? WORDS.now : optional ? WORDS.skip : undefined;
    return askText({ message: words[lang], hint: hint?.[lang], multiline: answer === 'text', initial, error }, this.asking);
  }

  /** The draft with a typed answer (an empty one leaves the field out), or why the answer cannot be read. */
  private read(field: DraftField, typed: string): { draft: Draft } | { refused: string } {
    const empty = typed.trim() === '';
    if (field !== 'received') return { draft: { ...this.draft, [field]: empty ? undefined : typed } };
    try {
      // Read as --received reads its value.
      return { draft: { ...this.draft, received: empty ? undefined : readTimeOption(typed, '--received', this.context.now) } };
    } catch (error) {
      if (error instanceof UserError) return { refused: error.sentence[this.context.lang] };
      throw error;
    }
  }

  /** Whether Ctrl-D may leave `field` as it is: a code already chosen or taken by default, a text decide accepts as it is. */
  private keeps(field: DraftField): boolean {
    const { answer } = QUESTIONS[field];
    if (typeof answer === 'object') return this.draft[field] !== undefined || answer.default !== undefined;
    return this.refusalOf(field, this.draft) === undefined;
  }

  /** Decide's sentence when it refuses `field` in `draft`. */
  private refusalOf(field: DraftField, draft: Draft): string | undefined {
    const refused = this.check(draft);
    return refused !== null && refused.field === QUESTIONS[field].refusedAs ? refused.sentence[this.context.lang] : undefined;
  }

  private check(draft: Draft): DomainError | null {
    const { now } = this.context;
    try {
      // The category is a code, which decide does not judge: before it is chosen any will do to hear what
      // decide says of the rest. The deadlines it sets are not kept from here.
      const command = openCommand({ ...draft, category: draft.category ?? CATEGORY.codes[0]! }, { uuid: '', by: this.by }, now);
      decide(null, command, { now, settings: this.settings, zone: LOCAL_ZONE });
      return null;
    } catch (error) {
      if (error instanceof DomainError) return error;
      throw error;
    }
  }

  /** The answer so far as it would be typed, to edit. */
  private typedOf(field: DraftField): string | undefined {
    if (field !== 'received') return this.draft[field];
    const received = this.draft.received;
    return received === undefined ? undefined : typedTime(received);
  }
}

// A value a command cannot do without, asked for on a terminal when it is not given (`kesu followup 7`
// asks for the satisfaction); off a terminal, a usage error (exit 2) naming its flag. The answer
// reaches the command as the flag's text would, so it is read and judged (`decide`) as the flag's
// is; an answer that `decide` refuses is asked for again, with the refusal's sentence.
import { DomainError, type Field, type Sentence } from '../workflow/errors.js';
import type { Vocabulary } from '../workflow/vocab.js';
import { cancelled, missingArgument, missingOption, usage } from './errors.js';
import type { Asking } from './prompts.js';

export interface Question {
  /** The flag that gives the value on the command line (or the argument's name). */
  readonly flag: string;
  /** What `decide` calls the value, where it judges it: a refusal of this field asks for it again. */
  readonly field?: Field;
  readonly words: Sentence;
  /** One line of text, several lines, or one of a vocabulary's codes. */
  readonly answer: 'line' | 'text' | Vocabulary<string>;
  /** Said off a terminal; by default what commander says of a missing option's value, or of a missing argument. */
  readonly missing?: Sentence;
}

export class Asker {
  /** This run's answers, by flag: a command run again after a refusal gets the answer given since. */
  private readonly answers = new Map<string, { readonly question: Question; answer: string }>();

  constructor(
    private readonly onTerminal: () => boolean,
    private readonly asking: Asking,
  ) {}

  /** The answer to `question` (asked once per run), or a usage error off a terminal. */
  async ask(question: Question): Promise<string> {
    const given = this.answers.get(question.flag);
    if (given !== undefined) return given.answer;
    if (!this.onTerminal()) {
      const { en, zh } = question.missing ?? (question.flag.startsWith('--') ? missingOption(question.flag) : missingArgument(question.flag));
      throw usage(en, zh);
    }
    const answer = await this.put(question, {});
    this.answers.set(question.flag, { question, answer });
    return answer;
  }

  /** Whether `error` refused an answer given here; if so, that question has been asked again. */
  async askAgain(error: unknown): Promise<boolean> {
    if (!(error instanceof DomainError) || error.field === null) return false;
    const entry = [...this.answers.values()].find(({ question }) => question.field === error.field);
    if (entry === undefined) return false;
    entry.answer = await this.put(entry.question, { error: error.sentence[this.asking.lang], initial: entry.answer });
    return true;
  }

  private async put(question: Question, again: { error?: string; initial?: string }): Promise<string> {
    const { askChoice, askText, vocabularyChoices } = await import('./prompts.js');
    const { lang } = this.asking;
    const message = question.words[lang];
    const answer =
      typeof question.answer === 'string'
        ? await askText({ message, multiline: question.answer === 'text', ...again }, this.asking)
        : await askChoice({ message, choices: vocabularyChoices(question.answer, lang), default: again.initial, error: again.error }, this.asking);
    // Ctrl-D: without this value the command cannot be done.
    if (answer === null) throw cancelled();
    return answer;
  }
}
